"""Staged enforcement: a deny that starts on a day (``[deny-from]``), a dated warning before it.

openDesk's rule is that every MUST was a SHOULD for at least 90 days. A policy keeps its verdicts
where they are (``[categories]``, ``[licenses] deny``, the rules' severities) and says in
``[deny-from.categories]``, ``[deny-from.licenses]`` and ``[deny-from.rules]`` from which day each
deny applies. Before that day the component is ``review`` and its finding is a ``staged-deny``
warning that names the day; from the day on it is denied, and the finding says since when.

The day is the check's day: ``SOURCE_DATE_EPOCH`` when it is set, else today in UTC (as the reports'
date), so that a run can be repeated. Imported only for a policy with a ``[deny-from]`` table.
"""

from __future__ import annotations

from osscheck.messages import Message
from osscheck.model import Finding, Severity, Status

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable
    from typing import Any

    from osscheck.errors import PolicyError
    from osscheck.policy.evaluate import Term
    from osscheck.policy.model import Policy

    #: the FILE:LINE error for a message, at a key of a [deny-from.TABLE] (or the table itself)
    Fail = Callable[[Message, str, str | None], PolicyError]

TABLES = ("categories", "licenses", "rules")
STAGED_RULE = "staged-deny"
# the evaluation stages these itself, term by term (so that an OR prefers a branch whose deny has
# not begun); the findings of every other rule are staged afterwards by stage_findings
TERM_RULES = frozenset({"denied-license", "incompatible-license", "unknown-license", "low-confidence"})
# the rule of the finding a denied term gives (evaluate.LIST_RULES: reasons that are no rule)
_FINDING_RULE = {
    "category": "denied-license",
    "deny-list": "denied-license",
    "non-osi-license": "denied-license",
    "non-opencode-license": "denied-license",
}


def today() -> dt.date:
    """The check's day: ``SOURCE_DATE_EPOCH``'s, else today's (UTC)."""
    from osscheck.reports._stamp import stamp_time  # lazy: start-up (datetime, dataclasses)

    return stamp_time().date()


# --- the policy file -----------------------------------------------------------------------------


def read(table: Any, policy: Policy, fail: Fail) -> dict[str, dict[str, dt.date]]:
    """The dates of ``policy`` (its parent's, merged into the policy so far) with a file's ``[deny-from]``.

    A date the file writes must stage a deny that the policy has: a denied category, a licence on
    the deny list, a rule whose findings can be errors. A parent's date for a category or licence
    the child no longer denies is dropped: the child's verdict is the later word.
    """
    if not isinstance(table, dict):
        raise fail(Message("policy.must-be-table", table="deny-from"), "", None)
    merged = {name: dict(policy.deny_from.get(name, {})) for name in TABLES}
    for name, entries in table.items():
        if name not in TABLES:
            known = ", ".join(TABLES)
            raise fail(
                Message("policy.unknown-key", key=repr(name), table="[deny-from]", known=known), "", name
            )
        if not isinstance(entries, dict):
            raise fail(Message("policy.must-be-table", table=f"deny-from.{name}"), name, None)
        for key, value in entries.items():
            day = _day(value)
            if day is None:
                message = Message("policy.deny-from-not-date", table=name, key=key, value=repr(value))
                raise fail(message, name, key)
            merged[name][_READERS[name](key, policy, _at(fail, name, key))] = day
    merged["categories"] = {k: d for k, d in merged["categories"].items() if policy.verdict_for(k) == "deny"}
    merged["licenses"] = {k: d for k, d in merged["licenses"].items() if k in policy.deny}
    return {name: dict(sorted(dates.items())) for name, dates in merged.items() if dates}


def _at(fail: Fail, table: str, key: str) -> Callable[[Message], PolicyError]:
    return lambda message: fail(message, table, key)


def _day(value: Any) -> dt.date | None:
    import datetime as dt  # lazy: start-up

    if isinstance(value, dt.datetime):  # a date-time counts as its day
        return value.date()
    return value if isinstance(value, dt.date) else None


def _category(key: str, policy: Policy, fail: Callable[[Message], PolicyError]) -> str:
    from osscheck.licenses.catalog import CATEGORIES

    if key not in CATEGORIES:
        raise fail(Message("policy.unknown-category", category=repr(key), known=", ".join(CATEGORIES)))
    verdict = policy.verdict_for(key)
    if verdict != "deny":
        raise fail(Message("policy.deny-from-not-denied", key=key, verdict=verdict))
    return key


def _licence(key: str, policy: Policy, fail: Callable[[Message], PolicyError]) -> str:
    from osscheck.policy.schema import expression

    licence = expression(key, fail)
    if licence not in policy.deny:
        raise fail(Message("policy.deny-from-not-on-deny-list", key=key))
    return licence


def _rule(key: str, policy: Policy, fail: Callable[[Message], PolicyError]) -> str:
    from osscheck import rules

    can = stageable()
    if key not in rules.BY_ID:
        raise fail(Message("policy.deny-from-unknown-rule", key=repr(key), known=", ".join(can)))
    if key not in can:
        raise fail(Message("policy.deny-from-not-an-error", key=key, known=", ".join(can)))
    return key


def stageable() -> tuple[str, ...]:
    """The rules whose findings can be errors: those that are by default, and low-confidence (an
    uncertain reading gets the unknown verdict, deny under most policies)."""
    from osscheck import rules

    errors = {r.id for r in rules.RULES if r.severity is Severity.ERROR} | {"low-confidence"}
    return tuple(r.id for r in rules.RULES if r.id in errors)


_READERS: dict[str, Callable[[str, Policy, Callable[[Message], PolicyError]], str]] = {
    "categories": _category,
    "licenses": _licence,
    "rules": _rule,
}


# --- the evaluation ------------------------------------------------------------------------------


def term_date(term: Term, policy: Policy) -> dt.date | None:
    """The day a denied term's deny starts: the latest of the dates that stage it, if any."""
    dates = policy.deny_from
    found = [dates.get("rules", {}).get(_FINDING_RULE.get(term.rule, term.rule))]
    if term.rule == "category":
        found.append(dates.get("categories", {}).get(term.category))
    elif term.rule == "unknown-license":
        found.append(dates.get("categories", {}).get("unknown"))
    elif term.rule == "deny-list":
        listed = dates.get("licenses", {})
        found.append(listed.get(term.license) or listed.get(term.license.split(" WITH ")[0]))
    return max((d for d in found if d is not None), default=None)


def low_confidence_date(policy: Policy) -> dt.date | None:
    """The day the deny of an uncertain reading starts: it is judged as an unknown licence."""
    dates = policy.deny_from
    found = (dates.get("rules", {}).get("low-confidence"), dates.get("categories", {}).get("unknown"))
    return max((d for d in found if d is not None), default=None)


def stage_term(term: Term, policy: Policy, day: dt.date | None) -> Term:
    """A denied term as its deny-from date has it: review before the day, denied since it."""
    when = term_date(term, policy)
    if when is None:
        return term
    if before(when, day):
        reason = staged_reason(term.license if term.license != "unknown" else None, term.reason, when, policy)
        return term.replace(status=Status.REVIEW, rule=STAGED_RULE, reason=reason)
    return term.replace(reason=since(term.reason, when))


def before(when: dt.date, day: dt.date | None) -> bool:
    return (day or today()) < when


def staged_reason(what: str | None, reason: Message, when: dt.date, policy: Policy) -> Message:
    """ "SSPL-1.0 will be denied from 2027-01-01 under policy P: <reason>"."""
    return Message(
        "reason.staged-deny",
        license=what or Message("finding.unknown-licence"),
        date=when.isoformat(),
        policy=policy.name,
        reason=reason,
    )


def since(reason: Message, when: dt.date) -> Message:
    return Message("reason.denied-since", reason=reason, date=when.isoformat())


def stage_findings(findings: list[Finding], policy: Policy, day: dt.date | None) -> list[Finding]:
    """The error findings of a staged rule (other than the evaluation's own): a ``staged-deny``
    warning before the rule's date, an error that says since when from it on."""
    dates = policy.deny_from.get("rules", {})
    out = []
    for finding in findings:
        when = dates.get(finding.rule)
        if when is None or finding.rule in TERM_RULES or finding.severity is not Severity.ERROR:
            out.append(finding)
            continue
        detail = finding.detail
        if before(when, day):
            staged = Message(
                "finding.staged-rule",
                rule=finding.rule,
                date=when.isoformat(),
                policy=policy.name,
                reason=detail,
            )
            out.append(
                Finding(
                    "staged-deny",
                    Severity.WARNING,
                    _about(finding, staged),
                    finding.hint,
                    finding.component,
                    finding.location,
                )
            )
        else:
            message = _about(finding, Message("finding.error-since", reason=detail, date=when.isoformat()))
            out.append(finding.replace(message=message))
    return out


def _about(finding: Finding, detail: Message) -> Message:
    """``detail`` about the finding's component, as its message was (``REF: detail``)."""
    if finding.message.code == "finding.of-component":
        return Message("finding.of-component", ref=finding.message.args["ref"], detail=detail)
    return detail

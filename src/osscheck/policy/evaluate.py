"""Judge licence expressions and components against a policy.

OR chooses the best branch and records it (on equal status the one that asks the least: public
domain before permissive before weak copyleft ..., then the fewer obligations); AND takes the worst
operand, and its category is its most restrictive term's; ``X WITH exception`` is judged as a pair;
an unknown licence gets the policy's ``unknown`` verdict and never passes silently, and so does a
licence recognised with less confidence than the policy asks for.
"""

from __future__ import annotations

import functools

from osscheck.licenses import catalog, compat
from osscheck.licenses.catalog import NON_STANDARD
from osscheck.licenses.expression import And, LicenseId, Node, Or, WithException, leaf_license, leaves, parse
from osscheck.licenses.obligations import obligations_for
from osscheck.messages import Message, category_words, verdict_word
from osscheck.model import Component, Finding, FrozenRecord, Location, Record, Scope, Severity, Status
from osscheck.policy import versions
from osscheck.policy.model import Policy, PolicyException

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt

# enum members looked up once: attribute access on an Enum class is slow in a 100,000-component loop
_ALLOWED, _IGNORED, _DEV = Status.ALLOWED, Status.IGNORED, Scope.DEV
_VERDICT_STATUS = {"allow": Status.ALLOWED, "review": Status.REVIEW, "deny": Status.DENIED}
_COMPAT_CATEGORIES = ("permissive", "public-domain", "weak-copyleft", "strong-copyleft", "network-copyleft")
# the reasons of a term that a finding does not name as its rule: it is denied-license or
# review-required by the status (allow-list makes no finding; the other reasons are rules of
# osscheck.rules themselves)
LIST_RULES = frozenset({"category", "deny-list", "review-list", "non-osi-license", "non-opencode-license"})


class Term(FrozenRecord):
    """The verdict on one licence of an expression, and why."""

    def __init__(
        self,
        license: str,
        category: str,
        status: Status,
        rule: str,  # allow-list, deny-list, review-list, category, unknown-license, incompatible-license, ...
        reason: Message,
    ) -> None:
        self.license = license
        self.category = category
        self.status = status
        self.rule = rule
        self.reason = reason


class Verdict(Record):
    def __init__(
        self,
        status: Status,
        category: str,
        chosen: Node | None,
        terms: list[Term] | None = None,  # terms of the chosen licences
        considered: list[Term] | None = None,  # every term, chosen or not
    ) -> None:
        self.status = status
        self.category = category
        self.chosen = chosen
        self.terms = [] if terms is None else terms
        self.considered = [] if considered is None else considered

    @property
    def worst_term(self) -> Term | None:
        # of equals, a staged deny: its finding names the day the deny starts
        return max(self.terms, key=lambda t: (t.status.rank, t.rule == "staged-deny"), default=None)


def judge(
    expression: Node | None, policy: Policy, outbound: Node | None, today: dt.date | None = None
) -> Verdict:
    """The verdict on one licence expression (``None``: unknown).

    ``today`` is the day a ``[deny-from]`` date is compared with (``None``: the check's day).
    """
    if expression is None:
        status = _VERDICT_STATUS[policy.unknown]
        term = _staged(
            Term("unknown", "unknown", status, "unknown-license", _unknown_reason(None, policy)),
            policy,
            today,
        )
        return Verdict(term.status, "unknown", None, [term], [term])
    whole = str(expression)
    if isinstance(expression, (And, Or)):
        for listed, status, rule in _lists(policy):
            if whole in listed:
                term = Term(whole, _worst_category(expression), status, rule, _list_reason(rule))
                term = _staged(term, policy, today)
                return Verdict(term.status, term.category, expression, [term], [term])
    return _judge(expression, policy, outbound, today)


def _staged(term: Term, policy: Policy, today: dt.date | None) -> Term:
    """A denied term under a policy that stages its deny (``[deny-from]``): see policy.staging."""
    if term.status is not Status.DENIED or not policy.deny_from:
        return term
    from osscheck.policy import staging  # lazy: start-up (only a staged policy needs it)

    return staging.stage_term(term, policy, today)


def _judge(node: Node, policy: Policy, outbound: Node | None, today: dt.date | None) -> Verdict:
    if isinstance(node, Or):
        branches = [_judge(a, policy, outbound, today) for a in node.args]
        best = min(branches, key=lambda v: _preference(v, policy))  # min keeps the first of equals
        considered = [t for b in branches for t in b.considered]
        return Verdict(best.status, best.category, best.chosen, best.terms, considered)
    if isinstance(node, And):
        parts = [_judge(a, policy, outbound, today) for a in node.args]
        worst = max(parts, key=lambda v: v.status.rank)
        chosen = tuple(p.chosen for p in parts if p.chosen is not None)
        category = catalog.most_restrictive(p.category for p in parts)
        terms = [t for p in parts for t in p.terms]
        considered = [t for p in parts for t in p.considered]
        return Verdict(
            worst.status, category, And(chosen) if len(chosen) > 1 else chosen[0], terms, considered
        )
    term = judge_leaf(node, policy, outbound, today)
    return Verdict(term.status, term.category, node, [term], [term])


def _preference(verdict: Verdict, policy: Policy) -> tuple[int, int, int]:
    """How good a branch of a choice is: its status, then how much it asks of the user."""
    asked = terms_obligations(verdict.terms, policy)
    return verdict.status.rank, catalog.RESTRICTIVENESS[verdict.category], len(asked)


def terms_obligations(terms: list[Term], policy: Policy) -> list[str]:
    """What publishing requires for these terms, in the policy's context."""
    return obligations_for(
        [(t.license.split(" WITH ")[0], t.category) for t in terms], policy.context, policy.obligations
    )


def _opencode_approved(key: str, policy: Policy) -> bool:
    if policy.non_opencode == "allow":
        return False
    from osscheck.licenses import opencode  # lazy: read only for policies that ask

    return opencode.status(key) == opencode.APPROVED


def _opencode_term(term: Term, key: str, policy: Policy) -> Term:
    """openCode's list: a licence it does not release, or one that neither it nor the OSI approved, is
    denied; an OSI licence it has not listed gets the policy's ``non-opencode`` verdict."""
    from osscheck.licenses import opencode  # lazy: read only for policies that ask

    listed = opencode.status(key)
    if listed == opencode.APPROVED:
        return term
    if listed == opencode.NOT_APPROVED:
        reason = Message("reason.opencode-not-approved", version=opencode.data()["version"])
        return Term(term.license, term.category, Status.DENIED, "non-opencode-license", reason)
    if not catalog.is_osi_approved(key):
        reason = Message("reason.not-opencode-nor-osi", version=opencode.data()["version"])
        return Term(term.license, term.category, Status.DENIED, "non-opencode-license", reason)
    worse = _VERDICT_STATUS[policy.non_opencode]
    if worse.rank <= term.status.rank:
        return term
    reason = Message("reason.not-opencode", version=opencode.data()["version"])
    return Term(term.license, term.category, worse, "non-opencode-license", reason)


def judge_leaf(
    leaf: LicenseId | WithException, policy: Policy, outbound: Node | None, today: dt.date | None = None
) -> Term:
    return _staged(_judge_leaf(leaf, policy, outbound), policy, today)


def _judge_leaf(leaf: LicenseId | WithException, policy: Policy, outbound: Node | None) -> Term:
    text = str(leaf)
    lic = leaf_license(leaf)
    category = _leaf_category(leaf)
    for listed, status, rule in _lists(policy):
        if text in listed or (isinstance(leaf, LicenseId) and lic.key in listed):
            return Term(text, category, status, rule, _list_reason(rule))
    if text == NON_STANDARD:
        # a registry knows this licence but cannot name it: not unknown, a person has to read it
        return Term(text, category, Status.REVIEW, "non-standard-license", Message("reason.non-standard"))
    if category == "unknown":
        return Term(
            text, category, _VERDICT_STATUS[policy.unknown], "unknown-license", _unknown_reason(text, policy)
        )
    verdict = policy.verdict_for(category)
    status = _VERDICT_STATUS[verdict]
    reason = Message("reason.category", category=category_words(category), verdict=verdict_word(verdict))
    term = Term(text, category, status, "category", reason)
    if (
        status is not Status.DENIED
        and policy.non_osi != "allow"
        and not catalog.is_osi_approved(lic.key)
        and not _opencode_approved(lic.key, policy)  # the platform's own list decides for it
    ):
        worse = _VERDICT_STATUS[policy.non_osi]
        if worse.rank > status.rank:
            term = Term(text, category, worse, "non-osi-license", Message("reason.not-osi"))
    if term.status is not Status.DENIED and policy.non_opencode != "allow":
        term = _opencode_term(term, lic.key, policy)
    if (
        term.status is not Status.DENIED
        and outbound is not None
        and policy.context != "internal"
        and category in _COMPAT_CATEGORIES
    ):
        result = compat.check(outbound, leaf, policy.mode)
        if result.compatible is False:
            return Term(text, category, Status.DENIED, "incompatible-license", result.reason)
        if result.compatible is None and term.status.rank < Status.REVIEW.rank:
            return Term(text, category, Status.REVIEW, "compatibility-unclear", result.reason)
        if result.compatible and category in ("strong-copyleft", "network-copyleft", "weak-copyleft"):
            reason = Message("reason.and", first=term.reason, second=result.reason)
            term = Term(text, category, term.status, term.rule, reason)
    return term


def _lists(policy: Policy) -> tuple[tuple[tuple[str, ...], Status, str], ...]:
    return (
        (policy.deny, Status.DENIED, "deny-list"),
        (policy.allow, Status.ALLOWED, "allow-list"),
        (policy.review, Status.REVIEW, "review-list"),
    )


_LIST_REASONS = {
    "deny-list": Message("reason.on-deny-list"),
    "allow-list": Message("reason.on-allow-list"),
    "review-list": Message("reason.on-review-list"),
}


def _list_reason(rule: str) -> Message:
    return _LIST_REASONS[rule]


def _unknown_reason(text: str | None, policy: Policy) -> Message:
    if text is None:
        what = Message("reason.no-licence-found")
    else:
        what = Message("reason.not-on-spdx-licence-list", license=text)
    return Message("reason.unknown", what=what, verdict=verdict_word(policy.unknown))


def _worst_category(node: Node) -> str:
    return catalog.most_restrictive(_leaf_category(leaf) for leaf in leaves(node))


def _leaf_category(leaf: LicenseId | WithException) -> str:
    lic = leaf_license(leaf)
    if not lic.known:
        return "unknown"
    if isinstance(leaf, WithException):
        return catalog.pair_category(lic.key, leaf.exception)
    return catalog.category_of(lic.key)


# --- components --------------------------------------------------------------------------------


class Evaluation(Record):
    def __init__(
        self,
        findings: list[Finding] | None = None,
        used_exceptions: set[int] | None = None,
        index: RegisterIndex | None = None,
        project: str | None = None,  # the project's name, for an exception's ``scope``
    ) -> None:
        self.findings = [] if findings is None else findings
        self.used_exceptions = set() if used_exceptions is None else used_exceptions
        self.index = index
        self.project = project


class RegisterIndex:
    """The register's entries by what they name: purl, component name, or licence (for entries
    that name no package). A component is compared with the entries under its keys only, in
    register order, instead of with every entry: 10,000 entries cost a few look-ups per component.
    """

    def __init__(self, exceptions: tuple[PolicyException, ...]) -> None:
        self.exceptions = exceptions
        self.by_package: dict[str, list[int]] = {}
        self.by_name: dict[str, list[int]] = {}
        self.by_license: dict[str, list[int]] = {}
        self._license_keys: dict[tuple[str, str | None], tuple[str, ...]] = {}  # once per licence
        for at, exc in enumerate(exceptions):
            if exc.package is not None:
                self.by_package.setdefault(_purl_base(exc.package), []).append(at)
            elif exc.name is not None:
                self.by_name.setdefault(exc.name.casefold(), []).append(at)
            elif exc.license is not None:
                self.by_license.setdefault(exc.license, []).append(at)

    def candidates(self, c: Component) -> list[int]:
        """The positions of the entries that may match ``c``, in register order."""
        found: list[int] = []
        if c.purl and self.by_package:
            found += self.by_package.get(_purl_base(_bare_purl(c)), ())
        if self.by_name:
            found += self.by_name.get(c.name.casefold(), ())
        if self.by_license and c.license is not None:
            for key in self._keys_of(c.license, c.chosen):
                found += self.by_license.get(key, ())
        return sorted(set(found)) if len(found) > 1 else found

    def _keys_of(self, license: str, chosen: str | None) -> tuple[str, ...]:
        """The licence keys an entry may name for a component: its expression, choice, and terms."""
        kept = self._license_keys.get((license, chosen))
        if kept is None:
            keys = {license, chosen}
            parsed = parse(license).expression
            if parsed is not None:
                keys.update(str(x) for x in leaves(parsed))
            kept = self._license_keys[(license, chosen)] = tuple(sorted(k for k in keys if k is not None))
        return kept


def evaluate(
    components: list[Component],
    policy: Policy,
    outbound: str | None,
    today: dt.date | None = None,
    project: str | None = None,
) -> list[Finding]:
    """Set status, chosen, category and obligations on each component; return the findings.

    ``project``: the project's name, which an exception's ``scope`` may name.
    """
    staging_day = today
    if today is None and policy.deny_from:  # the check's day (SOURCE_DATE_EPOCH), as the reports'
        from osscheck.policy import staging  # lazy: start-up

        staging_day = staging.today()
    if today is None and policy.exceptions:  # only an exception's expiry needs the date
        import datetime  # lazy: start-up

        today = datetime.date.today()
    outbound_node = parse(outbound).expression if outbound else None
    state = Evaluation(index=RegisterIndex(policy.exceptions), project=project)
    cache: dict[str | None, tuple[Verdict, str | None, list[str]]] = {}
    for component in components:
        _evaluate_component(component, policy, outbound_node, today, cache, state, staging_day)
    for index, exc in enumerate(policy.exceptions):
        if exc.status == "rejected":  # a record of a refusal, not an entry to clean up
            continue
        if index not in state.used_exceptions and not exc.is_expired(today):
            from osscheck import rules  # lazy: start-up (a run without findings never needs it)

            state.findings.append(
                Finding(
                    "unused-exception",
                    rules.severity("unused-exception"),
                    Message("finding.unused-exception", exception=exc.describe()),
                    Message("hint.remove-from-register"),
                    location=_where(exc, policy),
                )
            )
        if exc.status == "approved" and not exc.is_expired(today):
            state.findings.extend(_overdue(exc, policy, today))
    return state.findings


def _where(exc: PolicyException, policy: Policy) -> Location:
    """Where an entry is written: its register file (or policy) and line."""
    return Location(exc.source or policy.source or "policy", exc.line)


def _overdue(exc: PolicyException, policy: Policy, today: dt.date | None) -> list[Finding]:
    """Warnings for an entry whose review is due or whose exit date has passed."""
    if exc.review_every is None and exc.exit_by is None:
        return []
    from osscheck import rules  # lazy: start-up

    out = []
    due = exc.review_due()
    if due is not None and (today is None or due < today):
        out.append(
            Finding(
                "exception-review-due",
                rules.severity("exception-review-due"),
                Message("finding.exception-review-due", exception=exc.describe(), date=due.isoformat()),
                Message("rule.exception-review-due.hint"),
                location=_where(exc, policy),
            )
        )
    if exc.exit_by is not None and (today is None or exc.exit_by < today):
        out.append(
            Finding(
                "exception-exit-overdue",
                rules.severity("exception-exit-overdue"),
                Message(
                    "finding.exception-exit-overdue", exception=exc.describe(), date=exc.exit_by.isoformat()
                ),
                Message("rule.exception-exit-overdue.hint"),
                location=_where(exc, policy),
            )
        )
    return out


def _evaluate_component(
    c: Component,
    policy: Policy,
    outbound: Node | None,
    today: dt.date | None,
    cache: dict[str | None, tuple[Verdict, str | None, list[str]]],
    state: Evaluation,
    staging_day: dt.date | None = None,
) -> None:
    cached = cache.get(c.license)
    if cached is None:
        expr = parse(c.license).expression if c.license else None
        verdict = judge(expr, policy, outbound, staging_day)
        obligations = terms_obligations(verdict.terms, policy)
        chosen = str(verdict.chosen) if verdict.chosen is not None else None
        cached = cache[c.license] = (verdict, chosen, obligations)
    verdict, c.chosen, obligations = cached
    c.category = verdict.category
    status = verdict.status
    term = verdict.worst_term
    if (c.scope is _DEV and not policy.dev_dependencies) or c.extra.get("workspace"):
        c.status = _IGNORED  # a workspace member is the project itself, not one of its dependencies
        return
    if c.method != "observed" and c.license is not None and c.extra.get("observed"):
        observed = _observed_finding(c, policy, today, state)
        if observed is not None:
            state.findings.append(observed)
    low_confidence = (
        c.license is not None and c.confidence is not None and c.confidence < policy.min_confidence
    )
    if low_confidence:
        # an uncertain reading is no ground for a verdict either way (a classifier guessing GPL is
        # no reason to call the component strong copyleft): it gets what an unknown licence gets;
        # the obligations of the reading stay listed, for the notice errs on the side of caution
        status = _VERDICT_STATUS[policy.unknown]
        c.category = "unknown"
    staged_from = None  # the [deny-from] day of an uncertain reading's deny
    if low_confidence and status is Status.DENIED and policy.deny_from:
        from osscheck.policy import staging  # lazy: start-up

        staged_from = staging.low_confidence_date(policy)
        if staged_from is not None and staging.before(staged_from, staging_day):
            status = Status.REVIEW
    c.obligations = list(obligations)
    if status is _ALLOWED:
        c.status = status
        return
    if status in (Status.REVIEW, Status.DENIED):
        exc, expired, held = _decide(c, policy, today, state)
        if exc is not None:
            c.status = Status.EXEMPTED
            c.exception = exc.to_dict()
            from osscheck import rules  # lazy: start-up

            state.findings.append(
                Finding(
                    "exception-applied",
                    rules.severity("exception-applied"),
                    _of(
                        c,
                        Message(
                            "finding.exception-applied", license=_licence(c), justification=exc.justification
                        ),
                    ),
                    Message("hint.exception-expires", date=exc.expires.isoformat()) if exc.expires else None,
                    c.ref,
                    c.location,
                )
            )
            return
        for waiting, why in held:
            state.findings.append(_held_finding(c, waiting, why, policy))
        for old in expired:
            from osscheck import rules  # lazy: start-up

            state.findings.append(
                Finding(
                    "expired-exception",
                    # an expired exception of a component under review is only a warning
                    rules.severity("expired-exception") if status is Status.DENIED else Severity.WARNING,
                    _of(
                        c,
                        Message("finding.expired-exception", exception=old.describe(), date=str(old.expires)),
                    ),
                    Message("rule.expired-exception.hint"),
                    c.ref,
                    _where(old, policy),
                )
            )
    c.status = status
    if status is Status.DENIED or status is Status.REVIEW:
        state.findings.append(_finding(c, verdict, term, status, low_confidence, policy, staged_from))


def _held_finding(c: Component, exc: PolicyException, why: Message, policy: Policy) -> Finding:
    """The warning for an entry that fits ``c`` but does not clear it: pending, or its text changed."""
    from osscheck import rules  # lazy: start-up

    if why.code == "finding.exception-text-changed":
        return Finding(
            "exception-text-changed",
            rules.severity("exception-text-changed"),
            _of(c, why),
            Message("rule.exception-text-changed.hint"),
            c.ref,
            _where(exc, policy),
        )
    return Finding(
        "exception-pending",
        rules.severity("exception-pending"),
        _of(c, why),
        Message("rule.exception-pending.hint"),
        c.ref,
        _where(exc, policy),
    )


def _observed_finding(
    c: Component, policy: Policy, today: dt.date | None, state: Evaluation
) -> Finding | None:
    """A warning when the files of a component carry a licence its declared licence does not name.

    An unexpired exception for the package (without a licence, or naming one of those licences)
    records the decision and silences the warning for what it covers.
    """
    missing = unnamed_licenses(c.license, tuple(c.extra["observed"]))
    index_ = state.index or RegisterIndex(policy.exceptions)
    for index in index_.candidates(c):
        exc = policy.exceptions[index]
        if not missing:
            break
        if exc.is_expired(today) or not _package_matches(exc, c):
            continue
        if _withheld(exc, c, policy) is not None or not _in_scope(exc, c, state.project):
            continue
        if exc.license is None or exc.license in missing:
            state.used_exceptions.add(index)
            missing = () if exc.license is None else tuple(m for m in missing if m != exc.license)
    if not missing:
        return None
    from osscheck import rules  # lazy: start-up

    return Finding(
        "observed-license",
        rules.severity("observed-license"),
        _of(c, Message("finding.observed-license", observed=", ".join(missing), license=c.license)),
        Message("rule.observed-license.hint"),
        c.ref,
        c.location,
    )


@functools.lru_cache(maxsize=4096)  # a large SBOM repeats a few pairs of declared and observed licences
def unnamed_licenses(expression: str, observed: tuple[str, ...]) -> tuple[str, ...]:
    """What of ``observed`` the licence ``expression`` does not name, first seen first.

    Licence ids are compared, not exceptions: ``GPL-2.0-only`` found in a file is named by a
    declared ``GPL-2.0-only WITH Classpath-exception-2.0`` (the exception only adds permissions),
    and the other way round. A choice found in a file (``MIT OR Apache-2.0``) is named when one of
    its branches is; if none is, the choice is reported as a whole. An observed licence that cannot
    be read says nothing here (it stays in the report).
    """
    from osscheck.resolve import normalize

    node = parse(expression).expression
    named = {str(leaf_license(x)) for x in leaves(node)} if node is not None else set()
    missing: dict[str, None] = {}
    for value in observed:
        found = normalize(value, "expression").license
        found_node = parse(found).expression if found else None
        if found_node is not None:
            missing.update(dict.fromkeys(_not_named(found_node, named)))
    return tuple(missing)


def _not_named(node: Node, named: set[str]) -> list[str]:
    if isinstance(node, And):
        return [m for a in node.args for m in _not_named(a, named)]
    if isinstance(node, Or):
        branches = [_not_named(a, named) for a in node.args]
        return [] if any(not b for b in branches) else [str(node)]
    ident = str(leaf_license(node))
    return [] if ident in named else [ident]


def _finding(
    c: Component,
    verdict: Verdict,
    term: Term | None,
    status: Status,
    low_confidence: bool,
    policy: Policy,
    staged_from: dt.date | None = None,
) -> Finding:
    severity = Severity.ERROR if status is Status.DENIED else Severity.WARNING
    if low_confidence:
        message = Message(
            "finding.low-confidence",
            license=c.license,
            method=c.method,
            confidence=c.confidence,
            threshold=policy.min_confidence,
            verdict=verdict_word(policy.unknown),
        )
        hint = Message("hint.check-by-hand")
        if staged_from is not None:  # the unknown verdict's deny is staged (policy.staging)
            from osscheck.policy import staging  # lazy: start-up

            if status is not Status.DENIED:
                message = staging.staged_reason(c.license, message, staged_from, policy)
                return Finding("staged-deny", severity, _of(c, message), hint, c.ref, c.location)
            message = staging.since(message, staged_from)
        return Finding("low-confidence", severity, _of(c, message), hint, c.ref, c.location)
    rule = term.rule if term else "denied-license"
    if rule in LIST_RULES:
        rule = "denied-license" if status is Status.DENIED else "review-required"
    if rule == "staged-deny" and term is not None:  # the reason names the licence and the day
        return Finding(rule, severity, _of(c, term.reason), hint_for(c, rule, verdict), c.ref, c.location)
    known = term is not None and term.license != "unknown"
    shown = term.license if known and term else c.license or Message("finding.no-licence")
    message = Message("finding.license", license=shown, reason=term.reason if term else "")
    return Finding(rule, severity, _of(c, message), hint_for(c, rule, verdict), c.ref, c.location)


def _of(c: Component, detail: Message) -> Message:
    """A finding about a component: ``REF: detail`` (``Finding.detail`` is the part after the ref)."""
    return Message("finding.of-component", ref=c.ref, detail=detail)


def _licence(c: Component) -> Message | str:
    return c.chosen or c.license or Message("finding.unknown-licence")


def hint_for(c: Component, rule: str, verdict: Verdict) -> Message:
    # a component without a purl is named by its name, which the register accepts as well
    key = "package" if c.purl else "name"
    record = Message("hint.record-exception", key=key, purl=_bare_purl(c))
    if rule == "unknown-license":
        return Message("hint.find-licence", record=record)
    if rule == "non-standard-license":
        return Message("hint.read-licence", record=record)
    better = [t for t in verdict.considered if t.status is Status.ALLOWED]
    if better and c.license and " OR " in c.license:
        return Message("hint.choose-branch", license=better[0].license)
    if rule == "incompatible-license":
        return Message("hint.replace-or-relicense", record=record)
    return Message("hint.replace", record=record)


def _bare_purl(c: Component) -> str:
    if not c.purl:
        return c.name
    head = c.purl.split("?", 1)[0].split("#", 1)[0]
    slash = head.rfind("/")
    at = head.rfind("@")
    return head[:at] if at > slash else head


def _decide(
    c: Component, policy: Policy, today: dt.date | None, state: Evaluation
) -> tuple[PolicyException | None, list[PolicyException], list[tuple[PolicyException, Message]]]:
    """The first entry that clears ``c``; the expired ones before it; the ones held back and why.

    Each entry that fits the component counts as used, cleared or not.
    """
    index = state.index or RegisterIndex(policy.exceptions)
    expired: list[PolicyException] = []
    held: list[tuple[PolicyException, Message]] = []
    for at in index.candidates(c):
        exc = policy.exceptions[at]
        if not _exception_matches(exc, c) or not _in_scope(exc, c, state.project):
            continue
        state.used_exceptions.add(at)
        if exc.status == "rejected":  # a refusal on record: the finding stands
            continue
        if exc.is_expired(today):
            expired.append(exc)
            continue
        why = _withheld(exc, c, policy)
        if why is not None:
            held.append((exc, why))
            continue
        return exc, expired, held
    return None, expired, held


def _withheld(exc: PolicyException, c: Component, policy: Policy) -> Message | None:
    """Why an unexpired entry that fits ``c`` does not clear it, or ``None`` when it does."""
    what = exc.describe()
    if exc.status == "requested":
        return Message("finding.exception-pending", exception=what)
    if exc.status == "rejected":
        return Message("finding.exception-rejected", exception=what)
    if (policy.require_approval or policy.require_separate_approver) and not exc.approved_by:
        return Message("finding.exception-unapproved", exception=what)
    if policy.require_separate_approver:
        if not exc.requested_by:
            return Message("finding.exception-no-requester", exception=what)
        if exc.requested_by.strip().casefold() == (exc.approved_by or "").strip().casefold():
            return Message("finding.exception-self-approved", exception=what, person=exc.requested_by)
    if exc.license_text_sha256 is not None:
        digests = _text_digests(c)
        if digests and exc.license_text_sha256 not in digests:
            return Message("finding.exception-text-changed", exception=what, digest=sorted(digests)[0])
    return None


def _text_digests(c: Component) -> set[str]:
    """The SHA-256 of each licence text the component's input carries (UTF-8, as written)."""
    from osscheck.digest import sha256  # lazy: start-up

    texts = c.extra.get("license_texts") or ()
    return {
        sha256(t["text"].encode("utf-8"))
        for t in texts
        if isinstance(t, dict) and isinstance(t.get("text"), str)
    }


def _in_scope(exc: PolicyException, c: Component, project: str | None) -> bool:
    """Does the entry's ``scope`` cover the component: its project by name, or its input by path?"""
    if not exc.scope:
        return True
    if project is not None and project in exc.scope:
        return True
    if c.location is None or not c.location.path:
        return False
    import fnmatch
    import os.path

    source = exc.source or ""
    base = (
        os.path.dirname(source)
        if source and "://" not in source and not source.startswith("builtin:")
        else ""
    )
    where = os.path.abspath(c.location.path)
    folders = [where]
    while os.path.dirname(folders[-1]) != folders[-1]:
        folders.append(os.path.dirname(folders[-1]))
    for item in exc.scope:
        pattern = os.path.abspath(os.path.join(base, item))
        if any(fnmatch.fnmatchcase(f, pattern) for f in folders):
            return True
    return False


def _find_exception(
    c: Component, policy: Policy, today: dt.date | None
) -> tuple[PolicyException | None, list[PolicyException]]:
    """The first entry that clears ``c`` and the expired ones before it (the register unscoped)."""
    exc, expired, _ = _decide(c, policy, today, Evaluation(index=RegisterIndex(policy.exceptions)))
    return exc, expired


def _package_matches(exc: PolicyException, c: Component) -> bool:
    """Does the exception's package or name (and version range) fit the component? Neither fits any."""
    if exc.package is not None and (not c.purl or _purl_base(_bare_purl(c)) != _purl_base(exc.package)):
        return False
    if exc.name is not None and c.name.casefold() != exc.name.casefold():
        return False
    # a version range narrows a package or a name; on its own it names nothing
    return not (exc.package or exc.name) or not exc.version or versions.matches(c.version, exc.version)


def _exception_matches(exc: PolicyException, c: Component) -> bool:
    if not _package_matches(exc, c):
        return False
    if exc.license is not None:
        if c.license is None:
            return False
        if exc.license not in (c.license, c.chosen):
            parsed = parse(c.license).expression
            if parsed is None or exc.license not in {str(x) for x in leaves(parsed)}:
                return False
    return True


def _purl_base(purl: str) -> str:
    if "%" in purl:
        from urllib.parse import unquote

        text = unquote(purl).lower()
    else:  # the common case, once per component: no import statement, no decoding
        text = purl.lower()
    if text.startswith("pkg:pypi/"):
        text = text.replace("_", "-").replace(".", "-")
    return text

"""The decision: format, completeness and licences together give accepted, accepted with
conditions, or rejected, with what the contractor must fix.

- rejected: a format or format version the profile does not accept (SPDX 2.3), a required field
  missing, something the SBOM must not hold, a licence the policy denies, an entry not readable;
- accepted with conditions: only fields the guideline asks for "if they exist" missing, or
  licences to review;
- accepted otherwise. Optional fields missing are listed as recommendations, not conditions.
"""

from __future__ import annotations

from osscheck.accept.delivery import version_tuple
from osscheck.accept.result import ACCEPTED, CONDITIONS, REJECTED, Fix
from osscheck.accept.words import decimal, field_word
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from osscheck.accept.completeness import Completeness
    from osscheck.accept.delivery import Delivery
    from osscheck.accept.profile import Profile
    from osscheck.policy.model import Policy
    from osscheck.report import Report

FAMILY_NAMES = {"cyclonedx": "CycloneDX", "spdx": "SPDX"}


def accepted_formats(profile: Profile) -> str:
    """``CycloneDX 1.6, SPDX 3.0.1``: the families and their minimum versions, as data for a message."""
    return ", ".join(f"{FAMILY_NAMES.get(f.family, f.family)} {f.minimum}" for f in profile.formats)


def format_problem(delivery: Delivery, profile: Profile) -> Message | None:
    """Why the delivery's format is not accepted, or ``None``."""
    formats = accepted_formats(profile)
    rule = next((f for f in profile.formats if f.family == delivery.family), None)
    if delivery.family is None or rule is None:
        return Message(
            "accept.reason.not-an-sbom", format=delivery.encoding, profile=profile.label, formats=formats
        )
    shown = FAMILY_NAMES.get(rule.family, rule.family)
    have, need = version_tuple(delivery.version), version_tuple(rule.minimum)
    if have is None:
        return Message("accept.reason.no-version", family=shown, profile=profile.label, formats=formats)
    if need is not None and have < need:
        return Message(
            "accept.reason.old-version",
            family=shown,
            version=delivery.version,
            minimum=rule.minimum,
            profile=profile.label,
            formats=formats,
        )
    if delivery.encoding not in rule.encodings:
        return Message(
            "accept.reason.encoding",
            family=shown,
            encoding=delivery.encoding,
            profile=profile.label,
            formats=formats,
        )
    return None


def decide(
    delivery: Delivery, profile: Profile, completeness: Completeness | None, report: Report
) -> tuple[str, list[Message], list[Fix]]:
    """The result, its reasons (one line per kind of problem) and the fixes."""
    from osscheck.model import Severity

    fixes: list[Fix] = []
    reasons: list[Message] = []
    problem = format_problem(delivery, profile)
    if problem is not None:
        reasons.append(problem)
        fixes.append(Fix("format", problem, delivery.path, line=delivery.version_line))
    if completeness is None and problem is None:  # pragma: no cover - every accepted encoding has probes
        reasons.append(Message("accept.reason.not-assessed"))
    if completeness is not None:
        for gap in completeness.gaps:
            level = gap.field.level
            if level == "optional":
                continue  # a recommendation, listed apart
            field = field_word(gap.field)
            if level == "prohibited":
                message = Message("accept.gap.prohibited", field=field)
            else:
                message = Message("accept.gap.missing", field=field)
            kind = "required" if level == "required" else level
            fixes.append(
                Fix(kind, message, delivery.path, gap.pointer, gap.line, gap.component, gap.field.id)
            )
        required = completeness.of_level("required")
        if required:
            reasons.append(
                Message(
                    "accept.reason.required-missing",
                    count=len(required),
                    fields=len({g.field.id for g in required}),
                    score=decimal(completeness.score),
                )
            )
        if completeness.of_level("prohibited"):
            reasons.append(Message("accept.reason.prohibited"))
    for error in report.errors:
        fixes.append(Fix("unreadable", error.message, error.path, None, error.line))
    if report.errors:
        reasons.append(Message("accept.reason.unreadable", count=len(report.errors)))
    for finding in report.findings:
        if finding.severity not in (Severity.ERROR, Severity.WARNING):
            continue
        where = finding.location
        kind = "licence" if finding.severity == Severity.ERROR else "review"
        fixes.append(
            Fix(
                kind,
                finding.message,
                where.path if where else None,
                None,
                where.line if where else None,
                finding.component,
            )
        )
    if report.failed:
        denied = report.summary.denied
        reasons.append(Message("accept.reason.licence", denied=denied, policy=report.policy_name))
    must = [f for f in fixes if f.severity == "must"]
    if must:
        return REJECTED, reasons, fixes
    conditions = [f for f in fixes if f.severity == "condition"]
    if conditions:
        additional = sum(1 for f in conditions if f.kind == "additional")
        review = len(conditions) - additional
        reasons.append(Message("accept.reason.conditions", additional=additional, review=review))
        return CONDITIONS, reasons, fixes
    return ACCEPTED, reasons, fixes


def licence_check(
    delivery: Delivery, policy: str | Path | Policy | None, outbound: str | None, today: dt.date
) -> Report:
    """The licence verdict on the delivered components, as ``osscheck check`` gives it."""
    from osscheck import api
    from osscheck.model import Inventory

    inventory = Inventory(inputs=[delivery.source], errors=list(delivery.source.errors))  # read once
    return api.check([delivery.path], policy=policy, outbound=outbound, inventory=inventory, today=today)

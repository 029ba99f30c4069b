"""openCode readiness: the badge and publication checks osscheck can answer, from one report.

openCode's Open-Source-Badge check LICENSE_POLICY asks for a licence file in the root whose licence
is on openCode's list; its content rules ask for LICENSE files checked for completeness and
correctness, an SBOM, a valid publiccode.yml for the software directory, and recommend REUSE. Each
item is answered from the findings and inputs of the report: passed, failed (with what to fix), or
not answered where osscheck cannot tell (REUSE compliance is reuse lint's verdict: osscheck's own
header scan finds missing and unused licence texts, but claims no compliance).
"""

from __future__ import annotations

from osscheck.messages import Message
from osscheck.model import Status
from osscheck.report import Report

PASSED, FAILED, NOT_ANSWERED = "passed", "failed", "not-answered"
_LICENSE_FILE_RULES = frozenset(
    {
        "license-file-mismatch",
        "license-file-placeholder",
        "license-file-incomplete",
        "license-file-unrecognised",
    }
)


def checklist(report: Report) -> list[tuple[Message, str, Message | None]]:
    """(item, state, detail) for each readiness item, in the order openCode's checks come."""
    rules = {f.rule for f in report.findings}
    items: list[tuple[Message, str, Message | None]] = []
    items.append(
        (
            Message("readiness.license-file"),
            FAILED if "missing-license-file" in rules else PASSED,
            Message("finding.missing-license-file", folder=".") if "missing-license-file" in rules else None,
        )
    )
    items.append(_on_the_list(report))
    broken = sorted({f.rule for f in report.findings if f.rule in _LICENSE_FILE_RULES})
    items.append(
        (
            Message("readiness.license-text"),
            FAILED if broken else PASSED,
            Message("readiness.rules", rules=", ".join(broken)) if broken else None,
        )
    )
    items.append(
        (
            Message("readiness.declarations-agree"),
            FAILED if "conflicting-project-licenses" in rules else PASSED,
            Message("readiness.rules", rules="conflicting-project-licenses")
            if "conflicting-project-licenses" in rules
            else None,
        )
    )
    no_sbom = "missing-sbom" in rules
    hint = Message("rule.missing-sbom.hint") if no_sbom else None
    items.append((Message("readiness.sbom"), FAILED if no_sbom else PASSED, hint))
    items.append(_publiccode(report, rules))
    items.append(_reuse(report, rules))
    s = report.summary
    # unknown among the judged: a development tool left unjudged does not ship
    unknown = sum(1 for c in report.components if c.license is None and c.status is not Status.IGNORED)
    failed = s.denied + s.review + unknown
    items.append(
        (
            Message("readiness.dependencies"),
            FAILED if failed else PASSED,
            Message("readiness.dependency-counts", denied=s.denied, review=s.review, unknown=unknown)
            if failed
            else None,
        )
    )
    return items


def _on_the_list(report: Report) -> tuple[Message, str, Message | None]:
    from osscheck.licenses import opencode
    from osscheck.licenses.expression import leaf_license, leaves, try_parse

    item = Message("readiness.on-the-list", version=opencode.data()["version"])
    parsed = try_parse(report.outbound) if report.outbound else None
    if parsed is None or parsed.expression is None:
        return item, FAILED, Message("readiness.no-licence")
    missing = [
        str(leaf)
        for leaf in leaves(parsed.expression)
        if opencode.status(leaf_license(leaf).key) != opencode.APPROVED
    ]
    if missing:
        return item, FAILED, Message("readiness.not-listed", licenses=", ".join(missing))
    return item, PASSED, None


def _publiccode(report: Report, rules: set[str]) -> tuple[Message, str, Message | None]:
    item = Message("readiness.publiccode")
    if not any(i.format == "publiccode-yml" for i in report.inputs):
        return item, FAILED, Message("readiness.no-publiccode")
    if "publiccode-invalid" in rules:
        return item, FAILED, Message("readiness.rules", rules="publiccode-invalid")
    return item, PASSED, None


_REUSE_RULES = ("reuse-license-missing", "reuse-license-unused", "reuse-not-compliant")


def _reuse(report: Report, rules: set[str]) -> tuple[Message, str, Message | None]:
    """reuse lint's verdict where osscheck has it; from the header scan only what it can tell."""
    item = Message("readiness.reuse")
    statuses = report.reuse or []
    if not statuses:
        return item, NOT_ANSWERED, Message("readiness.reuse-not-checked")
    broken = [r for r in _REUSE_RULES if r in rules]
    if broken:
        return item, FAILED, Message("readiness.rules", rules=", ".join(broken))
    if all(s.compliant for s in statuses):
        return item, PASSED, None
    if not all(s.licenses_folder for s in statuses):
        return item, FAILED, Message("readiness.reuse-not-used")
    files = sum(s.files for s in statuses)
    declared = sum(s.with_licence for s in statuses)
    return item, NOT_ANSWERED, Message("readiness.reuse-headers", declared=declared, files=files)


def applies(report: Report) -> bool:
    """The checklist belongs to a report judged by openCode's list (the open-code policy and its heirs)."""
    return report.opencode

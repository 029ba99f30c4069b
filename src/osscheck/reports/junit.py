"""``--format junit``: JUnit XML for Jenkins, GitLab's test report and every other JUnit consumer.

One test suite per input file and one test case per component (``classname`` = input file and
ecosystem, so Jenkins groups by file then package type; ``name`` = the component's purl). What each
verdict becomes, chosen to match what the CI tools do with it:

- ``denied``: a ``<failure>`` (message = licence and reason, type = the rule), always: it breaks the
  policy whatever ``--fail-on`` says, and Jenkins marks the build unstable on failures.
- ``review``: a ``<failure>`` with ``--fail-on review``; otherwise ``<skipped>`` with the reason,
  since the gate lets it through but the reviewer should still see it (skipped tests are counted
  and listed, not failed).
- ``exempted``: passes, with ``<system-out>`` naming the exception's justification, approver,
  reference and expiry, so the test report documents why it passed.
- ``allowed``: passes. ``ignored`` (not judged, e.g. a development dependency): ``<skipped>``.
- a finding about an allowed or exempted component (a licence found in its files, a registry that
  disagrees): a ``<failure>`` where it fails the run (a warning with ``--fail-on review``), else
  ``<system-out>`` with the finding, so the test report shows it either way.
- with ``--baseline``, a case whose findings the baseline knows (and none of them new fails the
  run): ``<skipped message="known (baseline)">``, with the details in ``<system-out>``, rather than
  a failure: the run passes, and the known problem stays listed.

Findings about the project itself (its own licence, a missing LICENSE file or SBOM, unused exceptions)
and unreadable inputs form one more suite, ``osscheck: project``; an unreadable input is an ``<error>``.
No timestamp unless ``SOURCE_DATE_EPOCH`` is set, so the same input gives the same bytes. Only
elements and attributes of the common JUnit schema (Jenkins xUnit's ``junit-10.xsd``) are written, so
strict consumers accept the file; where a component was declared is in its failure text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from osscheck.model import Component, Finding, Severity, Status
from osscheck.report import Report
from osscheck.reports import _ci
from osscheck.reports._stamp import source_date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.baseline.match import BaselineResult

PROJECT_SUITE = "osscheck: project"
KNOWN = "known (baseline)"
# the rule (osscheck.rules) a failure names when the component has no finding of its own to name
_STATUS_RULE = {Status.DENIED: "denied-license", Status.REVIEW: "review-required"}


@dataclass
class _Suite:
    name: str
    file: str | None = None
    cases: list[ET.Element] = field(default_factory=list)
    failures: int = 0
    errors: int = 0
    skipped: int = 0


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    root = ET.Element("testsuites", {"name": "osscheck"})
    suites = [*_component_suites(report), _project_suite(report)]
    suites = [s for s in suites if s.cases]
    stamp = _timestamp()
    for number, suite in enumerate(suites):
        attrs = {
            "name": _ci.xml_text(suite.name),
            "tests": str(len(suite.cases)),
            "failures": str(suite.failures),
            "errors": str(suite.errors),
            "skipped": str(suite.skipped),
            "time": "0",
            "id": str(number),
        }
        if suite.file:
            attrs["file"] = _ci.xml_text(suite.file)
        if stamp:
            attrs["timestamp"] = stamp
        element = ET.SubElement(root, "testsuite", attrs)
        if number == 0:
            element.append(_properties(report))
        element.extend(suite.cases)
    root.set("tests", str(sum(len(s.cases) for s in suites)))
    root.set("failures", str(sum(s.failures for s in suites)))
    root.set("errors", str(sum(s.errors for s in suites)))
    root.set("time", "0")
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _timestamp() -> str | None:
    """``SOURCE_DATE_EPOCH`` in the form JUnit consumers read (local time without zone, here UTC)."""
    moment = source_date()
    return moment.strftime("%Y-%m-%dT%H:%M:%S") if moment else None


def _properties(report: Report) -> ET.Element:
    props = ET.Element("properties")
    values = {
        "osscheck.version": report.tool_version,
        "policy": report.policy_name,
        "outbound": report.outbound or "",
        "context": report.context,
        "fail-on": report.fail_on,
    }
    for name, value in values.items():
        ET.SubElement(props, "property", {"name": name, "value": _ci.xml_text(value)})
    return props


def _component_suites(report: Report) -> list[_Suite]:
    grouped = _ci.findings_by_component(report)
    suites: dict[str, _Suite] = {}
    for c in report.components:
        path = _ci.relative_path(c.location.path) if c.location else "unknown"
        suite = suites.setdefault(path, _Suite(path, path if c.location else None))
        case = ET.Element(
            "testcase",
            {
                "classname": _ci.xml_text(f"{path}.{_ci.ecosystem(c)}"),
                "name": _ci.xml_text(c.ref),
                "time": "0",
            },
        )
        _judge(case, suite, c, grouped.get(c.ref, []), report.fail_on, report.baseline)
        suite.cases.append(case)
    return [suites[k] for k in sorted(suites)]


def _judge(
    case: ET.Element,
    suite: _Suite,
    c: Component,
    findings: list[Finding],
    fail_on: str,
    baseline: BaselineResult | None = None,
) -> None:
    problems = [f for f in findings if f.rule not in _ci.NOT_A_PROBLEM]
    licence = c.chosen or c.license or "no licence"
    if baseline is not None and _known(c, problems, fail_on, baseline):
        ET.SubElement(case, "skipped", {"message": KNOWN})
        out = ET.SubElement(case, "system-out")
        out.text = _ci.xml_text(_details(c, problems))
        suite.skipped += 1
    elif c.status is Status.DENIED or (c.status is Status.REVIEW and fail_on == "review"):
        main = problems[0] if problems else None
        reason = _ci.reason(main) if main else f"{licence}: {c.status}"
        failure = ET.SubElement(
            case,
            "failure",
            {
                "message": _ci.xml_text(reason if reason.startswith(licence) else f"{licence}: {reason}"),
                "type": main.rule if main else _STATUS_RULE[c.status],
            },
        )
        failure.text = _ci.xml_text(_details(c, problems))
        suite.failures += 1
    elif c.status is Status.REVIEW:
        main = problems[0] if problems else None
        text = _ci.reason(main) if main else licence
        ET.SubElement(case, "skipped", {"message": _ci.xml_text(f"needs review: {text}")})
        out = ET.SubElement(case, "system-out")
        out.text = _ci.xml_text(_details(c, problems))
        suite.skipped += 1
    elif c.status is Status.IGNORED:
        ET.SubElement(case, "skipped", {"message": "not judged under this policy (development dependency)"})
        suite.skipped += 1
    elif _fails(problems, fail_on):
        # allowed or exempted, but a finding of its own fails the run (a warning with --fail-on review)
        main = next(f for f in problems if _fails([f], fail_on))
        failure = ET.SubElement(
            case, "failure", {"message": _ci.xml_text(_ci.reason(main)), "type": main.rule}
        )
        failure.text = _ci.xml_text(_details(c, problems))
        suite.failures += 1
    elif c.status is Status.EXEMPTED:
        out = ET.SubElement(case, "system-out")
        out.text = _ci.xml_text(_exception_text(c) + (f"\n{_details(c, problems)}" if problems else ""))
    elif problems:
        out = ET.SubElement(case, "system-out")
        out.text = _ci.xml_text(_details(c, problems))


def _known(c: Component, problems: list[Finding], fail_on: str, baseline: BaselineResult) -> bool:
    """A problem the baseline knows: no new finding that fails the run, and a known one that
    explains the verdict (as ``Report.failed`` decides)."""
    known = [f for f in problems if baseline.is_known(f)]
    if not known or any(_fails([f], fail_on) for f in problems if not baseline.is_known(f)):
        return False
    if c.status is Status.DENIED or (c.status is Status.REVIEW and fail_on == "review"):
        return _fails(known, fail_on)
    return c.status is Status.REVIEW or _fails(problems, fail_on)


def _fails(findings: list[Finding], fail_on: str) -> bool:
    """Is one of the findings a failed test: an error always (as a denied component), a warning
    with ``--fail-on review``?"""
    return any(
        f.severity is Severity.ERROR or (f.severity is Severity.WARNING and fail_on == "review")
        for f in findings
    )


def _details(c: Component, findings: list[Finding]) -> str:
    lines = [f"component: {c.ref}", f"licence: {c.license or 'unknown'}"]
    if c.chosen and c.chosen != c.license:
        lines.append(f"chosen: {c.chosen}")
    if c.category:
        lines.append(f"category: {c.category}")
    if c.location:
        lines.append(f"declared at: {_ci.relative_path(c.location.path)}" + _line(c.location.line))
    for f in findings:
        lines.append(f"{f.severity}: [{f.rule}] {_ci.reason(f)}")
        if f.hint:
            lines.append(f"hint: {f.hint}")
    return "\n".join(lines)


def _line(line: int | None) -> str:
    return f":{line}" if line else ""


def _exception_text(c: Component) -> str:
    exc = c.exception or {}
    lines = [f"accepted by exception: {exc.get('justification') or ''}"]
    for label, key in (("approved by", "approved-by"), ("reference", "reference"), ("expires", "expires")):
        if exc.get(key):
            lines.append(f"{label}: {exc[key]}")
    lines.append(f"licence: {c.chosen or c.license or 'unknown'}")
    return "\n".join(lines)


def _project_suite(report: Report) -> _Suite:
    suite = _Suite(PROJECT_SUITE)
    for f in _ci.project_findings(report):
        where = f.location
        case = ET.Element(
            "testcase",
            {"classname": "osscheck.project", "name": _ci.xml_text(f"{f.rule}: {f.message}"), "time": "0"},
        )
        text = str(f.message)
        if where is not None:
            text += f"\nat: {_ci.relative_path(where.path)}{_line(where.line)}"
        if f.hint:
            text += f"\nhint: {f.hint}"
        if report.baseline is not None and report.baseline.is_known(f) and f.severity is not Severity.NOTE:
            ET.SubElement(case, "skipped", {"message": KNOWN})
            out = ET.SubElement(case, "system-out")
            out.text = _ci.xml_text(text)
            suite.skipped += 1
        elif _fails([f], report.fail_on):
            failure = ET.SubElement(
                case, "failure", {"message": _ci.xml_text(str(f.message)), "type": f.rule}
            )
            failure.text = _ci.xml_text(text)
            suite.failures += 1
        elif f.severity is Severity.WARNING:
            ET.SubElement(case, "skipped", {"message": _ci.xml_text(f"needs review: {f.message}")})
            suite.skipped += 1
        else:
            out = ET.SubElement(case, "system-out")
            out.text = _ci.xml_text(text)
        suite.cases.append(case)
    for unreadable in report.errors:
        line = unreadable.format()
        case = ET.Element(
            "testcase", {"classname": "osscheck.inputs", "name": _ci.xml_text(line), "time": "0"}
        )
        error = ET.SubElement(case, "error", {"message": _ci.xml_text(line), "type": "unreadable-input"})
        error.text = _ci.xml_text(line)
        suite.errors += 1
        suite.cases.append(case)
    return suite

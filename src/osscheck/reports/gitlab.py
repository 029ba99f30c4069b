"""``--format gitlab``: a GitLab code-quality report for the merge-request widget.

GitLab reads a JSON array of issues, each with ``description``, ``check_name``, ``fingerprint``,
``severity`` (``info``, ``minor``, ``major``, ``critical``, ``blocker``) and ``location`` (``path``
relative to the repository root, ``lines.begin``). Use it as ``artifacts: reports: codequality:``.

One issue per problem finding. A component accepted by an exception is not an issue (the widget
lists what to fix), but an unused exception is ``info``. Severity: a denied component or any other
error is ``critical``, a component to review is ``major``, a licence guessed with low confidence or an
unclear compatibility is ``minor``. The fingerprint hashes rule, component and file, not the line,
so the widget sees the same issue across pipelines while the line moves, and never two issues alike.
With ``--baseline``, a finding the baseline knows says "known (baseline)" in its description and is
``info``: the widget lists it, below what is new.
"""

from __future__ import annotations

import json
from typing import Any

from osscheck.model import Finding, Location, Severity
from osscheck.report import Report
from osscheck.reports import _ci
from osscheck.rules import RULES

_SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.NOTE: "info"}
_MINOR = frozenset(r.id for r in RULES if r.minor)
KNOWN = "known (baseline)"


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    return json.dumps(code_quality(report), indent=2, ensure_ascii=False) + "\n"


def code_quality(report: Report) -> list[dict[str, Any]]:
    components = {c.ref: c for c in report.components}
    fallback = _ci.fallback_location(report)
    shown = [f for f in report.findings if f.rule not in _ci.NOT_A_PROBLEM]
    prints = _ci.fingerprints(_ci.finding_key(f) for f in shown)
    issues = []
    baseline = report.baseline
    for f, fingerprint in zip(shown, prints, strict=True):
        component = components.get(f.component or "")
        where = f.location or (component.location if component else None) or fallback
        known = baseline is not None and baseline.is_known(f)
        issues.append(
            {
                "type": "issue",
                "engine_name": "osscheck",
                "check_name": f.rule,
                "description": f"{KNOWN}: {_description(f)}" if known else _description(f),
                "categories": ["Compatibility"] if f.severity is not Severity.NOTE else ["Clarity"],
                "fingerprint": fingerprint,
                "severity": "info" if known else _severity(f),
                "location": _location(where),
            }
        )
    return issues


def _severity(f: Finding) -> str:
    if f.rule in _MINOR and f.severity is Severity.WARNING:
        return "minor"
    return _SEVERITY[f.severity]


def _description(f: Finding) -> str:
    return f"{f.message}. {f.hint}" if f.hint else str(f.message)


def _location(where: Location | None) -> dict[str, Any]:
    # GitLab needs a path and a line for every issue; line 1 stands for "the file as a whole"
    path = _ci.relative_path(where.path) if where else "."
    line = where.line if where and where.line and where.line >= 1 else 1
    return {"path": path, "lines": {"begin": line}}

"""What the CI formats (SARIF, JUnit, GitLab code quality, Markdown, CSV) share.

Paths become relative to the working directory with forward slashes, because that is how GitHub,
GitLab and Jenkins match a report to the files of the repository; findings are grouped by the
component they concern; and every report text is cleaned of characters that XML 1.0 forbids.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import PurePosixPath, PureWindowsPath

from osscheck.model import Component, Finding, Location, Status
from osscheck.report import Report
from osscheck.rules import RULES

#: where users find out what osscheck is and what its rules mean
INFORMATION_URI = "https://opencode.de/osscheck"

# findings that record a decision rather than a problem
NOT_A_PROBLEM = frozenset(r.id for r in RULES if not r.problem)
# the statuses the formats list as problems, each with its findings
_PROBLEMS = (Status.DENIED, Status.REVIEW)

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")  # two letters at least: C: is a drive
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def relative_path(path: str) -> str:
    """``path`` relative to the working directory, with ``/``; an absolute path outside it stays absolute."""
    return _relative(path, os.getcwd())


@functools.lru_cache(maxsize=1024)  # a report names few files, each for many components
def _relative(path: str, cwd: str) -> str:
    if _SCHEME.match(path):
        return path
    if "\\" in path and PureWindowsPath(path).drive:  # a Windows path written into an SBOM
        return PureWindowsPath(path).as_posix()
    if os.path.isabs(path):
        here = os.path.abspath(cwd)
        absolute = os.path.normpath(path)
        try:
            inside = os.path.commonpath([here, absolute]) == here
        except ValueError:
            inside = False
        if not inside:
            return PurePosixPath(absolute).as_posix()
        path = os.path.relpath(absolute, here)
    text = os.path.normpath(path).replace(os.sep, "/")
    return "." if text in ("", ".") else text


def is_absolute(path: str) -> bool:
    return path.startswith("/") or bool(PureWindowsPath(path).drive)


def is_uri(path: str) -> bool:
    """A location that is already a URI, such as ``builtin:public-code`` for a shipped policy."""
    return bool(_SCHEME.match(path))


def findings_by_component(report: Report) -> dict[str, list[Finding]]:
    """Each component's findings (by ``Component.ref``), in report order."""
    grouped: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.component:
            grouped.setdefault(f.component, []).append(f)
    return grouped


def project_findings(report: Report) -> list[Finding]:
    """Findings about the project as a whole (its licence, a missing LICENSE file or SBOM, the policy)."""
    return [f for f in report.findings if not f.component]


def further_findings(report: Report) -> list[Finding]:
    """Findings about components that the lists of problems leave out (allowed, exempted).

    A warning such as a licence found in the files of an allowed component (``observed-license``)
    or a registry that disagrees (``license-mismatch``): shown apart, so that nothing that can fail
    a run with ``--fail-on review`` goes unseen.
    """
    listed = {c.ref for c in report.components if c.status in _PROBLEMS}
    return [
        f
        for f in report.findings
        if f.component and f.component not in listed and f.rule not in NOT_A_PROBLEM
    ]


def reason(finding: Finding) -> str:
    """The message in English without the component that the columns beside it already show."""
    return str(finding.detail)


def fallback_location(report: Report) -> Location | None:
    """Where to point a finding that names no file: the first input read, so that tools can show it."""
    paths = sorted(i.path for i in report.inputs)
    return Location(paths[0]) if paths else None


def fingerprints(keys: Iterable[str]) -> list[str]:
    """A stable SHA-256 per key; a repeated key gets its occurrence number, so every result is unique."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        n = seen.get(key, 0) + 1
        seen[key] = n
        text = key if n == 1 else f"{key}\x00{n}"
        out.append(hashlib.sha256(text.encode("utf-8")).hexdigest())
    return out


def finding_key(f: Finding) -> str:
    """What identifies a finding across runs: rule, component and file, not the line (lines move)."""
    where = relative_path(f.location.path) if f.location else ""
    subject = f.component or str(f.message)
    return "\x00".join((f.rule, subject, where))


def xml_text(text: str) -> str:
    """``text`` without the control characters XML 1.0 cannot carry (input files may hold any)."""
    return _XML_INVALID.sub("\N{REPLACEMENT CHARACTER}", text)


def ecosystem(c: Component) -> str:
    """The purl type (``npm``, ``pypi``, ``maven``, ...), or ``generic`` without a purl."""
    if c.purl and c.purl.startswith("pkg:"):
        kind = c.purl[4:].lstrip("/").split("/", 1)[0].lower()
        if kind:
            return kind
    return "generic"

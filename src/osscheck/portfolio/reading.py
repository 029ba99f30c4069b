"""Find osscheck-report/1 files and read each into a small summary; its components are dropped.

A portfolio may hold thousands of reports of thousands of components each: only a
:class:`ReportSummary` (counts, the exceptions, the distinct licences and component keys) is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from pathlib import Path

from osscheck.errors import InputError
from osscheck.limits import max_file_size
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any

SCHEMA = "osscheck-report/1"
STATUSES = ("allowed", "review", "denied", "exempted", "ignored")
SEVERITIES = ("error", "warning", "note")
#: the categories the Dortmund rule asks a justification for
JUSTIFY = frozenset({"proprietary", "source-available"})
#: the open source categories (the share of judged components in them)
OPEN_SOURCE = frozenset(
    {"permissive", "public-domain", "weak-copyleft", "strong-copyleft", "network-copyleft"}
)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ReportSummary:
    """What the portfolio keeps of one report."""

    def __init__(self, path: str, sha256: str, project: str | None, version: str | None) -> None:
        self.path = path
        self.sha256 = sha256
        self.project = project  # the report's own project name (None: it names none)
        self.version = version
        self.date: dt.date | None = None
        self.policy: str | None = None
        self.policy_digest: str | None = None
        self.outbound: str | None = None
        self.passed = False
        self.components = 0
        self.by_status: Counter[str] = Counter()
        self.by_category: Counter[str] = Counter()
        self.unknown = 0
        self.findings: Counter[str] = Counter()
        self.sbom_published = False
        self.justified = 0
        self.unjustified = 0
        self.judged = 0  # components the policy judged (not ignored)
        self.judged_open_source = 0
        self.register: list[dict[str, Any]] = []
        # licence -> (components, categories seen); component key -> licences
        self.licenses: dict[str | None, tuple[int, set[str]]] = {}
        self.component_keys: dict[str, set[str]] = {}


def find(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Each file named, and each ``*.json`` below each folder named (sorted); a missing one is an error."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from sorted((p for p in path.rglob("*.json") if p.is_file()), key=lambda p: p.as_posix())
        elif path.is_file():
            yield path
        else:
            yield InputError(Message("portfolio.not-found"), path)


def read(path: Path) -> ReportSummary:
    """The summary of the report at ``path``; an :class:`InputError` if it is not osscheck-report/1."""
    try:
        if path.stat().st_size > max_file_size():
            raise InputError(Message("input.too-large"), path)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Message("input.cannot-read", reason=str(exc.strerror or exc)), path) from None
    doc = _parse(path, data)
    try:
        return _summarise(path, hashlib.sha256(data).hexdigest(), doc)
    except _Malformed as exc:
        problem = Message("portfolio.bad-key", key=exc.args[0])
        raise InputError(Message("portfolio.malformed", problem=problem), path) from None


def _parse(path: Path, data: bytes) -> Any:
    loads: Callable[[bytes], Any]
    try:
        import orjson  # lazy: optional

        loads = orjson.loads
        errors: tuple[type[Exception], ...] = (orjson.JSONDecodeError,)
    except ImportError:
        import json

        loads = json.loads
        errors = (json.JSONDecodeError, UnicodeDecodeError)
    try:
        doc = loads(data)
    except errors as exc:
        raise InputError(Message("input.invalid-json", problem=str(exc).splitlines()[0]), path) from None
    except RecursionError:
        raise InputError(Message("input.json-too-deep"), path) from None
    schema = doc.get("schema") if isinstance(doc, dict) else None
    if schema == SCHEMA:
        return doc
    if isinstance(schema, str) and schema.startswith("osscheck-report/"):
        raise InputError(Message("portfolio.newer-schema", schema=schema), path)
    raise InputError(Message("portfolio.not-a-report", schema=str(schema) if schema else "none"), path)


class _Malformed(Exception):
    """A key of the report missing or of the wrong type (its name): the report is refused (fail closed)."""


def _get(doc: dict[str, Any], key: str, kind: type | tuple[type, ...], optional: bool = True) -> Any:
    value = doc.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _Malformed(key)
    return value


def _text(doc: dict[str, Any], key: str) -> str | None:
    value: str | None = _get(doc, key, str)
    return value


def _summarise(path: Path, sha256: str, doc: dict[str, Any]) -> ReportSummary:
    project = _get(doc, "project", dict) or {}
    summary = ReportSummary(
        path.as_posix(), sha256, _text(project, "name") or None, _text(project, "version")
    )
    date = _text(doc, "date")
    if date is not None:
        if not _DATE.fullmatch(date):
            raise _Malformed("date")
        try:
            summary.date = dt.date.fromisoformat(date)
        except ValueError:
            raise _Malformed("date") from None
    policy = _get(doc, "policy", dict, optional=False)
    summary.policy = _text(policy, "name")
    summary.policy_digest = _text(policy, "digest")
    summary.outbound = _text(policy, "outbound")
    report_summary = _get(doc, "summary", dict, optional=False)
    summary.passed = _get(report_summary, "passed", bool, optional=False) is True
    for source in _get(doc, "inputs", list, optional=False):
        if not isinstance(source, dict):
            raise _Malformed("inputs")
        fmt = _text(source, "format") or ""
        summary.sbom_published |= fmt.startswith(("cyclonedx-", "spdx-"))
    for component in _get(doc, "components", list, optional=False):
        if not isinstance(component, dict):
            raise _Malformed("components")
        _count(summary, component)
    for finding in _get(doc, "findings", list) or []:
        if not isinstance(finding, dict):
            raise _Malformed("findings")
        severity = _text(finding, "severity")
        if severity in SEVERITIES:
            summary.findings[severity] += 1
    for entry in _get(doc, "register", list) or []:
        if not isinstance(entry, dict):
            raise _Malformed("register")
        expires = _text(entry, "expires")
        if expires is not None and not _DATE.fullmatch(expires):
            raise _Malformed("expires")
        summary.register.append(
            {
                key: _text(entry, key)
                for key in (
                    "package",
                    "name",
                    "version",
                    "license",
                    "justification",
                    "approved-by",
                    "reference",
                )
            }
            | {"expires": expires}
        )
    return summary


def _count(summary: ReportSummary, component: dict[str, Any]) -> None:
    status = _text(component, "status")
    category = _text(component, "category") or "unknown"
    license = _text(component, "license")
    summary.components += 1
    if status in STATUSES:
        summary.by_status[status] += 1
    summary.by_category[category] += 1
    if license is None:
        summary.unknown += 1
    if status != "ignored":
        summary.judged += 1
        summary.judged_open_source += category in OPEN_SOURCE
    if category in JUSTIFY:
        if status == "exempted":
            summary.justified += 1
        else:
            summary.unjustified += 1
    count, categories = summary.licenses.get(license, (0, set()))
    categories.add(category)
    summary.licenses[license] = (count + 1, categories)
    key = component_key(_text(component, "purl"), _text(component, "name"))
    if key:
        licences = summary.component_keys.setdefault(key, set())
        if license is not None:
            licences.add(license)


def component_key(purl: str | None, name: str | None) -> str | None:
    """``pkg:npm/left-pad`` for ``pkg:npm/left-pad@1.3.0?x=y``: a component across versions."""
    if not purl:
        return name or None
    base = purl.split("#", 1)[0].split("?", 1)[0]
    at = base.rfind("@")
    return base[:at] if at > base.rfind("/") else base

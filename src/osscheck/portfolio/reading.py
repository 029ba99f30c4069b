"""Find osscheck-report/1 files and read each into a small summary; its components are dropped.

A portfolio may hold thousands of reports of thousands of components each: only a
:class:`ReportSummary` (counts, the exceptions, the distinct licences and component keys) is kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from array import array
from collections import Counter
from pathlib import Path

from osscheck.errors import InputError
from osscheck.limits import max_file_size
from osscheck.messages import Message
from osscheck.purls import versionless

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
LICENSE_IDS = 1 << 24


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
        # licence -> (components, categories seen)
        self.licenses: dict[str | None, tuple[int, set[str]]] = {}
        #: each distinct (component key, licence) as ``key id << 24 | licence id`` of an
        #: :class:`Identities`, sorted: 8 bytes a component, where a dict of sets took hundreds
        self.component_pairs: array[int] = array("Q")


class Identities:
    """Each distinct component key and licence of a portfolio once, numbered (licence 0: none).

    The reports of a portfolio share most of their components: one table of the distinct ones is an
    aggregate, where each report's own strings would grow with the reports.
    """

    def __init__(self) -> None:
        self.keys: dict[str, int] = {}
        self.key_names: list[str] = []
        self.licenses: dict[str, int] = {}
        self.license_names: list[str] = [""]

    def key(self, text: str) -> int:
        number = self.keys.get(text)
        if number is None:
            number = self.keys[text] = len(self.key_names)
            self.key_names.append(text)
        return number

    def license(self, text: str | None) -> int:
        if text is None:
            return 0
        number = self.licenses.get(text)
        if number is None:
            if len(self.license_names) >= LICENSE_IDS:
                raise _Malformed("license")  # 16 million distinct expressions: not a real report
            number = self.licenses[text] = len(self.license_names)
            self.license_names.append(text)
        return number

    def pair(self, pair: int) -> tuple[str, str | None]:
        """The component key and licence (None: none) of a number of ``component_pairs``."""
        licence = pair & (LICENSE_IDS - 1)
        return self.key_names[pair >> 24], self.license_names[licence] if licence else None


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


def read(path: Path, identities: Identities | None = None) -> ReportSummary:
    """The summary of the report at ``path``; an :class:`InputError` if it is not osscheck-report/1.

    ``identities``: the portfolio's table of component keys and licences, which the summary's
    ``component_pairs`` number.
    """
    try:
        if path.stat().st_size > max_file_size():
            raise InputError(Message("input.too-large"), path)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(Message("input.cannot-read", reason=str(exc.strerror or exc)), path) from None
    doc = _parse(path, data)
    try:
        return _summarise(path, hashlib.sha256(data).hexdigest(), doc, identities or Identities())
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


def _summarise(path: Path, sha256: str, doc: dict[str, Any], identities: Identities) -> ReportSummary:
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
    gate_passed = _get(report_summary, "passed", bool, optional=False) is True
    errors = _get(doc, "errors", list) or []
    for source in _get(doc, "inputs", list, optional=False):
        if not isinstance(source, dict):
            raise _Malformed("inputs")
        fmt = _text(source, "format") or ""
        summary.sbom_published |= fmt.startswith(("cyclonedx-", "spdx-"))
    _count(summary, _get(doc, "components", list, optional=False), identities)
    for finding in _get(doc, "findings", list) or []:
        if not isinstance(finding, dict):
            raise _Malformed("findings")
        severity = _text(finding, "severity")
        if severity in SEVERITIES:
            summary.findings[severity] += 1
    # judged as `osscheck check` judges at its default gate (--fail-on denied), whatever gate the
    # job that wrote the report used: CI writes its report with --fail-on never, whose summary
    # says passed with every component denied
    summary.passed = (
        gate_passed and not errors and not summary.by_status["denied"] and not summary.findings["error"]
    )
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


def _count(summary: ReportSummary, components: list[Any], identities: Identities) -> None:
    """Count the components: by their few distinct (status, category, licence) kinds, not one by one.

    The hot loop of a portfolio (a million components); each value is checked once per kind.
    """
    if not all(type(c) is dict for c in components):
        raise _Malformed("components")
    try:
        kinds = Counter((c.get("status"), c.get("category"), c.get("license")) for c in components)
        identified = {(c.get("purl"), c.get("name"), c.get("license")) for c in components}
    except TypeError:  # a list or an object where a string belongs
        raise _Malformed("components") from None
    for (status, category, license), n in kinds.items():
        _strings(("status", status), ("category", category), ("license", license))
        category = category or "unknown"
        if status in STATUSES:
            summary.by_status[status] += n
        summary.by_category[category] += n
        if license is None:
            summary.unknown += n
        if status != "ignored":
            summary.judged += n
            summary.judged_open_source += n if category in OPEN_SOURCE else 0
        if category in JUSTIFY:
            if status == "exempted":
                summary.justified += n
            else:
                summary.unjustified += n
        count, categories = summary.licenses.get(license, (0, set()))
        categories.add(category)
        summary.licenses[license] = (count + n, categories)
    summary.components += len(components)
    pairs: set[int] = set()
    for purl, name, license in identified:
        _strings(("purl", purl), ("name", name))
        key = component_key(purl, name)
        if key:
            pairs.add(identities.key(key) << 24 | identities.license(license))
    summary.component_pairs = array("Q", sorted(pairs))


def _strings(*values: tuple[str, Any]) -> None:
    for key, value in values:
        if value is not None and type(value) is not str:
            raise _Malformed(key)


def component_key(purl: str | None, name: str | None) -> str | None:
    """``pkg:npm/left-pad`` for ``pkg:npm/left-pad@1.3.0?x=y``: a component across versions."""
    return versionless(purl) if purl else name or None

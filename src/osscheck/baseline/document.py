"""The baseline file, ``osscheck-baseline/1``: read with every key checked, written the same way twice.

A malformed file (not JSON, a wrong type at a key), one of another schema or of a newer version is
one :class:`InputError` naming the file (and the line, where the JSON parser gives one). Written
with one finding per line, sorted, so that a merge request that tightens the baseline shows the
lines it removes.
"""

from __future__ import annotations

import json
import re

from osscheck.baseline import SCHEMA
from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import FrozenRecord, Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

_NAME, _, _VERSION = SCHEMA.rpartition("/")
_SCHEMA = re.compile(re.escape(_NAME) + r"/(\d+)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIELDS = ("rule", "component", "license", "path")


class Entry(FrozenRecord):
    """One known finding: its rule, the component (purl without version, qualifiers and subpath, else
    the name; ``None`` for a finding about the project), the licence, and the input file (relative to
    the baseline's folder, with ``/``). The line is left out: lines move."""

    def __init__(self, rule: str, component: str | None, license: str | None, path: str | None) -> None:
        self.rule = rule
        self.component = component
        self.license = license
        self.path = path

    def to_dict(self) -> dict[str, str | None]:
        return {"rule": self.rule, "component": self.component, "license": self.license, "path": self.path}

    @property
    def order(self) -> tuple[tuple[bool, str], ...]:
        """The file's order: by rule, component, licence, path; ``None`` before any text."""
        return tuple((v is not None, v or "") for v in self._astuple())


class Increase(Record):
    """A day the baseline grew, and why: ``osscheck baseline update --allow-increase REASON``."""

    def __init__(self, date: str, reason: str, added: int) -> None:
        self.date = date
        self.reason = reason
        self.added = added

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "reason": self.reason, "added": self.added}


class Baseline(Record):
    """A baseline file's content; ``digest`` is the SHA-256 of the file it was read from."""

    def __init__(
        self,
        entries: frozenset[Entry],
        project: str | None = None,
        created: str | None = None,
        policy: str | None = None,
        increases: tuple[Increase, ...] = (),
        tool_version: str | None = None,
        digest: str | None = None,
    ) -> None:
        self.entries = entries
        self.project = project
        self.created = created
        self.policy = policy
        self.increases = increases
        self.tool_version = tool_version
        self.digest = digest


def load(path: Path) -> Baseline:
    """The baseline in ``path``; an :class:`InputError` on ``path`` for anything it cannot be."""
    import os

    from osscheck.digest import sha256
    from osscheck.readers._source import decode, load_json, read_regular

    if not os.path.lexists(path):
        raise InputError(Message("baseline.not-found"), path)
    data = read_regular(path)
    doc = load_json(path, decode(path, data))
    return parse(doc, path).replace(digest=sha256(data))


def parse(doc: Any, path: Path | str) -> Baseline:
    """A parsed JSON document as a baseline, every key checked."""
    if not isinstance(doc, dict):
        raise InputError(Message("input.document-must-be-json-object", format=SCHEMA), path)
    check = _Checker(path)
    schema = check.value(doc, "schema", _STRING)
    found = _SCHEMA.fullmatch(schema)
    if found is None:
        raise InputError(Message("baseline.other-schema", schema=schema), path)
    if int(found.group(1)) > int(_VERSION):
        raise InputError(Message("baseline.newer-schema", schema=schema, known=SCHEMA), path)
    if int(found.group(1)) < int(_VERSION):
        raise InputError(Message("baseline.other-schema", schema=schema), path)
    if "tool" in doc:
        check.value(doc, "tool", _OBJECT)
    entries: set[Entry] = set()
    for index, item in enumerate(check.value(doc, "findings", _LIST)):
        where = f"findings[{index}]"
        if not isinstance(item, dict):
            check.wrong(where, _OBJECT)
        rule = check.value(item, "rule", _STRING, where)
        component, license, path_ = (check.value(item, key, _OPTIONAL, where) for key in _FIELDS[1:])
        entries.add(Entry(rule, component, license, path_))
    increases = []
    for index, item in enumerate(check.value(doc, "increases", _LIST) if "increases" in doc else ()):
        where = f"increases[{index}]"
        if not isinstance(item, dict):
            check.wrong(where, _OBJECT)
        increases.append(
            Increase(
                check.value(item, "date", _DATE_KIND, where),
                check.value(item, "reason", _REASON, where),
                check.value(item, "added", _COUNT, where),
            )
        )
    tool = doc.get("tool") or {}
    version = tool.get("version")
    return Baseline(
        entries=frozenset(entries),
        project=check.value(doc, "project", _OPTIONAL) if "project" in doc else None,
        created=check.value(doc, "created", _DATE_KIND) if "created" in doc else None,
        policy=check.value(doc, "policy", _OPTIONAL) if "policy" in doc else None,
        increases=tuple(increases),
        tool_version=version if isinstance(version, str) else None,
    )


# what a key holds: a test of the value, and the words of the error when it fails
_STRING = (lambda v: isinstance(v, str) and v != "", Message("baseline.kind.string"))
_OPTIONAL = (lambda v: v is None or isinstance(v, str), Message("baseline.kind.string-or-null"))
_OBJECT = (lambda v: isinstance(v, dict), Message("baseline.kind.object"))
_LIST = (lambda v: isinstance(v, list), Message("baseline.kind.list"))
_DATE_KIND = (lambda v: isinstance(v, str) and _DATE.fullmatch(v) is not None, Message("baseline.kind.date"))
_REASON = (lambda v: isinstance(v, str) and v.strip() != "", Message("baseline.kind.string"))
_COUNT = (lambda v: type(v) is int and v >= 0, Message("baseline.kind.count"))  # not True, not 1.5


class _Checker:
    def __init__(self, path: Path | str) -> None:
        self.path = path

    def value(self, doc: dict[str, Any], key: str, kind: tuple[Any, Message], where: str = "") -> Any:
        name = f"{where}.{key}" if where else key
        if key not in doc:
            raise InputError(Message("input.missing-key", format=SCHEMA, key=name), self.path)
        value = doc[key]
        test, _words = kind
        if not test(value):
            self.wrong(name, kind)
        return value

    def wrong(self, name: str, kind: tuple[Any, Message]) -> None:
        raise InputError(Message("baseline.wrong-type", key=name, kind=kind[1]), self.path)


def dumps(baseline: Baseline) -> str:
    """The file's text: keys in the contract's order, one finding (and one increase) per line."""

    def scalar(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    def rows(items: list[dict[str, Any]]) -> str:
        if not items:
            return "[]"
        return "[\n" + ",\n".join(f"    {json.dumps(i, ensure_ascii=False)}" for i in items) + "\n  ]"

    tool = {"name": "osscheck", "version": baseline.tool_version}
    entries = sorted(baseline.entries, key=lambda e: e.order)
    lines = [
        f'  "schema": {scalar(SCHEMA)}',
        f'  "tool": {scalar(tool)}',
        f'  "project": {scalar(baseline.project)}',
        f'  "created": {scalar(baseline.created)}',
        f'  "policy": {scalar(baseline.policy)}',
        f'  "findings": {rows([e.to_dict() for e in entries])}',
        f'  "increases": {rows([i.to_dict() for i in baseline.increases])}',
    ]
    return "{\n" + ",\n".join(lines) + "\n}\n"

"""yarn.lock: Yarn classic (v1, its own format) and Yarn berry (2+, YAML); exact versions, no licences.

An entry is headed by the specifiers that resolved to it (``lodash@^4.17.0, lodash@^4.17.21:``).
Its package is the name of the specifier, except for an alias (``x@npm:y@^1``, which installs y)
and in berry, where ``resolution`` names it. Berry's ``workspace:`` entries are the project's own
packages; ``workspace:.`` is the project itself. Scopes come from the package.json beside the lock,
followed through the entries' dependencies.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.limits import within_nesting
from osscheck.model import Component, InputFile, Location, Project, Scope
from osscheck.readers import _purl, _scopes
from osscheck.readers._source import as_dict, as_str, decode
from osscheck.readers.npm import license_declarations

_FIELDS = (
    ("dependencies", Scope.RUNTIME),
    ("optionalDependencies", Scope.OPTIONAL),
    ("peerDependencies", Scope.OPTIONAL),
    ("devDependencies", Scope.DEV),
)


@dataclass
class Entry:
    specs: list[str]
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    dependencies: dict[str, str] = field(default_factory=dict)


def split_spec(spec: str) -> tuple[str, str]:
    """``@scope/name@^1.0`` -> (``@scope/name``, ``^1.0``)."""
    at = spec.find("@", 1)
    return (spec, "") if at == -1 else (spec[:at], spec[at + 1 :])


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        try:
            return str(json.loads(text))
        except ValueError:
            return text[1:-1]
    return text


def parse_classic(path: Path, text: str) -> list[Entry]:
    """Yarn v1's format: indentation-based, ``key value`` pairs, with the line of each entry."""
    entries: list[Entry] = []
    current: Entry | None = None
    block: dict[str, str] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        line = raw.strip()
        if indent == 0:
            if not line.endswith(":"):
                raise InputError("not a yarn.lock entry (expected 'name@range:')", path, number)
            specs = [_unquote(s) for s in _split_specs(line[:-1])]
            current = Entry(specs, number)
            entries.append(current)
            block = None
        elif current is None:
            raise InputError("indented line before the first entry", path, number)
        elif indent <= 2:
            if line.endswith(":"):
                name = line[:-1].strip()
                block = current.dependencies if name in ("dependencies", "optionalDependencies") else {}
                continue
            key, _, value = line.partition(" ")
            current.fields[_unquote(key)] = _unquote(value)
            block = None
        elif block is not None:
            key, _, value = line.partition(" ")
            block[_unquote(key)] = _unquote(value)
    return entries


def _split_specs(header: str) -> list[str]:
    # specifiers are separated by ", "; a quoted one may hold anything but a quote
    return [s for s in re.findall(r'"(?:[^"\\]|\\.)*"|[^,\s][^,]*', header) if s.strip()]


def load_yaml(path: Path, text: str) -> Any:
    """YAML with every scalar kept as text (a version "1.10" must not become the number 1.1)."""
    import yaml

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    try:
        return within_nesting(path, yaml.load(text, Loader=loader))  # BaseLoader builds no objects: safe
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", path, line) from None


def parse_berry(path: Path, text: str) -> list[Entry]:
    """Yarn 2+: YAML, one mapping per entry; the lines are found from the entry keys."""
    doc = load_yaml(path, text)
    if not isinstance(doc, dict):
        raise InputError("a yarn.lock must be a mapping of entries", path)
    lines = _top_level_keys(text)
    entries: list[Entry] = []
    for key, raw in doc.items():
        if key == "__metadata" or not isinstance(key, str):
            continue
        body = as_dict(raw)
        entry = Entry([s.strip() for s in key.split(",") if s.strip()], lines.get(key, 0))
        entry.fields = {k: str(v) for k, v in body.items() if isinstance(v, (str, int, float))}
        for block in ("dependencies", "optionalDependencies"):
            entry.dependencies.update({str(k): str(v) for k, v in as_dict(body.get(block)).items()})
        entries.append(entry)
    return entries


def _top_level_keys(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in ("", " ", "#", "\t") or not raw.rstrip().endswith(":"):
            continue
        out.setdefault(_unquote(raw.rstrip()[:-1]), number)
    return out


def _package(entry: Entry, berry: bool) -> tuple[str, str | None]:
    """The real package of an entry (aliases resolved) and its version."""
    version = entry.fields.get("version")
    resolution = entry.fields.get("resolution")
    if berry and resolution:
        return split_spec(resolution)[0], version
    name, wanted = split_spec(entry.specs[0]) if entry.specs else ("", "")
    if wanted.startswith("npm:") and "@" in wanted[5:]:
        name = split_spec(wanted[4:])[0]  # an alias: x@npm:y@^1 installs package y
    return name, version


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    berry = "__metadata:" in text
    entries = parse_berry(path, text) if berry else parse_classic(path, text)
    shown = str(path)
    result = InputFile(path=shown, format="yarn-lock")
    manifest = _manifest(path.parent)

    by_spec: dict[str, int] = {}
    for i, entry in enumerate(entries):
        for spec in entry.specs:
            by_spec[spec] = i

    def lookup(name: str, wanted: str) -> int | None:
        found = by_spec.get(f"{name}@{wanted}")
        if found is None and berry and ":" not in wanted:
            found = by_spec.get(f"{name}@npm:{wanted}")  # berry writes the default protocol out
        return found

    def edges(i: int) -> list[int]:
        targets = (lookup(n, w) for n, w in entries[i].dependencies.items())
        return [t for t in targets if t is not None]

    roots: list[tuple[int, Scope]] = []
    for key, scope in _FIELDS:
        for name, wanted in as_dict(manifest.get(key)).items():
            target = lookup(str(name), str(wanted))
            if target is not None:
                roots.append((target, scope))
    scopes = _scopes.propagate(roots, edges) if manifest else {}

    seen: dict[str, Component] = {}
    for i, entry in enumerate(entries):
        name, version = _package(entry, berry)
        if not name:
            continue
        resolution = entry.fields.get("resolution", "")
        if berry and resolution.endswith("@workspace:."):
            continue  # the project itself
        component = Component(
            name=name,
            version=version,
            purl=_purl.npm(name, version),
            scope=scopes.get(i, Scope.RUNTIME) if manifest else None,
            location=Location(shown, entry.line or None),
        )
        if berry and "@workspace:" in resolution:
            component.extra["workspace"] = resolution.split("@workspace:", 1)[1]
        aliases = sorted({split_spec(s)[0] for s in entry.specs} - {name})
        known = seen.get(component.key)
        if known is None:
            seen[component.key] = known = component
            result.components.append(component)
        elif component.scope and known.scope and _rank(component.scope) < _rank(known.scope):
            known.scope = component.scope
        if aliases:
            known.extra["aliases"] = sorted(set(known.extra.get("aliases", [])) | set(aliases))
    if manifest:
        result.project = Project(
            as_str(manifest.get("name")),
            as_str(manifest.get("version")),
            license_declarations(manifest),
            Location(str(path.parent / "package.json"), 1),
        )
    return result


def _rank(scope: Scope) -> int:
    return _scopes.ORDER.index(scope)


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        return as_dict(json.loads((folder / "package.json").read_text(encoding="utf-8-sig")))
    except (OSError, ValueError, RecursionError):
        return {}

"""yarn.lock: Yarn classic (v1, its own format) and Yarn berry (2+, YAML); exact versions, no licences.

An entry is headed by the specifiers that resolved to it (``lodash@^4.17.0, lodash@^4.17.21:``).
Its package is the name of the specifier, except for an alias (``x@npm:y@^1``, which installs y)
and in berry, where ``resolution`` names it. Berry's ``workspace:`` entries (version
``0.0.0-use.local``) are the project itself and its workspace members, and ``link:``, ``file:`` and
``portal:`` entries local folders of the project: none of them is a component. Scopes come from the
package.json beside the lock, followed through the entries' dependencies. An entry that cannot be
read is reported with its line and left out; the others are still listed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from osscheck.errors import InputError, yaml_error
from osscheck.limits import within_nesting
from osscheck.messages import Message
from osscheck.model import Component, InputFile, Location, Project, Scope
from osscheck.readers import _purl, _scopes
from osscheck.readers._source import as_dict, as_str, lockfile_text, not_an_entry
from osscheck.readers.npm import LOCAL_PROTOCOLS, license_declarations

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


def parse_classic(path: Path, text: str, errors: list[InputError] | None = None) -> list[Entry]:
    """Yarn v1's format: indentation-based, ``key value`` pairs, with the line of each entry.

    An entry that cannot be read goes to ``errors`` (raised when there is no list) and is skipped
    up to the next entry.
    """
    entries: list[Entry] = []
    current: Entry | None = None
    block: dict[str, str] | None = None
    skipping = False  # inside an entry that cannot be read

    def problem(message: Message, number: int) -> None:
        if errors is None:
            raise InputError(message, path, number)
        errors.append(InputError(message, path, number))

    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        line = raw.strip()
        if indent == 0:
            current, block, skipping = None, None, True
            if not line.endswith(":"):
                problem(Message("input.not-yarn-entry"), number)
                continue
            specs = [_unquote(s) for s in _split_specs(line[:-1])]
            if not specs or not all(split_spec(s)[0] for s in specs):
                problem(Message("input.entry-without-name"), number)
                continue
            current, skipping = Entry(specs, number), False
            entries.append(current)
        elif skipping:
            continue
        elif current is None:
            problem(Message("input.indented-before-entry"), number)
            skipping = True
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
    import yaml  # lazy: start-up

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    try:
        return within_nesting(path, yaml.load(text, Loader=loader))  # BaseLoader builds no objects: safe
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path, text) from None


def parse_berry(path: Path, text: str, errors: list[InputError] | None = None) -> list[Entry]:
    """Yarn 2+: YAML, one mapping per entry; the lines are found from the entry keys.

    An entry that cannot be read goes to ``errors`` (raised when there is no list) and is left out.
    """
    doc = load_yaml(path, text)
    if not isinstance(doc, dict):
        raise InputError(Message("input.yarn-not-mapping"), path)
    lines = _top_level_keys(text)
    entries: list[Entry] = []
    for key, raw in doc.items():
        if key == "__metadata" or not isinstance(key, str):
            continue
        specs = [s.strip() for s in key.split(",") if s.strip()]
        problem = None
        if not isinstance(raw, dict):
            problem = not_an_entry(raw, "mapping")
        elif not specs or not all(split_spec(s)[0] for s in specs):
            problem = Message("input.entry-without-name")
        if problem is not None:
            if errors is None:
                raise InputError(problem, path, lines.get(key))
            errors.append(InputError(problem, path, lines.get(key)))
            continue
        body = as_dict(raw)
        entry = Entry(specs, lines.get(key, 0))
        entry.fields = {k: str(v) for k, v in body.items() if isinstance(v, (str, int, float))}
        for block in ("dependencies", "optionalDependencies"):
            entry.dependencies.update({str(k): str(v) for k, v in as_dict(body.get(block)).items()})
        entries.append(entry)
    return entries


def _top_level_keys(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in ("", " ", "#", "\t"):
            continue
        if raw.rstrip().endswith(":"):
            out.setdefault(_unquote(raw.rstrip()[:-1]), number)
        elif raw.startswith('"') and '": ' in raw:  # "key": value, an entry that is not a mapping
            out.setdefault(_unquote(raw[: raw.index('": ') + 1]), number)
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
    text = lockfile_text(path, data)
    berry = "__metadata:" in text
    shown = str(path)
    result = InputFile(path=shown, format="yarn-lock")
    entries = parse_berry(path, text, result.errors) if berry else parse_classic(path, text, result.errors)
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
        if _is_local(entry):
            continue  # the project itself, a workspace member or a local folder: the project's own code
        component = Component(
            name=name,
            version=version,
            purl=_purl.npm(name, version),
            scope=scopes.get(i, Scope.RUNTIME) if manifest else None,
            location=Location(shown, entry.line or None),
        )
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


def _is_local(entry: Entry) -> bool:
    """An entry of the project's own code: ``workspace:``, ``link:``, ``file:`` or ``portal:``."""
    resolution = entry.fields.get("resolution")
    if resolution:
        return split_spec(resolution)[1].startswith(LOCAL_PROTOCOLS)
    return all(split_spec(s)[1].startswith(LOCAL_PROTOCOLS) for s in entry.specs)


def _rank(scope: Scope) -> int:
    return _scopes.ORDER.index(scope)


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        return as_dict(json.loads((folder / "package.json").read_text(encoding="utf-8-sig")))
    except (OSError, ValueError, RecursionError):
        return {}

"""pnpm-lock.yaml (lockfile versions 5 to 9): exact versions of every package; no licences (unknown).

Package keys changed over the versions: ``/name/1.0.0_peer@2`` (v5), ``/name@1.0.0(peer@2)``
(v6, v7), ``name@1.0.0`` with the peer-resolved variants under ``snapshots`` (v9). Scopes come from
the lock's own ``dev`` / ``optional`` flags where it writes them (up to v8), else from the
importers' dependency kinds, followed through the packages' dependencies. Workspace packages
(``link:``) and local folders (``file:``, a ``directory`` resolution) are the project's own code,
not components. The project's own licence comes from the package.json beside the lock. An entry
that cannot be read is reported with its line and left out; the others are still listed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, InputFile, Location, Project, Scope
from osscheck.readers import _purl, _scopes
from osscheck.readers._source import as_dict, as_str, lockfile_text, not_an_entry
from osscheck.readers.npm import LOCAL_PROTOCOLS, license_declarations
from osscheck.readers.yarn_lock import load_yaml, split_spec

_FIELDS = (
    ("dependencies", Scope.RUNTIME),
    ("optionalDependencies", Scope.OPTIONAL),
    ("devDependencies", Scope.DEV),
)
_KEY_LINE = re.compile(r"""^  (['"]?)(.+?)\1:\s*(?:\{.*\}|\[.*\])?\s*$""")


def read(path: Path, data: bytes) -> InputFile:
    text = lockfile_text(path, data)
    doc = load_yaml(path, text)
    if not isinstance(doc, dict) or "lockfileVersion" not in doc:
        raise InputError(Message("input.missing-key", format="pnpm-lock.yaml", key="lockfileVersion"), path)
    major = _major(str(doc.get("lockfileVersion")))
    shown = str(path)
    result = InputFile(path=shown, format="pnpm-lock")
    lines = _section_lines(text, "packages")
    packages = _entries(doc, "packages", lines, result)
    snapshots = _entries(
        doc, "snapshots", _section_lines(text, "snapshots") if "snapshots" in doc else {}, result
    )
    graph = snapshots or packages  # v9 keeps the dependency edges in snapshots
    importers = as_dict(doc.get("importers")) or {".": doc}

    def target(name: str, ref: Any) -> str | None:
        ref = as_str(as_dict(ref).get("version")) if isinstance(ref, dict) else as_str(ref)
        if not ref or (ref.startswith(("link:", "file:")) and f"{name}@{ref}" not in graph):
            return None  # a workspace package or a local folder: the project's own code
        for key in _candidates(name, ref, major):
            if key in graph:
                return key
        return None

    def edges(key: str) -> list[str]:
        node = graph.get(key, {})
        refs = {**as_dict(node.get("dependencies")), **as_dict(node.get("optionalDependencies"))}
        found = (target(n, r) for n, r in refs.items())
        return [k for k in found if k is not None]

    roots: list[tuple[str, Scope]] = []
    for importer in importers.values():
        for field, scope in _FIELDS:
            for name, ref in as_dict(as_dict(importer).get(field)).items():
                key = target(str(name), ref)
                if key is not None:
                    roots.append((key, scope))
    scopes = _scopes.propagate(roots, edges)

    seen: dict[str, Component] = {}
    for key in graph:
        base = _base_key(key, major)
        meta = packages.get(base) or packages.get(key) or {}
        name, version = _name_version(key, major)
        if key.startswith(LOCAL_PROTOCOLS) or (version or "").startswith(LOCAL_PROTOCOLS) or _local(meta):
            continue  # a workspace package or a local folder: the project's own code
        name = as_str(meta.get("name")) or name
        version = as_str(meta.get("version")) or version
        if not name:
            line = lines.get(base) or lines.get(key)
            result.errors.append(InputError(Message("input.entry-without-name"), path, line))
            continue
        flags = {**meta, **graph[key]}
        component = Component(
            name=name,
            version=version,
            purl=_purl.npm(name, version),
            scope=_flag_scope(flags) or scopes.get(key) or Scope.RUNTIME,
            location=Location(shown, lines.get(base) or lines.get(key)),
        )
        known = seen.get(component.key)
        if known is None:
            seen[component.key] = component
            result.components.append(component)
        elif _rank(component.scope) < _rank(known.scope):
            known.scope = component.scope
    result.project = _manifest_project(path.parent)
    return result


def _entries(doc: dict[str, Any], section: str, lines: dict[str, int], result: InputFile) -> dict[str, Any]:
    """A section's entries by key; one that is not a mapping is reported and left out."""
    out: dict[str, Any] = {}
    for raw_key, value in as_dict(doc.get(section)).items():
        key = str(raw_key).lstrip("/")
        if isinstance(value, dict) or (value == "" and section == "snapshots"):  # "" is an empty one
            out[key] = as_dict(value)
        else:
            problem = not_an_entry(value, "mapping")
            result.errors.append(InputError(problem, result.path, lines.get(key)))
    return out


def _local(meta: dict[str, Any]) -> bool:
    """A package installed from a folder of the project (``resolution: {directory: ...}``)."""
    resolution = as_dict(meta.get("resolution"))
    return resolution.get("type") == "directory" or "directory" in resolution


def _major(version: str) -> int:
    m = re.match(r"\s*'?(\d+)", version)
    return int(m.group(1)) if m else 9


def _candidates(name: str, ref: str, major: int) -> list[str]:
    ref = ref.lstrip("/")
    if major < 6:
        # v5: "1.0.0_peer@2", or a full path "/other/1.0.0" for an alias
        return [ref, f"{name}/{ref}"] if "/" in ref and not ref[0].isdigit() else [f"{name}/{ref}"]
    if ref[:1].isdigit():
        return [f"{name}@{ref}"]
    return [ref, f"{name}@{ref}"]  # an alias ("string-width@4.2.3") or a URL-like key


def _base_key(key: str, major: int) -> str:
    """The key without its peer-dependency suffix."""
    if major >= 6:
        return key.split("(", 1)[0]
    return key


def _name_version(key: str, major: int) -> tuple[str, str | None]:
    if major < 6:
        parts = key.split("/")
        if key.startswith("@") and len(parts) >= 3:
            name, version = "/".join(parts[:2]), parts[2]
        elif len(parts) >= 2:
            name, version = parts[0], parts[1]
        else:
            return key, None
        return name, version.split("_", 1)[0] or None
    name, version = split_spec(key.split("(", 1)[0])
    return name, version or None


def _flag_scope(flags: dict[str, Any]) -> Scope | None:
    dev = str(flags.get("dev", "")).lower()
    optional = str(flags.get("optional", "")).lower() == "true"
    if dev == "true":
        return Scope.DEV
    if dev == "false":
        return Scope.OPTIONAL if optional else Scope.RUNTIME
    return Scope.OPTIONAL if optional else None


def _rank(scope: Scope | None) -> int:
    return _scopes.ORDER.index(scope) if scope is not None else 0


def _section_lines(text: str, section: str) -> dict[str, int]:
    """Line of each key directly under a top-level section (``packages:``)."""
    out: dict[str, int] = {}
    inside = False
    for number, raw in enumerate(text.splitlines(), 1):
        if raw and raw[0] not in " #":
            inside = raw.rstrip() == f"{section}:"
            continue
        if inside:
            m = _KEY_LINE.match(raw)
            if m:
                out.setdefault(m.group(2).lstrip("/"), number)
    return out


def _manifest_project(folder: Path) -> Project | None:
    manifest = folder / "package.json"
    try:
        doc = as_dict(json.loads(manifest.read_text(encoding="utf-8-sig")))
    except (OSError, ValueError, RecursionError):
        return None
    return Project(
        as_str(doc.get("name")),
        as_str(doc.get("version")),
        license_declarations(doc),
        Location(str(manifest), 1),
    )

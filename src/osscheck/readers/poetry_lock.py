"""poetry.lock: exact versions of every package Poetry resolved; no licences (they stay unknown).

Scopes come from the lock where it says (``category`` up to Poetry 1.4, ``groups`` from Poetry
2), else from the pyproject.toml beside it: its run-time, optional and group dependencies are
followed through the lock's ``[package.dependencies]``. A group is for development only if its name
says so (``pyproject.DEV_GROUPS``); any other group may ship and is optional. The project's own
licence comes from that pyproject.toml too.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, InputFile, Location, Project, Scope
from osscheck.readers import _purl, _scopes, pyproject
from osscheck.readers._source import as_dict, as_list, as_str, decode, lockfile_text, readable_entries
from osscheck.readers.python_env import canonical
from osscheck.toml_lines import TomlLines

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def lock_tables(path: Path, data: bytes, table: str) -> tuple[dict[str, Any], list[Any], list[int]]:
    """A TOML lockfile's document, its ``[[table]]`` entries and the line of each entry's header.

    poetry.lock and uv.lock write ``[[package]]``, pylock.toml ``[[packages]]``.
    """
    text = lockfile_text(path, data)
    doc = pyproject.loads(path, text)
    entries = doc.get(table, [])
    if not isinstance(entries, list):
        raise InputError(Message("input.must-be-array-of-tables-header", key=table), path)
    lines = TomlLines(text).array_tables.get((table,), [])
    return doc, entries, lines


def read(path: Path, data: bytes) -> InputFile:
    _, packages, lines = lock_tables(path, data, "package")
    shown = str(path)
    result = InputFile(path=shown, format="poetry-lock")
    project, roots = manifest_beside(path)
    dev = pyproject.dev_groups(path.parent)
    taken: dict[str, int | None] = {}  # groups of the lock taken as development, with the first line
    graph: dict[str, list[str]] = {}
    entries = readable_entries(path, packages, lines, result.errors)
    for entry, _ in entries:
        graph[canonical(entry["name"])] = [canonical(d) for d in as_dict(entry.get("dependencies"))]
    inferred = _scopes.propagate(roots, graph) if roots else {}
    seen: set[str] = set()
    for entry, line in entries:
        name = str(entry["name"])
        version = as_str(entry.get("version"))
        component = Component(
            name=name,
            version=version,
            purl=_purl.pypi(name, version),
            scope=_scope(entry, dev, taken, line)
            or inferred.get(canonical(name))
            or (Scope.RUNTIME if roots else None),
            location=Location(shown, line),
        )
        source = as_dict(entry.get("source"))
        if as_str(source.get("url")) and as_str(source.get("type")) in ("git", "url", "file", "directory"):
            component.extra["download_url"] = source["url"]
        if component.key not in seen:
            seen.add(component.key)
            result.components.append(component)
    if taken:
        where = Location(shown, next(iter(taken.values())))
        project = pyproject.note_dev_groups(project, taken, where)
    result.project = project
    return result


def _scope(
    entry: dict[str, Any], dev: frozenset[str], taken: dict[str, int | None], line: int | None
) -> Scope | None:
    category = as_str(entry.get("category"))  # "main" or "dev" (Poetry up to 1.4)
    groups = [g for g in as_list(entry.get("groups")) if isinstance(g, str)]
    groups = groups or ([category] if category else [])
    if not groups:
        return None
    if "main" in groups:
        return Scope.OPTIONAL if entry.get("optional") is True else Scope.RUNTIME
    # a package of several groups ships if one of them may
    if any(pyproject.group_scope(g, dev) is not Scope.DEV for g in groups):
        return Scope.OPTIONAL
    for group in groups:
        taken.setdefault(group, line)
    return Scope.DEV


def manifest_beside(lock: Path) -> tuple[Project | None, list[tuple[str, Scope]]]:
    """The project and its direct dependencies (canonical name, scope) from pyproject.toml beside a lock."""
    manifest = lock.parent / "pyproject.toml"
    with contextlib.suppress(OSError, InputError, ValueError):
        text = decode(manifest, manifest.read_bytes())
        doc = pyproject.loads(manifest, text)
        toml = TomlLines(text)
        declared = list(pyproject.declarations(doc, manifest, toml))
        roots = [(canonical(d.requirement.name), d.scope) for d in declared if d.requirement.name]
        return pyproject.note_declared_groups(pyproject.project_of(doc, manifest, toml), declared), roots
    return None, []

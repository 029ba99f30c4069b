"""uv.lock: exact versions of every package uv resolved; no licences (they stay unknown).

The project itself (and each workspace member) is a package with an ``editable`` or ``virtual``
source. Its ``dependencies`` are run-time roots, its ``optional-dependencies`` optional ones and its
``dev-dependencies`` (dependency groups) development ones where the group's name says development
(``pyproject.DEV_GROUPS``), optional ones otherwise; the lock's edges carry the scopes down.
The project's own licence comes from the pyproject.toml beside the lock.
"""

from __future__ import annotations

from pathlib import Path

from osscheck.model import Component, InputFile, Location, Project, Scope
from osscheck.readers import _purl, _scopes, pyproject
from osscheck.readers._source import as_dict, as_list, as_str, readable_entries
from osscheck.readers.poetry_lock import lock_tables, manifest_beside
from osscheck.readers.python_env import canonical

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_OWN_SOURCES = ("editable", "virtual")


def read(path: Path, data: bytes) -> InputFile:
    _, packages, lines = lock_tables(path, data, "package")
    shown = str(path)
    result = InputFile(path=shown, format="uv-lock")
    project, _ = manifest_beside(path)
    dev = pyproject.dev_groups(path.parent)
    taken: dict[str, int | None] = {}  # dependency groups taken as development, with a line of each

    entries = readable_entries(path, packages, lines, result.errors)
    by_name: dict[str, list[int]] = {}
    for i, (entry, _) in enumerate(entries):
        by_name.setdefault(canonical(entry["name"]), []).append(i)

    def targets(dep: Any) -> list[int]:
        dep = as_dict(dep)
        found = by_name.get(canonical(as_str(dep.get("name")) or ""), [])
        version = as_str(dep.get("version"))
        if version and len(found) > 1:
            found = [i for i in found if as_str(entries[i][0].get("version")) == version] or found
        return found

    def edges(i: int) -> list[int]:
        entry = entries[i][0]
        out = [t for d in as_list(entry.get("dependencies")) for t in targets(d)]
        for deps in as_dict(entry.get("optional-dependencies")).values():
            out += [t for d in as_list(deps) for t in targets(d)]
        return out

    roots: list[tuple[int, Scope]] = []
    own: set[int] = set()
    for i, (entry, _) in enumerate(entries):
        source = as_dict(entry.get("source"))
        if not any(k in source for k in _OWN_SOURCES):
            continue
        if any(source.get(k) == "." for k in _OWN_SOURCES):
            own.add(i)  # the project itself
            if project is None:
                where = Location(shown, entries[i][1])
                project = Project(entry["name"], as_str(entry.get("version")), [], where)
        roots += [(t, Scope.RUNTIME) for d in as_list(entry.get("dependencies")) for t in targets(d)]
        for deps in as_dict(entry.get("optional-dependencies")).values():
            roots += [(t, Scope.OPTIONAL) for d in as_list(deps) for t in targets(d)]
        for group, deps in as_dict(entry.get("dev-dependencies")).items():
            scope = pyproject.group_scope(group, dev)
            if scope is Scope.DEV:
                taken.setdefault(group, entries[i][1])
            roots += [(t, scope) for d in as_list(deps) for t in targets(d)]
    scopes = _scopes.propagate(roots, edges)
    if taken:
        project = pyproject.note_dev_groups(project, taken, Location(shown, next(iter(taken.values()))))
    result.project = project

    seen: set[str] = set()
    for i, (entry, line) in enumerate(entries):
        if i in own:
            continue
        name = str(entry["name"])
        version = as_str(entry.get("version"))
        component = Component(
            name=name,
            version=version,
            purl=_purl.pypi(name, version),
            scope=scopes.get(i, Scope.RUNTIME) if roots else None,
            location=Location(shown, line),
        )
        source = as_dict(entry.get("source"))
        url = as_str(source.get("git")) or as_str(source.get("url"))
        if url:
            component.extra["download_url"] = url
        if component.key not in seen:
            seen.add(component.key)
            result.components.append(component)
    return result

"""pylock.toml (PEP 751): the standard Python lockfile; exact versions, no licences (unknown).

A package's ``marker`` tells which extras or dependency groups pull it in
(``'dev' in dependency_groups``): a package only non-default groups need is for development if
their names say so (``pyproject.DEV_GROUPS``), else optional; one only an extra needs is optional.
The project's own licence comes from the pyproject.toml beside it.
"""

from __future__ import annotations

import re
from pathlib import Path

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, InputFile, Location, Scope
from osscheck.readers import _purl, pyproject
from osscheck.readers._source import as_dict, as_list, as_str, readable_entries
from osscheck.readers.poetry_lock import lock_tables, manifest_beside
from osscheck.readers.python_env import canonical

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_IN_GROUPS = re.compile(r"""['"]([^'"]+)['"]\s+in\s+dependency_groups""")
_IN_EXTRAS = re.compile(r"""['"]([^'"]+)['"]\s+in\s+extras""")


def read(path: Path, data: bytes) -> InputFile:
    doc, packages, lines = lock_tables(path, data, "packages")
    if "lock-version" not in doc:
        raise InputError(Message("input.missing-key", format="pylock.toml", key="lock-version"), path)
    shown = str(path)
    result = InputFile(path=shown, format="pylock")
    project, _ = manifest_beside(path)
    result.project = project
    own = canonical(project.name) if project and project.name else None
    defaults = {str(g) for g in as_list(doc.get("default-groups"))}
    dev = pyproject.dev_groups(path.parent)
    taken: dict[str, int | None] = {}  # dependency groups taken as development, with a line of each
    seen: set[str] = set()
    for entry, line in readable_entries(path, packages, lines, result.errors):
        name = entry["name"]
        if canonical(name) == own and "directory" in entry:
            continue  # the project itself, installed from its own folder
        version = as_str(entry.get("version"))
        scope, groups = _scope(as_str(entry.get("marker")) or "", defaults, dev)
        for group in groups if scope is Scope.DEV else ():
            taken.setdefault(group, line)
        component = Component(
            name=name,
            version=version,
            purl=_purl.pypi(name, version),
            scope=scope,
            location=Location(shown, line),
        )
        url = _source_url(entry)
        if url:
            component.extra["download_url"] = url
        if component.key not in seen:
            seen.add(component.key)
            result.components.append(component)
    if taken:
        where = Location(shown, next(iter(taken.values())))
        result.project = pyproject.note_dev_groups(project, taken, where)
    return result


def _scope(marker: str, defaults: set[str], dev: frozenset[str]) -> tuple[Scope, list[str]]:
    """The scope of a package by its marker, and the dependency groups the marker names."""
    groups = sorted(set(_IN_GROUPS.findall(marker)))
    extras = set(_IN_EXTRAS.findall(marker))
    if groups and not (set(groups) & defaults) and not extras:
        # only groups that are not installed by default: development, unless one of them may ship
        shipped = any(pyproject.group_scope(g, dev) is not Scope.DEV for g in groups)
        return (Scope.OPTIONAL if shipped else Scope.DEV), groups
    if extras and not (set(groups) & defaults):
        return Scope.OPTIONAL, groups
    return Scope.RUNTIME, groups


def _source_url(entry: dict[str, Any]) -> str | None:
    for key in ("vcs", "archive"):
        url = as_str(as_dict(entry.get(key)).get("url"))
        if url:
            return url
    return None

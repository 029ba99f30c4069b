"""pylock.toml (PEP 751): the standard Python lockfile; exact versions, no licences (unknown).

A package's ``marker`` tells which extras or dependency groups pull it in
(``'dev' in dependency_groups``): a package only a non-default group needs is for development, one
only an extra needs is optional. The project's own licence comes from the pyproject.toml beside it.
"""

from __future__ import annotations

import re
from pathlib import Path

from osscheck.errors import InputError
from osscheck.model import Component, InputFile, Location, Scope
from osscheck.readers import _purl
from osscheck.readers._source import as_dict, as_list, as_str
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
        raise InputError("not a pylock.toml: no 'lock-version'", path)
    shown = str(path)
    result = InputFile(path=shown, format="pylock")
    project, _ = manifest_beside(path)
    result.project = project
    own = canonical(project.name) if project and project.name else None
    defaults = {str(g) for g in as_list(doc.get("default-groups"))}
    seen: set[str] = set()
    for i, raw in enumerate(packages):
        entry = as_dict(raw)
        name = as_str(entry.get("name"))
        if not name:
            continue
        if canonical(name) == own and "directory" in entry:
            continue  # the project itself, installed from its own folder
        version = as_str(entry.get("version"))
        component = Component(
            name=name,
            version=version,
            purl=_purl.pypi(name, version),
            scope=_scope(as_str(entry.get("marker")) or "", defaults),
            location=Location(shown, lines[i] if i < len(lines) else None),
        )
        url = _source_url(entry)
        if url:
            component.extra["download_url"] = url
        if component.key not in seen:
            seen.add(component.key)
            result.components.append(component)
    return result


def _scope(marker: str, defaults: set[str]) -> Scope:
    groups = set(_IN_GROUPS.findall(marker))
    extras = set(_IN_EXTRAS.findall(marker))
    if groups and not (groups & defaults) and not extras:
        return Scope.DEV
    if extras and not (groups & defaults):
        return Scope.OPTIONAL
    return Scope.RUNTIME


def _source_url(entry: dict[str, Any]) -> str | None:
    for key in ("vcs", "archive"):
        url = as_str(as_dict(entry.get(key)).get("url"))
        if url:
            return url
    return None

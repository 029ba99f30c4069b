"""PHP Composer: composer.lock and composer.json.

A composer ``license`` is a string or an array; an array lists alternatives ("the package is
available under either"), so several entries are a choice (OR). The ids are passed on as written:
the corpus has deprecated and free-text ones ("GPL-2.0+", "GNU General Public License V2") that
the normaliser makes sense of. Platform requirements (php, ext-*, lib-*, composer-*) name the
runtime, not packages, and are not components.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers import _purl
from osscheck.readers._source import (
    Lines,
    as_list,
    as_str,
    entry_problem,
    json_object,
    load_json,
    lockfile_text,
)

_PLATFORM = re.compile(
    r"^(php(-64bit|-ipv6|-zts|-debug)?|hhvm|ext-.+|lib-.+|composer(-plugin-api|-runtime-api)?)$"
)


def is_platform(name: str) -> bool:
    """php, hhvm, ext-*, lib-*, composer-*-api: requirements on the platform, not on packages."""
    return "/" not in name and bool(_PLATFORM.match(name.lower()))


def composer_purl(name: str, version: str | None = None) -> str:
    vendor, _, bare = name.lower().rpartition("/")
    return _purl.purl("composer", bare, version, vendor or None)


def license_declarations(entry: dict[str, Any]) -> tuple[list[Declaration], bool]:
    """The ``license`` field as declarations, and whether they are a choice (an array of several)."""
    value = entry.get("license")
    if isinstance(value, str):
        return ([Declaration(value, "expression")] if value.strip() else []), False
    ids = [v for v in as_list(value) if isinstance(v, str) and v.strip()]
    return [Declaration(v, "expression") for v in ids], len(ids) > 1


def read_lock(path: Path, data: bytes) -> InputFile:
    text = lockfile_text(path, data)
    doc = load_json(path, text)
    if not isinstance(doc, dict):
        raise InputError(Message("input.file-must-be-json-object", file="composer.lock"), path)
    shown = str(path)
    lines = Lines(text)
    result = InputFile(path=shown, format="composer-lock")
    seen: set[str] = set()
    for field, scope in (("packages", Scope.RUNTIME), ("packages-dev", Scope.DEV)):
        packages = doc.get(field)
        if packages is None:
            continue
        if not isinstance(packages, list):
            raise InputError(Message("input.must-be-array", key=field, type=type(packages).__name__), path)
        lines.cursor = 0
        lines.find(f'"{field}"')
        for index, entry in enumerate(packages):
            problem = entry_problem(entry, "object")
            if problem is not None:  # left out, and reported: the check has not looked at it
                message = Message("input.entry-at", field=field, index=index, problem=problem)
                result.errors.append(InputError(message, path, _line_of(entry, lines)))
                continue
            name, version = entry["name"], entry.get("version")
            line = lines.find_json_value("name", name)
            declared, choice = license_declarations(entry)
            component = Component(
                name=name,
                version=version,
                purl=composer_purl(name, version),
                scope=scope,
                declared=declared,
                location=Location(shown, line),
            )
            component.extra["choice"] = choice
            if component.key in seen:
                continue
            seen.add(component.key)
            result.components.append(component)
    result.project = _sibling_project(path)
    return result


def _line_of(entry: Any, lines: Lines) -> int | None:
    """Where an unreadable entry is, as near as its string fields tell (JSON keeps no positions)."""
    for key in ("name", "version", "description"):
        value = entry.get(key) if isinstance(entry, dict) else None
        if isinstance(value, str):
            return lines.find_json_value(key, value)
    return None


def read_manifest(path: Path, data: bytes) -> InputFile:
    """composer.json alone: the project's licence and its declared requirements (licence unknown)."""
    text, doc = json_object(path, data, Message("input.file-must-be-json-object", file="composer.json"))
    shown = str(path)
    lines = Lines(text)
    result = InputFile(path=shown, format="composer-json")
    result.project = _project(doc, shown, lines)
    seen: set[str] = set()
    for field, scope in (("require", Scope.RUNTIME), ("require-dev", Scope.DEV)):
        block = doc.get(field)
        if block is None or block == []:
            continue  # PHP writes an empty object as []
        if not isinstance(block, dict):
            raise InputError(Message("input.must-be-object", key=field, type=type(block).__name__), path)
        lines.cursor = 0
        lines.find(f'"{field}"')
        for name, requirement in block.items():
            line = lines.find(json.dumps(name) + ":", json.dumps(name) + " :")
            if is_platform(name) or name.lower() in seen:
                continue
            seen.add(name.lower())
            component = Component(
                name=name, purl=composer_purl(name), scope=scope, location=Location(shown, line)
            )
            if isinstance(requirement, str):
                component.extra["requirement"] = requirement
            result.components.append(component)
    return result


def _project(doc: dict[str, Any], shown: str, lines: Lines) -> Project:
    declared, choice = license_declarations(doc)
    lines.cursor = 0
    line = lines.find('"license"') if "license" in doc else None
    lines.cursor = 0
    project = Project(
        as_str(doc.get("name")), as_str(doc.get("version")), declared, Location(shown, line or 1)
    )
    project.extra["choice"] = choice
    return project


def _sibling_project(lock: Path) -> Project | None:
    manifest = lock.parent / "composer.json"
    try:
        text = manifest.read_text(encoding="utf-8")
        doc = json.loads(text)
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict):
        return None
    return _project(doc, str(manifest), Lines(text))

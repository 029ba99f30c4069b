"""npm: package-lock.json / npm-shrinkwrap.json (lockfile v1, v2, v3) and package.json.

The root entry of a lockfile (or package.json) is the project itself. ``license`` may be an SPDX
expression, a legacy ``{"type": ...}`` object, or a legacy ``licenses`` array (a choice).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers import _purl
from osscheck.readers._source import Lines, as_dict, as_list, as_str, decode, load_json


def read_lock(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    doc = load_json(path, text)
    if not isinstance(doc, dict):
        raise InputError("a package-lock.json must be a JSON object", path)
    lines = Lines(text)
    result = InputFile(path=str(path), format="package-lock")
    packages = doc.get("packages")
    if packages is not None:
        if not isinstance(packages, dict):
            raise InputError(f"'packages' must be an object, not {type(packages).__name__}", path)
        _read_packages(packages, result, lines)
    else:
        dependencies = doc.get("dependencies", {})
        if not isinstance(dependencies, dict):
            raise InputError(f"'dependencies' must be an object, not {type(dependencies).__name__}", path)
        _read_v1(dependencies, result, lines)
    if result.project is None or not result.project.declared:
        manifest = _sibling_manifest(path)
        if manifest is not None:
            result.project = manifest
        elif result.project is None:
            result.project = Project(as_str(doc.get("name")), as_str(doc.get("version")))
    return result


def _read_packages(packages: dict[str, Any], result: InputFile, lines: Lines) -> None:
    seen: set[str] = set()
    for key, raw in packages.items():
        entry = as_dict(raw)
        if key == "":
            result.project = Project(
                as_str(entry.get("name")),
                as_str(entry.get("version")),
                license_declarations(entry),
                Location(result.path, lines.find('"": {', '"":{')),
            )
            continue
        if entry.get("link"):
            continue  # a workspace link: the folder it points to has an entry of its own
        name = key.rsplit("node_modules/", 1)[-1]
        version = as_str(entry.get("version"))
        line = lines.find(json.dumps(key) + ":")
        component = Component(
            name=name,
            version=version,
            purl=_purl.npm(as_str(entry.get("name")) or name, version),
            scope=_scope(entry),
            declared=license_declarations(entry),
            location=Location(result.path, line),
        )
        component.extra["choice"] = _is_choice(entry)
        if component.key in seen:
            continue
        seen.add(component.key)
        result.components.append(component)


def _read_v1(dependencies: dict[str, Any], result: InputFile, lines: Lines) -> None:
    seen: set[str] = set()
    stack = [iter(dependencies.items())]
    while stack:
        for name, raw in stack[-1]:
            entry = as_dict(raw)
            version = as_str(entry.get("version"))
            line = lines.find(json.dumps(name) + ": {", json.dumps(name) + ":{")
            component = Component(
                name=name,
                version=version,
                purl=_purl.npm(name, version),
                scope=_scope(entry),
                declared=license_declarations(entry),
                location=Location(result.path, line),
            )
            if component.key not in seen:
                seen.add(component.key)
                result.components.append(component)
            nested = entry.get("dependencies")
            if isinstance(nested, dict) and nested:
                stack.append(iter(nested.items()))
                break
        else:
            stack.pop()


def _scope(entry: dict[str, Any]) -> Scope:
    if entry.get("dev") or entry.get("devOptional"):
        return Scope.DEV
    if entry.get("optional") or entry.get("peer"):
        return Scope.OPTIONAL
    return Scope.RUNTIME


def license_declarations(entry: dict[str, Any]) -> list[Declaration]:
    """The licence fields of a package.json-like object, in every form npm has used."""
    out: list[Declaration] = []
    value = entry.get("license")
    if isinstance(value, str):
        out.append(Declaration(value, "expression"))
    elif isinstance(value, dict):
        out.extend(_legacy(value))
    for item in as_list(entry.get("licenses")):
        if isinstance(item, str):
            out.append(Declaration(item, "expression"))
        elif isinstance(item, dict):
            out.extend(_legacy(item))
    return out


def _legacy(obj: dict[str, Any]) -> list[Declaration]:
    kind = as_str(obj.get("type")) or as_str(obj.get("name"))
    if kind:
        return [Declaration(kind, "name")]
    url = as_str(obj.get("url"))
    return [Declaration(url, "url")] if url else []


def _is_choice(entry: dict[str, Any]) -> bool:
    # the legacy "licenses" array listed alternatives (dual licensing)
    return len(as_list(entry.get("licenses"))) > 1


def read_manifest(path: Path, data: bytes) -> InputFile:
    """package.json alone: the project's licence and its declared dependencies (licence unknown)."""
    text = decode(path, data)
    doc = load_json(path, text)
    if not isinstance(doc, dict):
        raise InputError("a package.json must be a JSON object", path)
    lines = Lines(text)
    shown = str(path)
    result = InputFile(path=shown, format="package-json")
    result.project = Project(
        as_str(doc.get("name")), as_str(doc.get("version")), license_declarations(doc), Location(shown, 1)
    )
    seen: set[str] = set()
    for field, scope in (
        ("dependencies", Scope.RUNTIME),
        ("optionalDependencies", Scope.OPTIONAL),
        ("peerDependencies", Scope.OPTIONAL),
        ("devDependencies", Scope.DEV),
    ):
        block = doc.get(field)
        if not isinstance(block, dict):
            continue
        lines.cursor = 0
        lines.find(f'"{field}"')
        for name, spec in block.items():
            if name in seen:
                continue
            seen.add(name)
            component = Component(
                name=name,
                purl=_purl.npm(name),
                scope=scope,
                location=Location(shown, lines.find(json.dumps(name) + ":")),
            )
            if isinstance(spec, str):
                component.extra["requirement"] = spec
            result.components.append(component)
    return result


def _sibling_manifest(lock: Path) -> Project | None:
    manifest = lock.parent / "package.json"
    try:
        doc = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict):
        return None
    return Project(
        as_str(doc.get("name")),
        as_str(doc.get("version")),
        license_declarations(doc),
        Location(str(manifest), 1),
    )

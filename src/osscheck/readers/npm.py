"""npm: package-lock.json / npm-shrinkwrap.json (lockfile v1, v2, v3) and package.json.

The root entry of a lockfile (or package.json) is the project itself, and so are its workspace
members and the folders a ``workspace:``, ``link:`` or ``file:`` dependency points to: they are not
components. ``license`` may be an SPDX expression, a legacy ``{"type": ...}`` object, or a legacy
``licenses`` array (a choice).
"""

from __future__ import annotations

import json
from pathlib import Path

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, InputFile, Location, Project, Scope
from osscheck.readers import _purl
from osscheck.readers._npm_licenses import is_choice, license_declarations
from osscheck.readers._source import (
    Lines,
    as_dict,
    as_str,
    entry_problem,
    json_object,
    load_json,
    lockfile_text,
    not_an_entry,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: a dependency on the project's own code (a workspace member, a local folder), not on a package
LOCAL_PROTOCOLS = ("workspace:", "link:", "file:", "portal:")


def read_lock(path: Path, data: bytes) -> InputFile:
    text = lockfile_text(path, data)
    doc = load_json(path, text)
    if not isinstance(doc, dict):
        raise InputError(Message("input.file-must-be-json-object", file="package-lock.json"), path)
    lines = Lines(text)
    result = InputFile(path=str(path), format="package-lock")
    packages = doc.get("packages")
    if packages is not None:
        if not isinstance(packages, dict):
            raise InputError(
                Message("input.must-be-object", key="packages", type=type(packages).__name__), path
            )
        _read_packages(packages, result, lines)
    else:
        dependencies = doc.get("dependencies", {})
        if not isinstance(dependencies, dict):
            message = Message("input.must-be-object", key="dependencies", type=type(dependencies).__name__)
            raise InputError(message, path)
        _read_v1(dependencies, result, lines)
    if result.project is None or not result.project.declared:
        manifest = _sibling_manifest(path)
        if manifest is not None:
            result.project = manifest
        elif result.project is None:
            result.project = Project(as_str(doc.get("name")), as_str(doc.get("version")))
    return result


def _read_packages(packages: dict[str, Any], result: InputFile, lines: Lines) -> None:
    seen: dict[str, Component] = {}
    for key, raw in packages.items():
        entry = as_dict(raw)
        problem = _problem(key.rsplit("node_modules/", 1)[-1], raw) if key else None
        if problem is not None:
            result.errors.append(InputError(problem, result.path, lines.find(json.dumps(key) + ":")))
            continue
        if key == "":
            result.project = Project(
                as_str(entry.get("name")),
                as_str(entry.get("version")),
                license_declarations(entry),
                Location(result.path, lines.find('"": {', '"":{')),
            )
            continue
        if entry.get("link"):
            continue  # a link to a workspace member or a local folder: that folder has an entry of its own
        member = "node_modules/" not in key and not key.startswith("node_modules")
        installed = key.rsplit("node_modules/", 1)[-1]
        # an alias ("x": "npm:y@1") installs package y in folder x; the entry's "name" says so,
        # and so does the "name" of a workspace folder
        name = as_str(entry.get("name")) or installed
        version = as_str(entry.get("version"))
        component = Component(
            name=name,
            version=version,
            purl=_purl.npm(name, version),
            scope=_scope(entry),
            declared=license_declarations(entry),
            location=Location(result.path, lines.find(json.dumps(key) + ":")),
        )
        component.extra["choice"] = is_choice(entry)
        keep_artifact(component, entry.get("integrity"), entry.get("resolved"))
        installed_name: str | None = installed  # the name others find it by, if it is a plain copy
        if member:
            # a workspace member or a local folder: the project's own code, listed but not judged as
            # a dependency (policy.evaluate); its "name" is the package name the links use
            component.extra["workspace"] = key
            installed_name = None
        elif installed != name:
            component.extra["installed_as"] = installed  # an alias: a copy of its own under that name
            installed_name = None
        _keep(component, installed_name, seen, result)


def _keep(component: Component, installed: str | None, seen: dict[str, Component], result: InputFile) -> None:
    """One component per purl: another copy at a deeper path or under an alias adds only its names."""
    known = seen.get(component.key)
    if known is None:
        seen[component.key] = known = component
        result.components.append(component)
    elif _RANK[component.scope or Scope.RUNTIME] < _RANK[known.scope or Scope.RUNTIME]:
        known.scope = component.scope  # a run-time copy makes the package ship
    if installed and installed != known.name and installed not in known.extra.setdefault("aliases", []):
        known.extra["aliases"].append(installed)
    if not known.extra.get("aliases"):
        known.extra.pop("aliases", None)


_RANK = {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEV: 2}


def _read_v1(dependencies: dict[str, Any], result: InputFile, lines: Lines) -> None:
    seen: dict[str, Component] = {}
    stack = [iter(dependencies.items())]
    while stack:
        for installed, raw in stack[-1]:
            entry = as_dict(raw)
            key = json.dumps(installed)
            line = lines.find(key + ": {", key + ":{") if isinstance(raw, dict) else lines.find(key + ":")
            problem = _problem(installed, raw)
            if problem is not None:
                result.errors.append(InputError(problem, result.path, line))
                continue
            if str(entry.get("version", "")).startswith(LOCAL_PROTOCOLS):
                continue  # "file:../lib": a local folder, the project's own code
            name, version = _alias(installed, as_str(entry.get("version")))
            component = Component(
                name=name,
                version=version,
                purl=_purl.npm(name, version),
                scope=_scope(entry),
                declared=license_declarations(entry),
                location=Location(result.path, line),
            )
            if installed != name:
                component.extra["installed_as"] = installed  # an alias: a copy of its own under that name
            keep_artifact(component, entry.get("integrity"), entry.get("resolved"))
            _keep(component, None if installed != name else installed, seen, result)
            nested = entry.get("dependencies")
            if isinstance(nested, dict) and nested:
                stack.append(iter(nested.items()))
                break
        else:
            stack.pop()


def keep_artifact(component: Component, integrity: Any, resolved: Any) -> None:
    """The tarball a lockfile pins: its hashes (``integrity``), its URL and file name (``resolved``).

    The integrity is kept as written: decoding its base64 here would cost the hook an import.
    """
    if isinstance(integrity, str) and integrity.strip():
        component.extra["integrity"] = integrity.strip()
    if isinstance(resolved, str) and resolved.startswith(("https://", "http://")):
        component.extra["download_url"] = resolved
        filename = resolved.split("#", 1)[0].split("?", 1)[0].rsplit("/", 1)[-1]
        if filename:
            component.extra["filename"] = filename


def _problem(installed: str, entry: Any) -> Message | None:
    """Why a lockfile entry cannot be read (its name is the folder it is installed in, or its "name")."""
    if not isinstance(entry, dict):
        return not_an_entry(entry, "object")
    if not installed.strip() and "name" not in entry:
        return Message("input.entry-without-name")
    return entry_problem({"name": installed, **entry}, "object")


def _alias(installed: str, version: str | None) -> tuple[str, str | None]:
    """Lockfile v1 writes an alias as ``"x": {"version": "npm:y@1.2.3"}``: package y, version 1.2.3."""
    if version and version.startswith("npm:") and len(version) > 4:
        target = version[4:]
        at = target.rfind("@")
        if at > 0:
            return target[:at], target[at + 1 :] or None
        return target, None
    return installed, version


def _scope(entry: dict[str, Any]) -> Scope:
    if entry.get("dev"):
        return Scope.DEV
    # devOptional: a dev dependency that an optional run-time one needs too; `npm ci --omit=dev` installs it
    if entry.get("optional") or entry.get("peer") or entry.get("devOptional"):
        return Scope.OPTIONAL
    return Scope.RUNTIME


def read_manifest(path: Path, data: bytes) -> InputFile:
    """package.json without a lockfile: the project's licence and its declared dependencies.

    With a ``node_modules`` folder beside it, the installed packages the manifest reaches give
    exact versions and licences; otherwise each declared dependency is listed with an unknown one.
    """
    text, doc = json_object(path, data, Message("input.file-must-be-json-object", file="package.json"))
    lines = Lines(text)
    shown = str(path)
    result = InputFile(path=shown, format="package-json")
    license_line = lines.find('"license"', '"licenses"') if "license" in doc or "licenses" in doc else None
    result.project = Project(
        as_str(doc.get("name")),
        as_str(doc.get("version")),
        license_declarations(doc),
        Location(shown, license_line or 1),
    )
    declared = _declared(doc, shown, lines)
    node_modules = path.parent / "node_modules"
    if node_modules.is_dir():
        from osscheck.readers.node_modules import components_for  # lazy: start-up (dataclasses, typing)

        at = {a: c.location for c in declared for a in [c.name, *c.extra.get("aliases", [])] if c.location}
        installed = components_for(
            path.parent, doc, node_modules, reachable_only=True, declared_at=at, errors=result.errors
        )
        names = {c.name for c in installed} | {a for c in installed for a in c.extra.get("aliases", [])}
        # what the manifest declares but is not installed stays listed, with an unknown licence
        result.components = installed + [c for c in declared if c.name not in names]
    else:
        result.components = declared
    return result


def _declared(doc: dict[str, Any], shown: str, lines: Lines) -> list[Component]:
    seen: set[str] = set()
    out: list[Component] = []
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
        for installed, spec in block.items():
            if installed in seen:
                continue
            seen.add(installed)
            line = lines.find(json.dumps(installed) + ":")
            name, requirement = installed, as_str(spec)
            if requirement and requirement.startswith(LOCAL_PROTOCOLS):
                continue  # a workspace member or a local folder: the project's own code
            if requirement and requirement.startswith("npm:"):
                # an alias: "x": "npm:y@^1" depends on package y under the name x
                name, requirement = _alias(installed, requirement)
            component = Component(
                name=name, purl=_purl.npm(name), scope=scope, location=Location(shown, line)
            )
            if requirement:
                component.extra["requirement"] = requirement
            if name != installed:
                component.extra["aliases"] = [installed]
            out.append(component)
    return out


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

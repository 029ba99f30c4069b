"""Rust Cargo: Cargo.lock and Cargo.toml (packages and workspaces).

Cargo.lock carries no licences: its packages are listed with the licence unknown, for an SBOM or
an online look-up to fill. Packages with a ``source`` (crates.io, another registry, git) are the
dependencies; packages without one are the workspace's own crates (members and local path crates),
which are the project itself and not third-party components.

Cargo.lock does not say which dependencies are for development. The manifests beside it do for the
direct ones, and the scopes are carried along the lockfile's dependency graph: whatever a runtime
dependency needs is runtime, whatever only dev- or build-dependencies need is dev.
"""

from __future__ import annotations

import functools
import glob
import os
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers import _purl
from osscheck.readers._source import Lines, as_dict, as_list, as_str, decode, entry_problem, lockfile_text
from osscheck.toml_lines import TomlLines, loads

#: a licence file larger than this is not taken as a licence text
_MAX_LICENSE_FILE = 1024 * 1024
#: the better scope wins when a crate is reached several ways
_RANK = {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEV: 2}
_KIND_SCOPE = {"dependencies": Scope.RUNTIME, "dev-dependencies": Scope.DEV, "build-dependencies": Scope.DEV}


@dataclass
class Dependency:
    """One dependency as a manifest declares it."""

    name: str  # the crate's name (after ``package = "..."`` renames)
    scope: Scope
    requirement: str | None
    table: tuple[str, ...]
    key: str
    local: bool  # a path dependency: the project's own code


@dataclass
class Manifest:
    path: Path
    doc: dict[str, Any]
    lines: TomlLines
    dependencies: list[Dependency] = field(default_factory=list)

    @property
    def package(self) -> dict[str, Any]:
        return as_dict(self.doc.get("package"))


def _load_manifest(
    path: Path, data: bytes | None = None, inherited: dict[str, Any] | None = None
) -> Manifest:
    """Read one Cargo.toml; ``inherited`` is the workspace root's [workspace.dependencies]."""
    text = decode(path, data if data is not None else path.read_bytes())
    doc = loads(path, text)
    manifest = Manifest(path, doc, TomlLines(text))
    if inherited is None:
        inherited = as_dict(as_dict(doc.get("workspace")).get("dependencies"))
    manifest.dependencies = list(_dependencies(doc, inherited))
    return manifest


def _dependency_tables(doc: dict[str, Any]) -> Iterator[tuple[tuple[str, ...], dict[str, Any], Scope]]:
    for kind, scope in _KIND_SCOPE.items():
        yield (kind,), as_dict(doc.get(kind)), scope
    # the older underscore spellings, which cargo still accepts
    yield ("dev_dependencies",), as_dict(doc.get("dev_dependencies")), Scope.DEV
    yield ("build_dependencies",), as_dict(doc.get("build_dependencies")), Scope.DEV
    for target, tables in sorted(as_dict(doc.get("target")).items()):
        for kind, scope in _KIND_SCOPE.items():
            yield ("target", target, kind), as_dict(as_dict(tables).get(kind)), scope


def _dependencies(doc: dict[str, Any], inherited: dict[str, Any]) -> Iterator[Dependency]:
    for table, deps, scope in _dependency_tables(doc):
        for key, spec in deps.items():
            yield _dependency(key, spec, scope, table, inherited)


def _dependency(
    key: str, spec: Any, scope: Scope, table: tuple[str, ...], inherited: dict[str, Any]
) -> Dependency:
    if isinstance(spec, str):
        return Dependency(key, scope, spec, table, key, False)
    entry = as_dict(spec)
    if entry.get("workspace") is True:
        # ``serde = { workspace = true }``: the requirement is written in [workspace.dependencies]
        base = inherited.get(key)
        merged = {"version": base} if isinstance(base, str) else dict(as_dict(base))
        merged.update({k: v for k, v in entry.items() if k != "workspace"})
        entry = merged
    if entry.get("optional") is True and scope is Scope.RUNTIME:
        scope = Scope.OPTIONAL
    name = as_str(entry.get("package")) or key
    local = "path" in entry and "git" not in entry and "registry" not in entry
    requirement = as_str(entry.get("version")) or as_str(entry.get("git"))
    return Dependency(name, scope, requirement, table, key, local)


def _members(root: Manifest) -> list[Manifest]:
    """The workspace members' manifests that exist on disk (globs expanded, ``exclude`` honoured)."""
    workspace = as_dict(root.doc.get("workspace"))
    inherited = as_dict(workspace.get("dependencies"))
    base = root.path.parent
    excluded = {os.path.normpath(base / e) for e in as_list(workspace.get("exclude")) if isinstance(e, str)}
    found: list[Manifest] = []
    seen: set[str] = {os.path.normpath(root.path)}
    for pattern in as_list(workspace.get("members")):
        if not isinstance(pattern, str):
            continue
        for folder in sorted(glob.glob(os.path.join(glob.escape(str(base)), pattern))):
            candidate = os.path.normpath(Path(folder) / "Cargo.toml")
            if candidate in seen or os.path.normpath(folder) in excluded or not os.path.isfile(candidate):
                continue
            seen.add(candidate)
            try:
                found.append(_load_manifest(Path(candidate), inherited=inherited))
            except (OSError, InputError):
                continue  # a broken member is reported when it is read on its own
    return found


def _project(root: Manifest, shown: str, workspace_folder: Path | None = None) -> Project:
    """The crate's (or virtual workspace's) own licence; ``workspace_folder`` is where inherited
    paths such as ``license-file`` are relative to."""
    package = root.package
    workspace_package = as_dict(as_dict(root.doc.get("workspace")).get("package"))

    def field_of(name: str) -> Any:
        if not package:
            # a virtual workspace: what its members inherit is what the project declares
            return workspace_package.get(name)
        value = package.get(name)
        if isinstance(value, dict) and value.get("workspace") is True:
            return workspace_package.get(name)
        return value

    declared: list[Declaration] = []
    license_expression = as_str(field_of("license"))
    if license_expression and license_expression.strip():
        declared.append(Declaration(license_expression, "expression"))
    license_file = as_str(field_of("license-file"))
    if license_file:
        inherited = isinstance(package.get("license-file"), dict)
        folder = workspace_folder if inherited and workspace_folder is not None else root.path.parent
        text = _license_text(folder / license_file)
        if text:
            declared.append(Declaration(text, "text"))
    table = ("package",) if package else ("workspace", "package")
    line = root.lines.key_line(table, "license") or root.lines.key_line(table, "license-file")
    line = line or root.lines.line(table)
    return Project(
        as_str(package.get("name")), as_str(field_of("version")), declared, Location(shown, line or 1)
    )


def _license_text(path: Path) -> str | None:
    try:
        if path.stat().st_size > _MAX_LICENSE_FILE:
            return None
        return path.read_text(encoding="utf-8", errors="replace").strip() or None
    except OSError:
        return None


CRATES_IO = "registry+https://github.com/rust-lang/crates.io-index"


def crate_purl(name: str, version: str | None = None, source: str | None = None) -> str:
    """``pkg:cargo/NAME@VERSION``; a crate from git or another registry says where it came from."""
    base = _purl.purl("cargo", name, version)
    if source is None or source in (CRATES_IO, "sparse+https://index.crates.io/"):
        return base
    kind, _, url = source.partition("+")
    if kind == "git":
        url, _, commit = url.partition("#")
        url = url.split("?", 1)[0]
        vcs = f"git+{url}@{commit}" if commit else f"git+{url}"
        return f"{base}?vcs_url={quote(vcs, safe='')}"
    return f"{base}?repository_url={quote(url or source, safe='')}"


def _workspace_root(path: Path) -> Manifest | None:
    """The workspace this member belongs to: the nearest folder above with a [workspace] Cargo.toml."""
    folder = path.resolve().parent
    for parent in list(folder.parents)[:16]:
        candidate = parent / "Cargo.toml"
        if not candidate.is_file():
            continue
        try:
            manifest = _load_manifest(candidate)
        except (OSError, InputError):
            return None
        if "workspace" in manifest.doc:
            return manifest
    return None


def _locked_crates(lock: Path) -> dict[str, _Locked]:
    """The crates a lockfile pins, by name, where the name is pinned to one version only."""
    try:
        stat = lock.stat()
    except OSError:
        return {}
    # every member of a large workspace asks for the same lockfile
    return _locked_crates_cached(str(lock), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _locked_crates_cached(lock: str, mtime_ns: int, size: int) -> dict[str, _Locked]:
    try:
        locked, _ = _parse_lock(Path(lock), Path(lock).read_bytes())
    except (OSError, InputError):
        return {}  # the lockfile's problems are reported when it is read itself
    by_name: dict[str, list[_Locked]] = {}
    for package in locked:
        if package.source is not None:
            by_name.setdefault(package.name, []).append(package)
    return {name: found[0] for name, found in by_name.items() if len(found) == 1}


def read_manifest(path: Path, data: bytes) -> InputFile:
    """Cargo.toml alone: the project's licence and the dependencies it and its members declare.

    A member of a workspace takes the requirements and licence it inherits from the workspace's
    root, and the versions the workspace's Cargo.lock pins.
    """
    root = _load_manifest(path, data)
    shown = str(path)
    result = InputFile(path=shown, format="cargo-toml")
    workspace = None if "workspace" in root.doc else _workspace_root(path)
    pinned: dict[str, _Locked] = {}
    if workspace is not None:
        shared = as_dict(workspace.doc.get("workspace"))
        root = _load_manifest(path, data, as_dict(shared.get("dependencies")))
        root.doc.setdefault("workspace", {"package": as_dict(shared.get("package"))})
        pinned = _locked_crates(workspace.path.parent / "Cargo.lock")
    result.project = _project(root, shown, workspace.path.parent if workspace is not None else None)
    manifests = [root, *_members(root)] if workspace is None else [root]
    if not root.package and len(manifests) == 1:
        # a virtual workspace whose members are not here: its shared requirements are all we know
        inherited = as_dict(as_dict(root.doc.get("workspace")).get("dependencies"))
        root.dependencies = [
            _dependency(k, v, Scope.RUNTIME, ("workspace", "dependencies"), {}) for k, v in inherited.items()
        ]
    best: dict[str, Component] = {}
    for manifest in manifests:
        where = str(manifest.path) if manifest is not root else shown
        for dep in manifest.dependencies:
            if dep.local:
                continue  # the project's own crates
            known = best.get(dep.name)
            if known is not None and _RANK[known.scope or Scope.RUNTIME] <= _RANK[dep.scope]:
                continue
            lock = pinned.get(dep.name)
            component = Component(
                name=dep.name,
                version=lock.version if lock else None,
                purl=crate_purl(dep.name, lock.version, lock.source) if lock else crate_purl(dep.name),
                scope=dep.scope,
                location=Location(where, manifest.lines.line(dep.table, dep.key)),
            )
            if dep.requirement:
                component.extra["requirement"] = dep.requirement
            best[dep.name] = component
    result.components = list(best.values())
    return result


@dataclass
class _Locked:
    name: str
    version: str | None
    source: str | None
    dependencies: list[str]
    line: int | None
    checksum: str | None = None


def read_lock(path: Path, data: bytes) -> InputFile:
    locked, errors = _parse_lock(path, data)
    shown = str(path)
    result = InputFile(path=shown, format="cargo-lock", errors=errors)
    root: Manifest | None = None
    manifest_path = path.parent / "Cargo.toml"
    if manifest_path.is_file():
        try:
            root = _load_manifest(manifest_path)
        except (OSError, InputError):
            root = None  # the manifest's own problem is reported when it is read itself
    if root is not None:
        result.project = _project(root, str(manifest_path))
    scopes = _lock_scopes(locked, [root, *_members(root)] if root is not None else [])
    seen: set[str] = set()
    for index, package in enumerate(locked):
        if package.source is None:
            continue  # a workspace member or local path crate: the project's own code
        component = Component(
            name=package.name,
            version=package.version,
            purl=crate_purl(package.name, package.version, package.source),
            scope=scopes.get(index, Scope.RUNTIME),
            location=Location(shown, package.line),
        )
        if package.checksum and (sha := _sha256(package.checksum)):
            component.extra["hashes"] = [sha]  # of the .crate file crates.io serves
        if component.key in seen:
            continue
        seen.add(component.key)
        result.components.append(component)
    return result


def _sha256(checksum: str) -> dict[str, str] | None:
    value = checksum.strip().lower()
    if len(value) == 64 and all(c in "0123456789abcdef" for c in value):
        return {"alg": "SHA-256", "content": value}
    return None


def _parse_lock(path: Path, data: bytes) -> tuple[list[_Locked], list[InputError]]:
    """The locked packages, and an error for each entry that cannot be read (left out)."""
    text = lockfile_text(path, data)
    doc = loads(path, text)
    raw_packages = doc.get("package", [])
    if not isinstance(raw_packages, list):
        message = Message("input.must-be-array-of-tables", key="package", type=type(raw_packages).__name__)
        raise InputError(message, path)
    lines = Lines(text)
    locked: list[_Locked] = []
    errors: list[InputError] = []
    headers: list[int] | None = None  # the line of each [[package]], found once something is wrong
    for index, entry in enumerate(raw_packages):
        problem = entry_problem(entry, optional=("version", "source"))
        if problem is not None:
            if headers is None:
                headers = TomlLines(text).array_tables.get(("package",), [])
            errors.append(InputError(problem, path, headers[index] if index < len(headers) else None))
            continue
        name, version = entry["name"], entry.get("version")
        line = lines.find(f'name = "{name}"\nversion = "{version}"', f'name = "{name}"')
        locked.append(
            _Locked(
                name,
                version,
                entry.get("source"),
                [d for d in as_list(entry.get("dependencies")) if isinstance(d, str)],
                line,
                entry.get("checksum") if isinstance(entry.get("checksum"), str) else None,
            )
        )
    return locked, errors


def _lock_scopes(locked: list[_Locked], manifests: list[Manifest]) -> dict[int, Scope]:
    """Each locked package's scope: the best scope of any path from the workspace's own crates."""
    by_name: dict[str, list[int]] = {}
    for index, package in enumerate(locked):
        by_name.setdefault(package.name, []).append(index)

    def resolve(reference: str) -> int | None:
        # "name", "name version" or "name version (source)"
        parts = reference.split()
        candidates = by_name.get(parts[0], []) if parts else []
        if len(parts) > 1:
            candidates = [i for i in candidates if locked[i].version == parts[1]] or candidates
        return candidates[0] if candidates else None

    declared: dict[str, dict[str, Scope]] = {}
    for manifest in manifests:
        name = as_str(manifest.package.get("name"))
        if name is None:
            continue
        kinds: dict[str, Scope] = {}
        for dep in manifest.dependencies:
            if dep.name not in kinds or _RANK[dep.scope] < _RANK[kinds[dep.name]]:
                kinds[dep.name] = dep.scope
        declared[name] = kinds

    scope: dict[int, Scope] = {}
    own = [i for i, p in enumerate(locked) if p.source is None]
    for wanted in (Scope.RUNTIME, Scope.OPTIONAL, Scope.DEV):
        queue: deque[int] = deque()
        for i in own:
            declared_kinds = declared.get(locked[i].name)
            for reference in locked[i].dependencies:
                target = resolve(reference)
                if target is None or locked[target].source is None or target in scope:
                    continue
                # an edge the manifests do not explain counts as runtime: never hide a dependency
                edge = (
                    declared_kinds.get(locked[target].name, Scope.RUNTIME)
                    if declared_kinds is not None
                    else Scope.RUNTIME
                )
                if edge is wanted:
                    scope[target] = wanted
                    queue.append(target)
        while queue:
            for reference in locked[queue.popleft()].dependencies:
                target = resolve(reference)
                if target is not None and target not in scope:
                    scope[target] = wanted
                    queue.append(target)
    return scope

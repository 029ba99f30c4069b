"""pyproject.toml: the project's licence (PEP 621, PEP 639, Poetry) and its dependencies.

Without a lockfile the dependencies have no known licence and are listed as unknown. When a
virtual environment (``.venv``) sits beside the file, it pins the versions and carries the
licences, and its distributions' own requirements are followed.
"""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers import _purl, python_env
from osscheck.readers._source import Lines, as_dict, as_list, as_str, decode

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


DEV_EXTRAS = frozenset(
    {
        "test",
        "tests",
        "testing",
        "dev",
        "develop",
        "development",
        "docs",
        "doc",
        "lint",
        "linting",
        "typing",
        "type",
    }
)


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(f"not valid TOML: {msg}", path, int(m.group(1)) if m else None) from None
    shown = str(path)
    lines = Lines(text)
    result = InputFile(path=shown, format="pyproject")
    project = as_dict(doc.get("project"))
    poetry = as_dict(as_dict(doc.get("tool")).get("poetry"))
    result.project = Project(
        as_str(project.get("name")) or as_str(poetry.get("name")),
        as_str(project.get("version")) or as_str(poetry.get("version")),
        _project_license(project, poetry, path.parent),
        Location(shown, lines.find("[project]", "[tool.poetry]")),
    )
    requirements = list(_requirements(doc, path.parent))
    env = python_env.environment_beside(path.parent)
    if env:
        result.components = _from_environment(requirements, python_env.distributions(env), shown, lines)
    else:
        result.components = _declared(requirements, shown, lines)
    return result


def _project_license(project: dict[str, Any], poetry: dict[str, Any], folder: Path) -> list[Declaration]:
    out: list[Declaration] = []
    value = project.get("license")
    if isinstance(value, str):
        out.append(Declaration(value, "expression"))  # PEP 639
    elif isinstance(value, dict):
        if as_str(value.get("text")):
            out.append(Declaration(value["text"], "name"))
        elif as_str(value.get("file")):
            with contextlib.suppress(OSError):  # a missing licence file leaves the licence unknown
                out.append(Declaration((folder / value["file"]).read_text(encoding="utf-8"), "text"))
    if as_str(poetry.get("license")):
        out.append(Declaration(poetry["license"], "expression"))
    for classifier in as_list(project.get("classifiers")) + as_list(poetry.get("classifiers")):
        if isinstance(classifier, str) and classifier.startswith("License ::"):
            out.append(Declaration(classifier, "classifier"))
    return out


def _requirements(doc: dict[str, Any], folder: Path):  # type: ignore[no-untyped-def]
    """(requirement string, scope) pairs from every place pyproject.toml declares them."""
    project = as_dict(doc.get("project"))
    tool = as_dict(doc.get("tool"))
    for req in as_list(project.get("dependencies")):
        if isinstance(req, str):
            yield req, Scope.RUNTIME
    if "dependencies" in as_list(project.get("dynamic")):
        files = as_dict(as_dict(as_dict(tool.get("setuptools")).get("dynamic")).get("dependencies")).get(
            "file"
        )
        for name in [files] if isinstance(files, str) else as_list(files):
            for req in _requirements_file(folder / str(name)):
                yield req, Scope.RUNTIME
    for extra, reqs in as_dict(project.get("optional-dependencies")).items():
        # extras for testing, docs and linting are development tools, not part of what ships
        scope = Scope.DEV if python_env.canonical(extra) in DEV_EXTRAS else Scope.OPTIONAL
        for req in as_list(reqs):
            if isinstance(req, str):
                yield req, scope
    for reqs in as_dict(doc.get("dependency-groups")).values():
        for req in as_list(reqs):
            if isinstance(req, str):
                yield req, Scope.DEV
    poetry = as_dict(tool.get("poetry"))
    for name in as_dict(poetry.get("dependencies")):
        if name.lower() != "python":
            yield name, Scope.RUNTIME
    for name in as_dict(poetry.get("dev-dependencies")):
        yield name, Scope.DEV
    for group in as_dict(poetry.get("group")).values():
        for name in as_dict(as_dict(group).get("dependencies")):
            yield name, Scope.DEV


def _requirements_file(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    out = []
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith(("#", "-")):
            out.append(line)
    return out


def _declared(requirements: list[tuple[str, Scope]], shown: str, lines: Lines) -> list[Component]:
    out: dict[str, Component] = {}
    for req, scope in requirements:
        parsed = python_env.requirement_name(req)
        if parsed is None:
            continue
        name = parsed[0]
        key = python_env.canonical(name)
        if key in out:
            continue
        lines.cursor = 0
        out[key] = Component(
            name=name,
            purl=_purl.pypi(name),
            scope=scope,
            location=Location(shown, lines.find(f'"{req}"', f"'{req}'", f'"{name}', f"{name} =")),
            extra={"requirement": req},
        )
    return list(out.values())


def _from_environment(
    requirements: list[tuple[str, Scope]],
    dists: dict[str, python_env.Distribution],
    shown: str,
    lines: Lines,
) -> list[Component]:
    """Declared requirements and what they require in turn, with versions and licences installed."""
    out: dict[str, Component] = {}
    queue: list[tuple[str, Scope, set[str], int | None]] = []
    for req, scope in requirements:
        parsed = python_env.requirement_name(req)
        if parsed is not None and ";" in req and python_env.canonical(parsed[0]) not in dists:
            continue  # conditional (python_version, platform) and not installed: it does not apply here
        if parsed is not None:
            lines.cursor = 0
            line = lines.find(f'"{req}"', f"'{req}'", f'"{parsed[0]}', f"{parsed[0]} =")
            queue.append((parsed[0], scope, parsed[1], line))
    rank = {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEV: 2}
    while queue:
        name, scope, extras, line = queue.pop(0)
        key = python_env.canonical(name)
        known = out.get(key)
        if known is not None:
            if rank[scope] < rank[known.scope or Scope.RUNTIME]:
                known.scope = scope  # reached from a runtime requirement after all
            else:
                continue
        dist = dists.get(key)
        if known is None:
            component = Component(
                name=dist.name if dist else name,
                version=dist.version if dist else None,
                purl=_purl.pypi(dist.name if dist else name, dist.version if dist else None),
                scope=scope,
                declared=list(dist.declared) if dist else [],
                location=Location(shown, line),
            )
            if dist and dist.path:
                component.extra["metadata"] = str(dist.path)
            out[key] = component
        if dist is None:
            continue
        for requirement in dist.requires:
            extra = python_env.requirement_extra(requirement)
            if extra is not None and extra not in extras:
                continue
            parsed = python_env.requirement_name(requirement)
            if parsed is None:
                continue
            child = python_env.canonical(parsed[0])
            if child not in dists and ";" in requirement:
                continue  # a conditional requirement (platform, Python version) that does not apply here
            queue.append((parsed[0], scope, parsed[1], line))
    return list(out.values())

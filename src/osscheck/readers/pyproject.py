"""pyproject.toml: the project's licence (PEP 621, PEP 639, Poetry) and its dependencies.

Requirements come from ``[project]`` (dependencies, optional-dependencies), ``[dependency-groups]``
(PEP 735), Poetry (``[tool.poetry]`` dependencies, dev-dependencies, groups), uv and PDM dev
dependencies, Hatch environments, and from the files ``dynamic = ["dependencies"]`` names in
``[tool.setuptools.dynamic]``.

Without a lockfile the dependencies have no known licence and are listed as unknown. When a
virtual environment (``.venv``) sits beside the file, it pins the versions and carries the
licences, and its distributions' own requirements are followed.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from osscheck.errors import InputError, UsageError
from osscheck.messages import Message
from osscheck.model import Component, Declaration, InputFile, Location, Project, Record, Scope
from osscheck.readers import _purl, python_env, requirements
from osscheck.readers._source import as_dict, as_list, as_str, decode, read_problem
from osscheck.readers.requirements import Requirement
from osscheck.toml_lines import TomlLines, loads

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

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
        "type-checking",
        "typecheck",
        "coverage",
        "release",
        "ci",
    }
)
#: dependency groups (PEP 735, Poetry, uv) whose names say development. Any other group may ship
#: (``uv sync --group prod``, ``poetry install --only main,celery``) and is judged, as optional.
#: ``[tool.osscheck] dev-groups`` replaces this list for a project.
DEV_GROUPS = frozenset(
    {
        "dev",
        "develop",
        "development",
        "test",
        "tests",
        "testing",
        "lint",
        "linting",
        "docs",
        "doc",
        "typing",
        "types",
        "mypy",
        "format",
        "formatting",
        "style",
        "coverage",
        "bench",
        "benchmark",
        "benchmarks",
        "ci",
        "pre-commit",
        "release",
    }
)
#: licence files larger than this are not read into a report
MAX_LICENSE_TEXT = 1024 * 1024
_RANK = {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEV: 2}


class Declared(Record):
    """A requirement as pyproject.toml (or a file it names) declares it."""

    def __init__(
        self, requirement: Requirement, scope: Scope, location: Location, group: str | None = None
    ) -> None:
        self.requirement = requirement
        self.scope = scope
        self.location = location
        self.group = group  # the dependency group that declares it, if any


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    doc = loads(path, text)
    shown = str(path)
    toml = TomlLines(text)
    result = InputFile(path=shown, format="pyproject")
    result.project = project_of(doc, path, toml)
    declared = list(declarations(doc, path, toml))
    result.project = note_declared_groups(result.project, declared)
    env = python_env.environment_beside(path.parent)
    if env:
        dists = python_env.distributions(env, result.errors)
        result.components = _from_environment(declared, dists, result.errors)
    else:
        result.components = _declared(declared)
    return result


def project_of(doc: dict[str, Any], path: Path, toml: TomlLines | None = None) -> Project:
    """The project itself: name, version, and its own (outbound) licence."""
    project = as_dict(doc.get("project"))
    poetry = as_dict(as_dict(doc.get("tool")).get("poetry"))
    line = None
    if toml is not None:
        # the line that declares the licence, where a finding about it points
        line = (
            toml.key_line(("project",), "license")
            or toml.key_line(("tool", "poetry"), "license")
            or toml.key_line(("project",), "classifiers")
            or toml.table(("project",))
            or toml.table(("tool", "poetry"))
        )
    return Project(
        as_str(project.get("name")) or as_str(poetry.get("name")),
        as_str(project.get("version")) or as_str(poetry.get("version")),
        project_license(project, poetry, path.parent),
        Location(str(path), line),
    )


def project_license(project: dict[str, Any], poetry: dict[str, Any], folder: Path) -> list[Declaration]:
    out: list[Declaration] = []
    value = project.get("license")
    if isinstance(value, str) and value.strip():
        out.append(Declaration(value, "expression"))  # PEP 639
    elif isinstance(value, dict):
        text = as_str(value.get("text"))
        if text and text.strip():
            out.append(Declaration(text, "text" if "\n" in text.strip() or len(text) > 200 else "name"))
        elif as_str(value.get("file")):
            out.extend(Declaration(t, "text") for t in license_file_texts(folder, [value["file"]]))
    if as_str(poetry.get("license")):
        out.append(Declaration(poetry["license"], "expression"))
    for classifier in as_list(project.get("classifiers")) + as_list(poetry.get("classifiers")):
        if isinstance(classifier, str) and classifier.startswith("License ::"):
            out.append(Declaration(classifier, "classifier"))
    if not out:
        # PEP 639 license-files alone: the texts are all there is to tell the licence by
        files = [f for f in as_list(project.get("license-files")) if isinstance(f, str)]
        out.extend(Declaration(t, "text") for t in license_file_texts(folder, files))
    return out


def license_file_texts(folder: Path, patterns: list[str]) -> list[str]:
    """Texts of the licence files that glob patterns name, inside the project's folder only."""
    root = folder.resolve()
    texts: list[str] = []
    for pattern in patterns:
        if not pattern or Path(pattern).is_absolute() or ".." in Path(pattern).parts:
            continue
        for file in sorted(folder.glob(pattern)):
            with contextlib.suppress(OSError, ValueError):
                if not file.is_file() or not file.resolve().is_relative_to(root):
                    continue
                if file.stat().st_size > MAX_LICENSE_TEXT:
                    continue
                text = file.read_text(encoding="utf-8", errors="replace")
                if text.strip() and text not in texts:
                    texts.append(text)
    return texts


def dev_groups(folder: Path) -> frozenset[str]:
    """The dependency groups taken as development in the project at ``folder``.

    ``dev-groups`` of its configuration (``[tool.osscheck]`` or ``.osscheck.toml``), else DEV_GROUPS.
    """
    from osscheck.config import find_config

    try:
        configured = find_config(folder).dev_groups
    except UsageError as exc:  # the manifest cannot be read as the project means it
        raise InputError(exc.message, exc.path, exc.line) from None
    return DEV_GROUPS if configured is None else frozenset(python_env.canonical(g) for g in configured)


def group_scope(group: str, dev: frozenset[str]) -> Scope:
    """A dependency group is for development only if its name says so; any other may ship."""
    return Scope.DEV if python_env.canonical(group) in dev else Scope.OPTIONAL


def note_dev_groups(project: Project | None, names: Iterable[str], where: Location) -> Project | None:
    """Record on the project which dependency groups were taken as development: the report says so."""
    names = sorted(set(names))
    if not names:
        return project
    project = project or Project()
    project.extra["dev_groups"] = (names, where)
    return project


def note_declared_groups(project: Project | None, declared: list[Declared]) -> Project | None:
    """:func:`note_dev_groups` for the groups of a manifest's requirements, at the first one's line."""
    dev = [d for d in declared if d.group is not None and d.scope is Scope.DEV]
    if not dev:
        return project
    return note_dev_groups(project, [str(d.group) for d in dev], dev[0].location)


def extra_scope(extra: str) -> Scope:
    # extras for testing, docs and linting are development tools, not part of what ships
    name = python_env.canonical(extra)
    dev = name in DEV_EXTRAS or name.startswith(("test", "doc", "dev", "lint"))
    return Scope.DEV if dev else Scope.OPTIONAL


def declarations(doc: dict[str, Any], path: Path, toml: TomlLines) -> Iterator[Declared]:
    """Every requirement pyproject.toml declares, with its scope and line."""
    shown = str(path)
    dev = dev_groups(path.parent)
    project = as_dict(doc.get("project"))
    tool = as_dict(doc.get("tool"))
    dynamic = {str(d) for d in as_list(project.get("dynamic"))}
    setuptools_dynamic = as_dict(as_dict(tool.get("setuptools")).get("dynamic"))

    def strings(
        table: tuple[str, ...], items: Any, scope: Scope, group: str | None = None
    ) -> Iterator[Declared]:
        for req in as_list(items):
            if not isinstance(req, str):
                continue  # e.g. {include-group = "test"}: that group is read on its own
            line = toml.find(table, f'"{req}"', f"'{req}'", req)
            parsed = requirements.parse_requirement(req) or Requirement(None, url=req)
            yield Declared(parsed, scope, Location(shown, line), group)

    yield from strings(("project",), project.get("dependencies"), Scope.RUNTIME)
    if "dependencies" in dynamic:
        yield from _dynamic_files(path, setuptools_dynamic.get("dependencies"), Scope.RUNTIME)
    for extra, reqs in as_dict(project.get("optional-dependencies")).items():
        yield from strings(("project",), reqs, extra_scope(extra))
    if "optional-dependencies" in dynamic:
        for extra, spec in as_dict(setuptools_dynamic.get("optional-dependencies")).items():
            yield from _dynamic_files(path, spec, extra_scope(extra))
    for group, reqs in as_dict(doc.get("dependency-groups")).items():
        yield from strings(("dependency-groups",), reqs, group_scope(group, dev), group)
    # uv's and Poetry's older dev-dependencies are the group "dev"
    uv_dev = as_dict(tool.get("uv")).get("dev-dependencies")
    yield from strings(("tool", "uv"), uv_dev, group_scope("dev", dev), "dev")
    for reqs in as_dict(as_dict(tool.get("pdm")).get("dev-dependencies")).values():
        yield from strings(("tool", "pdm"), reqs, Scope.DEV)
    # Hatch environments (test, lint, docs) install tools for development, not what ships
    for env in as_dict(as_dict(tool.get("hatch")).get("envs")).values():
        for key in ("dependencies", "extra-dependencies"):
            yield from strings(("tool", "hatch", "envs"), as_dict(env).get(key), Scope.DEV)
    poetry = as_dict(tool.get("poetry"))
    yield from _poetry(("tool", "poetry", "dependencies"), poetry.get("dependencies"), None, dev, shown, toml)
    legacy = ("tool", "poetry", "dev-dependencies")
    yield from _poetry(legacy, poetry.get("dev-dependencies"), "dev", dev, shown, toml)
    for group, body in as_dict(poetry.get("group")).items():
        table = ("tool", "poetry", "group", group, "dependencies")
        yield from _poetry(table, as_dict(body).get("dependencies"), group, dev, shown, toml)


def _dynamic_files(path: Path, spec: Any, scope: Scope) -> Iterator[Declared]:
    files = as_dict(spec).get("file")
    for name in [files] if isinstance(files, str) else as_list(files):
        if not isinstance(name, str):
            continue
        target = path.parent / name
        if not target.exists():
            continue  # a generated or missing file: nothing to read offline
        try:  # a FIFO, or a file outside the project's folder, is refused (not skipped)
            found = requirements.read_entries(target)
        except InputError as exc:
            if exc.path != str(target) or exc.line is not None:
                raise  # a problem inside the file: its own line says where
            message = Message("input.cannot-read-named", name=name, problem=read_problem(exc))
            raise InputError(message, path) from None
        for requirement, where, file_scope in found:
            yield Declared(requirement, scope if file_scope is Scope.RUNTIME else file_scope, where)


def _poetry(
    table: tuple[str, ...],
    deps: Any,
    group: str | None,
    dev: frozenset[str],
    shown: str,
    toml: TomlLines,
) -> Iterator[Declared]:
    # the main group (the plain dependencies table) ships; another group by its name
    scope = None if group in (None, "main") else group_scope(group, dev)
    for name, spec in as_dict(deps).items():
        if name.lower() == "python":
            continue  # the interpreter version, not a package
        constraints = spec if isinstance(spec, list) else [spec]
        first = constraints[0] if constraints else None
        body = first if isinstance(first, dict) else {"version": first}
        optional = any(isinstance(c, dict) and c.get("optional") for c in constraints)
        version = as_str(body.get("version")) or ""
        if re.fullmatch(r"\d+(\.\d+)*", version.strip()):
            version = "==" + version.strip()  # Poetry reads a bare version as an exact pin
        url = as_str(body.get("git")) or as_str(body.get("url")) or as_str(body.get("path"))
        extras = {python_env.canonical(str(e)) for e in as_list(body.get("extras"))}
        requirement = Requirement(name, extras, version if len(constraints) == 1 else "", "", url)
        here = scope or (Scope.OPTIONAL if optional else Scope.RUNTIME)
        yield Declared(requirement, here, Location(shown, toml.line(table, name)), group)


def _declared(declared: list[Declared]) -> list[Component]:
    out: dict[str, Component] = {}
    for item in sorted(declared, key=lambda d: _RANK[d.scope]):
        component = requirements.component_for(item.requirement, item.scope, item.location)
        key = python_env.canonical(component.name)
        if key not in out:
            out[key] = component
    # document order, as the manifest (and the files it names) list them
    return sorted(out.values(), key=_document_order)


def _document_order(c: Component) -> tuple[str, int]:
    if c.location is None:
        return ("", 0)
    return (c.location.path, c.location.line or 0)


def _from_environment(
    declared: list[Declared], dists: dict[str, python_env.Distribution], errors: list[InputError]
) -> list[Component]:
    """Declared requirements and what they require in turn, with versions and licences installed."""
    out: dict[str, Component] = {}
    queue: list[tuple[str, Scope, set[str], Location]] = []
    for item in declared:
        req = item.requirement
        if req.name is None:
            continue
        if req.marker and python_env.canonical(req.name) not in dists:
            continue  # conditional (python_version, platform) and not installed: it does not apply here
        queue.append((req.name, item.scope, req.extras, item.location))
    while queue:
        name, scope, extras, where = queue.pop(0)
        key = python_env.canonical(name)
        known = out.get(key)
        if known is not None:
            if _RANK[scope] < _RANK[known.scope or Scope.RUNTIME]:
                known.scope = scope  # reached from a run-time requirement after all
            else:
                continue
        dist = dists.get(key)
        if known is None:
            component = (
                python_env.component(dist, errors) if dist else Component(name=name, purl=_purl.pypi(name))
            )
            component.scope = scope
            component.location = where
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
            queue.append((parsed[0], scope, parsed[1], where))
    return list(out.values())

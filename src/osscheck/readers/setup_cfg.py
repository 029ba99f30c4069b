"""setup.cfg (setuptools' declarative configuration): the project's licence and its requirements.

``[metadata]`` gives the project's own licence (``license``, ``license_expression``,
``license_files``, licence classifiers); ``[options] install_requires`` the run-time requirements,
``tests_require`` and the test/docs/lint extras of ``[options.extras_require]`` development-only
ones, the other extras optional ones. No licence of a dependency is written here: they are listed
with an unknown licence. The file is parsed line by line (the INI dialect setuptools reads) so each
requirement keeps its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers import requirements
from osscheck.readers._source import decode, read_problem, read_regular, scanned_folder
from osscheck.readers.pyproject import extra_scope, license_file_texts

_SECTION = re.compile(r"^\[([^\]]+)\]\s*$")
_KEY = re.compile(r"^([^=:\s][^=:]*?)\s*[=:]\s?(.*)$")


@dataclass
class Entry:
    """One key of an INI section: its first line and its value lines (line number, text)."""

    line: int
    values: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(v for _, v in self.values).strip()


def parse_ini(path: Path, text: str) -> dict[str, dict[str, Entry]]:
    """Sections -> keys (lower case, ``-`` as ``_``) -> entries, with line numbers."""
    sections: dict[str, dict[str, Entry]] = {}
    current: dict[str, Entry] | None = None
    entry: Entry | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if raw[:1] in (" ", "\t") and entry is not None:
            entry.values.append((number, stripped))  # a continuation line
            continue
        section = _SECTION.match(stripped)
        if section:
            current = sections.setdefault(section.group(1).strip().lower(), {})
            entry = None
            continue
        key = _KEY.match(stripped)
        if key is None or current is None:
            where = (
                Message("input.before-any-section")
                if current is None
                else Message("input.not-key-value-line")
            )
            raise InputError(Message("input.invalid-setup-cfg", problem=where), path, number)
        entry = Entry(number)
        if key.group(2).strip():
            entry.values.append((number, key.group(2).strip()))
        current[key.group(1).strip().lower().replace("-", "_")] = entry
    return sections


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    sections = parse_ini(path, text)
    shown = str(path)
    metadata = sections.get("metadata", {})
    options = sections.get("options", {})
    name = metadata.get("name")
    version = metadata.get("version")
    result = InputFile(path=shown, format="setup-cfg")
    result.project = Project(
        name.text if name else None,
        version.text if version and not version.text.startswith(("attr:", "file:")) else None,
        _project_license(metadata, path.parent),
        Location(shown, name.line if name else 1),
    )
    seen: dict[str, Component] = {}
    groups: list[tuple[Entry, Scope]] = []
    if "install_requires" in options:
        groups.append((options["install_requires"], Scope.RUNTIME))
    for extra, entry in sections.get("options.extras_require", {}).items():
        groups.append((entry, extra_scope(extra)))
    if "tests_require" in options:
        groups.append((options["tests_require"], Scope.DEV))
    # run-time requirements first, so that a name also listed for tests keeps the run-time scope
    groups.sort(key=lambda g: {Scope.RUNTIME: 0, Scope.OPTIONAL: 1, Scope.DEV: 2}[g[1]])
    for entry, scope in groups:
        _add_requirements(path, entry, scope, result, seen)
    return result


def _project_license(metadata: dict[str, Entry], folder: Path) -> list[Declaration]:
    out: list[Declaration] = []
    expression = metadata.get("license_expression")
    if expression and expression.text:
        out.append(Declaration(expression.text, "expression"))
    license_ = metadata.get("license")
    if license_ and license_.text and license_.text.upper() != "UNKNOWN":
        value = license_.text
        if value.startswith("file:"):
            out.extend(Declaration(t, "text") for t in license_file_texts(folder, [value[5:].strip()]))
        else:
            out.append(Declaration(value, "text" if "\n" in value or len(value) > 200 else "name"))
    classifiers = metadata.get("classifiers")
    for _, line in classifiers.values if classifiers else []:
        if line.startswith("License ::"):
            out.append(Declaration(line, "classifier"))
    files = metadata.get("license_files") or metadata.get("license_file")
    if not out and files:
        patterns = [p.strip() for _, v in files.values for p in v.split(",") if p.strip()]
        out.extend(Declaration(t, "text") for t in license_file_texts(folder, patterns))
    return out


def _add_requirements(
    path: Path, entry: Entry, scope: Scope, result: InputFile, seen: dict[str, Component]
) -> None:
    shown = str(path)
    values = entry.values
    if len(values) == 1 and values[0][1].startswith("file:"):
        # ``install_requires = file: requirements.txt``: read through the requirements reader
        for name in values[0][1][5:].split(","):
            target = path.parent / name.strip()
            try:  # a regular file inside the folder searched, like an include (never a FIFO)
                data = read_regular(target, scanned_folder(path))
            except InputError as exc:
                problem = Message("input.cannot-read-named", name=name.strip(), problem=read_problem(exc))
                raise InputError(problem, path, entry.line) from None
            for component in requirements.read(target, data).components:
                component.scope = scope
                _keep(component, seen, result)
        return
    for number, value in values:
        line = re.sub(r"(^|\s)#.*$", "", value).strip()
        if line:
            _keep(requirements.component_for(line, scope, Location(shown, number)), seen, result)


def _keep(component: Component, seen: dict[str, Component], result: InputFile) -> None:
    key = requirements.canonical(component.name) + "@" + (component.version or "")
    if key in seen:
        return
    seen[key] = component
    result.components.append(component)

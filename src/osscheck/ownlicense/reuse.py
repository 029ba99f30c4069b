"""The project licence REUSE declares for everything: ``REUSE.toml``'s default annotation, ``.reuse/dep5``.

An annotation is the default when its path covers every file ("**"); one for a part of the project
(``docs/**`` under CC-BY-4.0) says nothing about the project's licence. In the Debian copyright
format, the stanza ``Files: *`` is the default.
"""

from __future__ import annotations

import re
from pathlib import Path

from osscheck.errors import InputError
from osscheck.model import Location
from osscheck.ownlicense.record import ProjectLicence

#: REUSE.toml paths that cover every file of the project
_EVERYTHING = ("**", "**/*", "./**")
_FIELD = re.compile(r"(?P<name>[A-Za-z-]+):[ \t]*(?P<value>.*)")


def reuse_declarations(folder: Path, errors: list[InputError]) -> list[ProjectLicence]:
    """The default licences of ``folder/REUSE.toml`` and ``folder/.reuse/dep5``, each with its line."""
    out: list[ProjectLicence] = []
    toml = folder / "REUSE.toml"
    if toml.is_file():
        text = _read(toml, folder, errors)
        if text is not None:
            out += _annotations(toml, text, errors)
    dep5 = folder / ".reuse" / "dep5"
    if dep5.is_file():
        text = _read(dep5, folder, errors)
        if text is not None:
            out += _dep5(dep5, text)
    return out


def _read(path: Path, folder: Path, errors: list[InputError]) -> str | None:
    from osscheck.readers._source import decode, read_regular

    try:
        return decode(path, read_regular(path, folder))
    except InputError as exc:
        errors.append(exc)
        return None


def _annotations(path: Path, text: str, errors: list[InputError]) -> list[ProjectLicence]:
    from osscheck.toml_lines import TomlLines, loads

    try:
        doc = loads(path, text)
    except InputError as exc:  # a REUSE.toml that is not TOML: said, and the rest still checked
        errors.append(exc)
        return []
    lines = TomlLines(text)
    entries = doc.get("annotations")
    out: list[ProjectLicence] = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        paths = entry.get("path")
        paths = [paths] if isinstance(paths, str) else paths if isinstance(paths, list) else []
        if not any(p in _EVERYTHING for p in paths if isinstance(p, str)):
            continue
        declared = entry.get("SPDX-License-Identifier")
        if isinstance(declared, list):
            declared = " AND ".join(f"({d})" for d in declared if isinstance(d, str))
        if not isinstance(declared, str) or not declared.strip():
            continue
        line = lines.entry_line(("annotations",), index, "SPDX-License-Identifier")
        out.append(ProjectLicence("REUSE.toml", _spdx(declared), Location(str(path), line), declared))
    return out


def _dep5(path: Path, text: str) -> list[ProjectLicence]:
    """The ``License:`` of the stanza whose ``Files:`` is ``*`` (continuation lines begin with a space)."""
    out: list[ProjectLicence] = []
    files: list[str] = []
    licence: tuple[str, int] | None = None
    field = ""
    for number, line in enumerate([*text.splitlines(), ""], 1):
        if not line.strip():  # the end of a stanza
            if "*" in files and licence is not None:
                out.append(
                    ProjectLicence(
                        ".reuse/dep5", _spdx(licence[0]), Location(str(path), licence[1]), licence[0]
                    )
                )
            files, licence, field = [], None, ""
            continue
        if line[:1] in " \t":
            if field == "files":
                files += line.split()
            continue
        match = _FIELD.match(line)
        if not match:
            continue
        field = match.group("name").lower()
        if field == "files":
            files = match.group("value").split()
        elif field == "license" and licence is None:
            licence = (match.group("value").strip(), number)
    return out


def _spdx(declared: str) -> str | None:
    from osscheck.resolve import normalize

    return normalize(declared, "expression").license

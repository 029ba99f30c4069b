"""The project licence REUSE declares for everything: ``REUSE.toml``'s default annotation, ``.reuse/dep5``.

An annotation is the default when its path covers every file ("**"); one for a part of the project
(``docs/**`` under CC-BY-4.0) says nothing about the project's licence. In the Debian copyright
format, the stanza ``Files: *`` is the default.
"""

from __future__ import annotations

import re
from functools import lru_cache
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
        try:
            found = reuse_annotations(toml, folder)
        except InputError as exc:  # unreadable, or not TOML: said, and the rest still checked
            errors.append(exc)
            found = []
        out += [
            ProjectLicence("REUSE.toml", _spdx(a.license), Location(str(toml), a.line), a.license)
            for a in found
            if any(p in _EVERYTHING for p in a.paths)
        ]
    dep5 = folder / ".reuse" / "dep5"
    if dep5.is_file():
        text = _read(dep5, folder, errors)
        if text is not None:
            out += _dep5(dep5, text)
    return out


class Annotation:
    """One ``[[annotations]]`` entry of REUSE.toml that names a licence."""

    __slots__ = ("license", "line", "paths", "precedence")

    def __init__(self, paths: tuple[str, ...], license: str, precedence: str, line: int | None) -> None:
        self.paths = paths  # REUSE globs, relative to REUSE.toml's folder
        self.license = license  # as written; several identifiers joined by AND
        self.precedence = precedence  # closest (the default), aggregate or override
        self.line = line  # of its SPDX-License-Identifier


def reuse_annotations(path: Path, folder: Path) -> list[Annotation]:
    """The annotations of REUSE.toml at ``path`` that name a licence; :class:`InputError` when it
    cannot be read or is no TOML. Read once per run: the project licence and the files' licences
    both need it."""
    info = path.stat()
    return list(_annotations(str(path), str(folder), info.st_mtime_ns, info.st_size))


@lru_cache(maxsize=8)
def _annotations(path: str, folder: str, _mtime: int, _size: int) -> tuple[Annotation, ...]:
    from osscheck.readers._source import decode, read_regular
    from osscheck.toml_lines import TomlLines, loads

    text = decode(Path(path), read_regular(Path(path), Path(folder)))
    doc = loads(Path(path), text)
    lines = TomlLines(text)
    entries = doc.get("annotations")
    out: list[Annotation] = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict):
            continue
        declared = entry.get("SPDX-License-Identifier")
        written = [declared] if isinstance(declared, str) else declared if isinstance(declared, list) else []
        written = [d for d in written if isinstance(d, str) and d.strip()]
        if not written:
            continue
        license = written[0] if len(written) == 1 else " AND ".join(f"({d})" for d in written)
        paths = entry.get("path")
        paths = [paths] if isinstance(paths, str) else paths if isinstance(paths, list) else []
        precedence = entry.get("precedence")
        out.append(
            Annotation(
                tuple(p for p in paths if isinstance(p, str)),
                license,
                precedence if isinstance(precedence, str) else "closest",
                lines.entry_line(("annotations",), index, "SPDX-License-Identifier"),
            )
        )
    return tuple(out)


def _read(path: Path, folder: Path, errors: list[InputError]) -> str | None:
    from osscheck.readers._source import decode, read_regular

    try:
        return decode(path, read_regular(path, folder))
    except InputError as exc:
        errors.append(exc)
        return None


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

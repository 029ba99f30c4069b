"""The licence texts in a project's root: LICENSE / LICENCE / COPYING files and REUSE's ``LICENSES/``.

Each text is identified by its wording (osscheck.licenses.texts), never by its name; the name is
checked against it. A root file whose name says it is something else (``LICENSE-THIRD-PARTY``) is
not the project's licence and is left alone; ``LICENSE-MIT`` or ``COPYING.LESSER`` names a licence.
"""

from __future__ import annotations

import re
from pathlib import Path

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Finding, Location
from osscheck.ownlicense.record import LICENSE_FILE, REUSE_TEXT, ProjectLicence

_STEM = re.compile(r"(?:licen[cs]e|copying)(?:[-_. ](?P<suffix>.+))?", re.IGNORECASE)
_EXTENSIONS = (".md", ".txt", ".rst", ".markdown", ".adoc", ".org", ".html")
#: the licence family a word in a file name stands for, as osscheck.licenses.texts.families names it
_NAMED = {
    "mit": "MIT",
    "apache": "Apache",
    "bsd": "BSD",
    "isc": "ISC",
    "mpl": "MPL",
    "mozilla": "MPL",
    "eupl": "EUPL",
    "gpl": "GPL",
    "lgpl": "LGPL",
    "lesser": "LGPL",
    "lib": "LGPL",
    "agpl": "AGPL",
    "affero": "AGPL",
    "epl": "EPL",
    "cc0": "CC",
    "unlicense": "Unlicense",
    "zlib": "Zlib",
    "boost": "BSL",
    "bsl": "BSL",
}


_OTHER = ""


def licence_files(folder: Path) -> tuple[list[ProjectLicence], list[Finding], list[InputError]]:
    """The root licence files and ``LICENSES/*.txt`` of ``folder``: records, findings, unreadable files."""
    records: list[ProjectLicence] = []
    findings: list[Finding] = []
    errors: list[InputError] = []
    for path in _root_files(folder):
        named = _named_family(path.name)
        if named == _OTHER:
            continue
        text = _text(path, folder, errors)
        if text is None:
            continue
        found = _recognised(text)
        records.append(
            ProjectLicence(LICENSE_FILE, found, Location(str(path), _title_line(text)), _title(text, path))
        )
        findings += _text_findings(path, text, found, placeholders=True)
        if found is not None and named and named not in _families(found):
            findings.append(_mismatch(path, named, found))
    texts = folder / "LICENSES"
    for path in sorted(texts.glob("*.txt")) if texts.is_dir() else []:
        text = _text(path, folder, errors)
        if text is None:
            continue
        name = _reuse_id(path.stem)
        records.append(ProjectLicence(REUSE_TEXT, name, Location(str(path), 1), path.name))
        if name is None or name.startswith("LicenseRef-"):
            continue  # a licence of the project's own making: no known text to hold it against
        found = _recognised(text)
        # REUSE keeps the licence templates as published ("<year> <copyright holders>"): the
        # copyright is in each file's header, so placeholders are no fault here
        findings += _text_findings(path, text, found, placeholders=False)
        if found is not None and not _same_licence(name, found):
            findings.append(_mismatch(path, name, found))
    return records, findings, errors


def _root_files(folder: Path) -> list[Path]:
    try:
        return sorted(
            p for p in folder.iterdir() if _STEM.fullmatch(_without_extension(p.name)) and not p.is_dir()
        )
    except OSError:
        return []  # the folder search reports a folder it cannot list


def _without_extension(name: str) -> str:
    lower = name.lower()
    for extension in _EXTENSIONS:
        if lower.endswith(extension):
            return name[: -len(extension)]
    return name


def _named_family(name: str) -> str | None:
    """The family a file's name names ("LICENSE-MIT": MIT), ``None`` for none, :data:`_OTHER` for a file
    that is not the project's licence ("LICENSE-THIRD-PARTY")."""
    match = _STEM.fullmatch(_without_extension(name))
    suffix = match.group("suffix") if match else None
    if not suffix:
        return None
    word = re.split(r"[-_. ]", suffix.lower(), maxsplit=1)[0]
    return _NAMED.get(word, _OTHER)


def _text(path: Path, folder: Path, errors: list[InputError]) -> str | None:
    from osscheck.readers._source import decode, read_regular

    try:
        return decode(path, read_regular(path, folder))
    except InputError as exc:  # fail closed: a licence file that could not be read has not passed
        errors.append(exc)
        return None


def _recognised(text: str) -> str | None:
    from osscheck.licenses.texts import recognise

    found = recognise(text)
    return found.license if found is not None else None


def _reuse_id(stem: str) -> str | None:
    """The SPDX id a REUSE file name is ("GPL-3.0-or-later"), normalised; ``None`` when it is none."""
    from osscheck.errors import ExpressionError
    from osscheck.licenses.expression import normalize

    if stem.startswith("LicenseRef-"):
        return stem
    try:
        return normalize(stem)
    except ExpressionError:
        return None


def key(license: str) -> str:
    """A licence as its text tells it: a GNU text does not say "only" or "or later" (a notice does)."""
    return license.removesuffix("+").removesuffix("-only").removesuffix("-or-later")


def text_keys(expression: str) -> set[str]:
    """The licences (and exceptions) an expression names, each as its text would tell it."""
    from osscheck.licenses.expression import WithException, leaf_license, leaves, parse

    node = parse(expression).expression
    out: set[str] = set()
    for leaf in leaves(node) if node is not None else []:
        out.add(key(str(leaf_license(leaf))))
        if isinstance(leaf, WithException):
            out.add(leaf.exception)
    return out


def _same_licence(name: str, found: str) -> bool:
    return key(name) in text_keys(found) or text_keys(name) == text_keys(found)


def _families(expression: str) -> list[str]:
    from osscheck.licenses.texts import families

    return families(expression)


def _title_line(text: str) -> int:
    """The line of the text's first words (its title, where it has one)."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            return number
    return 1


def _title(text: str, path: Path) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first or path.name


def _text_findings(path: Path, text: str, found: str | None, placeholders: bool) -> list[Finding]:
    from osscheck import rules  # lazy: start-up

    if found is None:
        return [
            Finding(
                "license-file-unrecognised",
                rules.severity("license-file-unrecognised"),
                Message("finding.license-file-unrecognised", file=path.name),
                Message("rule.license-file-unrecognised.hint"),
                location=Location(str(path), 1),
            )
        ]
    out: list[Finding] = []
    if placeholders:
        from osscheck.ownlicense.placeholders import placeholder

        unfilled = placeholder(text)
        if unfilled is not None:
            out.append(
                Finding(
                    "license-file-placeholder",
                    rules.severity("license-file-placeholder"),
                    Message("finding.license-file-placeholder", placeholder=unfilled[0]),
                    Message("rule.license-file-placeholder.hint"),
                    location=Location(str(path), unfilled[1]),
                )
            )
    from osscheck.licenses.expression import leaf_license, leaves, parse
    from osscheck.licenses.texts import complete

    node = parse(found).expression
    cut = [
        str(leaf_license(x))
        for x in (leaves(node) if node else [])
        if not complete(text, str(leaf_license(x)))
    ]
    if cut:
        out.append(
            Finding(
                "license-file-incomplete",
                rules.severity("license-file-incomplete"),
                Message("finding.license-file-incomplete", license=", ".join(cut)),
                Message("rule.license-file-incomplete.hint"),
                location=Location(str(path), len(text.splitlines()) or 1),
            )
        )
    return out


def _mismatch(path: Path, named: str, found: str) -> Finding:
    from osscheck import rules  # lazy: start-up

    return Finding(
        "license-file-mismatch",
        rules.severity("license-file-mismatch"),
        Message("finding.license-file-mismatch", file=path.name, named=named, license=found),
        Message("rule.license-file-mismatch.hint"),
        location=Location(str(path), 1),
    )

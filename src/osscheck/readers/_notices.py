"""Licence files shipped inside installed packages, and the copyright lines in them (for notices)."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from osscheck.errors import InputError
from osscheck.readers._source import read_head

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

#: licence files larger than this are not read into a report
MAX_LICENSE_TEXT = 1024 * 1024
#: file names that hold licence or attribution texts (LICENSE, LICENCE-MIT, COPYING.txt, NOTICE, ...)
LICENSE_NAMES = re.compile(r"^(licen[cs]e|copying|notice|copyright|unlicense)([._-].*)?$", re.IGNORECASE)
#: of those, the ones that hold a licence text (NOTICE and COPYRIGHT files are for attribution only)
LICENSE_TEXT_NAMES = re.compile(r"^(licen[cs]e|copying|unlicense)([._-].*)?$", re.IGNORECASE)
#: files a distribution may list as licence files that never hold a licence text
NOT_LICENSE_TEXT = re.compile(r"^(authors?|contributors?|notice)([._-].*)?$", re.IGNORECASE)
# a statement starts "Copyright ..." (capitalised) or "(c) 2020" or "©"; licence prose that merely
# begins a line with the word ("copyright notice that is included ...", "Copyright holders ...") is not one
_COPYRIGHT = re.compile(
    r"^\s*(?:(?:Copyright|COPYRIGHT)\b(?!\s+(?i:notices?|licen[cs]es?|and|or|owners?|holders?|statements?"
    r"|laws?|protection|to|of|in|is|the\s+above|disclaimer)\b)|\([cC]\)\s*\d|©)"
)
# licence templates: "Copyright [yyyy] [name of copyright owner]", "Copyright (C) <year> <name of author>"
_TEMPLATE = re.compile(r"\[yyyy\]|<year>|\[year\]|\{yyyy\}|<name of author>|\[fullname\]", re.IGNORECASE)


def license_files(folder: Path) -> list[Path]:
    """The licence files directly in a folder, in name order."""
    # a FIFO or device named LICENSE is listed too: reading it is refused with an error, not skipped
    with contextlib.suppress(OSError):
        return sorted(p for p in folder.iterdir() if LICENSE_NAMES.match(p.name) and not p.is_dir())
    return []


def read_texts(files: Iterable[Path], errors: list[InputError] | None = None) -> list[str]:
    """The texts of files (each once, none too large, unreadable ones skipped)."""
    return [text for _, text in read_named(files, errors)]


def read_named(files: Iterable[Path], errors: list[InputError] | None = None) -> list[tuple[Path, str]]:
    """Each file with its text (each text once, none too large); a file that is not a regular file
    (a FIFO would block forever) or cannot be read goes to ``errors``, when given."""
    found: list[tuple[Path, str]] = []
    for file in files:
        try:
            data = read_head(file, MAX_LICENSE_TEXT + 1)
        except InputError as exc:
            if errors is not None:
                errors.append(exc)
            continue
        if len(data) > MAX_LICENSE_TEXT:
            continue
        text = data.decode("utf-8", errors="replace")
        if text.strip() and all(text != seen for _, seen in found):
            found.append((file, text))
    return found


def copyright_lines(texts: Iterable[str]) -> list[str]:
    """Copyright statements in licence texts, each once, in the order found."""
    out: list[str] = []
    for text in texts:
        for line in text.splitlines():
            line = line.strip()
            if _COPYRIGHT.match(line) and len(line) < 400 and not _TEMPLATE.search(line) and line not in out:
                out.append(line)
    return out


def attach(extra: dict, texts: list[str]) -> None:
    """Record texts and copyright lines in a component's ``extra`` (the keys notices read)."""
    if not texts:
        return
    extra["license_texts"] = [{"license": None, "text": t} for t in texts]
    copyrights = copyright_lines(texts)
    if copyrights:
        extra["copyrights"] = copyrights

"""The bounded scan of ``SPDX-License-Identifier`` headers in a project's own files.

Not ``reuse lint``: it reads only what says which licence a file is under — the header lines in
the first bytes of each file, ``FILE.license`` beside a file that cannot carry one — and judges
those licences. Copyright lines and files without any licence are the reuse tool's to check.

The files are those REUSE covers: git's (tracked, and untracked but not ignored) where the folder is
a git work tree, else every file under it; never version control, installed packages, the licence
texts themselves, symlinks or empty files. A FIFO, socket or device among them is an error: it could
not be read. The scan stops after ``OSSCHECK_MAX_HEADER_FILES`` files
or ``OSSCHECK_HEADER_SCAN_SECONDS`` seconds and says so: what it did not read was not judged.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import time
from pathlib import Path

from osscheck.errors import InputError
from osscheck.filelicences.record import HEADER, SIDECAR, FileLicence
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

#: the bytes of a file looked at: headers stand at the top
HEAD_BYTES = 8192
_IDENTIFIER = re.compile(rb"SPDX-License-Identifier:[ \t]*(?P<expression>[^\r\n]*)")
# what ends a comment after the expression: C, XML, Jinja/Liquid, Haskell, OCaml, docstrings
_CLOSERS = re.compile(r"[ \t]*(\*/|-->|--%>|#\}|%\}|-\}|\*\)|\"\"\"|'''|\"|')+[ \t]*$")
# characters of code or markup, never of an SPDX expression: the line is about headers, not one
# (a pattern, a docstring, a test's string), whatever a careless reader would make of it
_NOT_AN_EXPRESSION = re.compile(r"[`\"'{}\[\]\\$=;]|\(\?P<")
_IGNORE = re.compile(rb"REUSE-IgnoreStart.*?(REUSE-IgnoreEnd|\Z)", re.DOTALL)
#: top-level names that are licence texts or REUSE's own files, not files under a licence
_NOT_COVERED_TOP = ("LICENSES", ".reuse", "REUSE.toml")
_LICENCE_TEXT = re.compile(r"(LICEN[CS]E|COPYING)([-.].*)?", re.IGNORECASE)


class Scan:
    """The files read and the licences found in them; ``complete`` is False when a bound was hit."""

    def __init__(self) -> None:
        self.licences: list[FileLicence] = []
        self.files = 0
        self.with_licence = 0
        self.complete = True
        self.errors: list[InputError] = []


def scan(folder: Path, excluded: Callable[[str], bool] | None = None) -> Scan:
    """Scan ``folder``; ``excluded(relative_path) -> bool`` leaves files out (the configuration's)."""
    from osscheck import limits

    result = Scan()
    most, deadline = limits.max_header_files(), time.monotonic() + limits.header_scan_seconds()
    for rel in _covered(folder, result.errors):
        if excluded is not None and excluded(rel):
            continue
        if result.files >= most or time.monotonic() > deadline:
            result.complete = False
            break
        path = folder / rel
        try:
            info = os.lstat(path)
        except FileNotFoundError:  # tracked by git, but deleted in the work tree: nothing to cover
            continue
        except OSError as exc:
            result.errors.append(_unreadable(path, exc))
            continue
        if stat.S_ISLNK(info.st_mode) or stat.S_ISDIR(info.st_mode):
            continue  # symlinks are no files REUSE covers; a folder is a submodule's, not ours
        if not stat.S_ISREG(info.st_mode):
            # a FIFO, socket or device: its header cannot be read, so it has not been looked at
            result.errors.append(InputError(Message("input.not-regular-file"), path))
            continue
        if info.st_size == 0 and not os.path.lexists(str(path) + ".license"):
            continue  # an empty file declares nothing (unless its sidecar does)
        result.files += 1
        found = _read(path, rel, result.errors)
        if found is not None:
            result.with_licence += 1
            result.licences.append(found)
    return result


def _covered(folder: Path, errors: list[InputError]) -> list[str]:
    """The files of ``folder`` REUSE would cover, relative, sorted (the scan is reproducible)."""
    listed = _git_files(folder)
    names = set(listed if listed is not None else _walk(folder, errors))
    # a sidecar is read with its file; one whose file is not covered (deleted, ignored, generated)
    # covers nothing, as for reuse lint
    names = {n for n in names if not n.endswith(".license") or n == ".license"}
    return sorted(n for n in names if _covered_name(n))


def _covered_name(rel: str) -> bool:
    from osscheck.readers import SKIP_DIRS

    parts = rel.split("/")
    if parts[0] in _NOT_COVERED_TOP or any(p in SKIP_DIRS for p in parts[:-1]):
        return False
    name = parts[-1]
    # the project's licence texts in the root: what they say is ownlicense's to check
    return not (len(parts) == 1 and _LICENCE_TEXT.fullmatch(name))


def _git_files(folder: Path) -> list[str] | None:
    """git's files of the work tree at ``folder`` (tracked, and untracked but not ignored), else None."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git: every file is looked at
    if done.returncode != 0:
        return None  # not a work tree
    return list(dict.fromkeys(os.fsdecode(n) for n in done.stdout.split(b"\0") if n))


def _walk(folder: Path, errors: list[InputError]) -> list[str]:
    from osscheck.readers import SKIP_DIRS

    def unreadable(exc: OSError) -> None:  # a folder that cannot be listed has not been looked at
        errors.append(_unreadable(Path(exc.filename or folder), exc))

    out: list[str] = []
    for current, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        rel = os.path.relpath(current, folder).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        out += [prefix + f for f in files]
    return out


def _read(path: Path, rel: str, errors: list[InputError]) -> FileLicence | None:
    """The licence ``path`` declares: its header lines, else its ``.license`` sidecar."""
    sidecar = path.with_name(path.name + ".license")
    if sidecar.is_file() and not sidecar.is_symlink():  # REUSE: the sidecar takes the file's place
        data = _head(sidecar, errors)
        source = SIDECAR
    else:
        data = _head(path, errors)
        source = HEADER
    if data is None:
        return None
    if source == HEADER and b"\0" in data:
        return None  # binary: its licence can only be in a sidecar or REUSE.toml
    found = identifiers(data)
    if not found:
        return None
    line = found[0][0]
    # REUSE: a file under several identifiers is under all of them; the same one twice is once
    distinct = list(dict.fromkeys(e for _, e in found))
    if len(distinct) == 1:
        return FileLicence(rel, distinct[0], line, source)
    return FileLicence(rel, " AND ".join(f"({e})" if " " in e else e for e in distinct), line, source)


def identifiers(data: bytes) -> list[tuple[int, str]]:
    """(line, expression) of each SPDX-License-Identifier in ``data``, outside REUSE-Ignore blocks."""
    cut = data.rfind(b"\n")  # a line cut at the end of the head is no header line
    if len(data) >= HEAD_BYTES and cut >= 0:
        data = data[:cut]  # before the ignored blocks go, which shortens the head
    data = _IGNORE.sub(lambda m: b"\n" * m.group(0).count(b"\n"), data)  # keeps the line numbers
    out: list[tuple[int, str]] = []
    for match in _IDENTIFIER.finditer(data):
        text = match.group("expression").decode("utf-8", "replace")
        expression = _frame(_line_prefix(data, match.start()), _CLOSERS.sub("", text)).strip()
        if expression and not _NOT_AN_EXPRESSION.search(expression):
            out.append((data.count(b"\n", 0, match.start()) + 1, expression))
    return out


def _line_prefix(data: bytes, start: int) -> str:
    """What stands before the tag on its line: the comment's prefix (``#``, ``//``, ``|*``)."""
    begin = data.rfind(b"\n", 0, start) + 1
    return data[begin:start].decode("utf-8", "replace").strip()


def _frame(prefix: str, expression: str) -> str:
    """The expression without the right side of an ASCII frame: ``|*  SPDX-License-Identifier: MIT
    *|`` ends in the prefix mirrored (or repeated), which no SPDX expression does."""
    expression = expression.rstrip()
    for suffix in dict.fromkeys((prefix[::-1], prefix)):
        # set apart by a space: "+ SPDX-License-Identifier: GPL-2.0+" in a patch keeps its "+"
        if suffix and re.search(r"\s" + re.escape(suffix) + r"$", expression):
            return expression[: -len(suffix)]
    return expression


def _head(path: Path, errors: list[InputError]) -> bytes | None:
    from osscheck.readers._source import read_head

    try:
        return read_head(path, HEAD_BYTES)
    except InputError as exc:  # unreadable: the file was not looked at, which is said
        errors.append(exc)
        return None


def _unreadable(path: Path, exc: OSError) -> InputError:
    return InputError(Message("input.cannot-read", reason=exc.strerror or str(exc)), path)

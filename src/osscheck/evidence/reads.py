"""Every file the check opened, so that the bundle archives what the verdict was made from.

A report lists its inputs, but readers also read files beside them: a pyproject.toml is read with
the ``.venv`` beside it (each distribution's METADATA and licence files), a package.json with its
lockfile and ``node_modules``. Re-running the check on the listed inputs alone would judge other
facts. Python's audit hook sees every ``open`` of the process, whichever module makes it; it is
installed only for ``osscheck evidence``, and records while a check runs.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

# files a reader recognises a folder by without reading them: the rerun needs them to be there
_MARKERS = ("pyvenv.cfg",)

_PACKAGE = Path(__file__).resolve().parent.parent
_opened: list[str] | None = None
_hooked = False


def _hook(event: str, args: tuple[object, ...]) -> None:
    if event != "open" or _opened is None:
        return
    path, mode, flags = (*args, None, None)[:3]
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str):
        return  # a file descriptor: opened by path before
    writing = (
        any(c in mode for c in "wax+")
        if isinstance(mode, str)
        else isinstance(flags, int) and flags & os.O_ACCMODE != os.O_RDONLY
    )
    if not writing:
        _opened.append(path)


@contextmanager
def recording() -> Iterator[list[str]]:
    """The paths opened for reading inside the ``with`` block (as written, in the order opened)."""
    global _opened, _hooked
    if not _hooked:
        sys.addaudithook(_hook)  # cannot be removed again: it records only while _opened is a list
        _hooked = True
    found: list[str] = []
    _opened = found
    try:
        yield found
    finally:
        _opened = None


def _code_files() -> set[Path]:
    """The modules imported so far: an import opens its file too (a project's own src/ is scanned)."""
    files = set()
    for module in list(sys.modules.values()):
        name = getattr(module, "__file__", None)
        if isinstance(name, str):
            files.add(Path(name).resolve())
    return files


def beside_inputs(opened: list[str], given: list[str]) -> list[tuple[str, Path]]:
    """The regular files among ``opened`` inside a ``given`` folder or given themselves.

    Each as (the given path it belongs to, the file); with the marker files of the folders they
    are in (``pyvenv.cfg``). Files outside the inputs (osscheck's own data, the policy, the cache)
    are not inputs: the bundle archives the policy resolved and needs no data files.
    """
    roots = [(g, Path(g).resolve()) for g in given]
    code = _code_files()
    found: dict[Path, str] = {}
    for path in opened:
        real = Path(path).resolve()
        if real in code or "__pycache__" in real.parts or _PACKAGE in real.parents:
            continue  # an import, or osscheck's own data: the check's code, not its input
        for written, root in roots:
            if (real == root or root in real.parents) and real.is_file():
                found.setdefault(real, written)
                for folder in real.parents:
                    if folder != root and root not in folder.parents:
                        break
                    for marker in _MARKERS:
                        if (folder / marker).is_file():
                            found.setdefault(folder / marker, written)
                break
    return sorted(((written, real) for real, written in found.items()), key=lambda pair: str(pair[1]))

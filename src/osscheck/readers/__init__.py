"""Readers: one module per input family, registered in one table.

``discover()`` turns the paths of a command line into the files to read and the reader for each;
``read()`` reads one file. A reader module is imported only when a file needs it, so a pre-commit
run over one lockfile loads one reader.

Adding a format is one module with ``read(path, data) -> InputFile`` and one row in ``READERS``.
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from osscheck.errors import InputError
from osscheck.model import InputFile
from osscheck.readers._source import MAX_FILE_SIZE


@dataclass(frozen=True)
class ReaderSpec:
    format: str
    module: str  # module in osscheck.readers with read(path, data) -> InputFile
    patterns: tuple[str, ...]  # file names found when a directory is searched (fnmatch, lower case)
    sniff: Callable[[str, bytes], bool]  # does the content fit? (for files named explicitly)
    function: str = "read"


def _json_with(*markers: bytes) -> Callable[[str, bytes], bool]:
    def sniff(name: str, head: bytes) -> bool:
        return head.lstrip()[:1] in (b"{", b"[") and all(m in head for m in markers)

    return sniff


def _xml_with(*markers: bytes) -> Callable[[str, bytes], bool]:
    def sniff(name: str, head: bytes) -> bool:
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte order mark
            head = head.decode("utf-16", "ignore").encode()
        return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<" and all(m in head for m in markers)

    return sniff


def _named(*names: str) -> Callable[[str, bytes], bool]:
    return lambda name, head: name.lower() in names


READERS: tuple[ReaderSpec, ...] = (
    ReaderSpec(
        "cyclonedx-json",
        "cyclonedx_json",
        ("*.cdx.json", "bom.json", "*.bom.json", "sbom.json", "*.sbom.json", "*cyclonedx*.json"),
        _json_with(b'"bomFormat"'),
    ),
    ReaderSpec("spdx-json", "spdx_json", ("*.spdx.json",), _json_with(b'"spdxVersion"')),
    ReaderSpec(
        "cyclonedx-xml",
        "cyclonedx_xml",
        ("*.cdx.xml", "bom.xml", "bom.*.xml", "*.bom.xml", "sbom.xml", "*.sbom.xml", "*cyclonedx*.xml"),
        _xml_with(b"http://cyclonedx.org/schema/bom/"),
    ),
    ReaderSpec(
        "package-lock",
        "npm",
        ("package-lock.json", "npm-shrinkwrap.json"),
        _json_with(b'"lockfileVersion"'),
        "read_lock",
    ),
    ReaderSpec("package-json", "npm", ("package.json",), _named("package.json"), "read_manifest"),
    ReaderSpec("pyproject", "pyproject", ("pyproject.toml",), _named("pyproject.toml")),
)

# A manifest whose lockfile sits beside it is read through the lockfile (exact versions); the
# lockfile reader takes the project's own licence and the scopes from the manifest.
COMPANIONS: dict[str, tuple[str, ...]] = {
    "package.json": ("package-lock.json", "npm-shrinkwrap.json"),
}

# Folders never searched: version control, caches, and installed packages (name them explicitly).
SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".hypothesis",
        "site-packages",
        "dist-packages",
        "target",
        ".gradle",
        ".idea",
        ".vscode",
        "bower_components",
        ".cache",
    }
)
_SNIFF_BYTES = 4096


def spec_for_name(name: str) -> ReaderSpec | None:
    lower = name.lower()
    for spec in READERS:
        if any(fnmatch.fnmatchcase(lower, p) for p in spec.patterns):
            return spec
    return None


def spec_for_content(path: Path, head: bytes) -> ReaderSpec | None:
    """The reader for a file named explicitly: the one its content fits, preferring its name."""
    by_name = spec_for_name(path.name)
    if by_name is not None and by_name.sniff(path.name, head):
        return by_name
    for spec in READERS:
        if spec.sniff(path.name, head):
            return spec
    return by_name


@dataclass(frozen=True)
class Target:
    path: Path
    spec: ReaderSpec
    explicit: bool


def discover(
    paths: Iterable[str | Path], exclude: Iterable[str] = ()
) -> tuple[list[Target], list[InputError]]:
    """Files to read for the given paths, and errors for paths that cannot be used.

    Directories are searched for the file names readers know; files are read whatever their name,
    by the reader their content fits.
    """
    excludes = tuple(exclude)
    targets: list[Target] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            targets.extend(_search(path, excludes))
        elif path.is_file():
            spec = _explicit_spec(path, errors)
            if spec is not None:
                targets.append(Target(path, spec, True))
        elif path.exists():
            errors.append(InputError("not a regular file", path))
        else:
            errors.append(InputError("no such file or directory", path))
    return _pair(_unique(targets)), errors


def _explicit_spec(path: Path, errors: list[InputError]) -> ReaderSpec | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        errors.append(InputError(f"cannot read: {exc.strerror or exc}", path))
        return None
    spec = spec_for_content(path, head)
    if spec is None:
        errors.append(InputError("not a format osscheck reads (SBOM, manifest or lockfile)", path))
    return spec


def _search(root: Path, excludes: tuple[str, ...]) -> list[Target]:
    found: list[Target] = []
    for folder, dirs, files in os.walk(root):
        rel_folder = os.path.relpath(folder, root)
        dirs[:] = sorted(
            d for d in dirs if d not in SKIP_DIRS and not _excluded(os.path.join(rel_folder, d), excludes)
        )
        for name in sorted(files):
            spec = spec_for_name(name)
            if spec is None or _excluded(os.path.join(rel_folder, name), excludes):
                continue
            found.append(Target(Path(folder) / name, spec, False))
    return found


def _excluded(rel: str, excludes: tuple[str, ...]) -> bool:
    rel = rel.replace(os.sep, "/").removeprefix("./")
    return any(
        fnmatch.fnmatch(rel, pat.rstrip("/")) or rel.startswith(pat.rstrip("/") + "/") for pat in excludes
    )


def _unique(targets: list[Target]) -> list[Target]:
    seen: set[Path] = set()
    out = []
    for t in targets:
        key = t.path.resolve()
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def _pair(targets: list[Target]) -> list[Target]:
    """Read a manifest through the lockfile beside it."""
    out: list[Target] = []
    chosen = {t.path.resolve() for t in targets}
    for t in targets:
        locks = COMPANIONS.get(t.path.name, ())
        lock = next((t.path.parent / n for n in locks if (t.path.parent / n).is_file()), None)
        if lock is None:
            out.append(t)
            continue
        if lock.resolve() in chosen:
            continue  # the lockfile is read anyway
        spec = spec_for_name(lock.name)
        if spec is not None:
            chosen.add(lock.resolve())
            out.append(Target(lock, spec, t.explicit))
    return out


def read(target: Target) -> InputFile:
    """Read one file with its reader; every failure is an :class:`InputError`."""
    path = target.path
    try:
        size = path.stat().st_size
        if size > MAX_FILE_SIZE:
            raise InputError(f"file larger than {MAX_FILE_SIZE // (1024 * 1024)} MB", path)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path) from None
    module = importlib.import_module(f"osscheck.readers.{target.spec.module}")
    reader = getattr(module, target.spec.function)
    try:
        result: InputFile = reader(path, data)
    except InputError:
        raise
    except RecursionError:
        raise InputError("nested too deeply", path) from None
    except MemoryError:
        raise InputError("too large to read", path) from None
    except Exception as exc:  # a reader bug must still be one line, not a traceback
        raise InputError(f"cannot read as {target.spec.format}: {type(exc).__name__}: {exc}", path) from None
    result.digest = hashlib.sha256(data).hexdigest()
    return result

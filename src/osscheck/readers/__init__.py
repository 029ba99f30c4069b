"""Readers: one module per input family, registered in one table.

``discover()`` turns the paths of a command line into the files to read and the reader for each;
``read()`` reads one file. A reader module is imported only when a file needs it, so a pre-commit
run over one lockfile loads one reader.

Adding a format is one module with ``read(path, data) -> InputFile`` and one row in ``READERS``.
"""

from __future__ import annotations

import fnmatch
import importlib
import os
import re
import stat
from pathlib import Path

from osscheck.digest import sha256
from osscheck.errors import InputError
from osscheck.limits import parse_nested
from osscheck.messages import Message
from osscheck.model import FrozenRecord, InputFile
from osscheck.readers._source import (
    OUTSIDE_ROOT_FOLDER,
    inside,
    read_head,
    read_regular,
    reset_scanned_folder,
    set_scanned_folder,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


class ReaderSpec(FrozenRecord):
    def __init__(
        self,
        format: str,
        module: str,
        patterns: tuple[str, ...],
        sniff: Callable[[str, bytes], bool],
        function: str = "read",
    ) -> None:
        self.format = format
        self.module = module  # module in osscheck.readers with read(path, data) -> InputFile
        # file names found when a directory is searched (fnmatch, lower case)
        self.patterns = patterns
        self.sniff = sniff  # does the content fit? (for files named explicitly)
        self.function = function


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


def _text_with(*patterns: bytes) -> Callable[[str, bytes], bool]:
    """Every regular expression (multi-line mode) is found in the head of the file."""
    # not compiled here: re compiles (and keeps) them when a file is first sniffed
    return lambda name, head: all(re.search(p, head, re.MULTILINE) for p in patterns)


def _lazy(module: str, function: str) -> Callable[[str, bytes], bool]:
    """A sniff that lives in its reader module (imported only when a file is sniffed)."""

    def sniff(name: str, head: bytes) -> bool:
        check: Callable[[str, bytes], bool] = getattr(
            importlib.import_module(f"osscheck.readers.{module}"), function
        )
        return check(name, head)

    return sniff


READERS: tuple[ReaderSpec, ...] = (
    ReaderSpec(
        "cyclonedx-json",
        "cyclonedx_json",
        (
            "*.cdx.json",
            "bom.json",
            "bom.*.json",
            "*.bom.json",
            "sbom.json",
            "*.sbom.json",
            "*cyclonedx*.json",
        ),
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
        "spdx3-jsonld",
        "spdx3",
        ("*.spdx3.json", "*.spdx.jsonld", "*.spdx3.jsonld"),
        _json_with(b'"@context"', b"spdx.org/rdf/3"),
    ),
    ReaderSpec(
        "spdx-yaml",
        "spdx_yaml",
        ("*.spdx.yaml", "*.spdx.yml"),
        # spdx-tools writes the keys in alphabetical order: spdxVersion may be the last line
        _text_with(rb"\A\s*[^\s{\[]", rb"^(spdxVersion|dataLicense|documentNamespace):"),
    ),
    ReaderSpec("spdx-tagvalue", "spdx_tagvalue", ("*.spdx",), lambda name, head: b"SPDXVersion:" in head),
    ReaderSpec(
        "package-lock",
        "npm",
        ("package-lock.json", "npm-shrinkwrap.json"),
        _json_with(b'"lockfileVersion"'),
        "read_lock",
    ),
    ReaderSpec("package-json", "npm", ("package.json",), _named("package.json"), "read_manifest"),
    ReaderSpec("yarn-lock", "yarn_lock", ("yarn.lock",), _text_with(rb"^# yarn lockfile v1|^__metadata:")),
    ReaderSpec("pnpm-lock", "pnpm_lock", ("pnpm-lock.yaml",), _text_with(rb"^lockfileVersion:")),
    ReaderSpec("node-modules", "node_modules", (), lambda name, head: False),
    ReaderSpec("pyproject", "pyproject", ("pyproject.toml",), _named("pyproject.toml")),
    ReaderSpec(
        "requirements",
        "requirements",
        ("requirements*.txt", "*requirements.txt", "requirements/*.txt"),
        _lazy("requirements", "looks_like"),
    ),
    ReaderSpec("setup-cfg", "setup_cfg", ("setup.cfg",), _text_with(rb"^\[(metadata|options)\][ \t]*\r?$")),
    ReaderSpec(
        "poetry-lock", "poetry_lock", ("poetry.lock",), _text_with(rb"@generated by Poetry|^\[metadata\]")
    ),
    ReaderSpec("uv-lock", "uv_lock", ("uv.lock",), _text_with(rb"^\[\[package\]\]", rb"^source = \{")),
    ReaderSpec("pylock", "pylock", ("pylock.toml", "pylock.*.toml"), _text_with(rb"^lock-version\s*=")),
    # installed packages: folders named on the command line (see discover), never searched for
    ReaderSpec("python-environment", "python_env", (), lambda name, head: False),
    ReaderSpec(
        "composer-lock", "composer", ("composer.lock",), _json_with(b'hash"', b'"packages"'), "read_lock"
    ),
    ReaderSpec(
        "composer-json",
        "composer",
        ("composer.json",),
        _text_with(rb"\A\s*\{", rb'"(require|require-dev|autoload|minimum-stability)"\s*:'),
        "read_manifest",
    ),
    ReaderSpec(
        "cargo-lock",
        "cargo",
        ("cargo.lock",),
        _text_with(rb'@generated by Cargo|^source = "(registry|sparse|git)\+'),
        "read_lock",
    ),
    ReaderSpec(
        "cargo-toml",
        "cargo",
        ("cargo.toml",),
        _text_with(rb"^\[(package|workspace)\][ \t]*\r?$"),
        "read_manifest",
    ),
    ReaderSpec("go-mod", "gomod", ("go.mod",), _text_with(rb"^module[ \t]+\S", rb"^(go[ \t]+\d|require\b)")),
    ReaderSpec(
        "gemfile-lock",
        "ruby",
        ("gemfile.lock", "gems.locked"),
        _text_with(rb"^(GEM|GIT|PATH|PLUGIN SOURCE)\r?\n  remote: |^DEPENDENCIES\r?$"),
        "read_lock",
    ),
    ReaderSpec("gemspec", "ruby", ("*.gemspec",), _text_with(rb"Gem::Specification\.new"), "read_gemspec"),
    ReaderSpec(
        "publiccode-yml",
        "publiccode",
        ("publiccode.yml", "publiccode.yaml"),
        _lazy("publiccode", "looks_like"),
    ),
    ReaderSpec(
        "maven-pom",
        "maven",
        ("pom.xml", "*.pom"),
        _text_with(rb"<project[\s>]", rb"<modelVersion>|maven\.apache\.org/POM/|<artifactId>"),
    ),
)

# A manifest whose lockfile sits beside it is read through the lockfile (exact versions); the
# lockfile reader takes the project's own licence and the scopes from the manifest.
COMPANIONS: dict[str, tuple[str, ...]] = {
    "package.json": ("package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml"),
    "pyproject.toml": ("uv.lock", "poetry.lock", "pylock.toml"),
    "composer.json": ("composer.lock",),
    "Cargo.toml": ("Cargo.lock",),
    "*.gemspec": ("Gemfile.lock", "gems.locked"),
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
        # installed or vendored packages of composer, Bundler, cargo vendor and go mod vendor: each
        # package's own manifest there would list its requirements as if they were the project's
        "vendor",
        ".bundle",
    }
)
_SNIFF_BYTES = 4096
#: how much of a file that may be SPDX YAML is looked at for its keys (spdx-tools writes them sorted)
_SNIFF_MORE = 1024 * 1024


def name_matches(name: str, pattern: str) -> bool:
    """``fnmatch.fnmatchcase``, without compiling a regular expression when ``*`` is the only wildcard.

    The patterns of the tables above are all of that kind; translating each into a regular expression
    cost a pre-commit run more than reading its lockfile.
    """
    if "?" in pattern or "[" in pattern:
        return fnmatch.fnmatchcase(name, pattern)
    first, *middle_and_last = pattern.split("*")
    if not middle_and_last:
        return name == pattern
    *middle, last = middle_and_last
    if len(name) < len(first) + len(last) or not name.startswith(first) or not name.endswith(last):
        return False
    at, end = len(first), len(name) - len(last)
    for part in middle:  # each in turn, as early as it occurs: the stars take the rest
        found = name.find(part, at, end)
        if found < 0:
            return False
        at = found + len(part)
    return True


def spec_for_name(name: str) -> ReaderSpec | None:
    """The reader for a file name; ``folder/name`` also matches patterns with a folder in them."""
    lower = name.lower()
    base = lower.rsplit("/", 1)[-1]
    for spec in READERS:
        if any(name_matches(lower if "/" in p else base, p) for p in spec.patterns):
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


class Target(FrozenRecord):
    def __init__(self, path: Path, spec: ReaderSpec, explicit: bool, root: Path | None = None) -> None:
        self.path = path
        self.spec = spec
        self.explicit = explicit
        # the folder searched: the file, and every file it names, must be in it (None: the file's own)
        self.root = root


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
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            errors.append(InputError(Message("input.no-such-file"), path))
            continue
        except OSError as exc:  # a path too long, a folder on the way without permission
            errors.append(InputError(Message("input.cannot-read", reason=exc.strerror or str(exc)), path))
            continue
        installed = _installed_spec(path) if stat.S_ISDIR(mode) else None
        if installed is not None:
            targets.append(Target(path, installed, True))
        elif stat.S_ISDIR(mode):
            targets.extend(_search(path, excludes, errors))
        elif stat.S_ISREG(mode):
            spec = _explicit_spec(path, errors)
            if spec is not None:
                targets.append(Target(path, spec, True))
        else:
            errors.append(InputError(Message("input.not-regular-file"), path))
    return _pair(_unique(targets)), errors


def _installed_spec(folder: Path) -> ReaderSpec | None:
    """A folder of installed packages named explicitly is read as such, not searched for files."""
    name = folder.resolve().name.lower()
    environment = (folder / "pyvenv.cfg").is_file() or (folder / "conda-meta").is_dir()
    if environment or name in ("site-packages", "dist-packages"):
        fmt = "python-environment"
    elif name == "node_modules":
        fmt = "node-modules"
    else:
        return None
    return next((s for s in READERS if s.format == fmt), None)


def _explicit_spec(path: Path, errors: list[InputError]) -> ReaderSpec | None:
    try:
        head = read_head(path, _SNIFF_BYTES)
        spec = spec_for_content(path, head) or _late_spdx_yaml(path, head, None)
    except InputError as exc:
        errors.append(exc)
        return None
    if spec is None:
        errors.append(InputError(Message("input.unknown-format"), path))
    return spec


def _late_spdx_yaml(path: Path, head: bytes, root: Path | None) -> ReaderSpec | None:
    """SPDX YAML whose keys come after the head (spdx-tools sorts them): looked for in a larger read."""
    if len(head) < _SNIFF_BYTES:
        return None  # the whole file was looked at
    spec = next(s for s in READERS if s.format == "spdx-yaml")
    return spec if spec.sniff(path.name, read_head(path, _SNIFF_MORE, root)) else None


def _search(root: Path, excludes: tuple[str, ...], errors: list[InputError]) -> list[Target]:
    """The files readers know under ``root``; what cannot be looked at is an error, never skipped."""
    found: list[Target] = []

    def unreadable(exc: OSError) -> None:  # os.walk would skip a folder it cannot list in silence
        reason = exc.strerror or str(exc)
        errors.append(InputError(Message("input.cannot-read", reason=reason), exc.filename or root))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        rel_folder = os.path.relpath(folder, root)
        dirs[:] = sorted(
            d for d in dirs if d not in SKIP_DIRS and not excluded(os.path.join(rel_folder, d), excludes)
        )
        # os.walk does not follow a folder symlink; one that leads out of the folder is said, since
        # what lies behind it was not looked at (one inside is searched by its real path anyway)
        errors.extend(
            InputError(OUTSIDE_ROOT_FOLDER, os.path.join(folder, d))
            for d in dirs
            if os.path.islink(os.path.join(folder, d)) and not inside(os.path.join(folder, d), root)
        )
        parent = os.path.basename(folder)
        for name in sorted(files):
            if excluded(os.path.join(rel_folder, name), excludes):
                continue
            path = Path(folder) / name
            spec = spec_for_name(f"{parent}/{name}")
            if spec is None or spec.format.startswith(_SBOM_FORMATS):
                try:
                    spec = _maybe_sbom(path, spec, root)
                except InputError as exc:  # a FIFO or a symlink out of the folder under an SBOM's name
                    errors.append(exc)
                    continue
            if spec is not None:
                found.append(Target(path, spec, False, root))
    return found


#: names that may be an SBOM ("app-sbom-2.1.json", "valid-bom-1.6.xml"): read only if the content fits
MAYBE_SBOM = (
    "*bom*.json",
    "*bom*.xml",
    "*.cdx.*",
    "*.spdx*",
    "*spdx*.json",
    "*spdx*.yaml",
    "*spdx*.yml",
    "*.spdx3.json",
)
_SBOM_FORMATS = ("cyclonedx", "spdx")


def _maybe_sbom(path: Path, by_name: ReaderSpec | None, root: Path) -> ReaderSpec | None:
    """The SBOM reader the content fits (an SPDX document may be called sbom.json), else ``by_name``."""
    lower = path.name.lower()
    if by_name is None and not any(name_matches(lower, p) for p in MAYBE_SBOM):
        return None
    head = read_head(path, _SNIFF_BYTES, root)
    sniffed = next(
        (s for s in READERS if s.format.startswith(_SBOM_FORMATS) and s.sniff(path.name, head)), None
    )
    return sniffed or _late_spdx_yaml(path, head, root) or by_name


def excluded(rel: str, excludes: tuple[str, ...]) -> bool:
    """Is the relative path ``rel`` left out by one of the ``exclude`` patterns of the configuration?"""
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
        locks = next((v for k, v in COMPANIONS.items() if name_matches(t.path.name, k)), ())
        lock = next((t.path.parent / n for n in locks if (t.path.parent / n).is_file()), None)
        if lock is None:
            out.append(t)
            continue
        if lock.resolve() in chosen:
            continue  # the lockfile is read anyway
        spec = spec_for_name(lock.name)
        if spec is not None:
            chosen.add(lock.resolve())
            out.append(Target(lock, spec, t.explicit, t.root))
    if any(not t.explicit and t.spec.format in ("package-json", "cargo-toml") for t in out):
        # a workspace member found in a search is read through its root's lockfile
        from osscheck.readers._workspaces import read_through_root  # lazy: start-up

        known: dict[tuple[Path, str], tuple[list[str], list[str]]] = {}
        out = [t for t in out if t.explicit or not read_through_root(t.path, chosen, known)]
    return out


#: formats read from a folder, not a file
_FOLDER_FORMATS = ("python-environment", "node-modules")


def _includes_root(target: Target, folder: bool) -> Path:
    """The folder inside which what a file includes or names (``-r``, ``dynamic``) may be read.

    Found in a search: the folder searched. Named explicitly: the working directory when the file
    lies inside it (the pre-commit hook names ``requirements/dev.txt``, which may include
    ``../requirements.txt``), else the file's own folder.
    """
    if target.root is not None:
        return target.root
    own = target.path if folder else target.path.parent
    cwd = Path.cwd()
    return cwd if own.resolve().is_relative_to(cwd.resolve()) else own


def read(target: Target) -> InputFile:
    """Read one file with its reader; every failure is an :class:`InputError`."""
    path = target.path
    # an installed environment: its reader walks the folder itself
    folder = target.spec.format in _FOLDER_FORMATS and path.is_dir()
    # a FIFO or a device never blocks or fills memory; a file found in a search stays inside it
    data = b"" if folder else read_regular(path, None if target.explicit else target.root)
    module = importlib.import_module(f"osscheck.readers.{target.spec.module}")
    reader = getattr(module, target.spec.function)
    scanned = set_scanned_folder(_includes_root(target, folder))
    try:
        result: InputFile = parse_nested(lambda: reader(path, data))
    except InputError:
        raise
    except RecursionError:
        raise InputError(Message("input.nested-too-deeply"), path) from None
    except MemoryError:
        raise InputError(Message("input.too-large"), path) from None
    except Exception as exc:  # a reader bug must still be one line, not a traceback
        error = f"{type(exc).__name__}: {exc}"
        raise InputError(
            Message("input.cannot-read-as", format=target.spec.format, error=error), path
        ) from None
    finally:
        reset_scanned_folder(scanned)
    result.digest = None if folder else sha256(data)
    return result

"""pip requirements files (``requirements*.txt``, ``requirements/*.txt``) and PEP 508 requirement strings.

A requirements file carries no licences: every requirement becomes a component with an unknown
licence, pinned (``==``) ones with their version. ``-r`` includes are followed relative to the
file that names them; ``-c`` constraints only narrow versions of what is required elsewhere and
are not dependencies themselves. Editable installs, URLs and VCS links are named by their
``#egg=`` fragment or their archive file name, else listed under the link itself.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, InputFile, Location, Record, Scope
from osscheck.readers import _purl
from osscheck.readers._source import decode, read_problem, read_regular, scanned_folder

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

# PEP 508: name, [extras], then a version specifier, a URL (``@``) or a marker (``;``)
_NAME = re.compile(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*")
_EGG = re.compile(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?")
_WHEEL = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._]*)-([0-9][^-]*)-.*\.whl$", re.IGNORECASE)
_SDIST = re.compile(
    r"^([A-Za-z0-9][A-Za-z0-9._-]*?)-([0-9][A-Za-z0-9.!+_-]*?)\.(?:tar\.gz|tar\.bz2|tar\.xz|zip|tgz)$",
    re.IGNORECASE,
)
_COMMENT = re.compile(r"(^|\s)#.*$")
_URL_START = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*://|file:|git\+|hg\+|svn\+|bzr\+)")
# words in a requirements file's name that mark development-only requirements
DEV_WORDS = frozenset(
    {"dev", "develop", "development", "test", "tests", "testing", "docs", "doc", "lint", "linting", "ci"}
    | {"typing", "type", "tox", "style", "qa", "check", "checks", "build", "local"}
)


class Requirement(Record):
    """One PEP 508 requirement, split into its parts. ``extras`` defaults to a new empty set."""

    def __init__(
        self,
        name: str | None,
        extras: set[str] | None = None,
        specifier: str = "",
        marker: str = "",
        url: str | None = None,
    ) -> None:
        self.name = name
        self.extras = set() if extras is None else extras
        self.specifier = specifier
        self.marker = marker
        self.url = url

    @property
    def pinned(self) -> str | None:
        """The version of an exact pin (``==1.2`` or ``===1.2``), else ``None``."""
        m = re.fullmatch(r"\s*===?\s*([^,*\s]+)\s*", self.specifier)
        return m.group(1) if m else None


def canonical(name: str) -> str:
    """PEP 503 name normalisation."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_requirement(text: str) -> Requirement | None:
    """A PEP 508 requirement string (``name[extra]>=1; marker``, ``name @ URL``) or a bare link."""
    text = text.strip()
    if not text:
        return None
    if _URL_START.match(text) or text.startswith((".", "/", "~")):
        return _from_link(text)
    m = _NAME.match(text)
    if not m or (_is_archive(text) and not text[m.end() :].startswith("@")):
        return _from_link(text) if _is_archive(text) else None
    extras = {canonical(e.strip()) for e in (m.group(2) or "").strip("[]").split(",") if e.strip()}
    rest = text[m.end() :]
    url = None
    marker = ""
    if rest.startswith("@"):
        # a direct reference: the URL runs to whitespace followed by ";" (PEP 508)
        url_part, _, marker = _split_url(rest[1:])
        url = url_part.strip()
        rest = ""
    else:
        rest, _, marker = rest.partition(";")
    specifier = rest.strip().strip("()").strip()
    if specifier and not re.match(r"^[<>=!~]", specifier):
        return None  # not a requirement: free text, a typo, or another format
    return Requirement(m.group(1), extras, specifier, marker.strip(), url)


def _split_url(text: str) -> tuple[str, str, str]:
    m = re.search(r"\s+;", text)
    if not m:
        return text, "", ""
    return text[: m.start()], ";", text[m.end() :]


def _is_archive(text: str) -> bool:
    lower = text.split(";", 1)[0].strip().lower()
    return lower.endswith((".whl", ".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz"))


def _from_link(text: str) -> Requirement:
    link, _, marker = text.partition(" ;")
    if not marker:
        link, _, marker = link.partition("; ")
    link = link.strip()
    name = version = None
    egg = _EGG.search(link)
    if egg:
        name = egg.group(1)
    else:
        path = urlsplit(link).path if _URL_START.match(link) else link
        filename = unquote(path.rstrip("/").rsplit("/", 1)[-1])
        for pattern in (_WHEEL, _SDIST):
            found = pattern.match(filename)
            if found:
                name, version = found.group(1), found.group(2)
                break
    return Requirement(name, set(), f"=={version}" if version else "", marker.strip(), link)


def scope_for(path: Path) -> Scope:
    """Runtime, or dev when the file's name says it is for development (``requirements-dev.txt``)."""
    words = set(re.split(r"[^a-z]+", path.stem.lower()))
    return Scope.DEV if words & DEV_WORDS else Scope.RUNTIME


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, content) with comments removed and ``\\`` continuations joined."""
    out: list[tuple[int, str]] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        if not pending:
            start = number
        if raw.endswith("\\") and not _COMMENT.search(raw[:-1]):
            pending.append(raw[:-1])
            continue
        pending.append(raw)
        line = _COMMENT.sub("", " ".join(pending)).strip()
        pending = []
        if line:
            out.append((start, line))
    if pending:
        line = _COMMENT.sub("", " ".join(pending)).strip()
        if line:
            out.append((start, line))
    return out


def _strip_options(line: str) -> str:
    """Drop per-requirement options (``--hash=...``, ``--config-settings ...``)."""
    return re.split(r"\s+--?[A-Za-z]", " " + line, maxsplit=1)[0].strip() if " -" in line else line


def read(path: Path, data: bytes) -> InputFile:
    result = InputFile(path=str(path), format="requirements")
    seen: dict[str, Component] = {}
    for requirement, where, scope in entries(path, decode(path, data)):
        _add(requirement, scope, where, result, seen)
    return result


def read_entries(path: Path) -> list[tuple[Requirement, Location, Scope]]:
    """The requirements of a file another manifest names (pyproject's dynamic dependencies).

    It must be inside the folder the manifest was found in, like an include.
    """
    data = read_regular(path, scanned_folder(path))
    return list(entries(path, decode(path, data)))


def entries(
    path: Path, text: str, chain: frozenset[Path] | None = None
) -> Iterator[tuple[Requirement, Location, Scope]]:
    """Each requirement of a file and of the files it includes, where it is written, and its scope."""
    chain = chain or frozenset({path.resolve()})
    scope = scope_for(path)
    shown = str(path)
    for number, line in logical_lines(text):
        option, value = _option(line)
        if option in ("-r", "--requirement"):
            yield from _include(path, value, number, chain)
            continue
        if option in ("-e", "--editable"):
            if value.rstrip("/\\") in (".", ""):
                continue  # the project itself, installed for development: not a dependency
            line = value
        elif option is not None:
            continue  # constraints, index options, global flags: no dependency of their own
        # readable but not understood: kept under its own text, so that nothing is silently dropped
        requirement = parse_requirement(_strip_options(line)) or Requirement(None, url=line)
        yield requirement, Location(shown, number), scope


def _option(line: str) -> tuple[str | None, str]:
    if not line.startswith("-"):
        return None, line
    if re.match(r"-[rceif][^\s=-]", line):
        return line[:2], line[2:].strip()  # a short option with its value attached: -rbase.txt
    m = re.match(r"(--?[A-Za-z-]+)(?:\s*=\s*|\s+)?(.*)$", line)
    if not m:
        return line, ""
    return m.group(1), m.group(2).strip()


def _include(
    path: Path, value: str, number: int, chain: frozenset[Path]
) -> Iterator[tuple[Requirement, Location, Scope]]:
    if not value:
        raise InputError(Message("input.include-needs-name"), path, number)
    if _URL_START.match(value) and not value.startswith("file:"):
        return  # a remote file: osscheck does not fetch anything offline
    shown = path.parent / value.removeprefix("file:")
    included = shown.resolve()
    if included in chain:
        return  # an include cycle: each file is read once
    try:  # only a regular file inside the folder searched (or the named file's own folder)
        data = read_regular(shown, scanned_folder(path))
    except InputError as exc:
        message = Message("input.cannot-read-included", name=value, problem=read_problem(exc))
        raise InputError(message, path, number) from None
    yield from entries(shown, decode(shown, data), chain | {included})


def _add(
    requirement: Requirement, scope: Scope, where: Location, result: InputFile, seen: dict[str, Component]
) -> None:
    component = component_for(requirement, scope, where)
    key = f"{canonical(component.name)}@{component.version or ''}"
    known = seen.get(key)
    if known is not None:
        if known.scope is Scope.DEV and scope is not Scope.DEV:
            known.scope = scope  # also required at run time
        return
    seen[key] = component
    result.components.append(component)


def component_for(requirement: Requirement | str | None, scope: Scope | None, where: Location) -> Component:
    """The component a requirement names; one that cannot be parsed is kept under its own text."""
    if isinstance(requirement, str):
        raw = requirement
        requirement = parse_requirement(raw) or Requirement(None, url=raw)
    elif requirement is None:
        requirement = Requirement(None, url="unknown")
    if requirement.name is None:
        return Component(name=requirement.url or "unknown", scope=scope, location=where)
    version = requirement.pinned
    component = Component(
        name=requirement.name,
        version=version,
        purl=_purl.pypi(requirement.name, version),
        scope=scope,
        location=where,
    )
    if requirement.specifier and not version:
        component.extra["requirement"] = requirement.specifier
    if requirement.url:
        component.extra["download_url"] = requirement.url
    if requirement.marker:
        component.extra["marker"] = requirement.marker
    return component


def looks_like(name: str, head: bytes) -> bool:
    """Content sniff for a file named explicitly: every meaningful line is a requirement or option."""
    lower = name.lower()
    if not (lower.endswith((".txt", ".in", ".pip")) or "requirements" in lower):
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("utf-8", "ignore")
    lines = logical_lines(text)
    if len(head) >= 4096 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off by the sniff window
    if not lines:
        return "requirements" in lower
    for _, line in lines[:50]:
        if line.startswith("-"):
            if not re.match(r"--?[A-Za-z]", line):
                return False
            continue
        if parse_requirement(_strip_options(line)) is None:
            return False
    return True

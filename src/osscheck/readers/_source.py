"""Shared helpers for readers: decoding, JSON with positions, line look-ups, defensive access."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from contextvars import ContextVar, Token
from pathlib import Path

from osscheck.errors import InputError
from osscheck.limits import DEFAULT_MAX_NESTING, max_file_size, max_nesting, within_nesting
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from osscheck.model import InputFile


#: refused in a folder search: the file is not the project's, and its lines would become component names
OUTSIDE_ROOT = Message("input.symlink-outside")
OUTSIDE_ROOT_FOLDER = Message("input.symlink-folder-outside")
#: the same for a path written outside it (``-r /etc/passwd``, ``file = ["../x.txt"]``)
OUTSIDE_FOLDER = Message("input.file-outside")

#: the folder that files a reader follows (includes, dynamic files) must stay in; set by readers.read
_scanned: ContextVar[str | None] = ContextVar("osscheck_scanned_folder", default=None)


def scanned_folder(path: Path | str) -> str:
    """The folder the file being read was found in (searched or, named explicitly, its own)."""
    return _scanned.get() or os.path.dirname(os.path.abspath(path))


def set_scanned_folder(folder: Path | str | None) -> Token[str | None]:
    return _scanned.set(None if folder is None else os.fspath(folder))


def reset_scanned_folder(token: Token[str | None]) -> None:
    _scanned.reset(token)


# O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer (fstat then refuses it)
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
)


def read_regular(path: Path | str, root: Path | str | None = None) -> bytes:
    """The bytes of a regular file; every reason it cannot be read is an :class:`InputError` on ``path``.

    Never blocks and never reads without bound, whatever the path is: a FIFO, a device such as
    ``/dev/zero`` or a folder is "not a regular file"; at most ``max_file_size()`` bytes are read
    whatever ``stat`` says (a file that grows while it is read is still "larger than"). With ``root``,
    a path that resolves (through symlinks) outside that folder is refused, so a folder search reads
    only the project's own files.
    """
    limit = max_file_size()
    data = _read_bounded(path, root, limit + 1)
    if len(data) > limit:
        raise InputError(Message("input.file-too-large", limit=limit), path)
    return data


def read_head(path: Path | str, size: int, root: Path | str | None = None) -> bytes:
    """The first ``size`` bytes of a regular file, to sniff its format (refusals as in read_regular)."""
    return _read_bounded(path, root, size)


def inside(path: Path | str, root: Path | str) -> bool:
    """Does ``path`` resolve (following every symlink) to somewhere in the folder ``root``?"""
    return _within(os.path.realpath(path), os.path.realpath(root))


def _within(path: str, folder: str) -> bool:
    path, folder = os.path.normpath(path), os.path.normpath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _read_bounded(path: Path | str, root: Path | str | None, most: int) -> bytes:
    # opened by its real path, so a symlink swapped after the check is no way out
    real = os.path.realpath(path)
    if root is not None and not inside(real, root):
        written_inside = _within(os.path.abspath(path), os.path.abspath(root))
        raise InputError(OUTSIDE_ROOT if written_inside else OUTSIDE_FOLDER, path)
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as exc:
        raise InputError(Message("input.cannot-read", reason=exc.strerror or str(exc)), path) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(Message("input.not-regular-file"), path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: ordinary reads from here on
        chunks: list[bytes] = []
        got = 0
        while got < most:
            chunk = os.read(fd, min(most - got, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(Message("input.cannot-read", reason=exc.strerror or str(exc)), path) from None
    finally:
        os.close(fd)


def decode(path: Path | str, data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16/32 with a BOM; anything else is an error."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_as(path, data, "utf-32")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(path, data, "utf-16")
    if b"\x00" in data[:4096]:
        raise InputError(Message("input.binary-data"), path)
    return _decode_as(path, data, "utf-8")


def _decode_as(path: Path | str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        message = Message("input.bad-encoding", encoding=encoding.upper(), offset=exc.start)
        raise InputError(message, path) from None


# a pattern, not compiled here: re compiles it on the first file that needs it, and keeps it
_LONE_SURROGATE = (
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


#: from this size on, orjson parses (faster on large SBOMs; its import costs a few milliseconds)
_LARGE = 256 * 1024


def load_json(path: Path | str, text: str) -> Any:
    """Parse JSON, turning every failure into one :class:`InputError` with the line.

    orjson for large files (faster on large SBOMs); the standard library for small ones and for
    the error message with a line number, so a failure is parsed again there.
    """
    if not text.strip():
        raise InputError(Message("input.empty-file"), path)
    if "\\u" in text and re.search(_LONE_SURROGATE, text):
        # valid JSON, but "\ud800" alone is no character: it could never be written out again
        text = re.sub(_LONE_SURROGATE, r"\\ufffd", text)
    if len(text) > _LARGE and max_nesting() <= DEFAULT_MAX_NESTING:
        # importing orjson costs more than it saves on a small file; it stops at 1,024 levels
        try:
            import orjson  # lazy: start-up

            doc = orjson.loads(text)
            colons = orjson.dumps(doc).count(b":")
        except ImportError:  # pragma: no cover - orjson is a dependency, but not a required one
            pass
        except (orjson.JSONDecodeError, RecursionError, ValueError):
            pass  # the standard library says what is wrong, with the line
        else:
            return within_nesting(path, _without_repeated_keys(path, text, doc, colons))
    try:
        doc = json.loads(text)
        colons = json.dumps(doc, ensure_ascii=False).count(":")
    except json.JSONDecodeError as exc:
        raise InputError(Message("input.invalid-json", problem=exc.msg), path, exc.lineno) from None
    except RecursionError:
        raise InputError(Message("input.json-too-deep"), path) from None
    except ValueError as exc:  # e.g. integers too long to convert
        raise InputError(Message("input.invalid-json", problem=str(exc)), path) from None
    return within_nesting(path, _without_repeated_keys(path, text, doc, colons))


def _without_repeated_keys(path: Path | str, text: str, doc: Any, colons: int) -> Any:
    """``doc``, unless one of its objects has a key twice (the parsers keep the last in silence).

    Outside strings, every ``:`` of JSON text separates a key from its value. The document written
    out again has one per key it kept, plus those inside its strings: if the text has more, a
    repeated key was dropped. Counting is as fast as the parsers; only then (or where a colon is
    escaped as ``\\u003a``, which the count cannot see) is the text parsed again, slowly, to find
    the line of the repeated key.
    """
    if text.count(":") == colons and not ("\\u" in text and re.search(r"\\u003[aA]", text)):
        return doc
    _find_repeated_key(path, text)
    return doc


class _RepeatedKey(Exception):
    def __init__(self, key: str, offset: int) -> None:
        super().__init__(key)
        self.key, self.offset = key, offset


def _find_repeated_key(path: Path | str, text: str) -> None:
    """Parse the text with the standard library's Python scanner, stopping at a repeated key."""
    import sys
    from json import decoder, scanner

    # the decoder's internals (not in the type stubs) are stable since Python 3.1
    space = decoder.WHITESPACE.match  # type: ignore[attr-defined]
    scanstring = decoder.scanstring  # type: ignore[attr-defined]

    def parse_object(
        s_and_end: tuple[str, int], strict: bool, scan_once: Any, *_: Any
    ) -> tuple[dict[str, Any], int]:
        # json.decoder.JSONObject for text already known to be valid JSON, remembering each key's offset
        s, end = s_and_end
        pairs: dict[str, Any] = {}
        end = space(s, end).end()
        if s[end : end + 1] == "}":
            return pairs, end + 1
        while True:
            key, after = scanstring(s, end + 1, strict)
            if key in pairs:
                raise _RepeatedKey(key, end)
            end = space(s, space(s, after).end() + 1).end()
            pairs[key], end = scan_once(s, end)
            end = space(s, end).end()
            if s[end : end + 1] == "}":
                return pairs, end + 1
            end = space(s, end + 1).end()  # past the comma

    parser = json.JSONDecoder()
    parser.parse_object = parse_object  # type: ignore[attr-defined]
    parser.scan_once = scanner.py_make_scanner(parser)  # type: ignore[attr-defined]
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, 4 * max_nesting() + 500))  # a few Python frames per level
    try:
        parser.decode(text)
    except _RepeatedKey as found:
        line = text.count("\n", 0, found.offset) + 1
        raise InputError(Message("input.duplicate-json-key", key=found.key), path, line) from None
    except RecursionError:
        raise InputError(Message("input.json-too-deep"), path) from None
    finally:
        sys.setrecursionlimit(before)


def json_object(path: Path | str, data: bytes, what: Message) -> tuple[str, dict[str, Any]]:
    """Text and document of a file that must hold one JSON object (``what`` is the error if not)."""
    text = decode(path, data)
    doc = load_json(path, text)
    if not isinstance(doc, dict):
        raise InputError(what, path)
    return text, doc


class Lines:
    """Maps character offsets to 1-based line numbers, and finds text from a moving cursor.

    Readers look components up in document order, so each search starts where the last one ended
    and first looks a bounded distance ahead. Only a limited number of searches may fall back to the
    whole text, so the total cost stays linear in the file size even when needles are missing (a
    producer that escapes "/" as "\\/", say). Line numbers are counted incrementally from the
    previous answer for the same reason.
    """

    #: how far ahead of the cursor a search looks first
    WINDOW = 256 * 1024
    #: how many searches may scan the whole text before the rest stay within the window
    FULL_SCANS = 64

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor = 0
        self._offset = 0  # offset and line of the last answer
        self._line = 1
        self._full_scans = 0

    def line_of(self, offset: int) -> int:
        if offset < self._offset:
            self._offset, self._line = 0, 1
        self._line += self.text.count("\n", self._offset, offset)
        self._offset = offset
        return self._line

    def find(self, *needles: str) -> int | None:
        """Line of the first needle found ahead of the cursor; moves the cursor there."""
        end = self.cursor + self.WINDOW
        for needle in needles:
            if needle:
                at = self.text.find(needle, self.cursor, end + len(needle))
                if at != -1:
                    return self._found(at, needle)
        if self._full_scans >= self.FULL_SCANS or (end >= len(self.text) and self.cursor == 0):
            return None
        self._full_scans += 1
        for needle in needles:
            if needle:
                at = self.text.find(needle, self.cursor)
                if at == -1:
                    at = self.text.find(needle, 0, self.cursor + len(needle))
                if at != -1:
                    return self._found(at, needle)
        return None

    def _found(self, at: int, needle: str) -> int:
        self.cursor = at + len(needle)
        return self.line_of(at)

    def find_json_value(self, key: str, value: str) -> int | None:
        """Line where the JSON string ``value`` (of ``key``) is written."""
        if '"' in value or "\\" in value:
            quoted = json.dumps(value, ensure_ascii=False)
            return self.find(quoted, json.dumps(value))
        return self.find(f'"{value}"')


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_str(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def lockfile_text(path: Path | str, data: bytes) -> str:
    """A lockfile's text; one with nothing in it is an error (it locks nothing, so it passes nothing)."""
    text = decode(path, data)
    if not text or text.isspace():
        raise InputError(Message("input.empty-lockfile"), path)
    return text


def readable_entries(
    path: Path | str, entries: list[Any], lines: list[int], errors: list[InputError]
) -> list[tuple[dict[str, Any], int | None]]:
    """The entries of a lockfile table that can be read, each with its line; every other one is
    an error naming its line (left out and reported: the check has not looked at it)."""
    readable = []
    for i, entry in enumerate(entries):
        line = lines[i] if i < len(lines) else None
        problem = entry_problem(entry)
        if problem is None:
            readable.append((entry, line))
        else:
            errors.append(InputError(problem, path, line))
    return readable


def entry_problem(
    entry: Any, kind: str = "table", optional: tuple[str, ...] = ("version",)
) -> Message | None:
    """Why a lockfile entry cannot be read: not a ``kind`` (table, object), no string ``name``, or an
    ``optional`` field that is there but not a string; ``None`` when it can be read."""
    if not isinstance(entry, dict):
        return not_an_entry(entry, kind)
    for key in ("name", *optional):
        value = entry.get(key)
        if value is None and key == "name":
            return Message("input.entry-without-name")
        if value is not None and not isinstance(value, str):
            return Message("input.must-be-string", key=key, type=type(value).__name__)
        if key == "name" and not (value or "").strip():
            return Message("input.entry-without-name")
    return None


def not_an_entry(entry: Any, kind: str) -> Message:
    """An entry that is not a ``kind`` (table, object, mapping)."""
    found = type(entry).__name__
    if kind == "object":
        return Message("input.entry-must-be-object", type=found)
    if kind == "mapping":
        return Message("input.entry-must-be-mapping", type=found)
    return Message("input.entry-must-be-table", type=found)


def read_problem(error: InputError) -> Message | str:
    """What an error of :func:`read_regular` says, without its "cannot read: " (for "cannot read X: ...")."""
    if error.message.code == "input.cannot-read":
        return str(error.message.args["reason"])
    return error.message


def walk_dicts(items: Any, child_key: str) -> Iterator[dict[str, Any]]:
    """Depth-first over a list of objects and their nested lists under ``child_key``, without recursion."""
    stack: list[Iterator[Any]] = [iter(as_list(items))]
    while stack:
        for item in stack[-1]:
            if isinstance(item, dict):
                yield item
                nested = item.get(child_key)
                if isinstance(nested, list) and nested:
                    stack.append(iter(nested))
                break
        else:
            stack.pop()


#: ``Project.extra`` key of an SBOM that osscheck wrote itself: which osscheck ("osscheck 0.1.0")
WRITTEN_BY = "written-by"
#: ``Project.extra`` key set (by ``api.scan``) on such an SBOM that a folder search found beside
#: other inputs: it is not read, since it repeats what they say, perhaps from an older state
SET_ASIDE = "set-aside"


def written_by_osscheck(source: InputFile) -> bool:
    """Is this input an SBOM that osscheck wrote (its tool entry names osscheck)?"""
    return source.project is not None and WRITTEN_BY in source.project.extra

"""Shared helpers for readers: decoding, JSON with positions, line look-ups, defensive access."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path

from osscheck.errors import InputError
from osscheck.limits import DEFAULT_MAX_NESTING, max_nesting, within_nesting

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any


def decode(path: Path | str, data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16/32 with a BOM; anything else is an error."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_as(path, data, "utf-32")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(path, data, "utf-16")
    if b"\x00" in data[:4096]:
        raise InputError("binary data, not a text file", path)
    return _decode_as(path, data, "utf-8")


def _decode_as(path: Path | str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"not {encoding.upper()} text (bad byte at offset {exc.start})", path) from None


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
        raise InputError("empty file", path)
    if "\\u" in text and re.search(_LONE_SURROGATE, text):
        # valid JSON, but "\ud800" alone is no character: it could never be written out again
        text = re.sub(_LONE_SURROGATE, r"\\ufffd", text)
    if len(text) > _LARGE and max_nesting() <= DEFAULT_MAX_NESTING:
        # importing orjson costs more than it saves on a small file; it stops at 1,024 levels
        try:
            import orjson

            return within_nesting(path, orjson.loads(text))
        except ImportError:  # pragma: no cover - orjson is a dependency, but not a required one
            pass
        except (orjson.JSONDecodeError, RecursionError, ValueError):
            pass  # the standard library says what is wrong, with the line
    try:
        return within_nesting(path, json.loads(text))
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", path, exc.lineno) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", path) from None
    except ValueError as exc:  # e.g. integers too long to convert
        raise InputError(f"not valid JSON: {exc}", path) from None


def json_object(path: Path | str, data: bytes, what: str) -> tuple[str, dict[str, Any]]:
    """Text and document of a file that must hold one JSON object (``what`` names it in the error)."""
    text = decode(path, data)
    doc = load_json(path, text)
    if not isinstance(doc, dict):
        raise InputError(f"{what} must be a JSON object", path)
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

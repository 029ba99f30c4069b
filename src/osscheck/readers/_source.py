"""Shared helpers for readers: decoding, JSON with positions, line look-ups, defensive access."""

from __future__ import annotations

import bisect
import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from osscheck.errors import InputError

#: Files larger than this are refused (a limit against accidents and hostile input).
MAX_FILE_SIZE = 512 * 1024 * 1024


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


def load_json(path: Path | str, text: str) -> Any:
    """Parse JSON, turning every failure into one :class:`InputError` with the line."""
    if not text.strip():
        raise InputError("empty file", path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON: {exc.msg}", path, exc.lineno) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", path) from None
    except ValueError as exc:  # e.g. integers too long to convert
        raise InputError(f"not valid JSON: {exc}", path) from None


class Lines:
    """Maps character offsets to 1-based line numbers, and finds text from a moving cursor.

    Readers look components up in document order, so the cursor keeps the total cost linear.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self.cursor = 0

    def line_of(self, offset: int) -> int:
        if self._starts is None:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self._starts = starts
        return bisect.bisect_right(self._starts, offset)

    def find(self, *needles: str) -> int | None:
        """Line of the first needle found after the cursor (then anywhere); moves the cursor."""
        for needle in needles:
            if not needle:
                continue
            at = self.text.find(needle, self.cursor)
            if at == -1:
                at = self.text.find(needle)
            if at != -1:
                self.cursor = at + len(needle)
                return self.line_of(at)
        return None

    def find_json_value(self, key: str, value: str) -> int | None:
        """Line of ``"key": "value"`` (with the usual spacing variants)."""
        quoted = json.dumps(value)
        return self.find(f'"{key}": {quoted}', f'"{key}":{quoted}', f'"{key}" : {quoted}', quoted)


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

"""Line numbers for TOML keys, which ``tomllib`` does not report.

A single pass over the text records where each table header and each key at the start of a line
sits, so a reader can say ``Cargo.toml:42`` for a dependency declared in any table form.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from osscheck.errors import InputError, OsscheckError
from osscheck.limits import within_nesting
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from osscheck.snapshot import Memo

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_KEY_START = re.compile(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]""")


def loads(path: Path | str, text: str, error: type[OsscheckError] = InputError) -> dict[str, Any]:
    """Parse TOML; a syntax error becomes one ``error`` (an :class:`InputError`) with its line."""
    # imported here: tomllib imports typing, which the line index alone does not need
    if sys.version_info >= (3, 11):
        import tomllib  # lazy: start-up
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return within_nesting(path, tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        message, line = decode_error(exc)
        raise error(Message("input.invalid-toml", problem=message), path, line) from None
    except RecursionError:
        raise error(Message("input.toml-nested-too-deeply"), path) from None


def decode_error(exc: Exception) -> tuple[str, int | None]:
    """tomllib's message without its "(at line N, column M)", and N."""
    at = re.search(r"\(at line (\d+), column \d+\)", str(exc))
    return re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)), int(at.group(1)) if at else None


def _parts(dotted: str) -> tuple[str, ...]:
    """``target.'cfg(unix)'.dependencies`` -> ("target", "cfg(unix)", "dependencies")."""
    parts: list[str] = []
    i, n = 0, len(dotted)
    while i < n:
        ch = dotted[i]
        if ch in " \t.":
            i += 1
        elif ch in "\"'":
            end = dotted.find(ch, i + 1)
            while ch == '"' and end > 0 and dotted[end - 1] == "\\":
                end = dotted.find(ch, end + 1)
            if end == -1:
                end = n
            parts.append(dotted[i + 1 : end])
            i = end + 1
        else:
            m = _BARE.match(dotted, i)
            if not m:
                break
            parts.append(m.group(0))
            i = m.end()
    return tuple(parts)


class TomlLines:
    """Where tables and keys are declared: ``line(("dependencies",), "serde")``."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables: dict[tuple[str, ...], int] = {}
        self.keys: dict[tuple[tuple[str, ...], str], int] = {}
        self.array_tables: dict[tuple[str, ...], list[int]] = {}
        self.headers: list[tuple[int, tuple[str, ...]]] = []  # (line, table) in document order
        # keys of each entry of an array of tables: (table, entry index, key) -> line
        self.entry_keys: dict[tuple[tuple[str, ...], int, str], int] = {}
        table: tuple[str, ...] = ()
        entry = 0
        in_string: str | None = None
        for number, raw in enumerate(self.lines, 1):
            if in_string is not None:
                if raw.count(in_string) % 2 == 1:
                    in_string = None
                continue
            stripped = raw.strip()
            if stripped.startswith(('["', "['")):
                pass  # a line of a multi-line array of arrays, not a table
            elif stripped.startswith("[["):
                table = _parts(stripped[2 : stripped.find("]]")])
                self.array_tables.setdefault(table, []).append(number)
                entry = len(self.array_tables[table]) - 1
                self.tables.setdefault(table, number)
                self.headers.append((number, table))
            elif stripped.startswith("["):
                table = _parts(stripped[1 : stripped.rfind("]")])
                self.tables.setdefault(table, number)
                self.headers.append((number, table))
            else:
                m = _KEY_START.match(raw)
                if m:
                    key = m.group(1)
                    key = key[1:-1] if key[:1] in "\"'" else key
                    self.keys.setdefault((table, key), number)
                    if table in self.array_tables:
                        self.entry_keys.setdefault((table, entry, key), number)
            for quote in ('"""', "'''"):
                if raw.count(quote) % 2 == 1:
                    in_string = quote
                    break

    def line(self, table: tuple[str, ...], key: str | None = None) -> int | None:
        """The key's line, else its table's: something close is better than nothing."""
        if key is not None:
            found = self.key_line(table, key)
            if found:
                return found
        return self.tables.get(table)

    def key_line(self, table: tuple[str, ...], key: str) -> int | None:
        """The key's line (``key = ...`` in the table, or a ``[table.key]`` header), else ``None``."""
        return self.keys.get((table, key)) or self.tables.get((*table, key))

    def table(self, table: tuple[str, ...]) -> int | None:
        return self.tables.get(table)

    def entry_line(self, table: tuple[str, ...], index: int, key: str | None = None) -> int | None:
        """A key of the ``index``-th ``[[table]]`` entry, else that entry's header."""
        if key is not None and (table, index, key) in self.entry_keys:
            return self.entry_keys[(table, index, key)]
        entries = self.array_tables.get(table, [])
        return entries[index] if index < len(entries) else None

    def find(self, table: tuple[str, ...], *needles: str) -> int | None:
        """First line holding a needle inside ``table`` (or a table nested in it), else anywhere.

        For values tomllib gives without a position, such as a requirement inside an array.
        """
        spans = []
        for i, (start, name) in enumerate(self.headers):
            if name[: len(table)] == table:
                end = self.headers[i + 1][0] - 1 if i + 1 < len(self.headers) else len(self.lines)
                spans.append((start, end))
        if not table or not spans:
            first = self.headers[0][0] - 1 if self.headers else len(self.lines)
            spans.append((1, first))  # keys before the first header (or an inline table)
        for needle in needles:
            for start, end in spans:
                for number in range(start, end + 1):
                    if needle in self.lines[number - 1]:
                        return number
        for needle in needles:
            for number, line in enumerate(self.lines, 1):
                if needle in line:
                    return number
        return None


#: small TOML files read on every run (the project's configuration, its policy) are kept, parsed,
#: in the cache folder: the TOML parser and the typing module it imports cost more than the rest of
#: a pre-commit run. Keyed by the text's digest, so an edited file is simply parsed again; the memo
#: file is sealed with this installation's key (snapshot), so an entry edited in a shared cache
#: folder, or written by another installation, is never used. The shipped policies need neither:
#: they come parsed with the package (policy.shipped).
_KEPT_SIZE = 64 * 1024
_DATE_TAG = "\x00toml"  # marks a date or time in the kept JSON (no TOML key holds a NUL)


def parsed(text: str, parse: Callable[[str], dict[str, Any]]) -> dict[str, Any]:
    """``parse(text)``, or what an earlier run of this installation found for the same text.

    Errors are not kept.
    """
    if len(text) > _KEPT_SIZE:
        return parse(text)
    from osscheck.digest import sha256  # lazy: start-up

    key = sha256(text.encode("utf-8", "surrogatepass"))
    kept = _documents().get(key)
    if isinstance(kept, dict):
        try:
            return _untagged(kept)
        except (TypeError, ValueError, KeyError):  # not what this module writes: parse again
            pass
    document = parse(text)
    _documents().put(key, _tagged(document))
    return document


_MEMO: list[Memo] = []


def _documents() -> Memo:
    if not _MEMO:
        from osscheck.snapshot import Memo  # lazy: start-up

        _MEMO.append(Memo("toml", lambda: [__file__], limit=64))
    return _MEMO[0]


def _tagged(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _tagged(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tagged(v) for v in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    return {_DATE_TAG: type(value).__name__, "iso": value.isoformat()}  # date, datetime or time


def _untagged(value: Any) -> Any:
    if isinstance(value, list):
        return [_untagged(v) for v in value]
    if not isinstance(value, dict):
        return value
    if _DATE_TAG in value:
        import datetime  # lazy: start-up

        kinds: dict[str, Any] = {"date": datetime.date, "datetime": datetime.datetime, "time": datetime.time}
        return kinds[value[_DATE_TAG]].fromisoformat(value["iso"])
    return {k: _untagged(v) for k, v in value.items()}

"""Line-stable TOML: values written out by hand, and edits that touch only one ``[[exceptions]]`` table.

A TOML library that round-trips the whole document would be one more dependency and may still
re-flow what it does not understand; the register's edits are few and simple, so they are made on
the lines themselves and then checked by parsing the result: an edit that does not read back as
intended is refused, never written.
"""

from __future__ import annotations

import datetime as dt
import re
import sys

from osscheck.errors import UsageError
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    Value = str | dt.date | list[str]

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
# what a basic string may not hold as it is: the quote, the backslash and every control character
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f]')


def basic_string(text: str) -> str:
    """``text`` as a TOML basic string: ``"..."`` with every character TOML does not allow escaped."""

    def escaped(m: re.Match[str]) -> str:
        ch = m.group()
        return _ESCAPES.get(ch) or f"\\u{ord(ch):04x}"

    return '"' + _NEEDS_ESCAPE.sub(escaped, text) + '"'


def key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else basic_string(name)


def value(v: Value) -> str:
    """A string, a date (TOML local date) or a list of strings, as TOML."""
    if isinstance(v, dt.datetime):  # pragma: no cover - the register keeps days
        raise TypeError("a register keeps days, not instants")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(basic_string(s) for s in v) + "]"
    return basic_string(v)


def loads(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


def newline_of(text: str) -> str:
    """The line end the file uses (CRLF where its first line ends so), for the lines added to it."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def appended(text: str, pairs: Sequence[tuple[str, Value]]) -> tuple[str, int]:
    """``text`` with one ``[[exceptions]]`` table added at its end, and the line of its header."""
    nl = newline_of(text)
    head = text
    if head and not head.endswith("\n"):
        head += nl
    if head.strip():
        head += nl  # a blank line between the tables
    line = head.count("\n") + 1
    table = "[[exceptions]]" + nl + "".join(f"{key(k)} = {value(v)}{nl}" for k, v in pairs)
    return head + table, line


def _entry_spans(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line indexes of each ``[[exceptions]]`` table, header included, end exclusive.

    The table ends at the next table header; comment and blank lines just before that header belong
    to what follows (they usually introduce it) and are left outside the span.
    """
    from osscheck.toml_lines import TomlLines

    index = TomlLines("".join(lines))
    starts = [n - 1 for n in index.array_tables.get(("exceptions",), [])]
    headers = sorted(n - 1 for n, _ in index.headers)
    spans = []
    for start in starts:
        later = [h for h in headers if h > start]
        end = later[0] if later else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        spans.append((start, end))
    return spans


def _value_end(lines: list[str], at: int, end: int) -> int:
    """The line after the one the value of the key at ``at`` ends on (a value may span lines)."""
    for stop in range(at + 1, end + 1):
        try:
            tomllib.loads("".join(lines[at:stop]))
        except tomllib.TOMLDecodeError:
            continue
        return stop
    return at + 1


def _key_at(line: str) -> str | None:
    from osscheck.toml_lines import _KEY_START

    m = _KEY_START.match(line)
    if not m:
        return None
    found = m.group(1)
    return found[1:-1] if found[:1] in "\"'" else found


def with_keys(text: str, entry: int, changes: Sequence[tuple[str, Value]]) -> str:
    """``text`` with keys of the ``entry``-th ``[[exceptions]]`` table set: a key written there is
    replaced where it stands, a new one added after the table's last key. Nothing else changes."""
    nl = newline_of(text)
    lines = text.splitlines(keepends=True)
    unended = bool(lines) and not lines[-1].endswith(("\n", "\r"))
    if unended:
        lines[-1] += nl  # the edit may add a line after it
    start, end = _entry_spans(lines)[entry]
    # the table's keys: (first line, line after its value)
    spans: dict[str, tuple[int, int]] = {}
    last = start + 1
    at = start + 1
    while at < end:
        name = _key_at(lines[at])
        if name is None:
            at += 1
            continue
        stop = _value_end(lines, at, end)
        spans.setdefault(name, (at, stop))
        last = stop
        at = stop
    replaced: dict[int, tuple[int, str]] = {}
    added: list[str] = []
    for name, v in changes:
        written = f"{key(name)} = {value(v)}{nl}"
        if name in spans:
            first, stop = spans[name]
            replaced[first] = (stop, written)
        else:
            added.append(written)
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i == last:
            out.extend(added)
        if i in replaced:
            stop, written = replaced[i]
            out.append(written)
            i = stop
            continue
        out.append(lines[i])
        i += 1
    if last >= len(lines):
        out.extend(added)
    if unended and out and out[-1] is lines[-1]:
        out[-1] = out[-1][: -len(nl)]  # the last line untouched: still without its line end
    return "".join(out)


def checked(path: str, before: dict[str, Any], after_text: str, entry: int, expect: dict[str, Any]) -> None:
    """Refuse an edit that does not read back as: entry ``entry`` with ``expect`` set, all else the same."""
    try:
        after = tomllib.loads(after_text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(Message("register.edit-failed", problem=str(exc)), path) from None
    old = list(before.get("exceptions", []))
    new = after.get("exceptions", [])
    if not isinstance(new, list) or entry >= len(new) or not isinstance(new[entry], dict):
        raise UsageError(Message("register.edit-failed", problem="[[exceptions]]"), path)
    wanted = dict(old[entry]) if entry < len(old) else {}
    wanted.update(expect)
    old[entry : entry + 1] = [wanted]
    if new != old or {k: v for k, v in after.items() if k != "exceptions"} != {
        k: v for k, v in before.items() if k != "exceptions"
    }:
        raise UsageError(Message("register.edit-failed", problem="[[exceptions]]"), path)

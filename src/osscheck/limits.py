"""Limits against accidents and hostile input, documented in the README and set by environment.

OSSCHECK_MAX_FILE_SIZE          bytes of one input file (default 512 MiB)
OSSCHECK_MAX_EXPRESSION_LENGTH  characters of one licence expression (default 5,000); a longer
                                one is reported as an unknown licence, not parsed
OSSCHECK_MAX_NESTING            levels of lists and tables in a JSON, YAML or TOML input
                                (default 1,000, about what the parsers manage; at most 5,000,
                                since the parsers recurse); a deeper document is refused
OSSCHECK_MAX_HEADER_FILES       files the SPDX-License-Identifier header scan reads (default
                                20,000); a larger tree is said to be scanned in part
OSSCHECK_HEADER_SCAN_SECONDS    seconds the header scan may take (default 10), likewise
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import TypeVar

    T = TypeVar("T")

DEFAULT_MAX_FILE_SIZE = 512 * 1024 * 1024
DEFAULT_MAX_EXPRESSION_LENGTH = 5000
DEFAULT_MAX_NESTING = 1000
DEFAULT_MAX_HEADER_FILES = 20_000
DEFAULT_HEADER_SCAN_SECONDS = 10
#: the parsers (json's C scanner among them) recurse once or more per level: deeper could overflow
#: the C stack and crash the interpreter instead of failing
_MOST_NESTING = 5000


_parsed: dict[tuple[str, str, int], int] = {}


def _env_int(name: str, default: int) -> int:
    # asked once per licence expression: parse each value the environment holds only once
    value = os.environ.get(name, "")
    key = (name, value, default)
    if key not in _parsed:
        try:
            number = int(value)
        except ValueError:
            number = default
        _parsed[key] = number if number > 0 else default
    return _parsed[key]


def max_file_size() -> int:
    return _env_int("OSSCHECK_MAX_FILE_SIZE", DEFAULT_MAX_FILE_SIZE)


def max_header_files() -> int:
    return _env_int("OSSCHECK_MAX_HEADER_FILES", DEFAULT_MAX_HEADER_FILES)


def header_scan_seconds() -> int:
    return _env_int("OSSCHECK_HEADER_SCAN_SECONDS", DEFAULT_HEADER_SCAN_SECONDS)


def max_expression_length() -> int:
    return _env_int("OSSCHECK_MAX_EXPRESSION_LENGTH", DEFAULT_MAX_EXPRESSION_LENGTH)


def max_nesting() -> int:
    return min(_env_int("OSSCHECK_MAX_NESTING", DEFAULT_MAX_NESTING), _MOST_NESTING)


def parse_nested(parse: Callable[[], T]) -> T:
    """Run a parser; with a nesting limit above the default, let Python recurse deep enough for it.

    The default is what the parsers manage within Python's own recursion limit. Above it, the
    recursion limit is raised while ``parse`` runs (json's C scanner on Python 3.12 and later keeps
    a fixed limit of its own).
    """
    limit = max_nesting()
    if limit <= DEFAULT_MAX_NESTING:
        return parse()
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, 4 * limit + 500))  # a few frames per level, and the callers'
    try:
        return parse()
    finally:
        sys.setrecursionlimit(before)


def within_nesting(path: str | Path, document: T) -> T:
    """``document`` (parsed JSON, YAML or TOML), unless it is nested deeper than the limit allows."""
    limit = too_deep(document)
    if limit is not None:
        from osscheck.errors import InputError
        from osscheck.messages import Message

        raise InputError(Message("input.nested-deeper-than", limit=limit), path)
    return document


def too_deep(document: object) -> int | None:
    """The nesting limit a parsed document goes beyond, or ``None``. Walks it without recursion.

    Only a limit below the default needs the walk: deeper documents already fail in the parsers.
    """
    limit = max_nesting()
    if limit >= DEFAULT_MAX_NESTING:
        return None
    stack = [(document, 1)] if isinstance(document, (dict, list)) else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return limit
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return None

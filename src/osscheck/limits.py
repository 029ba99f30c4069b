"""Limits against accidents and hostile input, documented in the README and set by environment.

    OSSCHECK_MAX_FILE_SIZE          bytes of one input file (default 512 MiB)
    OSSCHECK_MAX_EXPRESSION_LENGTH  characters of one licence expression (default 5,000); a longer
                                    one is reported as an unknown licence, not parsed
JSON nesting is limited by the parsers (about 1,000 levels; deeper documents are refused).
"""

from __future__ import annotations

import os

DEFAULT_MAX_FILE_SIZE = 512 * 1024 * 1024
DEFAULT_MAX_EXPRESSION_LENGTH = 5000


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


def max_expression_length() -> int:
    return _env_int("OSSCHECK_MAX_EXPRESSION_LENGTH", DEFAULT_MAX_EXPRESSION_LENGTH)

"""Limits against accidents and hostile input, documented in the README and set by environment.

    OSSCHECK_MAX_FILE_SIZE          bytes of one input file (default 512 MiB)
    OSSCHECK_MAX_EXPRESSION_LENGTH  characters of one licence expression (default 5,000); a longer
                                    one is reported as an unknown licence, not parsed
JSON nesting is limited by the parser (1,024 levels in orjson; deeper documents are refused).
"""

from __future__ import annotations

import os

DEFAULT_MAX_FILE_SIZE = 512 * 1024 * 1024
DEFAULT_MAX_EXPRESSION_LENGTH = 5000


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        number = int(value)
    except ValueError:
        return default
    return number if number > 0 else default


def max_file_size() -> int:
    return _env_int("OSSCHECK_MAX_FILE_SIZE", DEFAULT_MAX_FILE_SIZE)


def max_expression_length() -> int:
    return _env_int("OSSCHECK_MAX_EXPRESSION_LENGTH", DEFAULT_MAX_EXPRESSION_LENGTH)

"""osscheck's own errors: one base class that knows its exit code and how to show itself.

Modelled on click's exceptions, so the command line needs a single ``except`` and no traceback
ever reaches a user.
"""

from __future__ import annotations

from pathlib import Path

#: how every error line starts, in every language (scripts look for it)
PREFIX = "osscheck: error: "


class OsscheckError(Exception):
    """Base class; ``str(error)`` is the message shown after ``osscheck: error:``."""

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return f"{where}{self.message}"

    def format(self) -> str:
        """The one line for stderr."""
        return f"{PREFIX}{self}"


class InputError(OsscheckError):
    """An input file that cannot be read (broken syntax, wrong types, too large, ...)."""


class PolicyError(OsscheckError):
    """A policy file that is rejected (unknown key, bad value, bad expression)."""


class ExpressionError(OsscheckError):
    """A licence expression that cannot be parsed."""


class UsageError(OsscheckError):
    """A bad command line or API call."""

"""osscheck's own errors: one base class that knows its exit code and how to show itself.

Modelled on click's exceptions, so the command line needs a single ``except`` and no traceback
ever reaches a user. An error's message is data (a :class:`~osscheck.messages.Message`) until it is
shown: ``format(lang)`` renders the one line in a language, ``str()`` in English.
"""

from __future__ import annotations

import re
from pathlib import Path

from osscheck.messages import Message, render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: how every error line starts, in every language (scripts look for it)
PREFIX = "osscheck: error: "
#: how a warning line starts: the run went on
WARNING_PREFIX = "osscheck: warning: "

# C0 and C1 control characters and DEL: an input's ESC[2K or OSC 8 must not reach a terminal, nor
# a newline start a line of its own
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with every control character shown escaped (``\\x1b``), so it stays on one line."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def printable_lines(text: str) -> str:
    """``text`` of several lines, each line :func:`printable` (its own line breaks kept)."""
    return "\n".join(printable(line) for line in text.split("\n"))


class OsscheckError(Exception):
    """Base class; ``str(error)`` is the message shown after ``osscheck: error:``."""

    exit_code = 2

    def __init__(self, message: Message, path: str | Path | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str = "en") -> str:
        """``[FILE[:LINE]: ]message`` in ``lang``: FILE:LINE stays as it is in every language."""
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return printable(f"{where}{render(self.message, lang)}")  # file names and messages quote inputs

    def format(self, lang: str = "en") -> str:
        """The one line for stderr."""
        return f"{PREFIX}{self.render(lang)}"

    def at(self, path: str | Path | None, line: int | None = None) -> OsscheckError:
        """The same error, placed in a file (a helper raised it without knowing where it was)."""
        return type(self)(self.message, path, line)


class InputError(OsscheckError):
    """An input file that cannot be read (broken syntax, wrong types, too large, ...)."""


class PolicyError(OsscheckError):
    """A policy file that is rejected (unknown key, bad value, bad expression)."""


class ExpressionError(OsscheckError):
    """A licence expression that cannot be parsed."""


class UsageError(OsscheckError):
    """A bad command line or API call."""


class CacheError(UsageError):
    """The look-up cache cannot be used: fatal for ``--online``/``--offline``, a warning otherwise."""


def yaml_error(exc: Any, path: str | Path, text: str) -> InputError:
    """One error line with the line number for a PyYAML error (``yaml.YAMLError``)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or getattr(exc, "context", None)
    position = getattr(exc, "position", None)
    if problem is None and isinstance(position, int):  # a character the reader refuses
        line = text.count("\n", 0, position) + 1
        problem = Message("input.yaml-character", character=f"#x{exc.character:04x}", reason=exc.reason)
    return InputError(Message("input.invalid-yaml", problem=problem or str(exc).splitlines()[0]), path, line)

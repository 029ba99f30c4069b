"""Unfilled template placeholders in a licence text: ``[yyyy] [name of copyright owner]``, ``<year>``.

The Apache-2.0 appendix and the GNU licences' "How to Apply These Terms" are instructions that belong
to the licence text and hold such placeholders by design; only what comes before them counts.
"""

from __future__ import annotations

import re

# a bracketed phrase of a few words naming what the template wants filled in
_PLACEHOLDER = re.compile(
    r"[\[<{]\s*(?:[\w'.-]+\s+){0,5}?"
    r"(?:yyyy|yy|years?|fullname|full name|name|owners?|authors?|holders?|organi[sz]ation|company|e-?mail)"
    r"(?:\s+[\w'.-]+){0,5}?\s*[\]>}]",
    re.IGNORECASE,
)
#: headings of the instructions that follow the terms of a licence text
_INSTRUCTIONS = re.compile(
    r"appendix:? how to apply the apache license"
    r"|how to apply these terms to your new (?:programs?|librar)"
    r"|exhibit a\b.{0,10}source code form license notice",
    re.IGNORECASE,
)


def placeholder(text: str) -> tuple[str, int] | None:
    """The first line's unfilled placeholders ("<year> <copyright holders>") outside the licence's own
    instructions, and that line."""
    for number, line in enumerate(text.splitlines(), 1):
        if _INSTRUCTIONS.search(line):
            return None
        found = [m.group() for m in _PLACEHOLDER.finditer(line)]
        if found:
            return " ".join(found), number
    return None

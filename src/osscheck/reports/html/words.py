"""The translator the HTML report's sections share, and the German summaries of the rules.

The words themselves are in the catalogues (osscheck.catalogue), as every text of osscheck is.
"""

from __future__ import annotations

from collections.abc import Callable

from osscheck.messages import Message, translator
from osscheck.rules import BY_ID

#: the report's words, and its messages (the intro, the footer, ...), in the report's language
Translate = Callable[[str | Message], str]
__all__ = ["Translate", "german_hint", "german_rule", "translator"]


def german_rule(rule: str) -> str | None:
    """The German summary of a finding's rule (its title in osscheck.rules), if it has one to show."""
    found = BY_ID.get(rule)
    return found.text("title", "de") if found is not None and found.german_summary else None


def german_hint(rule: str) -> str | None:
    """The German hint of a finding's rule (osscheck.rules), if it has one to show."""
    found = BY_ID.get(rule)
    return found.text("hint", "de") if found is not None and found.german_summary else None

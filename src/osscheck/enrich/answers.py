"""What a source said about a package's licence, and the SPDX expression osscheck makes of it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from osscheck.enrich import NON_STANDARD
from osscheck.licenses.normalize import Normalized, normalize
from osscheck.messages import Message

# words services use for "a licence, but not one we can name"
_NON_STANDARD_WORDS = frozenset({"non-standard", "nonstandard", "other", "licenseref-other"})


@dataclass(frozen=True)
class Statement:
    """The licence entries one source gave for one package version (``entries``: (text, kind))."""

    url: str
    entries: tuple[tuple[str, str], ...] = ()
    multiple: str | None = None  # how unrelated entries combine; None: as the policy says
    missing: Message | None = None  # why there is no licence in the answer

    @property
    def said(self) -> str:
        return "; ".join(text if len(text) <= 80 else text[:77] + "..." for text, _ in self.entries)


@dataclass(frozen=True)
class Answer:
    """A source's answer, read: a licence, or why there is none."""

    source: str
    url: str
    license: str | None = None
    confidence: float = 0.0
    said: str = ""
    failure: Message | None = None
    transport: bool = False

    @property
    def method(self) -> str:
        return f"enriched:{self.source}"


def read_statement(source: str, statement: Statement, multiple: str) -> Answer:
    """Normalise the entries and combine them the way DESIGN.md reads several unrelated entries."""
    from osscheck.resolve import combine

    if statement.missing or not statement.entries:
        return Answer(
            source, statement.url, failure=statement.missing or Message("lookup.no-licence-in-answer")
        )
    results: list[Normalized] = []
    kinds: list[str] = []
    for text, kind in statement.entries:
        results.append(_normalize(text, kind))
        kinds.append(kind)
    combined = combine(results, kinds, statement.multiple or multiple)
    if combined.license is None:
        return Answer(
            source,
            statement.url,
            said=statement.said,
            failure=Message("lookup.licence-unreadable", said=statement.said),
        )
    return Answer(source, statement.url, combined.license, combined.confidence, statement.said)


def _normalize(text: str, kind: str) -> Normalized:
    if text.strip().lower() in _NON_STANDARD_WORDS:
        return Normalized(NON_STANDARD, "non-standard", 1.0)
    if kind == "expression" and re.search(r"\bOTHER\b", text):
        # ClearlyDefined writes "MIT AND OTHER" for a licence it found but cannot name
        text = re.sub(r"\bOTHER\b", NON_STANDARD, text)
    return normalize(text, kind)

"""Messy licence text -> SPDX expression, with the method used and a confidence.

This first version recognises clean and near-clean SPDX (case, deprecated ids, ``+``) and keeps
LicenseRef-* as themselves; everything else is unknown. Names, classifiers, URLs and licence texts
follow (see the inputs issue).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from osscheck.errors import ExpressionError
from osscheck.licenses.expression import is_no_assertion, parse


@dataclass(frozen=True)
class Normalized:
    """``license`` is ``None`` when the text does not say enough to tell safely."""

    license: str | None
    method: str
    confidence: float
    notes: tuple[str, ...] = ()


UNKNOWN = Normalized(None, "unrecognised", 0.0)


@lru_cache(maxsize=65536)
def normalize(text: str, kind: str = "expression") -> Normalized:
    """Recognise one declaration. ``kind`` is what sort of field it came from (see Declaration)."""
    if is_no_assertion(text):
        return Normalized(None, "none", 0.0)
    stripped = text.strip()
    try:
        parsed = parse(stripped)
    except ExpressionError:
        return UNKNOWN
    if parsed.expression is None:
        return Normalized(None, "none", 0.0)
    method = "spdx" if parsed.normalized == stripped and not parsed.notes else "spdx-corrected"
    return Normalized(parsed.normalized, method, 1.0 if method == "spdx" else 0.95, parsed.notes)

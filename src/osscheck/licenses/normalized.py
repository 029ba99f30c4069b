"""The result of recognising one licence declaration, and the shortcut for clean SPDX.

Apart from normalize.py so that the common case, a clean SPDX id or expression, is recognised
without loading the name, URL, classifier and text tables (the pre-commit path).
"""

from __future__ import annotations

from dataclasses import dataclass

from osscheck.licenses.expression import leaf_license, leaves, try_parse


@dataclass(frozen=True)
class Normalized:
    """``license`` is ``None`` when the text does not say enough to tell safely."""

    license: str | None
    method: str
    confidence: float
    notes: tuple[str, ...] = ()


def clean_spdx(text: str) -> Normalized | None:
    """The answer for text that is already a canonical SPDX expression, else ``None``."""
    stripped = text.strip()
    parsed = try_parse(stripped)
    if parsed is None or parsed.expression is None or parsed.notes or parsed.normalized != stripped:
        return None
    for leaf in leaves(parsed.expression):
        symbol = leaf_license(leaf)
        if not symbol.known and "LicenseRef-" not in symbol.key:
            return None  # not on the list: normalize() decides what it is
    return Normalized(stripped, "spdx", 1.0)

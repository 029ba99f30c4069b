"""The result of recognising one licence declaration, and the shortcut for clean SPDX.

Apart from normalize.py so that the common case, a clean SPDX id or expression, is recognised
without loading the name, URL, classifier and text tables (the pre-commit path).
"""

from __future__ import annotations

from osscheck.licenses.expression import leaf_license, leaves, try_parse


class Normalized:
    """``license`` is ``None`` when the text does not say enough to tell safely.

    Immutable in practice: a hashable value compared by its fields.
    """

    __slots__ = ("confidence", "license", "method", "notes")

    def __init__(
        self, license: str | None, method: str, confidence: float, notes: tuple[str, ...] = ()
    ) -> None:
        self.license = license
        self.method = method
        self.confidence = confidence
        self.notes = notes

    def _fields(self) -> tuple[object, ...]:
        return (self.license, self.method, self.confidence, self.notes)

    def __repr__(self) -> str:
        return (
            f"Normalized(license={self.license!r}, method={self.method!r}, "
            f"confidence={self.confidence!r}, notes={self.notes!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Normalized:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self._fields())


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

"""The result of recognising one licence declaration: an SPDX expression (or none), how, how surely.

A module of its own, below both the normaliser (normalize.py) and its shortcuts (normalized.py),
so that neither has to import the other to name the result.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.messages import Message


class Normalized:
    """``license`` is ``None`` when the text does not say enough to tell safely.

    ``notes`` say why it is unknown, or what was corrected or guessed: messages, rendered in the
    language of the output.

    Immutable in practice: a hashable value compared by its fields.
    """

    __slots__ = ("confidence", "license", "method", "notes")

    def __init__(
        self, license: str | None, method: str, confidence: float, notes: tuple[Message, ...] = ()
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
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

"""Completeness: each field of the profile looked for in the document and in every component.

A gap is data (the field, where, how binding); the score is the share of the required fields found,
counted once for the document and once per component, in per cent.
"""

from __future__ import annotations

from osscheck.accept.probe import present

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from osscheck.accept.delivery import Delivery, Entry
    from osscheck.accept.profile import Field, Profile


class Gap:
    """A field missing where the profile asks for it (``prohibited``: present where it must not be)."""

    __slots__ = ("component", "field", "line", "pointer")

    def __init__(self, field: Field, pointer: str, line: int | None, component: str | None) -> None:
        self.field = field
        self.pointer = pointer
        self.line = line
        self.component = component  # "name@version" of the component, None for the document

    @property
    def level(self) -> str:
        return self.field.level


class FieldCount:
    __slots__ = ("field", "present", "total")

    def __init__(self, field: Field) -> None:
        self.field = field
        self.present = 0
        self.total = 0


class Completeness:
    def __init__(self, gaps: list[Gap], counts: list[FieldCount]) -> None:
        self.gaps = gaps
        self.counts = counts

    @property
    def required_total(self) -> int:
        return sum(c.total for c in self.counts if c.field.level == "required")

    @property
    def required_present(self) -> int:
        return sum(c.present for c in self.counts if c.field.level == "required")

    @property
    def score(self) -> float:
        """Per cent of the required fields present, one decimal (100.0 when nothing is required)."""
        total = self.required_total
        return 100.0 if total == 0 else round(100.0 * self.required_present / total, 1)

    def of_level(self, level: str) -> list[Gap]:
        return [g for g in self.gaps if g.field.level == level]

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "required_present": self.required_present,
            "required_total": self.required_total,
            "fields": [
                {
                    "id": c.field.id,
                    "name": c.field.name,
                    "scope": c.field.scope,
                    "level": c.field.level,
                    "section": c.field.section,
                    "present": c.present,
                    "total": c.total,
                }
                for c in self.counts
            ],
        }


def assess(delivery: Delivery, profile: Profile) -> Completeness | None:
    """The gaps of ``delivery`` under ``profile``; ``None`` when the profile has no probes for its
    encoding (SPDX 2, a lockfile: nothing can be looked for)."""
    encoding = "spdx3" if delivery.encoding == "spdx3-jsonld" else delivery.encoding
    if not any(encoding in f.probes for f in profile.fields):
        return None
    gaps: list[Gap] = []
    counts: list[FieldCount] = []
    for field in profile.fields:
        count = FieldCount(field)
        counts.append(count)
        probe = field.probes.get(encoding)
        if field.scope == "document":
            places: list[tuple[Any, str, int | None, str | None]] = [
                (delivery.document, _document_pointer(delivery), None, None)
            ]
        else:
            places = [(e.node, e.pointer, e.line, _label(e)) for e in delivery.components]
        for node, pointer, line, label in places:
            count.total += 1
            found = probe is not None and present(
                probe, node, delivery.root, delivery.graph, field.allowed, field.refused
            )
            if field.level == "prohibited":
                found = not found  # "present" in the counts: the SBOM is free of it
            if found:
                count.present += 1
            else:
                gaps.append(Gap(field, pointer, line, label))
    return Completeness(gaps, counts)


def _document_pointer(delivery: Delivery) -> str:
    if delivery.encoding == "cyclonedx-xml":
        return "/bom/metadata"
    if delivery.encoding == "spdx3-jsonld":
        graph = delivery.root.get("graph", []) if isinstance(delivery.root, dict) else []
        for i, e in enumerate(graph):
            if e is delivery.document:
                return f"/@graph/{i}"
        return "/@graph"
    return "/metadata"


def _label(entry: Entry) -> str:
    name = entry.name or "?"
    return f"{name}@{entry.version}" if entry.version else name

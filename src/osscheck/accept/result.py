"""The outcome of an acceptance: the decision, what the contractor must fix (each with where it is),
the completeness and the licence verdict; ``to_dict`` is the ``osscheck-accept/1`` document.

Texts are messages until a record renders them; the JSON document carries the English, as the
``osscheck-report/1`` report does.
"""

from __future__ import annotations

from osscheck.messages import Message, render

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any

    from osscheck.accept.completeness import Completeness
    from osscheck.accept.contract import Contract
    from osscheck.accept.delivery import Delivery
    from osscheck.accept.profile import Profile
    from osscheck.report import Report

SCHEMA = "osscheck-accept/1"
ACCEPTED = "accepted"
CONDITIONS = "accepted-with-conditions"
REJECTED = "rejected"
RESULTS = (ACCEPTED, CONDITIONS, REJECTED)
#: what a fix is about, and whether it must be fixed before acceptance ("must") or is a condition
KINDS = {
    "format": "must",
    "required": "must",
    "prohibited": "must",
    "licence": "must",
    "unreadable": "must",
    "additional": "condition",
    "review": "condition",
}


class Fix:
    """One thing the contractor must fix (or supply), and where it is."""

    __slots__ = ("component", "field", "kind", "line", "message", "path", "pointer")

    def __init__(
        self,
        kind: str,
        message: Message,
        path: str | None = None,
        pointer: str | None = None,
        line: int | None = None,
        component: str | None = None,
        field: str | None = None,
    ) -> None:
        self.kind = kind
        self.message = message
        self.path = path
        self.pointer = pointer
        self.line = line
        self.component = component
        self.field = field

    @property
    def severity(self) -> str:
        return KINDS[self.kind]

    def where(self, line_word: str = "line") -> str:
        """``/components/17`` (JSON pointer), ``/bom/components/component[3]``, and ``line 12``."""
        parts = [p for p in (self.pointer, f"{line_word} {self.line}" if self.line else None) if p]
        return ", ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "field": self.field,
            "component": self.component,
            "message": render(self.message, "en"),
            "location": {"path": self.path, "pointer": self.pointer, "line": self.line},
        }


class Acceptance:
    """What ``osscheck.accept`` returns: ``result`` is accepted, accepted-with-conditions or rejected."""

    def __init__(
        self,
        result: str,
        reasons: list[Message],
        fixes: list[Fix],
        delivery: Delivery,
        profile: Profile,
        contract: Contract | None,
        completeness: Completeness | None,
        report: Report,
        date: dt.datetime,
        format_accepted: bool,
    ) -> None:
        self.result = result
        self.reasons = reasons
        self.fixes = fixes
        self.delivery = delivery
        self.profile = profile
        self.contract = contract
        self.completeness = completeness
        self.report = report
        self.date = date
        self.format_accepted = format_accepted

    @property
    def accepted(self) -> bool:
        return self.result != REJECTED

    @property
    def errors(self) -> list[Any]:
        """Entries of the delivery that could not be read (the record is written; exit code 2)."""
        return list(self.report.errors)

    @property
    def exit_code(self) -> int:
        if self.errors:
            return 2
        return 0 if self.accepted else 1

    @property
    def supplier(self) -> str | None:
        if self.contract is not None and self.contract.supplier:
            return self.contract.supplier
        return self.delivery.supplier

    @property
    def supplier_source(self) -> str | None:
        if self.contract is not None and self.contract.supplier:
            return "contract"
        return "sbom" if self.delivery.supplier else None

    def must(self) -> list[Fix]:
        return [f for f in self.fixes if f.severity == "must"]

    def conditions(self) -> list[Fix]:
        return [f for f in self.fixes if f.severity == "condition"]

    def recommended(self) -> list[tuple[str, str, int, int]]:
        """The optional fields missing somewhere: (id, name, missing, total)."""
        if self.completeness is None:
            return []
        return [
            (c.field.id, c.field.name, c.total - c.present, c.total)
            for c in self.completeness.counts
            if c.field.level == "optional" and c.present < c.total
        ]

    def to_dict(self) -> dict[str, Any]:
        from osscheck import __version__
        from osscheck.licenses.catalog import license_list_version
        from osscheck.reports._stamp import iso_utc

        report = self.report
        d = self.delivery
        summary = report.summary
        completeness = self.completeness.to_dict() if self.completeness is not None else None
        if completeness is not None:
            completeness["recommended_missing"] = [
                {"id": i, "name": n, "missing": m, "total": t} for i, n, m, t in self.recommended()
            ]
        return {
            "schema": SCHEMA,
            "tool": {"name": "osscheck", "version": __version__},
            "date": iso_utc(self.date),
            "result": self.result,
            "reasons": [render(r, "en") for r in self.reasons],
            "profile": {
                "id": self.profile.id,
                "version": self.profile.version,
                "title": self.profile.title,
                "published": self.profile.published,
            },
            "contract": self.contract.to_dict() if self.contract is not None else None,
            "supplier": {"name": self.supplier, "source": self.supplier_source},
            "delivery": {
                "path": d.path,
                "format": d.encoding,
                "family": d.family,
                "spec_version": d.version,
                "format_accepted": self.format_accepted,
                "sha256": d.digest,
                "bytes": d.size,
                "components": d.component_count,
            },
            "fixes": [f.to_dict() for f in self.fixes],
            "completeness": completeness,
            "licences": {
                "policy": {"name": report.policy_name, "digest": report.policy_digest},
                "outbound": report.outbound,
                "summary": summary.to_dict(),
                "passed": not report.failed,
            },
            "stamp": {
                "tool_version": report.tool_version,
                "license_list_version": license_list_version(),
                "input_sha256": d.digest,
                "policy_digest": report.policy_digest,
                "contract_sha256": self.contract.digest if self.contract is not None else None,
                "date": iso_utc(self.date),
            },
            "errors": [str(e) for e in self.errors],
        }

"""Beweislastumkehr (burden of proof): every component that is not open source, and its justification.

Dortmund's council decision reverses the burden of proof: a proprietary, source-available or not
OSI-approved component must be justified by an entry of the register (the exception that cleared it),
and a component whose licence is not known is listed too, since nobody can say it is open source
(fail closed). Entries that cleared nothing are listed so that the register can be cleaned. Computed
once from a finished Report, for every format that shows it; components the policy does not judge
(``ignored``: development-only dependencies it leaves out, the project's own workspace members) are
not listed, as they do not ship under it.
"""

from __future__ import annotations

from osscheck.model import Record, Status

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any

    from osscheck.messages import Message
    from osscheck.model import Component
    from osscheck.report import Report

#: why a component must be justified, in the order the section lists them (worst first)
REASONS = ("unknown", "proprietary", "source-available", "not-osi")
#: the report words for each reason (labels of the catalogue)
REASON_WORDS = {
    "unknown": "unknown licence",
    "proprietary": "proprietary",
    "source-available": "source-available",
    "not-osi": "not OSI-approved",
}


class Burden(Record):
    """One component that must be justified, and the register entry that justifies it (if any)."""

    def __init__(
        self,
        ref: str,
        license: str | None,
        category: str | None,
        status: str | None,
        reason: str,
        justification: str | None = None,
        entry: dict[str, Any] | None = None,
        pending: dict[str, Any] | None = None,
    ) -> None:
        self.ref = ref
        self.license = license
        self.category = category
        self.status = status
        self.reason = reason  # one of REASONS
        self.justification = justification  # None: missing
        # the clearing entry: id, file, line, basis, approved-by, reference, expires
        self.entry = entry
        # missing, but a register entry for it is requested (not yet approved): its file and line
        self.pending = pending

    def to_dict(self) -> dict[str, Any]:
        return {
            "component": self.ref,
            "license": self.license,
            "category": self.category,
            "status": self.status,
            "reason": self.reason,
            "justification": self.justification,
            "exception": self.entry,
            **({"pending": self.pending} if self.pending is not None else {}),
        }


class Unused(Record):
    """A register entry that cleared nothing: it can be removed."""

    def __init__(self, exception: Any, file: str | None, expired: bool) -> None:
        self.exception = exception  # a PolicyException: reports stand below the policy layer
        self.file = file
        self.expired = expired  # past its date as well as unused

    @property
    def line(self) -> int | None:
        return self.exception.line

    @property
    def what(self) -> Message:
        """What it covers, as the register names it."""
        return self.exception.describe()

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file or ""

    @property
    def state(self) -> str:
        """What the register's keeper can do, as a report word (translated by the report)."""
        if self.expired:
            return "expired and unused: can be removed from the register"
        return "unused: can be removed from the register"

    def to_dict(self) -> dict[str, Any]:
        """Enough to find the entry in its register (the report's ``register`` key has all of it)."""
        x = self.exception
        return {
            "id": x.id,
            "file": self.file,
            "line": x.line,
            **({"name": x.name} if x.name is not None else {}),
            "package": x.package,
            "version": x.version,
            "license": x.license,
            "justification": x.justification,
            "expires": x.expires.isoformat() if x.expires else None,
            "state": "expired" if self.expired else "unused",
        }


class BurdenOfProof(Record):
    def __init__(self, components: list[Burden], unused: list[Unused]) -> None:
        self.components = components
        self.unused = unused

    @property
    def missing(self) -> int:
        return sum(1 for b in self.components if b.justification is None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "components": [b.to_dict() for b in self.components],
            "unused_exceptions": [u.to_dict() for u in self.unused],
        }


def burden_of_proof(report: Report) -> BurdenOfProof:
    osi_of: dict[str | None, bool] = {}  # licence expression -> open source by the OSI: once each
    entries: dict[tuple[Any, ...], Any] = {}  # the register by entry, once an exempted component needs it
    rows = []
    pending = _pending(report)
    for c in report.components:
        if c.status is Status.IGNORED:
            continue
        reason = _reason(c, osi_of)
        if reason is not None:
            row = _row(c, reason, report, entries)
            if row.justification is None:
                row.pending = pending.get(c.ref)
            rows.append(row)
    # missing first, then by reason, then by component: the same report gives the same order
    rows.sort(key=lambda b: (b.justification is not None, REASONS.index(b.reason), b.ref, b.license or ""))
    return BurdenOfProof(rows, _unused(report))


def _pending(report: Report) -> dict[str, dict[str, Any]]:
    """Where the requested, not yet approved register entry of a component is (its
    ``exception-pending`` finding): the justification is missing, but on its way."""
    found: dict[str, dict[str, Any]] = {}
    for f in report.findings:
        if f.rule == "exception-pending" and f.component is not None:
            where = f.location
            found.setdefault(
                f.component, {"file": where.path if where else None, "line": where.line if where else None}
            )
    return found


def _reason(c: Component, osi_of: dict[str | None, bool]) -> str | None:
    """Why a component must be justified, or ``None`` for an open-source one."""
    if c.license is None or c.category in (None, "unknown"):
        return "unknown"  # fail closed: an unknown (or too uncertain) licence is not open source
    if c.category in ("proprietary", "source-available"):
        return c.category
    approved = osi_of.get(c.license)
    if approved is None:
        approved = osi_of[c.license] = _osi_approved(c.license)
    return None if approved else "not-osi"


def _osi_approved(license: str) -> bool:
    """As the ``outbound-not-osi`` finding decides (catalog.not_osi_approved); an expression that
    cannot be read is not approved."""
    from osscheck.licenses import catalog
    from osscheck.licenses.expression import try_parse

    parsed = try_parse(license)
    node = parsed.expression if parsed is not None else None
    return node is not None and not catalog.not_osi_approved(node)


def _row(c: Component, reason: str, report: Report, entries: dict[tuple[Any, ...], Any]) -> Burden:
    status = c.status.value if c.status else None
    exc = c.exception if c.status is Status.EXEMPTED else None
    if not exc and reason == "not-osi" and c.status is Status.ALLOWED:
        # the policy itself allows licences the OSI has not approved (CC0-1.0 and the like): that
        # decision is the justification, and no register entry could be (it would clear nothing)
        why = f"policy {report.policy_name}: non-osi = allow"
        if report.opencode:  # judged by openCode's list, which releases it (or the OSI would have)
            from osscheck.licenses import opencode  # lazy: start-up

            why = f"policy {report.policy_name}: on openCode's licence list, {opencode.described()}"
        return Burden(c.ref, c.license, c.category, status, reason, why)
    if not exc:
        return Burden(c.ref, c.license, c.category, status, reason)
    if not entries:  # built on the first exempted component: one pass over the register, not one each
        entries.update(_entries(report))
    entry = entries.get(_key(exc))
    where = {
        "id": exc.get("id"),
        "file": (entry.source or report.policy_source) if entry is not None else None,
        "line": entry.line if entry is not None else None,
        **{k: exc.get(k) for k in ("basis", "approved-by", "reference", "expires")},
    }
    return Burden(c.ref, c.license, c.category, status, reason, str(exc.get("justification") or ""), where)


def _entries(report: Report) -> dict[tuple[Any, ...], Any]:
    """The register entries by the fields a component's exception names them by (its to_dict);
    the first of equal ones, as the evaluation takes the first entry that fits."""
    found: dict[tuple[Any, ...], Any] = {}
    for entry in report.exceptions:
        expires = entry.expires.isoformat() if entry.expires else None
        key = (
            entry.id,
            entry.name,
            entry.package,
            entry.version,
            entry.license,
            entry.justification,
            expires,
        )
        found.setdefault(key, entry)
    return found


def _key(exc: dict[str, Any]) -> tuple[Any, ...]:
    """An exception's identifying fields: read from attributes for 10,000 entries, not a dict each."""
    fields = ("id", "name", "package", "version", "license", "justification", "expires")
    return tuple(exc.get(k) for k in fields)


def _unused(report: Report) -> list[Unused]:
    """The entries the evaluation found unused (an ``unused-exception`` finding), and the expired
    approved ones that no component needed (no ``expired-exception`` finding names them)."""
    unused_at: dict[tuple[int | None, object], set[str]] = {}  # (line, what) -> files of the findings
    expired_named: set[tuple[int | None, object]] = set()
    for f in report.findings:
        line, path = (f.location.line, f.location.path) if f.location else (None, "")
        if f.rule == "unused-exception" and f.message.code == "finding.unused-exception":
            unused_at.setdefault((line, f.message.args["exception"]), set()).add(path)
        elif f.rule == "expired-exception" and f.detail.code == "finding.expired-exception":
            expired_named.add((line, f.detail.args["exception"]))
    # a finding names its entry by line and description, and by its file where that is the entry's
    entries = [
        (x, (x.line, x.describe()), x.source or report.policy_source or "policy") for x in report.exceptions
    ]
    exact = {(key, file) for _, key, file in entries}
    day = _day() if any(x.expires is not None for x in report.exceptions) else None
    out = []
    for x, key, file in entries:
        files = unused_at.get(key)
        found = files is not None and (file in files or not any((key, f) in exact for f in files))
        expired = x.is_expired(day)
        if not found and expired and x.status == "approved" and key not in expired_named:
            found = True  # past its date, and no component looked for it: nothing needs it
        if found:
            out.append(Unused(x, file, expired))
    out.sort(key=lambda u: (u.file or "", u.line or 0))
    return out


def _day() -> dt.date:
    """The report's date (SOURCE_DATE_EPOCH, else today), as the other reports date it."""
    from osscheck.reports._stamp import stamp_time  # lazy: start-up (it imports dataclasses)

    return stamp_time().date()

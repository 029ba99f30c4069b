"""What a licence policy says, as plain data."""

from __future__ import annotations

from osscheck.messages import Message
from osscheck.model import FrozenRecord, Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from typing import Any

VERDICTS = ("allow", "review", "deny")
CONTEXTS = ("internal", "distribution", "network")
MULTIPLE = ("all", "any", "review")
MODES = ("dependency", "embedded")  # separate works, or vendored and merged code
STATUSES = ("requested", "approved", "rejected")  # of a register entry; only approved ones clear
BASES = ("technical", "financial", "organisational")  # the kinds of reason of DIN SPEC 66336 5.10.1


class PolicyException(FrozenRecord):
    """One entry of the justification register: this package may use this licence, because ..."""

    def __init__(
        self,
        justification: str,
        package: str | None = None,  # purl without version, e.g. pkg:pypi/mysqlclient
        version: str | None = None,  # exact version or a range such as ">=2.0,<3"
        license: str | None = None,  # normalised SPDX expression, or None for any licence
        approved_by: str | None = None,
        reference: str | None = None,
        expires: dt.date | None = None,
        line: int | None = None,
        name: str | None = None,  # a component's name, for one without a purl
        id: str | None = None,  # stable identifier; without one the entry is addressed as FILE:LINE
        basis: str | None = None,  # technical | financial | organisational
        alternatives: str | None = None,
        exit_strategy: str | None = None,
        exit_by: dt.date | None = None,
        requested_by: str | None = None,
        decided_on: dt.date | None = None,
        review_every: str | None = None,  # "12 months", "2 years", "90 days"
        scope: tuple[str, ...] = (),  # project names or path globs (relative to ``source``); empty: all
        status: str = "approved",  # requested | approved | rejected
        license_text_sha256: str | None = None,  # the licence text the decision was taken on
        source: str | None = None,  # the register file (or policy) the entry is written in
    ) -> None:
        self.justification = justification
        self.package = package
        self.version = version
        self.license = license
        self.approved_by = approved_by
        self.reference = reference
        self.expires = expires
        self.line = line
        self.name = name
        self.id = id
        self.basis = basis
        self.alternatives = alternatives
        self.exit_strategy = exit_strategy
        self.exit_by = exit_by
        self.requested_by = requested_by
        self.decided_on = decided_on
        self.review_every = review_every
        self.scope = scope
        self.status = status
        self.license_text_sha256 = license_text_sha256
        self.source = source

    def review_due(self) -> dt.date | None:
        """The day the next review is due (decided-on plus review-every), or ``None``."""
        if self.decided_on is None or self.review_every is None:
            return None
        return add_interval(self.decided_on, self.review_every)

    def is_expired(self, today: dt.date | None) -> bool:
        """Past its expiry date. Without a date (``None``) a dated entry counts as expired: fail closed."""
        return self.expires is not None and (today is None or self.expires < today)

    def describe(self) -> Message:
        """What the exception covers, as the register names it: ``pkg:npm/x 1.x under MIT``."""
        what: Message | str
        if self.package:
            what = self.package
        else:
            what = Message("exception.component", name=self.name) if self.name else Message("exception.any")
        if self.version:
            what = Message("exception.versions", what=what, version=self.version)
        if self.license:
            what = Message("exception.under", what=what, license=self.license)
        return what if isinstance(what, Message) else Message("exception.package", package=what)

    def to_dict(self) -> dict[str, Any]:
        named = {"name": self.name} if self.name is not None else {}  # only where the register names one
        return {
            **named,
            "package": self.package,
            "version": self.version,
            "license": self.license,
            "justification": self.justification,
            "approved-by": self.approved_by,
            "reference": self.reference,
            "expires": self.expires.isoformat() if self.expires else None,
            **self._register_fields(),
        }

    def _register_fields(self) -> dict[str, Any]:
        """The register's newer keys, where an entry sets them (an older entry's dict stays as it was)."""
        out: dict[str, Any] = {}
        plain = self.status == "approved" and not self.scope and self.id is None
        # most entries of a large register set none of them: a quick look first
        if plain and all(getattr(self, attr) is None for attr in _RARE_FIELDS):
            return out
        for key, attr in _REGISTER_FIELDS:
            value = getattr(self, attr)
            if value is None or value == () or (attr == "status" and value == "approved"):
                continue
            if attr in ("exit_by", "decided_on"):
                value = value.isoformat()
            elif attr == "scope":
                value = list(value)
            out[key] = value
        return out


#: TOML key -> attribute of the register's fields beyond the original eight (to_dict order)
_REGISTER_FIELDS = (
    ("id", "id"),
    ("status", "status"),
    ("basis", "basis"),
    ("alternatives", "alternatives"),
    ("exit-strategy", "exit_strategy"),
    ("exit-by", "exit_by"),
    ("requested-by", "requested_by"),
    ("decided-on", "decided_on"),
    ("review-every", "review_every"),
    ("scope", "scope"),
    ("license-text-sha256", "license_text_sha256"),
)

_RARE_FIELDS = tuple(attr for _, attr in _REGISTER_FIELDS if attr not in ("status", "scope", "id"))

#: the units of ``review-every`` and their length in months (days are counted as days)
INTERVAL_UNITS = {"day": 0, "days": 0, "month": 1, "months": 1, "year": 12, "years": 12}


def parse_interval(text: str) -> tuple[int, str] | None:
    """``"12 months"`` -> ``(12, "months")``; ``None`` for anything else."""
    parts = text.split()
    if len(parts) != 2 or not parts[0].isdigit() or parts[1].lower() not in INTERVAL_UNITS:
        return None
    return int(parts[0]), parts[1].lower()


def add_interval(day: dt.date, text: str) -> dt.date | None:
    """``day`` plus an interval such as ``"12 months"`` (the 31st becomes the month's last day)."""
    import calendar
    import datetime as dt_  # lazy: start-up

    parsed = parse_interval(text)
    if parsed is None:
        return None
    count, unit = parsed
    if INTERVAL_UNITS[unit] == 0:
        return day + dt_.timedelta(days=count)
    months = day.month - 1 + count * INTERVAL_UNITS[unit]
    year, month = day.year + months // 12, months % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


class Policy(Record):
    """A licence policy. ``replace(**changes)`` makes a copy with some fields changed.

    ``categories``, ``obligations`` and ``deny_from`` default to a new empty dict.
    """

    def __init__(
        self,
        name: str,
        title: str = "",
        description: str = "",
        context: str = "distribution",
        outbound: str | None = None,
        unknown: str = "deny",
        dev_dependencies: bool = False,
        mode: str = "dependency",  # how dependencies are combined: dependency | embedded
        outbound_osi: bool = False,  # the project's own licence must be OSI-approved
        non_osi: str = "allow",  # verdict for a dependency licence that is not OSI-approved
        non_opencode: str = "allow",  # verdict for an OSI licence that is not on openCode's list
        min_confidence: float = 0.8,  # below this, a recognised licence still goes to review
        multiple_licenses: str = "all",  # several unrelated licence entries: all (AND) | any (OR) | review
        require_license_file: bool = False,
        require_sbom: bool = False,
        categories: dict[str, str] | None = None,
        allow: tuple[str, ...] = (),
        review: tuple[str, ...] = (),
        deny: tuple[str, ...] = (),
        obligations: dict[str, tuple[str, ...]] | None = None,
        exceptions: tuple[PolicyException, ...] = (),
        notes: tuple[str, ...] = (),
        source: str | None = None,  # file the policy came from (builtin:NAME for shipped ones)
        digest: str | None = None,  # sha256 of the policy text(s), for the audit stamp
        deny_from: dict[str, dict[str, dt.date]] | None = None,  # [deny-from]: table -> key -> day
        require_approval: bool = False,  # an exception clears a finding only with approved-by
        require_separate_approver: bool = False,  # approved-by must differ from requested-by
        retention_years: int | None = None,  # how long the evidence bundle is kept
        registers: tuple[str, ...] = (),  # the register files merged into ``exceptions``, as shown
    ) -> None:
        self.name = name
        self.title = title
        self.description = description
        self.context = context
        self.outbound = outbound
        self.unknown = unknown
        self.dev_dependencies = dev_dependencies
        self.mode = mode
        self.outbound_osi = outbound_osi
        self.non_osi = non_osi
        self.non_opencode = non_opencode
        self.min_confidence = min_confidence
        self.multiple_licenses = multiple_licenses
        self.require_license_file = require_license_file
        self.require_sbom = require_sbom
        self.categories = {} if categories is None else categories
        self.allow = allow
        self.review = review
        self.deny = deny
        self.obligations = {} if obligations is None else obligations
        self.exceptions = exceptions
        self.notes = notes
        self.source = source
        self.digest = digest
        # staged enforcement: "categories", "licenses" or "rules" -> the key -> the day its deny starts
        self.deny_from = {} if deny_from is None else deny_from
        self.require_approval = require_approval
        self.require_separate_approver = require_separate_approver
        self.retention_years = retention_years
        self.registers = registers

    def verdict_for(self, category: str) -> str:
        return self.categories.get(category, "review" if category != "unknown" else self.unknown)

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
        }


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

    def verdict_for(self, category: str) -> str:
        return self.categories.get(category, "review" if category != "unknown" else self.unknown)

"""What a licence policy says, as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

VERDICTS = ("allow", "review", "deny")
CONTEXTS = ("internal", "distribution", "network")
MULTIPLE = ("all", "any", "review")


@dataclass(frozen=True)
class PolicyException:
    """One entry of the justification register: this package may use this licence, because ..."""

    justification: str
    package: str | None = None  # purl without version, e.g. pkg:pypi/mysqlclient
    version: str | None = None  # exact version or a range such as ">=2.0,<3"
    license: str | None = None  # normalised SPDX expression, or None for any licence
    approved_by: str | None = None
    reference: str | None = None
    expires: dt.date | None = None
    line: int | None = None

    def is_expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def describe(self) -> str:
        what = self.package or "any package"
        if self.version:
            what += f" {self.version}"
        if self.license:
            what += f" under {self.license}"
        return what

    def to_dict(self) -> dict[str, Any]:
        return {
            "package": self.package,
            "version": self.version,
            "license": self.license,
            "justification": self.justification,
            "approved-by": self.approved_by,
            "reference": self.reference,
            "expires": self.expires.isoformat() if self.expires else None,
        }


@dataclass
class Policy:
    name: str
    title: str = ""
    description: str = ""
    context: str = "distribution"
    outbound: str | None = None
    unknown: str = "deny"
    dev_dependencies: bool = False
    mode: str = "dependency"  # how dependencies are combined: dependency | embedded
    outbound_osi: bool = False  # the project's own licence must be OSI-approved
    non_osi: str = "allow"  # verdict for a dependency licence that is not OSI-approved
    min_confidence: float = 0.8  # below this, a recognised licence still goes to review
    multiple_licenses: str = "all"  # several unrelated licence entries: all (AND) | any (OR) | review
    require_license_file: bool = False
    require_sbom: bool = False
    categories: dict[str, str] = field(default_factory=dict)
    allow: tuple[str, ...] = ()
    review: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    obligations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exceptions: tuple[PolicyException, ...] = ()
    notes: tuple[str, ...] = ()
    source: str | None = None  # file the policy came from (builtin:NAME for shipped ones)
    digest: str | None = None  # sha256 of the policy text(s), for the audit stamp

    def verdict_for(self, category: str) -> str:
        return self.categories.get(category, "review" if category != "unknown" else self.unknown)

"""The plain data that flows between the stages: components, locations, findings, reports."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Status(str, enum.Enum):
    """Verdict on one component. Order of ``rank`` is from best to worst."""

    ALLOWED = "allowed"
    EXEMPTED = "exempted"
    REVIEW = "review"
    DENIED = "denied"
    IGNORED = "ignored"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Status.IGNORED: -1, Status.ALLOWED: 0, Status.EXEMPTED: 1, Status.REVIEW: 2, Status.DENIED: 3}


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    def __str__(self) -> str:
        return self.value


class Scope(str, enum.Enum):
    RUNTIME = "runtime"
    DEV = "dev"
    OPTIONAL = "optional"

    def __str__(self) -> str:
        return self.value


class Location(NamedTuple):
    """Where something was declared: file and 1-based line (``None`` when not known).

    A named tuple rather than a dataclass: a large SBOM makes 100,000 of them.
    """

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line}


@dataclass(slots=True)
class Declaration:
    """One raw licence statement as the input wrote it.

    ``kind`` says what sort of statement it is, because that decides how much it can be trusted:
    ``expression`` (an SPDX expression field), ``id`` (an SPDX id field), ``name`` (free text),
    ``url``, ``text`` (a pasted licence text), ``classifier`` (a trove classifier).
    """

    value: str
    kind: str = "expression"

    def __str__(self) -> str:
        return self.value


@dataclass(slots=True)
class Component:
    """A dependency as a reader found it, before and after judgement.

    Readers fill name, version, purl, scope, declared, location; the later stages fill the rest.
    """

    name: str
    version: str | None = None
    purl: str | None = None
    scope: Scope | None = None
    declared: list[Declaration] = field(default_factory=list)
    location: Location | None = None
    # set by readers that have a fact beyond the declarations (e.g. an SPDX licenseConcluded)
    concluded: str | None = None
    # normalisation
    license: str | None = None
    method: str | None = None
    confidence: float | None = None
    # evaluation
    chosen: str | None = None
    category: str | None = None
    status: Status | None = None
    obligations: list[str] = field(default_factory=list)
    exception: dict[str, Any] | None = None
    # what a reader or an enrichment wants to keep beyond the fields above. Keys in use:
    #   "choice": bool        several declarations are alternatives (npm legacy licenses[], composer, pom): OR
    #   "requirement": str    the version requirement a manifest wrote ("^1.2")
    #   "installed_as": str   the name an npm alias installs the package under (part of the identity)
    #   "license_texts": list[{"license": str | None, "text": str}]   texts found in the input (for notices)
    #   "copyrights": list[str]   copyright lines found in the input (for notices)
    #   "source": {"method": str, "url": str, "license": str}   where an enrichment found the licence and
    #             what it said (kept beside a declared licence it disagrees with)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Identity for de-duplication: the purl, else name@version.

        A package installed under another name (an npm alias, ``"x": "npm:y@1"``) is a copy of its
        own in the project, listed once more under that name, with the real package's purl.
        """
        alias = self.extra.get("installed_as")
        if self.purl:
            return f"{self.purl}#{alias}" if alias else self.purl
        return f"{alias or self.name}@{self.version or ''}"

    @property
    def ref(self) -> str:
        """How findings and messages name the component."""
        base = self.purl or (f"{self.name}@{self.version}" if self.version else self.name)
        alias = self.extra.get("installed_as")
        return f"{base} (as {alias})" if alias else base


@dataclass
class Project:
    """The project being checked: its own declared licence is the outbound licence."""

    name: str | None = None
    version: str | None = None
    declared: list[Declaration] = field(default_factory=list)
    location: Location | None = None
    # as on Component; "choice": True when the declarations are alternatives (composer array, pom)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Finding:
    rule: str
    severity: Severity
    message: str
    hint: str | None = None
    component: str | None = None
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "component": self.component,
            "message": self.message,
            "hint": self.hint,
            "location": self.location.to_dict() if self.location else None,
        }


@dataclass
class InputFile:
    """One file that was read, with what a reader made of it."""

    path: str
    format: str
    components: list[Component] = field(default_factory=list)
    project: Project | None = None
    digest: str | None = None


@dataclass
class Inventory:
    """Everything the readers found, before judgement."""

    inputs: list[InputFile] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # one line each, for inputs that could not be read

    @property
    def components(self) -> list[Component]:
        return [c for i in self.inputs for c in i.components]


@dataclass
class Summary:
    components: int = 0
    allowed: int = 0
    review: int = 0
    denied: int = 0
    exempted: int = 0
    ignored: int = 0
    unknown: int = 0
    passed: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "components": self.components,
            "allowed": self.allowed,
            "review": self.review,
            "denied": self.denied,
            "exempted": self.exempted,
            "ignored": self.ignored,
            "unknown": self.unknown,
            "passed": self.passed,
        }

"""The plain data that flows between the stages: components, locations, findings, reports."""

from __future__ import annotations

import enum
from operator import itemgetter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from osscheck.errors import InputError, OsscheckError
    from osscheck.messages import Message

    _R = TypeVar("_R", bound="Record")


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


class _RecordType(type):
    """Writes a record's ``_fields`` and ``__slots__`` from its ``__init__``: the fields are written once.

    The fields are ``__init__``'s parameters, in order (so ``replace`` can pass them back), unless
    the class names ``_fields`` itself (a record whose ``__init__`` takes them in another shape, or
    whose fields come from a table). mypy sees them from the assignments in ``__init__``.
    """

    def __new__(mcs, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _RecordType:
        init = namespace.get("__init__")
        if "_fields" not in namespace and init is not None:
            code = init.__code__
            if code.co_flags & 0x0C:  # CO_VARARGS | CO_VARKEYWORDS: no field list to read
                raise TypeError(f"{name}.__init__ takes *args or **kwargs: name the fields in _fields")
            namespace["_fields"] = code.co_varnames[1 : code.co_argcount + code.co_kwonlyargcount]
        if "__slots__" not in namespace:
            inherited = {f for base in bases for f in getattr(base, "_fields", ())}
            namespace["__slots__"] = tuple(f for f in namespace.get("_fields", ()) if f not in inherited)
        return super().__new__(mcs, name, bases, namespace)


#: The keys of ``Component.extra`` and ``Project.extra`` (the project's are marked "project"), with
#: the value each holds. Kept in ``extra`` rather than as fields: most are set by one or two readers
#: for one report, and a field would cost each of 100,000 components a slot. tests/test_records.py
#: checks that every key the code uses is here.
EXTRA_KEYS = {
    "aliases": "list[str]: other names npm installs the package under (npm, yarn, node_modules)",
    "choice": "bool: the declarations are alternatives, OR (npm licenses[], composer, pom; project too)",
    "copyrights": "list[str]: copyright lines found in the input (for notices)",
    "dev_groups": "project: (names, where): the dependency groups taken as development (pyproject)",
    "depends-on": 'str: the publiccode.yml dependsOn list of a system component ("proprietary", "open")',
    "dependencies": (
        "list[str]: the keys (Component.key) of the components this one directly depends on, as the "
        "input says (CycloneDX dependencies); written back into a CycloneDX report"
    ),
    "download_url": "str: where a lockfile or requirement says the package is downloaded from",
    "filename": (
        "str: the component's file name, not its path (CycloneDX bsi:component:filename, SPDX "
        "packageFileName, the tarball of an npm lockfile's resolved)"
    ),
    "hashes": (
        'list[{"alg": str, "content": str}]: hashes of the component\'s file, CycloneDX algorithm names '
        "and lower-case hex (CycloneDX hashes, SPDX checksums, Cargo.lock checksum)"
    ),
    "files": (
        '{"count": int, "paths": [str]}: a component that is the project\'s own files under one licence '
        "(osscheck.filelicences), the first 50 of them by path"
    ),
    "group": "str: the CycloneDX group (a Maven groupId), written back into a CycloneDX report",
    "indirect": "bool: a go.mod requirement marked // indirect",
    "integrity": (
        'str: an SRI integrity string as a lockfile writes it ("sha512-BASE64", npm); a CycloneDX report '
        "turns it into hashes"
    ),
    "installed_as": "str: the name an npm alias installs the package under (part of the identity)",
    "license_names": "list[str]: the names an SPDX document gives its LicenseRef- licences",
    "license_texts": 'list[{"license": str | None, "text": str}]: licence texts in the input (for notices)',
    "licensing": "list[dict]: CycloneDX licensing (licensor, purchaser, terms), kept as written",
    "marker": "str: the environment marker of a requirement (; python_version < '3.11')",
    "metadata": "str | None: the metadata file an installed package was read from (node_modules, venv)",
    "observed": (
        "list[str]: licences a scanner found in the component's files, as written (CycloneDX "
        "evidence.licenses, SPDX licenseInfoFromFiles; NOASSERTION and NONE left out): they stand in "
        "for a licence only where nothing is declared or concluded"
    ),
    "publiccode-problems": "project: [(Message, line)]: what a publiccode.yml lacks or gets wrong",
    "requirement": 'str: the version requirement a manifest wrote ("^1.2")',
    "source": (
        '{"method": str, "url": str, "license": str}: where an enrichment found the licence and what it '
        "said (kept beside a declared licence it disagrees with)"
    ),
    "workspace": "str: the folder of an npm workspace member: the project's own code, not a dependency",
    "written-by": 'project: the osscheck that wrote this SBOM ("osscheck 0.1.0"; readers._source.WRITTEN_BY)',
    "set-aside": "project: True on an SBOM osscheck wrote, found beside other inputs in a folder (not read)",
}


class Record(metaclass=_RecordType):
    """Base of the plain data classes below: ``repr`` and ``==`` over the fields in ``_fields``.

    Written by hand rather than with dataclasses: importing dataclasses and building the classes
    would cost the pre-commit hook more than reading a small lockfile. A subclass writes a plain
    ``__init__`` that assigns each of its parameters to the field of that name; ``_fields`` and
    ``__slots__`` are derived from it. Mutable, so not hashable.
    """

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def _astuple(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({fields})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._astuple() == other._astuple()

    __hash__ = None  # type: ignore[assignment]

    def replace(self: _R, **changes: Any) -> _R:
        """A copy with some fields changed (as ``dataclasses.replace``; ``__init__`` takes the fields)."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)


class FrozenRecord(Record):
    """A :class:`Record` whose fields are set once, in ``__init__``; hashable by its fields.

    ``__init__`` assigns the fields as usual; assigning a field that already has a value fails.
    """

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        if hasattr(self, name):  # a slot not yet assigned has no value: __init__ may set it
            raise AttributeError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:  # type: ignore[override]  # Record sets it to None: unhashable
        return hash(self._astuple())


_new_tuple = tuple.__new__


class Location(tuple):
    """Where something was declared: file and 1-based line (``None`` when not known).

    The tuple ``(path, line)``: ``path: str``, ``line: int | None``. Written by hand rather than as
    a dataclass or a ``NamedTuple``: a large SBOM makes 100,000 of them, and the hook should import
    neither dataclasses nor typing.
    """

    __slots__ = ()

    path = property(itemgetter(0), doc="The file, as the input named it.")
    line = property(itemgetter(1), doc="The 1-based line, or ``None`` when not known.")

    def __new__(cls, path: str, line: int | None = None) -> Location:
        return _new_tuple(cls, (path, line))

    def __getnewargs__(self) -> tuple[str, int | None]:
        return (self[0], self[1])

    def __repr__(self) -> str:
        return f"Location(path={self[0]!r}, line={self[1]!r})"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line}


class Declaration(Record):
    """One raw licence statement as the input wrote it.

    ``kind`` says what sort of statement it is, because that decides how much it can be trusted:
    ``expression`` (an SPDX expression field), ``id`` (an SPDX id field), ``name`` (free text),
    ``url``, ``text`` (a pasted licence text), ``classifier`` (a trove classifier).
    """

    def __init__(self, value: str, kind: str = "expression") -> None:
        self.value = value
        self.kind = kind

    def __str__(self) -> str:
        return self.value


class Component(Record):
    """A dependency as a reader found it, before and after judgement.

    Readers fill name, version, purl, scope, declared, location; the later stages fill the rest.
    ``declared``, ``obligations`` and ``extra`` default to a new empty list or dict.
    """

    def __init__(
        self,
        name: str,
        version: str | None = None,
        purl: str | None = None,
        scope: Scope | None = None,
        declared: list[Declaration] | None = None,
        location: Location | None = None,
        concluded: str | None = None,
        license: str | None = None,
        method: str | None = None,
        confidence: float | None = None,
        chosen: str | None = None,
        category: str | None = None,
        status: Status | None = None,
        obligations: list[str] | None = None,
        exception: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.version = version
        self.purl = purl
        self.scope = scope
        self.declared = [] if declared is None else declared
        self.location = location
        # set by readers that have a fact beyond the declarations (e.g. an SPDX licenseConcluded)
        self.concluded = concluded
        # normalisation
        self.license = license
        self.method = method
        self.confidence = confidence
        # evaluation
        self.chosen = chosen
        self.category = category
        self.status = status
        self.obligations = [] if obligations is None else obligations
        self.exception = exception
        # what a reader or an enrichment keeps beyond the fields above: the keys of EXTRA_KEYS
        self.extra = {} if extra is None else extra

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


class Project(Record):
    """The project being checked: its own declared licence is the outbound licence."""

    def __init__(
        self,
        name: str | None = None,
        version: str | None = None,
        declared: list[Declaration] | None = None,
        location: Location | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.version = version
        self.declared = [] if declared is None else declared
        self.location = location
        # as on Component: the keys of EXTRA_KEYS marked "project"
        self.extra = {} if extra is None else extra


class Finding(Record):
    """What a check found: its rule, and its message and hint as data (rendered per language by the
    reports; ``to_dict`` gives the English)."""

    def __init__(
        self,
        rule: str,
        severity: Severity,
        message: Message,
        hint: Message | None = None,
        component: str | None = None,
        location: Location | None = None,
    ) -> None:
        self.rule = rule
        self.severity = severity
        self.message = message
        self.hint = hint
        self.component = component
        self.location = location

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "component": self.component,
            "message": str(self.message),
            "hint": str(self.hint) if self.hint is not None else None,
            "location": self.location.to_dict() if self.location else None,
        }

    @property
    def detail(self) -> Message:
        """The message without the component it is about (``REF: detail``): for the reports that
        show the component beside it."""
        message = self.message
        if message.code == "finding.of-component":
            return message.args["detail"]  # type: ignore[return-value]
        return message


class InputFile(Record):
    """One file that was read, with what a reader made of it."""

    def __init__(
        self,
        path: str,
        format: str,
        components: list[Component] | None = None,
        project: Project | None = None,
        digest: str | None = None,
        errors: list[InputError] | None = None,
    ) -> None:
        self.path = path
        self.format = format
        self.components = [] if components is None else components
        self.project = project
        self.digest = digest
        # entries the reader could not read (each names its line); the readable ones are in
        # components. ``api.scan`` reports them with the inventory's errors: the check fails closed
        self.errors = [] if errors is None else errors


class Inventory(Record):
    """Everything the readers found, before judgement."""

    def __init__(
        self, inputs: list[InputFile] | None = None, errors: list[OsscheckError] | None = None
    ) -> None:
        self.inputs = [] if inputs is None else inputs
        self.errors = [] if errors is None else errors  # the inputs (or entries) that could not be read

    @property
    def components(self) -> list[Component]:
        return [c for i in self.inputs for c in i.components]


class Summary(Record):
    def __init__(
        self,
        components: int = 0,
        allowed: int = 0,
        review: int = 0,
        denied: int = 0,
        exempted: int = 0,
        ignored: int = 0,
        unknown: int = 0,
        passed: bool = True,
    ) -> None:
        self.components = components
        self.allowed = allowed
        self.review = review
        self.denied = denied
        self.exempted = exempted
        self.ignored = ignored
        self.unknown = unknown
        self.passed = passed

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

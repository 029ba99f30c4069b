"""publiccode.yml (publiccodeYmlVersion 0.2 to 0.7): the project's licence and the systems it needs.

openCode and Developers Italia list a repository only with a valid ``publiccode.yml`` in its root.
``legal.license`` is the project's own declaration (its outbound licence, like ``[project] license``
of a pyproject.toml). ``dependsOn`` names system-level dependencies, not packages:

- ``proprietary``: components declared proprietary, so that the register must justify each one
  (Dortmund's Beweislastumkehr covers the proprietary database a system needs, too);
- ``open``: components without licence facts: the file says "open source" but not which licence,
  so they are unknown until the register or a look-up knows (fail closed);
- ``hardware`` (a card reader, a label printer) is left out: no software licence is in question.

Each entry becomes a component without a purl (a register entry names it by ``name``), located at
its line. What the file lacks or gets wrong for its version (the keys the standard makes
mandatory, the enumerated values, an SPDX expression in ``legal.license``) is kept with its line in
``Project.extra["publiccode-problems"]``; :func:`publiccode_findings` turns it into
``publiccode-invalid`` findings. A file that is not YAML, not a mapping, or of no version this
reader knows cannot be read.

YAML is composed into nodes only (nothing is constructed), so every key keeps its line and every
scalar its text: ``publiccodeYmlVersion: 0.4`` stays "0.4", ``versionMin: 14`` stays "14".
"""

from __future__ import annotations

import re
from pathlib import Path

from osscheck.errors import InputError, yaml_error
from osscheck.messages import Message
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers._source import decode

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from osscheck.model import Finding

#: what a proprietary dependency is declared as: the catalogue's category "proprietary" (as npm's
#: UNLICENSED), which every shipped policy denies or sends to review unless the register justifies it
PROPRIETARY = "LicenseRef-scancode-proprietary-license"
#: ``Component.extra`` key: which list of ``dependsOn`` the component comes from
SYSTEM_DEPENDENCY = "depends-on"
#: ``Project.extra`` key: the problems of the file, as (message, line)
PROBLEMS = "publiccode-problems"

#: the minor versions of publiccodeYmlVersion "0.N" this reader knows (0.6 changed nothing in the keys)
_MINORS = range(2, 8)
_VERSION = re.compile(r"0\.(\d+)(?:\.\d+)?")

_DEVELOPMENT_STATUS = ("concept", "development", "beta", "stable", "obsolete")
_SOFTWARE_TYPES = (
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
)
_MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    root = _compose(path, text)
    shown = str(path)
    if not _is_mapping(root):
        raise InputError(Message("input.publiccode-not-mapping"), path, _line(root))
    doc = _Mapping(root)
    version_key = doc.key("publiccodeYmlVersion")
    if version_key is None:
        raise InputError(
            Message("input.missing-key", format="publiccode.yml", key="publiccodeYmlVersion"), path, 1
        )
    written = _text(doc.value("publiccodeYmlVersion"))
    minor = _minor(written)
    if minor is None:
        supported = ", ".join(f"0.{m}" for m in _MINORS)
        version = written if written is not None else _kind(doc.value("publiccodeYmlVersion"))
        raise InputError(
            Message("input.publiccode-version", version=version, supported=supported),
            path,
            _line(version_key),
        )
    problems = _Problems()
    _check_keys(doc, minor, problems)
    declared: list[Declaration] = []
    legal = doc.mapping("legal", problems)
    license_text = _license(doc, legal, problems)
    if license_text is not None:
        declared.append(Declaration(license_text, "expression"))
    project = Project(
        name=_text(doc.value("name")),
        version=_text(doc.value("softwareVersion")),
        declared=declared,
        location=Location(shown, _line(legal.key("license")) if legal is not None else None),
        extra={PROBLEMS: problems.found},
    )
    result = InputFile(path=shown, format="publiccode-yml", project=project)
    depends = doc.mapping("dependsOn", problems)
    if depends is not None:
        for kind in ("proprietary", "open"):
            result.components.extend(_dependencies(depends, kind, shown, problems))
    return result


def main_copyright_owner(path: Path) -> str | None:
    """The ``legal.mainCopyrightOwner`` a publiccode.yml states, or ``None`` (also when unreadable)."""
    try:
        doc = _Mapping(_compose(path, decode(path, path.read_bytes())))
    except (InputError, OSError, RecursionError, AttributeError, TypeError):
        return None
    legal = doc.value("legal")
    if not _is_mapping(legal):
        return None
    owner = _text(_Mapping(legal).value("mainCopyrightOwner"))
    return owner.strip() or None if owner is not None else None


def looks_like(name: str, head: bytes) -> bool:
    """A YAML mapping with a ``publiccodeYmlVersion`` key at its top level."""
    return re.search(rb"""^["']?publiccodeYmlVersion["']?[ \t]*:""", head, re.MULTILINE) is not None


# --- YAML nodes with their lines ---------------------------------------------------------------


def _compose(path: Path, text: str) -> Any:
    """The document's node tree (the safe loader's composer: no Python objects are built)."""
    import yaml  # lazy: start-up

    if not text.strip():
        raise InputError(Message("input.empty-file"), path)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path, text) from None
    if root is None:  # only comments
        raise InputError(Message("input.empty-file"), path)
    return root


def _is_mapping(node: Any) -> bool:
    return type(node).__name__ == "MappingNode"


def _is_sequence(node: Any) -> bool:
    return type(node).__name__ == "SequenceNode"


def _is_scalar(node: Any) -> bool:
    return type(node).__name__ == "ScalarNode"


def _line(node: Any) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _kind(node: Any) -> str:
    """What a node is, in the words of the messages: mapping, list, text, nothing."""
    if node is None or (_is_scalar(node) and node.tag == _NULL):
        return "null"
    if _is_mapping(node):
        return "mapping"
    if _is_sequence(node):
        return "list"
    return "boolean" if node.tag == _BOOL else "string"


def _text(node: Any) -> str | None:
    """A scalar's text as written (``None`` for a null, a list or a mapping)."""
    if node is None or not _is_scalar(node) or node.tag == _NULL:
        return None
    value: str = node.value
    return value


class _Mapping:
    """A mapping node by key: each key's node and value node (of a key written twice, the last)."""

    def __init__(self, node: Any) -> None:
        self.node = node
        self.entries: dict[str, tuple[Any, Any]] = {}
        for key, value in node.value:
            name = _text(key) if _is_scalar(key) else None
            if name is not None:  # a complex or null key is nothing the standard names
                self.entries[name] = (key, value)

    def key(self, name: str) -> Any:
        entry = self.entries.get(name)
        return entry[0] if entry is not None else None

    def value(self, name: str) -> Any:
        entry = self.entries.get(name)
        return entry[1] if entry is not None else None

    def has(self, name: str) -> bool:
        """Is there a value under ``name`` (a null is none)?"""
        value = self.value(name)
        return value is not None and not (_is_scalar(value) and value.tag == _NULL)

    def mapping(self, name: str, problems: _Problems) -> _Mapping | None:
        """The mapping under ``name`` (``None`` when absent; of another kind, a problem too)."""
        if not self.has(name):
            return None
        value = self.value(name)
        if not _is_mapping(value):
            problems.missing(name, _line(value))
            return None
        return _Mapping(value)


class _Problems:
    """What the file lacks or gets wrong, each as (message, line), in the order found."""

    def __init__(self) -> None:
        self.found: list[tuple[Message, int | None]] = []

    def missing(self, key: str, line: int | None) -> None:
        self.found.append((Message("publiccode.missing-key", key=key), line))

    def bad_value(self, key: str, value: str, allowed: tuple[str, ...], line: int | None) -> None:
        message = Message("publiccode.bad-value", key=key, value=value, allowed=", ".join(allowed))
        self.found.append((message, line))

    def add(self, message: Message, line: int | None) -> None:
        self.found.append((message, line))


def _minor(written: str | None) -> int | None:
    m = _VERSION.fullmatch(written.strip()) if written is not None else None
    if m is None or int(m.group(1)) not in _MINORS:
        return None
    return int(m.group(1))


# --- what the standard requires ----------------------------------------------------------------


def _check_keys(doc: _Mapping, minor: int, problems: _Problems) -> None:
    """The keys the version makes mandatory, and the enumerated values (legal: see _license)."""
    top = _line(doc.node)
    required = ["name", "url", "platforms", "developmentStatus", "softwareType", "description"]
    if minor <= 3:
        required += ["releaseDate", "categories"]  # optional from 0.4 on
    for key in required:
        if not doc.has(key):
            problems.missing(key, _line(doc.key(key)) or top)
    for key in ("name", "url", "releaseDate"):
        _scalar(doc, key, key, problems)
    _platforms(doc, problems)
    _enumerated(doc, "developmentStatus", "developmentStatus", _DEVELOPMENT_STATUS, problems)
    _enumerated(doc, "softwareType", "softwareType", _SOFTWARE_TYPES, problems)
    _description(doc, minor, problems)
    _maintenance(doc, problems)
    _localisation(doc, problems)
    organisation = doc.mapping("organisation", problems)
    if organisation is not None and minor >= 5 and _text(organisation.value("uri")) is None:
        problems.missing("organisation.uri", _line(doc.key("organisation")))


def _scalar(doc: _Mapping, key: str, shown: str, problems: _Problems) -> str | None:
    """The text under ``key``; a list or a mapping there is no text (the key counts as missing)."""
    if not doc.has(key):
        return None
    value = doc.value(key)
    if not _is_scalar(value):
        problems.missing(shown, _line(value))
        return None
    return _text(value)


def _enumerated(
    doc: _Mapping, key: str, shown: str, allowed: tuple[str, ...], problems: _Problems
) -> str | None:
    value = _scalar(doc, key, shown, problems)
    if value is not None and value not in allowed:
        problems.bad_value(shown, value, allowed, _line(doc.value(key)))
    return value


def _platforms(doc: _Mapping, problems: _Problems) -> None:
    """A string or a list of strings (values other than web, windows, ... are allowed)."""
    value = doc.value("platforms")
    if value is not None and not _is_scalar(value) and not _is_sequence(value):
        problems.missing("platforms", _line(value))


def _description(doc: _Mapping, minor: int, problems: _Problems) -> None:
    """At least one language; shortDescription in each (genericName too in 0.2); longDescription
    and features in at least one."""
    description = doc.mapping("description", problems)
    if description is None:
        return
    line = _line(doc.key("description"))
    if not description.entries:
        problems.missing("description.<lang>", line)
        return
    long_in_one = features_in_one = False
    for lang, (key, value) in description.entries.items():
        shown = f"description.{lang}"
        if not _is_mapping(value):
            problems.missing(f"{shown}.shortDescription", _line(key))
            continue
        texts = _Mapping(value)
        for name in ["shortDescription"] + (["genericName"] if minor == 2 else []):
            if _scalar(texts, name, f"{shown}.{name}", problems) is None and not texts.has(name):
                problems.missing(f"{shown}.{name}", _line(key))
        long_in_one |= _scalar(texts, "longDescription", f"{shown}.longDescription", problems) is not None
        features_in_one |= texts.has("features") and _is_sequence(texts.value("features"))
    if not long_in_one:
        problems.missing("description.<lang>.longDescription", line)
    if not features_in_one:
        problems.missing("description.<lang>.features", line)


def _maintenance(doc: _Mapping, problems: _Problems) -> None:
    maintenance = doc.mapping("maintenance", problems)
    if maintenance is None:
        problems.missing("maintenance.type", _line(doc.key("maintenance")) or _line(doc.node))
        return
    if not maintenance.has("type"):
        problems.missing("maintenance.type", _line(doc.key("maintenance")))
    _enumerated(maintenance, "type", "maintenance.type", _MAINTENANCE_TYPES, problems)


def _localisation(doc: _Mapping, problems: _Problems) -> None:
    localisation = doc.mapping("localisation", problems)
    line = _line(doc.key("localisation")) or _line(doc.node)
    if localisation is None:
        problems.missing("localisation.localisationReady", line)
        problems.missing("localisation.availableLanguages", line)
        return
    ready = localisation.value("localisationReady")
    if not localisation.has("localisationReady"):
        problems.missing("localisation.localisationReady", line)
    elif not _is_scalar(ready) or ready.tag != _BOOL:
        shown = _text(ready) if _is_scalar(ready) else _kind(ready)
        problems.bad_value("localisation.localisationReady", shown or "", ("true", "false"), _line(ready))
    languages = localisation.value("availableLanguages")
    if not localisation.has("availableLanguages") or not _is_sequence(languages):
        problems.missing("localisation.availableLanguages", _line(languages) or line)


def _license(doc: _Mapping, legal: _Mapping | None, problems: _Problems) -> str | None:
    """``legal.license`` as written when it is an SPDX expression; else a problem and ``None``."""
    from osscheck.licenses.expression import try_parse

    written = _text(legal.value("license")) if legal is not None else None
    if legal is None or written is None or not written.strip():
        where = legal.key("license") if legal is not None else None
        problems.missing("legal.license", _line(where) or _line(doc.key("legal")) or _line(doc.node))
        return None
    line = _line(legal.key("license"))
    parsed = try_parse(written)
    if parsed is None or parsed.expression is None:  # not an expression; or NOASSERTION, NONE
        problems.add(Message("publiccode.license-not-spdx", license=written), line)
        return None
    if any(not s.startswith("LicenseRef-") for s in parsed.unknown):
        # an id the SPDX list does not have: the standard asks for SPDX; still what the project says
        problems.add(Message("publiccode.license-not-spdx", license=written), line)
    return written


# --- dependsOn ---------------------------------------------------------------------------------


def _dependencies(depends: _Mapping, kind: str, shown: str, problems: _Problems) -> list[Component]:
    value = depends.value(kind)
    if not depends.has(kind):
        return []
    if not _is_sequence(value):
        problems.missing(f"dependsOn.{kind}", _line(value))
        return []
    out: list[Component] = []
    for item in value.value:
        entry = _Mapping(item) if _is_mapping(item) else None
        name = _text(entry.value("name")) if entry is not None else None
        if entry is None or name is None or not name.strip():
            problems.add(Message("publiccode.dependency-without-name", kind=kind), _line(item))
            continue
        out.append(
            Component(
                name=name.strip(),
                version=_version(entry),
                scope=Scope.RUNTIME,  # "optional" or not, a system the software runs with when used
                declared=[Declaration(PROPRIETARY, "expression")] if kind == "proprietary" else [],
                location=Location(shown, _line(item)),
                extra={SYSTEM_DEPENDENCY: kind},
            )
        )
    return out


def _version(entry: _Mapping) -> str | None:
    """``version``, else the range of versionMin and versionMax ("2014 - 2022", "14 -")."""
    version = _text(entry.value("version"))
    if version:
        return version
    low, high = _text(entry.value("versionMin")), _text(entry.value("versionMax"))
    if not low and not high:
        return None
    return f"{low or ''} - {high or ''}".strip()


# --- findings ----------------------------------------------------------------------------------


def publiccode_findings(inputs: list[InputFile]) -> list[Finding]:
    """A ``publiccode-invalid`` finding for each problem of each publiccode.yml among ``inputs``."""
    from osscheck import rules  # lazy: start-up
    from osscheck.model import Finding

    out: list[Finding] = []
    for source in sorted(inputs, key=lambda i: i.path):
        problems = source.project.extra.get(PROBLEMS) if source.project is not None else None
        for message, line in problems or ():
            out.append(
                Finding(
                    "publiccode-invalid",
                    rules.severity("publiccode-invalid"),
                    Message("finding.publiccode-invalid", problem=message),
                    Message("rule.publiccode-invalid.hint"),
                    location=Location(source.path, line),
                )
            )
    return out

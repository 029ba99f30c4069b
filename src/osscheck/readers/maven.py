"""Java Maven: pom.xml.

The POM's ``<licenses>`` are the project's own licence; Maven documents several ``<license>``
entries as alternatives ("the user can select any of them"), so they are a choice (OR). Each entry
gives its ``<name>`` and ``<url>`` as declarations for the normaliser. The ``<dependencies>``
(also those of ``<profiles>``, which are optional since a profile may stay inactive) carry no
licences. ``${property}`` references are resolved from ``<properties>`` and the project's own
coordinates; a version left to ``<dependencyManagement>`` is taken from there.
``<dependencyManagement>`` and plugin dependencies are not components: they do not ship.

XML is read with defusedxml: a document that declares entities (billion laughs, external
entities) is refused. Properties are the same danger one level up (each may refer to others
several times), so their expansion is bounded like an entity's: at most ``MAX_DEPTH`` levels of
references (a circle never ends) and ``MAX_EXPANDED`` characters; a POM beyond either is refused.
"""

from __future__ import annotations

import io
import re
import xml.sax
import xml.sax.handler
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers import _purl

ResolveFn = Callable[[str | None, int], str | None]  # a value and the line it is written on
_PROPERTY = re.compile(r"\$\{([^}]+)\}")
#: levels of ``${...}`` within ``${...}``; Maven projects use two or three
MAX_DEPTH = 10
#: characters of one expanded value (a version, a name, a URL)
MAX_EXPANDED = 10_000
_SCOPES = {
    "compile": Scope.RUNTIME,
    "runtime": Scope.RUNTIME,
    "test": Scope.DEV,
    "provided": Scope.OPTIONAL,  # the container or JDK supplies it at run time
    "system": Scope.OPTIONAL,  # a jar on the system, not shipped with the project
}


@dataclass
class Element:
    tag: str
    line: int
    children: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()

    def child(self, tag: str) -> Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[Element]:
        return [c for c in self.children if c.tag == tag]

    def value(self, tag: str) -> str | None:
        found = self.child(tag)
        return found.text if found is not None and found.text else None


class _TreeBuilder(xml.sax.handler.ContentHandler):
    """A small element tree with line numbers (ElementTree keeps none), built without recursion."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[Element] = []
        self.root: Element | None = None
        self._locator: xml.sax.xmlreader.Locator | None = None

    def setDocumentLocator(self, locator: xml.sax.xmlreader.Locator) -> None:
        self._locator = locator

    def startElementNS(self, name: tuple[str | None, str], qname: str | None, attrs: object) -> None:
        line = (self._locator.getLineNumber() or 0) if self._locator is not None else 0
        element = Element(name[1], line)
        if self.stack:
            self.stack[-1].children.append(element)
        elif self.root is None:
            self.root = element
        self.stack.append(element)

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].parts.append(content)


def parse(path: Path, data: bytes) -> Element:
    """Parse XML safely into an :class:`Element` tree; every failure is one :class:`InputError`."""
    from defusedxml import DefusedXmlException  # lazy: start-up
    from defusedxml.sax import make_parser  # lazy: start-up

    if not data.strip():
        raise InputError(Message("input.empty-file"), path)
    builder = _TreeBuilder()
    parser = make_parser()
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setContentHandler(builder)
    source = xml.sax.xmlreader.InputSource()
    source.setByteStream(io.BytesIO(data))
    try:
        parser.parse(source)
    except xml.sax.SAXParseException as exc:
        message = Message("input.invalid-xml", problem=exc.getMessage())
        raise InputError(message, path, exc.getLineNumber()) from None
    except DefusedXmlException as exc:
        problem = Message("input.xml-entities-kind", kind=type(exc).__name__)
        raise InputError(Message("input.refused", problem=problem), path) from None
    if builder.root is None:
        raise InputError(Message("input.invalid-xml", problem=Message("input.no-root-element")), path)
    return builder.root


def read(path: Path, data: bytes) -> InputFile:
    root = parse(path, data)
    if root.tag != "project":
        raise InputError(Message("input.not-maven-pom", root=root.tag), path, root.line)
    shown = str(path)
    chain = [(root, shown), *_parents(path, root)]
    resolve = _resolver(_properties(root, [element for element, _ in chain]), shown)

    result = InputFile(path=shown, format="maven-pom")
    result.project = _project(root, chain, resolve)
    managed: dict[tuple[str, str], Element] = {}
    for element, _ in chain:  # the child's management wins over its parents'
        for key, entry in _managed(element, resolve).items():
            managed.setdefault(key, entry)
    seen: set[str] = set()
    blocks: list[tuple[Element, bool]] = [(b, False) for b in root.all("dependencies")]
    for profiles in root.all("profiles"):
        for profile in profiles.all("profile"):
            blocks.extend((b, True) for b in profile.all("dependencies"))
    for block, in_profile in blocks:
        for dependency in block.all("dependency"):
            component = _component(dependency, resolve, managed, in_profile, shown)
            if component.key in seen:
                continue
            seen.add(component.key)
            result.components.append(component)
    return result


def _resolver(properties: dict[str, str], shown: str) -> ResolveFn:
    """``${name}`` references replaced from ``properties`` (unknown ones stay as written), bounded."""
    expanded: dict[str, tuple[str, int]] = {}  # each property is expanded once: no blow-up by repetition

    def too_deep(line: int) -> InputError:
        message = Message("input.properties-too-deep", depth=MAX_DEPTH)
        return InputError(message, shown, line)

    def expand(value: str, line: int, depth: int) -> tuple[str, int]:
        """The expanded text and how many levels of references it took."""
        if "${" not in value:
            return value, 0
        if depth >= MAX_DEPTH:
            raise too_deep(line)
        parts: list[str] = []
        size = levels = start = 0
        for match in _PROPERTY.finditer(value):
            name = match.group(1).strip()
            part, below = match.group(0), 0
            if name in properties:
                if name not in expanded:
                    expanded[name] = expand(properties[name], line, depth + 1)
                part, below = expanded[name]
                if depth + 1 + below > MAX_DEPTH:  # expanded earlier, nearer the top
                    raise too_deep(line)
            parts += [value[start : match.start()], part]
            size += match.start() - start + len(part)
            levels, start = max(levels, below + 1), match.end()
            if size > MAX_EXPANDED:
                raise InputError(Message("input.properties-too-long", size=MAX_EXPANDED), shown, line)
        parts.append(value[start:])
        return "".join(parts), levels

    def resolve(value: str | None, line: int) -> str | None:
        return None if value is None else expand(value, line, 0)[0]

    return resolve


def _parents(path: Path, root: Element) -> list[tuple[Element, str]]:
    """The parent POMs found locally (``<relativePath>``, by default ../pom.xml), nearest first.

    Maven inherits licences, properties and dependency management from them. A parent that is not
    on disk, or whose coordinates do not match, is left out: it lives in a repository.
    """
    chain: list[tuple[Element, str]] = []
    current, where = root, path.resolve()
    seen = {where}
    for _ in range(10):
        parent = current.child("parent")
        if parent is None:
            break
        relative = parent.child("relativePath")
        if relative is not None and not relative.text:
            break  # an empty relativePath: look the parent up in a repository only
        candidate = where.parent / (relative.text if relative is not None else "../pom.xml")
        if candidate.is_dir():
            candidate = candidate / "pom.xml"
        candidate = candidate.resolve()
        if candidate in seen or not candidate.is_file():
            break
        seen.add(candidate)
        try:
            element = parse(candidate, candidate.read_bytes())
        except (OSError, InputError):
            break  # the parent's own problem is reported when it is read itself
        if element.value("artifactId") != parent.value("artifactId"):
            break
        chain.append((element, str(candidate)))
        current, where = element, candidate
    return chain


def _properties(root: Element, chain: list[Element]) -> dict[str, str]:
    parent = root.child("parent")
    coordinates = {
        "groupId": root.value("groupId") or (parent.value("groupId") if parent else None),
        "artifactId": root.value("artifactId"),
        "version": root.value("version") or (parent.value("version") if parent else None),
        "name": root.value("name"),
        "packaging": root.value("packaging") or "jar",
    }
    properties: dict[str, str] = {}
    for element in reversed(chain):  # a child's property overrides its parent's
        for block in element.all("properties"):
            for prop in block.children:
                properties[prop.tag] = prop.text
    for key, value in coordinates.items():
        if value is not None:
            # project.x is current; pom.x and bare x are the deprecated spellings Maven still accepts
            properties[f"project.{key}"] = properties[f"pom.{key}"] = value
            properties.setdefault(key, value)
    if parent is not None:
        for key in ("groupId", "artifactId", "version"):
            value = parent.value(key)
            if value is not None:
                properties[f"project.parent.{key}"] = properties[f"parent.{key}"] = value
    return properties


def _project(root: Element, chain: list[tuple[Element, str]], resolve: ResolveFn) -> Project:
    parent = root.child("parent")
    # licences are inherited: the nearest POM that declares any
    owner, where = next(((e, w) for e, w in chain if e.all("licenses")), chain[0])
    declared: list[Declaration] = []
    licenses_line = None
    count = 0
    for block in owner.all("licenses"):
        licenses_line = licenses_line or block.line
        for entry in block.all("license"):
            count += 1
            # a name broken over lines in the XML is one name
            name, url = resolve(entry.value("name"), entry.line), resolve(entry.value("url"), entry.line)
            name = " ".join(name.split()) if name else None
            if name:
                declared.append(Declaration(name, "name"))
            if url:
                declared.append(Declaration(url, "url"))
    version = root.value("version") or (parent.value("version") if parent else None)
    project = Project(
        resolve(root.value("artifactId"), root.line),
        resolve(version, root.line),
        declared,
        Location(where, licenses_line or owner.line),
    )
    project.extra["choice"] = count > 1
    return project


def _managed(root: Element, resolve: ResolveFn) -> dict[tuple[str, str], Element]:
    """``<dependencyManagement>`` entries by (groupId, artifactId): versions and scopes to fill in."""
    managed: dict[tuple[str, str], Element] = {}
    for management in root.all("dependencyManagement"):
        for block in management.all("dependencies"):
            for dependency in block.all("dependency"):
                group = resolve(dependency.value("groupId"), dependency.line)
                artifact = resolve(dependency.value("artifactId"), dependency.line)
                if group and artifact:
                    managed.setdefault((group, artifact), dependency)
    return managed


def _component(
    dependency: Element,
    resolve: ResolveFn,
    managed: dict[tuple[str, str], Element],
    in_profile: bool,
    shown: str,
) -> Component:
    line = dependency.line
    group = resolve(dependency.value("groupId"), line)
    artifact = resolve(dependency.value("artifactId"), line) or "(no artifactId)"
    management = managed.get((group or "", artifact))
    version = resolve(
        dependency.value("version") or (management.value("version") if management else None), line
    )
    requirement = None
    if version and (version[:1] in "[(" or "${" in version):
        # a version range, or a property defined elsewhere: which version is used is not known here
        requirement, version = version, None
    scope_name = resolve(
        dependency.value("scope") or (management.value("scope") if management else None), line
    )
    scope_name = (scope_name or "compile").lower()
    scope = _SCOPES.get(scope_name, Scope.RUNTIME)
    if scope is Scope.RUNTIME and (
        in_profile or (resolve(dependency.value("optional"), line) or "").lower() == "true"
    ):
        scope = Scope.OPTIONAL
    qualifiers = []
    classifier = resolve(dependency.value("classifier"), line)
    kind = resolve(dependency.value("type"), line)
    if classifier:
        qualifiers.append(f"classifier={quote(classifier, safe='')}")
    if kind and kind != "jar":
        qualifiers.append(f"type={quote(kind, safe='')}")
    purl = _purl.purl("maven", artifact, version, group)
    if qualifiers:
        purl += "?" + "&".join(qualifiers)
    component = Component(
        name=f"{group}:{artifact}" if group else artifact,
        version=version,
        purl=purl,
        scope=scope,
        location=Location(shown, dependency.line),
    )
    if requirement:
        component.extra["requirement"] = requirement
    return component

"""CycloneDX XML, spec 1.2 to 1.6: components (nested too), their licences, and the line of each.

The XML is parsed by defusedxml (expat underneath): entity declarations and external references
are refused, so "billion laughs" and XXE inputs end as one InputError. A small tree of our own
keeps the line where each element starts, read from the expat parser while it reads, which stays
linear in time. ``<licenses>`` are converted to the JSON shape and read by the JSON reader's code,
so both encodings give the same declarations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Component, InputFile, Location, Project, Scope
from osscheck.readers.cyclonedx_json import SCOPES, is_development, read_evidence, read_licenses, with_group

NAMESPACE_PREFIX = "http://cyclonedx.org/schema/bom/"


class Node:
    """One XML element: local name (foreign namespaces keep ``{ns}``), attributes, text, line."""

    __slots__ = ("attrib", "children", "line", "parts", "tag")

    def __init__(self, tag: str, attrib: dict[str, str], line: int) -> None:
        self.tag = tag
        self.attrib = attrib
        self.line = line
        self.children: list[Node] = []
        self.parts: str | list[str] = ""  # one string while the text comes in one piece

    def add_text(self, data: str) -> None:
        if isinstance(self.parts, str):
            self.parts = [self.parts, data] if self.parts else data
        else:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return (self.parts if isinstance(self.parts, str) else "".join(self.parts)).strip()

    def child(self, tag: str) -> Node | None:
        for c in self.children:
            if c.tag == tag:
                return c
        return None

    def all(self, tag: str) -> list[Node]:
        return [c for c in self.children if c.tag == tag]

    def value(self, tag: str) -> str | None:
        c = self.child(tag)
        return (c.text or None) if c is not None else None


_NO_ATTRIBUTES: dict[str, str] = {}

# parts of a BOM that say nothing about components' licences or scopes: not kept, which saves most
# of the memory a large SBOM would need (hashes and references outnumber everything else)
_SKIPPED = frozenset(
    {
        "externalReferences",
        "hashes",
        "description",
        "pedigree",
        "swid",
        "releaseNotes",
        "modelCard",
        "data",
        "cryptoProperties",
        "services",
        "dependencies",
        "compositions",
        "vulnerabilities",
        "annotations",
        "formulation",
        "definitions",
        "declarations",
        "tools",
    }
)
# of a component's <evidence>, only the licences found in its files are kept
_EVIDENCE_KEPT = "licenses"


class _TreeBuilder:
    """Target for the defused parser: builds Nodes and asks expat for the line of each start tag."""

    def __init__(self, on_component: Callable[[Node], None] | None = None) -> None:
        self.parser: Any = None  # the defused XMLParser, set once it exists
        self.on_component = on_component
        self.namespace: str | None = None
        self.stack: list[Node] = []
        self.root: Node | None = None
        self.skipping = 0  # depth inside a skipped element

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.skipping:
            self.skipping += 1
            return
        ns, local = _split(tag)
        if self.namespace is None:
            self.namespace = ns
        elif ns == self.namespace and (
            local in _SKIPPED or (local != _EVIDENCE_KEPT and self.stack and self.stack[-1].tag == "evidence")
        ):
            self.skipping = 1
            return
        node = Node(
            local if ns == self.namespace else tag,
            attrib or _NO_ATTRIBUTES,  # a fresh dict per element from the parser; most are empty
            self.parser.parser.CurrentLineNumber,
        )
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def end(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        node = self.stack.pop()
        stack = self.stack
        if (
            self.on_component is not None
            and node.tag == "component"
            and len(stack) == 2
            and stack[1].tag == "components"
        ):
            # a whole top-level component is read: hand it on and forget it, so the tree of a
            # large SBOM is never held at once
            stack[1].children.pop()
            self.on_component(node)

    def data(self, data: str) -> None:
        if self.stack and not self.skipping:
            self.stack[-1].add_text(data)

    def close(self) -> Node | None:
        return self.root


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


_POSITION = re.compile(r":\s*line \d+, column \d+$")


def parse(path: Path, data: bytes, on_component: Callable[[Node], None] | None = None) -> tuple[Node, str]:
    """The document's root element and its namespace; every failure is one :class:`InputError`.

    ``on_component`` receives each ``bom/components/component`` (with what it nests) as soon as
    it is read, and the element is then left out of the tree.
    """
    from defusedxml import DefusedXmlException  # lazy: start-up
    from defusedxml.ElementTree import DefusedXMLParser, ParseError  # lazy: start-up

    if not data.strip():
        raise InputError(Message("input.empty-file"), path)
    builder = _TreeBuilder(on_component)
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        problem = _POSITION.sub("", str(exc))
        raise InputError(Message("input.not-well-formed-xml", problem=problem), path, line) from None
    except DefusedXmlException as exc:
        expat = getattr(parser, "parser", None)  # gone once the parser is closed
        line = expat.CurrentLineNumber if expat is not None else None
        raise InputError(Message("input.refused", problem=_refusal(exc)), path, line) from None
    if root is None:
        raise InputError(Message("input.no-xml-element"), path)
    return root, builder.namespace or ""


def _refusal(exc: Exception) -> Message | str:
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden  # lazy: start-up

    if isinstance(exc, EntitiesForbidden):
        return Message("input.xml-entities")
    if isinstance(exc, ExternalReferenceForbidden):
        return Message("input.xml-external")
    if isinstance(exc, DTDForbidden):
        return Message("input.xml-doctype")
    return str(exc)  # defusedxml's own words


def read(path: Path, data: bytes) -> InputFile:
    shown = str(path)
    streamed: list[Component] = []

    def on_component(node: Node) -> None:
        streamed.append(component_from(node, shown))
        streamed.extend(component_from(n, shown) for n in _components(node))

    root, namespace = parse(path, data, on_component)
    # a <bom> without namespace is read too: nothing else is called that
    if root.tag != "bom" or not (namespace.startswith(NAMESPACE_PREFIX) or namespace == ""):
        args = {"root": _split(root.tag)[1], "expected": f"{NAMESPACE_PREFIX}1.x"}
        if namespace:
            message = Message("input.not-cyclonedx-xml-namespace", namespace=namespace, **args)
        else:
            message = Message("input.not-cyclonedx-xml", **args)
        raise InputError(message, path)
    result = InputFile(path=shown, format="cyclonedx-xml")
    metadata = root.child("metadata")
    meta = metadata.child("component") if metadata is not None else None
    if meta is not None:
        result.project = Project(
            name=meta.value("name"),
            version=meta.value("version"),
            declared=read_licenses(licenses_as_json(meta.child("licenses"))).outbound(),
            location=Location(shown, meta.line),
        )
    # a component listed twice is kept twice: merge.merge combines the two, or reports their conflict
    result.components.extend([*streamed, *(component_from(raw, shown) for raw in _components(root))])
    return result


def _components(root: Node) -> list[Node]:
    """``components/component`` depth-first in document order, nested ones included."""
    out: list[Node] = []
    stack = [iter(_children_components(root))]
    while stack:
        for node in stack[-1]:
            out.append(node)
            stack.append(iter(_children_components(node)))
            break
        else:
            stack.pop()
    return out


def _children_components(node: Node) -> list[Node]:
    return [c for group in node.all("components") for c in group.all("component")]


def component_from(node: Node, shown: str) -> Component:
    name = node.value("name") or node.attrib.get("bom-ref") or "(unnamed)"
    component = Component(
        name=name,
        version=node.value("version"),
        purl=node.value("purl"),
        scope=SCOPES.get(node.value("scope") or ""),
        location=Location(shown, node.line),
    )
    properties = node.child("properties")
    if component.scope is None and properties is not None:
        listed = [{"name": p.attrib.get("name"), "value": p.text} for p in properties.all("property")]
        if is_development(listed):
            component.scope = Scope.DEV
    read_licenses(licenses_as_json(node.child("licenses"))).apply(component)
    evidence = node.child("evidence")
    if evidence is not None:
        read_evidence({"licenses": licenses_as_json(evidence.child("licenses"))}, component)
    if group := node.value("group"):
        component.extra["group"] = group
        component.name = with_group(name, group, component.purl)
    if copyright_ := node.value("copyright"):
        component.extra["copyrights"] = [copyright_]
    return component


def licenses_as_json(licenses: Node | None) -> list[dict[str, Any]]:
    """``<licenses>`` in the shape of CycloneDX JSON ``licenses[]``."""
    if licenses is None:
        return []
    out: list[dict[str, Any]] = []
    for entry in licenses.children:
        if entry.tag == "expression":
            expression = _collapsed(entry.text)
            out.append({"expression": expression, "acknowledgement": entry.attrib.get("acknowledgement")})
        elif entry.tag == "license":
            lic: dict[str, Any] = {
                "id": _collapsed(entry.value("id")),
                "name": _collapsed(entry.value("name")),
                "url": _collapsed(entry.value("url")),
                "acknowledgement": entry.attrib.get("acknowledgement"),
            }
            text = entry.child("text")
            if text is not None:
                lic["text"] = {
                    "content": text.text,
                    "encoding": text.attrib.get("encoding"),
                    "contentType": text.attrib.get("content-type"),
                }
            licensing = entry.child("licensing")
            if licensing is not None:
                lic["licensing"] = _licensing_as_json(licensing)
            out.append({"license": lic})
    return out


def _collapsed(value: str | None) -> str | None:
    """White space collapsed: a pretty-printed SBOM wraps a long licence name over lines."""
    return " ".join(value.split()) if value is not None else None


def _licensing_as_json(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("licensor", "licensee", "purchaser"):
        party = node.child(key)
        if party is None:
            continue
        for kind in ("organization", "individual"):
            who = party.child(kind)
            if who is not None:
                out[key] = {kind: {"name": who.value("name")}}
                break
    for key in ("purchaseOrder", "lastRenewal", "expiration"):
        out[key] = node.value(key)
    ids = node.child("altIds")
    if ids is not None:
        out["altIds"] = [c.text for c in ids.all("altId")]
    types = node.child("licenseTypes")
    if types is not None:
        out["licenseTypes"] = [c.text for c in types.all("licenseType")]
    return out

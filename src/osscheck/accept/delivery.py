"""A delivered SBOM, read twice: by its osscheck reader (components and licences, for the verdict)
and as a whole tree (every field, for the completeness check), with where each component is.

The file is read by the reader its content fits; what it cannot read is one :class:`InputError`
(exit 2). Anything it reads gets a record, whatever format it turns out to be.
"""

from __future__ import annotations

import re
from pathlib import Path

from osscheck.errors import InputError, UsageError
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from osscheck.accept.probe import Graph
    from osscheck.model import InputFile

_SPDX2_VERSION = re.compile(rb"(?i)spdxversion\"?\s*[:=]?\s*\"?SPDX-(\d+(?:\.\d+)*)")
_CDX_NAMESPACE = "http://cyclonedx.org/schema/bom/"
_SPDX3_CONTEXT = re.compile(r"spdx\.org/rdf/(\d+(?:\.\d+)*)/")
_PACKAGES = {"Package", "AIPackage", "DatasetPackage"}


class Entry:
    """One component of the delivery as the tree holds it, and where it is."""

    __slots__ = ("line", "name", "node", "pointer", "version")

    def __init__(self, node: Any, pointer: str, line: int | None, name: str | None, version: str | None):
        self.node = node
        self.pointer = (
            pointer  # JSON pointer (RFC 6901); for XML an XPath such as /bom/components/component[3]
        )
        self.line = line
        self.name = name
        self.version = version


class Delivery:
    """What ``accept`` knows of the delivered file."""

    def __init__(self, path: str, source: InputFile) -> None:
        self.path = path
        self.source = source
        self.digest: str | None = source.digest
        self.encoding = source.format  # the reader's format: cyclonedx-json, spdx-json, ...
        self.family: str | None = None  # cyclonedx | spdx | None (not an SBOM)
        self.version: str | None = None
        self.version_line: int | None = None  # where the format version is written, for the fix
        self.root: Any = None
        self.document: Any = None  # where the document's fields start
        self.graph: Graph | None = None
        self.components: list[Entry] = []
        self.supplier: str | None = None
        self.size = 0

    @property
    def component_count(self) -> int:
        """The components the tree holds (the primary one too), else those the reader found."""
        return len(self.components) if self.root is not None else len(self.source.components)


def read_delivery(path: str | Path) -> Delivery:
    """Read ``path``; :class:`InputError` (exit 2) when it cannot be read as any known format."""
    from osscheck import readers
    from osscheck.readers._source import read_regular

    given = Path(path)
    if given.is_dir():
        raise UsageError(Message("accept.not-a-file"), given)
    targets, problems = readers.discover([given])
    if problems:
        raise problems[0]
    source = readers.read(targets[0])
    delivery = Delivery(str(given), source)
    data = read_regular(given)
    delivery.size = len(data)
    try:
        _tree(delivery, given, data)
    except InputError:
        raise
    except (ValueError, TypeError, AttributeError, KeyError) as exc:  # the reader took it; the tree not
        raise InputError(
            Message("accept.cannot-read-tree", problem=f"{type(exc).__name__}: {exc}"), given
        ) from None
    return delivery


def _tree(delivery: Delivery, path: Path, data: bytes) -> None:
    encoding = delivery.encoding
    if encoding == "cyclonedx-json":
        _cyclonedx_json(delivery, path, data)
    elif encoding == "cyclonedx-xml":
        _cyclonedx_xml(delivery, path, data)
    elif encoding == "spdx3-jsonld":
        _spdx3(delivery, path, data)
    elif encoding.startswith("spdx"):
        delivery.family = "spdx"
        found = _SPDX2_VERSION.search(data[: 1024 * 1024])
        delivery.version = found.group(1).decode() if found else None
        delivery.version_line = data.count(b"\n", 0, found.start()) + 1 if found else None
    if delivery.version_line is None and encoding in _VERSION_KEYS:
        delivery.version_line = _first_line(data, _VERSION_KEYS[encoding])


# the key or attribute that carries the format version, by the reader's format
_VERSION_KEYS = {
    "cyclonedx-json": re.compile(rb'"specVersion"\s*:'),
    "cyclonedx-xml": re.compile(rb"<(?:\w+:)?bom\b"),
    "spdx3-jsonld": re.compile(rb'"specVersion"\s*:'),
}


def _first_line(data: bytes, pattern: re.Pattern[bytes]) -> int | None:
    found = pattern.search(data[: 1024 * 1024])
    return data.count(b"\n", 0, found.start()) + 1 if found else None


# --- CycloneDX JSON ------------------------------------------------------------------------------


def _cyclonedx_json(delivery: Delivery, path: Path, data: bytes) -> None:
    from osscheck.readers._json_lines import key_lines
    from osscheck.readers._source import decode, load_json

    text = decode(path, data)
    doc = load_json(path, text)
    lines = key_lines(text, "bom-ref")
    delivery.family = "cyclonedx"
    delivery.version = str(doc.get("specVersion")) if doc.get("specVersion") is not None else None
    delivery.root = delivery.document = doc
    metadata = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}
    meta = metadata.get("component")
    if isinstance(meta, dict):
        delivery.components.append(_json_entry(meta, "/metadata/component", lines))
    _json_components(doc.get("components"), "/components", lines, delivery.components)
    delivery.supplier = _first_name(metadata, ("manufacturer", "supplier", "manufacture", "authors"))


def _json_components(raw: Any, pointer: str, lines: dict[str, int], into: list[Entry]) -> None:
    if not isinstance(raw, list):
        return
    for i, c in enumerate(raw):
        if isinstance(c, dict):
            into.append(_json_entry(c, f"{pointer}/{i}", lines))
            _json_components(c.get("components"), f"{pointer}/{i}/components", lines, into)


def _json_entry(c: dict[str, Any], pointer: str, lines: dict[str, int]) -> Entry:
    ref = c.get("bom-ref")
    return Entry(
        c,
        pointer,
        lines.get(ref) if isinstance(ref, str) else None,
        _text(c.get("name")),
        _text(c.get("version")),
    )


def _first_name(metadata: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = metadata.get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and _text(item.get("name")):
                return _text(item.get("name"))
    return None


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


# --- CycloneDX XML -------------------------------------------------------------------------------


def _cyclonedx_xml(delivery: Delivery, path: Path, data: bytes) -> None:
    root, namespace = _parse_xml(path, data)
    delivery.family = "cyclonedx"
    if namespace.startswith(_CDX_NAMESPACE):
        delivery.version = namespace[len(_CDX_NAMESPACE) :] or None
    delivery.root = delivery.document = root
    metadata = root.child("metadata")
    meta = metadata.child("component") if metadata is not None else None
    if meta is not None:
        delivery.components.append(_xml_entry(meta, "/bom/metadata/component"))
    components = root.child("components")
    if components is not None:
        _xml_components(components, "/bom/components", delivery.components)
    if metadata is not None:
        for key in ("manufacturer", "supplier", "manufacture"):
            node = metadata.child(key)
            if node is not None and node.value("name"):
                delivery.supplier = node.value("name")
                break


def _xml_components(parent: Any, pointer: str, into: list[Entry]) -> None:
    for i, node in enumerate(parent.all("component"), 1):
        here = f"{pointer}/component[{i}]"
        into.append(_xml_entry(node, here))
        nested = node.child("components")
        if nested is not None:
            _xml_components(nested, f"{here}/components", into)


def _xml_entry(node: Any, pointer: str) -> Entry:
    return Entry(node, pointer, node.line, node.value("name"), node.value("version"))


def _parse_xml(path: Path, data: bytes) -> tuple[Any, str]:
    """The whole tree (the reader's keeps only what licences need). The reader has already read the
    file with the same defused parser, so refusals and syntax errors were reported there."""
    from defusedxml.ElementTree import DefusedXMLParser  # lazy: start-up

    from osscheck.readers.cyclonedx_xml import Node

    stack: list[Node] = []
    root: list[Node] = []
    namespace: list[str] = []

    class Builder:
        parser: Any = None

        def start(self, tag: str, attrib: dict[str, str]) -> None:
            ns, local = tag[1:].partition("}")[::2] if tag.startswith("{") else ("", tag)
            if not namespace:
                namespace.append(ns)
            node = Node(
                local if ns == namespace[0] else tag, dict(attrib), self.parser.parser.CurrentLineNumber
            )
            (stack[-1].children if stack else root).append(node)
            stack.append(node)

        def end(self, tag: str) -> None:
            stack.pop()

        def data(self, text: str) -> None:
            if stack:
                stack[-1].add_text(text)

        def close(self) -> None:
            return None

    builder = Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    parser.feed(data)
    parser.close()
    if not root:
        raise InputError(Message("input.no-xml-element"), path)
    return root[0], namespace[0] if namespace else ""


# --- SPDX 3 JSON-LD ------------------------------------------------------------------------------


def _spdx3(delivery: Delivery, path: Path, data: bytes) -> None:
    from osscheck.accept.probe import Graph
    from osscheck.readers._json_lines import key_lines
    from osscheck.readers._source import decode, load_json

    text = decode(path, data)
    doc = load_json(path, text)
    raw = doc.get("@graph") if isinstance(doc, dict) else doc
    graph_list = raw if isinstance(raw, list) else []
    elements = [_normalised(e) if isinstance(e, dict) else {} for e in graph_list]
    delivery.family = "spdx"
    delivery.root = {"graph": elements}
    delivery.graph = Graph(elements)
    lines = key_lines(text, "spdxId", "@id")
    documents = [e for e in elements if e.get("type") == "SpdxDocument"] or [
        e for e in elements if e.get("type") == "Sbom"
    ]
    delivery.document = documents[0] if documents else {}
    for i, e in enumerate(elements):
        if e.get("type") in _PACKAGES:
            ident = e.get("spdxId")
            line = lines.get(ident) if isinstance(ident, str) else None
            delivery.components.append(
                Entry(e, f"/@graph/{i}", line, _text(e.get("name")), _text(e.get("packageVersion")))
            )
    delivery.version = _spdx3_version(delivery, doc)
    creators = [
        delivery.graph.by_id.get(c) if isinstance(c, str) else c
        for info in _creation_infos(delivery)
        for c in _list(info.get("createdBy"))
    ]
    delivery.supplier = next(
        (_text(c.get("name")) for c in creators if isinstance(c, dict) and _text(c.get("name"))), None
    )


def _creation_infos(delivery: Delivery) -> list[dict[str, Any]]:
    info = delivery.document.get("creationInfo") if isinstance(delivery.document, dict) else None
    if isinstance(info, str) and delivery.graph is not None:
        info = delivery.graph.by_id.get(info)
    if isinstance(info, dict):
        return [info]
    return [e for e in delivery.root["graph"] if e.get("type") == "CreationInfo"][:1]


def _spdx3_version(delivery: Delivery, doc: Any) -> str | None:
    for info in _creation_infos(delivery):
        if _text(info.get("specVersion")):
            return _text(info.get("specVersion"))
    context = doc.get("@context") if isinstance(doc, dict) else None
    for item in _list(context):
        found = _SPDX3_CONTEXT.search(item) if isinstance(item, str) else None
        if found:
            return found.group(1)
    return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _normalised(value: Any) -> Any:
    """An SPDX 3 element with one spelling of its keys: ``software_packageVersion`` and
    ``software:packageVersion`` are ``packageVersion``, ``@id`` is ``spdxId``, ``@type`` is ``type``,
    and a type is its local name (``software_Package`` is ``Package``)."""
    from osscheck.readers.spdx3 import local

    if isinstance(value, list):
        return [_normalised(v) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        name = {"@id": "spdxId", "@type": "type"}.get(key) or (local(key) if isinstance(key, str) else key)
        if name == "type" and isinstance(item, str):
            out[name] = local(item)
        else:
            out.setdefault(name, _normalised(item))
    return out


def version_tuple(version: str | None) -> tuple[int, ...] | None:
    """``"1.6"`` -> ``(1, 6)``; ``None`` for what is no version number."""
    if not version or not re.fullmatch(r"\d+(?:\.\d+)*", version.strip()):
        return None
    parts = [int(p) for p in version.strip().split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)

"""Probes: where a profile's field is found in an SBOM, written as data (accept/profiles/*.toml).

A probe is one or more paths separated by ``|``; the field is present when any path reaches a value
that says something (a non-empty text, number, object or list). A path is a series of steps joined by
``.``, walked from the component (or the document) over every value the previous step reached, lists
flattened on the way:

``key``
    the key of an object (JSON), the child elements of that name (XML), or, with ``@``, an
    attribute (``@serialNumber``)
``key[name=value]``
    only the values whose ``name`` equals ``value`` (case does not matter); ``[name]``: those that
    have a ``name``; ``$key`` as the value is the component's own ``key`` (``[ref=$bom-ref]``)
``/`` at the start
    from the document's root instead of the component
``*key`` (SPDX 3)
    the elements the ids in ``key`` name (``*originatedBy``); an inline object is taken as it is
``^type`` / ``<type`` (SPDX 3)
    the relationships of that type from (``^``) or to (``<``) the element; ``.*to`` and ``.*from``
    lead on to their other ends

XML is read as :class:`osscheck.readers.cyclonedx_xml.Node` trees (their text is the value); SPDX 3
elements come with their keys in one spelling (``software_packageVersion`` is ``packageVersion``,
``@id`` is ``spdxId``), so a probe names each property once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from osscheck.readers.cyclonedx_xml import Node

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Any

_STEP = re.compile(r"^([*^<]?)(@?[^\[\]]+)((?:\[[^\]]*\])*)$")
_FILTER = re.compile(r"\[([^=\]]+)(?:=([^\]]*))?\]")


class Step:
    __slots__ = ("filters", "key", "kind")

    def __init__(self, kind: str, key: str, filters: tuple[tuple[str, str | None], ...]) -> None:
        self.kind = kind  # "" a key, "*" ids to elements, "^" relationships from, "<" relationships to
        self.key = key
        self.filters = filters


class Path:
    __slots__ = ("from_root", "steps")

    def __init__(self, from_root: bool, steps: tuple[Step, ...]) -> None:
        self.from_root = from_root
        self.steps = steps


class ProbeError(ValueError):
    """A probe that cannot be parsed (a profile's mistake, found when the profile is loaded)."""


@lru_cache(maxsize=256)
def parse(probe: str) -> tuple[Path, ...]:
    """The paths of ``probe``; :class:`ProbeError` when one is malformed."""
    paths = []
    for raw in probe.split("|"):
        text = raw.strip()
        from_root = text.startswith("/")
        text = text.lstrip("/")
        if not text:
            raise ProbeError(f"empty path in {probe!r}")
        steps = []
        for part in _split_steps(text):
            m = _STEP.match(part)
            if m is None:
                raise ProbeError(f"bad step {part!r} in {probe!r}")
            kind, key, filters = m.groups()
            # findall gives "" for a filter without "=": that is "has the key", not "equals nothing"
            found = tuple((k, v if "=" in whole else None) for whole, k, v in _filters(filters))
            steps.append(Step(kind, key, found))
        paths.append(Path(from_root, tuple(steps)))
    return tuple(paths)


def _filters(text: str) -> list[tuple[str, str, str]]:
    return [(m.group(0), m.group(1), m.group(2) or "") for m in _FILTER.finditer(text)]


def _split_steps(text: str) -> list[str]:
    """``a[x=1.2].b`` -> ``["a[x=1.2]", "b"]``: dots inside brackets belong to the filter."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == "." and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


class Graph:
    """The SPDX 3 elements by id, and the relationships from and to each (for ``*``, ``^``, ``<``)."""

    def __init__(self, elements: Sequence[dict[str, Any]]) -> None:
        self.by_id: dict[str, dict[str, Any]] = {}
        self.outgoing: dict[str, list[dict[str, Any]]] = {}
        self.incoming: dict[str, list[dict[str, Any]]] = {}
        for e in elements:
            ident = e.get("spdxId")
            if isinstance(ident, str):
                self.by_id[ident] = e
        for e in elements:
            if e.get("type") not in ("Relationship", "LifecycleScopedRelationship"):
                continue
            source = e.get("from")
            if isinstance(source, str):
                self.outgoing.setdefault(source, []).append(e)
            for target in _as_list(e.get("to")):
                if isinstance(target, str):
                    self.incoming.setdefault(target, []).append(e)


def values(probe: str, start: Any, root: Any, graph: Graph | None = None) -> list[Any]:
    """Every value ``probe`` reaches from ``start`` (a component or the document)."""
    found: list[Any] = []
    for path in parse(probe):
        current = [root if path.from_root else start]
        for step in path.steps:
            current = _walk(current, step, start, graph)
            if not current:
                break
        found.extend(current)
    return found


def present(
    probe: str,
    start: Any,
    root: Any,
    graph: Graph | None = None,
    allowed: Iterable[str] = (),
    refused: Iterable[str] = (),
) -> bool:
    """Whether ``probe`` reaches a value that says something (among ``allowed``, if given; never one
    of ``refused``, such as NOASSERTION)."""
    allow = {a.casefold() for a in allowed}
    refuse = {r.casefold() for r in refused}
    for value in values(probe, start, root, graph):
        for text in _texts(value):
            if text is None:
                return not allow  # an object or a list: something, though no single text
            folded = text.casefold()
            if folded in refuse or (allow and folded not in allow):
                continue
            return True
    return False


def _texts(value: Any) -> list[str | None]:
    """The texts a reached value stands for; ``None`` for a non-empty object or list."""
    if isinstance(value, Node):
        if value.text:
            return [value.text]
        return [None] if value.children or value.attrib else []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, (bool, int, float)):
        return [str(value)]
    if isinstance(value, (dict, list)):
        return [None] if value else []
    return []


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _walk(current: list[Any], step: Step, start: Any, graph: Graph | None) -> list[Any]:
    out: list[Any] = []
    for value in current:
        for item in _as_list(value):
            out.extend(_step(item, step, graph))
    if step.filters:
        out = [v for v in out if all(_matches(v, k, want, start) for k, want in step.filters)]
    return out


def _step(item: Any, step: Step, graph: Graph | None) -> list[Any]:
    if step.kind in ("^", "<"):
        if graph is None or not isinstance(item, dict):
            return []
        ident = item.get("spdxId")
        table = graph.outgoing if step.kind == "^" else graph.incoming
        rels = table.get(ident, []) if isinstance(ident, str) else []
        return [r for r in rels if str(r.get("relationshipType", "")).casefold() == step.key.casefold()]
    reached = _get(item, step.key)
    if step.kind == "*":
        elements = []
        for ref in _as_list(reached):
            if isinstance(ref, dict):
                elements.append(ref)
            elif isinstance(ref, str) and graph is not None and ref in graph.by_id:
                elements.append(graph.by_id[ref])
        return elements
    return _as_list(reached)


def _get(item: Any, key: str) -> Any:
    if isinstance(item, Node):
        if key.startswith("@"):
            return item.attrib.get(key[1:])
        return item.all(key) or None
    if isinstance(item, dict):
        return item.get(key)
    return None


def _matches(value: Any, key: str, want: str | None, start: Any) -> bool:
    got = _texts_of(_get(value, key.strip()) if not isinstance(value, Node) else _node_value(value, key))
    if want is None:
        return bool(got)
    wanted = want.strip()
    if wanted.startswith("$"):
        own = _texts_of(_get(start, wanted[1:]))
        return bool(own) and bool(set(own) & set(got))
    return wanted.casefold() in {g.casefold() for g in got}


def _node_value(node: Node, key: str) -> Any:
    """A filter's key on an XML element: its attribute, else the text of its child of that name."""
    key = key.strip().lstrip("@")
    if key in node.attrib:
        return node.attrib[key]
    return node.all(key) or None


def _texts_of(value: Any) -> list[str]:
    return [t for v in _as_list(value) for t in _texts(v) if t is not None]


def check(probes: Mapping[str, str]) -> None:
    """Parse every probe of a field (raises :class:`ProbeError`), so a bad profile fails when loaded."""
    for probe in probes.values():
        parse(probe)

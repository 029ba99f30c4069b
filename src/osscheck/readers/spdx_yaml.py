"""SPDX 2.2 / 2.3 YAML: the JSON document model written as YAML, read by the JSON reader's code.

YAML is loaded with the safe loader only (no Python objects); the line of a package is where its
``SPDXID`` is written (relationships and documentDescribes name it under other keys).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from osscheck.errors import InputError, yaml_error
from osscheck.limits import within_nesting
from osscheck.messages import Message
from osscheck.model import InputFile
from osscheck.readers._source import Lines, as_str, decode
from osscheck.readers.spdx_json import from_document


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    doc = load_yaml(path, text)
    if not isinstance(doc, dict) or "spdxVersion" not in doc:
        raise InputError(Message("input.not-spdx-document", format="YAML"), path)
    lines = Lines(text)
    defined: dict[str, int] | None = None

    def locate(raw: dict[str, Any]) -> int | None:
        nonlocal defined
        spdx_id = as_str(raw.get("SPDXID"))
        if spdx_id:
            if defined is None:
                defined = id_lines(text)
            return defined.get(spdx_id)
        name = as_str(raw.get("name"))
        return lines.find(f"name: {name}") if name else None

    return from_document(doc, path, locate, "spdx-yaml")


# ``SPDXID: value`` as a block mapping key (after indentation or a list dash), plain or quoted
_SPDXID = re.compile(r"""^[ \t-]*["']?SPDXID["']?[ \t]*:[ \t]*(["']?)(.*?)\1[ \t]*(?:#.*)?$""", re.MULTILINE)


def id_lines(text: str) -> dict[str, int]:
    """Line where each ``SPDXID`` is written, found in one pass over the text."""
    out: dict[str, int] = {}
    line, offset = 1, 0
    for match in _SPDXID.finditer(text):
        line += text.count("\n", offset, match.start())
        offset = match.start()
        out.setdefault(match.group(2), line)
    return out


def _loader() -> Any:
    """The safe loader (libyaml when present: much faster) with plain scalars kept as text.

    Versions must stay as written: YAML would read ``versionInfo: 1.10`` as the number 1.1.
    """
    import yaml  # lazy: start-up

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    keep = "tag:yaml.org,2002:null"
    return type(
        "SpdxLoader",
        (base,),
        {
            "yaml_implicit_resolvers": {
                first: [(tag, regexp) for tag, regexp in resolvers if tag == keep]
                for first, resolvers in base.yaml_implicit_resolvers.items()
            }
        },
    )


class _Unusual(Exception):
    """Something the event reader leaves to the full loader: a tag, a merge key, a second document."""


#: plain scalars that YAML reads as null (the one implicit type the SPDX loader keeps)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


def _from_events(text: str) -> Any:
    """The document built straight from the parser's events (libyaml's where PyYAML has it).

    The same document as :func:`_loader` gives (plain scalars as text, null as ``None``), several
    times faster on a large SBOM: composing nodes, resolving each scalar's type and constructing
    from the nodes run in Python for every scalar. Anything beyond plain mappings, sequences,
    scalars, anchors and aliases raises :class:`_Unusual`, for the full loader to read.
    """
    import yaml  # lazy: start-up
    from yaml import events  # lazy: start-up

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    scalar, alias = events.ScalarEvent, events.AliasEvent
    starts: dict[type, type] = {events.MappingStartEvent: dict, events.SequenceStartEvent: list}
    ends = (events.MappingEndEvent, events.SequenceEndEvent)
    no_key = object()
    try:
        get = loader.get_event
        get()  # the start of the stream
        if isinstance(get(), events.StreamEndEvent):
            return None  # no document at all, as yaml.load says
        anchors: dict[str, Any] = {}
        stack: list[tuple[Any, Any]] = []
        top: Any = None  # the open mapping or sequence, and the key read for its next value
        key: Any = no_key
        root: Any = None
        while True:
            event = get()
            kind = type(event)
            if kind is scalar:
                if event.tag is not None:
                    raise _Unusual
                value = None if event.implicit[0] and event.value in _NULLS else event.value
                if event.anchor is not None:
                    anchors[event.anchor] = value
            elif kind in starts:
                if event.tag is not None:
                    raise _Unusual
                value = starts[kind]()
                if event.anchor is not None:
                    anchors[event.anchor] = value
                stack.append((top, key))
                top, key = value, no_key
                continue
            elif kind in ends:
                value = top
                top, key = stack.pop()
            elif kind is alias:
                if event.anchor not in anchors:
                    raise _Unusual  # the full loader names the error
                value = anchors[event.anchor]
            else:  # the end of the document
                break
            if top is None:
                root = value
            elif type(top) is list:
                top.append(value)
            elif key is no_key:
                if isinstance(value, (dict, list)) or value == "<<":
                    raise _Unusual  # an unhashable key, or a merge key
                key = value
            else:
                top[key] = value
                key = no_key
        if not isinstance(get(), events.StreamEndEvent):
            raise _Unusual  # a second document
        return root
    finally:
        loader.dispose()


def load_yaml(path: Path, text: str) -> Any:
    """Parse YAML safely, turning every failure into one :class:`InputError` with the line."""
    import yaml  # lazy: start-up

    if not text.strip():
        raise InputError(Message("input.empty-file"), path)
    try:
        try:
            doc = _from_events(text)
        except _Unusual:
            doc = yaml.load(text, Loader=_loader())  # a safe loader, see _loader
        return within_nesting(path, doc)
    except yaml.YAMLError as exc:
        raise yaml_error(exc, path, text) from None

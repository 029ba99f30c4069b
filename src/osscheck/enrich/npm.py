"""The npm registry's package documents: ``GET {base}/{name}`` (``@scope%2Fname`` for scoped names).

One document holds every version, so versions of one package share one request (and one cache
entry). ``versions[v].license`` is an SPDX expression by convention; the legacy ``licenses`` list
names alternatives, as the npm reader reads it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from osscheck.enrich.answers import Statement
from osscheck.enrich.client import Call
from osscheck.enrich.coordinates import Package
from osscheck.messages import Message

NAME = "npm"


def supports(p: Package) -> bool:
    return p.type == "npm"


def calls(packages: list[Package], base: str) -> list[Call]:
    by_name: dict[str, list[Package]] = {}
    for p in packages:
        by_name.setdefault(p.full_name, []).append(p)
    return [Call(NAME, f"{base}/{quote(name, safe='@')}", tuple(ps)) for name, ps in sorted(by_name.items())]


def url(call: Call, p: Package) -> str:
    """The version's own document, for a person to open (the package document answered for it)."""
    return f"{call.url}/{quote(p.version, safe='')}"


def statement(call: Call, data: Any, p: Package) -> Statement:
    where = url(call, p)
    versions = data.get("versions") if isinstance(data, dict) else None
    if not isinstance(versions, dict):
        return Statement(where, missing=Message("lookup.not-npm-document"))
    doc = versions.get(p.version)
    if not isinstance(doc, dict):
        return Statement(where, missing=Message("lookup.version-not-in-registry", version=p.version))
    entries = _entries(doc.get("license"))
    if entries:
        return Statement(where, tuple(entries))
    listed = doc.get("licenses")
    legacy = [e for item in listed for e in _entries(item)] if isinstance(listed, list) else []
    if legacy:
        return Statement(where, tuple(legacy), multiple="any")
    return Statement(where, missing=Message("lookup.registry-no-licence"))


def _entries(value: Any) -> list[tuple[str, str]]:
    if isinstance(value, str) and value.strip():
        return [(value.strip(), "expression")]
    if isinstance(value, dict):
        kind, link = value.get("type"), value.get("url")
        if isinstance(kind, str) and kind.strip():
            return [(kind.strip(), "expression")]
        if isinstance(link, str) and link.strip():
            return [(link.strip(), "url")]
    return []

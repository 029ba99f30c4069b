"""ClearlyDefined definitions, asked in batches: ``POST {base}/definitions`` with a list of coordinates.

A coordinate is ``type/provider/namespace/name/revision`` (``-`` for no namespace), e.g.
``npm/npmjs/@babel/core/7.24.0``, ``maven/mavencentral/org.slf4j/slf4j-api/2.0.13``,
``go/golang/github.com%2fgorilla/mux/v1.8.1``. The answer maps each coordinate to a definition whose
``licensed.declared`` is an SPDX expression ("NOASSERTION" when unknown, "OTHER" for a licence
that has no SPDX id).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from osscheck.enrich.answers import Statement
from osscheck.enrich.client import Call
from osscheck.enrich.coordinates import Package
from osscheck.messages import Message

NAME = "clearlydefined"
BATCH = 100  # coordinates per request; the service answers large batches slowly
# purl type -> (ClearlyDefined type, provider)
TYPES = {
    "npm": ("npm", "npmjs"),
    "pypi": ("pypi", "pypi"),
    "cargo": ("crate", "cratesio"),
    "maven": ("maven", "mavencentral"),
    "gem": ("gem", "rubygems"),
    "golang": ("go", "golang"),
    "nuget": ("nuget", "nuget"),
    "composer": ("composer", "packagist"),
    "pod": ("pod", "cocoapods"),
}


def supports(p: Package) -> bool:
    return p.type in TYPES


def coordinate(p: Package) -> str:
    kind, provider = TYPES[p.type]
    namespace = p.namespace
    name = p.name
    if p.type == "golang":
        # the module path's last segment is the name, the rest (slashes encoded) the namespace
        path = p.full_name
        namespace, _, name = path.rpartition("/")
        namespace = quote(namespace, safe="").replace("%2F", "%2f") if namespace else None
    return f"{kind}/{provider}/{namespace or '-'}/{name}/{p.version}"


def calls(packages: list[Package], base: str) -> list[Call]:
    ordered = sorted(packages, key=coordinate)
    return [
        Call(NAME, f"{base}/definitions", tuple(chunk), [coordinate(p) for p in chunk])
        for chunk in (ordered[i : i + BATCH] for i in range(0, len(ordered), BATCH))
    ]


def url(call: Call, p: Package) -> str:
    """The package's own definition, for a person to open (the batch request answered for it)."""
    return f"{call.url}/{coordinate(p)}"


def statement(call: Call, data: Any, p: Package) -> Statement:
    wanted = coordinate(p)
    where = url(call, p)
    if not isinstance(data, dict):
        return Statement(where, missing=Message("lookup.not-definitions"))
    definition = data.get(wanted)
    if definition is None:
        lowered = wanted.lower()
        definition = next((v for k, v in data.items() if isinstance(k, str) and k.lower() == lowered), None)
    if not isinstance(definition, dict):
        return Statement(where, missing=Message("lookup.clearlydefined-no-definition"))
    licensed = definition.get("licensed")
    declared = licensed.get("declared") if isinstance(licensed, dict) else None
    if not isinstance(declared, str) or not declared.strip() or declared.strip().upper() == "NOASSERTION":
        return Statement(where, missing=Message("lookup.clearlydefined-no-licence"))
    return Statement(where, ((declared.strip(), "expression"),))

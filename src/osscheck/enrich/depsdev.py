"""deps.dev (Open Source Insights) API v3: one GET per package version, every major ecosystem.

``GET {base}/v3/systems/{system}/packages/{name}/versions/{version}`` answers with ``licenses``
(as the registry wrote them, "non-standard" where deps.dev could not name one) and
``licenseDetails`` (each with its ``spdx`` translation).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from osscheck.enrich.answers import Statement
from osscheck.enrich.client import Call
from osscheck.enrich.coordinates import Package
from osscheck.messages import Message

NAME = "deps.dev"
# purl type -> deps.dev system
SYSTEMS = {
    "npm": "npm",
    "pypi": "pypi",
    "golang": "go",
    "maven": "maven",
    "cargo": "cargo",
    "nuget": "nuget",
    "gem": "rubygems",
}


def supports(p: Package) -> bool:
    return p.type in SYSTEMS


def calls(packages: list[Package], base: str) -> list[Call]:
    return [Call(NAME, _url(p, base), (p,)) for p in packages]


def _url(p: Package, base: str) -> str:
    name = quote(p.full_name, safe="")
    return f"{base}/v3/systems/{SYSTEMS[p.type]}/packages/{name}/versions/{quote(p.version, safe='')}"


def url(call: Call, p: Package) -> str:
    return call.url


def statement(call: Call, data: Any, p: Package) -> Statement:
    if not isinstance(data, dict):
        return Statement(call.url, missing=Message("lookup.not-depsdev-document"))
    entries: list[tuple[str, str]] = []
    details = data.get("licenseDetails")
    if isinstance(details, list) and details:
        for d in details:
            if not isinstance(d, dict):
                continue
            spdx, written = d.get("spdx"), d.get("license")
            if isinstance(spdx, str) and spdx.strip():
                entries.append((spdx, "expression"))
            elif isinstance(written, str) and written.strip():
                entries.append((written, "name"))
    else:
        for text in _list(data.get("licenses")):
            if isinstance(text, str) and text.strip():
                entries.append((text, "expression"))
    if not entries:
        return Statement(call.url, missing=Message("lookup.depsdev-no-licence"))
    return Statement(call.url, tuple(entries))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []

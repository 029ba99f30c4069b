"""The PyPI JSON API: ``GET {base}/pypi/{name}/{version}/json``.

``info.license_expression`` (PEP 639) is the author's SPDX expression and stands alone; without
it, ``info.license`` (free text, sometimes the whole licence text) and the ``License ::``
classifiers are read together through the normaliser.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from osscheck.enrich.answers import Statement
from osscheck.enrich.client import Call
from osscheck.enrich.coordinates import Package
from osscheck.messages import Message

NAME = "pypi"


def supports(p: Package) -> bool:
    return p.type == "pypi"


def calls(packages: list[Package], base: str) -> list[Call]:
    return [
        Call(NAME, f"{base}/pypi/{quote(p.name, safe='')}/{quote(p.version, safe='')}/json", (p,))
        for p in packages
    ]


def url(call: Call, p: Package) -> str:
    return call.url


def statement(call: Call, data: Any, p: Package) -> Statement:
    info = data.get("info") if isinstance(data, dict) else None
    if not isinstance(info, dict):
        return Statement(call.url, missing=Message("lookup.no-info-block"))
    expression = info.get("license_expression")
    if isinstance(expression, str) and expression.strip():
        return Statement(call.url, ((expression.strip(), "expression"),))
    entries: list[tuple[str, str]] = []
    text = info.get("license")
    if isinstance(text, str) and text.strip() and text.strip().upper() != "UNKNOWN":
        text = text.strip()
        entries.append((text, "text" if "\n" in text or len(text) > 200 else "name"))
    classifiers = info.get("classifiers")
    for classifier in classifiers if isinstance(classifiers, list) else ():
        if isinstance(classifier, str) and classifier.startswith("License ::"):
            entries.append((classifier, "classifier"))
    if not entries:
        return Statement(call.url, missing=Message("lookup.pypi-no-licence"))
    return Statement(call.url, tuple(entries))

"""SPDX 2.2 / 2.3 JSON: packages with licenseConcluded (preferred) and licenseDeclared.

The described package (documentDescribes, or a DESCRIBES relationship) is the project itself.
Names of ``hasExtractedLicensingInfos`` are kept so that LicenseRef-* can be shown by name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.licenses.expression import is_no_assertion
from osscheck.model import Component, Declaration, InputFile, Location, Project
from osscheck.readers._source import Lines, as_dict, as_list, as_str, decode, load_json


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    doc = load_json(path, text)
    if not isinstance(doc, dict) or "spdxVersion" not in doc:
        raise InputError("not an SPDX JSON document (no spdxVersion)", path)
    return from_document(doc, path, Lines(text), "spdx-json")


def from_document(doc: dict[str, Any], path: Path, lines: Lines | None, fmt: str) -> InputFile:
    """Shared by the JSON and YAML readers: the same document model."""
    packages = doc.get("packages", [])
    if not isinstance(packages, list):
        raise InputError(f"'packages' must be a list, not {type(packages).__name__}", path)
    shown = str(path)
    described = {as_str(x) for x in as_list(doc.get("documentDescribes"))} - {None}
    for rel in as_list(doc.get("relationships")):
        rel = as_dict(rel)
        if rel.get("relationshipType") == "DESCRIBES" and rel.get("spdxElementId") == "SPDXRef-DOCUMENT":
            described.add(as_str(rel.get("relatedSpdxElement")))
    described &= {as_str(as_dict(p).get("SPDXID")) for p in packages}  # files can be described too
    extracted = {
        as_str(e.get("licenseId")): as_str(e.get("name"))
        for e in map(as_dict, as_list(doc.get("hasExtractedLicensingInfos")))
        if as_str(e.get("licenseId"))
    }
    result = InputFile(path=shown, format=fmt)
    for raw in packages:
        if not isinstance(raw, dict):
            continue
        spdx_id = as_str(raw.get("SPDXID"))
        name = as_str(raw.get("name")) or spdx_id or "(unnamed)"
        line = None
        if lines is not None:
            line = (
                lines.find_json_value("SPDXID", spdx_id) if spdx_id else lines.find_json_value("name", name)
            )
        declared = [Declaration(v, "expression") for v in (_value(raw, "licenseDeclared"),) if v]
        concluded = _value(raw, "licenseConcluded")
        location = Location(shown, line)
        if spdx_id in described and len(described) == 1:
            # one described package is the project itself; with several, each is judged
            result.project = Project(
                name, as_str(raw.get("versionInfo")), declared or _as_decl(concluded), location
            )
            continue
        component = Component(
            name=name,
            version=as_str(raw.get("versionInfo")),
            purl=_purl(raw),
            declared=declared,
            concluded=concluded,
            location=location,
        )
        names = {
            ref: extracted[ref]
            for ref in extracted
            if ref and ref in (concluded or "") + " ".join(map(str, declared))
        }
        if names:
            component.extra["license_names"] = names
        result.components.append(component)
    return result


def _value(raw: dict[str, Any], key: str) -> str | None:
    value = as_str(raw.get(key))
    return None if is_no_assertion(value) else value


def _as_decl(value: str | None) -> list[Declaration]:
    return [Declaration(value, "expression")] if value else []


def _purl(raw: dict[str, Any]) -> str | None:
    for ref in as_list(raw.get("externalRefs")):
        ref = as_dict(ref)
        if as_str(ref.get("referenceType")) == "purl":
            return as_str(ref.get("referenceLocator"))
    return None

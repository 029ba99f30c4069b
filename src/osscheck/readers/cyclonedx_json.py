"""CycloneDX JSON, spec 1.2 to 1.6: components (nested too) and their licence entries.

``metadata.component`` is the project itself: its licence is the outbound licence, not a component.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers._source import Lines, as_dict, as_list, as_str, decode, load_json, walk_dicts

_SCOPES = {"required": Scope.RUNTIME, "optional": Scope.OPTIONAL, "excluded": Scope.DEV}


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    doc = load_json(path, text)
    if not isinstance(doc, dict):
        raise InputError("a CycloneDX document must be a JSON object", path)
    if doc.get("bomFormat") != "CycloneDX":
        raise InputError("not a CycloneDX document (bomFormat is not 'CycloneDX')", path)
    components_raw = doc.get("components", [])
    if not isinstance(components_raw, list):
        raise InputError(f"'components' must be a list, not {type(components_raw).__name__}", path)
    lines = Lines(text)
    shown = str(path)
    result = InputFile(path=shown, format="cyclonedx-json")
    meta = as_dict(as_dict(doc.get("metadata")).get("component"))
    if meta:
        result.project = Project(
            name=as_str(meta.get("name")),
            version=as_str(meta.get("version")),
            declared=declarations(meta.get("licenses")),
            location=Location(shown, lines.find('"metadata"')),
        )
        lines.cursor = 0
    seen: set[str] = set()
    for raw in walk_dicts(components_raw, "components"):
        component = component_from(raw, shown, lines)
        if component.key in seen:
            continue
        seen.add(component.key)
        result.components.append(component)
    return result


def component_from(raw: dict[str, Any], shown: str, lines: Lines) -> Component:
    name = as_str(raw.get("name")) or as_str(raw.get("bom-ref")) or "(unnamed)"
    version = as_str(raw.get("version"))
    purl = as_str(raw.get("purl"))
    line = lines.find_json_value("purl", purl) if purl else None
    if line is None:
        ref = as_str(raw.get("bom-ref"))
        line = lines.find_json_value("bom-ref", ref) if ref else lines.find_json_value("name", name)
    return Component(
        name=name,
        version=version,
        purl=purl,
        scope=_SCOPES.get(as_str(raw.get("scope")) or ""),
        declared=declarations(raw.get("licenses")),
        location=Location(shown, line),
        extra={"group": group} if (group := as_str(raw.get("group"))) else {},
    )


def declarations(licenses: Any) -> list[Declaration]:
    """CycloneDX ``licenses[]`` entries of every kind, as raw declarations."""
    out: list[Declaration] = []
    for entry in as_list(licenses):
        entry = as_dict(entry)
        expression = as_str(entry.get("expression"))
        if expression is not None:
            out.append(Declaration(expression, "expression"))
            continue
        lic = as_dict(entry.get("license"))
        if not lic:
            continue
        ident, name = as_str(lic.get("id")), as_str(lic.get("name"))
        if ident:
            out.append(Declaration(ident, "id"))
        elif name:
            out.append(Declaration(name, "name"))
        url = as_str(lic.get("url"))
        if url and not ident:
            out.append(Declaration(url, "url"))
        text = license_text(lic.get("text"))
        if text and not ident:
            out.append(Declaration(text, "text"))
    return out


def license_text(raw: Any) -> str | None:
    """The licence text of a CycloneDX attachment, plain or base64."""
    if isinstance(raw, str):
        return raw
    node = as_dict(raw)
    content = as_str(node.get("content"))
    if not content:
        return None
    if as_str(node.get("encoding")) == "base64":
        try:
            return base64.b64decode(content, validate=False).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return None
    return content

"""The licence fields of a package.json-like object, in every form npm has used.

Shared by the npm lockfile and manifest reader, node_modules, yarn and pnpm; apart from npm.py so
that node_modules.py does not import the reader that imports it.
"""

from __future__ import annotations

from osscheck.model import Declaration
from osscheck.readers._source import as_list, as_str

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def license_declarations(entry: dict[str, Any]) -> list[Declaration]:
    """The licence fields of a package.json-like object, in every form npm has used."""
    out: list[Declaration] = []
    value = entry.get("license")
    if isinstance(value, str):
        out.append(Declaration(value, "expression"))
    elif isinstance(value, dict):
        out.extend(_legacy(value))
    for item in as_list(entry.get("licenses")):
        if isinstance(item, str):
            out.append(Declaration(item, "expression"))
        elif isinstance(item, dict):
            out.extend(_legacy(item))
    return out


def _legacy(obj: dict[str, Any]) -> list[Declaration]:
    kind = as_str(obj.get("type")) or as_str(obj.get("name"))
    if kind:
        return [Declaration(kind, "name")]
    url = as_str(obj.get("url"))
    return [Declaration(url, "url")] if url else []


def is_choice(entry: dict[str, Any]) -> bool:
    # the legacy "licenses" array listed alternatives (dual licensing)
    return len(as_list(entry.get("licenses"))) > 1

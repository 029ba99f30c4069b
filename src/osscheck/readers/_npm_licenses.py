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
    """The licence fields of a package.json-like object, in every form npm has used.

    ``"license"`` is an expression, a legacy ``{"type": ...}`` object, or (in old packages) an
    array read entry by entry like the legacy ``"licenses"`` array; a lone ``"licenses"`` object is
    one entry.
    """
    out: list[Declaration] = []
    legacy = entry.get("licenses")
    for item in [*_entries(entry.get("license")), *_entries(legacy)]:
        if isinstance(item, str):
            out.append(Declaration(item, "expression"))
        elif isinstance(item, dict):
            out.extend(_legacy(item))
    return out


def _entries(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _legacy(obj: dict[str, Any]) -> list[Declaration]:
    kind = as_str(obj.get("type")) or as_str(obj.get("name"))
    if kind:
        return [Declaration(kind, "name")]
    url = as_str(obj.get("url"))
    return [Declaration(url, "url")] if url else []


def is_choice(entry: dict[str, Any]) -> bool:
    # an array of licences lists alternatives (dual licensing), in the legacy "licenses" as in "license"
    return len(as_list(entry.get("licenses"))) > 1 or len(as_list(entry.get("license"))) > 1

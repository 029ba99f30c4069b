"""SPDX 2.2 / 2.3 YAML: the JSON document model written as YAML, read by the JSON reader's code.

YAML is loaded with the safe loader only (no Python objects); the line of a package is where its
``SPDXID`` is written (relationships and documentDescribes name it under other keys).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.limits import within_nesting
from osscheck.model import InputFile
from osscheck.readers._source import Lines, as_str, decode
from osscheck.readers.spdx_json import from_document


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    doc = load_yaml(path, text)
    if not isinstance(doc, dict) or "spdxVersion" not in doc:
        raise InputError("not an SPDX YAML document (no spdxVersion)", path)
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
    import yaml

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


def load_yaml(path: Path, text: str) -> Any:
    """Parse YAML safely, turning every failure into one :class:`InputError` with the line."""
    import yaml

    if not text.strip():
        raise InputError("empty file", path)
    try:
        return within_nesting(path, yaml.load(text, Loader=_loader()))  # a safe loader, see _loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"not valid YAML: {exc.problem or exc.context}", path, line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", path) from None

"""``--format json``: the osscheck-report/1 document of DESIGN.md."""

from __future__ import annotations

import json
from typing import Any

from osscheck.report import Report


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    return dumps(report.to_dict())


def dumps(doc: Any) -> str:
    """Indented JSON with the keys in the order written; orjson where installed (large reports).

    Both give the same bytes for osscheck's documents; the standard library's is kept for the
    strings orjson refuses (lone surrogates from a YAML or XML input, say).
    """
    try:
        import orjson

        return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    except (ImportError, TypeError):
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

"""``--format json``: the osscheck-report/1 document of DESIGN.md."""

from __future__ import annotations

import json

from osscheck.report import Report

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: from this many components on, orjson writes the report: faster there, but importing it (it
#: loads dataclasses and typing) costs a small report more than writing it
_LARGE = 2000


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    return dumps(report.to_dict(), large=len(report.components) >= _LARGE)


def dumps(doc: Any, large: bool = True) -> str:
    """Indented JSON with the keys in the order written; orjson where installed (large reports).

    Both give the same bytes for osscheck's documents; the standard library's is kept for the
    strings orjson refuses (lone surrogates from a YAML or XML input, say).
    """
    if large:
        try:
            import orjson  # lazy: start-up

            return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
        except (ImportError, TypeError):
            pass
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"

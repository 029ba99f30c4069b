"""``--format json``: the osscheck-report/1 document of DESIGN.md."""

from __future__ import annotations

import json

from osscheck.report import Report


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"

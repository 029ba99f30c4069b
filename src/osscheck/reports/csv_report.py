"""``--format csv``: the inventory, one row per component, for spreadsheets and registers.

RFC 4180: a header row, comma-separated, fields quoted where needed, CRLF line ends, UTF-8. The rows
come in the report's stable order. Headers follow ``--lang``; the values stay the codes the JSON report
uses (``denied``, ``weak-copyleft``), so filters and scripts work whatever the language. Several
values in one cell (declarations, licences observed in the files, obligations) are joined with
``"; "``. A cell that a spreadsheet would run as a formula (``=``, ``+``, ``-`` or ``@`` followed
by formula syntax) is prefixed with ``'``, the usual guard against CSV injection from untrusted
input files.
"""

from __future__ import annotations

import csv
import io
import re

from osscheck.messages import Message
from osscheck.messages import render as rendered
from osscheck.model import Component
from osscheck.report import Report
from osscheck.reports import _ci

#: the header row: the column names the JSON report uses, in English; in German with --lang de
COLUMNS: tuple[Message, ...] = (
    Message("csv.name"),
    Message("csv.version"),
    Message("csv.purl"),
    Message("csv.scope"),
    Message("csv.declared"),
    Message("csv.observed"),
    Message("csv.license"),
    Message("csv.chosen"),
    Message("csv.category"),
    Message("csv.status"),
    Message("csv.obligations"),
    Message("csv.exception-justification"),
    Message("csv.exception-expiry"),
    Message("csv.location-path"),
    Message("csv.line"),
)

_FORMULA = re.compile(r"^(?:[=+\t\r]|[-@].*[=()+|!;\"'])", re.DOTALL)


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([rendered(column, lang) for column in COLUMNS])
    for c in report.components:
        writer.writerow([_cell(v) for v in row(c)])
    return out.getvalue()


def row(c: Component) -> list[str]:
    exc = c.exception or {}
    return [
        c.name,
        c.version or "",
        c.purl or "",
        str(c.scope) if c.scope else "",
        "; ".join(d.value for d in c.declared),
        "; ".join(c.extra.get("observed") or ()),
        c.license or "",
        c.chosen or "",
        c.category or "",
        str(c.status) if c.status else "",
        "; ".join(c.obligations),
        str(exc.get("justification") or ""),
        str(exc.get("expires") or ""),
        _ci.relative_path(c.location.path) if c.location else "",
        str(c.location.line) if c.location and c.location.line else "",
    ]


def _cell(value: str) -> str:
    value = value.replace("\x00", "")
    return "'" + value if _FORMULA.match(value) else value

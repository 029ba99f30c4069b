"""``-f csv``: one row per project; ``-f csv-components``: one row per component, with the projects using it.

As the report's CSV: RFC 4180 with CRLF, headers in the run's language, values the codes of the JSON
document (``true``, ``public-code``), several values in one cell joined with ``"; "``, and a cell a
spreadsheet would run as a formula prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import re

from osscheck.licenses.catalog import CATEGORIES
from osscheck.messages import label
from osscheck.portfolio.reading import SEVERITIES, STATUSES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: (header, how to get the value) for a project row; the headers are report words (German labels)
_PROJECT: tuple[tuple[str, Any], ...] = (
    *((key, (key,)) for key in ("name", "repository", "office", "application", "contact", "checked")),
    *((key, (key,)) for key in ("date", "age_days", "stale", "report", "policy", "expected_policy")),
    *((key, (key,)) for key in ("policy_matches", "outbound", "passed", "publishable", "components")),
    *((status, ("by_status", status)) for status in STATUSES),
    *((category, ("by_category", category)) for category in CATEGORIES),
    ("no licence", ("unknown",)),
    *((severity, ("findings", severity)) for severity in SEVERITIES),
    *(
        (f"exceptions {key}", ("exceptions", key))
        for key in ("in_force", "expiring_30", "expiring_90", "expired")
    ),
    *((key, (key,)) for key in ("sbom_published", "justified", "unjustified")),
)
_COMPONENT = ("component", "projects", "licenses", "used by")
_FORMULA = re.compile(r"^(?:[=+\t\r]|[-@].*[=()+|!;\"'])", re.DOTALL)


def render(document: dict[str, Any], lang: str = "en") -> str:
    rows = []
    for project in document["projects"]:
        values = []
        for _, path in _PROJECT:
            value: Any = project
            for key in path:
                value = value[key]
            values.append(value)
        rows.append(values)
    return _table([label(header, lang) for header, _ in _PROJECT], rows)


def render_components(uses: list[tuple[str, list[str], list[str]]], lang: str = "en") -> str:
    """Every component of the counting reports, by projects using it (most first), then component."""
    rows = [[key, len(users), licences, users] for key, users, licences in uses]
    return _table([label(header, lang) for header in _COMPONENT], rows)


def _table(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(value)
    text = str(value).replace("\x00", "")
    return "'" + text if _FORMULA.match(text) else text

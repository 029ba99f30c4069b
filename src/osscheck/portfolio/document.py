"""The ``osscheck-portfolio/1`` document: read the reports one by one, keep the counting one per project.

docs/portfolio.md describes every key.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from osscheck.errors import InputError
from osscheck.messages import Message, render
from osscheck.portfolio import aggregate, projects, reading

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

SCHEMA = "osscheck-portfolio/1"


class Built:
    """The document, and its notes and errors as messages (for a report in another language)."""

    def __init__(
        self,
        document: dict[str, Any],
        notes: list[Message],
        errors: list[InputError],
        counted: dict[str, reading.ReportSummary],
        identities: reading.Identities,
    ) -> None:
        self.document = document
        self.notes = notes
        self.errors = errors
        self.counted = counted  # the counting report of each project, for ``-f csv-components``
        self.identities = identities

    def component_uses(self) -> list[tuple[str, list[str], list[str]]]:
        """Every component with the projects using it and its licences (``-f csv-components``)."""
        return aggregate.component_uses(self.counted, self.identities)


def portfolio_date(today: dt.date | str | None = None) -> dt.date:
    """``today``, else ``SOURCE_DATE_EPOCH``, else today in UTC."""
    if isinstance(today, dt.date):
        return today
    if isinstance(today, str):
        return dt.date.fromisoformat(today)
    from osscheck.reports._stamp import stamp_time

    return stamp_time().date()


def build(
    reports: Iterable[str | Path],
    projects_file: str | Path | None = None,
    today: dt.date | str | None = None,
    stale_days: int = 90,
    public: bool = False,
) -> Built:
    from osscheck import __version__

    day = portfolio_date(today)
    named = projects.load(Path(projects_file)) if projects_file is not None else []
    by_file: dict[Path, str] = {}  # a report a [[project]]'s glob names belongs to that project
    paths: list[Path | InputError] = []
    for project in named:
        for path in project.reports:
            by_file.setdefault(path.resolve(), project.name)
            paths.append(path)
    paths.extend(reading.find(reports))

    errors: list[InputError] = []
    notes: list[Message] = []
    inputs: list[dict[str, Any]] = []
    identities = reading.Identities()
    counted: dict[str, reading.ReportSummary] = {}
    superseded: dict[str, list[reading.ReportSummary]] = {}  # kept for the notes only
    seen: set[Path] = set()
    for found in paths:
        if isinstance(found, InputError):
            errors.append(found)
            continue
        path = found
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        try:
            summary = reading.read(path, identities)  # its components are gone once this returns
        except InputError as exc:
            errors.append(exc)
            continue
        name = by_file.get(path.resolve()) or summary.project
        if name is None:
            name = path.stem
            notes.append(Message("portfolio.no-project-name", path=summary.path, project=name))
        inputs.append({"path": summary.path, "sha256": summary.sha256, "project": name})
        # the newest report counts; on the same date (or none) the last by path, so the choice is stable
        held = counted.get(name)
        if held is not None and _order(held) > _order(summary):
            held, summary = summary, held
        if held is not None:
            held.component_pairs = held.component_pairs[:0]  # only its path and date are needed now
            superseded.setdefault(name, []).append(held)
        counted[name] = summary

    for name in sorted(superseded):
        newest = counted[name]
        for older in sorted(superseded[name], key=_order):
            notes.append(
                Message(
                    "portfolio.superseded",
                    path=older.path,
                    project=name,
                    date=_day(older.date),
                    newer=newest.path,
                    newer_date=_day(newest.date),
                )
            )
    counted = dict(sorted(counted.items()))

    meta = {p.name: p for p in named}
    names = sorted(set(meta) | set(counted))
    entries = [
        aggregate.project_entry(n, meta.get(n), counted.get(n), day, stale_days, public) for n in names
    ]
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "tool": {"name": "osscheck", "version": __version__},
        "date": day.isoformat(),
        "inputs": sorted(inputs, key=lambda i: (i["path"], i["sha256"])),
        "projects": entries,
        "totals": aggregate.totals(entries, counted),
        "register": aggregate.register(counted, day, public),
        "licenses": aggregate.licenses(counted),
        "components": aggregate.shared_components(counted, identities),
        "errors": [e.format("en") for e in errors],
        "notes": [render(n, "en") for n in notes],
    }
    return Built(document, notes, errors, counted, identities)


def _order(summary: reading.ReportSummary) -> tuple[dt.date, str]:
    return summary.date or dt.date.min, summary.path


def _day(date: dt.date | None) -> str:
    return date.isoformat() if date else "-"


def dumps(document: dict[str, Any]) -> str:
    """The document as indented JSON, keys in the contract's order."""
    from osscheck.reports.json_report import dumps as json_dumps

    return json_dumps(document, large=False)

"""The figures of the portfolio: per project, the totals, the register, licences and shared components.

Everything here works on the :class:`~osscheck.portfolio.reading.ReportSummary` of each project's
counting report; no component of any report is held.
"""

from __future__ import annotations

import datetime as dt
import heapq
from array import array
from collections import Counter

from osscheck.licenses.catalog import CATEGORIES
from osscheck.portfolio.reading import LICENSE_IDS, SEVERITIES, STATUSES, Identities, ReportSummary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from osscheck.portfolio.projects import Project

#: an exception expiring within this many days is "expiring"
EXPIRING_DAYS = 90
SOON_DAYS = 30
TOP_COMPONENTS = 50
_EXCEPTION_COUNTS = ("in_force", "expiring_30", "expiring_90", "expired")


def exception_state(expires: str | None, today: dt.date) -> tuple[int | None, str]:
    """Days left and ``in-force`` | ``expiring`` | ``expired`` at ``today``."""
    if expires is None:
        return None, "in-force"
    days = (dt.date.fromisoformat(expires) - today).days
    if days < 0:
        return days, "expired"
    return days, "expiring" if days <= EXPIRING_DAYS else "in-force"


def _exception_counts(register: list[dict[str, Any]], today: dt.date) -> dict[str, int]:
    counts = dict.fromkeys(_EXCEPTION_COUNTS, 0)
    for entry in register:
        days, state = exception_state(entry["expires"], today)
        if state == "expired":
            counts["expired"] += 1
            continue
        counts["in_force"] += 1
        if days is not None and days <= SOON_DAYS:
            counts["expiring_30"] += 1
        if days is not None and days <= EXPIRING_DAYS:
            counts["expiring_90"] += 1
    return counts


def project_entry(
    name: str,
    meta: Project | None,
    summary: ReportSummary | None,
    today: dt.date,
    stale_days: int,
    public: bool,
) -> dict[str, Any]:
    """One project of the document: its owner's facts and its report's figures (zero when unchecked)."""
    expected = meta.policy if meta else None
    entry: dict[str, Any] = {
        "name": name,
        "repository": None if public or meta is None else meta.repository,
        "office": None if public or meta is None else meta.office,
        "application": meta.application if meta else None,
        "contact": None if public or meta is None else meta.contact,
        "checked": summary is not None,
    }
    s = summary
    age = (today - s.date).days if s is not None and s.date is not None else None
    by_status = {k: s.by_status[k] if s else 0 for k in STATUSES}
    entry.update(
        date=s.date.isoformat() if s is not None and s.date is not None else None,
        age_days=age,
        stale=s is not None and (age is None or age > stale_days),  # undated: as good as stale
        report=s.path if s else None,
        policy=s.policy if s else None,
        policy_digest=s.policy_digest if s else None,
        expected_policy=expected,
        policy_matches=None if expected is None or s is None else s.policy == expected,
        outbound=s.outbound if s else None,
        passed=bool(s and s.passed),
        components=s.components if s else 0,
        by_status=by_status,
        by_category={k: s.by_category[k] if s else 0 for k in CATEGORIES},
        unknown=s.unknown if s else 0,
        findings={k: s.findings[k] if s else 0 for k in SEVERITIES},
        exceptions=_exception_counts(s.register if s else [], today),
        sbom_published=bool(s and s.sbom_published),
        unjustified=s.unjustified if s else 0,
        justified=s.justified if s else 0,
        publishable=bool(s and s.passed and not by_status["denied"] and not by_status["review"]),
    )
    return entry


def totals(projects: list[dict[str, Any]], counted: dict[str, ReportSummary]) -> dict[str, Any]:
    """The sums over the checked projects (a component in two projects counts twice)."""
    checked = [p for p in projects if p["checked"]]
    by_category: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    exceptions: Counter[str] = Counter()
    with_category: Counter[str] = Counter()
    for p in checked:
        by_category.update(p["by_category"])
        by_status.update(p["by_status"])
        exceptions.update(p["exceptions"])
        with_category.update(k for k, v in p["by_category"].items() if v)
    # the share counts judged components only: a development tool that is not shipped says nothing
    judged = sum(s.judged for s in counted.values())
    open_source = sum(s.judged_open_source for s in counted.values())
    return {
        "projects": len(projects),
        "checked": len(checked),
        "not_checked": len(projects) - len(checked),
        "stale": sum(1 for p in checked if p["stale"]),
        "passed": sum(1 for p in checked if p["passed"]),
        "failed": sum(1 for p in checked if not p["passed"]),
        "components": sum(p["components"] for p in checked),
        "by_category": {k: by_category[k] for k in CATEGORIES},
        "by_status": {k: by_status[k] for k in STATUSES},
        "open_source_share": round(open_source / judged, 4) if judged else 0.0,
        "projects_by_category": {k: with_category[k] for k in CATEGORIES},
        "justified": sum(p["justified"] for p in checked),
        "unjustified": sum(p["unjustified"] for p in checked),
        "violations": by_status["denied"],
        "exceptions": {k: exceptions[k] for k in _EXCEPTION_COUNTS},
    }


def register(counted: dict[str, ReportSummary], today: dt.date, public: bool) -> list[dict[str, Any]]:
    """Every exception of every counted report, by expiry (undated last), then project."""
    rows = []
    for project, summary in counted.items():
        for e in summary.register:
            days, state = exception_state(e["expires"], today)
            rows.append(
                {
                    "project": project,
                    "package": e["package"],
                    "name": e["name"],
                    "version": e["version"],
                    "license": e["license"],
                    "justification": e["justification"],
                    "approved-by": None if public else e["approved-by"],
                    "reference": None if public else e["reference"],
                    "expires": e["expires"],
                    "days_left": days,
                    "state": state,
                }
            )

    def order(row: dict[str, Any]) -> tuple[Any, ...]:
        what = (row["package"] or "", row["name"] or "", row["version"] or "", row["license"] or "")
        return (
            row["expires"] is None,
            row["expires"] or "",
            row["project"],
            *what,
            row["justification"] or "",
        )

    return sorted(rows, key=order)


def licenses(counted: dict[str, ReportSummary]) -> list[dict[str, Any]]:
    """Each licence: its category, how many projects and components use it; by projects, then licence."""
    projects: Counter[str | None] = Counter()
    components: Counter[str | None] = Counter()
    categories: dict[str | None, set[str]] = {}
    for summary in counted.values():
        for license, (count, seen) in summary.licenses.items():
            projects[license] += 1
            components[license] += count
            categories.setdefault(license, set()).update(seen)
    rows = [
        {
            "license": license,
            # one licence, one category; where policies map it differently, the first by name
            "category": "unknown" if license is None else sorted(categories[license])[0],
            "projects": projects[license],
            "components": components[license],
        }
        for license in projects
    ]
    return sorted(rows, key=lambda r: (-r["projects"], r["license"] is None, r["license"] or ""))


def _pairs(counted: dict[str, ReportSummary]) -> Iterator[tuple[str, int, int]]:
    """(project, key id, licence id) of each counting report's components, a project's pairs by key."""
    for project in sorted(counted):
        for pair in counted[project].component_pairs:
            yield project, pair >> 24, pair & (LICENSE_IDS - 1)


def shared_components(counted: dict[str, ReportSummary], identities: Identities) -> list[dict[str, Any]]:
    """The components used by two or more projects: the top 50 by projects, then by name.

    Counted in an array by key number, so that a portfolio of many distinct components needs
    4 bytes each here; the licences are gathered for the 50 only.
    """
    projects = array("I", bytes(4 * len(identities.key_names)))
    last: tuple[str, int] | None = None
    for project, key, _ in _pairs(counted):
        if (project, key) != last:
            projects[key] += 1
            last = project, key
    names = identities.key_names
    top = heapq.nsmallest(
        TOP_COMPONENTS,
        (key for key, n in enumerate(projects) if n >= 2),
        key=lambda k: (-projects[k], names[k]),
    )
    licences: dict[int, set[str]] = {key: set() for key in top}
    for _, key, licence in _pairs(counted):
        if licence and key in licences:
            licences[key].add(identities.license_names[licence])
    return [{"component": names[k], "projects": projects[k], "licenses": sorted(licences[k])} for k in top]


def component_uses(
    counted: dict[str, ReportSummary], identities: Identities
) -> list[tuple[str, list[str], list[str]]]:
    """Every component: its key, the projects using it and its licences; by projects (most first), then key.

    As large as the table it is written to (``-f csv-components``).
    """
    projects: dict[int, list[str]] = {}
    licences: dict[int, set[int]] = {}
    for project, key, licence in _pairs(counted):
        users = projects.setdefault(key, [])
        if not users or users[-1] != project:
            users.append(project)
        if licence:
            licences.setdefault(key, set()).add(licence)
    names, licence_names = identities.key_names, identities.license_names
    rows = [
        (names[key], users, sorted(licence_names[n] for n in licences.get(key, ())))
        for key, users in projects.items()
    ]
    return sorted(rows, key=lambda row: (-len(row[1]), row[0]))

"""``-f markdown``: the portfolio as a page for a wiki, an issue or a CI job summary.

Every value from a report or portfolio.toml is escaped (reports/markdown.py's ``text`` and ``code``):
a project name cannot start a table, a link or a mention.
"""

from __future__ import annotations

from osscheck.licenses.catalog import CATEGORIES
from osscheck.messages import Message, translator
from osscheck.messages import render as rendered
from osscheck.reports.markdown import code, text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from osscheck.errors import OsscheckError


def render(
    document: dict[str, Any],
    lang: str = "en",
    notes: Sequence[Message] | None = None,
    errors: Sequence[OsscheckError] | None = None,
) -> str:
    """The page; ``notes`` and ``errors`` as messages give them in ``lang`` (else the document's English)."""
    _ = translator(lang)
    totals = document["totals"]
    share = f"{totals['open_source_share'] * 100:.1f} %"
    if lang == "de":
        share = share.replace(".", ",")
    lines = [
        f"# {_('Open source portfolio')}",
        "",
        f"{_('Date')}: {document['date']}",
        "",
        f"| {_('Figure')} | {_('Count')} |",
        "| --- | ---: |",
    ]
    figures = [
        ("Projects", totals["projects"]),
        ("Checked", totals["checked"]),
        ("Not checked", totals["not_checked"]),
        ("Stale reports", totals["stale"]),
        ("passed", totals["passed"]),
        ("failed", totals["failed"]),
        ("Components", totals["components"]),
        ("Open source share", share),
        ("Unjustified proprietary or source-available components", totals["unjustified"]),
        ("Justified by an exception", totals["justified"]),
        ("Violations (denied components)", totals["violations"]),
        ("Exceptions expiring within 90 days", totals["exceptions"]["expiring_90"]),
        ("expired", totals["exceptions"]["expired"]),
    ]
    lines += [f"| {_(word)} | {value} |" for word, value in figures]
    lines += _projects(document, _)
    lines += _categories(totals, _)
    lines += _register(document, _)
    lines += _licenses(document, _)
    lines += _shared(document, _)
    error_lines = [e.format(lang) for e in errors] if errors is not None else document["errors"]
    note_lines = [rendered(n, lang) for n in notes] if notes is not None else document["notes"]
    for title, items in (("Errors", error_lines), ("Notes", note_lines)):
        if items:
            lines += ["", f"## {_(title)}", "", *(f"- {text(item)}" for item in items)]
    return "\n".join(lines) + "\n"


def _projects(document: dict[str, Any], _: Any) -> list[str]:
    head = ("Project", "Office", "Date", "Policy", "Result", "Components", "denied", "review", "Unjustified")
    lines = ["", f"## {_('Projects')}", "", "| " + " | ".join(_(h) for h in head) + " |"]
    lines.append("| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: |")
    for p in document["projects"]:
        if not p["checked"]:
            result = _("not checked")
        else:
            result = _("passed") if p["passed"] else _("FAILED")
            if p["stale"]:
                result += f" ({_('stale')})"
        policy = code(p["policy"]) if p["policy"] else ""
        if p["policy_matches"] is False:
            policy += f" ({_('expected')} {code(p['expected_policy'])})"
        cells = [
            text(p["name"]),
            text(p["office"] or ""),
            p["date"] or "",
            policy,
            result,
            str(p["components"]),
            str(p["by_status"]["denied"]),
            str(p["by_status"]["review"]),
            str(p["unjustified"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _categories(totals: dict[str, Any], _: Any) -> list[str]:
    lines = ["", f"## {_('Components by licence category')}", ""]
    lines += [f"| {_('Category')} | {_('Components')} | {_('Projects')} |", "| --- | ---: | ---: |"]
    for category in CATEGORIES:
        components = totals["by_category"][category]
        projects = totals["projects_by_category"][category]
        lines.append(f"| {_(category)} | {components} | {projects} |")
    return lines


def _register(document: dict[str, Any], _: Any) -> list[str]:
    rows = document["register"]
    lines = ["", f"## {_('Justification register')}", ""]
    if not rows:
        return [*lines, _("No project records exceptions.")]
    head = ("Project", "Package", "Licence", "Justification", "Expires", "days left", "State")
    lines += ["| " + " | ".join(_(h) for h in head) + " |", "| --- | --- | --- | --- | --- | ---: | --- |"]
    states = {"in-force": "in force", "expiring": "expires soon", "expired": "expired"}
    for r in rows:
        what = r["package"] or r["name"] or _("any package")
        cells = [
            text(r["project"]),
            code(what + (f" {r['version']}" if r["version"] else "")),
            code(r["license"]) if r["license"] else _("any licence"),
            text(r["justification"] or ""),
            r["expires"] or _("never"),
            "" if r["days_left"] is None else str(r["days_left"]),
            _(states[r["state"]]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _licenses(document: dict[str, Any], _: Any) -> list[str]:
    lines = ["", f"## {_('Licences')}", ""]
    lines += [f"| {_('Licence')} | {_('Category')} | {_('Projects')} | {_('Components')} |"]
    lines.append("| --- | --- | ---: | ---: |")
    for r in document["licenses"]:
        licence = code(r["license"]) if r["license"] else _("no licence")
        lines.append(f"| {licence} | {_(r['category'])} | {r['projects']} | {r['components']} |")
    return lines


def _shared(document: dict[str, Any], _: Any) -> list[str]:
    rows = document["components"]
    if not rows:
        return []
    lines = ["", f"## {_('Components used by several projects')}", ""]
    lines += [f"| {_('Component')} | {_('Projects')} | {_('Licences')} |", "| --- | ---: | --- |"]
    for r in rows:
        licences = ", ".join(code(x) for x in r["licenses"])
        lines.append(f"| {code(r['component'])} | {r['projects']} | {licences} |")
    return lines

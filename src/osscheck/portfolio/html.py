"""``osscheck portfolio -f html``: the open source dashboard of many projects, in one self-contained page.

Made from the ``osscheck-portfolio/1`` document alone (docs/portfolio.md) and, optionally, the trend
series of the history (``history.series``). Like the audit report (reports/html) the page loads
nothing: the style sheets are inline, the charts are inline SVG, there are no scripts and no links
but to its own sections, so that it opens the same in an archive. Every value from a report or from
portfolio.toml passes ``e``. The same document gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib.resources import files

from osscheck.licenses.catalog import CATEGORIES
from osscheck.messages import Message
from osscheck.reports.html.charts import (
    CATEGORY_COLOURS,
    STATUS_COLOURS,
    STATUS_ORDER,
    Datum,
    bars,
    donut,
)
from osscheck.reports.html.frame import style_sheet
from osscheck.reports.html.markup import e, ths
from osscheck.reports.html.words import Translate, translator

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

    from osscheck.errors import OsscheckError

#: the register flags exceptions expiring within this many days (aggregate.EXPIRING_DAYS)
EXPIRING_DAYS = 90
#: the longest list of shared components the document holds (aggregate.TOP_COMPONENTS)
TOP_COMPONENTS = 50
#: the trend series the history records (history.SERIES_KEYS), with their titles; shares are 0..1
TRENDS = {
    "open_source_share": "Open source share",
    "unjustified": "Unjustified",
    "violations": "Violations",
    "expired": "Expired justifications",
}
SECTIONS = (
    ("overview", "Overview"),
    ("trend", "Trend"),
    ("projects", "Projects"),
    ("register", "Justification register"),
    ("licences", "Licences"),
    ("shared", "Components used by several projects"),
    ("publishable", "Publishable projects"),
    ("problems", "Errors and notes"),
    ("stamp", "Audit stamp"),
)


@cache
def _dashboard_css() -> str:
    return files(__package__).joinpath("dashboard.css").read_text(encoding="utf-8")


def render(
    document: Mapping[str, Any],
    lang: str = "en",
    history: Mapping[str, Sequence[tuple[str, float]]] | None = None,
    notes: Sequence[Message] | None = None,
    errors: Sequence[OsscheckError] | None = None,
) -> str:
    """The dashboard page of ``document`` in ``lang``; ``history`` adds the trend lines.

    ``notes`` and ``errors`` as messages give them in ``lang`` (else the document's English lines).
    """
    _ = translator(lang)
    shown = [(k, v) for k, v in SECTIONS if k != "trend" or history is not None]
    parts = [
        _head(document, lang, _),
        _header(document, lang, shown, _),
        '<main id="main">',
        _overview(document, _),
        *([_trend(history, lang, _)] if history is not None else []),
        _projects(document, _),
        _register(document, _),
        _licences(document, _),
        _shared(document, _),
        _publishable(document, _),
        _problems(
            [x.format(lang) for x in errors] if errors is not None else document.get("errors") or [],
            [_(n) for n in notes] if notes is not None else document.get("notes") or [],
            _,
        ),
        _stamp(document, _),
        "</main>",
        f"<footer><p>{e(_(Message('dashboard.footer', version=_tool_version(document))))}</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _tool_version(document: Mapping[str, Any]) -> str:
    return str((document.get("tool") or {}).get("version", ""))


def _percent(share: float | None, lang: str, _: Translate) -> str:
    if share is None:
        return _("no judged components")
    text = f"{share * 100:.1f} %"
    return text.replace(".", ",") if lang == "de" else text


def _cell(value: object) -> str:
    """A table cell's text: nothing shown as a dash, every value escaped."""
    return "–" if value is None or value == "" else e(value)


def _num(value: object) -> str:
    return f'<td class="num">{_cell(value)}</td>'


def _section(ident: str, title: str, body: list[str]) -> str:
    return (
        f'<section id="{ident}" aria-labelledby="h-{ident}">\n<h2 id="h-{ident}">{e(title)}</h2>\n'
        + "\n".join(body)
        + "\n</section>"
    )


def _head(document: Mapping[str, Any], lang: str, _: Translate) -> str:
    title = f"{_('Open source portfolio')} {document.get('date', '')}".strip()
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="osscheck {e(_tool_version(document))}">\n'
        f"<title>{e(title)}</title>\n<style>\n{style_sheet()}{_dashboard_css()}</style>\n</head>\n<body>"
    )


def _header(document: Mapping[str, Any], lang: str, shown: list[tuple[str, str]], _: Translate) -> str:
    totals = document["totals"]
    intro = Message("dashboard.intro", projects=totals["projects"], date=document["date"])
    unjustified = totals["unjustified"]
    share = _percent(totals["open_source_share"], lang, _)
    nav = "".join(f'<li><a href="#{k}">{e(_(v))}</a></li>' for k, v in shown)
    return (
        f"<header>\n<h1>{e(_('Open source portfolio'))}</h1>\n"
        f'<p class="meta">{e(_("Dashboard date"))}: <b>{e(document["date"])}</b> · '
        f"{e(_('Projects'))}: <b>{e(totals['projects'])}</b>"
        f" · {e(_('Checked'))}: <b>{e(totals['checked'])}</b>"
        f" · {e(_('Not checked'))}: <b>{e(totals['not_checked'])}</b>"
        f" · {e(_('Stale reports'))}: <b>{e(totals['stale'])}</b>"
        f" · {e(_('Components'))}: <b>{e(totals['components'])}</b></p>\n"
        f"<p>{e(_(intro))}</p>\n"
        '<div class="figures">'
        f'<p class="figure share"><span class="big">{e(share)}</span>'
        f"{e(_(Message('dashboard.share')))}</p>"
        f'<p class="figure unjustified{" none" if not unjustified else ""}">'
        f'<span class="big">{e(unjustified)}</span>'
        f"{e(_(Message('dashboard.unjustified')))}</p></div>\n"
        f'<nav aria-label="{e(_("Contents"))}"><ol>{nav}</ol></nav>\n</header>'
    )


def _overview(document: Mapping[str, Any], _: Translate) -> str:
    totals = document["totals"]
    cards = [
        ("", "Projects", totals["projects"]),
        ("allowed", "passed", totals["passed"]),
        ("denied", "failed", totals["failed"]),
        ("ignored", "Not checked", totals["not_checked"]),
        ("review", "Stale reports", totals["stale"]),
        ("denied", "Violations (denied components)", totals["violations"]),
        ("denied", "Unjustified proprietary or source-available components", totals["unjustified"]),
        ("exempted", "Justified by an exception", totals["justified"]),
        ("review", "Exceptions expiring within 90 days", totals["exceptions"]["expiring_90"]),
        ("denied", "expired", totals["exceptions"]["expired"]),
    ]
    card_html = "".join(
        f'<p class="card {kind}"><span class="n">{e(n)}</span>{e(_(word))}</p>' for kind, word, n in cards
    )
    by_status = totals["by_status"]
    statuses: list[Datum] = [
        (_(s.value), int(by_status.get(s.value, 0)), STATUS_COLOURS[s]) for s in STATUS_ORDER
    ]
    categories: list[Datum] = [
        (_(c), int(totals["by_category"].get(c, 0)), CATEGORY_COLOURS[c]) for c in CATEGORIES
    ]
    projects: list[Datum] = [
        (_(c), int(totals["projects_by_category"].get(c, 0)), CATEGORY_COLOURS[c]) for c in CATEGORIES
    ]
    charts = (
        '<div class="charts">'
        + donut("status", _("Components by status"), _("Components"), statuses, _("Components"))
        + bars("category", _("Components by licence category"), _("Components"), categories)
        + bars("projects-category", _("Projects by licence category"), _("Projects"), projects)
        + "</div>"
    )
    return _section("overview", _("Overview"), [f'<div class="cards">{card_html}</div>', charts])


def _trend(history: Mapping[str, Sequence[tuple[str, float]]], lang: str, _: Translate) -> str:
    drawn = [
        _polyline(name, TRENDS.get(name, name), list(points), name == "open_source_share", lang, _)
        for name, points in history.items()
        if len(points) >= 2
    ]
    if not drawn:
        return _section("trend", _("Trend"), [f'<p class="empty">{e(_(Message("dashboard.no-trend")))}</p>'])
    intro = f"<p>{e(_(Message('dashboard.trend-intro')))}</p>"
    return _section("trend", _("Trend"), [intro, '<div class="charts">' + "".join(drawn) + "</div>"])


def _day(text: str) -> int | None:
    try:
        return dt.date.fromisoformat(text).toordinal()
    except (TypeError, ValueError):
        return None


def _coord(x: float) -> str:
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _polyline(
    name: str, title: str, points: list[tuple[str, float]], share: bool, lang: str, _: Translate
) -> str:
    """One series as a line over time: x by date (by order where a date is not one), y from 0."""
    points = sorted(points, key=lambda p: str(p[0]))
    width, height, left, right, top, bottom = 360, 170, 60, 12, 12, 28
    days = [_day(str(d)) for d, _v in points]
    xs = [float(d if d is not None else i) for i, d in enumerate(days)]
    if None in days:  # not all dates: evenly spaced, in their order
        xs = [float(i) for i in range(len(points))]
    span_x = (xs[-1] - xs[0]) or 1.0
    most = 1.0 if share else max(max(v for _d, v in points), 1.0)
    plot_w, plot_h = width - left - right, height - top - bottom

    def shown(v: float) -> str:
        return _percent(v, lang, _) if share else _coord(v)

    coords = [
        (left + plot_w * (x - xs[0]) / span_x, top + plot_h * (1 - v / most))
        for x, (_d, v) in zip(xs, points, strict=True)
    ]
    line = " ".join(f"{_coord(x)},{_coord(y)}" for x, y in coords)
    dots = "".join(
        f'<circle cx="{_coord(x)}" cy="{_coord(y)}" r="3"><title>{e(f"{d}: {shown(v)}")}</title></circle>'
        for (x, y), (d, v) in zip(coords, points, strict=True)
    )
    axes = (
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}"/>'
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}"/>'
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="11">{e(shown(most))}</text>'
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" font-size="11">{e(shown(0.0))}</text>'
        f'<text x="{left}" y="{height - 8}" font-size="11">{e(points[0][0])}</text>'
        f'<text x="{width - right}" y="{height - 8}" text-anchor="end" font-size="11">'
        f"{e(points[-1][0])}</text>"
    )
    ident = "trend-" + "".join(c if c.isalnum() else "-" for c in name)
    desc = ", ".join(f"{d} {shown(v)}" for d, v in points)
    return (
        f'<figure class="trend" aria-labelledby="{ident}-t">\n'
        f'<figcaption id="{ident}-t">{e(_(title))}</figcaption>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-st {ident}-sd">'
        f'<title id="{ident}-st">{e(_(title))}</title><desc id="{ident}-sd">{e(desc)}</desc>'
        f'{axes}<polyline points="{line}"/>{dots}</svg>\n</figure>'
    )


def _table(head: str, rows: Sequence[str]) -> str:
    """A table that scrolls sideways on a narrow screen rather than leaving the page (printed whole)."""
    body = "\n".join(rows)
    head = f"<thead><tr>{head}</tr></thead>"
    return f'<div class="wide"><table>\n{head}\n<tbody>\n{body}\n</tbody>\n</table></div>'


def _badge(kind: str, text: str) -> str:
    return f'<span class="badge {kind}">{e(text)}</span>'


def _projects(document: Mapping[str, Any], _: Translate) -> str:
    projects = document["projects"]
    if not projects:
        return _section("projects", _("Projects"), [f'<p class="empty">{e(_("No projects."))}</p>'])
    rows = []
    for p in projects:
        name = f"<b>{e(p['name'])}</b>"
        if p.get("repository"):
            name += f'<span class="detail mono">{e(p["repository"])}</span>'
        if not p["checked"]:
            result = _badge("not-checked", _("not checked"))
        else:
            result = _badge("passed", _("passed")) if p.get("passed") else _badge("failed", _("failed"))
        date = _cell(p.get("date"))
        if p.get("stale"):
            date += " " + _badge("stale", _("stale"))
        policy = _cell(p.get("policy"))
        if p.get("policy_matches") is False:
            policy += f'<span class="detail">{e(_("expected"))}: {e(p.get("expected_policy"))}</span>'
        # a project without a report has no counts: a dash, not a zero
        exceptions = (p.get("exceptions") or {}) if p["checked"] else {}
        by_status = (p.get("by_status") or {}) if p["checked"] else {}
        rows.append(
            f"<tr><td>{name}</td><td>{_cell(p.get('office'))}</td><td>{_cell(p.get('application'))}</td>"
            f'<td class="date">{date}</td><td>{policy}</td><td>{result}</td>'
            + _num(p.get("components"))
            + _num(by_status.get("denied"))
            + _num(by_status.get("review"))
            + _num(p.get("unjustified"))
            + _num(exceptions.get("expiring_90"))
            + _num(exceptions.get("expired"))
            + "</tr>"
        )
    head = ths(
        _("Project"),
        _("Office"),
        _("Application"),
        _("Date"),
        _("Policy"),
        _("Result"),
        _("Components"),
        _("denied"),
        _("review"),
        _("Unjustified"),
        _("Exceptions expiring"),
        _("Expired"),
    )
    table = _table(head, rows)
    return _section("projects", f"{_('Projects')} ({len(projects)})", [table])


STATE_WORDS = {"in-force": "in force", "expiring": "expires soon", "expired": "expired"}


def _register(document: Mapping[str, Any], _: Translate) -> str:
    register = document["register"]
    body = [f"<p>{e(_(Message('dashboard.register-intro', days=EXPIRING_DAYS)))}</p>"]
    if not register:
        body.append(f'<p class="empty">{e(_("No project records exceptions."))}</p>')
        return _section("register", _("Justification register"), body)
    rows = []
    for r in register:
        package = r.get("package") or (f"{_('component')} {r['name']}" if r.get("name") else _("any package"))
        if r.get("version"):
            package = f"{package} {r['version']}"
        if r.get("expires"):
            days = r.get("days_left")
            expires = f'<span class="date">{e(r["expires"])}</span>'
            if isinstance(days, int):
                when = f"{days} {_('days left')}" if days >= 0 else f"{-days} {_('days ago')}"
                expires += f'<span class="detail">{e(when)}</span>'
        else:
            expires = e(_("never"))
        state = str(r.get("state", ""))
        kind = state if state in STATE_WORDS else ""  # a class name only from the known states
        rows.append(
            f'<tr class="{kind}"><td>{e(r["project"])}</td><td class="mono">{e(package)}</td>'
            f'<td class="mono">{_cell(r.get("license"))}</td><td>{_cell(r.get("justification"))}</td>'
            f"<td>{_cell(r.get('approved-by'))}</td><td>{_cell(r.get('reference'))}</td>"
            f"<td>{expires}</td><td>{_badge(kind, _(STATE_WORDS.get(state, state)))}</td></tr>"
        )
    head = ths(
        _("Project"),
        _("Package"),
        _("Licence"),
        _("Justification"),
        _("Approved by"),
        _("Reference"),
        _("Expires"),
        _("State"),
    )
    body.append(_table(head, rows))
    return _section("register", f"{_('Justification register')} ({len(register)})", body)


def _licences(document: Mapping[str, Any], _: Translate) -> str:
    licences = document["licenses"]
    if not licences:
        return _section("licences", _("Licences"), [f'<p class="empty">{e(_("No licences."))}</p>'])
    rows = "\n".join(
        (
            f'<tr><td class="mono">{e(x["license"])}</td>'
            if x["license"]
            else f"<tr><td>{e(_('no licence'))}</td>"
        )
        + f"<td>{e(_(str(x.get('category') or 'unknown')))}</td>"
        + _num(x.get("projects"))
        + _num(x.get("components"))
        + "</tr>"
        for x in licences
    )
    head = ths(_("Licence"), _("Category"), _("Projects"), _("Components"))
    table = _table(head, [rows])
    return _section("licences", f"{_('Licences')} ({len(licences)})", [table])


def _shared(document: Mapping[str, Any], _: Translate) -> str:
    shared = document["components"]
    title = _("Components used by several projects")
    body = [f"<p>{e(_(Message('dashboard.components-intro', limit=TOP_COMPONENTS)))}</p>"]
    if not shared:
        body.append(f'<p class="empty">{e(_("No component is used by more than one project."))}</p>')
        return _section("shared", title, body)
    rows = "\n".join(
        f'<tr><td class="mono">{e(c["component"])}</td>'
        + _num(c.get("projects"))
        + f'<td class="mono">{e(", ".join(str(x) for x in c.get("licenses") or ())) or "–"}</td></tr>'
        for c in shared
    )
    head = ths(_("Component"), _("Projects"), _("Licences"))
    body.append(_table(head, [rows]))
    return _section("shared", f"{title} ({len(shared)})", body)


def _publishable(document: Mapping[str, Any], _: Translate) -> str:
    ready = [p for p in document["projects"] if p.get("checked") and p.get("publishable")]
    body = [f"<p>{e(_(Message('dashboard.publishable-intro')))}</p>"]
    if not ready:
        body.append(f'<p class="empty">{e(_("No project is publishable yet."))}</p>')
    else:
        items = "".join(
            f"<li><b>{e(p['name'])}</b>"
            + (
                f' – {e(_("Outbound licence"))}: <span class="mono">{e(p["outbound"])}</span>'
                if p.get("outbound")
                else ""
            )
            + "</li>"
            for p in ready
        )
        body.append(f'<ul class="plain">{items}</ul>')
    return _section("publishable", f"{_('Publishable projects')} ({len(ready)})", body)


def _problems(errors: Sequence[str], notes: Sequence[str], _: Translate) -> str:
    body = []
    for title, items in (("Errors", errors), ("Notes", notes)):
        body.append(f"<h3>{e(_(title))} ({len(items)})</h3>")
        if items:
            body.append('<ul class="plain">' + "".join(f"<li>{e(x)}</li>" for x in items) + "</ul>")
        else:
            body.append(f'<p class="empty">{e(_("none"))}</p>')
    return _section("problems", _("Errors and notes"), body)


def _stamp(document: Mapping[str, Any], _: Translate) -> str:
    inputs = document.get("inputs") or []
    facts = (
        ("osscheck version", _tool_version(document)),
        ("Schema", document.get("schema", "")),
        ("Dashboard date", document.get("date", "")),
    )
    means = "".join(f"<dt>{e(_(k))}</dt><dd>{_cell(v)}</dd>" for k, v in facts)
    body = [f"<p>{e(_(Message('dashboard.stamp-intro')))}</p>", f'<dl class="means">{means}</dl>']
    if inputs:
        rows = "\n".join(
            f'<tr><td class="mono">{e(i["path"])}</td><td>{_cell(i.get("project"))}</td>'
            f'<td class="mono">{_cell(i.get("sha256"))}</td></tr>'
            for i in inputs
        )
        head = ths(_("File"), _("Project"), _("SHA-256"))
        body.append(_table(head, [rows]))
    else:
        body.append(f'<p class="empty">{e(_("none"))}</p>')
    return _section("stamp", f"{_('Audit stamp')} ({_('Inputs')}: {len(inputs)})", body)

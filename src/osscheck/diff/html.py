"""``osscheck diff -f html``: what changed between two versions, as one self-contained, printable page.

Made from the ``osscheck-diff/1`` document alone (docs/diff.md), in the look of the audit report:
its style sheet (reports/html/frame), its escaping and table heads (markup), its charts. Nothing is
loaded from anywhere and there are no scripts, so the page opens the same in an archive. The
summary as figures, then the sections of the merge-request comment (diff/markdown.py, whose
selections it shares) as tables, and the two sides as an audit stamp at the end. Every value from
an input passes ``e``. The same document gives the same bytes on the same day (the stamp's date is
``SOURCE_DATE_EPOCH``, else today).
"""

from __future__ import annotations

from osscheck.diff.markdown import (
    EXCEPTION_CHANGE_WORDS,
    FIGURES,
    LICENSE_CHANGE_WORDS,
    exception_changes,
    failing_conditions,
    licence_changes,
    new_obligations,
    new_problems,
    verdict_changes,
    version_changes,
)
from osscheck.licenses.obligations import describe
from osscheck.messages import Message
from osscheck.reports._stamp import stamp_time
from osscheck.reports.html.charts import bars
from osscheck.reports.html.frame import style_sheet
from osscheck.reports.html.markup import e, ths
from osscheck.reports.html.words import Translate, translator

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from typing import Any

SECTIONS = (
    ("summary", "Summary"),
    ("licence-changes", "Licence changes"),
    ("problems", "New problems"),
    ("verdicts", "Verdict changes"),
    ("exceptions", "Exceptions started or stopped"),
    ("obligations", "New obligations"),
    ("added", "Added components"),
    ("removed", "Removed components"),
    ("upgraded", "Upgraded components"),
    ("downgraded", "Downgraded components"),
    ("versions", "Other version changes"),
    ("errors", "Errors and notes"),
    ("stamp", "Audit stamp"),
)
#: the statuses a badge may name (a class name only from these)
STATUSES = ("allowed", "exempted", "review", "denied", "ignored")
#: the colour of a card whose figure is not zero (the classes of report.css)
CARD_KINDS = {
    "new_denied": "denied",
    "relicensed": "denied",
    "new_review": "review",
    "new_unknown": "review",
    "license_changes": "review",
    "category_changes": "review",
    "verdict_changes": "review",
    "exceptions_stopped": "review",
    "exceptions_started": "exempted",
}
#: the bars of the chart of changes, with the colours of reports/html/charts
CHART = (
    ("added", "#1565c0"),
    ("removed", "#78909c"),
    ("upgraded", "#2e7d32"),
    ("downgraded", "#b26a00"),
    ("license_changes", "#ef6c00"),
    ("verdict_changes", "#8e24aa"),
    ("new_denied", "#c62828"),
)
#: what each licence change means, as the summary explains it
_MEANS = {
    "wider": Message("diff-report.wider-means"),
    "narrower": Message("diff-report.narrower-means"),
    "relicensed": Message("diff-report.relicensed-means"),
    "found": Message("diff-report.found-means"),
    "lost": Message("diff-report.lost-means"),
}
# what the audit report's style sheet lacks: wide tables scroll, the change words as badges
_EXTRA_CSS = (
    ".wide{overflow-x:auto}.arrow{color:var(--muted);padding:0 4px}\n"
    ".badge.relicensed,.badge.lost{background:var(--no)}.badge.narrower{background:var(--rv)}\n"
    ".badge.wider,.badge.found{background:var(--ex)}\n"
    "@media print{.wide{overflow:visible}}\n"
)
_ARROW = '<span class="arrow">→</span>'


def render(document: Mapping[str, Any], lang: str = "en") -> str:
    _ = translator(lang)
    parts = [
        _head(document, lang, _),
        _header(document, _),
        '<main id="main">',
        _summary(document, _),
        _licence_changes(document, _),
        _new_problems(document, _),
        _verdict_changes(document, _),
        _exception_changes(document, _),
        _obligations(document, lang, _),
        _listed("added", document.get("added") or (), _),
        _listed("removed", document.get("removed") or (), _),
        _versions("upgraded", version_changes(document, "upgraded"), _),
        _versions("downgraded", version_changes(document, "downgraded"), _),
        _versions("versions", version_changes(document, "changed"), _),
        _errors(document, _),
        _stamp(document, _),
        "</main>",
        f"<footer><p>{e(_(Message('html.footer', version=_tool_version(document))))}</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _tool_version(document: Mapping[str, Any]) -> str:
    return str((document.get("tool") or {}).get("version", ""))


def _side(document: Mapping[str, Any], which: str) -> Mapping[str, Any]:
    return document.get(which) or {}


def _head(document: Mapping[str, Any], lang: str, _: Translate) -> str:
    old, new = _side(document, "old").get("source", ""), _side(document, "new").get("source", "")
    title = f"{_('Licence comparison')}: {old} → {new}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="osscheck {e(_tool_version(document))}">\n'
        f"<title>{e(title)}</title>\n<style>\n{style_sheet()}{_EXTRA_CSS}</style>\n</head>\n<body>"
    )


def _header(document: Mapping[str, Any], _: Translate) -> str:
    s = document.get("summary") or {}
    old, new = _side(document, "old"), _side(document, "new")
    failed = bool(s.get("failed"))
    policy = new.get("policy") or old.get("policy")
    fail_on = ",".join(str(x) for x in s.get("fail_on") or ()) or "never"
    verdict = (
        f"{e(_('Result'))}: {e(_('FAILED') if failed else _('passed'))} – <code>--fail-on {e(fail_on)}</code>"
    )
    held = failing_conditions(document)
    if failed and held:
        verdict += f" – {e(_('Fails because of'))}: " + ", ".join(f"{e(c)} ({n})" for c, n in held)
    nav = "".join(f'<li><a href="#{k}">{e(_(v))}</a></li>' for k, v in SECTIONS)
    return (
        f"<header>\n<h1>{e(_('Licence comparison'))}</h1>\n"
        f'<p class="meta">{e(_("Before"))}: <b class="mono">{e(old.get("source", ""))}</b> · '
        f'{e(_("After"))}: <b class="mono">{e(new.get("source", ""))}</b>'
        + (f" · {e(_('Policy'))}: <b>{e(policy)}</b>" if policy else "")
        + "</p>\n"
        f'<p class="verdict {"failed" if failed else "passed"}">{verdict}</p>\n'
        f'<nav aria-label="{e(_("Contents"))}"><ol>{nav}</ol></nav>\n</header>'
    )


def _section(ident: str, title: str, count: int | None, body: Sequence[str]) -> str:
    heading = f"{title} ({count})" if count is not None else title
    return (
        f'<section id="{ident}" aria-labelledby="h-{ident}">\n<h2 id="h-{ident}">{e(heading)}</h2>\n'
        + "\n".join(body)
        + "\n</section>"
    )


def _table(head: str, rows: Sequence[str]) -> str:
    body = "\n".join(rows)
    return (
        f'<div class="wide"><table>\n<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table></div>"
    )


def _rows_section(ident: str, rows: Sequence[str], heads: Sequence[str], _: Translate) -> str:
    """A section with its table, or a line saying there is nothing."""
    title = _(dict(SECTIONS)[ident])
    if not rows:
        return _section(ident, title, 0, [f'<p class="empty">{e(_("none"))}</p>'])
    return _section(ident, title, len(rows), [_table(ths(*(_(h) for h in heads)), rows)])


def _summary(document: Mapping[str, Any], _: Translate) -> str:
    s = document.get("summary") or {}
    old, new = _side(document, "old").get("source", ""), _side(document, "new").get("source", "")
    # the two sides' sizes in one card, so that the sixteen cards fill two rows of eight
    sizes = f"{int(s.get('old_components') or 0)} → {int(s.get('new_components') or 0)}"
    cards = [f'<div class="card"><span class="n">{sizes}</span>{e(_("components"))}</div>']
    for key, word in FIGURES.items():
        n = int(s.get(key) or 0)
        kind = CARD_KINDS.get(key, "") if n else ""
        cards.append(f'<div class="card {kind}"><span class="n">{n}</span>{e(_(word))}</div>')
    body = [
        f"<p>{e(_(Message('diff-report.intro', old=old, new=new)))}</p>",
        f'<div class="cards">{"".join(cards)}</div>',
    ]
    data = [(_(FIGURES[key]), int(s.get(key) or 0), colour) for key, colour in CHART]
    data = [d for d in data if d[1]]
    if data:
        chart = bars("chart-changes", _("Changes"), _(Message("diff-report.changes-chart")), data)
        body.append(f'<div class="charts">\n{chart}\n</div>')
    means = "".join(
        f'<dt><span class="badge {kind}">{e(_(LICENSE_CHANGE_WORDS[kind]))}</span></dt><dd>{e(_(m))}</dd>'
        for kind, m in _MEANS.items()
    )
    body.append(f'<h3>{e(_("What the licence changes mean"))}</h3>\n<dl class="means">{means}</dl>')
    return _section("summary", _("Summary"), None, body)


def _licence_changes(document: Mapping[str, Any], _: Translate) -> str:
    rows = []
    for c in licence_changes(document):
        old, new = c.get("old") or {}, c.get("new") or {}
        kind = str(c.get("license_change", "same"))
        badge = kind if kind in _MEANS else ""
        rows.append(
            f"<tr><td>{_component(c)}</td><td>{_version_pair(old, new)}</td>"
            f"<td>{_licence_pair(old, new, _)}</td>"
            f'<td><span class="badge {badge}">{e(_(LICENSE_CHANGE_WORDS.get(kind, kind)))}</span></td>'
            f"<td>{_category_pair(old, new, _)}</td><td>{_status_pair(old, new, _)}</td></tr>"
        )
    heads = ("Component", "Version", "Licence", "Change", "Category", "Verdict")
    return _rows_section("licence-changes", rows, heads, _)


def _new_problems(document: Mapping[str, Any], _: Translate) -> str:
    rows = []
    for component, new, old in new_problems(document):
        before = e(_("added")) if old is None else f"{_badge(old, _)} {_licence(old, _)}"
        rows.append(
            f"<tr><td>{_badge(new, _)}</td><td>{_component({'component': component, **new})}</td>"
            f"<td>{_version(new)}</td><td>{_licence(new, _)}</td>"
            f"<td>{e(_(str(new.get('category') or 'unknown')))}</td><td>{before}</td></tr>"
        )
    heads = ("Status", "Component", "Version", "Licence", "Category", "Before")
    return _rows_section("problems", rows, heads, _)


def _verdict_changes(document: Mapping[str, Any], _: Translate) -> str:
    rows = [
        f"<tr><td>{_component(c)}</td><td>{_version_pair(c.get('old') or {}, c.get('new') or {})}</td>"
        f"<td>{_status_pair(c.get('old') or {}, c.get('new') or {}, _)}</td>"
        f"<td>{_licence_pair(c.get('old') or {}, c.get('new') or {}, _)}</td></tr>"
        for c in verdict_changes(document)
    ]
    return _rows_section("verdicts", rows, ("Component", "Version", "Verdict", "Licence"), _)


def _exception_changes(document: Mapping[str, Any], _: Translate) -> str:
    rows = []
    for c in exception_changes(document):
        old, new = c.get("old") or {}, c.get("new") or {}
        kind = str(c.get("exception_change"))
        rows.append(
            f"<tr><td>{_component(c)}</td><td>{_version_pair(old, new)}</td>"
            f"<td>{e(_(EXCEPTION_CHANGE_WORDS.get(kind, kind)))}</td>"
            f"<td>{_cell(old.get('exception'))}</td><td>{_cell(new.get('exception'))}</td>"
            f"<td>{_status_pair(old, new, _)}</td></tr>"
        )
    heads = ("Component", "Version", "Exception", "Before", "After", "Verdict")
    return _rows_section("exceptions", rows, heads, _)


def _obligations(document: Mapping[str, Any], lang: str, _: Translate) -> str:
    rows = [
        f'<tr><td>{e(describe(ob, lang))}<span class="detail mono">{e(ob)}</span></td>'
        f'<td><b>{len(components)}</b>: <span class="mono">{e(", ".join(components))}</span></td></tr>'
        for ob, components in new_obligations(document)
    ]
    title = _(dict(SECTIONS)["obligations"])
    body = (
        [_table(ths(_("Obligation"), _("Brought by")), rows)]
        if rows
        else [f'<p class="empty">{e(_("none"))}</p>']
    )
    removed = list((document.get("obligations") or {}).get("removed") or ())
    if removed:
        items = "".join(
            f'<li>{e(describe(ob, lang))} <span class="mono">({e(ob)})</span></li>' for ob in removed
        )
        body.append(f"<h3>{e(_('Obligations no longer brought'))} ({len(removed)})</h3>\n<ul>{items}</ul>")
    return _section("obligations", title, len(rows), body)


def _listed(ident: str, components: Iterable[Mapping[str, Any]], _: Translate) -> str:
    rows = [
        f"<tr><td>{_component(c)}</td><td>{_version(c)}</td><td>{_licence(c, _)}</td>"
        f"<td>{e(_(str(c.get('category') or 'unknown')))}</td><td>{_badge(c, _)}</td>"
        f'<td class="mono">{_where(c)}</td></tr>'
        for c in components
    ]
    heads = ("Component", "Version", "Licence", "Category", "Status", "Where")
    return _rows_section(ident, rows, heads, _)


def _versions(ident: str, changes: Sequence[Mapping[str, Any]], _: Translate) -> str:
    rows = [
        f"<tr><td>{_component(c)}</td><td>{_version_pair(c.get('old') or {}, c.get('new') or {})}</td>"
        f"<td>{_licence_pair(c.get('old') or {}, c.get('new') or {}, _)}</td>"
        f"<td>{_status_pair(c.get('old') or {}, c.get('new') or {}, _)}</td></tr>"
        for c in changes
    ]
    return _rows_section(ident, rows, ("Component", "Version", "Licence", "Verdict"), _)


def _errors(document: Mapping[str, Any], _: Translate) -> str:
    body = []
    for title, items in (("Errors", document.get("errors") or []), ("Notes", document.get("notes") or [])):
        body.append(f"<h3>{e(_(title))} ({len(items)})</h3>")
        if items:
            body.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in items) + "</ul>")
        else:
            body.append(f'<p class="empty">{e(_("none"))}</p>')
    return _section("errors", _("Errors and notes"), None, body)


def _stamp(document: Mapping[str, Any], _: Translate) -> str:
    old, new = _side(document, "old"), _side(document, "new")
    facts = (
        ("Source", "source", ' class="mono"'),
        ("Kind", "kind", ""),
        ("Policy", "policy", ""),
        ("Policy digest (SHA-256)", "policy_digest", ' class="mono"'),
        ("Outbound licence", "outbound", ' class="mono"'),
        ("Components", "components", ""),
    )
    sides = "".join(
        f'<tr><th scope="row">{e(_(word))}</th>'
        + "".join(f"<td{mono}>{_cell(_side_fact(side, key, _))}</td>" for side in (old, new))
        + "</tr>"
        for word, key, mono in facts
    )
    inputs = [
        f'<tr><td>{e(_(side_word))}</td><td class="mono">{e(i.get("path", ""))}</td>'
        f'<td>{_cell(i.get("format"))}</td><td class="mono">{_cell(i.get("sha256"))}</td></tr>'
        for side_word, side in (("Before", old), ("After", new))
        for i in side.get("inputs") or ()
    ]
    run = (
        ("osscheck version", _tool_version(document)),
        ("Schema", document.get("schema", "")),
        ("Date", stamp_time().date().isoformat()),
    )
    means = "".join(f"<dt>{e(_(k))}</dt><dd>{_cell(v)}</dd>" for k, v in run)
    body = [
        f"<p>{e(_(Message('diff-report.stamp-intro')))}</p>",
        _table(ths("", _("Before"), _("After")), [sides]),
        f"<h3>{e(_('Inputs'))} ({len(inputs)})</h3>",
        _table(ths(_("Side"), _("File"), _("Format"), _("SHA-256")), inputs)
        if inputs
        else f'<p class="empty">{e(_("none"))}</p>',
        f'<dl class="means">{means}</dl>',
    ]
    return _section("stamp", _("Audit stamp"), None, body)


def _side_fact(side: Mapping[str, Any], key: str, _: Translate) -> object:
    value = side.get(key)
    return _(str(value)) if key == "kind" and value else value  # report, inputs, git: words


# --- cells ---------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    """A value from the document: nothing shown as a dash, every value escaped."""
    return "–" if value is None or value == "" else e(value)


def _component(c: Mapping[str, Any]) -> str:
    component, name = str(c.get("component", "")), str(c.get("name") or "")
    if name and name != component:
        return f'<b>{e(name)}</b><span class="detail mono">{e(component)}</span>'
    return f'<b class="mono">{e(component)}</b>'


def _version(c: Mapping[str, Any]) -> str:
    return f'<span class="mono">{e(c["version"])}</span>' if c.get("version") else "–"


def _version_pair(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    if old.get("version") == new.get("version"):
        return _version(new)
    return f"{_version(old)}{_ARROW}{_version(new)}"


def _licence(c: Mapping[str, Any], _: Translate) -> str:
    if not c.get("license"):
        return f'<span class="empty">{e(_("no licence"))}</span>'
    return f'<span class="mono">{e(c["license"])}</span>'


def _licence_pair(old: Mapping[str, Any], new: Mapping[str, Any], _: Translate) -> str:
    if old.get("license") == new.get("license"):
        return _licence(new, _)
    return f"{_licence(old, _)}{_ARROW}{_licence(new, _)}"


def _category_pair(old: Mapping[str, Any], new: Mapping[str, Any], _: Translate) -> str:
    before, after = str(old.get("category") or "unknown"), str(new.get("category") or "unknown")
    return e(_(after)) if before == after else f"{e(_(before))}{_ARROW}<b>{e(_(after))}</b>"


def _badge(c: Mapping[str, Any], _: Translate) -> str:
    status = str(c.get("status") or "")
    kind = status if status in STATUSES else ""
    return f'<span class="badge {kind}">{e(_(status))}</span>' if status else "–"


def _status_pair(old: Mapping[str, Any], new: Mapping[str, Any], _: Translate) -> str:
    if old.get("status") == new.get("status"):
        return _badge(new, _)
    return f"{_badge(old, _)}{_ARROW}{_badge(new, _)}"


def _where(c: Mapping[str, Any]) -> str:
    location = c.get("location") or {}
    if not location.get("path"):
        return "–"
    line = location.get("line")
    return e(f"{location['path']}:{line}" if line else location["path"])

"""The summary (cards, charts, what the verdicts mean), the obligations, the inventory and the
audit stamp.
"""

from __future__ import annotations

from collections import Counter

from osscheck.licenses.catalog import CATEGORIES
from osscheck.licenses.obligations import OBLIGATIONS, describe
from osscheck.messages import Message
from osscheck.model import Status
from osscheck.report import Report
from osscheck.reports._stamp import Stamp
from osscheck.reports.html.charts import (
    CATEGORY_COLOURS,
    STATUS_COLOURS,
    STATUS_ORDER,
    bars,
    donut,
)
from osscheck.reports.html.markup import (
    badge,
    component_cell,
    e,
    licence_cell,
    short,
    ths,
)
from osscheck.reports.html.words import Translate

# what each status means, as the summary explains it
_MEANS = {
    Status.ALLOWED: Message("html.allowed-means"),
    Status.EXEMPTED: Message("html.exempted-means"),
    Status.REVIEW: Message("html.review-means"),
    Status.DENIED: Message("html.denied-means"),
    Status.IGNORED: Message("html.ignored-means"),
}


def summary(report: Report, _: Translate) -> str:
    s = report.summary
    cards = [f'<div class="card"><span class="n">{s.components}</span>{e(_("components"))}</div>']
    for status in (
        Status.ALLOWED,
        Status.EXEMPTED,
        Status.REVIEW,
        Status.DENIED,
        Status.IGNORED,
    ):
        n = getattr(s, status.value)
        cards.append(f'<div class="card {status.value}"><span class="n">{n}</span>{e(_(status.value))}</div>')
    cards.append(f'<div class="card"><span class="n">{s.unknown}</span>{e(_("licence unknown"))}</div>')
    by_status = Counter(c.status for c in report.components if c.status is not None)
    by_category = Counter(c.category or "unknown" for c in report.components)
    status_data = [
        (_(st.value), by_status.get(st, 0), STATUS_COLOURS[st]) for st in STATUS_ORDER if by_status.get(st)
    ]
    category_data = [
        (_(cat), by_category[cat], CATEGORY_COLOURS[cat]) for cat in CATEGORIES if by_category.get(cat)
    ]
    means = "".join(
        f'<dt><span class="badge {st.value}">{e(_(st.value))}</span></dt><dd>{e(_(_MEANS[st]))}</dd>'
        for st in STATUS_ORDER
    )
    intro = _(Message("html.intro", n=s.components, policy=report.policy_title or report.policy_name))
    return (
        f'<section id="summary" aria-labelledby="h-summary">\n<h2 id="h-summary">{e(_("Summary"))}</h2>\n'
        f"<p>{e(intro)}</p>\n"
        f'<div class="cards">{"".join(cards)}</div>\n'
        '<div class="charts">\n'
        + donut(
            "chart-status",
            _("Components by status"),
            _(Message("html.status-chart")),
            status_data,
            _("components"),
        )
        + "\n"
        + bars(
            "chart-category",
            _("Components by licence category"),
            _(Message("html.category-chart")),
            category_data,
        )
        + "\n</div>\n"
        f'<h3>{e(_("What the statuses mean"))}</h3>\n<dl class="means">{means}</dl>\n</section>'
    )


def obligations(report: Report, lang: str, _: Translate) -> str:
    brought: dict[str, list[str]] = {}
    for c in report.components:
        if c.status is Status.IGNORED:
            continue
        for ob in c.obligations:
            brought.setdefault(ob, []).append(c.ref)
    order = list(OBLIGATIONS)
    intro = _(
        Message(
            "html.obligations-intro",
            policy=report.policy_title or report.policy_name,
            context=_(report.context),
        )
    )
    out = [
        '<section id="obligations" aria-labelledby="h-obligations">\n'
        f'<h2 id="h-obligations">{e(_("Obligations"))} ({len(brought)})</h2>\n<p>{e(intro)}</p>'
    ]
    if not brought:
        out.append(f'<p class="empty">{e(_("No obligations."))}</p>\n</section>')
        return "\n".join(out)
    out.append("<table>\n<thead><tr>" + ths(_("Obligation"), _("Components")) + "</tr></thead>\n<tbody>")
    for ob in sorted(brought, key=lambda o: (order.index(o) if o in order else len(order), o)):
        refs = sorted(dict.fromkeys(brought[ob]))
        shown = ", ".join(e(r) for r in refs)
        out.append(
            f'<tr><td>{e(describe(ob, lang))}<span class="detail mono">{e(ob)}</span></td>'
            f'<td><b>{len(refs)}</b>: <span class="mono">{shown}</span></td></tr>'
        )
    out.append("</tbody>\n</table>\n</section>")
    return "\n".join(out)


def inventory(report: Report, verbose: bool, _: Translate) -> str:
    heads = [
        "#",
        _("Component"),
        _("Version"),
        _("Licence"),
        _("Category"),
        _("Status"),
        _("Scope"),
        _("Where"),
    ]
    if verbose:
        heads += [_("Declared"), _("Method"), _("Confidence")]
    out = [
        '<section id="inventory" aria-labelledby="h-inventory">\n'
        f'<h2 id="h-inventory">{e(_("Inventory"))} ({len(report.components)})</h2>\n'
        "<table>\n<thead><tr>" + ths(*heads) + "</tr></thead>\n<tbody>"
    ]
    rows = out.append
    for n, c in enumerate(report.components, 1):
        cells = [
            f'<td class="num">{n}</td>',
            f"<td>{component_cell(c)}</td>",
            f'<td class="mono">{e(c.version or "")}</td>',
            f"<td>{licence_cell(c, _)}</td>",
            f"<td>{e(_(c.category or 'unknown'))}</td>",
            f"<td>{badge(c.status, _)}</td>",
            f"<td>{e(_(str(c.scope)) if c.scope else '')}</td>",
            f'<td class="mono">{e(c.location or "")}</td>',
        ]
        if verbose:
            declared = "<br>".join(e(short(d.value)) for d in c.declared)
            confidence = f"{c.confidence:.2f}" if c.confidence is not None else ""
            cells += [
                f"<td>{declared}</td>",
                f"<td>{e(c.method or '')}</td>",
                f'<td class="num">{confidence}</td>',
            ]
        rows(f"<tr>{''.join(cells)}</tr>")
    out.append("</tbody>\n</table>\n</section>")
    return "\n".join(out)


def stamp_section(report: Report, facts: Stamp, _: Translate) -> str:
    rows = [
        (_("osscheck version"), facts.tool_version),
        (_("SPDX licence list"), facts.license_list_version),
        (
            _("Policy"),
            facts.policy_name + (f" ({facts.policy_title})" if facts.policy_title else ""),
        ),
        (_("Policy source"), facts.policy_source or "–"),
        (_("Policy digest (SHA-256)"), facts.policy_digest or "–"),
        (_("Context"), _(report.context)),
        (_("Outbound licence"), report.outbound or "–"),
        (_("Fails on"), _(report.fail_on)),
        (_("Date"), facts.date.date().isoformat()),
    ]
    body = "".join(f'<tr><th scope="row">{e(k)}</th><td class="mono">{e(v)}</td></tr>' for k, v in rows)
    inputs = "".join(
        f'<tr><td class="mono">{e(path)}</td><td>{e(fmt)}</td><td class="num">{n}</td>'
        f'<td class="mono">{e(digest or "–")}</td></tr>'
        for path, fmt, n, digest in facts.inputs
    )
    return (
        '<section id="stamp" aria-labelledby="h-stamp">\n'
        f'<h2 id="h-stamp">{e(_("Audit stamp"))}</h2>\n<table>\n<tbody>{body}</tbody>\n</table>\n'
        f"<h3>{e(_('Inputs'))} ({len(facts.inputs)})</h3>\n<table>\n<thead><tr>"
        + ths(_("File"), _("Format"), _("Components"), _("SHA-256"))
        + f"</tr></thead>\n<tbody>{inputs}</tbody>\n</table>\n</section>"
    )

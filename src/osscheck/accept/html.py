"""``osscheck accept -f html``: the acceptance record (Abnahmeprotokoll) as one self-contained page.

In the look of the audit report (its inline style sheet, reports/html/frame); nothing is loaded from
anywhere and there are no scripts, so the page prints and archives as it is. Every value from the
delivery or the contract passes ``e`` (HTML escaping, control characters shown as ``\\x1b``). The
same delivery gives the same bytes (the date is ``SOURCE_DATE_EPOCH``, else today).
"""

from __future__ import annotations

from osscheck.accept import record
from osscheck.messages import Message, translator
from osscheck.reports.html.frame import style_sheet
from osscheck.reports.html.markup import e, ths

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.accept.record import Translate
    from osscheck.accept.result import Acceptance, Fix

_CLASS = {"accepted": "passed", "accepted-with-conditions": "review", "rejected": "failed"}
_EXTRA_CSS = ".verdict.review{background:var(--rv)}\n"


def render(acceptance: Acceptance, lang: str = "en") -> str:
    _ = translator(lang)
    a = acceptance
    title = f"{_('Acceptance record (Abnahmeprotokoll)')}: {a.delivery.path}"
    facts = "".join(f'<tr><th scope="row">{e(w)}</th><td>{e(v)}</td></tr>' for w, v in record.facts(a, _))
    reasons = (
        "".join(f"<li>{e(_(r))}</li>" for r in a.reasons)
        or f"<li>{e(_(Message('accept.record.no-reasons')))}</li>"
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="osscheck {e(a.report.tool_version)}">',
        f"<title>{e(title)}</title>\n<style>\n{style_sheet()}{_EXTRA_CSS}</style>\n</head>\n<body>",
        f"<header>\n<h1>{e(_('Acceptance record (Abnahmeprotokoll)'))}</h1>",
        f'<p class="verdict {_CLASS[a.result]}">{e(_("Result"))}: {e(record.result_word(a, _))}</p>',
        "</header>",
        '<main id="main">',
        f'<section id="delivery"><h2>{e(_("Delivery"))}</h2>',
        f"<table><tbody>{facts}</tbody></table></section>",
        f'<section id="reasons"><h2>{e(_("Reasons"))}</h2>\n<ul>{reasons}</ul></section>',
        _fixes("fixes", _("What the contractor must fix"), a.must(), _),
        _fixes("conditions", _("Conditions"), a.conditions(), _),
        _completeness(a, _),
        f'<section id="licences"><h2>{e(_("Licence verdict"))}</h2>',
        f"<p>{e(record.licence_line(a, _))}</p></section>",
        _stamp(a, _),
        "</main>",
        f"<footer><p>{e(_(Message('html.footer', version=a.report.tool_version)))}</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _fixes(anchor: str, title: str, fixes: list[Fix], _: Translate) -> str:
    if not fixes:
        return ""
    groups = record.grouped(fixes, _)
    rows = "".join(
        f'<tr><td>{n}</td><td class="mono">{e(where)}</td><td class="mono">{e(component or "–")}</td>'
        f"<td>{e(record.what(items, _))}</td></tr>"
        for n, (where, component, items) in enumerate(groups[: record.MAX_ROWS], 1)
    )
    more = ""
    if len(groups) > record.MAX_ROWS:
        more = f"<p>{e(_(Message('accept.record.more-in-json', count=len(groups) - record.MAX_ROWS)))}</p>"
    head = ths("#", _("Location"), _("Component"), _("Problem"))
    return (
        f'<section id="{anchor}"><h2>{e(title)} ({len(fixes)})</h2>\n'
        f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}</section>"
    )


def _completeness(a: Acceptance, _: Translate) -> str:
    rows = "".join(
        f"<tr><td>{e(f)}</td><td>{e(s)}</td><td>{e(lv)}</td><td>{e(p)}</td></tr>"
        for f, s, lv, p in record.field_rows(a, _)
    )
    table = (
        f"<table><thead><tr>{ths(_('Field'), _('Section'), _('Level'), _('Present'))}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    recommended = record.recommended_rows(a, _)
    extra = ""
    if recommended:
        items = "".join(f"<li>{e(r)}</li>" for r in recommended)
        extra = f"<h3>{e(_('Recommended fields missing'))}</h3><ul>{items}</ul>"
    return (
        f'<section id="completeness"><h2>{e(_("Completeness"))}</h2>\n'
        f"<p>{e(record.completeness_line(a, _))}</p>{table}{extra}</section>"
    )


def _stamp(a: Acceptance, _: Translate) -> str:
    means = "".join(f'<dt>{e(w)}</dt><dd class="mono">{e(v)}</dd>' for w, v in record.stamp_rows(a, _))
    return f'<section id="stamp"><h2>{e(_("Audit stamp"))}</h2>\n<dl class="means">{means}</dl></section>'

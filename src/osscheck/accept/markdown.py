"""``osscheck accept -f markdown``: the acceptance record (Abnahmeprotokoll) as Markdown.

For the file of the procurement (Vergabeakte) and for a merge request. Every value from the
delivery or the contract passes the report's escaping (reports/markdown.py): file names, purls and
digests as code spans, free text with Markdown and HTML characters escaped, control characters as
``\\x1b``. The same delivery gives the same bytes (the date is ``SOURCE_DATE_EPOCH``, else today).
"""

from __future__ import annotations

from osscheck.accept import record
from osscheck.messages import Message, translator
from osscheck.reports.markdown import code, text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.accept.record import Translate
    from osscheck.accept.result import Acceptance, Fix

_ICON = {
    "accepted": "\N{WHITE HEAVY CHECK MARK}",
    "accepted-with-conditions": "\N{WARNING SIGN}\N{VARIATION SELECTOR-16}",
    "rejected": "\N{CROSS MARK}",
}
_CODE_FACTS = ("SHA-256",)


def render(acceptance: Acceptance, lang: str = "en") -> str:
    _ = translator(lang)
    a = acceptance
    lines = [
        f"# {_('Acceptance record (Abnahmeprotokoll)')}",
        "",
        f"**{_('Result')}: {_ICON[a.result]} {text(record.result_word(a, _))}**",
        "",
        f"| {_('Subject')} | {_('Value')} |",
        "| --- | --- |",
    ]
    for word, value in record.facts(a, _):
        shown = code(value) if word in _CODE_FACTS or word in (_("Delivery"),) else text(value)
        lines.append(f"| {text(word)} | {shown} |")
    lines += ["", f"## {_('Reasons')}", ""]
    lines += [f"- {text(_(r))}" for r in a.reasons] or [f"- {text(_(Message('accept.record.no-reasons')))}"]
    lines += _fixes(_("What the contractor must fix"), a.must(), _)
    lines += _fixes(_("Conditions"), a.conditions(), _)
    lines += ["", f"## {_('Completeness')}", "", text(record.completeness_line(a, _))]
    rows = record.field_rows(a, _)
    if rows:
        lines += [
            "",
            f"| {_('Field')} | {_('Section')} | {_('Level')} | {_('Present')} |",
            "| --- | --- | --- | ---: |",
        ]
        lines += [f"| {text(f)} | {text(s)} | {text(lv)} | {p} |" for f, s, lv, p in rows]
    recommended = record.recommended_rows(a, _)
    if recommended:
        lines += ["", f"### {_('Recommended fields missing')}", ""]
        lines += [f"- {text(r)}" for r in recommended]
    lines += ["", f"## {_('Licence verdict')}", "", text(record.licence_line(a, _))]
    lines += ["", f"## {_('Audit stamp')}", "", f"| {_('Subject')} | {_('Value')} |", "| --- | --- |"]
    lines += [f"| {text(w)} | {code(v)} |" for w, v in record.stamp_rows(a, _)]
    lines += ["", text(_(Message("html.footer", version=a.report.tool_version))), ""]
    return "\n".join(lines)


def _fixes(title: str, fixes: list[Fix], _: Translate) -> list[str]:
    if not fixes:
        return []
    groups = record.grouped(fixes, _)
    out = [
        "",
        f"## {title} ({len(fixes)})",
        "",
        f"| # | {_('Location')} | {_('Component')} | {_('Problem')} |",
    ]
    out.append("| ---: | --- | --- | --- |")
    for n, (where, component, items) in enumerate(groups[: record.MAX_ROWS], 1):
        shown = code(component) if component else "–"
        out.append(f"| {n} | {code(where) if where else ''} | {shown} | {text(record.what(items, _))} |")
    if len(groups) > record.MAX_ROWS:
        left = len(groups) - record.MAX_ROWS
        out += ["", text(_(Message("accept.record.more-in-json", count=left)))]
    return out

"""The problems section: denied and under-review components with why and what to do, then the
further findings, the inputs that could not be read and the policy's notes.

In German a finding's rule gets its German summary and hint; its English detail stays beside it.
"""

from __future__ import annotations

from osscheck.messages import render
from osscheck.model import Finding, Status
from osscheck.report import Report
from osscheck.reports import _ci
from osscheck.reports.html.markup import badge, component_cell, e, licence_cell, ths
from osscheck.reports.html.words import Translate, german_hint, german_rule


def problems(report: Report, lang: str, _: Translate) -> str:
    by_component: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.component and f.rule != "exception-applied":
            by_component.setdefault(f.component, []).append(f)
    flagged = [c for st in (Status.DENIED, Status.REVIEW) for c in report.components if c.status is st]
    out = [
        f'<section id="problems" aria-labelledby="h-problems">\n'
        f'<h2 id="h-problems">{e(_("Problems"))} ({len(flagged)})</h2>'
    ]
    baseline = report.baseline
    if baseline is not None:  # "12 known, 1 new; 3 baseline entries no longer found: ..."
        told = "; ".join(_(m) for m in baseline.summary())
        out.append(f'<p>{e(_("Baseline"))} <span class="mono">{e(baseline.path)}</span>: {e(told)}</p>')
    if flagged:
        out.append(
            "<table>\n<thead><tr>"
            + ths(
                _("Status"),
                _("Component"),
                _("Licence"),
                _("Where"),
                _("Why"),
                _("What to do"),
            )
            + "</tr></thead>\n<tbody>"
        )
        for c in flagged:
            findings = by_component.get(c.ref, [])
            why = "".join(_why(f, lang, _) for f in findings) or e(_(str(c.status)))
            hints = "".join(_hint(f, lang, _) for f in findings)
            known = baseline is not None and baseline.knows_all(findings)
            mark = f'<span class="detail">{e(_("known"))}</span>' if known else ""
            out.append(
                f"<tr><td>{badge(c.status, _)}{mark}</td><td>{component_cell(c)}</td>"
                f'<td>{licence_cell(c, _)}</td><td class="mono">{e(c.location or "")}</td>'
                f"<td>{why}</td><td>{hints}</td></tr>"
            )
        out.append("</tbody>\n</table>")
    else:
        calm = _("No problems: every component is allowed or covered by an exception.")
        out.append(f'<p class="empty">{e(calm)}</p>')
    # findings about the project, then those about allowed and exempted components (a licence
    # found in their files, say), which the table above does not show
    general = [f for f in report.findings if not f.component] + _ci.further_findings(report)
    if general:
        out.append(f'<h3>{e(_("Further findings"))}</h3>\n<ul class="findings">')
        for f in general:
            where = f' <span class="mono">({e(f.location)})</span>' if f.location else ""
            about = f'<span class="mono">{e(f.component)}</span>: ' if f.component else ""
            severity = e(_(str(f.severity)))
            if baseline is not None and baseline.is_known(f):
                severity += f" ({e(_('known'))})"
            out.append(f"<li><b>{severity}</b>: {about}{_why(f, lang, _)}{where}{_hint(f, lang, _)}</li>")
        out.append("</ul>")
    if report.errors:
        out.append(f'<h3>{e(_("Inputs that could not be read"))}</h3>\n<ul class="findings">')
        out.extend(f'<li class="mono">{e(err.format(lang))}</li>' for err in report.errors)
        out.append("</ul>")
    if report.notes:
        out.append(f'<h3>{e(_("Notes of the policy"))}</h3>\n<ul class="findings">')
        out.extend(f"<li>{e(render(n, lang))}</li>" for n in report.notes)
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def _why(f: Finding, lang: str, _: Translate) -> str:
    detail = render(f.detail, lang)
    german = german_rule(f.rule) if lang == "de" else None
    if german:
        return f'<span class="why">{e(german)}</span><span class="detail">{e(detail)}</span>'
    return f'<span class="why">{e(detail)}</span>'


def _hint(f: Finding, lang: str, _: Translate) -> str:
    german = german_hint(f.rule) if lang == "de" else None
    if german:
        return f'<span class="hint">{e(german)}</span>'
    return f'<span class="hint detail">{e(render(f.hint, lang))}</span>' if f.hint else ""

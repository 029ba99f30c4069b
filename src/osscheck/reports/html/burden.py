"""The Beweislastumkehr section: each component that is not open source with the register entry that
justifies it, or "missing"; then the entries that cleared nothing (osscheck.reports._burden)."""

from __future__ import annotations

from osscheck.messages import Message
from osscheck.report import Report
from osscheck.reports._burden import REASON_WORDS, burden_of_proof
from osscheck.reports.html.markup import e, ths
from osscheck.reports.html.words import Translate


def burden(report: Report, _: Translate) -> str:
    found = burden_of_proof(report)
    title = _("Burden of proof (every non-open-source component justified)")
    out = [
        '<section id="burden" aria-labelledby="h-burden">\n'
        f'<h2 id="h-burden">{e(title)} ({len(found.components)})</h2>\n'
        f"<p>{e(_(Message('burden.intro')))}</p>"
    ]
    if not found.components and not found.unused:
        out.append(f'<p class="empty">{e(_(Message("burden.nothing")))}</p>\n</section>')
        return "\n".join(out)
    total, missing = len(found.components), found.missing
    counts = Message("burden.counts", total=total, justified=total - missing, missing=missing)
    out.append(f"<p>{e(_(counts))}</p>")
    if found.components:
        out.append(
            "<table>\n<thead><tr>"
            + ths(
                _("Component"),
                _("Licence"),
                _("Why"),
                _("Justification"),
                _("Basis"),
                _("Approved by"),
                _("Expires"),
                _("Register entry"),
            )
            + "</tr></thead>\n<tbody>"
        )
        for b in found.components:
            entry = b.entry or {}
            if b.justification is None and b.pending is not None:  # requested, not in force yet
                entry = b.pending
                justification = f'<span class="badge review">{e(_("requested, not approved"))}</span>'
            elif b.justification is None:
                justification = f'<span class="badge denied">{e(_("missing"))}</span>'
            else:
                justification = e(b.justification)
            where = str(entry.get("file") or "") + (f":{entry['line']}" if entry.get("line") else "")
            named = "<br>".join(e(v) for v in (entry.get("id"), where) if v) or "–"
            out.append(
                f'<tr><td class="mono">{e(b.ref)}</td>'
                f'<td class="mono">{e(b.license or _("unknown"))}</td>'
                f"<td>{e(_(REASON_WORDS[b.reason]))}</td><td>{justification}</td>"
                f"<td>{e(_(entry['basis']) if entry.get('basis') else '–')}</td>"
                f"<td>{e(entry.get('approved-by') or '–')}</td><td>{e(entry.get('expires') or '–')}</td>"
                f'<td class="mono">{named}</td></tr>'
            )
        out.append("</tbody>\n</table>")
    if found.unused:
        out.append(
            f"<h3>{e(_('Unused exceptions'))} ({len(found.unused)})</h3>\n<table>\n<thead><tr>"
            + ths(_("Register entry"), _("Package"), _("Justification"), _("State"))
            + "</tr></thead>\n<tbody>"
        )
        for u in found.unused:
            state = _(u.state)
            named = "<br>".join(e(v) for v in (u.exception.id, u.where) if v) or "–"
            out.append(
                f'<tr class="unused"><td class="mono">{named}</td><td class="mono">{e(_(u.what))}</td>'
                f"<td>{e(u.exception.justification or '–')}</td>"
                f'<td><span class="badge unused">{e(state)}</span></td></tr>'
            )
        out.append("</tbody>\n</table>")
    out.append("</section>")
    return "\n".join(out)

"""``--format text``: the report for people, grouped by status, problems first.

Each problem says what (component and licence), where (file:line), why, and what to do next.
After the problems, the Beweislastumkehr: each component that is not open source with its
justification, or missing (osscheck.reports._burden).
Control characters from inputs are shown escaped, never sent to the terminal.
"""

from __future__ import annotations

from collections import Counter

from osscheck.errors import printable
from osscheck.i18n import translator
from osscheck.messages import Message
from osscheck.messages import render as rendered
from osscheck.model import Component, Status
from osscheck.report import Report

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.baseline.match import BaselineResult

_GROUPS = (Status.DENIED, Status.REVIEW, Status.EXEMPTED, Status.ALLOWED, Status.IGNORED)
_MARK = {
    Status.DENIED: "x",
    Status.REVIEW: "?",
    Status.EXEMPTED: "~",
    Status.ALLOWED: "+",
    Status.IGNORED: "-",
}


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    _ = translator(lang)
    out: list[str] = []
    source = {
        "option": _("from the command line"),
        "project": _("declared by the project"),
        "policy": _("policy default"),
    }
    head = f"osscheck {report.tool_version} - {_('policy')} {report.policy_name}"
    if report.outbound:
        head += f" - {_('outbound licence')} {report.outbound} ({source[report.outbound_source]})"
    out.append(head)
    if report.inputs:
        read = ", ".join(f"{i.path} ({len(i.components)})" for i in report.inputs)
        out.append(f"{_('Read')}: {read}")
    else:
        out.append(_("no inputs found"))
    by_component: dict[str, list] = {}
    for f in report.findings:
        if f.component:
            by_component.setdefault(f.component, []).append(f)
    for status in _GROUPS:
        group = [c for c in report.components if c.status is status]
        if not group:
            continue
        out.append("")
        out.append(f"{_(status.value.upper())} ({len(group)})")
        if status in (Status.ALLOWED, Status.IGNORED) and not verbose:
            by_category = Counter(_(c.category or "unknown") for c in group)
            summary = ", ".join(f"{n} {cat}" for cat, n in sorted(by_category.items()))
            out.append(f"  {summary} ({_('use --verbose to list them')})")
            # a finding about one of them (a licence found in its files, say) is shown all the same
            for c in group:
                if any(f.rule != "exception-applied" for f in by_component.get(c.ref, [])):
                    out.extend(_component_lines(c, status, by_component[c.ref], _, lang, report.baseline))
            continue
        for c in group:
            out.extend(_component_lines(c, status, by_component.get(c.ref, []), _, lang, report.baseline))
    general = [f for f in report.findings if not f.component]
    if general:
        out.append("")
        out.append(_("Findings"))
        for f in general:
            where = f" ({f.location})" if f.location else ""
            known = f" [{_('known')}]" if report.baseline and report.baseline.is_known(f) else ""
            out.append(f"  {_(str(f.severity))}: {rendered(f.message, lang)}{where}{known}")
            if f.hint:
                out.append(f"      {_('hint')}: {rendered(f.hint, lang)}")
    out.extend(_burden_lines(report, _))
    if report.errors:
        out.append("")
        out.append(_("Errors"))
        out.extend(f"  {e.format(lang)}" for e in report.errors)
    if report.notes:
        out.append("")
        out.append(_("Notes"))
        out.extend(f"  - {rendered(n, lang)}" for n in report.notes)
    s = report.summary
    out.append("")
    if report.baseline is not None:  # "12 known, 1 new; 3 baseline entries no longer found: ..."
        told = "; ".join(rendered(m, lang) for m in report.baseline.summary())
        out.append(f"{_('Baseline')} {report.baseline.path}: {told}")
    counts = ", ".join(
        f"{getattr(s, k)} {_(k)}"
        for k in ("allowed", "review", "denied", "exempted", "ignored")
        if getattr(s, k)
    )
    if s.passed:
        verdict = _("passed")
    elif report.failed:
        verdict = f"{_('FAILED')} (--fail-on {report.fail_on})"
    else:
        verdict = f"{_('FAILED')} ({_('an input could not be read')})"
    out.append(
        f"{_('Summary')}: {s.components} {_('component') if s.components == 1 else _('components')}: "
        f"{counts or '-'}; "
        f"{s.unknown} {_('unknown')}. {verdict}"
    )
    # the one way out: a name, licence or path from an input cannot move the cursor, clear a line
    # or start one of its own (control characters are shown as \x1b)
    return "\n".join(map(printable, out)) + "\n"


def _component_lines(  # type: ignore[no-untyped-def]
    c: Component, status: Status, findings: list, _, lang: str, baseline: BaselineResult | None = None
) -> list[str]:
    name = c.ref
    lic = c.license or _("no licence")
    known = f"  [{_('known')}]" if baseline and baseline.knows_all(findings) else ""
    lines = [f"  {_MARK[status]} {name}  {lic}{known}"]
    if c.chosen and c.license and c.chosen != c.license:
        lines[-1] += f"  ({_('chosen')}: {c.chosen})"
    if c.location:
        lines.append(f"      {c.location}")
    if c.declared and c.method not in ("spdx", "concluded"):
        shown = _shown([d.value for d in c.declared])
        lines.append(f"      {_('declared')}: {shown}  [{c.method}, {c.confidence or 0:.2f}]")
    elif c.method == "observed" and c.extra.get("observed"):
        # nothing declared: say that the licence comes from a scan of the files
        shown = _shown(c.extra["observed"])
        lines.append(f"      {_('found in its files')}: {shown}  [{c.method}, {c.confidence or 0:.2f}]")
    for f in findings:
        if f.rule in ("exception-applied",):
            continue
        lines.append(f"      {_('why')}: {rendered(f.detail, lang)}")
        if f.hint:
            lines.append(f"      {_('hint')}: {rendered(f.hint, lang)}")
    if c.exception:
        exp = c.exception.get("expires")
        lines.append(
            f"      {_('exception')}: {c.exception['justification']}"
            + (f" ({_('expires')} {exp})" if exp else "")
        )
    return lines


def _burden_lines(report: Report, _) -> list[str]:  # type: ignore[no-untyped-def]
    """Beweislastumkehr: each component that is not open source with its justification, or missing."""
    from osscheck.reports._burden import REASON_WORDS, burden_of_proof

    burden = burden_of_proof(report)
    if not burden.components and not burden.unused:
        return ["", _(Message("burden.nothing"))]
    total, missing = len(burden.components), burden.missing
    lines = ["", _("Burden of proof (every non-open-source component justified)")]
    lines.append(f"  {_(Message('burden.counts', total=total, justified=total - missing, missing=missing))}")
    for b in burden.components:
        lic = b.license or _("no licence")
        mark, why = ("~", "") if b.justification is not None else ("!", f": {_('missing')}")
        if b.justification is None and b.pending is not None:  # requested: on its way, not in force
            where = _pending_where(b.pending)
            why = f": {_('requested, not approved')}" + (f" ({where})" if where else "")
        lines.append(f"  {mark} {b.ref}  {lic}  {_(REASON_WORDS[b.reason])}{why}")
        if b.justification is not None and b.entry is not None:
            entry = b.entry
            facts = [_(entry["basis"]) if entry.get("basis") else ""]
            facts.append(f"{_('Approved by')}: {entry['approved-by']}" if entry.get("approved-by") else "")
            facts.append(f"{_('expires')} {entry['expires']}" if entry.get("expires") else "")
            told = "; ".join(f for f in facts if f)
            lines.append(f"      {_('Justification')}: {b.justification}" + (f" ({told})" if told else ""))
            lines.append(f"      {_('Register entry')}: {_entry_name(entry)}")
        elif b.justification is not None:  # the policy's own decision (non-osi = allow)
            lines.append(f"      {_('Justification')}: {b.justification}")
    if burden.unused:
        lines.append(f"  {_('Unused exceptions')} ({len(burden.unused)})")
        for u in burden.unused:
            state = _(u.state)
            named = f" [{u.exception.id}]" if u.exception.id else ""
            lines.append(f"    {u.where}{named}  {_(u.what)}: {state}")
    return lines


def _entry_name(entry: dict) -> str:
    """A register entry by its id and where it is written (FILE:LINE)."""
    where = entry.get("file") or ""
    if entry.get("line"):
        where += f":{entry['line']}"
    return f"{entry['id']} ({where})" if entry.get("id") else where


def _shown(values: list[str]) -> str:
    """The first three licence statements, each on one line and cut to 60 characters."""
    flat = (" ".join(v.split()) for v in values[:3])  # a pasted licence text must not break the layout
    return "; ".join(v if len(v) <= 60 else v[:57] + "..." for v in flat)


def _pending_where(pending: dict[str, object]) -> str:
    """``register.toml:12``: where the requested entry is."""
    file, line = pending.get("file"), pending.get("line")
    return printable(f"{file}:{line}" if file and line else str(file or ""))

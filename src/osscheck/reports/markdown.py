"""``--format markdown``: a job summary or merge-request comment (GitHub, GitLab, Gitea/Forgejo).

A title that says passed or failed, the counts, then what needs attention: problems (denied, review)
with component, licence, where, why and what to do; exceptions with their justification and expiry;
findings about the project; further findings about allowed and exempted components (a licence found
in their files, a registry that disagrees); the Beweislastumkehr (each component that is not open source
with its justification, or missing, and the register entries that cleared nothing). Allowed
components sit in a collapsed ``<details>``, at most
``ALLOWED_SHOWN`` of them. Each table stops at a byte budget unless ``--verbose``, since GitHub
rejects a job summary over 1 MiB and GitLab a comment over 1,000,000 characters; the note under a cut
table points to the CSV format, the full inventory. Every value from an input file is escaped:
purls and licences go into code spans, free text has Markdown and HTML characters escaped, so an
input cannot inject markup; URLs in free text go into code spans and an ``@`` is followed by a
zero-width space, so that a name cannot mention (ping) anyone or become a link in a comment.
Control characters are shown escaped (``\x1b``).
"""

from __future__ import annotations

import re

from osscheck.errors import printable
from osscheck.i18n import translator
from osscheck.messages import Message
from osscheck.model import Component, Finding, Status
from osscheck.report import Report
from osscheck.reports import _ci

ALLOWED_SHOWN = 500
# bytes per table, so that the whole summary stays below GitHub's 1 MiB
PROBLEM_BYTES = 600_000
EXCEPTION_BYTES = 150_000
LISTED_BYTES = 100_000

_ICON = {
    Status.DENIED: "\N{CROSS MARK}",
    Status.REVIEW: "\N{WARNING SIGN}\N{VARIATION SELECTOR-16}",
    Status.EXEMPTED: "\N{BALLOT BOX WITH CHECK}\N{VARIATION SELECTOR-16}",
    Status.ALLOWED: "\N{WHITE HEAVY CHECK MARK}",
    Status.IGNORED: "\N{HEAVY MINUS SIGN}",
}


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    _ = translator(lang)  # the words of this report, and the messages and hints of the findings
    grouped = _ci.findings_by_component(report)
    out: list[str] = []
    out += _title(report, _)
    out += _counts(report, _)
    out += _problems(report, grouped, verbose, _)
    out += _exceptions(report, verbose, _)
    out += _project(report, _)
    out += _further(report, verbose, _)
    out += _burden(report, verbose, _)
    out += _readiness(report, _)
    out += _errors(report, _, lang)
    out += _allowed(report, Status.ALLOWED, "Allowed components", verbose, _)
    out += _allowed(report, Status.IGNORED, "Not judged", verbose, _)
    if report.notes:
        out += ["", f"### {_('Notes')}", ""]
        out += [f"- {text(_(n))}" for n in report.notes]
    return "\n".join(out).rstrip("\n") + "\n"


def _title(report: Report, _) -> list[str]:  # type: ignore[no-untyped-def]
    s = report.summary
    verdict = (
        f"\N{WHITE HEAVY CHECK MARK} osscheck: {_('passed')}"
        if s.passed
        else f"\N{CROSS MARK} osscheck: {_('failed')}"
    )
    line = f"{_('Policy')} {code(report.policy_name)}"
    if report.policy_title:
        line += f" ({text(report.policy_title)})"
    if report.outbound:
        line += f" · {_('outbound licence')} {code(report.outbound)}"
    line += f" · {_('inputs')}: {len(report.inputs)} · `--fail-on {report.fail_on}`"
    out = [f"## {verdict}", "", line]
    if report.baseline is not None:  # "12 known, 1 new; 3 baseline entries no longer found: ..."
        told = "; ".join(_(m) for m in report.baseline.summary())
        out += ["", f"{_('Baseline')} {code(report.baseline.path)}: {text(told)}"]
    if not report.inputs:
        out += [
            "",
            f"> \N{WARNING SIGN}\N{VARIATION SELECTOR-16} {_('No inputs found: nothing was checked.')}",
        ]
    return out


def _counts(report: Report, _) -> list[str]:  # type: ignore[no-untyped-def]
    s = report.summary
    rows = ["", f"| {_('Status')} | {_('Count')} |", "| --- | ---: |"]
    for status in (Status.DENIED, Status.REVIEW, Status.EXEMPTED, Status.ALLOWED, Status.IGNORED):
        n = getattr(s, status.value)
        if n or status in (Status.DENIED, Status.REVIEW, Status.ALLOWED):
            rows.append(f"| {_ICON[status]} {_(status.value)} | {n} |")
    rows.append(f"| {_('unknown licence')} | {s.unknown} |")
    rows.append(f"| **{_('components')}** | **{s.components}** |")
    return rows


def _problems(report: Report, grouped: dict[str, list[Finding]], verbose: bool, _) -> list[str]:  # type: ignore[no-untyped-def]
    problems = [c for c in report.components if c.status in (Status.DENIED, Status.REVIEW)]
    if not problems:
        return []
    baseline = report.baseline
    known = {c.ref for c in problems if baseline is not None and baseline.knows_all(grouped.get(c.ref, []))}
    # stable: denied first; with a baseline, what is new before what is known (a cut table keeps it)
    problems.sort(key=lambda c: (c.ref in known, 0 if c.status is Status.DENIED else 1))
    fails = {"denied": {Status.DENIED}, "review": {Status.DENIED, Status.REVIEW}}.get(report.fail_on, set())
    rows = [
        "",
        f"### {_('Problems')} ({len(problems)})",
        "",
        f"| | {_('Component')} | {_('Licence')} | {_('Where')} | {_('Why')} | {_('What to do')} |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    body = []
    for c in problems:
        found = [f for f in grouped.get(c.ref, []) if f.rule not in _ci.NOT_A_PROBLEM]
        why = _unique(_(f.detail) for f in found)
        hints = _unique(_(f.hint) for f in found if f.hint)
        status = _(str(c.status))
        failing = c.status in fails and c.ref not in known
        mark = f"{_ICON[c.status]} **{status}**" if failing else f"{_ICON[c.status]} {status}"  # type: ignore[index]
        mark += f" ({_('known')})" if c.ref in known else ""
        body.append(
            f"| {mark} | {code(c.ref)} | {_licence(c, _)} | {_where(c)} | "
            f"{'<br>'.join(text(w) for w in why) or '-'} | {'<br>'.join(text(h) for h in hints) or '-'} |"
        )
    return rows + _fit(body, None if verbose else PROBLEM_BYTES, _)


def _exceptions(report: Report, verbose: bool, _) -> list[str]:  # type: ignore[no-untyped-def]
    exempted = [c for c in report.components if c.status is Status.EXEMPTED]
    if not exempted:
        return []
    rows = [
        "",
        f"### {_ICON[Status.EXEMPTED]} {_('Accepted by exception')} ({len(exempted)})",
        "",
        f"| {_('Component')} | {_('Licence')} | {_('Justification')} | {_('Approved by')} | "
        f"{_('Reference')} | {_('Expires')} |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    body = []
    for c in exempted:
        exc = c.exception or {}
        cells = [str(exc.get(k) or "") for k in ("justification", "approved-by", "reference", "expires")]
        body.append(
            f"| {code(c.ref)} | {_licence(c, _)} | " + " | ".join(text(v) or "-" for v in cells) + " |"
        )
    return rows + _fit(body, None if verbose else EXCEPTION_BYTES, _)


def _project(report: Report, _) -> list[str]:  # type: ignore[no-untyped-def]
    findings = _ci.project_findings(report)
    if not findings:
        return []
    rows = [
        "",
        f"### {_('Project findings')} ({len(findings)})",
        "",
        f"| {_('Severity')} | {_('Finding')} | {_('Where')} | {_('What to do')} |",
        "| --- | --- | --- | --- |",
    ]
    for f in findings:
        where = code(_location_text(f)) if f.location else "-"
        hint = _(f.hint) if f.hint else ""
        severity = f"{_(str(f.severity))}{_known(report, f, _)}"
        rows.append(f"| {severity} | {text(_(f.message))} | {where} | {text(hint) or '-'} |")
    return rows


def _further(report: Report, verbose: bool, _) -> list[str]:  # type: ignore[no-untyped-def]
    """Findings about allowed and exempted components (a licence found in their files, say)."""
    findings = _ci.further_findings(report)
    if not findings:
        return []
    rows = [
        "",
        f"### {_('Further findings')} ({len(findings)})",
        "",
        f"| {_('Severity')} | {_('Component')} | {_('Finding')} | {_('Where')} | {_('What to do')} |",
        "| --- | --- | --- | --- | --- |",
    ]
    body = []
    for f in findings:
        where = code(_location_text(f)) if f.location else "-"
        hint = _(f.hint) if f.hint else ""
        severity = f"{_(str(f.severity))}{_known(report, f, _)}"
        body.append(
            f"| {severity} | {code(f.component or '')} | {text(_(f.detail))} | {where} | "
            f"{text(hint) or '-'} |"
        )
    return rows + _fit(body, None if verbose else PROBLEM_BYTES, _)


def _burden(report: Report, verbose: bool, _) -> list[str]:  # type: ignore[no-untyped-def]
    """Beweislastumkehr: each component that is not open source with its justification, or missing;
    then the register entries that cleared nothing."""
    from osscheck.reports._burden import REASON_WORDS, burden_of_proof

    burden = burden_of_proof(report)
    if not burden.components and not burden.unused:
        return ["", f"### {_(Message('burden.nothing'))}"]
    total, missing = len(burden.components), burden.missing
    rows = [
        "",
        f"### {_('Burden of proof (every non-open-source component justified)')}",
        "",
        text(_(Message("burden.counts", total=total, justified=total - missing, missing=missing))),
    ]
    if burden.components:
        rows += [
            "",
            f"| {_('Component')} | {_('Licence')} | {_('Why')} | {_('Justification')} | {_('Basis')} | "
            f"{_('Approved by')} | {_('Expires')} | {_('Register entry')} |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        body = []
        for b in burden.components:
            entry = b.entry or {}
            justification = text(b.justification) if b.justification is not None else f"**{_('missing')}**"
            if b.justification is None and b.pending is not None:  # requested, not in force yet
                entry = b.pending
                justification = f"**{_('requested, not approved')}**"
            file = _ci.relative_path(entry["file"]) if entry.get("file") else ""
            where = f"{file}:{entry['line']}" if entry.get("line") else file
            named = " ".join(code(str(v)) for v in (entry.get("id"), where) if v)
            cells = [text(str(entry.get(k) or "")) or "-" for k in ("approved-by", "expires")]
            basis = _(entry["basis"]) if entry.get("basis") else "-"
            body.append(
                f"| {code(b.ref)} | {code(b.license) if b.license else _('no licence')} | "
                f"{_(REASON_WORDS[b.reason])} | {justification} | {text(basis)} | "
                + " | ".join(cells)
                + f" | {named or '-'} |"
            )
        rows += _fit(body, None if verbose else EXCEPTION_BYTES, _)
    if burden.unused:
        rows += ["", f"#### {_('Unused exceptions')} ({len(burden.unused)})", ""]
        listed = []
        for u in burden.unused:
            state = _(u.state)
            named = f" {code(str(u.exception.id))}" if u.exception.id else ""
            where = _ci.relative_path(u.file) + (f":{u.line}" if u.line else "") if u.file else ""
            listed.append(f"- {code(where) if where else '-'}{named} {text(_(u.what))}: {text(state)}")
        rows += _fit(listed, None if verbose else LISTED_BYTES, _)
    return rows


def _readiness(report: Report, _) -> list[str]:  # type: ignore[no-untyped-def]
    """openCode readiness: the badge and publication checks osscheck can answer (open-code policy)."""
    from osscheck.reports import _readiness as readiness  # lazy: start-up

    if not readiness.applies(report):
        return []
    icons = {
        readiness.PASSED: "\N{WHITE HEAVY CHECK MARK}",
        readiness.FAILED: "\N{CROSS MARK}",
        readiness.NOT_ANSWERED: "\N{HEAVY MINUS SIGN}",
    }
    rows = [
        "",
        f"### {_('openCode readiness')}",
        "",
        f"| | {_('Check')} | {_('What to do')} |",
        "| --- | --- | --- |",
    ]
    for item, state, detail in readiness.checklist(report):
        rows.append(f"| {icons[state]} | {text(_(item))} | {text(_(detail)) if detail else '-'} |")
    return rows


def _errors(report: Report, _, lang: str) -> list[str]:  # type: ignore[no-untyped-def]
    if not report.errors:
        return []
    return ["", f"### {_('Unreadable inputs')} ({len(report.errors)})", ""] + [
        f"- {text(e.format(lang))}" for e in report.errors
    ]


def _allowed(report: Report, status: Status, title: str, verbose: bool, _) -> list[str]:  # type: ignore[no-untyped-def]
    group = [c for c in report.components if c.status is status]
    if not group:
        return []
    shown = group if verbose else group[:ALLOWED_SHOWN]
    body = [
        f"| {code(c.ref)} | {_licence(c, _)} | {_(c.category or 'unknown')} | {_where(c)} |" for c in shown
    ]
    rows = [
        "",
        "<details>",
        f"<summary>{_ICON[status]} {_(title)} ({len(group)})</summary>",
        "",
        f"| {_('Component')} | {_('Licence')} | {_('Category')} | {_('Where')} |",
        "| --- | --- | --- | --- |",
    ]
    rows += _fit(body, None if verbose else LISTED_BYTES, _, len(group) - len(shown))
    rows += ["", "</details>"]
    return rows


def _fit(body: list[str], budget: int | None, _, left_out: int = 0) -> list[str]:  # type: ignore[no-untyped-def]
    """The table rows that fit into ``budget`` bytes, and a note on how many did not."""
    if budget is not None:
        used = 0
        for n, row in enumerate(body):
            used += len(row.encode("utf-8")) + 1
            if used > budget:
                left_out += len(body) - n
                body = body[:n]
                break
    if left_out:
        more = _("and {n} more: use --verbose, or --format csv for the whole inventory")
        body = [*body, "", text(more.format(n=left_out))]
    return body


def _known(report: Report, f: Finding, _) -> str:  # type: ignore[no-untyped-def]
    """`` (known)`` after a finding the baseline knows."""
    return f" ({_('known')})" if report.baseline is not None and report.baseline.is_known(f) else ""


def _licence(c: Component, _) -> str:  # type: ignore[no-untyped-def]
    if not c.license:
        return _("no licence")
    shown = code(c.license)
    if c.chosen and c.chosen != c.license:
        shown += f" → {code(c.chosen)}"
    return shown


def _where(c: Component) -> str:
    if not c.location:
        return "-"
    path = _ci.relative_path(c.location.path)
    return code(f"{path}:{c.location.line}" if c.location.line else path)


def _location_text(f: Finding) -> str:
    assert f.location is not None
    path = _ci.relative_path(f.location.path)
    return f"{path}:{f.location.line}" if f.location.line else path


def _unique(items) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return seen


def code(value: str) -> str:
    """A code span: shown literally, no mentions or links; ``|`` escaped for tables."""
    cleaned = printable(value.replace("`", "'").replace("\r", " ").replace("\n", " ")).replace("|", "\\|")
    return f"`{cleaned}`"


_ESCAPE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "|": "\\|",
        "~": "\\~",
        "#": "\\#",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "\r": " ",
        "\n": "<br>",
        "@": "@&#8203;",  # a zero-width space: no mention, no e-mail autolink
    }
)
# what GitHub and GitLab turn into links by themselves (GFM autolinks): shown as code instead
_LINK = re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>`|]*")


def text(value: str) -> str:
    """Free text from an input or a message, safe inside a table cell or a list item."""
    out, start = [], 0
    for link in _LINK.finditer(value):
        out += [_plain(value[start : link.start()]), code(link.group())]
        start = link.end()
    out.append(_plain(value[start:]))
    return "".join(out)


def _plain(value: str) -> str:
    # printable after the table: "\n" becomes <br>, any other control character \xNN (a backslash
    # before a letter is shown as it is)
    return printable(value.translate(_ESCAPE))

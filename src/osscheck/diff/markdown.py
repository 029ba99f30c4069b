"""``osscheck diff -f markdown``: the merge-request comment (or ``$GITHUB_STEP_SUMMARY``) of a diff.

Made from the ``osscheck-diff/1`` document alone (docs/diff.md). A title that says passed or failed
under ``--fail-on``, one summary line, then what a reviewer must see first: licence changes, new
problems (denied, review, unknown licence), verdict changes, exceptions that start or stop
applying, new obligations; the added, removed, upgraded and downgraded components follow, folded
into ``<details>`` when a list is long. Every value from an input passes the report's escaping
(reports/markdown.py ``code`` and ``text``): licence ids and purls in code spans, free text with
Markdown and HTML characters escaped, control characters shown as ``\\x1b``. Each table stops at a
byte budget, since GitHub rejects a job summary over 1 MiB and GitLab a comment over 1,000,000
characters; the JSON format always holds everything.

The selections of the document (which changes are licence changes, which components are new
problems, ...) are shared with the HTML page (diff/html.py).
"""

from __future__ import annotations

from osscheck.licenses.obligations import describe
from osscheck.messages import Message, translator
from osscheck.reports._ci import relative_path
from osscheck.reports.markdown import code, text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from typing import Any

    Translate = Callable[[str | Message], str]

#: more rows than this, and a list of components is folded into ``<details>``
FOLD_ROWS = 10
# bytes per table: together well below GitHub's 1 MiB and GitLab's 1,000,000 characters
REVIEW_BYTES = 150_000  # each of the sections a reviewer reads first
LIST_BYTES = 80_000  # each list of added, removed, upgraded, ... components
LINES_BYTES = 40_000  # errors, notes

#: the statuses a component can have, worst first (the order problems are listed in)
STATUS_ORDER = ("denied", "review", "exempted", "allowed", "ignored")
_ICON = {
    "denied": "\N{CROSS MARK}",
    "review": "\N{WARNING SIGN}\N{VARIATION SELECTOR-16}",
    "exempted": "\N{BALLOT BOX WITH CHECK}\N{VARIATION SELECTOR-16}",
    "allowed": "\N{WHITE HEAVY CHECK MARK}",
    "ignored": "\N{HEAVY MINUS SIGN}",
}
#: the words of ``license_change`` and ``exception_change`` as a table shows them
LICENSE_CHANGE_WORDS = {
    "same": "same",
    "wider": "wider",
    "narrower": "narrower",
    "relicensed": "relicensed",
    "found": "found",
    "lost": "lost",
}
EXCEPTION_CHANGE_WORDS = {
    "started": "now applies",
    "stopped": "no longer applies",
    "other": "another one applies",
}
#: the summary's figures of change, as the summary line and the page's cards name them
FIGURES = {
    "added": "added",
    "removed": "removed",
    "upgraded": "upgraded",
    "downgraded": "downgraded",
    "license_changes": "licence changes",
    "relicensed": "relicensed",
    "category_changes": "category changes",
    "verdict_changes": "verdict changes",
    "new_denied": "new denied",
    "new_review": "new review",
    "new_unknown": "new unknown licence",
    "exceptions_started": "exceptions started",
    "exceptions_stopped": "exceptions stopped",
    "obligations_added": "obligations added",
    "obligations_removed": "obligations removed",
}
#: the figures the summary line of the comment shows (after the number of components)
SUMMARY_LINE = (
    "added",
    "removed",
    "upgraded",
    "downgraded",
    "license_changes",
    "new_denied",
    "new_review",
    "new_unknown",
)


# --- the selections, shared with diff/html.py ---------------------------------------------------


def changed(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return list(document.get("changed") or ())


def licence_changes(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The changes ``--fail-on licence-change`` looks at: another licence, or another category."""
    return [
        c for c in changed(document) if c.get("license_change", "same") != "same" or c.get("category_change")
    ]


def new_problems(
    document: Mapping[str, Any],
) -> list[tuple[str, Mapping[str, Any], Mapping[str, Any] | None]]:
    """Components denied, to review or without a licence in NEW that were not so in OLD (added ones
    count): ``(component, new, old)`` with ``old`` None for an added one; the worst first."""
    found: list[tuple[str, Mapping[str, Any], Mapping[str, Any] | None]] = []
    for c in document.get("added") or ():
        if c.get("status") in ("denied", "review") or c.get("license") is None:
            found.append((str(c.get("component", "")), c, None))
    for c in changed(document):
        old, new = c.get("old") or {}, c.get("new") or {}
        status = new.get("status")
        if (status in ("denied", "review") and old.get("status") != status) or (
            new.get("license") is None and old.get("license") is not None
        ):
            found.append((str(c.get("component", "")), new, old))
    return sorted(found, key=lambda f: (_rank(f[1].get("status")), f[0]))


def verdict_changes(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for c in changed(document) if c.get("status_change")]


def exception_changes(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [c for c in changed(document) if c.get("exception_change")]


def version_changes(document: Mapping[str, Any], kind: str) -> list[Mapping[str, Any]]:
    """The changes whose ``version_change`` is ``kind`` (upgraded, downgraded, changed)."""
    return [c for c in changed(document) if c.get("version_change") == kind]


def new_obligations(document: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """Each obligation the project did not have before, with the components that bring it now."""
    added = list((document.get("obligations") or {}).get("added") or ())
    brought: dict[str, list[str]] = {ob: [] for ob in added}
    for c in document.get("added") or ():
        for ob in c.get("obligations") or ():
            brought.get(ob, []).append(str(c.get("component", "")))
    for c in changed(document):
        for ob in (c.get("new") or {}).get("obligations") or ():
            brought.get(ob, []).append(str(c.get("component", "")))
    return [(ob, sorted(set(brought[ob]))) for ob in added]


def failing_conditions(document: Mapping[str, Any]) -> list[tuple[str, int]]:
    """The ``--fail-on`` conditions that hold, each with the number of components that make it hold."""
    summary = document.get("summary") or {}
    counts = {
        "new-denied": int(summary.get("new_denied") or 0),
        "licence-change": len(licence_changes(document)),
        "new-review": int(summary.get("new_review") or 0),
    }
    return [(str(c), counts[c]) for c in summary.get("fail_on") or () if counts.get(c)]


def _rank(status: object) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


# --- the comment ---------------------------------------------------------------------------------


def render(document: Mapping[str, Any], lang: str = "en") -> str:
    _ = translator(lang)
    out = _title(document, _)
    sections = [
        _licence_changes(document, _),
        _new_problems(document, _),
        _verdict_changes(document, _),
        _exception_changes(document, _),
        _obligations(document, lang, _),
        _listed(document.get("added") or (), "Added components", _),
        _listed(document.get("removed") or (), "Removed components", _),
        _versions(version_changes(document, "upgraded"), "Upgraded components", _),
        _versions(version_changes(document, "downgraded"), "Downgraded components", _),
        _versions(version_changes(document, "changed"), "Other version changes", _),
    ]
    if not any(sections):
        out += ["", _("No changes.")]
    for section in sections:
        out += section
    for title, lines in (("Errors", document.get("errors")), ("Notes", document.get("notes"))):
        if lines:
            body = [f"- {text(str(line))}" for line in lines]
            out += ["", f"### {_(title)} ({len(lines)})", "", *_fit(body, LINES_BYTES, _)]
    return "\n".join(out).rstrip("\n") + "\n"


def _title(document: Mapping[str, Any], _: Translate) -> list[str]:
    s = document.get("summary") or {}
    failed = bool(s.get("failed"))
    verdict = (
        f"\N{CROSS MARK} osscheck diff: {_('failed')}"
        if failed
        else f"\N{WHITE HEAVY CHECK MARK} osscheck diff: {_('passed')}"
    )
    old, new = document.get("old") or {}, document.get("new") or {}
    line = f"{code(str(old.get('source', '')))} → {code(str(new.get('source', '')))}"
    policy = new.get("policy") or old.get("policy")
    if policy:
        line += f" · {_('Policy')} {code(str(policy))}"
    line += f" · {_('components')}: {s.get('old_components', 0)} → {s.get('new_components', 0)}"
    for key in SUMMARY_LINE:
        line += f" · {_(FIGURES[key])}: {s.get(key, 0)}"
    fail_on = ",".join(str(x) for x in s.get("fail_on") or ()) or "never"
    line += f" · {code('--fail-on ' + fail_on)}"
    out = [f"## {verdict}", "", line]
    held = failing_conditions(document)
    if failed and held:
        reasons = ", ".join(f"{code(condition)} ({n})" for condition, n in held)
        out += ["", f"> {_('Fails because of')}: {reasons}"]
    return out


def _licence_changes(document: Mapping[str, Any], _: Translate) -> list[str]:
    rows = []
    for c in licence_changes(document):
        old, new = c.get("old") or {}, c.get("new") or {}
        kind = str(c.get("license_change", "same"))
        word = _(LICENSE_CHANGE_WORDS.get(kind, kind))
        if kind == "relicensed":
            word = f"**{word}**"
        rows.append(
            _row(
                code(str(c.get("component", ""))),
                _versions_cell(old, new),
                _licence_pair(old, new, _),
                word,
                _category_pair(old, new, _),
            )
        )
    head = ("Component", "Version", "Licence", "Change", "Category")
    return _section("Licence changes", head, rows, REVIEW_BYTES, _)


def _new_problems(document: Mapping[str, Any], _: Translate) -> list[str]:
    rows = []
    for component, new, old in new_problems(document):
        before = _("added") if old is None else f"{_status(old, _)}, {_licence(old, _)}"
        rows.append(
            _row(
                _status(new, _, strong=True),
                code(component),
                _version(new),
                _licence(new, _),
                _(str(new.get("category") or "unknown")),
                before,
            )
        )
    head = ("Status", "Component", "Version", "Licence", "Category", "Before")
    return _section("New problems", head, rows, REVIEW_BYTES, _)


def _verdict_changes(document: Mapping[str, Any], _: Translate) -> list[str]:
    rows = []
    for c in verdict_changes(document):
        old, new = c.get("old") or {}, c.get("new") or {}
        rows.append(
            _row(
                code(str(c.get("component", ""))),
                _versions_cell(old, new),
                f"{_status(old, _)} → {_status(new, _, strong=True)}",
                _licence_pair(old, new, _),
            )
        )
    head = ("Component", "Version", "Verdict", "Licence")
    return _section("Verdict changes", head, rows, REVIEW_BYTES, _)


def _exception_changes(document: Mapping[str, Any], _: Translate) -> list[str]:
    rows = []
    for c in exception_changes(document):
        old, new = c.get("old") or {}, c.get("new") or {}
        kind = str(c.get("exception_change"))
        rows.append(
            _row(
                code(str(c.get("component", ""))),
                _versions_cell(old, new),
                _(EXCEPTION_CHANGE_WORDS.get(kind, kind)),
                text(str(old.get("exception"))) if old.get("exception") else "-",
                text(str(new.get("exception"))) if new.get("exception") else "-",
                f"{_status(old, _)} → {_status(new, _)}",
            )
        )
    head = ("Component", "Version", "Exception", "Before", "After", "Verdict")
    return _section("Exceptions started or stopped", head, rows, REVIEW_BYTES, _)


def _obligations(document: Mapping[str, Any], lang: str, _: Translate) -> list[str]:
    rows = []
    for ob, components in new_obligations(document):
        shown = ", ".join(code(x) for x in components[:FOLD_ROWS])
        if len(components) > FOLD_ROWS:
            shown += " " + text(_(Message("diff-report.more", n=len(components) - FOLD_ROWS)))
        rows.append(_row(f"{text(describe(ob, lang))} ({code(ob)})", shown or "-"))
    out = _section("New obligations", ("Obligation", "Brought by"), rows, REVIEW_BYTES, _)
    removed = list((document.get("obligations") or {}).get("removed") or ())
    if removed:
        listed = ", ".join(f"{text(describe(ob, lang))} ({code(ob)})" for ob in removed)
        out += ["", f"{_('Obligations no longer brought')}: {listed}"]
    return out


def _listed(components: Iterable[Mapping[str, Any]], title: str, _: Translate) -> list[str]:
    rows = [
        _row(
            code(str(c.get("component", ""))),
            _version(c),
            _licence(c, _),
            _(str(c.get("category") or "unknown")),
            _status(c, _),
            _where(c),
        )
        for c in components
    ]
    head = ("Component", "Version", "Licence", "Category", "Status", "Where")
    return _section(title, head, rows, LIST_BYTES, _, fold=True)


def _versions(changes: Sequence[Mapping[str, Any]], title: str, _: Translate) -> list[str]:
    rows = []
    for c in changes:
        old, new = c.get("old") or {}, c.get("new") or {}
        rows.append(
            _row(code(str(c.get("component", ""))), _versions_cell(old, new), _licence_pair(old, new, _))
        )
    return _section(title, ("Component", "Version", "Licence"), rows, LIST_BYTES, _, fold=True)


def _section(
    title: str, head: Sequence[str], rows: list[str], budget: int, _: Translate, fold: bool = False
) -> list[str]:
    """A heading and its table; folded into ``<details>`` when asked and longer than FOLD_ROWS."""
    if not rows:
        return []
    heading = f"{_(title)} ({len(rows)})"
    table = [_row(*(_(h) for h in head)), "| " + " | ".join("---" for _h in head) + " |"]
    table += _fit(rows, budget, _)
    if fold and len(rows) > FOLD_ROWS:
        return ["", "<details>", f"<summary>{heading}</summary>", "", *table, "", "</details>"]
    return ["", f"### {heading}", "", *table]


def _fit(rows: list[str], budget: int, _: Translate) -> list[str]:
    """The rows that fit into ``budget`` bytes, and a line saying how many did not."""
    used = 0
    for n, row in enumerate(rows):
        used += len(row.encode("utf-8")) + 1
        if used > budget:
            more = _(Message("diff-report.more-rows", n=len(rows) - n))
            return [*rows[:n], "", text(more)]
    return rows


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _status(c: Mapping[str, Any], _: Translate, strong: bool = False) -> str:
    status = str(c.get("status") or "unknown")
    word = _(status)
    if strong and status in ("denied", "review"):
        word = f"**{word}**"
    return f"{_ICON[status]} {word}" if status in _ICON else text(word)


def _version(c: Mapping[str, Any]) -> str:
    return code(str(c["version"])) if c.get("version") else "-"


def _versions_cell(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    if old.get("version") == new.get("version"):
        return _version(new)
    return f"{_version(old)} → {_version(new)}"


def _licence(c: Mapping[str, Any], _: Translate) -> str:
    return code(str(c["license"])) if c.get("license") else _("no licence")


def _licence_pair(old: Mapping[str, Any], new: Mapping[str, Any], _: Translate) -> str:
    if old.get("license") == new.get("license"):
        return _licence(new, _)
    return f"{_licence(old, _)} → {_licence(new, _)}"


def _category_pair(old: Mapping[str, Any], new: Mapping[str, Any], _: Translate) -> str:
    before, after = str(old.get("category") or "unknown"), str(new.get("category") or "unknown")
    return _(after) if before == after else f"{_(before)} → **{_(after)}**"


def _where(c: Mapping[str, Any]) -> str:
    location = c.get("location") or {}
    if not location.get("path"):
        return "-"
    path = relative_path(str(location["path"]))
    return code(f"{path}:{location['line']}" if location.get("line") else path)

"""``osscheck diff -f text``: what changed, for people; licence changes first, as the text report reads.

Every value from the inputs (names, versions, licences, paths) is shown with its control characters
escaped (errors.printable).
"""

from __future__ import annotations

from osscheck.errors import printable
from osscheck.i18n import translator
from osscheck.messages import render as rendered

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any

    from osscheck.errors import OsscheckError
    from osscheck.messages import Message

    Translate = Callable[[Any], str]

_MARK = {"denied": "x", "review": "?", "exempted": "~", "allowed": "+", "ignored": "-"}


def render(
    document: Mapping[str, Any],
    lang: str = "en",
    errors: Sequence[OsscheckError] | None = None,
    notes: Sequence[Message] | None = None,
) -> str:
    """The text of a diff document. ``errors`` and ``notes`` as data render in ``lang`` (else the
    document's English lines are shown)."""
    _ = translator(lang)
    out = [_summary_line(document, _)]
    for which, title in (("old", "Before"), ("new", "After")):
        side = document[which]
        policy = f", {_('policy')} {side['policy']}" if side.get("policy") else ""
        noun = _("component") if side["components"] == 1 else _("components")
        out.append(f"{_(title)}: {side['source']} ({side['components']} {noun}{policy})")
    changed = document["changed"]
    _section(out, _("Licence changes"), [_licence_line(ch, _) for ch in _licence_changes(changed)])
    _section(out, _("Verdict changes"), [_verdict_line(ch, _) for ch in changed if ch["status_change"]])
    for status, title in (("denied", "New denied"), ("review", "New review")):
        _section(out, _(title), _new_with_status(document, status, _))
    _section(out, _("New unknown licences"), _new_unknown(document, _))
    _section(
        out,
        _("Exceptions started or stopped"),
        [_exception_line(ch, _) for ch in changed if ch["exception_change"]],
    )
    _obligations(out, document, lang, _)
    _section(out, _("Added components"), [_component_line("+", c, _) for c in document["added"]])
    _section(out, _("Removed components"), [_component_line("-", c, _) for c in document["removed"]])
    for kind, title in (
        ("upgraded", "Upgraded components"),
        ("downgraded", "Downgraded components"),
        ("changed", "Other version changes"),
    ):
        lines = [_version_line(ch) for ch in changed if ch["version_change"] == kind]
        _section(out, _(title), lines)
    error_lines = [e.format(lang) for e in errors] if errors is not None else list(document["errors"])
    _section(out, _("Errors"), error_lines)
    note_lines = [rendered(n, lang) for n in notes] if notes is not None else list(document["notes"])
    _section(out, _("Notes"), [f"- {n}" for n in note_lines])
    # a name, licence or path from an input cannot move the cursor or start a line of its own
    return "\n".join(map(printable, out)) + "\n"


def _summary_line(document: Mapping[str, Any], _: Translate) -> str:
    s = document["summary"]
    versions = ", ".join(f"{s[k]} {_(k)}" for k in ("added", "removed", "upgraded", "downgraded"))
    # "changes: 1" rather than "1 changes": a count before a plural word reads wrong at one
    licences = f"{_('licence changes')}: {s['license_changes']} ({_('relicensed')}: {s['relicensed']})"
    verdicts = f"{_('verdict changes')}: {s['verdict_changes']}"
    problems = ", ".join(
        f"{s[k]} {_(label)}"
        for k, label in (
            ("new_denied", "new denied"),
            ("new_review", "new review"),
            ("new_unknown", "new unknown licence"),
        )
    )
    if document["errors"]:
        verdict = f"{_('FAILED')} ({_('an input could not be read')})"
    elif s["failed"]:
        verdict = f"{_('FAILED')} (--fail-on {','.join(s['fail_on'])})"
    else:
        verdict = _("passed")
    counts = f"{s['old_components']} -> {s['new_components']} {_('components')}"
    return f"{_('Summary')}: {counts}: {versions}; {licences}, {verdicts}; {problems}. {verdict}"


def _section(out: list[str], title: str, lines: Sequence[str]) -> None:
    if lines:
        out.append("")
        out.append(f"{title} ({len(lines)})")
        out.extend(f"  {line}" for line in lines)


def _licence_changes(changed: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Licence and category changes, relicensings first, then by component."""
    order = {"relicensed": 0, "lost": 1, "narrower": 2, "found": 3, "wider": 4, "same": 5}
    listed = [ch for ch in changed if ch["license_change"] != "same" or ch["category_change"]]
    return sorted(listed, key=lambda ch: (order.get(ch["license_change"], 6), ch["component"]))


def _versions(ch: Mapping[str, Any]) -> str:
    old, new = ch["old"]["version"], ch["new"]["version"]
    if old == new:
        return f"{ch['name']} {old}" if old else ch["name"]
    return f"{ch['name']} {old or '-'} -> {new or '-'}"


def _licence(c: Mapping[str, Any], _: Translate) -> str:
    return c["license"] or _("no licence")


def _licence_line(ch: Mapping[str, Any], _: Translate) -> str:
    line = f"{_versions(ch)}: {_licence(ch['old'], _)} -> {_licence(ch['new'], _)}"
    if ch["category_change"]:
        line += f", {_(ch['category_change']['old'])} -> {_(ch['category_change']['new'])}"
    if ch["license_change"] != "same":
        line += f" [{_(ch['license_change'])}]"
    return line + _where(ch["new"])


def _where(c: Mapping[str, Any]) -> str:
    location = c.get("location")
    if not location:
        return ""
    return f"  ({location['path']}:{location['line']})" if location.get("line") else f"  ({location['path']})"


def _verdict_line(ch: Mapping[str, Any], _: Translate) -> str:
    change = ch["status_change"]
    return f"{_versions(ch)}: {_(change['old'])} -> {_(change['new'])}"


def _new_with_status(document: Mapping[str, Any], status: str, _: Translate) -> list[str]:
    lines = [
        f"{_MARK.get(status, '?')} {_named(c)}  {_licence(c, _)}  ({_('added')})"
        for c in document["added"]
        if c["status"] == status
    ]
    mark = _MARK.get(status, "?")
    lines += [
        f"{mark} {_versions(ch)}  {_licence(ch['new'], _)}  ({_(ch['old']['status'])} -> {_(status)})"
        for ch in document["changed"]
        if ch["new"]["status"] == status and ch["old"]["status"] != status
    ]
    return sorted(lines)


def _new_unknown(document: Mapping[str, Any], _: Translate) -> list[str]:
    lines = [f"{_named(c)}  ({_('added')})" for c in document["added"] if c["license"] is None]
    lines += [
        f"{_versions(ch)}: {ch['old']['license']} -> {_('no licence')}"
        for ch in document["changed"]
        if ch["new"]["license"] is None and ch["old"]["license"] is not None
    ]
    return sorted(lines)


def _named(c: Mapping[str, Any]) -> str:
    return f"{c['name']} {c['version']}" if c.get("version") else c["name"]


def _exception_line(ch: Mapping[str, Any], _: Translate) -> str:
    kind = ch["exception_change"]
    if kind == "started":
        return f"{_versions(ch)}: {_('now applies')}: {ch['new']['exception']}"
    if kind == "stopped":
        return f"{_versions(ch)}: {_('no longer applies')}: {ch['old']['exception']}"
    return (
        f"{_versions(ch)}: {_('another one applies')}: {ch['old']['exception']} -> {ch['new']['exception']}"
    )


def _obligations(out: list[str], document: Mapping[str, Any], lang: str, _: Translate) -> None:
    """The obligations the project has now and did not have, with the components that bring them."""
    from osscheck.licenses.obligations import describe

    bringers: dict[str, list[str]] = {}
    for c in document["added"]:
        for o in c["obligations"]:
            bringers.setdefault(o, []).append(c["name"])
    for ch in document["changed"]:
        for o in ch["obligations"]["added"]:
            bringers.setdefault(o, []).append(ch["name"])
    lines = []
    for o in document["obligations"]["added"]:
        by = ", ".join(sorted(set(bringers.get(o, []))))
        lines.append(f"{o}: {describe(o, lang)}" + (f" ({_('Brought by')}: {by})" if by else ""))
    _section(out, _("New obligations"), lines)
    _section(
        out,
        _("Obligations no longer brought"),
        [f"{o}: {describe(o, lang)}" for o in document["obligations"]["removed"]],
    )


def _component_line(mark: str, c: Mapping[str, Any], _: Translate) -> str:
    return f"{mark} {_named(c)}  {_licence(c, _)}  [{_(c['category'])}, {_(c['status'])}]{_where(c)}"


def _version_line(ch: Mapping[str, Any]) -> str:
    return _versions(ch)

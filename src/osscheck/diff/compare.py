"""The ``osscheck-diff/1`` document of two sides (docs/diff.md).

Works on the sides' ``Component`` objects: a component is made into its dict only when it is listed
(added, removed, changed), so that two 100,000-component SBOMs that differ in a few cost little more
than reading them.
"""

from __future__ import annotations

from osscheck import __version__
from osscheck.diff.change import by_version, identity, license_change, paired, version_change, version_order
from osscheck.messages import Message
from osscheck.model import Component, Status

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

    from osscheck.diff.sides import Side
    from osscheck.errors import OsscheckError

SCHEMA = "osscheck-diff/1"
#: what ``--fail-on`` takes; ``never`` asks for nothing
FAIL_ON = ("new-denied", "licence-change", "new-review", "never")


class Built:
    """The document, with its errors and notes as data (a text report renders them in its language)."""

    __slots__ = ("document", "errors", "notes")

    def __init__(self, document: dict[str, Any], errors: list[OsscheckError], notes: list[Message]) -> None:
        self.document = document
        self.errors = errors
        self.notes = notes

    @property
    def exit_code(self) -> int:
        """2 when an input could not be read, else 1 when a ``--fail-on`` condition holds, else 0."""
        if self.errors:
            return 2
        return 1 if self.document["summary"]["failed"] else 0


def _exception(c: Component) -> str | None:
    """The exception that applied, named by its justification (what a reviewer reads)."""
    return c.exception.get("justification") if c.exception else None


def _same(a: Component, b: Component) -> bool:
    """No difference in what the diff looks at (the location is not: a moved line is no change)."""
    return (
        a.version == b.version
        and a.license == b.license
        and a.category == b.category
        and a.status == b.status
        and (a.obligations == b.obligations or set(a.obligations) == set(b.obligations))
        and (a.exception is b.exception or _exception(a) == _exception(b))
    )


def _listed(c: Component, key: str | None = None) -> dict[str, Any]:
    """COMPONENT of the document (without ``component`` when ``key`` is None: the sides of a CHANGE)."""
    out: dict[str, Any] = {} if key is None else {"component": key}
    location = c.location
    out.update(
        {
            "name": c.name,
            "version": c.version,
            "purl": c.purl,
            "license": c.license,
            "category": c.category or "unknown",
            "status": _status(c),
            "obligations": sorted(set(c.obligations)),
            "exception": _exception(c),
            "location": {"path": location.path, "line": location.line} if location else None,
        }
    )
    return out


def _status(c: Component) -> str:
    status = c.status
    return status.value if isinstance(status, Status) else str(status or "unknown")


def _grouped(components: Iterable[Component]) -> tuple[dict[str, Component], dict[str, list[Component]]]:
    """Each component by its key: the first of each key, and every one of the keys held more than once.

    Two dicts rather than one of lists: nearly every key is held once, and a list each would cost
    100,000 of them.
    """
    first: dict[str, Component] = {}
    more: dict[str, list[Component]] = {}
    for c in components:
        key = identity(c)
        held = first.setdefault(key, c)
        if held is not c:
            group = more.get(key)
            if group is None:
                more[key] = [held, c]
            else:
                group.append(c)
    return first, more


def _change(key: str, a: Component, b: Component) -> dict[str, Any]:
    old, new = _listed(a), _listed(b)
    before, after = _exception(a), _exception(b)
    exception_change = None
    if before != after:
        exception_change = "started" if before is None else "stopped" if after is None else "other"
    old_obligations, new_obligations = set(old["obligations"]), set(new["obligations"])
    return {
        "component": key,
        "name": b.name,
        "old": old,
        "new": new,
        "version_change": version_change(a.version, b.version),
        "license_change": license_change(a.license, b.license),
        "category_change": None
        if old["category"] == new["category"]
        else {"old": old["category"], "new": new["category"]},
        "status_change": None
        if old["status"] == new["status"]
        else {"old": old["status"], "new": new["status"]},
        "exception_change": exception_change,
        "obligations": {
            "added": sorted(new_obligations - old_obligations),
            "removed": sorted(old_obligations - new_obligations),
        },
    }


def fail_on_values(given: Iterable[str]) -> list[str]:
    """``--fail-on`` values, each possibly a comma-separated list; a value not known is a usage error."""
    from osscheck.errors import UsageError

    values: set[str] = set()
    for item in given:
        for value in item.split(","):
            value = value.strip()
            if value not in FAIL_ON:
                raise UsageError(Message("diff.bad-fail-on", value=repr(value), choices=", ".join(FAIL_ON)))
            values.add(value)
    return sorted(values)


def build(old: Side, new: Side, fail_on: Sequence[str] = ("new-denied",)) -> Built:
    """The document of ``old`` against ``new``; ``fail_on`` as ``--fail-on`` gives it."""
    asked = fail_on_values(fail_on)
    (before, old_more), (after, new_more) = _grouped(old.components), _grouped(new.components)
    added: list[tuple[str, Component]] = []
    removed: list[tuple[str, Component]] = []
    changed: list[dict[str, Any]] = []
    for key, a in before.items():
        b = after.get(key)
        if b is None:
            removed.extend((key, c) for c in old_more.get(key, (a,)))
        elif key in old_more or key in new_more:  # held more than once: paired by version
            pairs, gone, came = paired(old_more.get(key, [a]), new_more.get(key, [b]))
            removed.extend((key, c) for c in gone)
            added.extend((key, c) for c in came)
            changed.extend(_change(key, x, y) for x, y in pairs if not _same(x, y))
        elif not _same(a, b):
            changed.append(_change(key, a, b))
    added.extend((key, c) for key, b in after.items() if key not in before for c in new_more.get(key, (b,)))
    added_list = [_listed(c, key) for key, c in sorted(added, key=lambda kc: (kc[0], *by_version(kc[1])))]
    removed_list = [_listed(c, key) for key, c in sorted(removed, key=lambda kc: (kc[0], *by_version(kc[1])))]
    changed.sort(
        key=lambda ch: (ch["component"], version_order(ch["old"]["version"]), ch["old"]["version"] or "")
    )
    obligations = _project_obligations(old.components, new.components)
    summary = _summary(old, new, added_list, removed_list, changed, obligations, asked)
    errors = [*old.errors, *new.errors]
    notes = _notes(old, new)
    document = {
        "schema": SCHEMA,
        "tool": {"name": "osscheck", "version": __version__},
        "old": old.to_dict(),
        "new": new.to_dict(),
        "summary": summary,
        "added": added_list,
        "removed": removed_list,
        "changed": changed,
        "obligations": obligations,
        "errors": [e.format("en") for e in errors],
        "notes": [str(n) for n in notes],
    }
    return Built(document, errors, notes)


def _project_obligations(old: Iterable[Component], new: Iterable[Component]) -> dict[str, list[str]]:
    before = {o for c in old for o in c.obligations}
    after = {o for c in new for o in c.obligations}
    return {"added": sorted(after - before), "removed": sorted(before - after)}


def _summary(
    old: Side,
    new: Side,
    added: list[dict[str, Any]],
    removed: list[dict[str, Any]],
    changed: list[dict[str, Any]],
    obligations: dict[str, list[str]],
    fail_on: list[str],
) -> dict[str, Any]:
    def count(test: Any) -> int:
        return sum(1 for ch in changed if test(ch))

    def became(status: str) -> int:
        return sum(1 for c in added if c["status"] == status) + count(
            lambda ch: ch["new"]["status"] == status and ch["old"]["status"] != status
        )

    summary: dict[str, Any] = {
        "old_components": len(old.components),
        "new_components": len(new.components),
        "added": len(added),
        "removed": len(removed),
        "upgraded": count(lambda ch: ch["version_change"] == "upgraded"),
        "downgraded": count(lambda ch: ch["version_change"] == "downgraded"),
        "license_changes": count(lambda ch: ch["license_change"] != "same"),
        "relicensed": count(lambda ch: ch["license_change"] == "relicensed"),
        "category_changes": count(lambda ch: ch["category_change"] is not None),
        "verdict_changes": count(lambda ch: ch["status_change"] is not None),
        "new_denied": became("denied"),
        "new_review": became("review"),
        "new_unknown": sum(1 for c in added if c["license"] is None)
        + count(lambda ch: ch["new"]["license"] is None and ch["old"]["license"] is not None),
        "exceptions_started": count(lambda ch: ch["exception_change"] == "started"),
        "exceptions_stopped": count(lambda ch: ch["exception_change"] == "stopped"),
        "obligations_added": len(obligations["added"]),
        "obligations_removed": len(obligations["removed"]),
        "fail_on": fail_on,
    }
    summary["failed"] = any(_holds(condition, summary) for condition in fail_on)
    return summary


def _holds(condition: str, summary: dict[str, Any]) -> bool:
    if condition == "new-denied":
        return bool(summary["new_denied"])
    if condition == "new-review":
        return bool(summary["new_review"])
    if condition == "licence-change":
        return bool(summary["license_changes"] or summary["category_changes"])
    return False  # never


def _notes(old: Side, new: Side) -> list[Message]:
    notes: list[Message] = []
    if old.policy_digest and new.policy_digest and old.policy_digest != new.policy_digest:
        notes.append(
            Message(
                "diff.policies-differ",
                old=old.policy or "?",
                old_digest=old.policy_digest[:12],
                new=new.policy or "?",
                new_digest=new.policy_digest[:12],
            )
        )
    if old.outbound != new.outbound:
        notes.append(Message("diff.outbound-differs", old=old.outbound or "-", new=new.outbound or "-"))
    return notes

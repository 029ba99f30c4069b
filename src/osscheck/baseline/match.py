"""A report against a baseline: each problem finding known ("unchanged") or "new", and the entries
no finding matches any more ("absent").

An entry about a file this run did not read, and that still exists (the hook is given the staged
files only), was not looked at: it is neither matched nor absent, and ``update`` keeps it. An entry
of a file that is gone is absent. Findings that are no problem (an applied exception) are not
baselined: they get no state.
"""

from __future__ import annotations

import os

from osscheck.baseline.document import Baseline, Entry, load
from osscheck.baseline.keys import Keys, is_uri
from osscheck.errors import InputError
from osscheck.messages import Message
from osscheck.model import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from osscheck.config import Config
    from osscheck.model import Finding
    from osscheck.report import Report

#: a problem finding's state (SARIF's baselineState); an entry no finding matches is "absent"
NEW, UNCHANGED = "new", "unchanged"


def is_problem(f: Finding) -> bool:
    """Is the finding something to fix (osscheck.rules ``problem``)? A rule not registered is."""
    from osscheck.rules import BY_ID  # lazy: start-up

    rule = BY_ID.get(f.rule)
    return rule is None or rule.problem


class BaselineResult(Record):
    """What a baseline made of a report; the reports read it as ``report.baseline``.

    ``states`` maps each problem finding (by ``id``: a report's findings are its own objects) to
    NEW or UNCHANGED (``Report.failed`` counts the new ones); ``new_entries`` are the entries of the
    new findings, ``root`` the folder the entries' paths are relative to, ``unchecked`` the entries
    of files this run did not read.
    """

    def __init__(
        self,
        path: str,
        digest: str | None,
        root: str,
        states: dict[int, str],
        new_entries: frozenset[Entry],
        absent: tuple[Entry, ...],
        unchecked: frozenset[Entry],
    ) -> None:
        self.path = path
        self.digest = digest
        self.root = root
        self.states = states
        self.new_entries = new_entries
        self.absent = absent
        self.unchecked = unchecked

    def state(self, f: Finding) -> str | None:
        """NEW or UNCHANGED for a problem finding of the report; ``None`` for any other."""
        return self.states.get(id(f))

    def is_known(self, f: Finding) -> bool:
        return self.states.get(id(f)) == UNCHANGED

    def knows_all(self, findings: list[Finding]) -> bool:
        """Is every problem finding among ``findings`` (a component's) known, and there is one?
        The reports mark such a component known."""
        states = [s for s in (self.state(f) for f in findings) if s is not None]
        return bool(states) and all(s == UNCHANGED for s in states)

    @property
    def known(self) -> int:
        return sum(1 for s in self.states.values() if s == UNCHANGED)

    @property
    def new(self) -> int:
        return sum(1 for s in self.states.values() if s == NEW)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report's ``baseline``."""
        return {
            "path": self.path,
            "sha256": self.digest,
            "known": self.known,
            "new": self.new,
            "absent": [e.to_dict() for e in self.absent],
        }

    def summary(self) -> list[Message]:
        """``12 known, 1 new`` and, when there are any, the entries to tighten the baseline by."""
        out = [Message("baseline.counts", known=self.known, new=self.new)]
        n = len(self.absent)
        if n == 1:
            out.append(Message("baseline.absent.one"))
        elif n:
            out.append(Message("baseline.absent.other", n=n))
        return out

    def absent_path(self, entry: Entry) -> str | None:
        """An absent entry's file as the working directory sees it (for the CI formats' locations)."""
        if entry.path is None or is_uri(entry.path):
            return entry.path
        return os.path.relpath(os.path.join(self.root, entry.path)).replace(os.sep, "/")


def configured_path(given: str | Path | None, config: Config) -> Path | None:
    """The baseline asked for: ``--baseline`` (from the working directory), else the configuration's
    ``baseline`` (from the configuration file's folder), else none."""
    from pathlib import Path

    if given:
        return Path(given)
    if config.baseline:
        return Path(config.base or ".") / config.baseline
    return None


def apply_configured(report: Report, given: str | None, config: Config) -> None:
    """``check --baseline FILE`` or ``[tool.osscheck] baseline``: :func:`apply` the one asked for."""
    path = configured_path(given, config)
    if path is not None:
        apply(report, path)


def apply(report: Report, path: Path, baseline: Baseline | None = None) -> BaselineResult:
    """Compare ``report`` with the baseline in ``path`` (read unless given) and attach the result
    (``report.baseline``).

    An :class:`InputError` for a baseline that cannot be used, or is another project's: a baseline
    naming a project, checked against inputs naming another (where either names none, nothing tells
    them apart: the hook given a requirements file, say).
    """
    if baseline is None:
        baseline = load(path)
    name = project_name(report)
    if baseline.project is not None and name is not None and baseline.project != name:
        raise InputError(Message("baseline.other-project", baseline=baseline.project, project=name), path)
    root = os.path.dirname(os.path.abspath(path))
    report.baseline = result = compare(report, baseline, root, str(path))
    return result


def compare(report: Report, baseline: Baseline, root: str, shown: str) -> BaselineResult:
    keys = Keys(report, root)
    entries = baseline.entries
    states: dict[int, str] = {}
    matched: set[Entry] = set()
    new: set[Entry] = set()
    for f in report.findings:
        if not is_problem(f):
            continue
        entry = keys.entry(f)
        if entry in entries:
            states[id(f)] = UNCHANGED
            matched.add(entry)
        else:
            states[id(f)] = NEW
            new.add(entry)
    read = {keys.path(i.path) for i in report.inputs}
    unchecked = frozenset(
        e
        for e in entries - matched
        if e.component is not None
        and e.path is not None
        and e.path not in read
        and os.path.isfile(os.path.join(root, e.path))
    )
    absent = sorted(entries - matched - unchecked, key=lambda e: e.order)
    return BaselineResult(
        path=shown,
        digest=baseline.digest,
        root=root,
        states=states,
        new_entries=frozenset(new),
        absent=tuple(absent),
        unchecked=unchecked,
    )


def project_name(report: Report) -> str | None:
    # as reports._stamp.project_of, without the dataclasses that module loads (the hook's start-up)
    for source in sorted(report.inputs, key=lambda i: i.path):
        if source.project is not None and source.project.name:
            return source.project.name
    return None

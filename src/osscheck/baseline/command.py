"""``osscheck baseline write`` and ``osscheck baseline update``: the check as ``osscheck check`` runs it,
its problem findings recorded.

``write`` refuses to replace a baseline (that is ``update``'s job). ``update`` only shrinks one:
entries no finding matches any more are dropped, and a new finding is refused (exit 1, listed)
unless ``--allow-increase REASON`` adds it, recording the date, the reason and the number added.
Neither writes anything when an input could not be read: a baseline made from part of the project
would drop, or never know, the findings of the rest.
"""

from __future__ import annotations

import os
from pathlib import Path

from osscheck import __version__
from osscheck.baseline import DEFAULT_FILE
from osscheck.baseline.document import Baseline, Increase, dumps
from osscheck.baseline.keys import Keys
from osscheck.baseline.match import NEW, apply, configured_path, is_problem, project_name
from osscheck.errors import UsageError, printable_lines
from osscheck.messages import Message, render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from osscheck.config import Config
    from osscheck.options import CheckOptions
    from osscheck.report import Report


def write(paths: Sequence[str], options: CheckOptions, output: Path | None) -> int:
    """Record every problem finding of the check in a new baseline file."""
    report, config, lang = _check(paths, options)
    target = _target(output, config)
    if os.path.lexists(target):
        raise UsageError(Message("baseline.exists"), target)
    _refuse_unreadable(report, lang)
    keys = Keys(report, os.path.dirname(os.path.abspath(target)))
    entries = frozenset(keys.entry(f) for f in report.findings if is_problem(f))
    baseline = Baseline(
        entries,
        project=project_name(report),
        created=_today(),
        policy=report.policy_name,
        tool_version=__version__,
    )
    _save(target, baseline)
    _say(_recorded(target, len(entries)), lang)
    return 0


def update(
    paths: Sequence[str], options: CheckOptions, output: Path | None, allow_increase: str | None
) -> int:
    """Rewrite the baseline with today's findings, if it does not grow (or growing is allowed)."""
    if allow_increase is not None and not allow_increase.strip():
        raise UsageError(Message("baseline.empty-reason"))
    report, config, lang = _check(paths, options)
    target = _target(output, config)
    _refuse_unreadable(report, lang)
    from osscheck.baseline.document import load

    old = load(target)
    result = apply(report, target, old)
    added = result.new_entries
    if added and allow_increase is None:
        new = [f for f in report.findings if result.state(f) == NEW]
        grows = (
            Message("baseline.grows.one", path=str(target))
            if len(new) == 1
            else Message("baseline.grows.other", path=str(target), n=len(new))
        )
        lines = [render(grows, lang)]
        lines += [f"  {render(f.message, lang)}" + (f" ({f.location})" if f.location else "") for f in new]
        _say("\n".join(lines), lang)
        return 1
    entries = (old.entries - frozenset(result.absent)) | added
    removed = len(old.entries - entries)
    said = [render(_recorded(target, len(entries)), lang)]
    if removed == 1:
        said.append(render(Message("baseline.removed.one"), lang))
    elif removed:
        said.append(render(Message("baseline.removed.other", n=removed), lang))
    increases = old.increases
    if added:
        assert allow_increase is not None
        increases += (Increase(_today(), allow_increase, len(added)),)
        more = (
            Message("baseline.added.one", reason=allow_increase)
            if len(added) == 1
            else Message("baseline.added.other", n=len(added), reason=allow_increase)
        )
        said.append(render(more, lang))
    if entries == old.entries:
        said.append(render(Message("baseline.no-change"), lang))
    else:
        _save(
            target,
            old.replace(
                entries=entries,
                project=old.project or project_name(report),
                increases=increases,
                tool_version=__version__,
            ),
        )
    _say("; ".join(said), lang)
    return 0


def _check(paths: Sequence[str], options: CheckOptions) -> tuple[Report, Config, str]:
    from osscheck import i18n, runner

    runner.set_error_language(options.lang)
    report, config = runner.configured_check(paths, options)
    return report, config, i18n.detect(options.lang or config.lang)


def _target(output: Path | None, config: Config) -> Path:
    return configured_path(output, config) or Path(DEFAULT_FILE)


def _refuse_unreadable(report: Report, lang: str) -> None:
    """The error lines of the inputs that could not be read, and no baseline (exit 2)."""
    if not report.errors:
        return
    from osscheck import runner

    runner.exit_code(report, lang)  # prints each error line
    raise UsageError(Message("baseline.not-written"))


def _recorded(target: Path, n: int) -> Message:
    if n == 1:
        return Message("baseline.recorded.one", path=str(target))
    return Message("baseline.recorded.other", path=str(target), n=n)


def _today() -> str:
    from osscheck.reports._stamp import stamp_time  # SOURCE_DATE_EPOCH, else today (UTC)

    return stamp_time().date().isoformat()


def _save(target: Path, baseline: Baseline) -> None:
    from osscheck import runner

    runner.write_output(dumps(baseline), target)


def _say(text: str | Message, lang: str) -> None:
    print(printable_lines(render(text, lang)))

"""What the ``check`` and ``notice`` commands and the pre-commit hook share: read the project's
configuration, run the check, write the output, and turn the result into an exit code.

Kept apart from cli.py so that the pre-commit hook (hook.py) can use it without importing click.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from osscheck.errors import UsageError

if TYPE_CHECKING:
    from osscheck.config import Config
    from osscheck.report import Report


def configured_check(
    paths: Sequence[str],
    policy: str | None = None,
    outbound: str | None = None,
    fail_on: str | None = None,
    include_dev: bool | None = None,
    online: bool | None = None,
) -> tuple[Report, Config]:
    """Check ``paths`` with the options given, completed from the project's configuration."""
    from osscheck import api
    from osscheck.config import find_config

    paths = list(paths) or ["."]
    first = Path(paths[0])
    config = find_config(first if first.is_dir() else first.parent if first.parent.is_dir() else Path("."))
    if online is None and config.online:
        online = True
    from osscheck.enrich.settings import Settings

    settings = Settings.load(config)
    report = api.check(
        paths,
        policy=policy or config.policy,
        outbound=outbound or config.outbound,
        fail_on=fail_on or config.fail_on or "denied",
        include_dev=include_dev if include_dev is not None else config.include_dev,
        exclude=[_relative_exclude(e, config.base, first) for e in config.exclude],
        online=online,
        enrich_settings=settings,
        cached_answers=online is None,  # the default: answers of earlier look-ups, if any
    )
    return report, config


def _relative_exclude(pattern: str, base: Path | None, root: Path) -> str:
    # exclude patterns are relative to the configuration file's folder; discovery matches them
    # relative to the folder it searches
    if base is None or not root.is_dir():
        return pattern
    try:
        prefix = base.resolve().relative_to(root.resolve())
    except ValueError:
        return pattern
    return str(prefix / pattern) if str(prefix) != "." else pattern


def write_output(text: str, output: Path | None) -> None:
    """The report to stdout or a file. Text that cannot be encoded is replaced, never fatal."""
    data = text.encode("utf-8", "replace")
    if output is None:
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a replaced sys.stdout (tests, embedding): it takes text
            sys.stdout.write(data.decode("utf-8"))
        else:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
        return
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"cannot write the report: {exc.strerror or exc}", output) from None


def exit_code(report: Report) -> int:
    """2 if an input could not be read (its error lines go to stderr), else 1 if the check failed."""
    for line in report.errors:
        print(line, file=sys.stderr)
    if report.errors:
        return 2
    return 1 if report.failed else 0

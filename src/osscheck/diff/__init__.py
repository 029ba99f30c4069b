"""``osscheck diff``: what changed between two states of a project, licence drift first (issue 14).

``diff(old, new)`` returns the ``osscheck-diff/1`` document (docs/diff.md). Each side is an osscheck
JSON report (its verdicts kept), an SBOM, a lockfile or manifest, a folder, or a ``Report``; the
command line adds git revisions (``--git A..B``).
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any

    from osscheck.diff.compare import Built
    from osscheck.diff.sides import Side
    from osscheck.options import CheckOptions
    from osscheck.report import Report

__all__ = ["diff"]

#: what ``-f`` takes
FORMATS = ("text", "json", "markdown", "html")


def diff(
    old: str | Path | Report,
    new: str | Path | Report,
    *,
    policy: str | Path | None = None,
    outbound: str | None = None,
    fail_on: Sequence[str] = ("new-denied",),
    include_dev: bool | None = None,
    online: bool | None = None,
) -> dict[str, Any]:
    """The diff document of ``old`` against ``new``.

    Both sides are judged by the same policy (``policy``, else the configuration of the project
    ``new`` is in, else the default), except a report, which keeps the verdicts it records. A side
    that cannot be read is a line of ``errors``; the other is still compared.
    """
    import gc

    enabled = gc.isenabled()
    gc.disable()  # millions of small objects and no cycles worth collecting (see api.check)
    try:
        options = _options(_where(new), policy, outbound, include_dev, online, None)
        return _compared(_side(old, options), _side(new, options), fail_on).document
    finally:
        if enabled:
            gc.enable()


def _callable_module() -> None:
    """``osscheck.diff(...)`` calls the function even after this package was imported (as portfolio)."""
    import types

    class _Module(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
            return diff(*args, **kwargs)

    sys.modules[__name__].__class__ = _Module


_callable_module()


def _side(given: str | Path | Report, options: CheckOptions) -> Side:
    from osscheck.diff import sides
    from osscheck.report import Report

    if isinstance(given, Report):
        return sides._from_report_object(given, "<report>", "report")
    return sides.from_path(str(given), options)


def _compared(old: Side, new: Side, fail_on: Sequence[str]) -> Built:
    from osscheck.diff.compare import build

    return build(old, new, fail_on)


def _where(given: object) -> str:
    """The path whose project configuration applies (a Report has none: the working directory's)."""
    from pathlib import Path

    return str(given) if isinstance(given, (str, Path)) else "."


def _options(
    where: str,
    policy: str | Path | None,
    outbound: str | None,
    include_dev: bool | None,
    online: bool | None,
    lang: str | None,
) -> CheckOptions:
    """The check's options for both sides: given, else from the configuration of the project at
    ``where`` (found as ``osscheck check`` finds it), else the defaults; one policy for both sides."""
    from pathlib import Path

    from osscheck.config import find_config
    from osscheck.options import CheckOptions
    from osscheck.policy import DEFAULT_POLICY

    first = Path(where)
    config = find_config(first if first.is_dir() else first.parent if first.parent.is_dir() else Path("."))
    return CheckOptions(
        policy=str(policy) if policy is not None else config.policy or DEFAULT_POLICY,
        outbound=outbound or config.outbound,
        fail_on="never",  # the diff decides what fails
        include_dev=include_dev if include_dev is not None else config.include_dev,
        lang=lang or config.lang,
        online=online if online is not None else (True if config.online else None),
    )


def command(
    arguments: Sequence[str],
    git: str | None,
    policy: str | None,
    outbound: str | None,
    fmt: str,
    output: Path | None,
    lang: str | None,
    fail_on: Sequence[str],
    include_dev: bool | None,
    online: bool | None,
) -> int:
    """``osscheck diff``: write the diff in ``fmt``; 2 when an input could not be read, else 1 when a
    ``--fail-on`` condition holds, else 0."""
    from osscheck import i18n, runner
    from osscheck.diff import sides
    from osscheck.diff.compare import fail_on_values
    from osscheck.errors import UsageError
    from osscheck.messages import Message

    runner.set_error_language(lang)
    fail_on_values(fail_on or ("new-denied",))  # a wrong value stops before anything is read
    if git is None and len(arguments) != 2:
        raise UsageError(Message("diff.two-sides", given=len(arguments)))
    paths = (list(arguments) or ["."]) if git is not None else list(arguments)
    # the configuration of the project being changed: the new side's (for --git, the first PATH's)
    options = _options(paths[0] if git is not None else paths[1], policy, outbound, include_dev, online, lang)
    runner.set_error_language(options.lang)
    if git is not None:
        old_revision, new_revision = sides.parse_range(git)
        old = sides.from_revision(old_revision, paths, options)
        if new_revision is None:
            new = sides.from_inputs(paths, options)
        else:
            new = sides.from_revision(new_revision, paths, options)
    else:
        old, new = sides.from_path(paths[0], options), sides.from_path(paths[1], options)
    built = _compared(old, new, fail_on or ("new-denied",))
    language = i18n.detect(options.lang)
    runner.write_output(_render(built, fmt, language), output)
    for error in built.errors:
        print(runner.error_line(error, language), file=sys.stderr)
    return built.exit_code


def _render(built: Built, fmt: str, lang: str) -> str:
    if fmt == "json":
        from osscheck.reports.json_report import dumps

        document = built.document
        listed = len(document["added"]) + len(document["removed"]) + len(document["changed"])
        # orjson only where it pays for its import; both give the same bytes (json_report.dumps)
        return dumps(document, large=listed > 1000)
    from osscheck.messages import render

    # the JSON document keeps its errors and notes in English; a report for people shows them in its language
    shown = {**built.document, "errors": [e.format(lang) for e in built.errors]}
    shown["notes"] = [render(n, lang) for n in built.notes]
    if fmt == "markdown":
        from osscheck.diff import markdown

        return markdown.render(shown, lang)
    if fmt == "html":
        from osscheck.diff import html

        return html.render(shown, lang)
    from osscheck.diff import text

    return text.render(built.document, lang, built.errors, built.notes)

"""``osscheck portfolio``: many projects' reports in one view (the open source dashboard of issue 13).

``portfolio(reports)`` reads osscheck-report/1 files (or folders of them) one at a time and returns the
``osscheck-portfolio/1`` document (docs/portfolio.md); the formats render that document.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable
    from pathlib import Path
    from typing import Any

    from osscheck.portfolio import document

__all__ = ["portfolio"]


def portfolio(
    reports: Iterable[str | Path],
    projects: str | Path | None = None,
    today: dt.date | str | None = None,
    stale_days: int = 90,
    public: bool = False,
) -> dict[str, Any]:
    """The portfolio document of ``reports`` (files or folders), with ``projects`` (portfolio.toml).

    A report that cannot be read is a line of ``errors``; the others still count.
    """
    from osscheck.portfolio.document import build

    return build(reports, projects, today, stale_days, public).document


def _callable_module() -> None:
    """``osscheck.portfolio(...)`` calls the function even after this package was imported.

    Importing ``osscheck.portfolio`` binds the package, not the function, to that name of ``osscheck``.
    """
    import types

    class _Module(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
            return portfolio(*args, **kwargs)

    sys.modules[__name__].__class__ = _Module


_callable_module()


#: what ``--output-dir`` writes: each format under its file name
FILES = (
    ("html", "index.html"),
    ("json", "portfolio.json"),
    ("csv", "projects.csv"),
    ("csv-components", "components.csv"),
    ("markdown", "portfolio.md"),
)


def command(
    reports: Iterable[str],
    projects: str | None,
    output: Path | None,
    fmt: str,
    output_dir: Path | None,
    lang: str | None,
    history: str | None,
    stale_days: int,
    public: bool,
    today: str | None,
) -> int:
    """``osscheck portfolio``: write the view, record it in the history; 2 when a report was unreadable."""
    import datetime as dt

    from osscheck import i18n, runner
    from osscheck.errors import UsageError
    from osscheck.messages import Message
    from osscheck.portfolio import document

    runner.set_error_language(lang)
    language = i18n.detect(lang)
    if not reports and projects is None:
        raise UsageError(Message("portfolio.no-reports"))
    if output is not None and output_dir is not None:
        raise UsageError(Message("portfolio.output-and-folder"))
    day = None
    if today is not None:
        try:
            day = dt.date.fromisoformat(today)
        except ValueError:
            raise UsageError(Message("portfolio.bad-today", value=today)) from None
    built = document.build(reports, projects, day, stale_days, public)
    trend = None
    if history is not None:
        from osscheck.portfolio import history as recorded

        recorded.record(history, built.document)
        trend = recorded.series(history)
    if output_dir is None:
        runner.write_output(_render(built, fmt, language, trend), output)
    else:
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            problem = Message("usage.cannot-write", problem=str(exc.strerror or exc))
            raise UsageError(problem, output_dir) from None
        for each, name in FILES:
            runner.write_output(_render(built, each, language, trend), output_dir / name)
    for error in built.errors:
        print(runner.error_line(error, language), file=sys.stderr)
    return 2 if built.errors else 0


def _render(built: document.Built, fmt: str, lang: str, trend: Any) -> str:
    doc = built.document
    if fmt == "json":
        from osscheck.portfolio.document import dumps

        return dumps(doc)
    if fmt in ("csv", "csv-components"):
        from osscheck.portfolio import csv

        return csv.render(doc, lang) if fmt == "csv" else csv.render_components(built.component_uses(), lang)
    if fmt == "markdown":
        from osscheck.portfolio import markdown

        return markdown.render(doc, lang, built.notes, built.errors)
    from osscheck.portfolio import html

    return html.render(doc, lang, history=trend, notes=built.notes, errors=built.errors)

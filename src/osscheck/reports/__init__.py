"""Report formats: one module each, registered here. Each has ``render(report, lang) -> str``."""

from __future__ import annotations

import importlib

from osscheck.errors import UsageError
from osscheck.messages import Message
from osscheck.report import Report

#: format name -> module in osscheck.reports
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_report",
    "sarif": "sarif",
    "junit": "junit",
    "gitlab": "gitlab",
    "markdown": "markdown",
    "csv": "csv_report",
    "html": "html",
    "cyclonedx": "cyclonedx_out",
    "spdx": "spdx_out",
    "notice": "notice_text",
}


def render(report: Report, fmt: str, lang: str = "en", verbose: bool = False) -> str:
    module = FORMATS.get(fmt)
    if module is None:
        raise UsageError(Message("usage.unknown-format", format=repr(fmt), known=", ".join(FORMATS)))
    renderer = importlib.import_module(f"osscheck.reports.{module}")
    return renderer.render(report, lang=lang, verbose=verbose)

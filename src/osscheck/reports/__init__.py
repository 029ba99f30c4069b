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
    "spdx3": "spdx3_out",
    "notice": "notice_text",
}


#: the formats that can be written to an SBOM profile (``--profile``): their render takes ``profile``
PROFILED = frozenset({"cyclonedx"})


def render(
    report: Report, fmt: str, lang: str = "en", verbose: bool = False, profile: str | None = None
) -> str:
    module = FORMATS.get(fmt)
    if module is None:
        raise UsageError(Message("usage.unknown-format", format=repr(fmt), known=", ".join(FORMATS)))
    if profile is not None and fmt not in PROFILED:
        raise UsageError(Message("usage.profile-format", format=fmt, formats=", ".join(sorted(PROFILED))))
    renderer = importlib.import_module(f"osscheck.reports.{module}")
    if profile is not None:
        return str(renderer.render(report, lang=lang, verbose=verbose, profile=profile))
    return str(renderer.render(report, lang=lang, verbose=verbose))

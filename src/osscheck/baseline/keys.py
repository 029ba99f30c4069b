"""A finding's entry in the baseline: rule, component, licence and input file, as the contract says.

- component: the purl without version, qualifiers and subpath, else the name (an upgrade keeps a
  known finding known); ``None`` for a finding about the project as a whole;
- licence: the component's licence expression (a relicensed component is new again), or for a
  finding about the project the licence it names itself (the outbound licence that is not
  OSI-approved, say);
- path: the input the component was read from (else where the finding points), relative to the
  baseline's folder with ``/``, so that a check from another working directory, or the hook given
  one lockfile, still finds it. The line is left out: lines move.
"""

from __future__ import annotations

import os
import re

from osscheck.baseline.document import Entry
from osscheck.purls import versionless

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.model import Component, Finding
    from osscheck.report import Report

# a location that is a URI already (``builtin:public-code``); two letters at least: C: is a drive
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")


def component_key(purl: str | None, name: str) -> str:
    """``pkg:npm/left-pad`` for ``pkg:npm/left-pad@1.3.0?x=y#sub``; the name without a purl."""
    return versionless(purl) if purl else name


def is_uri(path: str) -> bool:
    """A location that is a URI already, such as ``builtin:public-code`` for a shipped policy."""
    return bool(_SCHEME.match(path))


def relative(path: str, root: str) -> str:
    """``path`` (as the report names it: from the working directory, or absolute) from ``root``."""
    if is_uri(path):
        return path
    absolute = os.path.abspath(path)
    try:
        shown = os.path.relpath(absolute, root)
    except ValueError:  # another drive (Windows): no relative path
        shown = absolute
    return shown.replace(os.sep, "/")


class Keys:
    """The entries of one report's findings, relative to ``root`` (an absolute folder)."""

    def __init__(self, report: Report, root: str) -> None:
        self.root = root
        self._components: dict[str, Component] = {c.ref: c for c in report.components}
        self._paths: dict[str, str] = {}

    def path(self, path: str) -> str:
        shown = self._paths.get(path)
        if shown is None:
            shown = self._paths[path] = relative(path, self.root)
        return shown

    def entry(self, f: Finding) -> Entry:
        c = self._components.get(f.component) if f.component else None
        if c is not None:
            where = c.location or f.location
            return Entry(f.rule, component_key(c.purl, c.name), c.license, self._where(where))
        # about the project, or (from a program using the API) a component the report does not list
        own = f.detail.args.get("license")
        ref = f.component
        component = component_key(ref if ref.startswith("pkg:") else None, ref) if ref else None
        return Entry(f.rule, component, own if isinstance(own, str) else None, self._where(f.location))

    def _where(self, location: tuple[str, int | None] | None) -> str | None:
        return self.path(location[0]) if location else None

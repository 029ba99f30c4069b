"""What osscheck knows of the licences of a project's own files, and of its REUSE status."""

from __future__ import annotations

from typing import Any

from osscheck.model import Record

#: where a file's licence was found
HEADER = "header"  # an SPDX-License-Identifier line in the file itself
SIDECAR = "license-file"  # FILE.license, beside a file that cannot carry a header
ANNOTATION = "REUSE.toml"  # an annotation of REUSE.toml for some of the files
LINT = "reuse-lint"  # reuse lint --json


class FileLicence(Record):
    """The licence one file (or an annotation for several) declares, where it says so."""

    def __init__(self, path: str, expression: str, line: int | None, source: str) -> None:
        self.path = path  # relative to the project folder, with "/"
        self.expression = expression  # as written (several lines of one file joined with AND)
        self.line = line
        self.source = source


class ReuseStatus(Record):
    """The project's REUSE status as far as osscheck looked: ``project.reuse`` in the JSON report.

    ``method`` is ``reuse-lint`` (the reuse tool's verdict, ``compliant``) or ``headers`` (osscheck's
    bounded scan, which decides no compliance: ``compliant`` is None). ``complete`` is False when the
    scan stopped at its limit before it had read every file.
    """

    def __init__(
        self,
        folder: str,
        method: str,
        compliant: bool | None,
        files: int,
        with_licence: int,
        licenses_folder: bool,
        complete: bool = True,
    ) -> None:
        self.folder = folder
        self.method = method
        self.compliant = compliant
        self.files = files  # the files looked at
        self.with_licence = with_licence  # of them, those whose licence was found
        self.licenses_folder = licenses_folder  # the project has LICENSES/: it follows REUSE
        self.complete = complete

    def to_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self._fields}

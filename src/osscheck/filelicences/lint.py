"""``reuse lint --json``: read its output, or run the reuse tool where it is installed.

osscheck does not reimplement reuse lint; it takes the reuse tool's verdict and the licences it
found in each file (lint format 1.x; ``missing_licenses`` as the list of reuse 3 to 6, or the
mapping of licence to files of older versions).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.filelicences.record import LINT, FileLicence, ReuseStatus
from osscheck.messages import Message

#: the counts of ``non_compliant`` that make a project fail REUSE, as the reuse tool names them
PROBLEM_KEYS = (
    "bad_licenses",
    "deprecated_licenses",
    "licenses_without_extension",
    "missing_licenses",
    "unused_licenses",
    "read_errors",
    "missing_copyright_info",
    "missing_licensing_info",
)
#: seconds reuse lint may take before osscheck gives up on it
RUN_TIMEOUT = 300


class Lint:
    """What one ``reuse lint --json`` said."""

    def __init__(
        self,
        licences: list[FileLicence],
        status: ReuseStatus,
        problems: dict[str, list[str]],
        used: list[str],
    ) -> None:
        self.licences = licences
        self.status = status
        self.problems = problems  # non_compliant: key -> the licences or files it names
        self.used = used  # summary.used_licenses


def read_lint(path: Path, folder: Path) -> Lint:
    """The lint output in the file ``path`` (of the project in ``folder``); bad input is an InputError."""
    from osscheck.readers._source import decode, load_json, read_regular

    return parse_lint(load_json(path, decode(path, read_regular(path))), path, folder)


def parse_lint(doc: Any, path: Path | str, folder: Path) -> Lint:
    if not isinstance(doc, dict) or "lint_version" not in doc or not isinstance(doc.get("files"), list):
        raise InputError(Message("input.not-reuse-lint"), path)
    non_compliant: dict[str, Any] = doc["non_compliant"] if isinstance(doc.get("non_compliant"), dict) else {}
    problems: dict[str, list[str]] = {}
    for key in PROBLEM_KEYS:
        value = non_compliant.get(key)
        named = list(value) if isinstance(value, (list, dict)) else []
        problems[key] = sorted(str(v) for v in named)
    licences: list[FileLicence] = []
    for entry in doc["files"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            continue
        expressions = [
            e["value"]
            for e in entry.get("spdx_expressions") or []
            if isinstance(e, dict) and isinstance(e.get("value"), str) and e["value"].strip()
        ]
        if expressions:
            joined = expressions[0] if len(expressions) == 1 else " AND ".join(f"({e})" for e in expressions)
            licences.append(FileLicence(entry["path"].removeprefix("./"), joined, None, LINT))
    summary: dict[str, Any] = doc["summary"] if isinstance(doc.get("summary"), dict) else {}
    compliant = summary.get("compliant")
    if not isinstance(compliant, bool):
        compliant = not any(problems.values())
    total = summary.get("files_total")
    status = ReuseStatus(
        folder=str(folder),
        method=LINT,
        compliant=compliant,
        files=total if isinstance(total, int) else len(doc["files"]),
        with_licence=len(licences),
        licenses_folder=(folder / "LICENSES").is_dir(),
    )
    used = summary.get("used_licenses")
    return Lint(
        sorted(licences, key=lambda f: f.path),
        status,
        problems,
        sorted(str(u) for u in used) if isinstance(used, list) else [],
    )


def reuse_program() -> str | None:
    """The reuse tool: on PATH, else installed beside this Python (a virtual environment not activated)."""
    import os
    import sys

    return shutil.which("reuse") or shutil.which("reuse", path=os.path.dirname(sys.executable))


def run_lint(folder: Path) -> tuple[Lint | None, Message | None]:
    """Run ``reuse lint --json`` in ``folder``: its output, or why it could not be had."""
    import json

    program = reuse_program()
    if program is None:
        return None, Message("reuse.not-installed")
    try:
        done = subprocess.run(
            [program, "--root", str(folder), "lint", "--json"],
            capture_output=True,
            timeout=RUN_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, Message("reuse.timed-out", seconds=RUN_TIMEOUT)
    except OSError as exc:
        return None, Message("reuse.cannot-run", reason=exc.strerror or str(exc))
    # reuse lint exits 1 when the project is not compliant: the JSON says so as well
    try:
        doc = json.loads(done.stdout.decode("utf-8", "replace"))
        return parse_lint(doc, "reuse lint --json", folder), None
    except (ValueError, InputError):
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        return None, Message("reuse.cannot-run", reason=last[0])

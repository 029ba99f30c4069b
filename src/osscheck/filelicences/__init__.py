"""The licences of the project's own files: REUSE's ``reuse lint --json``, or a bounded header scan.

A file may carry a licence of its own (``SPDX-License-Identifier: GPL-3.0-or-later`` in a copied
source file, ``CC-BY-4.0`` on an image): it ships with the project, so it is judged like a component,
under the policy and against the outbound licence. :func:`file_licences` turns the licences found
into components, one per licence expression, marked as files (``Component.extra["files"]``), and
reports what REUSE users need to know: a licence named in a file without its text in ``LICENSES/``,
a text in ``LICENSES/`` that no file uses, reuse lint's verdict.

Where they come from: the output of ``reuse lint --json`` given with ``--reuse``; else the reuse
tool run in the folder where ``reuse = true`` is configured and it is installed; else osscheck's own
scan of the headers (:mod:`.headers`). The scan is skipped for files named on the command line (the
pre-commit hook) unless ``reuse-headers = true`` asks for it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from osscheck.filelicences.record import ANNOTATION, LINT, FileLicence, ReuseStatus
from osscheck.messages import Message
from osscheck.model import Component, Declaration, Finding, InputFile, Location, Scope

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from osscheck.errors import InputError
    from osscheck.filelicences.lint import Lint

#: InputFile.format of the licences found in the project's files
HEADERS_FORMAT = "reuse-headers"
LINT_FORMAT = "reuse-lint"
#: Component.extra key: the files under the component's licence (the component is the project's files)
FILES = "files"
#: the most files a component lists by name; the rest are counted
_FILES_SHOWN = 50
_OPERATORS = frozenset({"AND", "OR", "WITH"})


class FileLicences:
    """What :func:`file_licences` found in one folder."""

    def __init__(self) -> None:
        self.inputs: list[InputFile] = []
        self.findings: list[Finding] = []
        self.errors: list[InputError] = []
        self.status: list[ReuseStatus] = []


def file_licences(
    folders: list[Path],
    lint_file: str | Path | None = None,
    run_reuse: bool = False,
    excluded: Callable[[str], bool] | None = None,
) -> FileLicences:
    """The licences of the files in ``folders``, as components, with findings and the REUSE status."""
    out = FileLicences()
    for folder in folders:
        lint: Lint | None = None
        if lint_file is not None and folder == folders[0]:  # a lint output is one project's
            from osscheck.filelicences.lint import read_lint

            lint = read_lint(Path(lint_file), folder)
            source_path, fmt = str(lint_file), LINT_FORMAT
        elif run_reuse:
            from osscheck.filelicences.lint import run_lint

            lint, failure = run_lint(folder)
            if failure is not None:  # the scan stands in, and the reason is said
                out.findings.append(
                    _rule_finding(
                        "reuse-lint-failed",
                        Location(str(folder)),
                        Message("finding.reuse-lint-failed", problem=failure),
                    )
                )
            source_path, fmt = str(folder), LINT_FORMAT
        if lint is not None:
            licences, status = lint.licences, lint.status
            out.findings += _lint_findings(lint, folder, source_path)
        else:
            from osscheck.filelicences.headers import scan

            found = scan(folder, excluded)
            out.errors += found.errors
            licences = found.licences
            status = ReuseStatus(
                str(folder),
                "headers",
                None,
                found.files,
                found.with_licence,
                (folder / "LICENSES").is_dir(),
                found.complete,
            )
            source_path, fmt = str(folder), HEADERS_FORMAT
            if not found.complete:
                out.findings.append(
                    _rule_finding(
                        "reuse-scan-incomplete",
                        Location(str(folder)),
                        Message("finding.reuse-scan-incomplete", files=found.files),
                    )
                )
        annotations, overriding = _annotations(folder)
        if lint is None and overriding:  # REUSE.toml's precedence = "override" beats the headers
            licences = [f for f in licences if not any(p.fullmatch(f.path) for p in overriding)]
        if lint is None and status.licenses_folder:
            out.findings += _text_findings(folder, [*licences, *annotations], status.complete)
        components = _components(folder, [*licences, *annotations])
        digest = _file_digest(lint_file) if lint is not None and lint_file is not None else None
        digest = digest or _digest(licences + annotations)
        if components or lint is not None:  # a scan that found no licence is no input read
            out.inputs.append(InputFile(source_path, fmt, components, digest=digest))
        out.status.append(status)
    return out


def _components(folder: Path, licences: list[FileLicence]) -> list[Component]:
    """One component per licence expression, located at its first file, listing its files."""
    by_licence: dict[str, list[FileLicence]] = {}
    for found in sorted(licences, key=lambda f: (f.path, f.line or 0)):
        by_licence.setdefault(found.expression, []).append(found)
    out = []
    for expression, files in sorted(by_licence.items()):
        first = files[0]
        paths = [f.path for f in files]
        out.append(
            Component(
                f"files: {expression}",
                scope=Scope.RUNTIME,  # the project's own files ship with it
                declared=[Declaration(expression, "expression")],
                location=_where(folder, first),
                extra={FILES: {"count": len(paths), "paths": paths[:_FILES_SHOWN]}},
            )
        )
    return out


def _where(folder: Path, found: FileLicence) -> Location:
    return Location(str(folder / found.path), found.line)


def _file_digest(path: str | Path) -> str:
    from osscheck.digest import sha256
    from osscheck.readers._source import read_regular

    return sha256(read_regular(path))


def _digest(licences: list[FileLicence]) -> str:
    """What was found, as one sha256: two runs that found the same licences have the same digest."""
    lines = sorted(f"{f.path}\0{f.expression}\n" for f in licences)
    return hashlib.sha256("".join(lines).encode("utf-8", "replace")).hexdigest()


def licence_ids(expression: str) -> list[str]:
    """The licence and exception identifiers as written (REUSE names the texts by them)."""
    tokens = re.split(r"[\s()]+", expression)
    return [t.removesuffix("+") for t in tokens if t and t.upper() not in _OPERATORS]


def _texts(folder: Path) -> dict[str, Path]:
    """The licence texts of ``LICENSES/`` by identifier (the file name without its extension)."""
    texts = folder / "LICENSES"
    try:
        names = sorted(p for p in texts.iterdir() if p.is_file())
    except OSError:
        return {}  # ownlicense reports an unreadable LICENSES/
    return {p.stem: p for p in names}


def _text_findings(folder: Path, licences: list[FileLicence], complete: bool) -> list[Finding]:
    """A licence named without its text in LICENSES/; a text no file uses (only after a full scan)."""
    texts = _texts(folder)
    first_use: dict[str, FileLicence] = {}
    for found in licences:
        for identifier in licence_ids(found.expression):
            first_use.setdefault(identifier, found)
    findings = [
        _rule_finding(
            "reuse-license-missing",
            _where(folder, found),
            Message("finding.reuse-license-missing", license=identifier, folder="LICENSES"),
        )
        for identifier, found in sorted(first_use.items())
        if identifier not in texts
    ]
    if complete:  # a partial scan cannot tell that nothing uses a text
        findings += [
            _rule_finding(
                "reuse-license-unused",
                Location(str(path)),
                Message("finding.reuse-license-unused", license=identifier),
            )
            for identifier, path in sorted(texts.items())
            if identifier not in first_use
        ]
    return findings


def _lint_findings(lint: Lint, folder: Path, source: str) -> list[Finding]:
    """reuse lint's own verdict: missing and unused licence texts, and non-compliance in sum."""
    findings = [
        _rule_finding(
            "reuse-license-missing",
            Location(source),
            Message("finding.reuse-license-missing", license=name, folder="LICENSES"),
        )
        for name in lint.problems.get("missing_licenses", [])
    ]
    texts = _texts(folder)
    for name in lint.problems.get("unused_licenses", []):  # reuse 6 names the licence, older the file
        identifier = Path(name).stem if "/" in name else name
        where = texts.get(identifier, folder / "LICENSES")
        findings.append(
            _rule_finding(
                "reuse-license-unused",
                Location(str(where)),
                Message("finding.reuse-license-unused", license=identifier),
            )
        )
    if lint.status.compliant is False:
        problems = lint.problems
        without = {"missing_licensing_info", "missing_copyright_info"}
        other = sum(len(v) for k, v in problems.items() if k not in without)
        findings.append(
            _rule_finding(
                "reuse-not-compliant",
                Location(source),
                Message(
                    "finding.reuse-not-compliant",
                    without_licence=len(problems.get("missing_licensing_info", [])),
                    without_copyright=len(problems.get("missing_copyright_info", [])),
                    other=other,
                ),
            )
        )
    return findings


def _annotations(folder: Path) -> tuple[list[FileLicence], list[re.Pattern[str]]]:
    """Every annotation of ``REUSE.toml``: the licences it gives groups of files, each with its line;
    and the paths of the annotations whose ``precedence = "override"`` sets the files' headers aside."""
    path = folder / "REUSE.toml"
    if not path.is_file():
        return [], []
    from osscheck.errors import InputError
    from osscheck.ownlicense.reuse import reuse_annotations

    try:
        found = reuse_annotations(path, folder)
    except InputError:
        return [], []  # ownlicense reads REUSE.toml too, and reports what is wrong with it
    # relative, as the files are
    out = [FileLicence("REUSE.toml", a.license, a.line, ANNOTATION) for a in found]
    overriding = [reuse_glob(p) for a in found if a.precedence == "override" for p in a.paths]
    return out, overriding


def reuse_glob(glob: str) -> re.Pattern[str]:
    """A REUSE.toml ``path``: ``*`` is any run of characters but ``/``, ``**`` any run at all,
    ``\\*`` an asterisk (REUSE 3.3)."""
    parts = re.split(r"(\\\*|\*\*|\*)", glob)
    pattern = "".join(
        "\\*" if part == "\\*" else ".*" if part == "**" else "[^/]*" if part == "*" else re.escape(part)
        for part in parts
    )
    return re.compile(pattern)


def _rule_finding(rule: str, where: Location, text: Message) -> Finding:
    from osscheck import rules  # lazy: start-up

    return Finding(
        rule,
        rules.severity(rule),
        text,
        Message(f"rule.{rule}.hint"),
        location=where,
    )


__all__ = ["FILES", "HEADERS_FORMAT", "LINT", "LINT_FORMAT", "FileLicences", "file_licences"]

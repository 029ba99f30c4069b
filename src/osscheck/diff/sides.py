"""The two sides of a diff: what a project held, read from a report, from inputs, or from a git revision.

A side is its components (``model.Component``, judged) and what it was made from. An osscheck-report/1
JSON report keeps the verdicts it records; anything else is checked as ``osscheck check`` would check
it (runner.configured_check). A git revision is read without a checkout: the files the discovery
would read are taken from one ``git cat-file --batch`` process into a temporary folder, checked there,
and named ``REV:path`` (the path from the repository's root).
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import tempfile
from pathlib import Path

from osscheck.errors import InputError, OsscheckError, UsageError
from osscheck.messages import Message
from osscheck.model import Component, Location, Status

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import IO, Any

    from osscheck.options import CheckOptions
    from osscheck.report import Report

REPORT_SCHEMA = "osscheck-report/1"
_REPORT_HEAD = re.compile(rb'\A\s*\{\s*"schema"\s*:\s*"(osscheck-report/[^"]*)"')
_STATUSES = {s.value: s for s in Status}
#: files a check reads beside the inputs: the configuration (dev-groups, exclude) and the licence
#: files a policy may require (api._project_findings)
_ALSO_READ = (".osscheck.toml",)
_LICENSE_FILES = ("LICENSE*", "LICENCE*", "COPYING*")


class Side:
    """One side of a diff: its components with their verdicts, and where they came from."""

    __slots__ = ("components", "errors", "inputs", "kind", "outbound", "policy", "policy_digest", "source")

    def __init__(
        self,
        source: str,
        kind: str,
        components: list[Component],
        inputs: list[dict[str, Any]],
        policy: str | None = None,
        policy_digest: str | None = None,
        outbound: str | None = None,
        errors: list[OsscheckError] | None = None,
    ) -> None:
        self.source = source
        self.kind = kind  # report | inputs | git
        self.components = components
        self.inputs = sorted(inputs, key=lambda i: i["path"])
        self.policy = policy
        self.policy_digest = policy_digest
        self.outbound = outbound
        self.errors = [] if errors is None else errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "policy": self.policy,
            "policy_digest": self.policy_digest,
            "outbound": self.outbound,
            "inputs": self.inputs,
            "components": len(self.components),
        }


# --- a path: a report, or inputs ---------------------------------------------------------------


def from_path(path: str, options: CheckOptions) -> Side:
    """A report (by its schema) as it is; anything else checked under ``options``."""
    schema = _report_schema(path)
    if schema is not None:
        return from_report(path, schema)
    side = from_inputs([path], options)
    if Path(path).is_file() and any(e.message.code == "input.unknown-format" for e in side.errors):
        schema = _report_schema_anywhere(path)  # a report whose keys another tool re-ordered (jq -S)
        if schema is not None:
            return from_report(path, schema)
    return side


def _report_schema(path: str) -> str | None:
    """The schema an osscheck report names in its first key (osscheck writes it first), else ``None``."""
    from osscheck.readers._source import read_head

    try:
        if not Path(path).is_file():
            return None
        head = read_head(path, 512)
    except (InputError, OSError):
        return None  # the check says why it cannot be read
    found = _REPORT_HEAD.match(head)
    return found.group(1).decode("ascii", "replace") if found else None


def _report_schema_anywhere(path: str) -> str | None:
    """The top-level ``schema`` of a JSON document that no reader took, if it is an osscheck report's."""
    import json

    try:
        doc = json.loads(Path(path).read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    schema = doc.get("schema") if isinstance(doc, dict) else None
    return schema if isinstance(schema, str) and schema.startswith("osscheck-report/") else None


def from_inputs(
    paths: Sequence[str], options: CheckOptions, kind: str = "inputs", source: str | None = None
) -> Side:
    """``paths`` checked as ``osscheck check`` checks them (the project's configuration applied)."""
    from osscheck.runner import configured_check

    report, _ = configured_check(list(paths), options)
    return _from_report_object(report, source or " ".join(paths), kind)


def _from_report_object(report: Report, source: str, kind: str) -> Side:
    inputs = [{"path": i.path, "format": i.format, "sha256": i.digest} for i in report.inputs]
    return Side(
        source,
        kind,
        report.components,
        inputs,
        policy=report.policy_name,
        policy_digest=report.policy_digest,
        outbound=report.outbound,
        errors=list(report.errors),
    )


def from_report(path: str, schema: str = REPORT_SCHEMA) -> Side:
    """An osscheck-report/1 JSON report, with the verdicts it records; unreadable: a side with an error."""
    try:
        if schema != REPORT_SCHEMA:
            raise InputError(Message("diff.newer-report", schema=schema, known=REPORT_SCHEMA), path)
        return _read_report(path)
    except InputError as exc:
        return Side(path, "report", [], [], errors=[exc])


def _read_report(path: str) -> Side:
    from osscheck.readers._source import decode, load_json, read_regular

    doc = load_json(path, decode(path, read_regular(path)))
    if not isinstance(doc, dict):
        raise _malformed(path, "the document")
    policy = _field(doc, "policy", dict, path)
    components = [_component(c, i, path) for i, c in enumerate(_field(doc, "components", list, path))]
    inputs = []
    for i, entry in enumerate(_field(doc, "inputs", list, path)):
        where = f"inputs[{i}]"
        if not isinstance(entry, dict):
            raise _malformed(path, where)
        inputs.append(
            {
                "path": _field(entry, "path", str, path, where),
                "format": _field(entry, "format", str, path, where),
                "sha256": _field(entry, "sha256", (str, type(None)), path, where, None),
            }
        )
    errors: list[OsscheckError] = []
    for i, line in enumerate(_field(doc, "errors", list, path, "", [])):
        if not isinstance(line, str):
            raise _malformed(path, f"errors[{i}]")
        # the check that wrote the report could not read everything: this side is not complete
        recorded = line.removeprefix("osscheck: error: ")
        errors.append(InputError(Message("diff.recorded-error", error=recorded), path))
    return Side(
        path,
        "report",
        components,
        inputs,
        policy=_field(policy, "name", (str, type(None)), path, "policy", None),
        policy_digest=_field(policy, "digest", (str, type(None)), path, "policy", None),
        outbound=_field(policy, "outbound", (str, type(None)), path, "policy", None),
        errors=errors,
    )


_MISSING = object()


def _field(
    data: dict[str, Any],
    key: str,
    kind: type | tuple[type, ...],
    path: str,
    where: str = "",
    default: object = _MISSING,
) -> Any:
    value = data.get(key, default)
    if value is _MISSING or not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _malformed(path, f"{where}.{key}" if where else key)
    return value


def _malformed(path: str, key: str) -> InputError:
    return InputError(Message("diff.malformed-report", key=key), path)


_TEXT = (str, type(None))


def _component(data: object, index: int, path: str) -> Component:
    """A component of a report as the check made it (``report.component_dict`` in reverse)."""
    where = f"components[{index}]"
    if not isinstance(data, dict):
        raise _malformed(path, where)
    status = _STATUSES.get(_field(data, "status", str, path, where))
    if status is None:
        raise _malformed(path, f"{where}.status")
    obligations = _field(data, "obligations", list, path, where, [])
    if not all(isinstance(o, str) for o in obligations):
        raise _malformed(path, f"{where}.obligations")
    exception = _field(data, "exception", (dict, type(None)), path, where, None)
    if exception is not None and not isinstance(exception.get("justification"), str):
        raise _malformed(path, f"{where}.exception.justification")
    location = _field(data, "location", (dict, type(None)), path, where, None)
    if location is not None:
        line = location.get("line")
        if not isinstance(location.get("path"), str) or not (
            line is None or (isinstance(line, int) and not isinstance(line, bool))
        ):
            raise _malformed(path, f"{where}.location")
        location = Location(location["path"], line)
    return Component(
        _field(data, "name", str, path, where),
        version=_field(data, "version", _TEXT, path, where, None),
        purl=_field(data, "purl", _TEXT, path, where, None),
        location=location,
        license=_field(data, "license", _TEXT, path, where, None),
        category=_field(data, "category", _TEXT, path, where, None),
        status=status,
        obligations=obligations,
        exception=exception,
    )


# --- a git revision ----------------------------------------------------------------------------


def parse_range(spec: str) -> tuple[str, str | None]:
    """``A..B`` -> (A, B); ``A..`` and ``A`` -> (A, None): A against the working tree."""
    old, dots, new = spec.partition("..")
    if not old or new.startswith(".") or (dots and new.startswith("-")) or old.startswith("-"):
        raise UsageError(Message("diff.bad-range", value=repr(spec)))
    return old, new or None


def from_revision(revision: str, paths: Sequence[str], options: CheckOptions) -> Side:
    """``paths`` (from the working directory) as they are in ``revision``, checked under ``options``."""
    prefix, top = _repository()
    tree = _tree(revision)
    wanted = [_from_root(p, prefix, top) for p in paths]
    with tempfile.TemporaryDirectory(prefix="osscheck-diff-") as folder:
        root = os.path.realpath(folder)
        targets: list[str] = []
        missing: list[OsscheckError] = []
        blobs: list[tuple[str, str]] = []
        for rel in wanted:
            entries = _listed(tree, rel)
            if not entries:
                missing.append(
                    InputError(Message("diff.not-in-revision", revision=revision), _shown(revision, rel))
                )
                continue
            explicit = len(entries) == 1 and entries[0][1] == rel
            blobs.extend(e for e in entries if explicit or _read_by_check(e[1], rel))
            target = os.path.join(root, *rel.split("/")) if rel != "." else root
            if not explicit:
                os.makedirs(target, exist_ok=True)  # a folder without inputs: the check says so
            targets.append(target)
        _write_blobs({path: oid for oid, path in blobs}, root)
        side = Side(_shown(revision, " ".join(wanted)), "git", [], [])
        if targets:
            report = _checked(targets, options)
            side = _from_report_object(report, side.source, "git")
            _rename(side, root, revision)
        side.errors = missing + side.errors
        return side


def _checked(targets: list[str], options: CheckOptions) -> Report:
    from osscheck.runner import configured_check

    report, _ = configured_check(targets, options)
    return report


def _shown(revision: str, rel: str) -> str:
    return f"{revision}:{rel}"


def _git(*args: str, binary: bool = False) -> bytes:
    try:
        done = subprocess.run(["git", "--literal-pathspecs", *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError(Message("diff.no-git")) from None
    except OSError as exc:
        raise UsageError(
            Message("diff.git-failed", command=args[0], problem=str(exc.strerror or exc))
        ) from None
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(args[0], problem[-1] if problem else f"exit {done.returncode}")
    return done.stdout


class _GitFailed(UsageError):
    def __init__(self, command: str, problem: str) -> None:
        super().__init__(Message("diff.git-failed", command=command, problem=problem))
        self.problem = problem


def _repository() -> tuple[str, str]:
    """The working directory's folder from the repository's root (``sub/``), and the root."""
    try:
        out = _git("rev-parse", "--show-prefix", "--show-toplevel").decode("utf-8", "surrogateescape")
    except _GitFailed:
        raise UsageError(Message("diff.not-a-repository"), os.getcwd()) from None
    lines = out.split("\n")
    if len(lines) < 2:
        raise UsageError(Message("diff.not-a-repository"), os.getcwd())
    return lines[0], lines[1]


def _tree(revision: str) -> str:
    """The tree of ``revision`` (its id: safe to hand to git as an argument)."""
    if revision.startswith("-"):  # never an option of git's
        raise UsageError(Message("diff.no-such-revision", revision=revision))
    try:
        return _git("rev-parse", "--verify", "--quiet", f"{revision}^{{tree}}").decode().strip()
    except _GitFailed:
        raise UsageError(Message("diff.no-such-revision", revision=revision)) from None


def _from_root(path: str, prefix: str, top: str) -> str:
    """A path of the command line as git names it: from the repository's root, with ``/``."""
    if os.path.isabs(path):
        rel = os.path.relpath(os.path.realpath(path), os.path.realpath(top)).replace(os.sep, "/")
    else:
        rel = posixpath.normpath(posixpath.join(prefix, path.replace(os.sep, "/")))
    if rel == ".." or rel.startswith("../"):
        raise UsageError(Message("diff.outside-repository"), path)
    return rel


def _listed(tree: str, rel: str) -> list[tuple[str, str]]:
    """The files (id, path) at or under ``rel`` in ``tree``: regular files only (no links, no submodules)."""
    args = ["ls-tree", "-r", "-z", "--full-tree", tree]
    if rel != ".":
        args += ["--", rel]
    out = _git(*args)
    files = []
    for entry in out.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, oid = meta.split(b" ")
        path = name.decode("utf-8", "surrogateescape")
        if kind == b"blob" and mode in (b"100644", b"100755") and _safe(path):
            files.append((oid.decode(), path))
    return files


def _safe(path: str) -> bool:
    """A path that stays inside the folder it is written into (a crafted tree may hold ``..``)."""
    parts = path.split("/")
    return all(p not in ("", ".", "..") for p in parts) and "\\" not in path and "\0" not in path


def _read_by_check(path: str, rel: str) -> bool:
    """Would a folder search of ``rel`` read the file at ``path`` (by its name; readers.discover)?"""
    from osscheck.readers import MAYBE_SBOM, SKIP_DIRS, name_matches, spec_for_name

    inner = path if rel == "." else path[len(rel) + 1 :]
    *folders, name = inner.split("/")
    if any(f in SKIP_DIRS for f in folders):
        return False
    lower = name.lower()
    parent = folders[-1] if folders else posixpath.basename(rel) if rel != "." else ""
    if spec_for_name(f"{parent}/{name}") is not None or any(name_matches(lower, p) for p in MAYBE_SBOM):
        return True
    return name in _ALSO_READ or (not folders and any(name_matches(name, p) for p in _LICENSE_FILES))


def _write_blobs(blobs: dict[str, str], root: str) -> None:
    """Each file (path -> id) into ``root``, read from one ``git cat-file --batch``."""
    if not blobs:
        return
    try:
        process = subprocess.Popen(
            ["git", "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError as exc:
        raise UsageError(
            Message("diff.git-failed", command="cat-file", problem=str(exc.strerror or exc))
        ) from None
    assert process.stdin is not None and process.stdout is not None
    try:
        for path, oid in sorted(blobs.items()):
            # one at a time: the answer is read before the next question, so no pipe fills up
            process.stdin.write(oid.encode() + b"\n")
            process.stdin.flush()
            header = process.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                raise UsageError(Message("diff.git-failed", command="cat-file", problem=repr(header)))
            target = os.path.join(root, *path.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                _copy(process.stdout, out, int(header[2]))
            process.stdout.read(1)  # the newline after each object
    finally:
        process.stdin.close()
        process.wait()


def _copy(source: IO[bytes], target: IO[bytes], size: int) -> None:
    left = size
    while left:
        chunk = source.read(min(left, 1 << 20))
        if not chunk:
            raise UsageError(
                Message("diff.git-failed", command="cat-file", problem="unexpected end of output")
            )
        target.write(chunk)
        left -= len(chunk)


def _rename(side: Side, root: str, revision: str) -> None:
    """Every path in the temporary folder named ``REV:path`` (the path from the repository's root)."""

    def shown(path: str) -> str:
        full = os.path.realpath(path) if not path.startswith(root) else path
        if full == root:
            return _shown(revision, ".")
        if full.startswith(root + os.sep):
            return _shown(revision, full[len(root) + 1 :].replace(os.sep, "/"))
        return path

    for entry in side.inputs:
        entry["path"] = shown(entry["path"])
    side.inputs.sort(key=lambda i: i["path"])
    for c in side.components:
        if c.location is not None:
            c.location = Location(shown(c.location.path), c.location.line)
    side.errors = [e.at(shown(e.path), e.line) if e.path is not None else e for e in side.errors]

"""Licence drift: the components whose licence changed since HEAD's version of a lockfile.

A dependency that relicenses in a minor release (MIT to BUSL-1.1, BSD to SSPL) passes unnoticed when
the new licence happens to be allowed, or is denied only once someone looks. The pre-commit hook
therefore compares each lockfile and manifest it reads with the version in HEAD and names every
component whose licence changed (``licence-drift``, a warning; an error with ``drift = "fail"``).

HEAD's versions come from one ``git cat-file --batch`` for all the files (no checkout), spawned
without the ``subprocess`` module (whose import costs a pre-commit run more than the spawn itself)
and, for the files the hook is given, started before the check so that git's start-up overlaps it.
A file whose bytes equal HEAD's costs that one spawn and no parse; a changed one is read by the same
reader, from the bytes, at the same path (so that the manifest beside it still counts), and judged
by the same pipeline. Nothing to compare with (not a git work tree, no commit yet, a file new in
this commit, no git on the PATH) is no finding and no error; a HEAD version that cannot be read is
a note.
"""

from __future__ import annotations

import os
from pathlib import Path

from osscheck.messages import Message
from osscheck.model import Finding, InputFile, Inventory, Location, Record, Severity, Status

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from osscheck.model import Component
    from osscheck.report import Report

#: inputs that are folders (installed packages), not files with a version in git
_FOLDER_FORMATS = ("python-environment", "node-modules")
#: a request larger than this could fill both pipes at once: then subprocess does the juggling
_SMALL_REQUEST = 16 * 1024

_CHANGES = {
    "relicensed": Message("drift.relicensed"),
    "wider": Message("drift.wider"),
    "narrower": Message("drift.narrower"),
    "found": Message("drift.found"),
    "lost": Message("drift.lost"),
}
_NOW = {
    Status.ALLOWED: Message("drift.now-allowed"),
    Status.REVIEW: Message("drift.now-review"),
    Status.DENIED: Message("drift.now-denied"),
    Status.EXEMPTED: Message("drift.now-exempted"),
}


class Early(Record):
    """``git cat-file`` started for the files named on the command line before the check runs, so
    that git's start-up overlaps the check's: ``trees`` maps each work tree to the paths asked for
    and the function that collects git's answer."""

    def __init__(self, trees: dict[Path, tuple[list[str], Callable[[], bytes | None]]]) -> None:
        self.trees = trees


def start(paths: Sequence[str]) -> Early:
    """Ask git for HEAD's version of every file among ``paths`` (the hook's files) at once."""
    named: dict[Path, list[str]] = {}
    for raw in paths:
        located = _in_work_tree(Path(raw))
        if located is not None and located[1] not in named.setdefault(located[0], []):
            named[located[0]].append(located[1])
    return Early({tree: (names, _spawn(tree, names)) for tree, names in named.items() if names})


def add_drift(
    report: Report, mode: str, recheck: Callable[[Inventory], Report], early: Early | None = None
) -> None:
    """Add the drift findings to ``report`` (``mode``: warn, fail; off only collects ``early``).

    ``recheck`` judges HEAD's inputs as the report's were judged.
    """
    found = drift_findings(report, mode, recheck, early)
    if found:
        from osscheck.api import _sorted_findings  # the order every report's findings have

        report.findings = _sorted_findings([*report.findings, *found])


def drift_findings(
    report: Report, mode: str, recheck: Callable[[Inventory], Report], early: Early | None = None
) -> list[Finding]:
    """``licence-drift`` findings for the report's input files against HEAD (``mode``: warn | fail)."""
    asked = early.trees if early is not None else {}
    if mode == "off":
        for _, collect in asked.values():
            collect()  # git is not left behind
        return []
    by_tree: dict[Path, list[tuple[InputFile, Path, str]]] = {}
    for source in report.inputs:
        if source.format in _FOLDER_FORMATS:
            continue
        path = Path(source.path)
        located = _in_work_tree(path)
        if located is not None:
            by_tree.setdefault(located[0], []).append((source, path, located[1]))
    findings: list[Finding] = []
    for tree in sorted({*by_tree, *asked}):
        files = by_tree.get(tree, [])
        names, collect = asked.get(tree, ([], _nothing))
        wanted = [name for _, _, name in files]
        if not set(wanted) <= set(names):  # a lockfile read for its manifest: ask again
            collect()
            names, collect = wanted, _spawn(tree, wanted)
        blobs = head_blobs(names, collect())
        for source, path, name in files:
            old = blobs.get(name)
            if old is None:
                continue  # new in this commit, or nothing in HEAD: nothing to compare with
            try:
                now = path.read_bytes()
            except OSError:
                continue  # the check itself has reported what it could not read
            if now != old:
                findings.extend(_compare(report, source, path, old, mode, recheck))
    return findings


def _nothing() -> bytes | None:
    return None


def _in_work_tree(path: Path) -> tuple[Path, str] | None:
    """The git work tree holding the file ``path`` and its path in it (``a/b.lock``), found without git."""
    try:
        full = path.resolve()
        if not full.is_file():
            return None
    except (OSError, RuntimeError):
        return None
    for folder in full.parents:
        if os.path.lexists(folder / ".git"):  # a folder, or a file in a worktree or submodule
            name = full.relative_to(folder).as_posix()
            return (folder, name) if "\n" not in name else None  # cat-file reads one name a line
    return None


def head_blobs(names: list[str], out: bytes | None) -> dict[str, bytes]:
    """HEAD's content of each of ``names`` that HEAD has, from git's answer to :func:`_spawn`.

    Empty when git could not say (``None``): not installed, no commit yet, a repository it refuses.
    """
    if out is None:
        return {}
    found: dict[str, bytes] = {}
    at = 0
    for name in names:
        end = out.find(b"\n", at)
        if end < 0:
            break
        header = out[at:end].rsplit(b" ", 2)
        at = end + 1
        if len(header) != 3 or not header[2].isdigit():  # "HEAD:x missing", "... ambiguous"
            continue
        size = int(header[2])
        if header[1] == b"blob":
            found[name] = out[at : at + size]
        at += size + 1  # the content and its newline
    return found


def _spawn(tree: Path, names: list[str]) -> Callable[[], bytes | None]:
    """Start ``git -C TREE cat-file --batch`` for HEAD's version of ``names``; the function returned
    waits for its output (``None`` when git failed or is not there)."""
    request = b"".join(b"HEAD:" + os.fsencode(name) + b"\n" for name in names)
    argv = ["git", "-C", os.fspath(tree), "cat-file", "--batch"]
    spawn = getattr(os, "posix_spawnp", None)
    if spawn is None or len(request) > _SMALL_REQUEST:
        import subprocess  # lazy: start-up

        try:
            done = subprocess.run(argv, input=request, capture_output=True, check=False)
        except OSError:
            return lambda: None
        return lambda: done.stdout if done.returncode == 0 else None
    stdin_r, stdin_w = os.pipe()  # not inherited: only the descriptors put at 0, 1 and 2 are
    stdout_r, stdout_w = os.pipe()
    null = os.open(os.devnull, os.O_WRONLY)
    actions = [
        (os.POSIX_SPAWN_DUP2, stdin_r, 0),
        (os.POSIX_SPAWN_DUP2, stdout_w, 1),
        (os.POSIX_SPAWN_DUP2, null, 2),
    ]
    try:
        pid = spawn("git", argv, os.environ, file_actions=actions)
    except OSError:  # no git on the PATH
        for fd in (stdin_r, stdin_w, stdout_r, stdout_w, null):
            os.close(fd)
        return lambda: None
    for fd in (stdin_r, stdout_w, null):
        os.close(fd)
    try:
        os.write(stdin_w, request)  # small: it fits into the pipe whatever git does meanwhile
    except OSError:
        pass  # git ended early; its exit status says so
    finally:
        os.close(stdin_w)
    answer: list[bytes | None] = []

    def collect() -> bytes | None:
        if not answer:  # once: the descriptor is closed and the process reaped afterwards
            chunks = []
            while chunk := os.read(stdout_r, 1 << 16):
                chunks.append(chunk)
            os.close(stdout_r)
            _, status = os.waitpid(pid, 0)
            answer.append(b"".join(chunks) if os.waitstatus_to_exitcode(status) == 0 else None)
        return answer[0]

    return collect


# --- one changed file ----------------------------------------------------------------------------


def _compare(
    report: Report,
    source: InputFile,
    path: Path,
    old: bytes,
    mode: str,
    recheck: Callable[[Inventory], Report],
) -> list[Finding]:
    from osscheck.errors import OsscheckError

    try:
        before = recheck(Inventory(inputs=[read_bytes(source.format, path, old)]))
    except OsscheckError as exc:
        note = Message(
            "finding.licence-drift-unreadable", path=source.path, format=source.format, problem=exc.message
        )
        return [Finding("licence-drift", Severity.NOTE, note, location=Location(source.path))]
    merged = {c.key: c for c in report.components}  # the report's entries, resolved and judged
    now = [merged.get(c.key, c) for c in source.components]
    severity = Severity.ERROR if mode == "fail" else Severity.WARNING
    return [_finding(o, n, change, severity) for o, n, change in changed(before.components, now)]


def read_bytes(fmt: str, path: Path, data: bytes) -> InputFile:
    """``data`` read as the reader of ``fmt`` reads the file at ``path``; an ``InputError`` else."""
    import importlib

    from osscheck import readers
    from osscheck.errors import InputError
    from osscheck.limits import parse_nested
    from osscheck.readers._source import reset_scanned_folder, set_scanned_folder

    spec = next((s for s in readers.READERS if s.format == fmt), None) or readers.spec_for_name(path.name)
    if spec is None:
        raise InputError(Message("input.unknown-format"), path)
    reader = getattr(importlib.import_module(f"osscheck.readers.{spec.module}"), spec.function)
    # what the file includes may be read where the check itself reads it (a named file's rule)
    cwd = Path.cwd()
    scanned = set_scanned_folder(cwd if path.parent.resolve().is_relative_to(cwd.resolve()) else path.parent)
    try:
        result: InputFile = parse_nested(lambda: reader(path, data))
    except InputError:
        raise
    except RecursionError:
        raise InputError(Message("input.nested-too-deeply"), path) from None
    except MemoryError:
        raise InputError(Message("input.too-large"), path) from None
    except Exception as exc:  # a reader's bug on an odd old version: a note, never a traceback
        error = f"{type(exc).__name__}: {exc}"
        raise InputError(Message("input.cannot-read-as", format=spec.format, error=error), path) from None
    finally:
        reset_scanned_folder(scanned)
    return result


def changed(old: list[Component], new: list[Component]) -> list[tuple[Component, Component, str]]:
    """The pairs (old, new, how) whose licence changed; matched as ``osscheck diff`` matches them
    (diff.change.identity, two versions of one paired by diff.change.paired)."""
    from osscheck.diff.change import identity, license_change, paired  # lazy: start-up (a changed lockfile)

    earlier: dict[str, list[Component]] = {}
    for c in old:
        earlier.setdefault(identity(c), []).append(c)
    later: dict[str, list[Component]] = {}
    for c in new:
        if c.status is not Status.IGNORED:  # not judged here (development only, the project's own)
            later.setdefault(identity(c), []).append(c)
    found = []
    for key, entries in later.items():
        pairs, _, _ = paired(earlier.get(key, []), entries)  # the versions left over: added or removed
        found += [(o, c, license_change(o.license, c.license)) for o, c in pairs]
    return [(o, c, how) for o, c, how in found if how != "same"]


def _finding(old: Component, new: Component, change: str, severity: Severity) -> Finding:
    versions = old.version if old.version == new.version else f"{old.version or '?'} -> {new.version or '?'}"
    message = Message(
        "finding.licence-drift",
        component=f"{new.name} {versions}" if versions else new.name,
        old=old.license or Message("finding.unknown-licence"),
        new=new.license or Message("finding.unknown-licence"),
        change=_CHANGES[change],
        now=_NOW.get(new.status or Status.REVIEW, _NOW[Status.REVIEW]),
    )
    return Finding(
        "licence-drift",
        severity,
        Message("finding.of-component", ref=new.ref, detail=message),
        Message("rule.licence-drift.hint"),
        new.ref,
        new.location,
    )

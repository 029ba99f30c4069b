"""What a register file's git history says about its decisions, read offline.

Every committed version of the file (``git log --follow``, read with one ``git cat-file --batch``) is
parsed; for each entry the first commit that holds it is its request, the last commit that turned
its status into ``approved`` (an entry without ``status`` counts as approved) is its approval.
``exception verify`` reports each approval committed by the one who requested it: by author name
or e-mail equal to ``requested-by`` (else to the requesting commit's author), or made in the very
commit that added the request. An approval no commit holds yet cannot be shown to be anyone else's.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from osscheck.errors import UsageError, printable_lines
from osscheck.messages import Message, render
from osscheck.register import entries
from osscheck.register.command import same_person

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False)
    except OSError as exc:
        raise UsageError(Message("history.git-failed", problem=str(exc.strerror or exc))) from None
    if done.returncode != 0:
        problem = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            Message("history.git-failed", problem=problem[-1] if problem else f"exit {done.returncode}")
        )
    return done.stdout


def _root(path: Path) -> Path:
    if shutil.which("git") is None:
        raise UsageError(Message("history.no-git"))
    try:
        done = subprocess.run(
            ["git", "-C", str(path.parent), "rev-parse", "--show-toplevel"], capture_output=True, check=False
        )
    except OSError as exc:
        raise UsageError(Message("history.git-failed", problem=str(exc.strerror or exc))) from None
    if done.returncode != 0:
        raise UsageError(Message("history.not-a-repository"), str(path))
    return Path(done.stdout.decode("utf-8", "surrogateescape").strip())


def _key(values: dict[str, Any]) -> str:
    """An entry across versions: its id, else what it covers."""
    if isinstance(values.get("id"), str):
        return values["id"]
    return "\x1f".join(str(values.get(k)) for k in ("package", "name", "version", "license"))


def _versions(path: Path) -> list[tuple[dict[str, str], list[dict[str, Any]]]]:
    """Each committed version of ``path``, oldest first: (commit, author, email, date) and its entries."""
    root = _root(path)
    relative = path.resolve().relative_to(root.resolve()).as_posix()
    log = _git(root, "log", "--follow", "--name-only", "--format=%x00%H%x1f%an%x1f%ae%x1f%aI", "--", relative)
    commits = []
    for record in log.decode("utf-8", "surrogateescape").split("\x00")[1:]:
        head, _, names = record.partition("\n")
        sha, author, email, date = head.split("\x1f")
        name = next((n for n in names.splitlines() if n.strip()), relative)
        commits.append(({"commit": sha, "author": author, "email": email, "date": date}, name))
    commits.reverse()
    if not commits:
        return []
    batch = _git(
        root, "cat-file", "--batch", stdin="".join(f"{c['commit']}:{n}\n" for c, n in commits).encode()
    )
    versions = []
    at = 0
    for commit, _ in commits:
        end = batch.index(b"\n", at)
        header = batch[at:end].split()
        at = end + 1
        content = b""
        if len(header) == 3:
            size = int(header[2])
            content, at = batch[at : at + size], at + size + 1
        try:
            tables = tomllib.loads(content.decode("utf-8")).get("exceptions", [])
        except (UnicodeDecodeError, tomllib.TOMLDecodeError):
            tables = []  # a broken version decided nothing
        versions.append(
            (commit, [t for t in tables if isinstance(t, dict)] if isinstance(tables, list) else [])
        )
    return versions


def _approved(values: dict[str, Any]) -> bool:
    return values.get("status", "approved") == "approved"


def decisions(path: str | Path) -> list[dict[str, Any]]:
    """For each entry of the register file: who requested and who approved it, and in which commits.

    Each dict: ``id`` (id or FILE:LINE), ``file``, ``line``, ``status``, ``requested-by``, ``approved-by``,
    ``decided-on``; ``requested``, ``approved`` (the approval) and ``decided`` (the commit that set today's
    status approved or rejected): each ``{"commit", "date", "author", "email"}``, or ``None`` where no
    commit holds it (not committed yet, or still requested).
    """
    path = Path(path)
    current = entries.read(path)
    requested: dict[str, dict[str, str]] = {}
    approved: dict[str, dict[str, str]] = {}
    was_approved: dict[str, bool] = {}
    since: dict[str, tuple[str, dict[str, str]]] = {}  # the status an entry has, and the commit that set it
    for commit, tables in _versions(path):
        for values in tables:
            key = _key(values)
            requested.setdefault(key, commit)
            status = str(values.get("status", "approved"))
            if key not in since or since[key][0] != status:
                since[key] = (status, commit)
            now = _approved(values)
            if now and not was_approved.get(key, False):
                approved[key] = commit
            elif not now:
                approved.pop(key, None)
            was_approved[key] = now
        for gone in set(was_approved) - {_key(v) for v in tables}:
            was_approved.pop(gone)
            since.pop(gone, None)
    found = []
    for e in current.entries:
        key = _key(e.values)
        found.append(
            {
                "id": e.address,
                "file": e.source,
                "line": e.line,
                "status": e.status,
                "requested-by": e.text("requested-by"),
                "approved-by": e.text("approved-by"),
                "requested": requested.get(key),
                "approved": approved.get(key) if e.status == "approved" else None,
                "decided-on": d.isoformat() if (d := e.day("decided-on")) else None,
                "decided": since[key][1]
                if e.status != "requested" and since.get(key, ("",))[0] == e.status
                else None,
            }
        )
    return found


def problems(path: str | Path) -> list[Message]:
    """One message per approval committed by its requester, or not committed at all."""
    shown = str(path)
    said = []
    for d in decisions(path):
        if d["status"] != "approved":
            continue
        where = f"{shown}:{d['line']}" if d["line"] else shown
        approval, request = d["approved"], d["requested"]
        if approval is None:
            said.append(Message("history.uncommitted", where=where, id=d["id"]))
            continue
        requester = d["requested-by"] or (request["author"] if request else None)
        by = f"{approval['author']} <{approval['email']}>"
        if requester and (
            same_person(requester, approval["author"]) or same_person(requester, approval["email"])
        ):
            said.append(
                Message(
                    "history.self-approval",
                    where=where,
                    id=d["id"],
                    who=requester,
                    commit=approval["commit"][:12],
                    author=by,
                )
            )
        elif request is not None and request["commit"] == approval["commit"]:
            said.append(
                Message(
                    "history.same-commit", where=where, id=d["id"], commit=approval["commit"][:12], author=by
                )
            )
    return said


def verify(register: str | None = None, lang: str | None = None) -> int:
    """``exception verify``: exit 1 with one line per problem, 0 when every approval is someone else's."""
    from osscheck import i18n, runner

    runner.set_error_language(lang)
    language = i18n.detect(lang)
    files = [register] if register else list(entries.project_sources().files)
    if not files:
        raise UsageError(Message("register.no-register"))
    found: list[Message] = []
    checked = 0
    for path in files:
        found += problems(path)
        checked += sum(1 for e in entries.read(path).entries if e.status == "approved")
    for message in found:
        print(printable_lines(render(message, language)))
    if found:
        return 1
    print(render(Message("history.verified", n=checked), language))
    return 0

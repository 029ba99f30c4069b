"""``osscheck evidence verify DIR``: the bundle is as it was written, and the check still says the same.

Exit 0: every digest matches, no file is missing or extra, the signature (if any) verifies, and the
check re-run on the archived inputs and policy gives the recorded verdict and statuses. Exit 1:
what differs, one line each. Exit 2: the bundle cannot be read.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from osscheck.digest import sha256
from osscheck.errors import InputError, OsscheckError, printable
from osscheck.evidence.bundle import MANIFEST, SCHEMA
from osscheck.evidence.sign import SIGNATURE
from osscheck.messages import Message, render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from osscheck.policy.model import Policy


def command(folder: Path, allowed_signers: Path | None, lang: str | None) -> int:
    from osscheck import i18n, runner

    runner.set_error_language(lang)
    language = i18n.detect(lang)
    differences = verify(folder, allowed_signers, language)
    for difference in differences:
        print(printable(render(difference, language)))
    if differences:
        return 1
    print(printable(render(Message("evidence.verified", folder=str(folder)), language)))
    return 0


def verify(folder: Path, allowed_signers: Path | None = None, lang: str = "en") -> list[Message]:
    """What differs between the bundle in ``folder`` and its manifest, and its re-run check."""
    manifest = _manifest(folder)
    differences = _files(folder, manifest)
    if (folder / SIGNATURE).is_file():
        differences += _signature(folder, allowed_signers, lang)
    if differences:  # a re-run on changed inputs says nothing the digests have not said
        return differences
    return _rerun(folder, manifest)


def _manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_bytes())
    except OSError as exc:
        raise InputError(Message("evidence.cannot-read", problem=str(exc.strerror or exc)), path) from None
    except ValueError as exc:
        raise InputError(Message("evidence.not-a-manifest", problem=str(exc)), path) from None
    if (
        not isinstance(manifest, dict)
        or manifest.get("schema") != SCHEMA
        or not isinstance(manifest.get("files"), list)
    ):
        raise InputError(Message("evidence.not-a-manifest", problem=f"schema is not {SCHEMA}"), path)
    return manifest


def _files(folder: Path, manifest: dict[str, Any]) -> list[Message]:
    listed: dict[str, str] = {}
    for entry in manifest["files"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str):
            raise InputError(
                Message("evidence.not-a-manifest", problem="a file without a path"), folder / MANIFEST
            )
        listed[entry["path"]] = str(entry.get("sha256"))
    present = {
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()
    } - {MANIFEST, SIGNATURE}
    differences: list[Message] = []
    for path in sorted(listed):
        target = folder / path
        if path not in present or not target.is_file():
            differences.append(Message("evidence.file-missing", path=path))
        elif sha256(target.read_bytes()) != listed[path]:
            differences.append(Message("evidence.digest-differs", path=path))
    differences += [Message("evidence.file-extra", path=path) for path in sorted(present - set(listed))]
    return differences


def _signature(folder: Path, allowed_signers: Path | None, lang: str) -> list[Message]:
    from osscheck.evidence import sign

    try:
        signer = sign.verify(folder, allowed_signers)
    except sign.SignatureError as exc:
        return [Message("evidence.signature-bad", problem=exc.message)]
    print(printable(render(Message("evidence.signature-good", signer=signer), lang)), file=sys.stderr)
    return []


def _rerun(folder: Path, manifest: dict[str, Any]) -> list[Message]:
    """The check on inputs/ under the archived policy and register, on the bundle's day."""
    from osscheck import api, reports

    given = manifest.get("check")
    check: dict[str, Any] = given if isinstance(given, dict) else {}
    paths = [str(folder / p) for p in check.get("paths", ["inputs"])]
    day = dt.date.fromisoformat(str(manifest.get("date")))
    try:
        recorded = json.loads((folder / "report.json").read_bytes())
        policy = archived_policy(folder)
        report = api.check(
            paths,
            policy=policy,
            outbound=check.get("outbound"),
            fail_on=check.get("fail-on") or "denied",
            include_dev=check.get("include-dev"),
            today=day,
            cached_answers=True,  # as the check itself: earlier look-ups where the cache has them
        )
    except OsscheckError as exc:
        return [Message("evidence.rerun-failed", problem=exc.message)]
    except ValueError as exc:
        return [Message("evidence.rerun-failed", problem=str(exc))]
    again = json.loads(reports.render(report, "json", lang="en"))
    return compare(recorded, again)


def archived_policy(folder: Path) -> Policy:
    """policy.toml, which names register.toml beside it."""
    from osscheck.policy import load_policy

    return load_policy(folder / "policy.toml")


def compare(recorded: dict[str, Any], again: dict[str, Any]) -> list[Message]:
    """The verdict and every component's status of two JSON reports: what differs."""
    differences: list[Message] = []
    was, now = recorded.get("summary", {}), again.get("summary", {})
    if was.get("passed") != now.get("passed"):
        differences.append(Message("evidence.verdict-differs", recorded=_verdict(was), now=_verdict(now)))
    old, new = _statuses(recorded), _statuses(again)
    for key in sorted(old.keys() | new.keys()):
        if old.get(key) != new.get(key):
            differences.append(
                Message(
                    "evidence.status-differs",
                    component=key,
                    recorded=", ".join(old.get(key, ["-"])),
                    now=", ".join(new.get(key, ["-"])),
                )
            )
    return differences


def _verdict(summary: dict[str, Any]) -> str:
    return "passed" if summary.get("passed") else "failed"


def _statuses(report: dict[str, Any]) -> dict[str, list[str]]:
    statuses: dict[str, list[str]] = {}
    for c in report.get("components", []):
        if isinstance(c, dict):
            key = c.get("purl") or f"{c.get('name')}@{c.get('version')}"
            statuses.setdefault(str(key), []).append(str(c.get("status")))
    return {k: sorted(v) for k, v in statuses.items()}

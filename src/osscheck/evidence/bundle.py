"""``osscheck evidence``: run the check once and write the folder an auditor keeps for a release."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path, PurePosixPath

from osscheck import __version__
from osscheck.digest import sha256
from osscheck.errors import OsscheckError, UsageError, printable
from osscheck.evidence import facts, purposes, toml_out
from osscheck.messages import Message, render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from osscheck.options import CheckOptions
    from osscheck.policy.model import Policy
    from osscheck.report import Report

SCHEMA = "osscheck-evidence/1"
MANIFEST = "manifest.json"
INPUTS = "inputs"
# the files a folder argument was looked at for besides its inputs (the LICENSE a policy requires)
_LICENCE_FILES = ("LICENSE*", "LICENCE*", "COPYING*")


def command(
    paths: Sequence[str], options: CheckOptions, release: str, output: Path, sign_spec: str | None
) -> int:
    """Write the bundle into ``output`` (new or empty); the exit code of the check it records."""
    from osscheck import i18n, runner
    from osscheck.evidence import sign

    runner.set_error_language(options.lang)
    _refuse_used_folder(output)
    signing = sign.parse_spec(sign_spec) if sign_spec else None  # before the check: fail early
    given = list(paths) or ["."]
    from osscheck.evidence import reads

    with reads.recording() as opened:
        report, config = runner.configured_check(given, options)
    lang = i18n.detect(options.lang or config.lang)
    policy = _policy_used(options.policy or config.policy, report)
    settings = {
        "outbound": options.outbound or config.outbound,
        "fail-on": report.fail_on,
        "include-dev": options.include_dev if options.include_dev is not None else config.include_dev,
        "lang": lang,
    }
    extra: list[str | Path] = [config.source] if config.source else []
    beside = reads.beside_inputs(opened, given)
    files = contents(report, policy, given, extra, lang, beside)
    manifest = _manifest(report, policy, release, given, settings, files)
    write(output, files, manifest)
    if signing is not None:
        sign.sign(output, *signing)
    done = Message("evidence.written", release=release, folder=str(output), files=len(files) + 2)
    print(printable(render(done, lang)), file=sys.stderr)
    return runner.exit_code(report, lang)


def _refuse_used_folder(output: Path) -> None:
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise UsageError(Message("evidence.not-empty"), output)


def _policy_used(ref: str | None, report: Report) -> Policy:
    """The policy the check loaded, with the register it used (the report's, registers included)."""
    from osscheck.policy import load_policy

    return load_policy(ref).replace(exceptions=report.exceptions)


def contents(
    report: Report,
    policy: Policy,
    paths: Sequence[str],
    extra: Sequence[str | Path],
    lang: str,
    beside: Sequence[tuple[str, Path]] = (),
) -> dict[str, bytes]:
    """Every file of the bundle but index.html and the manifest: bundle path -> bytes."""
    from osscheck import reports

    files = {
        "report.de.html": reports.render(report, "html", lang="de"),
        "report.en.html": reports.render(report, "html", lang="en"),
        "report.json": reports.render(report, "json", lang="en"),
        "sbom.cdx.json": reports.render(report, "cyclonedx", lang="en"),
        "sbom.spdx.json": reports.render(report, "spdx", lang="en"),
        "notice.txt": reports.render(report, "notice", lang=lang),
        "policy.toml": toml_out.policy_toml(policy),
        toml_out.REGISTER_FILE: toml_out.register_toml(policy.exceptions),
    }
    data = {name: text.encode("utf-8") for name, text in files.items()}
    data["decisions.csv"] = _decisions(policy).encode("utf-8")
    inputs = _inputs(report, paths, extra, beside)
    data.update(inputs)
    data["inputs.sha256"] = "".join(f"{sha256(inputs[p])}  {p}\n" for p in sorted(inputs)).encode()
    return data


def archived_path(path: str) -> str:
    """Where the input ``path`` goes in the bundle: under inputs/, relative paths kept as they are."""
    parts = [p for p in PurePosixPath(path.replace("\\", "/")).parts if p not in ("/", ".", "")]
    safe = ["_parent" if p == ".." else p.replace(":", "_") for p in parts]
    return str(PurePosixPath(INPUTS, *safe))


def _inputs(
    report: Report, paths: Sequence[str], extra: Sequence[str | Path], beside: Sequence[tuple[str, Path]]
) -> dict[str, bytes]:
    """A copy of every input the check read, the files it read beside them (``beside``: given path,
    file), the configuration and the licence files it looked for."""
    copies: dict[str, bytes] = {}
    for source in report.inputs:
        data = _read(source.path)
        if source.digest is not None and sha256(data) != source.digest:
            raise UsageError(Message("evidence.input-changed"), source.path)
        copies[archived_path(source.path)] = data
    looked_at = [Path(p) for p in extra]
    for folder in (Path(p) for p in paths if Path(p).is_dir()):
        looked_at += [f for pattern in _LICENCE_FILES for f in sorted(folder.glob(pattern)) if f.is_file()]
    for path in looked_at:
        kept = archived_path(str(path))
        if kept not in copies:
            copies[kept] = _read(str(path))
    for given, file in beside:
        inside = file.relative_to(Path(given).resolve()).as_posix()
        kept = archived_path(given if inside == "." else f"{given}/{inside}")
        if kept not in copies:
            copies[kept] = _read(str(file))
    return copies


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:  # fail closed: an input that cannot be archived makes no bundle
        raise UsageError(Message("evidence.cannot-read", problem=str(exc.strerror or exc)), path) from None


def _decisions(policy: Policy) -> str:
    """decisions.csv: each register entry's request, decision and approval from its file's git history."""
    from osscheck.register.history import decisions

    sources = sorted({str(e.source) for e in policy.exceptions if getattr(e, "source", None)})
    rows: list[dict[str, Any]] = []
    for source in sources:
        if Path(source).is_file():
            try:
                rows += [{"register": source, **_flat(row)} for row in decisions(Path(source))]
            except OsscheckError as exc:  # not under git: the register is archived, its history is not
                rows.append({"register": source, "note": str(exc)})
    columns = list(dict.fromkeys(key for row in rows for key in row)) or ["register"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", restval="")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A commit's fields as columns of their own: ``approved-commit``, ``approved-author``, ..."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            flat.update({f"{key}-{inner}": v for inner, v in value.items()})
        elif key in ("requested", "approved", "decided") and value is None:
            continue  # no commit holds it: its columns stay empty
        else:
            flat[key] = value
    return flat


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value.isoformat() if hasattr(value, "isoformat") else value)


def _manifest(
    report: Report,
    policy: Policy,
    release: str,
    paths: Sequence[str],
    settings: dict[str, Any],
    files: dict[str, bytes],
) -> dict[str, Any]:
    from osscheck.reports._stamp import stamp_time

    day = stamp_time().date()
    years, years_from = facts.retention_years(policy)
    summary = json.loads(files["report.json"])["summary"]
    first = Path(paths[0])
    manifest: dict[str, Any] = {
        "schema": SCHEMA,
        "release": release,
        "date": day.isoformat(),
        "osscheck": __version__,
        "license-data": facts.data_versions(),
        "git": facts.git_revision(first if first.is_dir() else first.parent),
        "policy": {
            "name": report.policy_name,
            "source": report.policy_source,
            "digest": report.policy_digest,
        },
        "check": {"paths": [archived_path(p) for p in paths], **settings},
        "verdict": {
            "passed": summary["passed"],
            "counts": {k: v for k, v in summary.items() if k != "passed"},
        },
        "retention-years": years,
        "retention-years-from": years_from,
        "retain-until": facts.retain_until(day, years).isoformat(),
    }
    return manifest


def write(output: Path, files: dict[str, bytes], manifest: dict[str, Any]) -> None:
    """The files, index.html, then the manifest that lists every file's digest and purpose."""
    from osscheck.evidence.index_html import render_index

    digests = {path: sha256(data) for path, data in files.items()}
    verdict = bool(manifest["verdict"]["passed"])
    page = render_index(manifest["release"], digests, verdict, manifest["retain-until"]).encode("utf-8")
    files = {**files, "index.html": page}
    digests["index.html"] = sha256(page)
    manifest = {**manifest, "files": [_entry(p, digests[p], len(files[p])) for p in sorted(files)]}
    try:
        output.mkdir(parents=True, exist_ok=True)
        for path, data in sorted(files.items()):
            target = output / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (output / MANIFEST).write_bytes(manifest_bytes(manifest))
    except OSError as exc:
        raise UsageError(Message("usage.cannot-write", problem=str(exc.strerror or exc)), output) from None


def _entry(path: str, digest: str, size: int) -> dict[str, Any]:
    purpose, clauses = purposes.of(path)
    return {
        "path": path,
        "sha256": digest,
        "bytes": size,
        "purpose": str(purpose),
        "evidences": list(clauses),
    }


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")

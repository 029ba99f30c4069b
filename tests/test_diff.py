"""``osscheck diff`` (issue 14): two reports, SBOMs, lockfiles, folders or git revisions compared.

Every document is checked against tests/data/schemas/osscheck-diff-1.schema.json, and every figure
of its summary against a count made here from its lists.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from conftest import DATA, cyclonedx, package_lock, write

SCHEMA = json.loads((DATA / "schemas" / "osscheck-diff-1.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")


def valid(document: dict) -> dict:
    """``document`` after checking it against the schema and its summary against its lists."""
    errors = sorted(VALIDATOR.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    s, changed, added = document["summary"], document["changed"], document["added"]
    assert s["old_components"] == document["old"]["components"]
    assert s["new_components"] == document["new"]["components"]
    # what is in both sides: the same number seen from each; the pairs with a difference are listed
    assert s["old_components"] - s["removed"] == s["new_components"] - s["added"] >= len(changed)
    assert s["added"] == len(added) and s["removed"] == len(document["removed"])
    for kind in ("upgraded", "downgraded"):
        assert s[kind] == sum(1 for ch in changed if ch["version_change"] == kind)
    assert s["license_changes"] == sum(1 for ch in changed if ch["license_change"] != "same")
    assert s["relicensed"] == sum(1 for ch in changed if ch["license_change"] == "relicensed")
    assert s["category_changes"] == sum(1 for ch in changed if ch["old"]["category"] != ch["new"]["category"])
    assert s["verdict_changes"] == sum(1 for ch in changed if ch["old"]["status"] != ch["new"]["status"])
    for status in ("denied", "review"):
        became = sum(1 for c in added if c["status"] == status) + sum(
            1 for ch in changed if ch["new"]["status"] == status != ch["old"]["status"]
        )
        assert s[f"new_{status}"] == became
    unknown = sum(1 for c in added if c["license"] is None) + sum(
        1 for ch in changed if ch["new"]["license"] is None and ch["old"]["license"] is not None
    )
    assert s["new_unknown"] == unknown
    for kind in ("started", "stopped"):
        assert s[f"exceptions_{kind}"] == sum(1 for ch in changed if ch["exception_change"] == kind)
    assert s["obligations_added"] == len(document["obligations"]["added"])
    assert s["obligations_removed"] == len(document["obligations"]["removed"])
    for ch in changed:  # each listed change has a difference
        assert ch["old"] != ch["new"] or ch["exception_change"]
    for key in ("added", "removed"):
        order = [(c["component"], c["version"] or "") for c in document[key]]
        assert [c for c, _ in order] == sorted(c for c, _ in order)
    assert [ch["component"] for ch in changed] == sorted(ch["component"] for ch in changed)
    return document


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def _repository(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _git(folder, "init", "-q")
    return folder


def _commit(folder: Path, message: str) -> None:
    _git(folder, "add", "-A")
    _git(folder, "commit", "-qm", message)


def _consul_lock() -> dict:
    """The real package-lock.json of CONSUL (tests/data/npm-consul); it names no licences: MIT for each."""
    lock = json.loads((DATA / "npm-consul" / "package-lock.json").read_text(encoding="utf-8"))
    for key, entry in lock["packages"].items():
        if key:
            entry["license"] = "MIT"
    return lock


def _by_name(entries: list[dict]) -> dict[str, dict]:
    return {e["name"]: e for e in entries}


# --- git: a relicensed upgrade in three kinds of lockfile -------------------------------------


def test_a_relicensed_upgrade_in_package_lock_across_two_commits(tmp_path, run, monkeypatch):
    repo = _repository(tmp_path / "repo")
    lock = _consul_lock()
    jquery = lock["packages"]["node_modules/jquery"]
    old_version = jquery["version"]
    write(repo / "package-lock.json", json.dumps(lock, indent=2))
    write(repo / "package.json", (DATA / "npm-consul" / "package.json").read_text(encoding="utf-8"))
    write(repo / "README.md", "not an input: never read\n")
    _commit(repo, "one")
    jquery["version"] = "4.0.0"
    jquery["license"] = "LicenseRef-RSALv2 OR SSPL-1.0"
    write(repo / "package-lock.json", json.dumps(lock, indent=2))
    _commit(repo, "two")
    monkeypatch.chdir(repo)

    result = run("diff", "--git", "HEAD~1..HEAD", "-f", "json")

    assert result.exit_code == 1, result.stderr  # a new denied component: --fail-on new-denied
    assert result.stderr == ""
    document = valid(result.json)
    assert document["old"]["kind"] == document["new"]["kind"] == "git"
    assert document["old"]["source"] == "HEAD~1:." and document["new"]["source"] == "HEAD:."
    assert [i["path"] for i in document["old"]["inputs"]] == ["HEAD~1:package-lock.json"]
    assert document["added"] == document["removed"] == []
    (change,) = document["changed"]
    assert change["component"] == "pkg:npm/jquery"
    assert (change["old"]["version"], change["new"]["version"]) == (old_version, "4.0.0")
    assert change["version_change"] == "upgraded"
    assert change["license_change"] == "relicensed"
    assert change["category_change"] == {"old": "permissive", "new": "source-available"}
    assert change["status_change"] == {"old": "allowed", "new": "denied"}
    assert change["new"]["location"]["path"] == "HEAD:package-lock.json"
    line = change["new"]["location"]["line"]
    assert (
        _git(repo, "show", "HEAD:package-lock.json")
        .splitlines()[line - 1]
        .strip()
        .startswith('"node_modules/jquery"')
    )
    assert document["summary"]["new_denied"] == 1 and document["summary"]["failed"] is True


def test_the_relicensing_reads_as_the_issue_says(tmp_path, run, monkeypatch):
    repo = _repository(tmp_path / "repo")
    write(repo / "package-lock.json", package_lock({"redis": "BSD-3-Clause"}).replace("1.0.0", "7.2.4"))
    _commit(repo, "one")
    write(
        repo / "package-lock.json",
        package_lock({"redis": "LicenseRef-RSALv2 OR SSPL-1.0"}).replace("1.0.0", "7.4.0"),
    )
    _commit(repo, "two")
    monkeypatch.chdir(repo)
    text = run("diff", "--git", "HEAD~1..HEAD").stdout
    relicensed = (
        "  redis 7.2.4 -> 7.4.0: BSD-3-Clause -> LicenseRef-RSALv2 OR SSPL-1.0, "
        "permissive -> source-available [relicensed]"
    )
    assert relicensed in text


def _deps_dev(truth: dict[tuple[str, str, str], str]):  # type: ignore[no-untyped-def]
    """deps.dev as it answers, from (system, name, version) -> licence; other look-ups: not found."""
    pattern = re.compile(r"^/depsdev/v3/systems/([^/]+)/packages/([^/]+)/versions/([^/?]+)")

    def handle(request: Request) -> Response:
        raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path
        found = pattern.match(raw)
        licence = truth.get((found[1].lower(), found[2], found[3])) if found else None
        if licence is None:
            return Response(json.dumps({"error": "not found"}), status=404, content_type="application/json")
        body = {
            "versionKey": {"system": found[1].upper(), "name": found[2], "version": found[3]},  # type: ignore[index]
            "licenses": [licence],
            "licenseDetails": [{"license": licence, "spdx": licence}],
        }
        return Response(json.dumps(body), content_type="application/json")

    return handle


@pytest.fixture
def registry(tmp_path, monkeypatch) -> Iterator[HTTPServer]:
    """Every look-up source on a local server (never the internet); the cache in the test's folder."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    monkeypatch.setenv("OSSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("OSSCHECK_DEPSDEV_URL", server.url_for("/depsdev"))
    monkeypatch.setenv("OSSCHECK_PYPI_URL", server.url_for("/pypi-mirror"))
    monkeypatch.setenv("OSSCHECK_NPM_URL", server.url_for("/npm"))
    monkeypatch.setenv("OSSCHECK_CLEARLYDEFINED_URL", server.url_for("/cd"))
    yield server
    server.clear()
    if server.is_running():
        server.stop()


#: packages of bundesAPI/deutschland's pyproject.toml (tests/data/python-poetry), as poetry.lock pins them
POETRY_PINS = {
    "requests": ("2.32.3", "Apache-2.0"),
    "dateparser": ("1.2.0", "BSD-3-Clause"),
    "beautifulsoup4": ("4.12.3", "MIT"),
    "more-itertools": ("8.14.0", "MIT"),
    "pillow": ("10.4.0", "HPND"),
}


def _poetry_lock(pins: dict[str, tuple[str, str]]) -> str:
    entries = "".join(
        f'[[package]]\nname = "{name}"\nversion = "{version}"\ndescription = ""\noptional = false\n'
        f'python-versions = ">=3.8"\nfiles = []\n\n'
        for name, (version, _) in sorted(pins.items())
    )
    head = "# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.\n"
    return f"{head}\n{entries}"


def test_a_relicensed_upgrade_in_poetry_lock_across_two_commits(tmp_path, run, monkeypatch, registry):
    # poetry.lock names no licences: they are looked up (--online), here on a local deps.dev
    new_pins = dict(POETRY_PINS, **{"more-itertools": ("9.0.0", "BUSL-1.1")})
    truth = {("pypi", n, v): lic for pins in (POETRY_PINS, new_pins) for n, (v, lic) in pins.items()}
    registry.expect_request(re.compile("^/.*")).respond_with_handler(_deps_dev(truth))
    repo = _repository(tmp_path / "repo")
    write(repo / "pyproject.toml", (DATA / "python-poetry" / "pyproject.toml").read_text(encoding="utf-8"))
    write(repo / "poetry.lock", _poetry_lock(POETRY_PINS))
    _commit(repo, "one")
    write(repo / "poetry.lock", _poetry_lock(new_pins))
    _commit(repo, "two")
    monkeypatch.chdir(repo)

    result = run("diff", "--git", "HEAD~1..HEAD", "--online", "-f", "json", "--fail-on", "licence-change")

    assert result.exit_code == 1, result.stderr
    document = valid(result.json)
    assert document["old"]["components"] == document["new"]["components"] == len(POETRY_PINS)
    (change,) = document["changed"]
    assert change["component"] == "pkg:pypi/more-itertools"
    assert (change["old"]["license"], change["new"]["license"]) == ("MIT", "BUSL-1.1")
    assert change["version_change"] == "upgraded" and change["license_change"] == "relicensed"
    assert change["new"]["location"]["path"] == "HEAD:poetry.lock"
    assert document["summary"]["fail_on"] == ["licence-change"]


def _cargo_lock(memchr: str) -> str:
    text = (DATA / "cargo-ripgrep" / "Cargo.lock").read_text(encoding="utf-8")
    old = re.search(r'name = "memchr"\nversion = "([^"]+)"', text)
    assert old is not None
    return text.replace(f'name = "memchr"\nversion = "{old[1]}"', f'name = "memchr"\nversion = "{memchr}"')


def test_a_relicensed_upgrade_in_cargo_lock_across_two_commits(tmp_path, run, monkeypatch, registry):
    lock = (DATA / "cargo-ripgrep" / "Cargo.lock").read_text(encoding="utf-8")
    crates = re.findall(r'\[\[package\]\]\nname = "([^"]+)"\nversion = "([^"]+)"\nsource', lock)
    truth = {("cargo", n, v): "MIT" for n, v in crates}
    old_memchr = next(v for n, v in crates if n == "memchr")
    truth[("cargo", "memchr", old_memchr)] = "Unlicense OR MIT"
    truth[("cargo", "memchr", "3.0.0")] = "BUSL-1.1"
    registry.expect_request(re.compile("^/.*")).respond_with_handler(_deps_dev(truth))
    repo = _repository(tmp_path / "repo")
    write(repo / "Cargo.toml", (DATA / "cargo-ripgrep" / "Cargo.toml").read_text(encoding="utf-8"))
    write(repo / "Cargo.lock", lock)
    _commit(repo, "one")
    write(repo / "Cargo.lock", _cargo_lock("3.0.0"))
    _commit(repo, "two")
    monkeypatch.chdir(repo)

    result = run("diff", "--git", "HEAD~1..HEAD", "--online", "-f", "json")

    assert result.exit_code == 1, result.stderr
    document = valid(result.json)
    (change,) = document["changed"]
    assert change["component"] == "pkg:cargo/memchr"
    assert change["version_change"] == "upgraded"
    assert (change["old"]["license"], change["new"]["license"]) == ("Unlicense OR MIT", "BUSL-1.1")
    assert change["license_change"] == "relicensed"
    assert change["status_change"] == {"old": "allowed", "new": "denied"}
    assert document["summary"]["new_denied"] == 1


# --- git: the working tree, paths, and what cannot be read -------------------------------------


def test_a_revision_against_the_working_tree_and_a_path_below(tmp_path, run, monkeypatch):
    repo = _repository(tmp_path / "repo")
    write(repo / "app" / "package-lock.json", package_lock({"left-pad": "MIT", "gone": "ISC"}))
    write(repo / "other" / "package-lock.json", package_lock({"elsewhere": "MIT"}))
    _commit(repo, "one")
    write(repo / "app" / "package-lock.json", package_lock({"left-pad": "MIT", "new-one": None}))
    monkeypatch.chdir(repo / "app")

    for given in (["--git", "HEAD"], ["--git", "HEAD.."], ["--git", "HEAD", "."]):
        result = run("diff", *given, "-f", "json", "--fail-on", "never")
        assert result.exit_code == 0, result.stderr
        document = valid(result.json)
        assert document["old"]["source"] == "HEAD:app" and document["old"]["kind"] == "git"
        assert document["new"]["source"] == "." and document["new"]["kind"] == "inputs"
        assert [c["name"] for c in document["added"]] == ["new-one"]
        assert [c["name"] for c in document["removed"]] == ["gone"]
        assert document["removed"][0]["location"]["path"] == "HEAD:app/package-lock.json"
        assert document["summary"]["new_unknown"] == 1
    # the other folder was not read
    assert "elsewhere" not in run("diff", "--git", "HEAD", "-f", "json").stdout


def test_a_file_named_is_read_whatever_its_name(tmp_path, run, monkeypatch):
    repo = _repository(tmp_path / "repo")
    write(repo / "deps.json", json.dumps(cyclonedx({"a": "MIT"})))
    _commit(repo, "one")
    write(repo / "deps.json", json.dumps(cyclonedx({"a": "MIT", "b": "GPL-3.0-only"})))
    _commit(repo, "two")
    monkeypatch.chdir(repo)
    result = run("diff", "--git", "HEAD~1..HEAD", "deps.json", "-f", "json")
    document = valid(result.json)
    assert document["old"]["source"] == "HEAD~1:deps.json"
    assert [c["name"] for c in document["added"]] == ["b"]
    assert result.exit_code == 1  # GPL-3.0-only under public-code: denied


def test_a_revision_that_does_not_exist_is_one_error_line(tmp_path, run, monkeypatch):
    repo = _repository(tmp_path / "repo")
    write(repo / "package-lock.json", package_lock({"a": "MIT"}))
    _commit(repo, "one")
    monkeypatch.chdir(repo)
    for spec, shown in (("v9.9.9..HEAD", "v9.9.9"), ("HEAD..nope", "nope"), ("--help", None)):
        result = run("diff", f"--git={spec}")
        assert result.exit_code == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("osscheck: error: "), result.stderr
        if shown:
            assert lines[0] == f"osscheck: error: no such revision in this repository: {shown}"
        assert "Traceback" not in result.stderr


def test_a_path_not_in_the_revision_is_an_error_and_the_other_side_is_reported(tmp_path, run, monkeypatch):
    repo = _repository(tmp_path / "repo")
    write(repo / "README.md", "x\n")
    _commit(repo, "one")
    write(repo / "package-lock.json", package_lock({"a": "MIT"}))
    monkeypatch.chdir(repo)
    result = run("diff", "--git", "HEAD", "package-lock.json", "-f", "json")
    assert result.exit_code == 2
    assert result.stderr == "osscheck: error: HEAD:package-lock.json: not in revision HEAD\n"
    document = valid(result.json)
    assert [c["name"] for c in document["added"]] == ["a"]
    assert document["errors"] == ["osscheck: error: HEAD:package-lock.json: not in revision HEAD"]


def test_outside_a_repository_is_one_error_line(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run("diff", "--git", "HEAD~1..HEAD")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"osscheck: error: {tmp_path}: not in a git repository: --git compares revisions of one\n"
    )


def test_no_git_installed_is_one_error_line(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("diff", "--git", "HEAD")
    assert result.exit_code == 2
    assert result.stderr == "osscheck: error: git is not installed (or not on PATH): --git needs it\n"


def test_only_the_files_the_check_reads_are_taken_from_the_revision(tmp_path, run, monkeypatch):
    repo = _repository(tmp_path / "repo")
    write(repo / "package-lock.json", package_lock({"a": "MIT"}))
    write(repo / "node_modules" / "a" / "package.json", '{"name": "a", "license": "GPL-3.0-only"}')
    write(repo / "src" / "main.py", "print('not an input')\n")
    write(repo / "sub" / "requirements.txt", "idna==3.7\n")
    _commit(repo, "one")
    monkeypatch.chdir(repo)
    taken: list[list[str]] = []
    from osscheck.diff import sides

    real = sides._write_blobs

    def spy(blobs: dict[str, str], root: str) -> None:
        taken.append(sorted(blobs))
        real(blobs, root)

    monkeypatch.setattr(sides, "_write_blobs", spy)
    document = valid(run("diff", "--git", "HEAD", "-f", "json").json)
    assert taken == [["package-lock.json", "sub/requirements.txt"]]
    assert document["changed"] == document["added"] == document["removed"] == []


def test_one_git_cat_file_process_reads_every_file(tmp_path, run, monkeypatch):
    repo = _repository(tmp_path / "repo")
    for name in ("a", "b", "c"):
        write(repo / name / "package-lock.json", package_lock({f"dep-{name}": "MIT"}))
    _commit(repo, "one")
    monkeypatch.chdir(repo)
    calls: list[list[str]] = []
    real = subprocess.Popen

    def popen(args, *rest, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(list(args))
        return real(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", popen)
    valid(run("diff", "--git", "HEAD", "-f", "json").json)
    assert [c for c in calls if "cat-file" in c] == [["git", "cat-file", "--batch"]]
    assert not any("checkout" in c or "worktree" in c for c in calls)


# --- paths: reports, SBOMs, folders ------------------------------------------------------------


def _report(run, path: Path, out: Path, *options: str) -> Path:
    result = run("check", path, "-f", "json", "--fail-on", "never", "-o", out, *options)
    assert result.exit_code == 0, result.stderr
    return out


def test_two_reports_keep_the_verdicts_they_record(tmp_path, run):
    old = write(tmp_path / "v1" / "package-lock.json", package_lock({"a": "MIT", "b": "GPL-3.0-only"}))
    new = write(tmp_path / "v2" / "package-lock.json", package_lock({"a": "MIT", "b": "GPL-3.0-only"}))
    old_report = _report(run, old, tmp_path / "old.json", "-p", "internal-use")
    new_report = _report(run, new, tmp_path / "new.json")  # public-code

    result = run("diff", old_report, new_report, "-f", "json")

    document = valid(result.json)
    assert document["old"]["kind"] == document["new"]["kind"] == "report"
    assert (document["old"]["policy"], document["new"]["policy"]) == ("internal-use", "public-code")
    # the same licences, judged otherwise by the two policies: in-house use passes nothing on
    changes = _by_name(document["changed"])
    for change in changes.values():
        assert change["license_change"] == "same" and change["version_change"] == "same"
    assert changes["b"]["status_change"] == {"old": "allowed", "new": "denied"}
    assert changes["a"]["status_change"] is None and changes["a"]["obligations"]["added"] == [
        "attribution",
        "license-text",
    ]
    assert any("different policies" in n for n in document["notes"])
    assert result.exit_code == 1


def test_a_report_whose_keys_another_tool_sorted_is_still_a_report(tmp_path, run):
    lock = write(tmp_path / "v1" / "package-lock.json", package_lock({"a": "MIT", "b": "GPL-3.0-only"}))
    report = _report(run, lock, tmp_path / "old.json", "-p", "internal-use")
    resorted = tmp_path / "sorted.json"
    resorted.write_text(json.dumps(json.loads(report.read_text()), sort_keys=True))  # as jq -S writes it

    result = run("diff", resorted, report, "-f", "json")

    document = valid(result.json)
    assert result.exit_code == 0, result.stderr
    assert document["old"]["kind"] == "report" and document["old"]["policy"] == "internal-use"
    assert document["changed"] == [] and document["errors"] == []


def test_two_sboms(tmp_path, run):
    old = write(tmp_path / "old.cdx.json", json.dumps(cyclonedx({"a": "MIT", "b": "Apache-2.0", "c": None})))
    new_doc = cyclonedx({"a": "MIT OR Apache-2.0", "b": "Apache-2.0", "d": "MPL-2.0"})
    new_doc["components"][1]["version"] = "0.9.0"
    new_doc["components"][1]["purl"] = "pkg:npm/b@0.9.0"
    new = write(tmp_path / "new.cdx.json", json.dumps(new_doc))

    result = run("diff", old, new, "-f", "json", "--fail-on", "never")

    assert result.exit_code == 0, result.stderr
    document = valid(result.json)
    changes = _by_name(document["changed"])
    assert changes["a"]["license_change"] == "wider"
    assert changes["b"]["version_change"] == "downgraded" and changes["b"]["license_change"] == "same"
    assert [c["name"] for c in document["added"]] == ["d"]
    assert [c["name"] for c in document["removed"]] == ["c"]
    assert document["summary"]["downgraded"] == 1 and document["summary"]["upgraded"] == 0
    assert document["old"]["inputs"][0]["format"] == "cyclonedx-json"
    assert re.fullmatch(r"[0-9a-f]{64}", document["old"]["inputs"][0]["sha256"])


def test_a_report_against_an_sbom(tmp_path, run):
    sbom = write(tmp_path / "old.cdx.json", json.dumps(cyclonedx({"a": "MIT", "b": "Apache-2.0"})))
    report = _report(run, sbom, tmp_path / "report.json")
    new = write(tmp_path / "new.cdx.json", json.dumps(cyclonedx({"a": "MIT", "b": "SSPL-1.0"})))
    document = valid(run("diff", report, new, "-f", "json").json)
    assert document["old"]["kind"] == "report" and document["new"]["kind"] == "inputs"
    assert document["old"]["inputs"][0]["path"] == str(sbom)
    (change,) = document["changed"]
    assert change["name"] == "b" and change["license_change"] == "relicensed"
    assert document["notes"] == []  # the same policy on both sides


def test_two_folders(tmp_path, run):
    for version, deps in (("v1", {"a": "MIT", "b": "MIT"}), ("v2", {"a": "MIT", "b": "MPL-2.0"})):
        write(tmp_path / version / "package-lock.json", package_lock(deps))
        write(tmp_path / version / "package.json", '{"name": "app", "license": "EUPL-1.2"}')
        write(tmp_path / version / "tools" / "requirements.txt", "idna==3.7\n")
    result = run("diff", tmp_path / "v1", tmp_path / "v2", "-f", "json")
    document = valid(result.json)
    assert document["old"]["components"] == 3 and document["new"]["components"] == 3
    (change,) = document["changed"]
    assert change["category_change"] == {"old": "permissive", "new": "weak-copyleft"}
    assert document["obligations"]["added"] == ["source-of-modifications"]
    assert change["obligations"] == {"added": ["source-of-modifications"], "removed": []}
    assert result.exit_code == 0


def test_an_exception_that_starts_and_one_that_stops(tmp_path, run):
    policy = write(
        tmp_path / "city.toml",
        """
        [policy]
        name = "city"
        extends = "public-code"

        [[exceptions]]
        package = "pkg:npm/gpl-lib"
        justification = "Ratsbeschluss 2026/17"
        """,
    )
    old = write(tmp_path / "old.cdx.json", json.dumps(cyclonedx({"gpl-lib": "MIT", "tool": "SSPL-1.0"})))
    new = write(tmp_path / "new.cdx.json", json.dumps(cyclonedx({"gpl-lib": "GPL-3.0-only", "tool": "MIT"})))
    old_report = _report(run, old, tmp_path / "old.json", "-p", str(policy))
    # the old state: tool exempted by an exception of the old register (recorded in the report)
    doc = json.loads(old_report.read_text())
    tool = next(c for c in doc["components"] if c["name"] == "tool")
    tool["status"], tool["exception"] = (
        "exempted",
        {"justification": "Altverfahren, bis 2026", "package": "pkg:npm/tool"},
    )
    old_report.write_text(json.dumps(doc))

    document = valid(run("diff", old_report, new, "-p", str(policy), "-f", "json").json)

    changes = _by_name(document["changed"])
    assert changes["gpl-lib"]["exception_change"] == "started"
    assert changes["gpl-lib"]["new"]["exception"] == "Ratsbeschluss 2026/17"
    assert changes["gpl-lib"]["status_change"] == {"old": "allowed", "new": "exempted"}
    assert changes["tool"]["exception_change"] == "stopped"
    assert changes["tool"]["old"]["exception"] == "Altverfahren, bis 2026"
    assert document["summary"]["exceptions_started"] == document["summary"]["exceptions_stopped"] == 1


def test_a_component_held_twice_is_paired_by_version(tmp_path, run):
    def sbom(versions: list[tuple[str, str]]) -> dict:
        doc = cyclonedx({})
        doc["components"] = [
            {
                "type": "library",
                "name": "x",
                "version": v,
                "purl": f"pkg:npm/x@{v}",
                "licenses": [{"expression": lic}],
            }
            for v, lic in versions
        ]
        return doc

    old = write(
        tmp_path / "old.cdx.json", json.dumps(sbom([("1.0.0", "MIT"), ("2.0.0", "MIT"), ("3.0.0", "MIT")]))
    )
    new = write(tmp_path / "new.cdx.json", json.dumps(sbom([("2.0.0", "ISC"), ("1.10.0", "MIT")])))
    document = valid(run("diff", old, new, "-f", "json", "--fail-on", "never").json)
    pairs = [(ch["old"]["version"], ch["new"]["version"]) for ch in document["changed"]]
    assert sorted(pairs) == [("1.0.0", "1.10.0"), ("2.0.0", "2.0.0")]  # equal versions first, then in order
    assert [c["version"] for c in document["removed"]] == ["3.0.0"]
    assert document["added"] == []


# --- --fail-on, exit codes, errors -------------------------------------------------------------


CITY = """
[policy]
name = "city"
extends = "public-code"

[categories]
proprietary = "review"
"""


@pytest.fixture
def sides(tmp_path: Path) -> list[str]:
    """OLD NEW -p POLICY: NEW has a relicensing to a denied licence and a new component to review."""
    old = write(tmp_path / "old" / "package-lock.json", package_lock({"a": "MIT", "b": "MIT"}))
    new = write(
        tmp_path / "new" / "package-lock.json",
        package_lock({"a": "SSPL-1.0", "b": "MIT", "c": "LicenseRef-scancode-commercial-license"}),
    )
    return [str(old), str(new), "-p", str(write(tmp_path / "city.toml", CITY))]


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [
        ([], 1),  # new-denied by default
        (["new-denied"], 1),
        (["licence-change"], 1),
        (["new-review"], 1),
        (["never"], 0),
        (["never,new-review"], 1),
        (["new-review", "licence-change"], 1),
    ],
)
def test_fail_on(run, sides, fail_on, code):
    args = [a for value in fail_on for a in ("--fail-on", value)]
    result = run("diff", *sides, "-f", "json", *args)
    assert result.exit_code == code, result.stderr
    document = valid(result.json)
    asked = sorted({v for value in fail_on or ["new-denied"] for v in value.split(",")})
    assert document["summary"]["fail_on"] == asked
    assert document["summary"]["failed"] is (code == 1)


def test_fail_on_each_condition_alone(tmp_path, run):
    """Each condition fails only for what it names."""
    base = {"a": "MIT", "b": "MIT"}
    cases = {
        "licence-change": {"a": "MIT OR Apache-2.0", "b": "MIT"},  # wider, still allowed
        "new-review": {"a": "MIT", "b": "MIT", "c": "LicenseRef-scancode-commercial-license"},
        "new-denied": {"a": "MIT", "b": "MIT", "d": "SSPL-1.0"},
    }
    policy = write(tmp_path / "city.toml", CITY)
    old = write(tmp_path / "old" / "package-lock.json", package_lock(base))
    for case, deps in cases.items():
        new = write(tmp_path / case / "package-lock.json", package_lock(deps))
        for condition in cases:
            result = run("diff", old, new, "-p", policy, "-f", "json", "--fail-on", condition)
            valid(result.json)
            assert result.exit_code == (1 if condition == case else 0), (
                case,
                condition,
                result.json["summary"],
            )


def test_a_wrong_fail_on_value_is_one_error_line(run, sides):
    result = run("diff", *sides, "--fail-on", "new-denied,bogus")
    assert result.exit_code == 2
    assert result.stderr == (
        "osscheck: error: --fail-on takes new-denied, licence-change, new-review, never, not 'bogus'\n"
    )
    assert result.stdout == ""


def test_not_two_sides_is_a_usage_error(run, sides):
    result = run("diff", sides[0], "-p", sides[3])
    assert result.exit_code == 2
    assert result.stderr.startswith("osscheck: error: diff compares two sides: OLD NEW")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bom.cdx.json", '{"bomFormat": "CycloneDX", "components": [', "not valid JSON"),
        (
            "report.json",
            '{"schema": "osscheck-report/1", "components": "x"}',
            "not a valid osscheck-report/1",
        ),
        ("report.json", '{"schema": "osscheck-report/9", "components": []}', "written by a newer osscheck"),
        ("missing.json", None, "no such file"),
    ],
)
def test_an_unreadable_side_is_one_error_line_and_the_rest_is_reported(tmp_path, run, name, content, message):
    broken = tmp_path / name
    if content is not None:
        broken.write_text(content)
    new = write(tmp_path / "new" / "package-lock.json", package_lock({"a": "MIT", "b": "ISC"}))
    result = run("diff", broken, new, "-f", "json")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"osscheck: error: {broken}") and message in lines[0], (
        lines
    )
    assert "Traceback" not in result.stderr
    document = valid(result.json)
    assert [c["name"] for c in document["added"]] == ["a", "b"]
    assert document["errors"] == lines


def test_a_report_that_recorded_an_unreadable_input_is_an_error(tmp_path, run):
    write(tmp_path / "old" / "package-lock.json", package_lock({"a": "MIT"}))
    write(tmp_path / "old" / "bom.cdx.json", "{ truncated")
    old = tmp_path / "old.json"
    run("check", tmp_path / "old", "-f", "json", "-o", old)
    new = write(tmp_path / "new" / "package-lock.json", package_lock({"a": "MIT"}))
    result = run("diff", old, new)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(
        f"osscheck: error: {old}: the check that wrote this report could not read everything: "
    )
    assert "bom.cdx.json" in line


# --- output: determinism, text, German, escaping, the library ---------------------------------


def test_the_same_inputs_give_the_same_bytes(run, sides, tmp_path):
    for fmt in ("json", "text"):
        first = run("diff", *sides, "-f", fmt).stdout
        second = run("diff", *sides, "-f", fmt, "-o", tmp_path / f"out.{fmt}")
        assert second.stdout == ""
        assert (tmp_path / f"out.{fmt}").read_text(encoding="utf-8") == first
        assert run("diff", *sides, "-f", fmt).stdout == first


def test_text_lists_licence_changes_first(run, sides):
    text = run("diff", *sides).stdout
    lines = text.splitlines()
    assert lines[0].startswith("Summary: 2 -> 3 components: 1 added, 0 removed, 0 upgraded, 0 downgraded;")
    assert lines[0].endswith("FAILED (--fail-on new-denied)")
    titles = [m[1] for line in lines if (m := re.fullmatch(r"(\S.*) \(\d+\)", line))]
    assert titles[:2] == ["Licence changes", "Verdict changes"]
    assert titles.index("New denied") < titles.index("Added components")
    assert "  a 1.0.0: MIT -> SSPL-1.0, permissive -> source-available [relicensed]" in text
    assert "  a 1.0.0: allowed -> denied" in text
    assert "  + c 1.0.0  LicenseRef-scancode-commercial-license  [proprietary, review]" in text


def test_text_in_german(run, sides, tmp_path):
    broken = write(tmp_path / "broken.cdx.json", '{"bomFormat": "CycloneDX", "components": [')
    text = run("diff", *sides, "--lang", "de").stdout
    assert text.splitlines()[0].startswith("Zusammenfassung: 2 -> 3 Komponenten: 1 hinzugekommen, 0 entfernt")
    assert "NICHT BESTANDEN (--fail-on new-denied)" in text
    for german in (
        "Lizenzänderungen (1)",
        "Geänderte Ergebnisse (1)",
        "Neu verboten (1)",
        "Hinzugekommene Komponenten (1)",
    ):
        assert german in text
    assert "[umlizenziert]" in text and "erlaubt -> verboten" in text
    result = run("diff", broken, *sides[1:], "--lang", "de")
    assert "Fehler (1)" in result.stdout and "eine Eingabe war nicht lesbar" in result.stdout
    assert result.stderr.startswith(f"osscheck: error: {broken}:")
    assert "nicht" in result.stderr or "JSON" in result.stderr


def test_names_and_licences_from_the_inputs_are_escaped(tmp_path, run):
    old = write(tmp_path / "old.cdx.json", json.dumps(cyclonedx({"evil\x1b[2Jname": "MIT"})))
    new = write(tmp_path / "new.cdx.json", json.dumps(cyclonedx({"evil\x1b[2Jname": "LicenseRef-x\x07"})))
    text = run("diff", old, new).stdout
    assert "\x1b" not in text and "\x07" not in text
    assert "evil\\x1b[2Jname" in text


def test_the_library_gives_the_document_of_the_command(run, sides):
    import osscheck

    old, new, _, policy = sides
    document = osscheck.diff(old, new, policy=policy)
    assert document == run("diff", *sides, "-f", "json").json
    import osscheck.diff as package

    assert package.diff(old, new, policy=policy, fail_on=("never",))["summary"]["failed"] is False
    assert osscheck.diff(old, new, policy="internal-use")["new"]["policy"] == "internal-use"


def test_the_library_compares_report_objects(sides):
    import osscheck

    old, new = (osscheck.check([p]) for p in sides[:2])
    document = valid(osscheck.diff(old, new, fail_on=("licence-change",)))
    assert document["old"]["kind"] == "report" and document["summary"]["failed"] is True


def test_a_large_document_is_written_as_a_small_one_would_be(tmp_path, run):
    """Above 1,000 listed components orjson writes the JSON: the same bytes as the standard library."""
    old = write(tmp_path / "old.cdx.json", json.dumps(cyclonedx({f"gone-{i}": "MIT" for i in range(600)})))
    new = write(tmp_path / "new.cdx.json", json.dumps(cyclonedx({f"new-ü-{i}": "MIT" for i in range(600)})))
    out = run("diff", old, new, "-f", "json").stdout
    document = valid(json.loads(out))
    assert len(document["added"]) + len(document["removed"]) == 1200
    assert out == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_errors_in_a_german_report_are_german(tmp_path, run, fmt):
    new = write(tmp_path / "new" / "package-lock.json", package_lock({"a": "MIT"}))
    result = run("diff", tmp_path / "missing.json", new, "-f", fmt, "--lang", "de")
    assert result.exit_code == 2
    assert "missing.json: Datei oder Ordner nicht vorhanden" in result.stdout
    assert "no such file" not in result.stdout
    english = run("diff", tmp_path / "missing.json", new, "-f", "json", "--lang", "de").json
    assert "no such file" in english["errors"][0]  # the JSON document stays in English

"""Licence drift in the pre-commit hook (issue 14): each lockfile against HEAD's version of it.

The real pre-commit in throwaway git repositories (as tests/test_precommit.py), committing a
lockfile and then a change that relicenses one package; and the hook entry point itself in git
repositories for the cases around it (no commit yet, no git, a HEAD version that cannot be read).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from conftest import DATA
from test_precommit import git, hook_repo  # noqa: F401  (hook_repo: the fixture)
from test_startup import FOR_INPUT, WARM_HOOK_RUN, _unexpected, new_modules

RELICENSED = "left-pad 1.3.0 -> 1.4.0: MIT -> Apache-2.0 (relicensed), now allowed"


def lock(packages: dict[str, tuple[str, str | None]], project_license: str = "EUPL-1.2") -> str:
    """A package-lock.json v3: name -> (version, licence)."""
    entries: dict = {"": {"name": "app", "version": "1.0.0", "license": project_license}}
    for name, (version, licence) in packages.items():
        entry: dict = {"version": version, "resolved": f"https://registry.npm.example/{name}-{version}.tgz"}
        if licence:
            entry["license"] = licence
        entries[f"node_modules/{name}"] = entry
    doc = {"name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": entries}
    return json.dumps(doc, indent=2) + "\n"


BEFORE = {"left-pad": ("1.3.0", "MIT"), "is-even": ("1.0.0", "ISC")}
AFTER = {"left-pad": ("1.4.0", "Apache-2.0"), "is-even": ("1.0.0", "ISC")}


# --- the real pre-commit -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """One PRE_COMMIT_HOME for the module: the hook's environment is installed once per config."""
    return tmp_path_factory.mktemp("pre-commit-home")


def precommit_project(folder: Path, hook: tuple[Path, str], extra: str = "") -> Path:
    repo, rev = hook
    folder.mkdir()
    git(folder, "init", "-q")
    # verbose: pre-commit shows a passing hook's output too (the warnings)
    (folder / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: osscheck\n"
        f"        verbose: true\n{extra}"
    )
    return folder


def commit(work: Path, home: Path, message: str, *files: str) -> subprocess.CompletedProcess[str]:
    git(work, "add", *files)
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=work, capture_output=True, env=env, check=True
    )
    return subprocess.run(
        ["git", "commit", "-m", message], cwd=work, capture_output=True, text=True, env=env, timeout=900
    )


def committed(work: Path) -> list[str]:
    return git(work, "log", "--format=%s").stdout.split()


@pytest.fixture
def npm_project(tmp_path, hook_repo, home) -> Path:  # noqa: F811
    work = precommit_project(tmp_path / "project", hook_repo)
    (work / "package-lock.json").write_text(lock(BEFORE))
    first = commit(work, home, "first", ".pre-commit-config.yaml", "package-lock.json")
    # a file new in this commit, in a repository without commits: nothing to compare with
    assert first.returncode == 0, first.stdout + first.stderr
    assert "relicensed" not in first.stdout + first.stderr
    return work


def test_a_relicensed_package_is_a_warning_and_the_commit_passes(npm_project, home):
    (npm_project / "package-lock.json").write_text(lock(AFTER))
    result = commit(npm_project, home, "second", "package-lock.json")
    shown = result.stdout + result.stderr
    assert result.returncode == 0, shown
    assert RELICENSED in shown
    assert committed(npm_project) == ["second", "first"]


def test_drift_fail_refuses_the_commit(npm_project, home):
    (npm_project / ".osscheck.toml").write_text('drift = "fail"\n')
    (npm_project / "package-lock.json").write_text(lock(AFTER))
    result = commit(npm_project, home, "second", "package-lock.json", ".osscheck.toml")
    assert result.returncode != 0
    assert RELICENSED in result.stdout + result.stderr
    assert committed(npm_project) == ["first"]


def test_drift_off_compares_nothing(npm_project, home):
    (npm_project / ".osscheck.toml").write_text('drift = "off"\n')
    (npm_project / "package-lock.json").write_text(lock(AFTER))
    result = commit(npm_project, home, "second", "package-lock.json", ".osscheck.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "relicensed" not in result.stdout + result.stderr


def test_a_denied_new_licence_is_named_as_drift_too(npm_project, home):
    (npm_project / "package-lock.json").write_text(lock({**BEFORE, "left-pad": ("1.4.0", "BUSL-1.1")}))
    result = commit(npm_project, home, "second", "package-lock.json")
    shown = result.stdout + result.stderr
    assert result.returncode != 0  # denied by the policy
    assert "left-pad 1.3.0 -> 1.4.0: MIT -> BUSL-1.1 (relicensed), now denied" in shown


def test_a_lockfile_new_in_this_commit_is_no_drift(npm_project, home):
    (npm_project / "web").mkdir()
    (npm_project / "web" / "package-lock.json").write_text(lock(AFTER))
    result = commit(npm_project, home, "second", "web/package-lock.json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "relicensed" not in result.stdout + result.stderr


# --- poetry.lock and Cargo.lock: no licences of their own, so they come from a look-up ----------

DEPSDEV = re.compile(
    r"^/depsdev/v3/systems/(?P<system>[^/]+)/packages/(?P<name>[^/]+)/versions/(?P<version>[^/]+)$"
)
#: the stand-in for deps.dev: (name, version) -> licence; every other package is MIT
LOOKED_UP = {("requests", "2.32.3"): "Apache-2.0", ("memchr", "2.8.0"): "BSD-3-Clause OR MIT"}


@pytest.fixture
def depsdev(monkeypatch, tmp_path) -> Iterator[HTTPServer]:
    """deps.dev on 127.0.0.1; the look-ups' cache in the test's folder (the session's stays empty)."""

    def handle(request: Request) -> Response:
        raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path
        found = DEPSDEV.match(raw.split("?")[0])
        if found is None:
            return Response("{}", status=404, content_type="application/json")
        licence = LOOKED_UP.get((found["name"], found["version"]), "MIT")
        body = {"versionKey": dict(found.groupdict()), "licenses": [licence], "licenseDetails": []}
        return Response(json.dumps(body), content_type="application/json")

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.expect_request(re.compile("^/depsdev/.*")).respond_with_handler(handle)
    server.start()
    monkeypatch.setenv("OSSCHECK_DEPSDEV_URL", server.url_for("/depsdev"))
    monkeypatch.setenv("OSSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    yield server
    server.clear()
    server.stop()


ONLINE = "        additional_dependencies: [requests>=2.31, requests-cache>=1.2]\n"
CONFIG = 'online = true\nsources = ["deps.dev"]\n'


def poetry_lock(packages: dict[str, str]) -> str:
    entries = "".join(
        f'[[package]]\nname = "{name}"\nversion = "{version}"\ndescription = ""\noptional = false\n'
        f'python-versions = ">=3.8"\nfiles = []\n\n'
        for name, version in packages.items()
    )
    return (
        "# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.\n\n"
        f'{entries}[metadata]\nlock-version = "2.0"\npython-versions = ">=3.9,<4"\ncontent-hash = "0"\n'
    )


POETRY = {"requests": "2.31.0", "dateparser": "1.2.0", "beautifulsoup4": "4.12.3", "more-itertools": "8.14.0"}


def test_a_poetry_lock_relicensing(tmp_path, hook_repo, home, depsdev):  # noqa: F811
    work = precommit_project(tmp_path / "project", hook_repo, ONLINE)
    text = (DATA / "python-poetry" / "pyproject.toml").read_text(encoding="utf-8")
    (work / "pyproject.toml").write_text(text, encoding="utf-8")
    (work / ".osscheck.toml").write_text(CONFIG)
    (work / "poetry.lock").write_text(poetry_lock(POETRY))
    first = commit(work, home, "first", ".")
    assert first.returncode == 0, first.stdout + first.stderr
    (work / "poetry.lock").write_text(poetry_lock({**POETRY, "requests": "2.32.3"}))
    second = commit(work, home, "second", "poetry.lock")
    shown = second.stdout + second.stderr
    assert second.returncode == 0, shown
    assert "requests 2.31.0 -> 2.32.3: MIT -> Apache-2.0 (relicensed), now allowed" in shown
    assert committed(work) == ["second", "first"]


def test_a_cargo_lock_relicensing_with_drift_fail(tmp_path, hook_repo, home, depsdev):  # noqa: F811
    work = precommit_project(tmp_path / "project", hook_repo, ONLINE)
    for name in ("Cargo.toml", "Cargo.lock"):
        shutil.copy(DATA / "cargo-ripgrep" / name, work / name)
    (work / ".osscheck.toml").write_text(CONFIG + 'drift = "fail"\n')
    first = commit(work, home, "first", ".")
    assert first.returncode == 0, first.stdout + first.stderr
    cargo_lock = (work / "Cargo.lock").read_text()
    old = re.search(r'name = "memchr"\nversion = "([^"]+)"', cargo_lock)
    assert old is not None
    (work / "Cargo.lock").write_text(cargo_lock.replace(old.group(0), 'name = "memchr"\nversion = "2.8.0"'))
    second = commit(work, home, "second", "Cargo.lock")
    shown = second.stdout + second.stderr
    assert second.returncode != 0, shown  # drift = "fail": the change is an error
    assert f"memchr {old.group(1)} -> 2.8.0: MIT -> BSD-3-Clause OR MIT (wider), now allowed" in shown
    assert committed(work) == ["first"]


# --- the hook entry point in a git repository ---------------------------------------------------


def hook(work: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "osscheck.hook", *args],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
    )


@pytest.fixture
def repo(tmp_path) -> Path:
    work = tmp_path / "repo"
    work.mkdir()
    git(work, "init", "-q")
    (work / "package-lock.json").write_text(lock(BEFORE))
    git(work, "add", "package-lock.json")
    assert git(work, "commit", "-q", "-m", "first").returncode == 0
    return work


def drift_of(result: subprocess.CompletedProcess[str]) -> list[dict]:
    return [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "licence-drift"]


def test_the_finding_stands_at_the_lockfile_line_of_the_component(repo):
    (repo / "package-lock.json").write_text(lock(AFTER))
    result = hook(repo, "-f", "json", "package-lock.json")
    assert result.returncode == 0, result.stderr
    [finding] = drift_of(result)
    assert finding == {
        "rule": "licence-drift",
        "severity": "warning",
        "component": "pkg:npm/left-pad@1.4.0",
        "message": f"pkg:npm/left-pad@1.4.0: {RELICENSED}",
        "hint": "Read the new licence and decide whether the component may stay; "
        "pin the earlier version if it may not.",
        "location": {"path": "package-lock.json", "line": 12},
    }
    assert "node_modules/left-pad" in (repo / "package-lock.json").read_text().splitlines()[11]
    failed = hook(repo, "-f", "json", "--drift", "fail", "package-lock.json")
    assert failed.returncode == 1 and drift_of(failed)[0]["severity"] == "error"
    assert drift_of(hook(repo, "-f", "json", "--drift", "off", "package-lock.json")) == []


def test_german_text(repo):
    (repo / "package-lock.json").write_text(lock(AFTER))
    result = hook(repo, "--lang", "de", "package-lock.json")
    assert "left-pad 1.3.0 -> 1.4.0: MIT -> Apache-2.0 (umlizenziert), jetzt erlaubt" in result.stdout


def test_check_compares_only_when_asked(repo, run, monkeypatch):
    (repo / "package-lock.json").write_text(lock(AFTER))
    monkeypatch.chdir(repo)
    assert "relicensed" not in run("check", "package-lock.json").stdout
    assert RELICENSED in run("check", "package-lock.json", "--drift", "warn").stdout
    assert run("check", "package-lock.json", "--drift", "fail").exit_code == 1
    assert run("check", "package-lock.json").exit_code == 0


def test_wider_narrower_found_and_lost(repo):
    (repo / "package-lock.json").write_text(
        lock({"a": ("1", "MIT"), "b": ("1", "MIT OR Apache-2.0"), "c": ("1", None), "d": ("1", "ISC")})
    )
    git(repo, "commit", "-qam", "second")
    (repo / "package-lock.json").write_text(
        lock({"a": ("2", "MIT OR Apache-2.0"), "b": ("1", "MIT"), "c": ("1", "ISC"), "d": ("1", None)})
    )
    found = {f["component"]: f["message"].split(": ", 1)[1] for f in drift_of(hook(repo, "-f", "json", "."))}
    assert found == {
        "pkg:npm/a@2": "a 1 -> 2: MIT -> MIT OR Apache-2.0 (wider), now allowed",
        "pkg:npm/b@1": "b 1: MIT OR Apache-2.0 -> MIT (narrower), now allowed",
        "pkg:npm/c@1": "c 1: unknown licence -> ISC (found), now allowed",
        "pkg:npm/d@1": "d 1: ISC -> unknown licence (lost), now denied",
    }


def test_two_versions_of_one_package_are_paired_by_version(repo):
    def nested(inner: str) -> str:
        doc = json.loads(lock({"left-pad": ("1.3.0", "MIT")}))
        doc["packages"]["node_modules/x/node_modules/left-pad"] = {"version": "0.9.0", "license": inner}
        return json.dumps(doc, indent=2)

    (repo / "package-lock.json").write_text(nested("ISC"))
    git(repo, "commit", "-qam", "two versions")
    (repo / "package-lock.json").write_text(nested("0BSD"))
    [finding] = drift_of(hook(repo, "-f", "json", "package-lock.json"))
    assert finding["message"].endswith("left-pad 0.9.0: ISC -> 0BSD (relicensed), now allowed")


def test_a_manifest_given_compares_the_lockfile_it_is_read_through(repo):
    (repo / "package.json").write_text('{"name": "app", "version": "1.0.0", "license": "EUPL-1.2"}\n')
    (repo / "package-lock.json").write_text(lock(AFTER))
    assert [f["message"] for f in drift_of(hook(repo, "-f", "json", "package.json"))] == [
        f"pkg:npm/left-pad@1.4.0: {RELICENSED}"
    ]


def test_nothing_to_compare_with_is_no_finding_and_no_error(tmp_path, repo):
    # a repository without commits
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    (empty / "package-lock.json").write_text(lock(AFTER))
    result = hook(empty, "-f", "json", "package-lock.json")
    assert (result.returncode, result.stderr, drift_of(result)) == (0, "", [])
    # no git on the PATH
    (repo / "package-lock.json").write_text(lock(AFTER))
    result = hook(
        repo, "-f", "json", "package-lock.json", env={**os.environ, "PATH": str(tmp_path / "nowhere")}
    )
    assert (result.returncode, result.stderr, drift_of(result)) == (0, "", [])
    # not in a git work tree
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "package-lock.json").write_text(lock(AFTER))
    result = hook(alone, "-f", "json", "package-lock.json")
    assert (result.returncode, result.stderr, drift_of(result)) == (0, "", [])


def test_a_head_version_that_cannot_be_read_is_a_note(repo):
    (repo / "package-lock.json").write_text('{"lockfileVersion": 3, "packages": {\n')
    git(repo, "commit", "-qam", "broken")
    (repo / "package-lock.json").write_text(lock(AFTER))
    result = hook(repo, "-f", "json", "package-lock.json")
    assert result.returncode == 0, result.stderr
    [note] = drift_of(result)
    assert note["severity"] == "note"
    assert note["message"].startswith("HEAD's version of package-lock.json cannot be read as package-lock: ")
    assert "Traceback" not in result.stderr


def test_an_unchanged_lockfile_is_not_read_again_and_a_changed_one_loads_little(repo):
    """The cheap path: git's answer equals the file, so no reader runs on HEAD's version."""
    args = ["package-lock.json"]
    new_modules(repo, "hook", args)  # the first run writes the snapshots
    code, modules = new_modules(repo, "hook", args)
    assert code == 0
    assert _unexpected(modules, WARM_HOOK_RUN | FOR_INPUT["package-lock.json"]) == []
    assert "osscheck.diff.change" not in modules
    (repo / "package-lock.json").write_text(lock(AFTER))
    new_modules(repo, "hook", args)
    code, modules = new_modules(repo, "hook", args)
    assert code == 0
    drift = {"osscheck.diff", "osscheck.diff.change", "osscheck.purls"}  # only for a changed lockfile
    assert _unexpected(modules, WARM_HOOK_RUN | FOR_INPUT["package-lock.json"] | drift) == []

"""The real pre-commit runs the osscheck hook in a throwaway git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import package_lock

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("src", "policies", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A git repository holding this working tree's osscheck, as pre-commit fetches hooks from git."""
    repo = tmp_path_factory.mktemp("osscheck-hook")
    for name in SHIPPED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, repo / name)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    assert git(repo, "commit", "-q", "-m", "snapshot").returncode == 0
    return repo, git(repo, "rev-parse", "HEAD").stdout.strip()


@pytest.fixture
def project(tmp_path, hook_repo) -> Path:
    repo, rev = hook_repo
    work = tmp_path / "project"
    work.mkdir()
    git(work, "init", "-q")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: osscheck\n"
    )
    (work / "package.json").write_text('{"name": "app", "version": "1.0.0", "license": "EUPL-1.2"}\n')
    git(work, "add", "-A")
    return work


def commit_with(work: Path, license_: str, home: Path) -> subprocess.CompletedProcess[str]:
    (work / "package-lock.json").write_text(package_lock({"left-pad": "MIT", "dbkit": license_}))
    git(work, "add", "package-lock.json")
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
    # a real commit: git runs the installed hook, which runs osscheck on the staged files
    return subprocess.run(
        ["git", "commit", "-m", f"add dbkit under {license_}"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )


def test_precommit_blocks_sspl_and_passes_mit(project, tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    blocked = commit_with(project, "SSPL-1.0", home)
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    assert git(project, "rev-parse", "--verify", "HEAD").returncode != 0  # nothing was committed
    shown = blocked.stdout + blocked.stderr  # git shows the hook's output on stderr
    assert "pkg:npm/dbkit@1.0.0  SSPL-1.0" in shown
    assert "package-lock.json:" in shown

    passed = commit_with(project, "MIT", home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout + passed.stderr
    assert "dbkit under MIT" in git(project, "log", "--oneline").stdout


def test_hook_definition_matches_what_osscheck_reads():
    import re

    import yaml

    from osscheck.readers import READERS

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "osscheck" and hook["language"] == "python" and hook["pass_filenames"] is True
    pattern = re.compile(hook["files"])
    for spec in READERS:
        for name in spec.patterns:
            sample = "sub/" + name.replace("*", "x")
            assert pattern.search(sample), (spec.format, name)
            assert pattern.search(sample.upper().replace("SUB/", "sub/")), (spec.format, name)
    for name in ("package-lock.json", "Cargo.lock", "Gemfile.lock", "requirements-dev.txt", "x.spdx.json"):
        assert pattern.search(name), name
    for name in ("src/main.py", "docs/bom.md", "package.json.orig"):
        assert not pattern.search(name), name

"""``osscheck init``: the policy and outbound licence it finds, the files it writes, and that it
never overwrites (an existing file is appended to where that is safe, else shown as a diff)."""

from __future__ import annotations

import subprocess
import sys

import yaml

from conftest import write

PYPROJECT = """
[project]
name = "fachverfahren"
version = "1.0"
license = "MIT"
# kept as it is

[tool.ruff]
line-length = 100
"""


def test_init_writes_the_configuration_it_detected_and_check_reads_it(tmp_path, run):
    before = write(tmp_path / "pyproject.toml", PYPROJECT).read_bytes()
    result = run("init", tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "policy library" in result.stdout and "outbound licence MIT" in result.stdout
    after = (tmp_path / "pyproject.toml").read_bytes()
    assert after.startswith(before)  # appended: comments and other tables byte-identical
    assert 'policy = "library"' in after.decode() and 'outbound = "MIT"' in after.decode()
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert hooks["repos"][0]["hooks"][0]["id"] == "osscheck"
    report = run("check", tmp_path, "-f", "json")
    assert report.json["policy"]["name"] == "library" and report.json["policy"]["outbound"] == "MIT"


def test_a_second_run_changes_nothing(tmp_path, run):
    write(tmp_path / "pyproject.toml", PYPROJECT)
    run("init", tmp_path)
    files = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    again = run("init", tmp_path)
    assert again.exit_code == 0
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == files


def test_an_existing_pre_commit_config_is_appended_to_not_overwritten(tmp_path, run):
    write(tmp_path / "pyproject.toml", PYPROJECT)
    mine = (
        "repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n"
        "    rev: v0.5.0\n    hooks:\n      - id: ruff\n"
    )
    (tmp_path / ".pre-commit-config.yaml").write_text(mine, encoding="utf-8")
    assert run("init", tmp_path).exit_code == 0
    text = (tmp_path / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert text.startswith(mine)
    ids = [h["id"] for r in yaml.safe_load(text)["repos"] for h in r["hooks"]]
    assert ids == ["ruff", "osscheck"]


def test_a_different_ci_file_is_left_alone_and_shown_as_a_diff(tmp_path, run):
    write(tmp_path / "pyproject.toml", PYPROJECT)
    mine = "test:\n  script: [make test]\n"
    (tmp_path / ".gitlab-ci.yml").write_text(mine, encoding="utf-8")
    result = run("init", tmp_path, "--ci", "gitlab")
    assert result.exit_code == 1
    assert (tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8") == mine
    assert "+++" in result.stdout and "component:" in result.stdout


def test_ci_gitlab_includes_the_component_of_this_repository(tmp_path, run):
    write(tmp_path / "pyproject.toml", PYPROJECT)
    assert run("init", tmp_path, "--ci", "gitlab").exit_code == 0
    ci = yaml.safe_load((tmp_path / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert ci["include"][0]["component"].endswith("/ospo/osscheck/osscheck@0.1.0")


def test_a_publiccode_yml_means_open_code_and_without_pyproject_osscheck_toml(tmp_path, run):
    write(
        tmp_path / "package.json",
        '{"name": "app", "version": "1.0.0", "license": "EUPL-1.2", "private": true}\n',
    )
    write(
        tmp_path / "publiccode.yml", 'publiccodeYmlVersion: "0.4"\nname: app\nlegal:\n  license: EUPL-1.2\n'
    )
    result = run("init", tmp_path, "--lang", "de")
    assert result.exit_code == 0, result.stderr
    config = (tmp_path / ".osscheck.toml").read_text(encoding="utf-8")
    assert 'policy = "open-code"' in config and 'outbound = "EUPL-1.2"' in config


def test_the_written_pre_commit_config_is_valid_for_pre_commit(tmp_path, run):
    write(tmp_path / "pyproject.toml", PYPROJECT)
    run("init", tmp_path)
    checked = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_init_on_a_missing_folder_is_one_error_line(tmp_path, run):
    result = run("init", tmp_path / "nowhere")
    assert result.exit_code == 2 and result.stderr.startswith("osscheck: error:")
    assert "Traceback" not in result.stderr

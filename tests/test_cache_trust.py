"""The cache folder is not trusted with verdicts, and a damaged look-up cache does not stop a plain run
(issues 11.13, 11.14)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import package_lock, write
from osscheck import snapshot

pytest.importorskip("requests_cache")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("OSSCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("OSSCHECK_NO_SNAPSHOT", raising=False)
    return folder


@pytest.fixture
def damaged(cache, tmp_path):
    (cache / "http-cache.sqlite").write_bytes(b"not a database, a truncated download " * 100)
    return write(tmp_path / "requirements.txt", "requests==2.31.0\n")  # no licence: a look-up would help


def test_a_plain_run_warns_about_a_damaged_cache_and_goes_on(run, damaged):
    result = run("check", damaged)
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith("osscheck: warning: ") and "http-cache.sqlite" in warnings[0]
    assert "the look-up cache cannot be used" in warnings[0]
    assert result.exit_code == 1  # judged without the cache: the unknown licence is denied
    assert "pkg:pypi/requests@2.31.0" in result.stdout and "Summary:" in result.stdout


def test_the_warning_is_german_with_lang_de(run, damaged):
    result = run("check", "--lang", "de", damaged)
    assert result.stderr.startswith("osscheck: warning: ")
    assert "Zwischenspeicher der Abfragen ist nicht nutzbar" in result.stderr


def test_offline_still_refuses_a_damaged_cache(run, damaged):
    result = run("check", "--offline", damaged)
    assert result.exit_code == 2
    assert result.stderr.startswith("osscheck: error: ") and "http-cache.sqlite" in result.stderr


def _poison_toml_memo(document: dict) -> None:
    """What a merge-request job could leave in a shared CI cache: the built-in policy's text digest
    mapped to a document of its choosing, in the place and form the TOML memo used."""
    from osscheck import toml_lines
    from osscheck.digest import sha256
    from osscheck.policy.loader import builtin_dir

    text = (builtin_dir() / "public-code.toml").read_text(encoding="utf-8")
    stamp = snapshot._stamp([toml_lines.__file__])
    path = snapshot._path("memo-toml")
    assert stamp is not None and path is not None
    key = sha256(text.encode("utf-8"))
    snapshot._write(path, {"stamp": stamp, "data": {key: document}})


def _hook(folder, *args: str) -> tuple[int, dict]:
    """A fresh process, as pre-commit starts it: what it reads from the cache folder counts."""
    proc = subprocess.run(
        [sys.executable, "-m", "osscheck.hook", "-f", "json", *args], capture_output=True, cwd=folder
    )
    return proc.returncode, json.loads(proc.stdout)


def test_an_edited_policy_memo_does_not_change_a_verdict(cache, tmp_path):
    (tmp_path / "package-lock.json").write_text(package_lock({"dbkit": "SSPL-1.0"}))
    code, before = _hook(tmp_path, "package-lock.json")
    assert code == 1
    from osscheck.policy import load_policy

    honest = load_policy("public-code")
    poisoned = {
        "policy": {"name": "public-code", "title": honest.title, "unknown": "allow"},
        "licenses": {"allow": ["SSPL-1.0", "EUPL-1.2"]},
    }
    _poison_toml_memo(poisoned)
    code, after = _hook(tmp_path, "package-lock.json")
    assert code == 1
    assert after["components"][0]["status"] == "denied"
    assert after["policy"] == before["policy"]  # the digest shown is the text's, and so is the verdict


def test_policies_and_configuration_are_not_kept_in_the_cache_folder(cache, tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "app"\n\n[tool.osscheck]\nfail-on = "review"\n')
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT"}))
    assert _hook(tmp_path, "package-lock.json")[0] == 0
    snapshot_files = [p.name for p in cache.iterdir()]
    assert snapshot_files  # the licence data is kept ...
    assert not [name for name in snapshot_files if "memo-toml" in name]  # ... no parsed TOML
    for path in cache.glob("snapshot-*.json"):
        assert b"public-code" not in path.read_bytes()

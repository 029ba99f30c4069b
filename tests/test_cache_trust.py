"""The cache folder is not trusted with verdicts, and a damaged look-up cache does not stop a plain run
(issues 11.13, 11.14)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import package_lock, write

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


def _hook(folder, *args: str) -> tuple[int, dict]:
    """A fresh process, as pre-commit starts it: what it reads from the cache folder counts."""
    proc = subprocess.run(
        [sys.executable, "-m", "osscheck.hook", "-f", "json", *args], capture_output=True, cwd=folder
    )
    return proc.returncode, json.loads(proc.stdout)


CITY_POLICY = '[policy]\nname = "city"\nextends = "public-code"\n\n[licenses]\ndeny = ["BUSL-1.1"]\n'


def _city(tmp_path) -> None:
    (tmp_path / "package-lock.json").write_text(package_lock({"dbkit": "SSPL-1.0"}))
    write(tmp_path / "city.toml", CITY_POLICY)
    write(tmp_path / ".osscheck.toml", 'policy = "city.toml"\n')


def test_an_edited_policy_memo_does_not_change_a_verdict(cache, tmp_path):
    """What a merge-request job could leave in a shared CI cache: the city policy's parse edited to
    allow SSPL, with the seal left as it was, or in the unsealed form older versions wrote."""
    _city(tmp_path)
    code, before = _hook(tmp_path, "package-lock.json")
    assert code == 1
    (memo,) = cache.glob("snapshot-memo-toml-*.json")
    seal, newline, body = memo.read_bytes().partition(b"\n")
    assert seal.startswith(b"seal:")
    stored = json.loads(body)
    poison = {"policy": {"name": "city", "unknown": "allow"}, "licenses": {"allow": ["SSPL-1.0"]}}
    stored["data"] = {key: poison for key in stored["data"]}  # the city's policy and the configuration
    for poisoned in (seal + newline + json.dumps(stored).encode(), json.dumps(stored).encode()):
        memo.write_bytes(poisoned)
        code, after = _hook(tmp_path, "package-lock.json")
        assert code == 1
        assert after["components"][0]["status"] == "denied"
        assert after["policy"] == before["policy"]  # the digest shown is the text's, and so is the verdict


def test_a_projects_policy_is_kept_only_sealed_and_shipped_ones_not_at_all(cache, tmp_path):
    _city(tmp_path)
    assert _hook(tmp_path, "package-lock.json")[0] == 1
    (memo,) = cache.glob("snapshot-memo-toml-*.json")
    assert memo.read_bytes().startswith(b"seal:")  # the city's policy and the configuration, sealed
    for path in cache.glob("snapshot-*.json"):
        assert b"Publishing commissioned software" not in path.read_bytes()  # public-code's title

"""German error lines through the command line: the message in German, ``osscheck: error: `` and
FILE:LINE kept as they are. (Each error's German text is checked where it is made: see
test_reader_messages.py, test_policy_messages.py and test_lookup_messages.py.)"""

from __future__ import annotations

import json

import pytest

from conftest import package_lock
from osscheck.hook import main as hook_main

# --- through the command line ---------------------------------------------------------------------


@pytest.fixture
def inputs(tmp_path):
    """A broken lockfile beside a good one."""
    bad = tmp_path / "bad" / "package-lock.json"
    bad.parent.mkdir()
    bad.write_text(json.dumps({"lockfileVersion": 3, "packages": []}))
    good = tmp_path / "good" / "package-lock.json"
    good.parent.mkdir()
    good.write_text(package_lock({"left-pad": "MIT"}))
    return bad, good


@pytest.fixture
def english(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


GERMAN = "'packages' muss ein Objekt sein, nicht list"
ENGLISH = "'packages' must be an object, not list"


def test_broken_input_with_lang_de(run, inputs, english):
    bad, good = inputs
    result = run("check", "--lang", "de", bad, good)
    assert result.exit_code == 2
    assert result.stderr == f"osscheck: error: {bad}: {GERMAN}\n"
    assert f"Gelesen: {good}" in result.stdout  # the good file is still reported


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_german_reports_list_unreadable_inputs_in_german(run, inputs, english, fmt):
    bad, good = inputs
    report = run("check", "--lang", "de", "-f", fmt, bad, good).stdout
    assert GERMAN.replace("'", "&#x27;" if fmt == "html" else "'") in report
    assert ENGLISH.replace("'", "&#x27;" if fmt == "html" else "'") not in report


def test_german_from_the_environment(run, inputs, english, monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    bad, good = inputs
    result = run("check", bad, good)
    assert result.exit_code == 2
    assert result.stderr == f"osscheck: error: {bad}: {GERMAN}\n"
    assert f"Gelesen: {good}" in result.stdout
    # --lang en wins over the environment
    assert run("check", "--lang", "en", bad, good).stderr == f"osscheck: error: {bad}: {ENGLISH}\n"


def test_english_is_unchanged(run, inputs, english):
    bad, good = inputs
    assert run("check", "--lang", "de", bad, good).exit_code == 2  # and nothing of it stays behind
    result = run("check", bad, good)
    assert result.exit_code == 2
    assert result.stderr == f"osscheck: error: {bad}: {ENGLISH}\n"
    assert f"Read: {good}" in result.stdout


def test_german_from_the_configuration(run, tmp_path, english):
    (tmp_path / ".osscheck.toml").write_text('lang = "de"\n')
    (tmp_path / "package-lock.json").write_text("{")
    result = run("check", tmp_path)
    assert result.exit_code == 2
    lock = tmp_path / "package-lock.json"
    assert result.stderr.startswith(f"osscheck: error: {lock}:1: kein gültiges JSON: ")
    # an error after the configuration is read, from the policy it names
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT"}))
    (tmp_path / "policy.toml").write_text('[policy]\nname = "p"\ncolour = "red"\n')
    (tmp_path / ".osscheck.toml").write_text('lang = "de"\npolicy = "policy.toml"\n')
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"osscheck: error: {tmp_path / 'policy.toml'}:3: unbekannter Schlüssel")


def test_usage_errors_before_the_configuration(run, tmp_path, english):
    result = run("check", "--lang", "de", "-f", "pdf", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("osscheck: error: unbekanntes Format 'pdf' (bekannt: text, ")
    result = run("check", "--lang", "de", "--outbound", "GPL(", tmp_path)
    assert result.stderr.startswith("osscheck: error: --outbound: kein gültiger Lizenzausdruck: 'GPL(' (")


def test_other_commands(run, inputs, english):
    bad, good = inputs
    result = run("notice", "--lang", "de", bad, good)
    assert result.exit_code == 2 and result.stderr == f"osscheck: error: {bad}: {GERMAN}\n"
    result = run("explain", "--lang", "de", "Classpath-exception-2.0")
    assert result.exit_code == 2
    assert result.stderr.startswith("osscheck: error: Classpath-exception-2.0 ist eine Lizenzausnahme")
    # click's usage errors are catalogue messages too: a language osscheck lacks is English
    result = run("check", "--lang", "fr", good)
    assert (
        result.exit_code == 2 and result.stderr == "osscheck: error: --lang must be one of en, de, not 'fr'\n"
    )
    result = run("check", "--lang", "de", "--fail-on", "maybe", good)
    assert result.stderr.startswith("osscheck: error: --fail-on muss eines von ")


def test_the_hook_in_german(capsys, inputs, english, monkeypatch):
    bad, good = inputs
    with pytest.raises(SystemExit) as info:
        hook_main(["--lang", "de", str(bad), str(good)])
    out, err = capsys.readouterr()
    assert info.value.code == 2
    assert err == f"osscheck: error: {bad}: {GERMAN}\n"
    assert "left-pad" in out or f"Gelesen: {good}" in out
    # a usage error comes before --lang is understood: the environment decides
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    with pytest.raises(SystemExit) as info:
        hook_main(["--bogus"])
    assert info.value.code == 2 and capsys.readouterr().err == "osscheck: error: unbekannte Option: --bogus\n"

"""``osscheck check`` without click: the same report, exit code and errors as the click command line."""

from __future__ import annotations

import pytest

from conftest import cyclonedx, package_lock
from conftest import exited as outcome
from osscheck import cli, entry


@pytest.fixture
def inputs(tmp_path):
    lock = tmp_path / "package-lock.json"
    lock.write_text(package_lock({"left-pad": "MIT", "dbkit": "SSPL-1.0", "mystery": None}))
    bom = tmp_path / "bom.cdx.json"
    bom.write_text(__import__("json").dumps(cyclonedx({"gpl-lib": "GPL-3.0-only", "ok": "Apache-2.0"})))
    return lock, bom


@pytest.mark.parametrize(
    "options",
    [
        [],
        ["-f", "json"],
        ["--format=sarif"],
        ["-f", "markdown", "--lang", "de"],
        ["--fail-on", "never", "-v"],
        ["--fail-on=review", "--policy", "internal-use"],
        ["-p", "library", "--outbound", "MIT", "--include-dev"],
        ["--no-include-dev", "--offline", "--lang=en"],
        ["-f", "nonsense"],
        ["--policy", "no-such-policy"],
        ["--outbound", "NOT A LICENCE ((("],
        ["--", "{lock}"],
    ],
)
def test_same_outcome_as_the_click_command_line(capsys, inputs, options, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    lock, bom = inputs
    args = ["check", *[o.replace("{lock}", str(lock)) for o in options], lock, bom]
    quick = outcome(capsys, entry.main, args)
    assert quick == outcome(capsys, cli.main, args)
    assert quick[0] in (0, 1, 2)


def test_the_output_file(capsys, inputs, tmp_path):
    lock, _ = inputs
    quick, slow = tmp_path / "quick.json", tmp_path / "slow.json"
    assert outcome(capsys, entry.main, ["check", "-f", "json", "-o", quick, lock])[0] == 1
    assert outcome(capsys, cli.main, ["check", "-f", "json", "--output", slow, lock])[0] == 1
    assert quick.read_bytes() == slow.read_bytes()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--help"], None),  # click's help
        (["--fail-on", "maybe"], "--fail-on must be one of"),
        (["--lang", "fr"], "--lang must be one of en, de, not 'fr'"),
        (["--bogus"], "no such option: --bogus"),
        (["--policy"], "option --policy needs a value"),
        (["-vf", "json"], None),  # bundled short options: click reads them
        (["-o", "{folder}"], "is a directory"),
    ],
)
def test_what_it_does_not_understand_goes_to_click(capsys, inputs, tmp_path, options, message):
    lock, _ = inputs
    args = ["check", lock, *[o.replace("{folder}", str(tmp_path)) for o in options]]
    quick = outcome(capsys, entry.main, args)
    assert quick == outcome(capsys, cli.main, args)
    if message is not None:
        code, _, err = quick
        assert code == 2 and err.startswith("osscheck: error:") and message in err
        assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["check", "--lang", "de", "--bogus"], "unbekannte Option: --bogus (gemeint: --verbose?)"),
        (
            ["check", "--lang=de", "--polic", "x"],
            "unbekannte Option: --polic (gemeint: --online, --policy, --profile?)",
        ),
        (["check", "--lang", "de", "--policy"], "Option --policy braucht einen Wert"),
        (["evidence", "verify", "--lang", "de"], "Argument FOLDER fehlt"),
        (["policy", "show", "a", "b", "--lang", "de"], "unbekannte Option: --lang"),
        (["explain", "MIT", "extra", "--lang", "de"], "unerwartete weitere Argumente: extra"),
        (["nocommand"], "no such command: 'nocommand'"),
    ],
)
def test_clicks_usage_errors_are_in_the_runs_language(capsys, monkeypatch, args, line):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    code, _, err = outcome(capsys, cli.main, args)
    assert (code, err) == (2, f"osscheck: error: {line}\n")


def test_other_commands_go_to_click(capsys):
    code, out, _ = outcome(capsys, entry.main, ["policy", "list"])
    assert code == 0 and "public-code" in out
    code, out, _ = outcome(capsys, entry.main, ["--version"])
    assert code == 0 and out.startswith("osscheck, version")


def test_the_quick_parser_reads_every_flag_of_the_click_command():
    """Both parsers are built from options.CHECK (tests/test_options.py): each flag click knows,
    the quick parser takes too, so a plain run never falls back to click for a known option."""
    from osscheck import runner

    click_options = {o for p in cli.check.params for o in (*p.opts, *p.secondary_opts) if o.startswith("-")}
    for flag in click_options - {"--help", "-h"}:
        option, switch = runner._FLAGS[flag]
        value = [] if switch is not None else [option.choices[0] if option.choices else "x"]
        parsed = runner.quick_check_args([flag, *value, "bom.json"])
        assert parsed is not None, flag
        assert getattr(parsed[1], option.name) == (switch if switch is not None else value[0])

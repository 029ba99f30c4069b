"""One table of options and configuration keys (options.py): the click command line, the parser
without click and ``[tool.osscheck]`` / ``.osscheck.toml`` all read it."""

from __future__ import annotations

import pytest

from conftest import package_lock
from osscheck import cli, config, options, runner
from osscheck.options import CheckOptions


def _click_params(command):
    return {p.name: p for p in command.params if p.name not in ("paths", "help")}


def test_the_click_command_is_built_from_the_table():
    params = _click_params(cli.check)
    assert list(params) == [o.name for o in options.CHECK]  # in the table's order (--help's)
    for option in options.CHECK:
        param = params[option.name]
        assert tuple(param.opts) == option.flags
        assert tuple(param.secondary_opts) == option.off
        assert param.help == option.help
        assert tuple(getattr(param.type, "choices", ())) == option.choices


def test_notice_takes_its_options_from_the_table_too():
    params = _click_params(cli.notice)
    assert set(params) == {"policy", "output", "outbound", "lang", "online"}
    by_name = {o.name: o for o in options.CHECK}
    for name, param in params.items():
        assert tuple(param.opts) == by_name[name].flags


def test_the_quick_parser_gives_a_check_options_record():
    paths, given = runner.parse_check_args(["-p", "library", "--fail-on=review", "--offline", "a.json"])
    assert paths == ["a.json"]
    assert given == CheckOptions(policy="library", fail_on="review", online=False)


def test_a_switch_takes_no_value():
    assert runner.quick_check_args(["--online=yes", "a.json"]) is None  # click's to refuse
    with pytest.raises(runner.UsageError, match="no such option: --online=yes"):
        runner.parse_check_args(["--online=yes"])


def test_every_configuration_key_is_a_field_of_the_configuration():
    empty = config.Config()
    for option in options.CONFIG.values():
        assert getattr(empty, option.name) in (None, [])


def _project(tmp_path, settings: str) -> None:
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT"}))
    (tmp_path / "pyproject.toml").write_text(f'[project]\nname = "app"\n\n[tool.osscheck]\n{settings}')


def test_a_bad_fail_on_in_the_configuration_is_the_configurations_error(run, tmp_path):
    _project(tmp_path, 'policy = "public-code"\nfail-on = "bogus"\n')
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"osscheck: error: {tmp_path / 'pyproject.toml'}:6: osscheck configuration: fail-on must be one "
        "of denied, review, never, not 'bogus'\n"
    )  # not "--fail-on", which was never given


def test_an_unknown_language_in_the_configuration_is_an_error(run, tmp_path):
    _project(tmp_path, 'lang = "fr"\n')
    result = run("check", tmp_path)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"osscheck: error: {tmp_path / 'pyproject.toml'}:5: osscheck configuration: lang must be one "
        "of en, de, not 'fr'\n"
    )


def test_a_wrong_type_is_reported_at_its_line(run, tmp_path):
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT"}))
    (tmp_path / ".osscheck.toml").write_text('policy = "public-code"\n\nexclude = "tests"\n')
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"osscheck: error: {tmp_path / '.osscheck.toml'}:3: osscheck configuration: exclude has the "
        "wrong type\n"
    )


def test_an_unknown_key_in_an_osscheck_table_is_reported_at_its_line(run, tmp_path):
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT"}))
    (tmp_path / ".osscheck.toml").write_text('[osscheck]\npolicy = "public-code"\nlangu = "de"\n')
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"osscheck: error: {tmp_path / '.osscheck.toml'}:3: unknown key 'langu'")
    assert ", ".join(options.CONFIG) in result.stderr


def test_broken_toml_in_the_configuration_names_its_line(run, tmp_path):
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT"}))
    (tmp_path / ".osscheck.toml").write_text('policy = "public-code"\nfail-on =\n')
    result = run("check", tmp_path)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"osscheck: error: {tmp_path / '.osscheck.toml'}:2: not valid TOML: ")


def test_configuration_errors_in_german(run, tmp_path):
    _project(tmp_path, 'fail-on = "bogus"\n')
    result = run("check", tmp_path, "--lang", "de")
    assert result.exit_code == 2
    assert result.stderr == (
        f"osscheck: error: {tmp_path / 'pyproject.toml'}:5: osscheck-Konfiguration: fail-on muss eines "
        "von denied, review, never sein, nicht 'bogus'\n"
    )


def test_good_values_in_the_configuration_still_apply(run, tmp_path):
    _project(tmp_path, 'fail-on = "never"\nlang = "de"\nexclude = ["tests"]\n')
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "package-lock.json").write_text(package_lock({"dbkit": "SSPL-1.0"}))
    result = run("check", tmp_path)
    assert result.exit_code == 0 and "dbkit" not in result.stdout
    assert "Komponente" in result.stdout  # German, from the configuration


def test_the_library_api_keeps_its_keywords(tmp_path):
    import osscheck

    (tmp_path / "package-lock.json").write_text(package_lock({"dbkit": "SSPL-1.0"}))
    report = osscheck.check([tmp_path], policy="public-code", fail_on="never")
    assert not report.failed
    report, _ = runner.configured_check([str(tmp_path)], CheckOptions(policy="public-code"))
    assert report.failed  # SSPL is denied, and fails at the default level

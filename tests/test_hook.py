"""The pre-commit entry point: same verdicts and exit codes as `osscheck check`, without click."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import exited, package_lock
from osscheck.hook import main


def hook(capsys, *args):
    return exited(capsys, main, args)


def test_same_report_and_exit_code_as_check(tmp_path, capsys, run):
    lock = tmp_path / "package-lock.json"
    lock.write_text(package_lock({"left-pad": "MIT", "dbkit": "SSPL-1.0"}))
    code, out, err = hook(capsys, lock)
    assert code == 1 and err == ""
    assert "pkg:npm/dbkit@1.0.0  SSPL-1.0" in out
    assert out == run("check", lock).stdout
    assert hook(capsys, "--fail-on", "never", lock)[0] == 0
    assert hook(capsys, "--policy=internal-use", lock)[0] == 0
    assert "VERBOTEN" in hook(capsys, "--lang", "de", lock)[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bogus"], "no such option: --bogus"),
        (["--fail-on", "maybe"], "--fail-on must be one of"),
        (["--policy"], "option --policy needs a value"),
        (["--policy", "no-such-policy", "."], "no such policy"),
        (["/no/such/file.json"], "no such file or directory"),
    ],
)
def test_errors_are_one_line_exit_2(capsys, args, message):
    code, _, err = hook(capsys, *args)
    assert code == 2
    assert err.startswith("osscheck: error:") and message in err and err.count("\n") == 1


def test_the_hook_does_not_import_click(tmp_path):
    lock = tmp_path / "package-lock.json"
    lock.write_text(package_lock({"left-pad": "MIT"}))
    code = (
        "import sys\n"
        "from osscheck.hook import main\n"
        "try:\n"
        f"    main([{str(lock)!r}])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "heavy = ('click', 'license_expression', 'requests', 'requests_cache')\n"
        "heavy = sorted(m for m in heavy if m in sys.modules)\n"
        "print(heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip().splitlines()[-1] == "[]"

"""Issue 12.8: the CI gates, meaningful ``# type: ignore`` comments, and the collector left as found."""

from __future__ import annotations

import gc
import re
import sys
from pathlib import Path

import pytest

from osscheck import runner
from osscheck.errors import InputError

ROOT = Path(__file__).resolve().parent.parent

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _guarded_exit(action) -> int:
    with pytest.raises(SystemExit) as exited:
        runner.guarded(action)
    return exited.value.code


@pytest.mark.parametrize(
    "action",
    [lambda: 0, lambda: 1, lambda: (_ for _ in ()).throw(InputError("broken", "x.json", 3))],
    ids=["passed", "failed", "input-error"],
)
def test_guarded_turns_the_collector_back_on(action) -> None:
    assert gc.isenabled()
    _guarded_exit(action)
    assert gc.isenabled()


def test_guarded_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        seen: list[bool] = []
        assert _guarded_exit(lambda: seen.append(gc.isenabled())) == 0
        assert seen == [False]
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_guarded_restores_the_collector_when_a_bug_is_re_raised(monkeypatch) -> None:
    monkeypatch.setenv("OSSCHECK_DEBUG", "1")

    def bug() -> int:
        raise ZeroDivisionError("bug")

    with pytest.raises(ZeroDivisionError):
        runner.guarded(bug)
    assert gc.isenabled()


def test_ci_runs_the_lint_and_format_gates_before_the_tests() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    assert "set -euo pipefail" in commands
    gates = [commands.index(c) for c in (".venv/bin/ruff check .", ".venv/bin/ruff format --check .")]
    assert gates and max(gates) < commands.index(".venv/bin/python -m pytest")


def test_ci_runs_mypy_after_the_lint_gates_and_before_the_tests() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith("#")]
    mypy = commands.index(".venv/bin/mypy")  # bare: pyproject.toml's [tool.mypy] names src/
    assert (
        commands.index(".venv/bin/ruff format --check .")
        < mypy
        < commands.index(".venv/bin/python -m pytest")
    )
    assert _pyproject()["tool"]["mypy"]["files"] == ["src"]


def test_an_exception_with_an_expiry_date_counts_as_expired_when_no_date_is_known() -> None:
    import datetime as dt

    from osscheck.policy.model import PolicyException

    dated = PolicyException("needed", package="pkg:npm/react", expires=dt.date(2027, 3, 1))
    assert dated.is_expired(None)  # fail closed: nothing shows it still holds
    assert not dated.is_expired(dt.date(2027, 3, 1))
    assert dated.is_expired(dt.date(2027, 3, 2))
    assert not PolicyException("needed", package="pkg:npm/react").is_expired(None)


def test_the_test_extras_install_the_gates() -> None:
    extras = {re.split(r"[<>=\[; ]", d)[0] for d in _pyproject()["project"]["optional-dependencies"]["test"]}
    assert {"ruff", "mypy"} <= extras


def test_mypy_reports_ignore_comments_that_are_no_longer_needed() -> None:
    mypy = _pyproject()["tool"]["mypy"]
    assert mypy["warn_unused_ignores"] is True
    assert "ignore-without-code" in mypy["enable_error_code"]


def test_every_type_ignore_names_its_error_code() -> None:
    bare = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "src").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"#\s*type:\s*ignore(?!\[[a-z-]+(, ?[a-z-]+)*\])", line)
    ]
    assert bare == []

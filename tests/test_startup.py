"""What a pre-commit run loads: nothing it does not need (issue 6; timings are in bench/, not here)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from conftest import package_lock
from osscheck.digest import sha256

# what a warm pre-commit run may load beyond the interpreter's own start-up: osscheck modules by
# name, others by top-level package (C accelerators, "_" names, differ between Python versions)
WARM_HOOK_RUN = frozenset(
    {
        *(
            f"osscheck.{m}"
            for m in (
                "api",
                "cache_folder",
                "catalogue",
                "catalogue.en",  # the English texts of the findings and errors it prints
                "config",
                "digest",
                "drift",  # the hook compares its lockfiles with HEAD's (a walk up to .git, one git spawn)
                "enrich",
                "enrich.settings",
                "errors",
                "hook",
                "i18n",
                "licenses",
                "licenses.catalog",
                "licenses.compat",
                "licenses.expression",
                "licenses.normalized",
                "licenses.obligations",
                "licenses.recognition",
                "limits",
                "merge",
                "messages",
                "model",
                "options",
                "policy",
                "policy._shipped_data",
                "policy.evaluate",
                "policy.loader",
                "policy.model",
                "policy.schema",
                "policy.shipped",
                "policy.versions",
                "progress",
                "readers",
                "readers._purl",
                "readers._source",
                "report",
                "reports",
                "reports.text",
                # the text report's Beweislastumkehr section: 0.3 ms to import with its bytecode, 0.1 ms
                # for 200 components (python -X importtime; issue 15)
                "reports._burden",
                "resolve",
                "runner",
                "snapshot",
            )
        ),
        "osscheck",
        *("contextvars", "errno", "fnmatch", "gc", "importlib", "ipaddress", "ntpath", "pathlib"),
        *("urllib", "warnings", "collections", "copyreg", "enum", "functools", "itertools", "json"),
        *("keyword", "operator", "re", "reprlib", "types"),
    }
)
# and per input, its reader (a pyproject.toml is TOML: the parser and what it imports)
FOR_INPUT = {
    "package-lock.json": frozenset({"osscheck.readers.npm", "osscheck.readers._npm_licenses"}),
    "pyproject.toml": frozenset(
        {
            *("osscheck.readers.pyproject", "osscheck.readers.python_env", "osscheck.readers.requirements"),
            *("osscheck.readers._notices", "osscheck.toml_lines", "tomllib", "tomli"),
            *("contextlib", "datetime", "math", "string", "typing"),
        }
    ),
}
# each costs milliseconds to import, more than reading a lockfile (tests below look for these)
HEAVY = ("license_expression", "packageurl", "tomllib", "tomli", "typing", "datetime")

PROBE = """
import sys
before = set(sys.modules)
sys.argv = ["osscheck", *{args!r}]
from osscheck.{module} import main
try:
    main()
except SystemExit as exc:
    code = exc.code
print(code, sorted(m for m in sys.modules if m not in before))
"""


def loaded(tmp_path, module: str, args: list[str]) -> tuple[int, list[str]]:
    """Exit code and the heavy modules of a run."""
    code, modules = new_modules(tmp_path, module, args)
    return code, [m for m in HEAVY if m in modules]


def new_modules(tmp_path, module: str, args: list[str]) -> tuple[int, list[str]]:
    """Exit code and every module a run loads beyond the interpreter's start-up."""
    script = PROBE.format(args=args, module=module)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    code, modules = proc.stdout.strip().splitlines()[-1].split(" ", 1)
    return int(code), json.loads(modules.replace("'", '"'))


def _unexpected(modules: list[str], allowed: frozenset[str]) -> list[str]:
    def name(module: str) -> str:
        return module if module.startswith("osscheck") else module.split(".")[0]

    return sorted({name(m) for m in modules if not m.startswith("_")} - allowed)


@pytest.mark.parametrize("module", ["hook", "entry"])
@pytest.mark.parametrize("manifest", ["package-lock.json", "pyproject.toml"])
def test_a_warm_hook_run_loads_only_the_allowed_modules(tmp_path, module, manifest):
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT", "dbkit": "SSPL-1.0"}))
    (tmp_path / "pyproject.toml").write_text(  # no [tool.osscheck]
        '[project]\nname = "app"\nlicense = "EUPL-1.2"\ndependencies = ["requests>=2", "click"]\n'
    )
    args = ["check"] if module == "entry" else []
    new_modules(tmp_path, module, [*args, manifest])  # the first run writes the snapshots
    code, modules = new_modules(tmp_path, module, [*args, manifest])
    assert code == 1  # SSPL is denied; requests and click have no licence in a pyproject.toml
    allowed = WARM_HOOK_RUN | FOR_INPUT[manifest] | ({"osscheck.entry"} if module == "entry" else set())
    unexpected = _unexpected(modules, allowed)
    assert unexpected == [], (
        f"a warm hook run now loads {unexpected}: import it inside the function that needs it"
        " (# lazy: start-up), or add it to WARM_HOOK_RUN deliberately, with the cost measured (bench/)"
    )


def test_the_allow_list_notices_a_new_module():
    assert _unexpected(["osscheck.api", "_sha256", "pathlib._local"], WARM_HOOK_RUN) == []
    assert _unexpected(["osscheck.enrich.cache", "click.core"], WARM_HOOK_RUN) == [
        "click",
        "osscheck.enrich.cache",
    ]


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
    # the city's policy and the configuration come parsed from the sealed memo of the first run
    # (only the register's date needs datetime), and the register's purls were split then
    assert heavy == ["datetime"]
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

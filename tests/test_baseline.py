"""The baseline of an existing project (issue 14): its 30 known findings pass, the 31st fails alone,
a relicensed known component is new again, the file only shrinks, and every report marks what is
known. The project is tests/data/npm-consul's real package-lock.json (38 packages) with 25 left
without a licence (unknown: denied), 5 under SSPL-1.0 (denied) and 8 under MIT, run through the real
command line, the hook's main() and the real pre-commit.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DATA, assert_one_error_line, exited
from test_precommit import git, hook_repo  # noqa: F401  (hook_repo: the fixture, used by name)
from test_startup import new_modules

CONSUL = DATA / "npm-consul" / "package-lock.json"
SARIF_SCHEMA = DATA / "schemas" / "sarif-schema-2.1.0.json"
JUNIT_SCHEMA = DATA / "schemas" / "junit-10.xsd"
BASELINE = "osscheck-baseline.json"
EPOCH = "1780000000"  # 2026-05-28 (UTC)
DAY = "2026-05-28"


def _packages() -> list[str]:
    names = [k.rsplit("node_modules/", 1)[1] for k in json.loads(CONSUL.read_text())["packages"] if k]
    assert len(names) == 38
    return names


NAMES = _packages()
SSPL = NAMES[:5]  # denied: on public-code's deny list
UNKNOWN = NAMES[5:30]  # no licence: unknown, denied
ALLOWED = NAMES[30:]  # MIT


def purl(name: str) -> str:
    return "pkg:npm/" + name.replace("@", "%40")


def consul_lock(changes: dict[str, str | None] | None = None, versions: dict[str, str] | None = None) -> str:
    """The real lockfile with the licences above, ``changes`` applied (name -> licence)."""
    doc = json.loads(CONSUL.read_text())
    licences: dict[str, str | None] = {n: "SSPL-1.0" for n in SSPL} | {n: "MIT" for n in ALLOWED}
    licences.update(changes or {})
    for key, entry in doc["packages"].items():
        name = key.rsplit("node_modules/", 1)[-1]
        if key and licences.get(name):
            entry["license"] = licences[name]
        if key and name in (versions or {}):
            entry["version"] = (versions or {})[name]
    return json.dumps(doc, indent=2) + "\n"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """The project folder, as the working directory, with its lockfile; dates from SOURCE_DATE_EPOCH."""
    folder = tmp_path / "consul"
    folder.mkdir()
    (folder / "package-lock.json").write_text(consul_lock())
    monkeypatch.chdir(folder)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return folder


def relicense(changes: dict[str, str | None], **versions: str) -> None:
    Path("package-lock.json").write_text(consul_lock(changes, versions))


def baseline_doc() -> dict:
    return json.loads(Path(BASELINE).read_text())


def check_json(run, *extra: object) -> tuple[int, dict]:
    result = run("check", "--baseline", BASELINE, "-f", "json", *extra)
    assert result.stderr == ""
    return result.exit_code, result.json


def new_findings(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["baseline"] == "new"]


# --- write, and the check against it -----------------------------------------------------------


def test_a_baseline_of_30_findings_passes(run, project):
    assert run("check").exit_code == 1  # without the baseline: 30 denied components
    written = run("baseline", "write")
    assert (written.exit_code, written.stderr) == (0, "")
    assert written.stdout == f"{BASELINE}: 30 findings recorded\n"
    doc = baseline_doc()
    assert list(doc) == ["schema", "tool", "project", "created", "policy", "findings", "increases"]
    assert doc["schema"] == "osscheck-baseline/1"
    assert (doc["project"], doc["created"], doc["policy"], doc["increases"]) == (
        "consuldemocracy",
        DAY,
        "public-code",
        [],
    )
    findings = doc["findings"]
    assert len(findings) == 30 and findings == sorted(findings, key=lambda e: (e["rule"], e["component"]))
    assert {e["rule"] for e in findings} == {"denied-license", "unknown-license"}
    assert {
        "rule": "denied-license",
        "component": purl(SSPL[0]),
        "license": "SSPL-1.0",
        "path": "package-lock.json",
    } in findings
    assert {
        "rule": "unknown-license",
        "component": purl(UNKNOWN[0]),
        "license": None,
        "path": "package-lock.json",
    } in findings

    code, report = check_json(run)
    assert code == 0
    assert report["summary"]["denied"] == 30 and report["summary"]["passed"] is True  # still denied
    assert {f["baseline"] for f in report["findings"]} == {"unchanged"}
    assert report["baseline"] == {
        "path": BASELINE,
        "sha256": __import__("hashlib").sha256(Path(BASELINE).read_bytes()).hexdigest(),
        "known": 30,
        "new": 0,
        "absent": [],
    }
    denied = {c["name"] for c in report["components"] if c["status"] == "denied"}
    assert denied == set(SSPL) | set(UNKNOWN)


def test_the_baseline_is_written_the_same_way_twice(run, project, tmp_path):
    run("baseline", "write")
    first = Path(BASELINE).read_bytes()
    Path(BASELINE).unlink()
    run("baseline", "write", "-o", tmp_path / "again.json")
    # the same entries; its paths are relative to its own folder
    again = json.loads((tmp_path / "again.json").read_text())
    assert {e["path"] for e in again["findings"]} == {"consul/package-lock.json"}
    run("baseline", "write")
    assert Path(BASELINE).read_bytes() == first
    rows = [json.loads(line.rstrip(",")) for line in first.decode().splitlines() if line.startswith("    {")]
    assert rows == baseline_doc()["findings"]  # one finding a line: a merge request shows each


def test_write_refuses_to_replace_a_baseline(run, project):
    run("baseline", "write")
    before = Path(BASELINE).read_bytes()
    result = run("baseline", "write")
    assert_one_error_line(result, BASELINE)
    assert "osscheck baseline update" in result.stderr
    assert Path(BASELINE).read_bytes() == before


def test_the_31st_finding_fails_with_exactly_that_one_new(run, project):
    run("baseline", "write")
    relicense({ALLOWED[0]: "BUSL-1.1"})
    code, report = check_json(run)
    assert code == 1
    (new,) = new_findings(report)
    assert new["component"] == f"{purl(ALLOWED[0])}@{_version(ALLOWED[0])}"
    assert new["rule"] == "denied-license"
    assert (report["baseline"]["known"], report["baseline"]["new"]) == (30, 1)
    text = run("check", "--baseline", BASELINE)
    assert text.exit_code == 1
    assert "Baseline osscheck-baseline.json: 30 known, 1 new" in text.stdout


def _version(name: str) -> str:
    return json.loads(CONSUL.read_text())["packages"][f"node_modules/{name}"]["version"]


def test_a_baselined_component_that_changes_licence_is_new(run, project):
    run("baseline", "write")
    # still denied, but under another licence: the baseline never hides a relicensing
    relicense({SSPL[0]: "BUSL-1.1", UNKNOWN[0]: "SSPL-1.0"})
    code, report = check_json(run)
    assert code == 1
    new = sorted(f["component"].rsplit("@", 1)[0] for f in new_findings(report))
    assert new == sorted(purl(n) for n in (SSPL[0], UNKNOWN[0]))
    absent = report["baseline"]["absent"]
    assert {(e["component"], e["license"]) for e in absent} == {
        (purl(SSPL[0]), "SSPL-1.0"),
        (purl(UNKNOWN[0]), None),
    }


def test_an_upgrade_keeps_a_known_finding_known(run, project):
    run("baseline", "write")
    relicense({}, **{SSPL[1]: "9.9.9", UNKNOWN[1]: "10.0.0"})  # the purl's version is not in the key
    code, report = check_json(run)
    assert code == 0 and report["baseline"]["new"] == 0


def test_a_known_finding_is_known_from_another_working_directory(run, project, monkeypatch):
    run("baseline", "write")
    monkeypatch.chdir(project.parent)
    result = run("check", "consul", "--baseline", Path("consul") / BASELINE, "-f", "json")
    assert result.exit_code == 0 and result.json["baseline"]["known"] == 30


def test_the_configuration_names_the_baseline_relative_to_itself(run, project, monkeypatch):
    (project / "ci").mkdir()
    (project / ".osscheck.toml").write_text('baseline = "ci/known.json"\n')
    written = run("baseline", "write")
    assert written.exit_code == 0 and (project / "ci" / "known.json").is_file()  # the configuration's
    monkeypatch.chdir(project.parent)
    result = run("check", "consul", "-f", "json")
    assert result.exit_code == 0
    assert result.json["baseline"]["path"] == str(Path("consul") / "ci" / "known.json")
    (project / ".osscheck.toml").write_text('baseline = "ci/gone.json"\n')
    assert_one_error_line(run("check", "consul"), "gone.json")


# --- update ------------------------------------------------------------------------------------


def test_update_shrinks_the_baseline(run, project):
    run("baseline", "write")
    relicense({n: "MIT" for n in UNKNOWN[:3]})  # three licences found upstream
    result = run("baseline", "update")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{BASELINE}: 27 findings recorded; 3 entries removed\n"
    doc = baseline_doc()
    assert len(doc["findings"]) == 27 and doc["increases"] == []
    assert not {purl(n) for n in UNKNOWN[:3]} & {e["component"] for e in doc["findings"]}
    again = run("baseline", "update")
    assert again.stdout == f"{BASELINE}: 27 findings recorded; no change\n"


def test_update_refuses_to_grow(run, project):
    run("baseline", "write")
    before = Path(BASELINE).read_bytes()
    relicense({ALLOWED[0]: "BUSL-1.1", UNKNOWN[0]: "MIT"})  # one more, one fewer: still a new finding
    result = run("baseline", "update")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"1 new finding is not in {BASELINE}: the baseline only shrinks; add it with "
        '--allow-increase "reason"'
    )
    assert lines[1:] == [
        f"  {purl(ALLOWED[0])}@{_version(ALLOWED[0])}: BUSL-1.1: on the policy's deny list "
        f"(package-lock.json:{_line(ALLOWED[0])})"
    ]
    assert Path(BASELINE).read_bytes() == before  # nothing written


def _line(name: str) -> int:
    lines = Path("package-lock.json").read_text().splitlines()
    return lines.index(f'    "node_modules/{name}": {{') + 1


def test_allow_increase_records_the_reason_and_the_date(run, project, monkeypatch):
    run("baseline", "write")
    relicense({ALLOWED[0]: "BUSL-1.1"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
    result = run("baseline", "update", "--allow-increase", "vendor SDK, replacement ordered (ticket 42)")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{BASELINE}: 31 findings recorded; 1 entry added (vendor SDK, replacement ordered (ticket 42))\n"
    )
    doc = baseline_doc()
    assert doc["created"] == DAY  # kept
    assert doc["increases"] == [
        {"date": "2026-05-29", "reason": "vendor SDK, replacement ordered (ticket 42)", "added": 1}
    ]
    assert check_json(run)[0] == 0
    assert_one_error_line(run("baseline", "update", "--allow-increase", " "), "--allow-increase")


def test_update_needs_a_baseline(run, project):
    result = run("baseline", "update")
    assert_one_error_line(result, BASELINE)
    assert "osscheck baseline write" in result.stderr


def test_nothing_is_written_when_an_input_cannot_be_read(run, project):
    run("baseline", "write")
    before = Path(BASELINE).read_bytes()
    Path("package-lock.json").write_text('{"lockfileVersion": 3, "packages": {\n')
    result = run("baseline", "update")
    assert result.exit_code == 2
    assert result.stderr.startswith("osscheck: error: package-lock.json:")
    assert result.stderr.splitlines()[-1] == (
        "osscheck: error: the baseline was not written: an input could not be read"
    )
    assert Path(BASELINE).read_bytes() == before
    Path(BASELINE).unlink()
    assert run("baseline", "write").exit_code == 2 and not Path(BASELINE).exists()


# --- absent entries ----------------------------------------------------------------------------


def test_entries_no_finding_matches_are_reported_absent(run, project):
    run("baseline", "write")
    relicense({n: "MIT" for n in UNKNOWN[:3]})
    code, report = check_json(run)
    assert code == 0
    assert [e["component"] for e in report["baseline"]["absent"]] == sorted(purl(n) for n in UNKNOWN[:3])
    text = run("check", "--baseline", BASELINE).stdout
    assert (
        "Baseline osscheck-baseline.json: 27 known, 0 new; 3 baseline entries no longer found: "
        "tighten with `osscheck baseline update`"
    ) in text
    german = run("check", "--baseline", BASELINE, "--lang", "de").stdout
    assert (
        "Baseline osscheck-baseline.json: 27 bekannt, 0 neu; 3 Einträge der Baseline nicht mehr "
        "gefunden: mit `osscheck baseline update` verkleinern"
    ) in german


def test_the_entries_of_a_file_not_read_are_not_absent(project, capsys):
    """The hook is given the staged files only: the other inputs' entries were not looked at."""
    from osscheck.hook import main as hook

    Path("requirements.txt").write_text("requests==2.32.3\nclick==8.1.7\n")
    assert exited(capsys, hook, ["--baseline", BASELINE, "."])[0] == 2  # no baseline yet: an error
    from osscheck.entry import main

    assert exited(capsys, main, ["baseline", "write"])[0] == 0
    assert len(baseline_doc()["findings"]) == 32
    code, out, _ = exited(capsys, hook, ["--baseline", BASELINE, "-f", "json", "package-lock.json"])
    assert code == 0 and json.loads(out)["baseline"]["absent"] == []
    Path("requirements.txt").unlink()  # gone: its entries are absent now
    code, out, _ = exited(capsys, hook, ["--baseline", BASELINE, "-f", "json", "package-lock.json"])
    absent = json.loads(out)["baseline"]["absent"]
    assert code == 0 and [e["component"] for e in absent] == ["pkg:pypi/click", "pkg:pypi/requests"]


# --- the reports -------------------------------------------------------------------------------


@pytest.fixture
def one_new(run, project) -> None:
    """30 known, 1 new (a 31st denied component), 1 absent (an unknown licence found to be MIT)."""
    run("baseline", "write")
    relicense({ALLOWED[0]: "BUSL-1.1", UNKNOWN[0]: "MIT"})


def test_sarif_carries_the_baseline_state_and_is_valid(run, one_new):
    import jsonschema

    result = run("check", "--baseline", BASELINE, "-f", "sarif")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    validator = jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text()))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []
    results = doc["runs"][0]["results"]
    states = [r["baselineState"] for r in results]
    assert states.count("unchanged") == 29 and states.count("new") == 1 and states.count("absent") == 1
    (new,) = [r for r in results if r["baselineState"] == "new"]
    assert new["properties"]["name"] == ALLOWED[0] and new["level"] == "error"
    (gone,) = [r for r in results if r["baselineState"] == "absent"]
    assert (gone["kind"], gone["level"], gone["ruleId"]) == ("pass", "none", "unknown-license")
    assert gone["properties"]["component"] == purl(UNKNOWN[0])
    assert gone["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "package-lock.json"
    assert doc["runs"][0]["invocations"][0]["exitCode"] == 1


def _junit_valid(text: str) -> ET.Element:
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(JUNIT_SCHEMA)))
    assert schema.validate(etree.fromstring(text.encode("utf-8"))), [str(e) for e in schema.error_log][:5]
    return ET.fromstring(text)


def test_junit_skips_the_known_cases(run, one_new):
    result = run("check", "--baseline", BASELINE, "-f", "junit")
    root = _junit_valid(result.stdout)
    cases = {c.get("name").split("@")[0]: c for c in root.iter("testcase")}
    failures = [n for n, c in cases.items() if c.find("failure") is not None]
    assert failures == [purl(ALLOWED[0])]
    known = [n for n, c in cases.items() if c.find("skipped") is not None]
    assert len(known) == 29
    skipped = cases[purl(SSPL[0])].find("skipped")
    assert skipped is not None and skipped.get("message") == "known (baseline)"
    assert "SSPL-1.0" in cases[purl(SSPL[0])].find("system-out").text
    (suite,) = root.findall("testsuite")
    assert (suite.get("failures"), suite.get("skipped")) == ("1", "29")
    assert root.get("failures") == "1"


def test_gitlab_marks_known_findings_as_info(run, one_new):
    issues = json.loads(run("check", "--baseline", BASELINE, "-f", "gitlab").stdout)
    known = [i for i in issues if i["description"].startswith("known (baseline): ")]
    assert len(known) == 29 and {i["severity"] for i in known} == {"info"}
    (new,) = [i for i in issues if i not in known]
    assert new["severity"] == "critical" and ALLOWED[0] in new["description"]


def test_markdown_lists_the_new_problem_first_and_marks_the_known(run, one_new):
    out = run("check", "--baseline", BASELINE, "-f", "markdown").stdout
    assert "Baseline `osscheck-baseline.json`: 29 known, 1 new; 1 baseline entry no longer found" in out
    rows = [line for line in out.splitlines() if line.startswith("| ❌") and "`pkg:" in line]
    assert len(rows) == 30
    assert rows[0].startswith("| ❌ **denied** | `" + purl(ALLOWED[0]))  # new: first, and failing
    assert all(r.startswith("| ❌ denied (known) |") for r in rows[1:])
    german = run("check", "--baseline", BASELINE, "-f", "markdown", "--lang", "de").stdout
    assert "| ❌ verboten (bekannt) |" in german and "29 bekannt, 1 neu" in german


def test_text_and_html_mark_the_known_in_the_runs_language(run, one_new):
    text = run("check", "--baseline", BASELINE).stdout
    assert f"  x {purl(SSPL[0])}@{_version(SSPL[0])}  SSPL-1.0  [known]" in text
    assert f"  x {purl(ALLOWED[0])}@{_version(ALLOWED[0])}  BUSL-1.1\n" in text  # new: unmarked
    german = run("check", "--baseline", BASELINE, "--lang", "de").stdout
    assert "SSPL-1.0  [bekannt]" in german
    html = run("check", "--baseline", BASELINE, "-f", "html", "--lang", "de").stdout
    assert html.count('<span class="detail">bekannt</span>') == 29
    assert "29 bekannt, 1 neu; 1 Eintrag der Baseline nicht mehr gefunden" in html


def test_an_applied_exception_is_no_entry_and_has_no_state(run, project):
    Path("city.toml").write_text(
        '[policy]\nextends = "public-code"\nname = "city"\n\n[[exceptions]]\n'
        f'package = "{purl(SSPL[0])}"\njustification = "Needed by the procedure."\n'
    )
    assert run("baseline", "write", "-p", "city.toml").stdout == f"{BASELINE}: 29 findings recorded\n"
    assert baseline_doc()["policy"] == "city"
    code, report = check_json(run, "-p", "city.toml")
    assert code == 0
    (applied,) = [f for f in report["findings"] if f["rule"] == "exception-applied"]
    assert applied["baseline"] is None  # a decision, not a problem: the baseline does not track it
    sarif = json.loads(run("check", "--baseline", BASELINE, "-p", "city.toml", "-f", "sarif").stdout)
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "exception-applied"]
    assert "baselineState" not in result and result["suppressions"][0]["status"] == "accepted"


def test_no_baseline_no_baseline_keys(run, project):
    report = run("check", "-f", "json").json
    assert "baseline" not in report and all("baseline" not in f for f in report["findings"])


# --- a baseline that cannot be used ------------------------------------------------------------

GOOD = {"schema": "osscheck-baseline/1", "project": "consuldemocracy", "findings": []}
ENTRY = {"rule": "unknown-license", "component": "pkg:npm/x", "license": None, "path": "package-lock.json"}


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ('{"schema": "osscheck-baseline/1",\n  "findings": [\n  oops]}\n', f"{BASELINE}:3: not valid JSON"),
        ("", "empty file"),
        ("\x00\x01", "binary data"),
        ("[]", "a osscheck-baseline/1 document must be a JSON object"),
        ('{"schema": "x", "schema": "osscheck-baseline/1", "findings": []}', "duplicate key 'schema'"),
        ({"findings": []}, "no 'schema'"),
        (
            {"schema": "osscheck-report/1", "findings": []},
            "not an osscheck baseline (schema osscheck-report/1)",
        ),
        ({"schema": "osscheck-baseline/0", "findings": []}, "not an osscheck baseline"),
        (
            {"schema": "osscheck-baseline/2", "findings": []},
            "written by a newer osscheck (osscheck-baseline/2)",
        ),
        ({"schema": 1, "findings": []}, "schema must be a string that is not empty"),
        ({**GOOD, "findings": {}}, "findings must be a list"),
        ({**GOOD, "findings": ["x"]}, "findings[0] must be an object"),
        ({**GOOD, "findings": [{**ENTRY, "rule": 7}]}, "findings[0].rule must be a string"),
        (
            {**GOOD, "findings": [{**ENTRY, "license": ["MIT"]}]},
            "findings[0].license must be a string or null",
        ),
        ({**GOOD, "findings": [{"rule": "unknown-license"}]}, "no 'findings[0].component'"),
        ({**GOOD, "project": 3}, "project must be a string or null"),
        ({**GOOD, "created": "yesterday"}, "created must be a date YYYY-MM-DD"),
        ({**GOOD, "tool": "osscheck"}, "tool must be an object"),
        (
            {**GOOD, "increases": [{"date": DAY, "reason": "x", "added": "1"}]},
            "increases[0].added must be a whole",
        ),
        ({**GOOD, "increases": [{"date": DAY, "reason": "", "added": 1}]}, "increases[0].reason must be"),
        ({**GOOD, "project": "another-app"}, "a baseline of project another-app, not of consuldemocracy"),
    ],
)
def test_a_baseline_that_cannot_be_used_is_one_error_line(run, project, content, says):
    text = content if isinstance(content, str) else json.dumps(content)
    Path(BASELINE).write_text(text, encoding="utf-8")
    for args in (["check", "--baseline", BASELINE], ["baseline", "update"]):
        result = run(*args)
        assert_one_error_line(result, BASELINE)
        assert says in result.stderr
        assert result.stdout == ""
    assert Path(BASELINE).read_text(encoding="utf-8") == text  # update left it alone


def test_a_missing_baseline_and_a_folder_are_errors(run, project):
    result = run("check", "--baseline", "nowhere.json")
    assert_one_error_line(result, "nowhere.json")
    assert "no such baseline file: write one with `osscheck baseline write`" in result.stderr
    Path("folder.json").mkdir()
    assert_one_error_line(run("check", "--baseline", "folder.json"), "folder.json")


def test_a_baseline_in_german(run, project):
    Path(BASELINE).write_text(json.dumps({"schema": "osscheck-baseline/9", "findings": []}))
    result = run("check", "--baseline", BASELINE, "--lang", "de")
    assert result.stderr == (
        f"osscheck: error: {BASELINE}: von einer neueren osscheck-Version geschrieben (osscheck-baseline/9); "
        "diese Version liest osscheck-baseline/1: osscheck aktualisieren\n"
    )


def test_a_handwritten_baseline_is_read(run, project):
    """The contract's form, keys in any order, an unknown extra key and a repeated entry."""
    entries = [
        {
            "path": "package-lock.json",
            "license": "SSPL-1.0",
            "component": purl(n),
            "rule": "denied-license",
            "note": "x",
        }
        for n in SSPL
    ]
    Path(BASELINE).write_text(
        json.dumps({"findings": [*entries, entries[0]], "schema": "osscheck-baseline/1"})
    )
    code, report = check_json(run)
    assert code == 1 and (report["baseline"]["known"], report["baseline"]["new"]) == (5, 25)


# --- the hook ----------------------------------------------------------------------------------


def test_the_hook_loads_the_baseline_only_when_given(project):
    Path("package-lock.json").write_text(consul_lock({n: "MIT" for n in UNKNOWN}))
    new_modules(project, "hook", ["package-lock.json"])  # the first run writes the snapshots
    code, modules = new_modules(project, "hook", ["package-lock.json"])
    assert code == 1 and not [m for m in modules if m.startswith("osscheck.baseline")]
    subprocess.run([sys.executable, "-m", "osscheck", "baseline", "write"], cwd=project, check=True)
    code, modules = new_modules(project, "hook", ["--baseline", BASELINE, "package-lock.json"])
    assert code == 0 and "osscheck.baseline.match" in modules
    assert "datetime" not in modules  # comparing needs no dates


def _commit(work: Path, message: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
    )
    env.pop("SOURCE_DATE_EPOCH", None)
    git(work, "add", "-A")
    return subprocess.run(
        ["git", "commit", "-m", message], cwd=work, capture_output=True, text=True, env=env, timeout=900
    )


def test_the_precommit_hook_with_a_baseline(run, tmp_path, hook_repo, tmp_path_factory, monkeypatch):  # noqa: F811
    repo, rev = hook_repo
    home = tmp_path_factory.mktemp("pre-commit-home")
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "-q")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: osscheck\n"
        f"        args: [--baseline, {BASELINE}]\n"
    )
    (work / "package-lock.json").write_text(consul_lock())
    monkeypatch.chdir(work)
    assert run("baseline", "write").exit_code == 0
    env = dict(os.environ, PRE_COMMIT_HOME=str(home))
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"], cwd=work, capture_output=True, env=env, check=True
    )

    first = _commit(work, "the project as it is, its 30 findings known", home)
    assert first.returncode == 0, first.stdout + first.stderr
    (work / "package-lock.json").write_text(consul_lock({ALLOWED[0]: "BUSL-1.1"}))
    refused = _commit(work, "a 31st denied component", home)
    shown = refused.stdout + refused.stderr
    assert refused.returncode != 0, shown
    assert f"{purl(ALLOWED[0])}@{_version(ALLOWED[0])}  BUSL-1.1\n" in shown  # the new one, unmarked
    assert "Baseline osscheck-baseline.json: 30 known, " in shown  # and new: it, and the hook's drift warning
    assert git(work, "rev-list", "--count", "HEAD").stdout.strip() == "1"

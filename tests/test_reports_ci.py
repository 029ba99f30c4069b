"""The CI formats, checked the way the tools that read them would: SARIF against the official OASIS
schema, JUnit XML as Jenkins and GitLab parse it, GitLab code quality with its required fields,
CSV as a spreadsheet reads it, Markdown as a job summary. One SBOM with an allowed, a denied, a
review and an exempted component (and one without any licence) runs through the real command line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DATA, cyclonedx

CI_FORMATS = ("sarif", "junit", "gitlab", "markdown", "csv")
SARIF_SCHEMA = DATA / "schemas" / "sarif-schema-2.1.0.json"
JUNIT_SCHEMA = DATA / "schemas" / "junit-10.xsd"

LICENCES = {
    "left-pad": "MIT",  # allowed
    "dbkit": "SSPL-1.0",  # denied: on the deny list
    "vendor-sdk": "LicenseRef-acme-eula",  # review: on this policy's review list
    "reportlib": "GPL-3.0-only",  # denied under EUPL-1.2, exempted by the register
    "mystery": None,  # unknown: denied
}


def _policy(folder: Path, expires: dt.date) -> Path:
    path = folder / "city.toml"
    path.write_text(
        f"""[policy]
extends = "public-code"
name = "city"

[licenses]
review = ["LicenseRef-acme-eula"]

[[exceptions]]
package = "pkg:npm/reportlib"
license = "GPL-3.0-only"
justification = "Needed by the specialised procedure; no alternative exists."
approved-by = "OSPO"
reference = "Ratsbeschluss 2026/17"
expires = {expires.isoformat()}
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A repository folder as CI checks it out: the working directory holds the SBOM and the policy."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    Path("bom.cdx.json").write_text(json.dumps(cyclonedx(LICENCES), indent=2), encoding="utf-8")
    _policy(tmp_path, dt.date.today() + dt.timedelta(days=60))
    return tmp_path


def check(run, fmt: str, *extra: str):
    return run("check", "bom.cdx.json", "-p", "city.toml", "-f", fmt, *extra)


def _statuses(run) -> dict[str, str]:
    report = check(run, "json").json
    return {c["name"]: c["status"] for c in report["components"]}


def test_the_scenario_has_every_verdict(run, project):
    assert _statuses(run) == {
        "left-pad": "allowed",
        "dbkit": "denied",
        "vendor-sdk": "review",
        "reportlib": "exempted",
        "mystery": "denied",
    }


# --- every format ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_same_input_gives_byte_identical_output(run, project, fmt):
    first = check(run, fmt)
    second = check(run, fmt)
    assert first.stdout and first.stdout == second.stdout
    assert first.stderr == ""


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_formats_do_not_change_exit_codes(run, project, fmt):
    assert check(run, fmt).exit_code == check(run, "text").exit_code == 1
    assert check(run, fmt, "--fail-on", "never").exit_code == 0
    assert check(run, fmt, "--fail-on", "review").exit_code == 1


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_output_file_is_the_same_as_stdout(run, project, fmt):
    target = project / f"report.{fmt}"
    assert check(run, fmt, "-o", target).exit_code == 1
    assert target.read_bytes() == check(run, fmt).stdout.encode("utf-8")


def test_formats_are_registered_and_documented(run):
    from osscheck import reports

    help_text = " ".join(run("check", "--help").stdout.split())
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    documented = readme.split("### Formats", 1)[1].split("\n### ", 1)[0]
    for fmt in CI_FORMATS:
        assert fmt in reports.FORMATS
        assert fmt in help_text
        assert f"- `{fmt}`" in documented


# --- SARIF -------------------------------------------------------------------------------------


def _validate_sarif(doc: dict) -> None:
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_sarif_is_valid_against_the_official_schema(run, project):
    doc = json.loads(check(run, "sarif").stdout)
    _validate_sarif(doc)
    assert doc["version"] == "2.1.0"
    assert json.loads(SARIF_SCHEMA.read_text())["id"].endswith("sarif-schema-2.1.0.json")


def test_sarif_has_what_github_code_scanning_needs(run, project):
    doc = json.loads(check(run, "sarif").stdout)
    (sarif_run,) = doc["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "osscheck" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for expected in (
        "denied-license",
        "incompatible-license",
        "unknown-license",
        "review-required",
        "low-confidence",
        "expired-exception",
        "outbound-not-osi",
        "missing-license-file",
    ):
        assert expected in ids
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")

    results = sarif_run["results"]
    by_component = {r["properties"]["purl"]: r for r in results if "purl" in r["properties"]}
    assert by_component["pkg:npm/dbkit@1.0.0"]["ruleId"] == "denied-license"
    assert by_component["pkg:npm/dbkit@1.0.0"]["level"] == "error"
    assert by_component["pkg:npm/mystery@1.0.0"]["ruleId"] == "unknown-license"
    assert by_component["pkg:npm/vendor-sdk@1.0.0"]["level"] == "warning"
    assert "pkg:npm/left-pad@1.0.0" not in by_component  # allowed: nothing to report
    assert by_component["pkg:npm/dbkit@1.0.0"]["properties"]["license"] == "SSPL-1.0"
    for result in results:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        assert result["message"]["text"]
        (location,) = result["locations"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": "bom.cdx.json", "uriBaseId": "%SRCROOT%"}
        assert location["physicalLocation"]["region"]["startLine"] >= 1
    (artifact,) = sarif_run["artifacts"]
    assert artifact["location"] == {"uri": "bom.cdx.json", "uriBaseId": "%SRCROOT%"}
    assert artifact["hashes"]["sha-256"] == check(run, "json").json["inputs"][0]["sha256"]
    # the line is where the component is declared in the SBOM
    lines = Path("bom.cdx.json").read_text().splitlines()
    dbkit_line = by_component["pkg:npm/dbkit@1.0.0"]["locations"][0]["physicalLocation"]["region"][
        "startLine"
    ]
    assert "dbkit" in "\n".join(lines[dbkit_line - 1 : dbkit_line + 3])


def test_sarif_exception_is_an_accepted_suppression(run, project):
    doc = json.loads(check(run, "sarif").stdout)
    exempted = [
        r for r in doc["runs"][0]["results"] if r["properties"].get("purl") == "pkg:npm/reportlib@1.0.0"
    ]
    (result,) = exempted
    assert result["ruleId"] == "exception-applied" and result["level"] == "note"
    (suppression,) = result["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"].startswith("Needed by the specialised procedure")


def test_sarif_fingerprints_are_unique_and_stable_across_runs_and_line_moves(run, project):
    def prints() -> dict[str, str]:
        doc = json.loads(check(run, "sarif").stdout)
        return {
            r["properties"]["purl"]: r["partialFingerprints"]["osscheck/v1"]
            for r in doc["runs"][0]["results"]
        }

    before = prints()
    assert len(set(before.values())) == len(before)
    # the same SBOM written compactly: every line moves, the alerts stay the same alerts
    Path("bom.cdx.json").write_text(json.dumps(cyclonedx(LICENCES), indent=4), encoding="utf-8")
    assert prints() == before


def test_sarif_location_outside_the_working_directory_is_an_absolute_uri(run, project, monkeypatch):
    elsewhere = project / "ci-workdir"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = run("check", project / "bom.cdx.json", "-p", project / "city.toml", "-f", "sarif")
    doc = json.loads(result.stdout)
    _validate_sarif(doc)
    uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"] == (project / "bom.cdx.json").as_uri()
    assert "uriBaseId" not in uri


def test_sarif_path_with_spaces_and_subfolder_is_a_valid_relative_uri(run, project):
    folder = project / "sub dir"
    folder.mkdir()
    (folder / "bom.cdx.json").write_text(json.dumps(cyclonedx({"dbkit": "SSPL-1.0"}), indent=2))
    doc = json.loads(run("check", "sub dir/bom.cdx.json", "-f", "sarif").stdout)
    _validate_sarif(doc)
    artifact = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "sub%20dir/bom.cdx.json", "uriBaseId": "%SRCROOT%"}


def test_sarif_project_finding_without_a_line_has_no_region(run, project):
    Path("bom.cdx.json").write_text(
        json.dumps(cyclonedx({"left-pad": "MIT"}, outbound="LicenseRef-city-licence"), indent=2)
    )
    result = run("check", "bom.cdx.json", "-f", "sarif")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    _validate_sarif(doc)
    (finding,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "outbound-not-osi"]
    physical = finding["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "bom.cdx.json"
    assert "region" not in physical or physical["region"]["startLine"] >= 1


def test_sarif_names_unreadable_inputs_as_tool_notifications(run, project):
    Path("broken.cdx.json").write_text('{"bomFormat": "CycloneDX", "components": [', encoding="utf-8")
    result = run("check", "bom.cdx.json", "broken.cdx.json", "-p", "city.toml", "-f", "sarif")
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    _validate_sarif(doc)
    (invocation,) = doc["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert "broken.cdx.json" in invocation["toolExecutionNotifications"][0]["message"]["text"]


# --- JUnit -------------------------------------------------------------------------------------


def _junit(run, *extra: str) -> ET.Element:
    return ET.fromstring(check(run, "junit", *extra).stdout.encode("utf-8"))


def _cases(root: ET.Element) -> list[ET.Element]:
    return [case for suite in root.iter("testsuite") for case in suite.iter("testcase")]


def test_junit_has_one_case_per_component_and_correct_counts(run, project):
    root = _junit(run)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert suites and all(s.get("name") for s in suites)
    cases = _cases(root)
    assert sorted(c.get("name") for c in cases) == sorted(f"pkg:npm/{n}@1.0.0" for n in LICENCES)
    for case in cases:
        assert case.get("classname") == "bom.cdx.json.npm"
    for element in [root, *suites]:
        counted = list(element.iter("testcase"))
        assert int(element.get("tests")) == len(counted)
        assert int(element.get("failures")) == sum(len(c.findall("failure")) for c in counted)
        assert int(element.get("errors")) == sum(len(c.findall("error")) for c in counted)
    for suite in suites:
        counted = list(suite.iter("testcase"))
        assert int(suite.get("skipped")) == sum(len(c.findall("skipped")) for c in counted)


def _validate_junit(text: str) -> None:
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(JUNIT_SCHEMA)))
    document = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(document), [str(e) for e in schema.error_log][:5]


@pytest.mark.parametrize("fail_on", ["denied", "review", "never"])
def test_junit_is_valid_against_the_jenkins_junit_schema(run, project, fail_on):
    _validate_junit(check(run, "junit", "--fail-on", fail_on).stdout)


def test_junit_failures_are_the_denied_components(run, project):
    root = _junit(run)
    denied = [n for n, s in _statuses(run).items() if s == "denied"]
    failed = {c.get("name"): c.find("failure") for c in _cases(root) if c.find("failure") is not None}
    assert int(root.get("failures")) == len(denied) == len(failed) == 2
    dbkit = failed["pkg:npm/dbkit@1.0.0"]
    assert dbkit.get("type") == "denied-license"
    assert dbkit.get("message").startswith("SSPL-1.0: ")
    assert "Replace the component" in dbkit.text
    assert failed["pkg:npm/mystery@1.0.0"].get("type") == "unknown-license"


def test_junit_review_is_skipped_unless_fail_on_review(run, project):
    def case(root: ET.Element, name: str) -> ET.Element:
        return next(c for c in _cases(root) if c.get("name") == f"pkg:npm/{name}@1.0.0")

    skipped = case(_junit(run), "vendor-sdk").find("skipped")
    assert skipped is not None and "LicenseRef-acme-eula" in skipped.get("message")
    strict = _junit(run, "--fail-on", "review")
    failure = case(strict, "vendor-sdk").find("failure")
    assert failure is not None and failure.get("type") == "review-required"
    assert int(strict.get("failures")) == 3
    assert not [c for c in _cases(strict) if c.find("skipped") is not None]


def test_junit_exempted_passes_and_names_the_justification(run, project):
    case = next(c for c in _cases(_junit(run)) if c.get("name") == "pkg:npm/reportlib@1.0.0")
    assert case.find("failure") is None and case.find("skipped") is None
    out = case.find("system-out").text
    assert "Needed by the specialised procedure" in out
    assert "Ratsbeschluss 2026/17" in out and "expires: " in out


def test_junit_timestamp_only_with_source_date_epoch(run, project, monkeypatch):
    assert "timestamp" not in check(run, "junit").stdout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root = _junit(run)
    assert {s.get("timestamp") for s in root.findall("testsuite")} == {"2026-01-01T00:00:00"}


def test_junit_escapes_markup_and_control_characters_from_inputs(run, project):
    nasty = "a<b>&\"c'\x01\x1b]"
    doc = cyclonedx({"dbkit": "SSPL-1.0"})
    doc["components"][0]["name"] = nasty
    doc["components"][0]["purl"] = None
    doc["components"][0]["licenses"] = [{"license": {"name": "Proprietary </failure> & \x07 EULA"}}]
    Path("bom.cdx.json").write_text(json.dumps(doc), encoding="utf-8")
    result = check(run, "junit")
    _validate_junit(result.stdout)  # well-formed and valid despite the input
    root = ET.fromstring(result.stdout.encode("utf-8"))
    (case,) = [c for c in _cases(root) if c.get("classname") != "osscheck.project"]
    assert case.get("name").startswith("a<b>&\"c'")
    assert case.find("failure") is not None


def test_junit_project_findings_and_unreadable_inputs_have_their_own_suite(run, project):
    Path("bom.cdx.json").write_text(
        json.dumps(cyclonedx({"left-pad": "MIT"}, outbound="LicenseRef-city-licence"), indent=2)
    )
    Path("broken.cdx.json").write_text("{", encoding="utf-8")
    result = run("check", "bom.cdx.json", "broken.cdx.json", "-f", "junit")
    assert result.exit_code == 2
    _validate_junit(result.stdout)
    root = ET.fromstring(result.stdout.encode("utf-8"))
    project_suite = next(s for s in root.findall("testsuite") if s.get("name") == "osscheck: project")
    failures = [c.find("failure") for c in project_suite.iter("testcase") if c.find("failure") is not None]
    assert [f.get("type") for f in failures] == ["outbound-not-osi"]
    assert int(project_suite.get("errors")) == 1
    assert int(root.get("errors")) == 1


# --- GitLab code quality -----------------------------------------------------------------------

_GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def test_gitlab_code_quality_has_the_required_fields(run, project):
    issues = json.loads(check(run, "gitlab").stdout)
    assert isinstance(issues, list)
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in _GITLAB_SEVERITIES
        assert issue["location"]["path"] == "bom.cdx.json"
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert issue["location"]["lines"]["begin"] >= 1
    by_check = {}
    for issue in issues:
        by_check.setdefault(issue["check_name"], []).append(issue)
    assert sorted(by_check) == ["denied-license", "review-required", "unknown-license"]
    assert by_check["denied-license"][0]["severity"] == "critical"
    assert by_check["review-required"][0]["severity"] == "major"
    assert "dbkit" in by_check["denied-license"][0]["description"]
    # an exempted component is not an issue to fix
    assert not any("reportlib" in i["description"] for i in issues)


def test_gitlab_fingerprints_are_unique_and_stable(run, project):
    first = [i["fingerprint"] for i in json.loads(check(run, "gitlab").stdout)]
    assert len(first) == len(set(first))
    Path("bom.cdx.json").write_text(json.dumps(cyclonedx(LICENCES)), encoding="utf-8")  # lines move
    assert [i["fingerprint"] for i in json.loads(check(run, "gitlab").stdout)] == first


def test_gitlab_paths_are_relative_to_the_repository_root(run, project):
    folder = project / "frontend"
    folder.mkdir()
    (folder / "bom.cdx.json").write_text(json.dumps(cyclonedx({"dbkit": "SSPL-1.0"}), indent=2))
    issues = json.loads(run("check", "./frontend", "-f", "gitlab").stdout)
    assert {i["location"]["path"] for i in issues} == {"frontend/bom.cdx.json"}
    issues = json.loads(run("check", project / "frontend" / "bom.cdx.json", "-f", "gitlab").stdout)
    assert {i["location"]["path"] for i in issues} == {"frontend/bom.cdx.json"}


def test_gitlab_report_of_a_clean_project_is_an_empty_array(run, project):
    Path("bom.cdx.json").write_text(json.dumps(cyclonedx({"left-pad": "MIT"})), encoding="utf-8")
    result = run("check", "bom.cdx.json", "-f", "gitlab")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


# --- CSV ---------------------------------------------------------------------------------------

_HEADER = [
    "name",
    "version",
    "purl",
    "scope",
    "declared",
    "observed",
    "license",
    "chosen",
    "category",
    "status",
    "obligations",
    "exception justification",
    "exception expiry",
    "location path",
    "line",
]


def test_csv_is_one_rfc4180_row_per_component(run, project):
    text = check(run, "csv").stdout
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == _HEADER
    body = [dict(zip(_HEADER, r, strict=True)) for r in rows[1:]]
    assert len(body) == len(LICENCES)
    assert [r["name"] for r in body] == sorted(LICENCES)  # the report's stable order
    by_name = {r["name"]: r for r in body}
    assert by_name["dbkit"]["status"] == "denied" and by_name["dbkit"]["license"] == "SSPL-1.0"
    assert by_name["mystery"]["license"] == "" and by_name["mystery"]["category"] == "unknown"
    exempted = by_name["reportlib"]
    assert exempted["status"] == "exempted"
    assert exempted["exception justification"].startswith("Needed by the specialised procedure")
    assert exempted["exception expiry"] == (dt.date.today() + dt.timedelta(days=60)).isoformat()
    assert by_name["left-pad"]["location path"] == "bom.cdx.json"
    assert int(by_name["left-pad"]["line"]) >= 1
    assert "attribution" in by_name["left-pad"]["obligations"]


def test_csv_quotes_and_guards_cells(run, project):
    doc = cyclonedx({"dbkit": "SSPL-1.0", "left-pad": "MIT"})
    doc["components"][0]["name"] = '=HYPERLINK("http://x","a, b")'
    doc["components"][0]["purl"] = None
    doc["components"][1]["name"] = "@scope/left-pad"
    doc["components"][1]["purl"] = "pkg:npm/%40scope/left-pad@1.0.0"
    Path("bom.cdx.json").write_text(json.dumps(doc), encoding="utf-8")
    rows = list(csv.reader(io.StringIO(check(run, "csv").stdout, newline="")))
    names = sorted(r[0] for r in rows[1:])
    assert names == ['\'=HYPERLINK("http://x","a, b")', "@scope/left-pad"]


def test_csv_headers_follow_the_language(run, project):
    rows = list(csv.reader(io.StringIO(check(run, "csv", "--lang", "de").stdout, newline="")))
    assert rows[0][:3] == ["Name", "Version", "purl"]
    assert "Lizenz" in rows[0] and "Begründung der Ausnahme" in rows[0]
    assert len(rows) == len(LICENCES) + 1
    status = rows[0].index("Status")
    assert {r[status] for r in rows[1:]} == {"allowed", "denied", "review", "exempted"}  # codes stay codes


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_summary_names_the_problems(run, project):
    text = check(run, "markdown").stdout
    first = text.splitlines()[0]
    assert first.startswith("## ") and "failed" in first
    assert "| Status | Count |" in text
    problems = text.split("### Problems")[1].split("###")[0]
    assert "`pkg:npm/dbkit@1.0.0`" in problems and "`SSPL-1.0`" in problems
    assert "`bom.cdx.json:" in problems
    assert "on the policy's deny list" in problems and "Replace the component" in problems
    assert "`pkg:npm/vendor-sdk@1.0.0`" in problems and "`pkg:npm/mystery@1.0.0`" in problems
    assert "left-pad" not in problems and "reportlib" not in problems
    exceptions = text.split("Accepted by exception")[1].split("<details>")[0]
    assert "reportlib" in exceptions and "Needed by the specialised procedure" in exceptions
    assert (dt.date.today() + dt.timedelta(days=60)).isoformat() in exceptions
    details = text.split("<details>")[1].split("</details>")[0]
    assert "<summary>" in details and "`pkg:npm/left-pad@1.0.0`" in details


def test_markdown_passed_title_for_a_clean_project(run, project):
    Path("bom.cdx.json").write_text(json.dumps(cyclonedx({"left-pad": "MIT"})), encoding="utf-8")
    text = run("check", "bom.cdx.json", "-f", "markdown").stdout
    assert "passed" in text.splitlines()[0]
    assert "### Problems" not in text


def test_markdown_in_german(run, project):
    text = check(run, "markdown", "--lang", "de").stdout
    assert "nicht bestanden" in text.splitlines()[0]
    assert "### Probleme" in text and "Per Ausnahme erlaubt" in text
    assert "Begründung" in text and "Gültig bis" in text and "Erlaubte Komponenten" in text


def test_markdown_escapes_what_inputs_bring(run, project):
    doc = cyclonedx({"dbkit": "SSPL-1.0"})
    doc["components"][0]["name"] = "evil|<img src=x onerror=alert(1)>`name"
    doc["components"][0]["purl"] = None
    Path("bom.cdx.json").write_text(json.dumps(doc), encoding="utf-8")
    text = check(run, "markdown").stdout
    row = next(line for line in text.splitlines() if "evil" in line)
    cells = _split_row(row)
    assert len(cells) == 6  # the | in the name did not open a new column
    assert "<img" not in row.replace("`evil\\|<img", "")  # only inside a code span, where it is literal


def _split_row(row: str) -> list[str]:
    cells, current, i = [], "", 0
    body = row.strip()[1:-1]
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            current += body[i : i + 2]
            i += 2
            continue
        if body[i] == "|":
            cells.append(current)
            current = ""
        else:
            current += body[i]
        i += 1
    cells.append(current)
    return cells


def test_markdown_stays_below_the_job_summary_limit(run, project):
    many = {f"unlicensed-{i:04d}": None for i in range(2500)}
    Path("bom.cdx.json").write_text(json.dumps(cyclonedx(many)), encoding="utf-8")
    text = run("check", "bom.cdx.json", "-f", "markdown").stdout
    assert len(text.encode("utf-8")) < 1024 * 1024  # GitHub's cap for a job summary
    assert "### Problems (2500)" in text
    assert "more: use --verbose, or --format csv" in text
    full = run("check", "bom.cdx.json", "-f", "markdown", "--verbose").stdout
    assert all(f"`pkg:npm/unlicensed-{i:04d}@1.0.0`" in full for i in (0, 1249, 2499))


def test_expired_exception_is_reported_at_the_policy_line(run, project):
    _policy(project, dt.date.today() - dt.timedelta(days=1))
    doc = json.loads(check(run, "sarif").stdout)
    _validate_sarif(doc)
    (expired,) = [r for r in doc["runs"][0]["results"] if r["ruleId"] == "expired-exception"]
    physical = expired["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "city.toml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"]["startLine"] == 8  # the [[exceptions]] entry
    assert expired["level"] == "error"
    issues = json.loads(check(run, "gitlab").stdout)
    (issue,) = [i for i in issues if i["check_name"] == "expired-exception"]
    assert issue["location"] == {"path": "city.toml", "lines": {"begin": 8}}
    failure = next(c for c in _cases(_junit(run)) if c.get("name") == "pkg:npm/reportlib@1.0.0").find(
        "failure"
    )
    assert failure is not None and "expired" in failure.text
    assert "expired on" in check(run, "markdown").stdout


def test_sarif_of_unusual_locations_and_new_rules_is_still_valid(project):
    from osscheck.model import Finding, Location, Severity
    from osscheck.report import Report
    from osscheck.reports import sarif

    findings = [
        Finding("unused-exception", Severity.NOTE, "unused", location=Location("builtin:public-code", 3)),
        Finding("missing-license-file", Severity.ERROR, "no LICENSE", location=Location("C:\\repo\\app")),
        Finding("some-future-rule", Severity.WARNING, "new kind of finding", "do this"),
        Finding("missing-sbom", Severity.WARNING, "no SBOM", location=Location("bom.cdx.json", 0)),
    ]
    report = Report(
        tool_version="0.1.0",
        policy_name="public-code",
        policy_title="",
        policy_source=None,
        policy_digest=None,
        context="distribution",
        outbound="EUPL-1.2",
        outbound_source="policy",
        inputs=[],
        components=[],
        findings=findings,
    )
    doc = json.loads(sarif.render(report))
    _validate_sarif(doc)
    results = doc["runs"][0]["results"]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results if "locations" in r
    ]
    assert uris == ["builtin:public-code", "file:///C:/repo/app", "bom.cdx.json"]
    assert "region" not in results[3]["locations"][0]["physicalLocation"]  # line 0: not known
    rules = [r["id"] for r in doc["runs"][0]["tool"]["driver"]["rules"]]
    assert results[2]["ruleId"] == "some-future-rule" == rules[results[2]["ruleIndex"]]


def test_output_does_not_depend_on_the_process(project):
    """Two separate interpreters with different hash seeds: no set or dict order leaks into a report."""
    import os
    import subprocess
    import sys

    def once(seed: str) -> list[bytes]:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        env.pop("SOURCE_DATE_EPOCH", None)
        outputs = []
        for fmt in CI_FORMATS:
            done = subprocess.run(
                [sys.executable, "-m", "osscheck", "check", "bom.cdx.json", "-p", "city.toml", "-f", fmt],
                capture_output=True,
                env=env,
                timeout=120,
            )
            assert done.returncode == 1, done.stderr
            outputs.append(done.stdout)
        return outputs

    assert once("1") == once("2")


def test_every_ci_format_is_valid_for_a_folder_without_inputs(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    outputs = {fmt: run("check", "-f", fmt) for fmt in CI_FORMATS}
    # finding nothing to check is no passed check (exit 2), but the report is still valid
    assert {r.exit_code for r in outputs.values()} == {2}
    _validate_sarif(json.loads(outputs["sarif"].stdout))
    _validate_junit(outputs["junit"].stdout)
    assert json.loads(outputs["gitlab"].stdout) == []
    assert list(csv.reader(io.StringIO(outputs["csv"].stdout, newline=""))) == [_HEADER]
    assert "No inputs found" in outputs["markdown"].stdout

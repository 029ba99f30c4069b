"""The command line contracts: formats, errors, explain, exit codes."""

import json
import subprocess
import sys

import pytest

from conftest import DATA, package_lock


def test_json_report_has_the_documented_shape(run, sbom):
    result = run("check", sbom({"a": "MIT", "b": "SSPL-1.0"}), "-f", "json")
    doc = result.json
    assert doc["schema"] == "osscheck-report/1"
    assert doc["tool"]["name"] == "osscheck"
    assert doc["policy"] == doc["policy"] | {
        "name": "public-code",
        "outbound": "EUPL-1.2",
        "context": "distribution",
    }
    assert doc["inputs"][0]["format"] == "cyclonedx-json" and doc["inputs"][0]["components"] == 2
    a, b = doc["components"]
    assert set(a) >= {
        "name",
        "version",
        "purl",
        "declared",
        "license",
        "method",
        "confidence",
        "chosen",
        "category",
        "status",
        "location",
    }
    assert (a["name"], a["status"], a["category"]) == ("a", "allowed", "permissive")
    assert (b["name"], b["status"]) == ("b", "denied")
    assert b["location"]["line"] is not None
    denied = [f for f in doc["findings"] if f["component"] == "pkg:npm/b@1.0.0"]
    assert denied and denied[0]["severity"] == "error" and denied[0]["hint"]
    assert doc["summary"] == {
        "components": 2,
        "allowed": 1,
        "review": 0,
        "denied": 1,
        "exempted": 0,
        "ignored": 0,
        "unknown": 0,
        "passed": False,
    }


def test_text_report_says_what_where_why_and_what_to_do(run, tmp_path):
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT", "mongo-thing": "SSPL-1.0"}))
    result = run("check", tmp_path)
    assert result.exit_code == 1
    text = result.stdout
    assert "DENIED (1)" in text
    assert "pkg:npm/mongo-thing@1.0.0  SSPL-1.0" in text
    assert "package-lock.json:" in text
    assert "hint:" in text
    assert "Summary: 2 components" in text


def test_text_report_in_german(run, sbom):
    result = run("check", sbom({"a": "SSPL-1.0"}), "--lang", "de")
    assert "VERBOTEN (1)" in result.stdout and "Zusammenfassung" in result.stdout


def test_output_is_byte_identical_across_runs(run, sbom):
    path = sbom({"b": "MIT", "a": "GPL-3.0-only", "c": None})
    first = run("check", path, "-f", "json").stdout
    assert first == run("check", path, "-f", "json").stdout
    assert run("check", path).stdout == run("check", path).stdout


def test_output_file(run, sbom, tmp_path):
    out = tmp_path / "report.json"
    result = run("check", sbom({"a": "MIT"}), "-f", "json", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["summary"]["passed"] is True


def test_explain_names_the_chosen_branch(run):
    result = run("explain", "MIT OR GPL-3.0-only", "-f", "json")
    doc = result.json
    assert doc["status"] == "allowed" and doc["chosen"] == "MIT"
    gpl = next(t for t in doc["terms"] if t["license"] == "GPL-3.0-only")
    assert gpl["status"] == "denied" and "EUPL-1.2" in gpl["reason"] and not gpl["chosen"]
    text = run("explain", "MIT OR GPL-3.0-only").stdout
    assert "chosen: MIT" in text and "rejected" in text


def test_normalize_json_contract(run):
    doc = run("normalize", "-f", "json", "mit", "NOASSERTION").json
    assert doc[0] == {"input": "mit", "license": "MIT", "method": "spdx-corrected", "confidence": 0.95}
    assert doc[1]["license"] is None


def test_bad_command_lines_give_one_error_line(run, sbom):
    for args in (
        ("check", "--format", "pdf", sbom({"a": "MIT"})),
        ("check", "--fail-on", "sometimes"),
        ("check", "/no/such/file.json"),
        ("check", "--policy", "no-such-policy"),
        ("check", "--outbound", "MIT AND", sbom({"a": "MIT"})),
        ("explain", "(MIT"),
        ("frobnicate",),
    ):
        result = run(*args)
        assert result.exit_code == 2, (args, result)
        assert result.stderr.startswith("osscheck: error:"), (args, result.stderr)
        assert result.stderr.count("\n") == 1, (args, result.stderr)


def test_a_bad_file_does_not_hide_the_good_one(run, sbom, tmp_path):
    good = sbom({"a": "SSPL-1.0"})
    bad = tmp_path / "broken.cdx.json"
    bad.write_text('{"bomFormat": "CycloneDX", "components": [')
    result = run("check", good, bad, "-f", "json")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"osscheck: error: {bad}:1: not valid JSON")
    assert result.json["components"][0]["name"] == "a"


def test_real_entry_point_without_traceback(tmp_path):
    bad = tmp_path / "bom.cdx.json"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    proc = subprocess.run(
        [sys.executable, "-m", "osscheck", "check", str(bad)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("osscheck: error:") and "Traceback" not in proc.stderr


def test_reads_real_inputs(run):
    doc = run(
        "check", DATA / "spdx" / "SPDXJSONExample-v2.3.spdx.json", "-p", "internal-use", "-f", "json"
    ).json
    assert doc["inputs"][0]["format"] == "spdx-json"
    assert len(doc["components"]) == 4  # four packages; the described one is also the project
    doc = run("check", DATA / "cyclonedx" / "valid-bom-1.6.json", "-p", "internal-use", "-f", "json").json
    assert len(doc["components"]) == 3


def test_german_reports_translate_the_reasons_and_hints_too(run, sbom):
    path = sbom({"a": "GPL-3.0-only", "b": None})
    text = run("check", path, "--lang", "de").stdout
    assert "GPL-3.0-only ist starkes Copyleft und darf nicht unter EUPL-1.2 verbreitet werden" in text
    assert "keine Lizenz ermittelbar" in text and "Ausnahme mit Begründung eintragen" in text
    assert "cannot be distributed" not in text and "record an exception" not in text
    markdown = run("check", path, "--lang", "de", "-f", "markdown").stdout
    assert "darf nicht unter EUPL-1.2 verbreitet werden" in markdown
    explained = run("explain", "MIT OR GPL-3.0-only", "--lang", "de").stdout
    assert "permissiv: nach der Richtlinie erlaubt" in explained


def test_a_folder_search_finds_sboms_by_content_when_the_name_only_hints(run, tmp_path):
    from conftest import cyclonedx

    (tmp_path / "app-sbom-2.1.json").write_text(json.dumps(cyclonedx({"a": "MIT"})))
    (tmp_path / "bombastic.json").write_text('{"not": "an SBOM"}')
    result = run("check", tmp_path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [i["path"].rsplit("/", 1)[-1] for i in result.json["inputs"]] == ["app-sbom-2.1.json"]


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        (["evidence", "verify"], "Usage: osscheck evidence verify [OPTIONS] FOLDER"),
        (["portfolio", "history"], "Usage: osscheck portfolio history [OPTIONS] PATH"),
    ],
)
def test_a_subcommand_of_a_command_with_arguments_has_its_own_usage_line(run, command, usage):
    assert run(*command, "--help").stdout.splitlines()[0] == usage

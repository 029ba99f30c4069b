"""osscheck portfolio (issue 13): many projects' reports, one document; every figure counted again here."""

from __future__ import annotations

import csv as _csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from conftest import DATA, cyclonedx, write
from osscheck.licenses.catalog import CATEGORIES

TODAY = "2026-12-03"
PROJECTS = ("npm-consul", "python-ckan", "cargo-ripgrep", "cyclonedx", "python-poetry")
OPEN = {"permissive", "public-domain", "weak-copyleft", "strong-copyleft", "network-copyleft"}

POLICY = """
[policy]
extends = "public-code"
name = "stadt-test"

[[exceptions]]
package = "pkg:npm/busl-a"
license = "BUSL-1.1"
justification = "Needed for the test."
approved-by = "OSPO"
reference = "Ratsbeschluss 2026/17"
expires = 2026-12-20

[[exceptions]]
package = "pkg:npm/gone"
justification = "Old."
expires = 2026-01-01
"""


@pytest.fixture
def reports(run, tmp_path, monkeypatch):
    """Reports of several tests/data projects and one with exceptions, made by ``osscheck check -f json``."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795132800")  # 2026-11-20
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in PROJECTS:
        result = run("check", DATA / name, "-f", "json", "--fail-on", "never", "-o", folder / f"{name}.json")
        assert result.exit_code == 0, result.stderr
    policy = write(tmp_path / "policy.toml", POLICY)
    bom = tmp_path / "special" / "bom.cdx.json"
    bom.parent.mkdir()
    doc = cyclonedx({"busl-a": "BUSL-1.1", "busl-b": "BUSL-1.1", "left-pad": "MIT", "nolicence": None})
    doc["metadata"]["component"]["name"] = "special"
    bom.write_text(json.dumps(doc))
    out = folder / "special.json"
    result = run("check", bom, "-p", policy, "-f", "json", "--fail-on", "never", "-o", out)
    assert result.exit_code == 0, result.stderr
    return folder


def _portfolio(run, *args):
    result = run("portfolio", *args, "-f", "json", "--today", TODAY)
    return result, (json.loads(result.stdout) if result.stdout else None)


def _expected(report: dict) -> dict:
    """The project's figures, counted from its report's JSON."""
    comps = report["components"]
    status = Counter(c["status"] for c in comps)
    category = Counter(c["category"] or "unknown" for c in comps)
    justify = [c for c in comps if c["category"] in ("proprietary", "source-available")]
    return {
        "components": len(comps),
        "by_status": {s: status[s] for s in ("allowed", "review", "denied", "exempted", "ignored")},
        "by_category": {k: category[k] for k in CATEGORIES},
        "unknown": sum(1 for c in comps if c["license"] is None),
        "findings": {
            s: sum(1 for f in report["findings"] if f["severity"] == s) for s in ("error", "warning", "note")
        },
        "justified": sum(1 for c in justify if c["status"] == "exempted"),
        "unjustified": sum(1 for c in justify if c["status"] != "exempted"),
        # the verdict at the default gate, whatever --fail-on wrote the report
        "passed": not report["errors"]
        and not any(c["status"] == "denied" for c in comps)
        and not any(f["severity"] == "error" for f in report["findings"]),
        "policy": report["policy"]["name"],
        "outbound": report["policy"]["outbound"],
        "sbom_published": any(i["format"].startswith(("cyclonedx-", "spdx-")) for i in report["inputs"]),
        "date": report["date"],
    }


def test_every_figure_matches_a_count_of_the_reports(run, reports):
    result, doc = _portfolio(run, reports)
    assert result.exit_code == 0, result.stderr
    own = {p.stem: json.loads(p.read_text()) for p in reports.glob("*.json")}
    by_name = {r["project"]["name"]: r for r in own.values()}
    assert len(by_name) == len(own) == 6
    assert doc["schema"] == "osscheck-portfolio/1" and doc["date"] == TODAY
    assert [p["name"] for p in doc["projects"]] == sorted(by_name)
    assert [i["path"] for i in doc["inputs"]] == sorted(i["path"] for i in doc["inputs"])
    for project in doc["projects"]:
        expected = _expected(by_name[project["name"]])
        for key, value in expected.items():
            assert project[key] == value, (project["name"], key)
        assert project["checked"] is True and project["age_days"] == 13 and project["stale"] is False
        denied, review = project["by_status"]["denied"], project["by_status"]["review"]
        assert project["publishable"] == (expected["passed"] and not denied and not review)

    totals = doc["totals"]
    every = [c for r in own.values() for c in r["components"]]
    judged = [c for c in every if c["status"] != "ignored"]
    assert totals["projects"] == totals["checked"] == 6 and totals["not_checked"] == 0
    assert totals["components"] == len(every)
    assert totals["by_category"] == {
        k: sum(1 for c in every if (c["category"] or "unknown") == k) for k in CATEGORIES
    }
    assert totals["violations"] == sum(1 for c in every if c["status"] == "denied")
    assert totals["open_source_share"] == round(
        sum(1 for c in judged if c["category"] in OPEN) / len(judged), 4
    )
    assert totals["passed"] == sum(1 for r in own.values() if _expected(r)["passed"])
    # written with --fail-on never, every report says passed; a denied component fails here all the same
    assert all(r["summary"]["passed"] for r in own.values()) and totals["passed"] < 6
    assert totals["failed"] == 6 - totals["passed"]
    for category in CATEGORIES:
        users = sum(
            1 for r in own.values() if any((c["category"] or "unknown") == category for c in r["components"])
        )
        assert totals["projects_by_category"][category] == users
    # the special project: one BUSL component exempted, one not; two exceptions in the register
    special = next(p for p in doc["projects"] if p["name"] == "special")
    assert (special["justified"], special["unjustified"]) == (1, 1)
    assert totals["justified"] == 1 and totals["unjustified"] >= 1
    assert special["exceptions"] == {"in_force": 1, "expiring_30": 1, "expiring_90": 1, "expired": 1}
    assert special["policy"] == "stadt-test"
    register = [(r["package"], r["expires"], r["days_left"], r["state"]) for r in doc["register"]]
    assert register == [
        ("pkg:npm/gone", "2026-01-01", -336, "expired"),
        ("pkg:npm/busl-a", "2026-12-20", 17, "expiring"),
    ]
    assert doc["register"][1]["approved-by"] == "OSPO"

    licences = Counter()
    for r in own.values():
        licences.update({c["license"] for c in r["components"]})
    assert {row["license"]: row["projects"] for row in doc["licenses"]} == dict(licences)
    keys = [(-row["projects"], row["license"] is None, row["license"] or "") for row in doc["licenses"]]
    assert keys == sorted(keys)
    shared = Counter()
    for r in own.values():
        shared.update({(c["purl"] or "").rsplit("@", 1)[0] or c["name"] for c in r["components"]})
    assert {c["component"]: c["projects"] for c in doc["components"]} == {
        k: n for k, n in shared.items() if n >= 2
    }
    assert doc["errors"] == [] and doc["notes"] == []


def test_the_report_gains_date_project_and_register(run, reports):
    special = json.loads((reports / "special.json").read_text())
    assert special["date"] == "2026-11-20"
    assert special["project"] == {"name": "special", "version": "1"}
    assert [(e["package"], e["state"], e["line"]) for e in special["register"]] == [
        ("pkg:npm/busl-a", "in-force", 5),
        ("pkg:npm/gone", "expired", 13),
    ]


def test_an_unreadable_report_is_one_error_line_and_the_others_count(run, reports):
    (reports / "bad.json").write_text("{broken")
    (reports / "other.json").write_text(json.dumps({"schema": "something/1"}))
    (reports / "newer.json").write_text(json.dumps({"schema": "osscheck-report/2"}))
    (reports / "wrong.json").write_text(json.dumps({"schema": "osscheck-report/1", "components": 3}))
    special = json.loads((reports / "special.json").read_text())
    for name, key, value in (
        ("listed", "license", ["MIT"]),
        ("numbered", "status", 1),
        ("named", "purl", {}),
    ):
        broken = json.loads(json.dumps(special))
        broken["components"][1][key] = value
        (reports / f"{name}.json").write_text(json.dumps(broken))
    result, doc = _portfolio(run, reports)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 7 and all(line.startswith("osscheck: error: ") for line in lines)
    for name, key in (("listed", "components"), ("numbered", "status"), ("named", "components")):
        assert any(
            f"{name}.json" in line and f": {key} is missing or has the wrong type" in line for line in lines
        )
    assert "Traceback" not in result.stderr
    for name, words in (("bad", "not valid JSON"), ("other", "not an osscheck report"), ("newer", "newer")):
        assert any(f"{name}.json" in line and words in line for line in lines), name
    assert any("wrong.json" in line and "is missing or has the wrong type" in line for line in lines)
    assert len(doc["errors"]) == 7 and doc["totals"]["checked"] == 6


def test_two_reports_of_one_project_the_newer_counts(run, reports, tmp_path):
    old = json.loads((reports / "special.json").read_text())
    old["date"] = "2026-10-01"
    old["components"] = old["components"][:1]
    (reports / "special-old.json").write_text(json.dumps(old))
    result, doc = _portfolio(run, reports)
    assert result.exit_code == 0
    special = next(p for p in doc["projects"] if p["name"] == "special")
    assert special["components"] == 4 and special["date"] == "2026-11-20"
    assert len(doc["inputs"]) == 7
    assert len(doc["notes"]) == 1 and "special-old.json" in doc["notes"][0] and "older" in doc["notes"][0]


def test_projects_toml_names_owners_and_a_project_without_report(run, reports, tmp_path):
    toml = write(
        tmp_path / "portfolio.toml",
        """
        [[project]]
        name = "special"
        office = "Amt 10"
        contact = "ospo@example.org"
        repository = "https://git.example.org/special"
        application = "Bürgerservice"
        policy = "public-code"
        report = "reports/special.json"

        [[project]]
        name = "forgotten"
        office = "Amt 32"
        """,
    )
    result, doc = _portfolio(run, "--projects", toml)
    assert result.exit_code == 0, result.stderr
    special, forgotten = doc["projects"][1], doc["projects"][0]
    assert forgotten["name"] == "forgotten" and forgotten["checked"] is False and forgotten["components"] == 0
    assert special["office"] == "Amt 10" and special["policy_matches"] is False
    assert special["expected_policy"] == "public-code"
    assert doc["totals"]["not_checked"] == 1 and doc["totals"]["checked"] == 1

    result, public = _portfolio(run, "--projects", toml, "--public")
    special = public["projects"][1]
    assert special["office"] is special["contact"] is special["repository"] is None
    assert special["application"] == "Bürgerservice" and special["name"] == "special"
    assert all(r["approved-by"] is None and r["reference"] is None for r in public["register"])
    assert "Amt 10" not in json.dumps(public) and "OSPO" not in json.dumps(public)


def test_a_broken_projects_toml_is_an_error_at_its_line(run, reports, tmp_path):
    toml = write(tmp_path / "portfolio.toml", '[[project]]\nname = "a"\nowner = "x"\n')
    result = run("portfolio", reports, "--projects", toml, "-f", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == f"osscheck: error: {toml}:3: unknown key owner (known: {', '.join(KEYS)})"


KEYS = ("name", "repository", "office", "application", "contact", "policy", "report")


def test_csv_and_markdown(run, reports):
    csv = run("portfolio", reports, "-f", "csv", "--today", TODAY)
    rows = csv.stdout.split("\r\n")
    assert csv.exit_code == 0 and rows[0].startswith("name,repository,office,")
    assert len([r for r in rows if r]) == 7 and any(r.startswith("special,") for r in rows)
    components = run("portfolio", reports, "-f", "csv-components", "--today", TODAY)
    header, *table = list(_csv.reader(io.StringIO(components.stdout)))
    assert header == ["component", "projects", "licenses", "used by"]
    # every component of every report, counted here from the reports themselves
    users: dict[str, set[str]] = {}
    licences: dict[str, set[str]] = {}
    for file in reports.glob("*.json"):
        report = json.loads(file.read_text())
        for c in report["components"]:
            key = (c["purl"] or "").split("?")[0].rsplit("@", 1)[0] or c["name"]
            users.setdefault(key, set()).add(report["project"]["name"])
            licences.setdefault(key, set()).update({c["license"]} - {None})
    assert {row[0]: (int(row[1]), row[2], row[3]) for row in table} == {
        key: (len(names), "; ".join(sorted(licences[key])), "; ".join(sorted(names)))
        for key, names in users.items()
    }
    assert [row[0] for row in table] == sorted(users, key=lambda key: (-len(users[key]), key))
    markdown = run("portfolio", reports, "-f", "markdown", "--today", TODAY)
    assert markdown.stdout.startswith("# Open source portfolio\n") and "| special |" in markdown.stdout
    assert "## Justification register" in markdown.stdout and "`pkg:npm/busl-a`" in markdown.stdout
    german = run("portfolio", reports, "-f", "markdown", "--today", TODAY, "--lang", "de")
    assert german.stdout.startswith("# Open-Source-Portfolio\n")
    for word in ("Begründungsregister", "Open-Source-Anteil", "Lizenzen", "abgelaufen", "läuft bald ab"):
        assert word in german.stdout, word
    assert "Justification" not in german.stdout


def test_two_runs_are_byte_identical(run, reports, tmp_path):
    for fmt in ("json", "csv", "csv-components", "markdown"):
        first = run("portfolio", reports, "-f", fmt, "--today", TODAY).stdout
        second = run("portfolio", reports, "-f", fmt, "--today", TODAY).stdout
        assert first == second and first, fmt


def test_the_library_function(reports):
    import osscheck

    doc = osscheck.portfolio([reports], today=TODAY)
    assert doc["totals"]["checked"] == 6
    import osscheck.portfolio

    assert osscheck.portfolio([Path(reports)], today=TODAY) == doc  # the package is callable too


def test_usage_errors(run, tmp_path):
    result = run("portfolio", "-f", "json")
    assert result.exit_code == 2 and "no reports given" in result.stderr
    result = run("portfolio", tmp_path, "--today", "tomorrow", "-f", "json")
    assert result.exit_code == 2 and "--today" in result.stderr
    result = run("portfolio", tmp_path / "missing.json", "-f", "json")
    assert result.exit_code == 2 and "no such file or folder" in result.stderr


def test_the_history_command_lists_and_compares_runs(run, reports, tmp_path):
    history = tmp_path / "h.sqlite"
    for day in ("2026-09-01", TODAY):
        result = run(
            "portfolio",
            reports,
            "--today",
            day,
            "--history",
            history,
            "-f",
            "json",
            "-o",
            tmp_path / "p.json",
        )
        assert result.exit_code == 0, result.stderr
    (reports / "special.json").unlink()
    result = run(
        "portfolio", reports, "--today", "2026-12-04", "--history", history, "-o", tmp_path / "p.html"
    )
    assert result.exit_code == 0, result.stderr

    listed = run("portfolio", "history", history, "-f", "json")
    runs = json.loads(listed.stdout)["runs"]
    assert listed.exit_code == 0 and [(r["date"], r["checked"]) for r in runs] == [
        ("2026-09-01", 6),
        (TODAY, 6),
        ("2026-12-04", 5),
    ]
    compared = run("portfolio", "history", history, "--compare", str(runs[2]["id"]), "--lang", "de")
    assert compared.exit_code == 0, compared.stderr
    assert compared.stdout.startswith(f"seit {TODAY}: -1 Projekt"), compared.stdout
    assert "special" in compared.stdout
    unknown = run("portfolio", "history", history, "--compare", "99")
    assert unknown.exit_code == 2 and unknown.stderr.startswith(f"osscheck: error: {history}: ")


def test_output_dir_writes_every_format_from_one_reading(run, reports, tmp_path):
    out = tmp_path / "public"
    result = run("portfolio", reports, "--today", TODAY, "--lang", "de", "--output-dir", out)
    assert result.exit_code == 0 and result.stdout == "", result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["index.html", "portfolio.json", "projects.csv", "components.csv", "portfolio.md"]
    )
    for fmt, name in (("json", "portfolio.json"), ("csv", "projects.csv"), ("markdown", "portfolio.md")):
        alone = run("portfolio", reports, "--today", TODAY, "--lang", "de", "-f", fmt)
        assert (out / name).read_bytes().decode("utf-8") == alone.stdout, name
    both = run("portfolio", reports, "-o", tmp_path / "x.html", "--output-dir", out)
    assert both.exit_code == 2 and "--output-dir" in both.stderr and not (tmp_path / "x.html").exists()


def test_the_german_dashboard_gives_errors_and_notes_in_german(run, reports, tmp_path):
    (reports / "bad.json").write_text("{broken")
    (reports / "anonymous.json").write_text(
        json.dumps(dict(json.loads((reports / "special.json").read_text()), project=None))
    )
    result = run("portfolio", reports, "--today", TODAY, "--lang", "de")
    assert result.exit_code == 2
    assert "bad.json: kein gültiges JSON" in result.stdout and "nennt kein Projekt" in result.stdout
    assert "names no project" not in result.stdout and "not valid JSON" not in result.stdout
    assert "<td>keine Lizenz</td>" in result.stdout and ">None<" not in result.stdout  # a licence of null
    english = run("portfolio", reports, "--today", TODAY)
    assert "names no project" in english.stdout

"""Staged enforcement (issue 14): ``[deny-from]`` in a policy, before and after its day.

The day is the check's: SOURCE_DATE_EPOCH, set here with monkeypatch, as a CI job would set it.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import assert_one_error_line, package_lock, write
from osscheck.errors import PolicyError
from osscheck.policy import load_policy

BEFORE = dt.datetime(2026, 12, 31, 23, 59, tzinfo=dt.timezone.utc)
ON_THE_DAY = dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)
AFTER = dt.datetime(2029, 3, 1, tzinfo=dt.timezone.utc)

LOCK = {
    "fsl": "FSL-1.1-MIT",  # source-available, on no list
    "gpl": "GPL-3.0-only",  # strong copyleft, cannot be carried by EUPL-1.2: incompatible-license
    "lgpl": "LGPL-2.1-only",  # put on the deny list by the policy below
    "sspl": "SSPL-1.0",  # on public-code's deny list, not staged: denied whatever the day
    "left-pad": "MIT",
}

STAGED = """\
[policy]
extends = "public-code"
name = "stadt-beispiel"

[licenses]
deny = ["LGPL-2.1-only"]

[deny-from.categories]
source-available = 2027-01-01

[deny-from.licenses]
"LGPL-2.1-only" = 2027-06-01

[deny-from.rules]
incompatible-license = 2028-01-01
"""


@pytest.fixture
def project(tmp_path):
    write(tmp_path / "policy.toml", STAGED)
    (tmp_path / "package-lock.json").write_text(package_lock(LOCK))
    return tmp_path


def on(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))


def check_json(run, project, *more):
    result = run("check", project / "package-lock.json", "-p", project / "policy.toml", "-f", "json", *more)
    assert result.exit_code in (0, 1), result.stderr
    report = result.json
    status = {c["name"]: c["status"] for c in report["components"]}
    findings = {f["component"].split("/")[-1].split("@")[0]: f for f in report["findings"] if f["component"]}
    return result, status, findings


def test_before_the_day_a_staged_category_is_review_with_a_dated_warning(run, project, monkeypatch):
    on(monkeypatch, BEFORE)
    result, status, findings = check_json(run, project)
    assert status == {
        "fsl": "review",
        "gpl": "review",
        "lgpl": "review",
        "sspl": "denied",
        "left-pad": "allowed",
    }
    fsl = findings["fsl"]
    assert (fsl["rule"], fsl["severity"]) == ("staged-deny", "warning")
    assert fsl["message"] == (
        "pkg:npm/fsl@1.0.0: FSL-1.1-MIT will be denied from 2027-01-01 under policy stadt-beispiel: "
        "source available: the policy says deny"
    )
    assert fsl["location"] == {"path": str(project / "package-lock.json"), "line": 12}
    # a licence on the deny list, and a rule, each with its own day
    assert findings["lgpl"]["rule"] == "staged-deny"
    assert "LGPL-2.1-only will be denied from 2027-06-01" in findings["lgpl"]["message"]
    assert findings["gpl"]["rule"] == "staged-deny"
    assert "GPL-3.0-only will be denied from 2028-01-01" in findings["gpl"]["message"]
    assert "cannot be distributed under EUPL-1.2" in findings["gpl"]["message"]
    assert findings["sspl"]["rule"] == "denied-license"  # not staged: denied now
    assert result.exit_code == 1


def test_from_the_day_on_it_is_denied_and_the_finding_says_since_when(run, project, monkeypatch):
    on(monkeypatch, ON_THE_DAY)  # the day itself counts
    _, status, findings = check_json(run, project)
    assert status["fsl"] == "denied"
    assert (findings["fsl"]["rule"], findings["fsl"]["severity"]) == ("denied-license", "error")
    assert findings["fsl"]["message"].endswith("the policy says deny; denied since 2027-01-01")
    assert status["lgpl"] == status["gpl"] == "review"  # their days are later

    on(monkeypatch, AFTER)
    _, status, findings = check_json(run, project)
    assert status == {
        "fsl": "denied",
        "gpl": "denied",
        "lgpl": "denied",
        "sspl": "denied",
        "left-pad": "allowed",
    }
    assert findings["gpl"]["rule"] == "incompatible-license"
    assert findings["gpl"]["message"].endswith("denied since 2028-01-01")
    assert findings["lgpl"]["message"] == (
        "pkg:npm/lgpl@1.0.0: LGPL-2.1-only: on the policy's deny list; denied since 2027-06-01"
    )
    assert not any(f["rule"] == "staged-deny" for f in findings.values())


def test_a_staged_deny_alone_passes_the_check_until_its_day(run, tmp_path, monkeypatch):
    write(tmp_path / "policy.toml", STAGED)
    (tmp_path / "package-lock.json").write_text(package_lock({"fsl": "FSL-1.1-MIT", "left-pad": "MIT"}))
    args = ("check", tmp_path / "package-lock.json", "-p", tmp_path / "policy.toml")
    on(monkeypatch, BEFORE)
    assert run(*args).exit_code == 0
    assert run(*args, "--fail-on", "review").exit_code == 1  # it is a review
    on(monkeypatch, ON_THE_DAY)
    assert run(*args).exit_code == 1


def test_text_and_german_text_name_the_day(run, project, monkeypatch):
    on(monkeypatch, BEFORE)
    args = ("check", project / "package-lock.json", "-p", project / "policy.toml")
    english = run(*args).stdout
    assert "why: FSL-1.1-MIT will be denied from 2027-01-01 under policy stadt-beispiel" in english
    german = run(*args, "--lang", "de").stdout
    assert "FSL-1.1-MIT wird ab 2027-01-01 nach der Richtlinie stadt-beispiel verboten" in german
    on(monkeypatch, AFTER)
    assert "; verboten seit 2027-01-01" in run(*args, "--lang", "de").stdout
    assert "; denied since 2027-01-01" in run(*args).stdout


def test_an_or_takes_the_branch_whose_deny_has_not_begun(run, tmp_path, monkeypatch):
    write(tmp_path / "policy.toml", STAGED)
    (tmp_path / "package-lock.json").write_text(package_lock({"dual": "SSPL-1.0 OR FSL-1.1-MIT"}))
    on(monkeypatch, BEFORE)
    result = run("check", tmp_path / "package-lock.json", "-p", tmp_path / "policy.toml", "-f", "json")
    component = result.json["components"][0]
    assert (component["status"], component["chosen"]) == ("review", "FSL-1.1-MIT")


def test_an_exception_still_records_a_staged_component(run, tmp_path, monkeypatch):
    write(
        tmp_path / "policy.toml",
        STAGED + '\n[[exceptions]]\npackage = "pkg:npm/fsl"\njustification = "Fachverfahren X"\n',
    )
    (tmp_path / "package-lock.json").write_text(package_lock({"fsl": "FSL-1.1-MIT"}))
    for moment in (BEFORE, AFTER):
        on(monkeypatch, moment)
        result = run("check", tmp_path / "package-lock.json", "-p", tmp_path / "policy.toml", "-f", "json")
        assert result.json["components"][0]["status"] == "exempted"
        assert result.exit_code == 0


def test_a_staged_rule_of_the_project_is_a_warning_until_its_day(run, tmp_path, monkeypatch):
    """outbound-not-osi is no licence term's rule: its finding is staged after the evaluation."""
    write(
        tmp_path / "policy.toml",
        '[policy]\nextends = "public-code"\nname = "p"\n\n[deny-from.rules]\noutbound-not-osi = 2027-01-01\n',
    )
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT"}, "LicenseRef-own"))
    args = ("check", tmp_path / "package-lock.json", "-p", tmp_path / "policy.toml", "-f", "json")
    on(monkeypatch, BEFORE)
    result = run(*args)
    [finding] = [f for f in result.json["findings"] if f["component"] is None]
    assert (finding["rule"], finding["severity"]) == ("staged-deny", "warning")
    assert finding["message"].startswith("outbound-not-osi will be an error from 2027-01-01 under policy p: ")
    assert result.exit_code == 0
    on(monkeypatch, AFTER)
    result = run(*args)
    [finding] = [f for f in result.json["findings"] if f["component"] is None]
    assert (finding["rule"], finding["severity"]) == ("outbound-not-osi", "error")
    assert finding["message"].endswith("; an error since 2027-01-01")
    assert result.exit_code == 1


def test_unknown_licences_staged_by_their_category(run, tmp_path, monkeypatch):
    write(
        tmp_path / "policy.toml",
        '[policy]\nextends = "public-code"\nname = "p"\n\n[deny-from.categories]\nunknown = 2027-01-01\n',
    )
    (tmp_path / "package-lock.json").write_text(package_lock({"nolicence": None, "vague": "Public Domain"}))
    on(monkeypatch, BEFORE)
    result = run("check", tmp_path / "package-lock.json", "-p", tmp_path / "policy.toml", "-f", "json")
    assert {c["status"] for c in result.json["components"]} == {"review"}
    messages = sorted(f["message"] for f in result.json["findings"] if f["rule"] == "staged-deny")
    assert len(messages) == 2
    assert "unknown licence will be denied from 2027-01-01" in messages[0]
    assert "uncertain" in messages[1]  # the low-confidence reading is judged as unknown
    assert result.exit_code == 0


# --- extends ------------------------------------------------------------------------------------


def test_a_child_sets_and_moves_its_parents_dates(tmp_path):
    write(tmp_path / "parent.toml", STAGED)
    write(
        tmp_path / "child.toml",
        """
        [policy]
        extends = "parent.toml"
        name = "child"

        [deny-from.categories]
        source-available = 2026-07-01
        non-commercial = 2030-01-01
        """,
    )
    parent, child = load_policy(tmp_path / "parent.toml"), load_policy(tmp_path / "child.toml")
    assert parent.deny_from["categories"] == {"source-available": dt.date(2027, 1, 1)}
    assert child.deny_from["categories"] == {
        "non-commercial": dt.date(2030, 1, 1),
        "source-available": dt.date(2026, 7, 1),
    }
    assert child.deny_from["licenses"] == parent.deny_from["licenses"]
    assert child.deny_from["rules"] == {"incompatible-license": dt.date(2028, 1, 1)}


def test_a_child_that_no_longer_denies_drops_the_date(tmp_path):
    write(tmp_path / "parent.toml", STAGED)
    write(
        tmp_path / "child.toml",
        '[policy]\nextends = "parent.toml"\nname = "child"\n\n[categories]\nsource-available = "review"\n',
    )
    child = load_policy(tmp_path / "child.toml")
    assert "categories" not in child.deny_from
    assert child.verdict_for("source-available") == "review"


def test_policy_show_lists_the_dates(run, project):
    result = run("policy", "show", project / "policy.toml")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    at = lines.index("deny from")
    assert [line.split() for line in lines[at + 1 : at + 4]] == [
        ["category", "source-available", "2027-01-01"],
        ["licence", "LGPL-2.1-only", "2027-06-01"],
        ["rule", "incompatible-license", "2028-01-01"],
    ]


def test_explain_names_the_day(run, project, monkeypatch):
    on(monkeypatch, BEFORE)
    result = run("explain", "FSL-1.1-MIT", "-p", project / "policy.toml", "-f", "json")
    [term] = json.loads(result.stdout)["terms"]
    assert (term["status"], term["rule"]) == ("review", "staged-deny")
    assert "will be denied from 2027-01-01" in term["reason"]


# --- errors -------------------------------------------------------------------------------------

HEAD = '[policy]\nextends = "public-code"\nname = "e"\n\n'
BROKEN = [
    ("[deny-from.categories]\nfriendly = 2027-01-01\n", 6, "unknown category 'friendly'"),
    ("[deny-from.categories]\npermissive = 2027-01-01\n", 6, "the category's verdict is allow, not deny"),
    ('[deny-from.categories]\nsource-available = "2027-01-01"\n', 6, "must be a date such as 2027-01-01"),
    ("[deny-from.categories]\nsource-available = 2027-13-01\n", 6, "not valid TOML"),
    ("[deny-from.licenses]\nMIT = 2027-01-01\n", 6, "MIT is not on the deny list of [licenses]"),
    ('[deny-from.licenses]\n"MIT AND" = 2027-01-01\n', 6, "bad licence expression 'MIT AND'"),
    ("[deny-from.rules]\nno-such-rule = 2027-01-01\n", 6, "unknown rule 'no-such-rule'"),
    ("[deny-from.rules]\nreview-required = 2027-01-01\n", 6, "its findings are never errors"),
    ("[deny-from]\ncolours = { blue = 2027-01-01 }\n", 6, "unknown key 'colours' in [deny-from]"),
    ("[deny-from]\nrules = { bogus = 2027-01-01 }\n", 6, "unknown rule 'bogus'"),
    ("[deny-from]\nrules = 3\n", 6, "[deny-from.rules] must be a table"),
    ("\n\n[deny-from.rules]\n\n\nlow-confidence = 2027-01-01\nbogus = 1\n", 11, "bogus must be a date"),
]


@pytest.mark.parametrize(("body", "line", "message"), BROKEN)
def test_a_wrong_deny_from_is_an_error_at_its_line(tmp_path, body, line, message):
    path = write(tmp_path / "p.toml", HEAD + body)
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert message in str(info.value)
    assert (info.value.path, info.value.line) == (str(path), line)


def test_a_wrong_deny_from_is_one_error_line_and_exit_2(run, tmp_path):
    path = write(tmp_path / "p.toml", HEAD + "[deny-from.rules]\nno-such-rule = 2027-01-01\n")
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT"}))
    result = run("check", tmp_path / "package-lock.json", "-p", path)
    assert_one_error_line(result, f"{path}:6:")
    german = run("check", tmp_path / "package-lock.json", "-p", path, "--lang", "de")
    assert "unbekannte Regel 'no-such-rule'" in german.stderr and german.exit_code == 2


def test_the_shipped_policies_stage_nothing():
    from osscheck.policy import builtin_names

    assert all(load_policy(name).deny_from == {} for name in builtin_names())

"""The rule registry (osscheck.rules, issue 12.2): every rule a finding names is registered, with its
texts in English and German; SARIF, JUnit and the German HTML report read it; docs/rules.md is
generated from it."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import DATA, package_lock, write
from osscheck import rules
from osscheck.model import Component, Finding, Location, Severity, Status
from osscheck.policy.evaluate import LIST_RULES
from osscheck.report import Report

SRC = Path(rules.__file__).parent
DOCS = SRC.parent.parent / "docs" / "rules.md"
TEXTS = ("title", "help", "hint")


def _calls(name: str) -> list[ast.Call]:
    """Every call of ``name(...)`` in the source of osscheck."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                found.append(node)
    return found


def _constant(call: ast.Call, position: int) -> str | None:
    arg = call.args[position] if len(call.args) > position else None
    return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None


def _term_rules() -> set[str]:
    """The reasons a licence term is judged for (``Term(..., rule, ...)`` and the policy's lists)."""
    found = {_constant(call, 3) for call in _calls("Term")} - {None}
    source = (SRC / "policy" / "evaluate.py").read_text(encoding="utf-8")
    found.update(re.findall(r'Status\.[A-Z]+, "([a-z-]+)"\)', source))  # _lists()
    return found  # type: ignore[return-value]


def test_every_rule_a_finding_names_in_the_source_is_registered():
    # Finding(...) itself, and the factories that take the rule as their first argument
    calls = _calls("Finding") + _calls("_rule_finding")
    literal = {_constant(call, 0) for call in calls} - {None}
    assert len(literal) >= 12  # the walk found the emitters
    assert literal <= set(rules.BY_ID), literal - set(rules.BY_ID)
    # the one finding whose rule is a variable takes it from the term it judges (evaluate._finding)
    terms = _term_rules()
    assert {"deny-list", "allow-list", "unknown-license", "incompatible-license"} <= terms
    assert terms - LIST_RULES - {"allow-list"} <= set(rules.BY_ID), terms - set(rules.BY_ID)
    # and the other way round: no rule is registered that nothing emits
    by_status = {"denied-license", "review-required"}  # what evaluate names the LIST_RULES by
    assert set(rules.BY_ID) <= literal | terms | by_status


def test_the_rules_found_in_the_test_data_are_registered(run):
    found: dict[str, set[str]] = {}
    for folder in sorted(p for p in DATA.iterdir() if p.is_dir() and p.name not in ("schemas", "normalize")):
        for policy in ("open-code", "network-service"):
            result = run("check", folder, "-p", policy, "-f", "json", "--include-dev")
            for f in json.loads(result.stdout)["findings"] if result.stdout else []:
                found.setdefault(f["rule"], set()).add(f["severity"])
    assert len(found) >= 5
    assert set(found) <= set(rules.BY_ID), set(found) - set(rules.BY_ID)


def test_each_rule_has_its_texts_in_english_and_german():
    ids = [r.id for r in rules.RULES]
    assert len(ids) == len(set(ids)) == len(rules.BY_ID)
    for r in rules.RULES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", r.id)
        assert isinstance(r.severity, Severity)
        texts = [r.text(part, lang) for part in TEXTS for lang in ("en", "de")]
        assert all(t.strip() and t == t.strip() for t in texts), r.id
        assert all(r.text(part) != r.text(part, "de") for part in TEXTS), r.id
        assert r.text("help", "de").count(" ") > 8, r.id  # a paragraph, not a label


def test_severity_is_the_rule_default_and_unknown_ids_are_refused():
    assert rules.severity("missing-sbom") is Severity.WARNING
    assert rules.severity("outbound-not-osi") is Severity.ERROR
    assert rules.severity("dev-groups") is Severity.NOTE
    with pytest.raises(KeyError):
        rules.severity("no-such-rule")


def test_the_findings_get_the_default_severity_of_their_rule(tmp_path, run):
    # a project without LICENSE file or SBOM, with a group for development (three fixed-severity rules)
    write(tmp_path / "pyproject.toml", PYPROJECT)
    result = run("check", tmp_path, "-p", "open-code", "-f", "json")
    found = {f["rule"]: f["severity"] for f in result.json["findings"]}
    for rule in ("missing-license-file", "missing-sbom", "dev-groups"):
        assert found[rule] == str(rules.BY_ID[rule].severity)


def test_docs_rules_md_is_current():
    assert DOCS.read_text(encoding="utf-8") == rules.markdown(), (
        "docs/rules.md is stale: python -m osscheck.rules > docs/rules.md"
    )


def test_docs_have_one_section_per_rule_in_both_languages():
    text = rules.markdown()
    sections = re.findall(r"^## `([a-z-]+)`$", text, re.M)
    assert sections == [r.id for r in rules.RULES]
    for r in rules.RULES:
        section = text.split(f"## `{r.id}`", 1)[1].split("\n## ", 1)[0]
        assert r.help in section and r.text("help", "de") in section
        assert "Was tun:" in section and "What to do:" in section
    assert "<id>" not in text  # markdown would take it for a tag


def test_the_module_writes_the_docs():
    proc = subprocess.run(
        [sys.executable, "-m", "osscheck.rules"], capture_output=True, text=True, encoding="utf-8", check=True
    )
    assert proc.stdout == rules.markdown()


PYPROJECT = """\
[project]
name = "app"
license = "EUPL-1.2"
dependencies = ["requests==2.32.3"]

[dependency-groups]
dev = ["pytest==8.3.5"]
"""


def test_sarif_describes_every_rule_from_the_registry(tmp_path, run):
    write(tmp_path / "pyproject.toml", PYPROJECT)  # a dev-groups note, which SARIF did not describe
    doc = json.loads(run("check", tmp_path, "-f", "sarif").stdout)
    (sarif_run,) = doc["runs"]
    described = {r["id"]: r for r in sarif_run["tool"]["driver"]["rules"]}
    assert list(described) == [r.id for r in rules.RULES]
    for r in rules.RULES:
        assert described[r.id]["shortDescription"]["text"] == r.title
        assert described[r.id]["fullDescription"]["text"] == r.help
        assert described[r.id]["help"]["markdown"] == r.hint
        assert described[r.id]["defaultConfiguration"]["level"] == str(r.severity)
    emitted = {result["ruleId"] for result in sarif_run["results"]}
    assert "dev-groups" in emitted
    for result in sarif_run["results"]:
        assert sarif_run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def _report(components: list[Component], findings: list[Finding], fail_on: str = "review") -> Report:
    return Report(
        tool_version="0.1.0",
        policy_name="public-code",
        policy_title="",
        policy_source=None,
        policy_digest=None,
        context="distribution",
        outbound="EUPL-1.2",
        outbound_source="policy",
        inputs=[],
        components=components,
        findings=findings,
        fail_on=fail_on,
    )


def test_a_junit_failure_without_a_finding_names_a_registered_rule():
    from osscheck.reports import junit

    reviewed = Component("vendor-sdk", "1.0.0", "pkg:npm/vendor-sdk@1.0.0", location=Location("a.json", 3))
    reviewed.license, reviewed.status = "LicenseRef-vendor", Status.REVIEW
    denied = Component("dbkit", "1.0.0", "pkg:npm/dbkit@1.0.0", location=Location("a.json", 9))
    denied.license, denied.status = "SSPL-1.0", Status.DENIED
    root = ET.fromstring(junit.render(_report([reviewed, denied], [])))
    types = [failure.get("type") for failure in root.iter("failure")]
    assert types == ["review-required", "denied-license"]
    assert set(types) <= set(rules.BY_ID)


def test_the_german_html_report_leads_with_the_registry_texts(tmp_path, run):
    lock = write(tmp_path / "package-lock.json", package_lock({"dbkit": "SSPL-1.0", "left-pad": "MIT"}))
    html = run("check", lock, "-f", "html", "--lang", "de").stdout
    denied = rules.BY_ID["denied-license"]
    assert denied.text("title", "de") in html and denied.text("hint", "de") in html
    english = run("check", lock, "-f", "html", "--lang", "en").stdout
    assert denied.text("title", "de") not in english


def test_the_rules_with_a_german_summary_are_those_html_has_shown():
    from osscheck.reports.html.words import german_hint, german_rule

    for r in rules.RULES:
        assert german_rule(r.id) == (r.text("title", "de") if r.german_summary else None)
        assert german_hint(r.id) == (r.text("hint", "de") if r.german_summary else None)
    assert german_rule("some-future-rule") is None


PROBE = """
import sys
sys.argv = ["osscheck-hook", "package-lock.json"]
from osscheck.hook import main
try:
    main()
except SystemExit as exc:
    code = exc.code
print(code, "osscheck.rules" in sys.modules)
"""


def test_a_clean_hook_run_does_not_load_the_registry(tmp_path):
    """The registry's texts cost the pre-commit hook an import; a run without findings needs none."""
    write(tmp_path / "package-lock.json", package_lock({"left-pad": "MIT"}))
    write(tmp_path / "pyproject.toml", '[project]\nname = "app"\n')
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split()[-2:] == ["0", "False"]

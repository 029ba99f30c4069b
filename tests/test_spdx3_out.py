"""``--format spdx3``: SPDX 3.0.1 JSON-LD, checked against the SPDX 3.0.1 JSON schema and SHACL shapes.

Both are stored in tests/data/spdx3/ (see tests/data/SOURCES.md), with the JSON-LD context, so that
nothing here reaches the network: the context the document names is replaced by the stored copy
before the document is read as RDF.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import cyclonedx_library

DATA = Path(__file__).parent / "data" / "spdx3"
CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
EPOCH = 1700000000  # 2023-11-14T22:13:20Z
HOSTILE = 'evil "name"\n</script>{"@id": "x"} ü'

MIT_TEXT = "MIT License\n\nPermission is hereby granted, free of charge, ..."


_lib = cyclonedx_library


def _bom() -> dict:
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {
            "component": {
                "type": "application",
                "name": "buergerportal",
                "version": "2.4.0",
                "licenses": [{"expression": "EUPL-1.2"}],
            }
        },
        "components": [
            _lib(
                "express",
                "4.19.2",
                [{"license": {"id": "MIT", "text": {"content": MIT_TEXT}}}],
                copyright="Copyright (c) 2009-2014 TJ Holowaychuk",
            ),
            _lib("dual", "1.0.0", [{"expression": "MIT OR GPL-3.0-only"}]),
            _lib("apache-lib", "2.0.0", [{"license": {"name": "Apache License, Version 2.0"}}]),
            _lib("acme-sdk", "3.1.0", [{"license": {"name": "Acme Commercial License"}}]),
            _lib("odd", "0.1.0", [{"expression": "Foo-License"}]),
            _lib("oracle-client", "21.0.0", [{"expression": "LicenseRef-oracle-otn"}]),
            _lib("mystery", "0.0.1", None),
            _lib("classpath", "1.0", [{"expression": "GPL-2.0-only WITH Classpath-exception-2.0"}]),
            _lib("dup", "1.0.0", [{"expression": "MIT"}]),
            _lib("dup", "1.0.0", [{"expression": "BSD-3-Clause"}], purl_type="pypi"),
            _lib("jest", "29.0.0", [{"expression": "MIT"}], scope="excluded"),
            _lib("opt", "1.0.0", [{"expression": "ISC"}], scope="optional"),
            _lib(
                "scanned",
                "1.0.0",
                None,
                evidence={"licenses": [{"license": {"id": "Apache-2.0"}}, {"license": {"id": "MIT"}}]},
            ),
            {"type": "library", "name": HOSTILE, "version": "1 2", "licenses": [{"expression": "MIT"}]},
        ],
    }


@pytest.fixture
def bom(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    path = tmp_path / "bom.cdx.json"
    path.write_text(json.dumps(_bom(), indent=2), encoding="utf-8")
    return path


def _produce(run, *args: object) -> str:
    result = run("check", *args, "-p", "internal-use", "-f", "spdx3")
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""
    return result.stdout


@lru_cache(maxsize=1)
def _schema_validator():
    import jsonschema

    schema = json.loads((DATA / "spdx-json-schema-3.0.1.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _schema_errors(doc: dict) -> list[str]:
    return [f"{list(e.path)}: {e.message[:200]}" for e in _schema_validator().iter_errors(doc)]


@lru_cache(maxsize=1)
def _shapes():
    import rdflib

    return rdflib.Graph().parse(DATA / "spdx-model-3.0.1.ttl", format="turtle")


def _shacl(doc: dict) -> tuple[bool, str, int]:
    """(conforms, report text, number of triples) of the document under the SPDX 3.0.1 SHACL shapes."""
    import pyshacl
    import rdflib

    assert doc["@context"] == CONTEXT
    local = dict(doc)
    stored = json.loads((DATA / "spdx-context-3.0.1.jsonld").read_text(encoding="utf-8"))
    local["@context"] = stored["@context"]
    graph = rdflib.Graph().parse(data=json.dumps(local), format="json-ld")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=_shapes(), ont_graph=_shapes())
    return bool(conforms), str(text), len(graph)


def _by_type(doc: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for e in doc["@graph"]:
        out.setdefault(e["type"], []).append(e)
    return out


def _licence_of(doc: dict, package_id: str, rtype: str) -> list[str]:
    """The licences the relationships of type ``rtype`` give the package: expressions or names."""
    by_id = {e.get("spdxId"): e for e in doc["@graph"]}
    out = []
    for r in doc["@graph"]:
        if r["type"] == "Relationship" and r["from"] == package_id and r["relationshipType"] == rtype:
            for target in r["to"]:
                element = by_id.get(target)
                if element is None:
                    out.append(target)
                elif element["type"] == "simplelicensing_LicenseExpression":
                    out.append(element["simplelicensing_licenseExpression"])
                else:
                    out.append(element["name"])
    return out


# --- validity ---------------------------------------------------------------------------------------


def test_output_is_valid_against_the_spdx_3_0_1_json_schema(run, bom):
    doc = json.loads(_produce(run, bom))
    assert _schema_errors(doc) == []


def test_output_conforms_to_the_spdx_3_0_1_shacl_shapes(run, bom):
    doc = json.loads(_produce(run, bom))
    conforms, text, triples = _shacl(doc)
    assert conforms, text
    assert triples > 300  # the document was really read as RDF


def test_the_validators_reject_a_broken_document(run, bom):
    # so that the two tests above mean something: each validator finds a planted fault
    doc = json.loads(_produce(run, bom))
    package = next(e for e in doc["@graph"] if e["type"] == "software_Package")
    del package["creationInfo"]
    assert not _schema_validator().is_valid(doc)  # the first error is enough
    assert not _shacl(doc)[0]
    doc = json.loads(_produce(run, bom))
    relationship = next(e for e in doc["@graph"] if e["type"] == "Relationship")
    relationship["relationshipType"] = "hasLicence"
    assert not _schema_validator().is_valid(doc)  # the first error is enough
    assert not _shacl(doc)[0]


def test_an_empty_inventory_is_valid_too(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bom = _bom()
    bom["components"] = []
    (tmp_path / "bom.cdx.json").write_text(json.dumps(bom), encoding="utf-8")
    doc = json.loads(_produce(run, tmp_path / "bom.cdx.json"))
    assert _schema_errors(doc) == []
    assert _shacl(doc)[0]
    packages = _by_type(doc)["software_Package"]
    assert [p["name"] for p in packages] == ["buergerportal"]


# --- content ----------------------------------------------------------------------------------------


def test_document_structure(run, bom):
    doc = json.loads(_produce(run, bom))
    assert doc["@context"] == CONTEXT
    types = _by_type(doc)
    (creation,) = types["CreationInfo"]
    assert creation["specVersion"] == "3.0.1"
    assert creation["created"] == "2023-11-14T22:13:20Z"
    by_id = {e.get("spdxId"): e for e in doc["@graph"]}
    (agent,) = [by_id[a] for a in creation["createdBy"]]
    assert (agent["type"], agent["name"]) == ("SoftwareAgent", "osscheck")
    (tool,) = [by_id[t] for t in creation["createdUsing"]]
    assert tool["type"] == "Tool" and tool["name"].startswith("osscheck-")
    assert all(e["creationInfo"] == creation["@id"] for e in doc["@graph"] if "spdxId" in e)
    (spdx_document,) = types["SpdxDocument"]
    (sbom,) = types["software_Sbom"]
    assert spdx_document["rootElement"] == [sbom["spdxId"]]
    (root,) = sbom["rootElement"]
    assert by_id[root]["name"] == "buergerportal"
    assert by_id[root]["software_packageVersion"] == "2.4.0"
    assert _licence_of(doc, root, "hasDeclaredLicense") == ["EUPL-1.2"]
    assert by_id[spdx_document["dataLicense"]]["simplelicensing_licenseExpression"] == "CC0-1.0"
    # every element the graph has is listed by the document, and each id is unique
    ids = [e["spdxId"] for e in doc["@graph"] if "spdxId" in e]
    assert len(ids) == len(set(ids))
    assert set(spdx_document["element"]) == set(ids) - {spdx_document["spdxId"]}
    namespace = spdx_document["spdxId"].split("#")[0]
    assert all(i.startswith(namespace + "#") for i in ids)


def test_packages_with_purls_and_licences(run, bom):
    doc = json.loads(_produce(run, bom))
    packages = _by_type(doc)["software_Package"][1:]  # [0] is the project
    assert len(packages) == len(_bom()["components"])
    by_name: dict[str, list[dict]] = {}
    for p in packages:
        by_name.setdefault(p["name"], []).append(p)
    express = by_name["express"][0]
    assert express["software_packageVersion"] == "4.19.2"
    assert express["software_packageUrl"] == "pkg:npm/express@4.19.2"
    assert express["externalIdentifier"] == [
        {
            "type": "ExternalIdentifier",
            "externalIdentifierType": "packageUrl",
            "identifier": "pkg:npm/express@4.19.2",
        }
    ]
    assert express["software_copyrightText"] == "Copyright (c) 2009-2014 TJ Holowaychuk"
    assert "status allowed" in express["comment"]
    declared = lambda name: _licence_of(doc, by_name[name][0]["spdxId"], "hasDeclaredLicense")  # noqa: E731
    concluded = lambda name: _licence_of(doc, by_name[name][0]["spdxId"], "hasConcludedLicense")  # noqa: E731
    assert declared("express") == concluded("express") == ["MIT"]
    assert declared("dual") == ["MIT OR GPL-3.0-only"]
    assert declared("classpath") == ["GPL-2.0-only WITH Classpath-exception-2.0"]
    # a licence name is declared as written (a custom licence), concluded as osscheck recognised it
    assert declared("apache-lib") == ["Apache License, Version 2.0"]
    assert concluded("apache-lib") == ["Apache-2.0"]
    assert declared("acme-sdk") == ["Acme Commercial License"]
    assert concluded("acme-sdk") == ["expandedlicensing_NoAssertionLicense"]
    assert declared("mystery") == concluded("mystery") == ["expandedlicensing_NoAssertionLicense"]
    # ids that are not on the SPDX list become LicenseRef-*, explained by a licence text element
    assert declared("odd") == ["LicenseRef-Foo-License"]
    by_id = {e.get("spdxId"): e for e in doc["@graph"]}
    odd = next(
        by_id[t]
        for r in doc["@graph"]
        if r["type"] == "Relationship" and r["from"] == by_name["odd"][0]["spdxId"]
        for t in r["to"]
    )
    ((entry),) = odd["simplelicensing_customIdToUri"]
    assert entry["key"] == "LicenseRef-Foo-License"
    text = by_id[entry["value"]]
    assert text["type"] == "simplelicensing_SimpleLicensingText"
    assert "Foo-License" in text["simplelicensing_licenseText"]
    # licences found in files: the annotation the migration annex names
    (note,) = _by_type(doc)["Annotation"]
    assert note["subject"] == by_name["scanned"][0]["spdxId"]
    assert note["statement"] == "SPDX 2.X LicenseInfoInFiles: Apache-2.0, MIT"
    # two packages of the same name and version get ids of their own
    assert len(by_name["dup"]) == 2 and by_name["dup"][0]["spdxId"] != by_name["dup"][1]["spdxId"]
    # input text stays JSON text; the id made from it keeps to safe characters
    (hostile,) = by_name[HOSTILE]
    assert hostile["software_packageVersion"] == "1 2"
    assert all(ch.isalnum() or ch in ".-" for ch in hostile["spdxId"].split("#")[1])


def test_the_project_depends_on_every_component(run, bom):
    doc = json.loads(_produce(run, bom))
    by_id = {e.get("spdxId"): e for e in doc["@graph"]}
    (sbom,) = _by_type(doc)["software_Sbom"]
    (root,) = sbom["rootElement"]
    edges = {}
    for r in doc["@graph"]:
        if (
            r["type"] in ("Relationship", "LifecycleScopedRelationship")
            and r["from"] == root
            and r["relationshipType"] in ("dependsOn", "hasOptionalDependency")
        ):
            key = (r["type"], r["relationshipType"], r.get("scope"))
            edges[key] = sorted(by_id[t]["name"] for t in r["to"])
    assert edges[("LifecycleScopedRelationship", "dependsOn", "development")] == ["jest"]
    assert edges[("Relationship", "hasOptionalDependency", None)] == ["opt"]
    assert len(edges[("Relationship", "dependsOn", None)]) == len(_bom()["components"]) - 2


# --- reading it back ----------------------------------------------------------------------------


def _facts(report: dict) -> list[tuple]:
    return sorted(
        (c["name"], c["version"], c["purl"], c["license"], c["declared"], c.get("scope"), c["status"])
        for c in report["components"]
    )


def test_reads_back_with_the_same_components_and_licences(run, bom):
    before = run("check", bom, "-p", "internal-use", "-f", "json").json
    Path("out.spdx3.json").write_text(_produce(run, bom), encoding="utf-8")
    again = run("check", "out.spdx3.json", "-p", "internal-use", "-f", "json")
    assert again.exit_code in (0, 1), again.stderr
    after = again.json
    assert after["inputs"][0]["format"] == "spdx3-jsonld"
    # an id that is not on the SPDX list was written as the LicenseRef-* SPDX can carry (as -f spdx)
    odd = next(c for c in after["components"] if c["name"] == "odd")
    assert (odd["license"], odd["declared"], odd["status"]) == (
        "LicenseRef-Foo-License",
        ["LicenseRef-Foo-License"],
        "review",
    )
    assert [f for f in _facts(after) if f[0] != "odd"] == [f for f in _facts(before) if f[0] != "odd"]
    assert after["policy"]["outbound"] == before["policy"]["outbound"] == "EUPL-1.2"
    # the licences found in files are observed again, not declared
    scanned = next(c for c in after["components"] if c["name"] == "scanned")
    assert scanned["license"] == "Apache-2.0 AND MIT" and scanned["declared"] == []


def test_the_reader_knows_its_own_document(tmp_path, run, bom):
    from osscheck.readers import spdx3
    from osscheck.readers._source import WRITTEN_BY

    path = tmp_path / "own.spdx3.json"
    path.write_text(_produce(run, bom), encoding="utf-8")
    result = spdx3.read(path, path.read_bytes())
    assert result.project.name == "buergerportal"
    assert result.project.extra[WRITTEN_BY].startswith("osscheck ")
    assert "buergerportal" not in {c.name for c in result.components}  # never its own dependency
    odd = next(c for c in result.components if c.name == "odd")
    assert odd.extra["license_names"] == {"LicenseRef-Foo-License": "Foo-License"}


def test_set_aside_beside_the_inputs_it_was_made_from(tmp_path, run, bom):
    (tmp_path / "app.spdx3.json").write_text(_produce(run, bom), encoding="utf-8")
    report = run("check", tmp_path, "-p", "internal-use", "-f", "json").json
    inputs = {Path(i["path"]).name: i["components"] for i in report["inputs"]}
    assert inputs["app.spdx3.json"] == 0 and inputs["bom.cdx.json"] == len(_bom()["components"])


# --- determinism --------------------------------------------------------------------------------


def test_byte_identical_for_the_same_input(run, bom, monkeypatch):
    first = _produce(run, bom)
    assert first == _produce(run, bom)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert _produce(run, bom) == _produce(run, bom)


def test_ids_follow_the_content(run, bom, monkeypatch):
    doc = json.loads(_produce(run, bom))
    namespace = _by_type(doc)["SpdxDocument"][0]["spdxId"].split("#")[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH + 86400))
    later = json.loads(_produce(run, bom))
    assert _by_type(later)["CreationInfo"][0]["created"] == "2023-11-15T22:13:20Z"
    assert _by_type(later)["SpdxDocument"][0]["spdxId"].split("#")[0] != namespace
    # the local names stay: they come from the elements, not from where they stand
    local = sorted(e["spdxId"].split("#")[1] for e in doc["@graph"] if "spdxId" in e)
    assert local == sorted(e["spdxId"].split("#")[1] for e in later["@graph"] if "spdxId" in e)
    assert "SPDXRef-Package-express-4.19.2" in local


def test_dependencies_the_input_names_are_edges_between_packages(run, tmp_path, monkeypatch):
    from osscheck.readers import spdx3

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    doc = _bom()
    doc["components"] = [
        {**_lib("app-lib", "1.0.0", [{"expression": "MIT"}]), "bom-ref": "a"},
        {**_lib("left-pad", "1.3.0", [{"expression": "WTFPL"}]), "bom-ref": "b"},
        {**_lib("tiny", "0.1.0", [{"expression": "ISC"}]), "bom-ref": "c"},
    ]
    doc["dependencies"] = [{"ref": "a", "dependsOn": ["b", "c"]}, {"ref": "b", "dependsOn": []}]
    Path("deps.cdx.json").write_text(json.dumps(doc), encoding="utf-8")
    out = json.loads(_produce(run, "deps.cdx.json"))
    assert _schema_errors(out) == []
    by_id = {e.get("spdxId"): e for e in out["@graph"]}
    edges = {
        by_id[r["from"]]["name"]: sorted(by_id[t]["name"] for t in r["to"])
        for r in out["@graph"]
        if r["type"] == "Relationship" and r["relationshipType"] == "dependsOn"
    }
    assert edges["app-lib"] == ["left-pad", "tiny"]
    assert "left-pad" not in edges and "tiny" not in edges  # no dependencies named: no edge
    # and read back: the same edges, between the same components
    Path("deps.spdx3.json").write_text(json.dumps(out), encoding="utf-8")
    read = spdx3.read(Path("deps.spdx3.json"), Path("deps.spdx3.json").read_bytes())
    by_key = {c.key: c.name for c in read.components}
    app = next(c for c in read.components if c.name == "app-lib")
    assert sorted(by_key[k] for k in app.extra["dependencies"]) == ["left-pad", "tiny"]

"""SBOM readers: CycloneDX JSON and XML, SPDX 2 JSON / YAML / tag-value, SPDX 3 JSON-LD.

Real files come from tests/data (origins in tests/data/SOURCES.md); the hostile and edge-case
inputs are written by the tests themselves.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from conftest import load
from osscheck.model import InputFile, Scope
from osscheck.readers import READERS, discover, read

DATA = Path(__file__).parent / "data"

CERN = DATA / "cyclonedx-cern" / "bom.xml"
DROPWIZARD = DATA / "cyclonedx-dropwizard" / "bom.json"
NAME_XML = DATA / "cyclonedx" / "valid-license-name-1.5.xml"
LICENSING = DATA / "cyclonedx" / "valid-license-licensing-1.6.json"
VALID_BOM = DATA / "cyclonedx" / "valid-bom-1.6.json"
TAGVALUE = DATA / "spdx" / "SPDXTagExample-v2.3.spdx"
GO_TAGVALUE = DATA / "spdx" / "example6-bin.spdx"
YAML = DATA / "spdx" / "SPDXYAMLExample-2.3.spdx.yaml"
SPDX3_CARGO = DATA / "spdx3" / "sbom.spdx3.json"
SPDX3_GO = DATA / "spdx3" / "example6-bin.json"
SPDX3_SPEC = DATA / "spdx3" / "package_sbom.json"


def by_name(result: InputFile) -> dict:
    return {c.name: c for c in result.components}


# -- every real file: its format and the number of components (as the acceptance counts them) --


@pytest.mark.parametrize(
    ("path", "fmt", "count"),
    [
        (CERN, "cyclonedx-xml", 43),
        (NAME_XML, "cyclonedx-xml", 1),
        (LICENSING, "cyclonedx-json", 1),
        (VALID_BOM, "cyclonedx-json", 3),
        (DROPWIZARD, "cyclonedx-json", 167),
        (TAGVALUE, "spdx-tagvalue", 4),
        (GO_TAGVALUE, "spdx-tagvalue", 1),
        (YAML, "spdx-yaml", 4),
        (SPDX3_CARGO, "spdx3-jsonld", 4),
        (SPDX3_GO, "spdx3-jsonld", 1),
        (SPDX3_SPEC, "spdx3-jsonld", 1),
    ],
)
def test_real_sboms_are_read_completely(run, path, fmt, count):
    result = run("check", path, "-p", "internal-use", "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    doc = result.json
    assert doc["inputs"] == [
        {"path": str(path), "format": fmt, "components": count, "sha256": doc["inputs"][0]["sha256"]}
    ]
    assert len(doc["components"]) == count
    assert all(c["location"]["line"] for c in doc["components"])  # every component has its line


# -- CycloneDX XML --


def test_cyclonedx_xml_project_components_and_lines():
    result = load(CERN)
    assert result.project is not None
    assert (result.project.name, result.project.version) == ("lhc-vdm-editor", "0.0.1")
    assert [(d.value, d.kind) for d in result.project.declared] == [("Apache-2.0", "id")]
    assert result.project.location is not None and result.project.location.line == 12
    first = result.components[0]
    assert (first.name, first.version, first.purl) == ("puppeteer", "1.19.0", "pkg:npm/puppeteer@1.19.0")
    assert [(d.value, d.kind) for d in first.declared] == [("Apache-2.0", "id")]
    lines = CERN.read_text().splitlines()
    for c in result.components:  # each line is the component's start tag
        assert c.location is not None and c.location.line is not None
        assert lines[c.location.line - 1].lstrip().startswith("<component ")
    assert all(c.name != "lhc-vdm-editor" for c in result.components)  # the project is not a component


def test_project_licence_of_an_xml_sbom_is_the_outbound_licence(run):
    doc = run("check", CERN, "-p", "public-code", "-f", "json").json
    assert doc["policy"]["outbound"] == "Apache-2.0"


def test_cyclonedx_xml_free_text_name_and_scope():
    (component,) = load(NAME_XML).components
    assert [(d.value, d.kind) for d in component.declared] == [("Apache License 2.0", "name")]
    assert component.scope is Scope.RUNTIME
    assert component.purl == "pkg:maven/com.acme/tomcat-catalina@9.0.14?packaging=jar"
    assert component.extra["group"] == "com.acme"


APACHE_TEXT = "Apache License\nVersion 2.0, January 2004\n"
APACHE_BASE64 = base64.b64encode(APACHE_TEXT.encode()).decode()
BOM_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
  <metadata>
    <component type="application">
      <name>app</name>
      <licenses><expression acknowledgement="declared">EUPL-1.2</expression></licenses>
    </component>
  </metadata>
  <components>
    <component type="library">
      <name>outer</name>
      <version>1.0</version>
      <licenses>
        <license acknowledgement="concluded"><id>MIT</id></license>
        <license acknowledgement="declared">
          <name>The MIT License</name>
          <text content-type="text/plain" encoding="base64">{APACHE_BASE64}</text>
        </license>
      </licenses>
      <copyright>Copyright 2024 Outer</copyright>
      <components>
        <component type="library">
          <name>inner</name>
          <version>2.0</version>
          <scope>excluded</scope>
          <licenses>
            <license>
              <name>Acme Commercial License</name>
              <url>https://acme.example/eula</url>
              <licensing>
                <licensor><organization><name>Acme Inc</name></organization></licensor>
                <licensee><organization><name>Example Co.</name></organization></licensee>
                <licenseTypes><licenseType>appliance</licenseType></licenseTypes>
                <expiration>2023-04-13T20:20:39+00:00</expiration>
              </licensing>
            </license>
          </licenses>
        </component>
      </components>
    </component>
  </components>
</bom>
"""


def test_cyclonedx_xml_nested_components_base64_text_concluded_and_licensing(tmp_path):
    path = tmp_path / "bom.xml"
    path.write_text(BOM_XML)
    result = load(path)
    assert result.format == "cyclonedx-xml"
    assert [(d.value, d.kind) for d in result.project.declared] == [("EUPL-1.2", "expression")]
    outer, inner = result.components
    assert outer.concluded == "MIT"  # the concluded entry is preferred, like SPDX licenseConcluded
    assert [(d.value, d.kind) for d in outer.declared] == [("The MIT License", "name"), (APACHE_TEXT, "text")]
    assert outer.extra["license_texts"] == [{"license": "The MIT License", "text": APACHE_TEXT}]
    assert outer.extra["copyrights"] == ["Copyright 2024 Outer"]
    assert outer.location.line == 10 and inner.location.line == 22
    assert inner.scope is Scope.DEV
    assert [(d.value, d.kind) for d in inner.declared] == [
        ("Acme Commercial License", "name"),
        ("https://acme.example/eula", "url"),
    ]
    assert inner.extra["licensing"] == [
        {
            "license": "Acme Commercial License",
            "licensor": "Acme Inc",
            "licensee": "Example Co.",
            "expiration": "2023-04-13T20:20:39+00:00",
            "licenseTypes": ["appliance"],
        }
    ]


def test_xml_and_json_encodings_give_the_same_declarations(tmp_path):
    xml_path = tmp_path / "bom.xml"
    xml_path.write_text(BOM_XML)
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {
                "name": "outer",
                "version": "1.0",
                "licenses": [
                    {"license": {"id": "MIT", "acknowledgement": "concluded"}},
                    {
                        "license": {
                            "name": "The MIT License",
                            "acknowledgement": "declared",
                            "text": {
                                "encoding": "base64",
                                "content": base64.b64encode(APACHE_TEXT.encode()).decode(),
                            },
                        }
                    },
                ],
            }
        ],
    }
    json_path = tmp_path / "bom.json"
    json_path.write_text(json.dumps(doc))
    from_xml, from_json = load(xml_path).components[0], load(json_path).components[0]
    assert from_xml.declared == from_json.declared
    assert from_xml.concluded == from_json.concluded == "MIT"
    assert from_xml.extra["license_texts"] == from_json.extra["license_texts"]


def test_npm_development_property_gives_the_dev_scope_in_both_encodings(tmp_path):
    xml_path = tmp_path / "bom.xml"
    xml_path.write_text(
        '<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components>'
        '<component type="library"><name>jest</name><version>29.0.0</version><properties>'
        '<property name="cdx:npm:package:development">true</property></properties></component>'
        '<component type="library"><name>left-pad</name><version>1.3.0</version><properties>'
        '<property name="cdx:npm:package:development">false</property></properties></component>'
        "</components></bom>"
    )
    json_path = tmp_path / "bom.json"
    json_path.write_text(
        json.dumps(
            {
                "bomFormat": "CycloneDX",
                "specVersion": "1.5",
                "components": [
                    {
                        "name": "jest",
                        "version": "29.0.0",
                        "properties": [{"name": "cdx:npm:package:development", "value": "true"}],
                    },
                    {
                        "name": "left-pad",
                        "version": "1.3.0",
                        "scope": "required",  # a stated scope wins
                        "properties": [{"name": "cdx:npm:package:development", "value": "true"}],
                    },
                ],
            }
        )
    )
    assert [c.scope for c in load(xml_path).components] == [Scope.DEV, None]
    assert [c.scope for c in load(json_path).components] == [Scope.DEV, Scope.RUNTIME]


def test_a_cyclonedx_xml_file_is_found_by_its_content_whatever_its_name(run, tmp_path):
    odd = tmp_path / "export-2024.txt"
    odd.write_bytes(NAME_XML.read_bytes())
    doc = run("check", odd, "-p", "internal-use", "-f", "json").json
    assert doc["inputs"][0]["format"] == "cyclonedx-xml"


def test_utf16_xml_with_a_byte_order_mark_is_read(tmp_path):
    text = NAME_XML.read_text().replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
    path = tmp_path / "export.xml"
    path.write_bytes(text.encode("utf-16"))
    (component,) = load(path).components
    assert component.name == "com.acme:tomcat-catalina" and component.location.line == 4


def test_sbom_files_are_found_in_a_directory_by_name(tmp_path):
    names = {
        "bom.1.4.xml": NAME_XML,
        "app.cdx.xml": NAME_XML,
        "bom.1.6.json": VALID_BOM,
        "deps.spdx": GO_TAGVALUE,
        "deps.spdx.yaml": YAML,
        "deps.spdx3.json": SPDX3_SPEC,
    }
    for name, source in names.items():
        (tmp_path / name).write_bytes(source.read_bytes())
    targets, errors = discover([tmp_path])
    assert not errors
    assert {t.path.name: t.spec.format for t in targets} == {
        "bom.1.4.xml": "cyclonedx-xml",
        "app.cdx.xml": "cyclonedx-xml",
        "bom.1.6.json": "cyclonedx-json",
        "deps.spdx": "spdx-tagvalue",
        "deps.spdx.yaml": "spdx-yaml",
        "deps.spdx3.json": "spdx3-jsonld",
    }


# -- hostile and broken XML: one line, exit 2, and the good file beside it is still reported --

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE bom [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
  <components><component type="library"><name>&lol9;</name></component></components>
</bom>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE bom [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
  <components><component type="library"><name>&secret;</name></component></components>
</bom>
"""

# an external DTD pulled in through a parameter entity (it must never be fetched)
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE bom [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"/>
"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BILLION_LAUGHS, "declares entities"),
        (EXTERNAL_ENTITY, "declares entities"),
        (PARAMETER_ENTITY, "declares entities"),
        (NAME_XML.read_bytes()[:700], "not well-formed XML"),
        (b"", "empty file"),
    ],
    ids=["billion-laughs", "external-entity", "parameter-entity", "truncated", "empty"],
)
def test_bad_xml_is_one_error_line_and_the_good_file_is_still_reported(run, tmp_path, content, message):
    bad = tmp_path / "bad.cdx.xml"
    bad.write_bytes(content)
    result = run("check", bad, NAME_XML, "-p", "internal-use", "-f", "json")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"osscheck: error: {bad}")
    assert message in lines[0] and "Traceback" not in result.stderr
    assert "passwd" not in result.stdout and "lollol" not in result.stdout
    doc = result.json  # the readable file is still in the report
    assert [c["name"] for c in doc["components"]] == ["com.acme:tomcat-catalina"]


def test_truncated_xml_alone_exits_2_with_its_line(run, tmp_path):
    bad = tmp_path / "bom.xml"
    bad.write_bytes(CERN.read_bytes()[:3000])
    result = run("check", bad)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"osscheck: error: {bad}:") and "not well-formed XML" in line


def test_xml_that_is_not_cyclonedx_is_refused(run, tmp_path):
    other = tmp_path / "bom.xml"
    other.write_text('<?xml version="1.0"?><bom xmlns="urn:example:inventory"><components/></bom>')
    result = run("check", other)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"osscheck: error: {other}: not a CycloneDX XML document (root element <bom> in "
        "urn:example:inventory, expected <bom> in the namespace http://cyclonedx.org/schema/bom/1.x)"
    )


# -- CycloneDX JSON --


def test_free_text_names_of_maven_sboms_reach_the_normaliser_as_names():
    components = load(DROPWIZARD).components
    names = {d.value for c in components for d in c.declared if d.kind == "name"}
    assert {"ASL 2.0", "GPL v2", "BSD licence", "Apache Software Licenses"} <= names
    bridge = next(c for c in components if c.name == "org.slf4j:log4j-over-slf4j")
    assert [(d.value, d.kind) for d in bridge.declared] == [
        ("Apache Software Licenses", "name"),
        ("http://www.apache.org/licenses/LICENSE-2.0.txt", "url"),
    ]
    assert bridge.location.line == 2180


def test_base64_licence_text_is_decoded_and_kept_for_notices():
    component = next(c for c in load(VALID_BOM).components if c.extra.get("license_texts"))
    assert [(d.value, d.kind) for d in component.declared] == [("Apache-2.0", "id")]
    (text,) = component.extra["license_texts"]
    assert text["license"] == "Apache-2.0"
    assert "Apache License" in text["text"] and "Version 2.0, January 2004" in text["text"]


def test_commercial_licence_keeps_its_name_and_terms():
    (component,) = load(LICENSING).components
    assert [(d.value, d.kind) for d in component.declared] == [("Acme Commercial License", "name")]
    (terms,) = component.extra["licensing"]
    assert terms["licensor"] == "Acme Inc" and terms["licensee"] == "Example Co."
    assert terms["purchaser"] == "Samantha Wright" and terms["expiration"] == "2023-04-13T20:20:39+00:00"
    assert terms["altIds"] == ["acme", "acme-license"]


def test_concluded_acknowledgement_is_preferred_over_declared(run, tmp_path):
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [
            {
                "name": "dep",
                "version": "1",
                "purl": "pkg:npm/dep@1",
                "licenses": [
                    {"expression": "GPL-2.0-only OR MIT", "acknowledgement": "declared"},
                    {"license": {"id": "MIT", "acknowledgement": "concluded"}},
                ],
            }
        ],
    }
    path = tmp_path / "bom.cdx.json"
    path.write_text(json.dumps(doc))
    (component,) = load(path).components
    assert component.concluded == "MIT"
    assert [(d.value, d.kind) for d in component.declared] == [("GPL-2.0-only OR MIT", "expression")]
    (reported,) = run("check", path, "-p", "internal-use", "-f", "json").json["components"]
    assert (reported["license"], reported["method"]) == ("MIT", "concluded")


# -- SPDX tag-value --


def test_spdx_tagvalue_packages_project_and_lines():
    result = load(TAGVALUE)
    assert result.project is not None and result.project.name == "glibc"
    assert [d.value for d in result.project.declared] == ["(LGPL-2.0-only AND LicenseRef-3)"]
    components = by_name(result)
    assert set(components) == {"glibc", "Apache Commons Lang", "Jena", "Saxon"}
    glibc = components["glibc"]
    assert glibc.concluded == "(LGPL-2.0-only OR LicenseRef-3)"  # concluded preferred over declared
    assert glibc.extra["license_names"] == {"LicenseRef-3": "CyberNeko License"}
    assert glibc.extra["license_texts"][0]["license"] == "LicenseRef-3"
    assert "CyberNeko" in glibc.extra["license_texts"][0]["text"]
    assert components["Jena"].purl == "pkg:maven/org.apache.jena/apache-jena@3.12.0"
    assert components["Saxon"].concluded == "MPL-1.0" and components["Saxon"].version == "8.8"
    assert components["Apache Commons Lang"].concluded is None  # NOASSERTION is unknown
    lines = TAGVALUE.read_text().splitlines()
    for c in result.components:
        assert lines[c.location.line - 1] == f"PackageName: {c.name}"


def test_spdx_tagvalue_multi_line_text_and_licence_names():
    (component,) = load(GO_TAGVALUE).components
    assert component.concluded == "GPL-3.0-or-later AND LicenseRef-Golang-BSD-plus-Patents"
    assert component.extra["license_names"] == {
        "LicenseRef-Golang-BSD-plus-Patents": "Golang BSD-plus-PATENTS"
    }
    (text,) = component.extra["license_texts"]
    assert text["text"].startswith("Copyright (c) 2009 The Go Authors.")
    assert text["text"].endswith("shall terminate as of the date such litigation is filed.")


def test_spdx_tagvalue_document_describes_and_an_unclosed_text(run, tmp_path):
    path = tmp_path / "x.spdx"
    path.write_text(
        "SPDXVersion: SPDX-2.1\nDataLicense: CC0-1.0\nDocumentDescribes: SPDXRef-app\n\n"
        "PackageName: app\nSPDXID: SPDXRef-app\nPackageLicenseDeclared: EUPL-1.2\n\n"
        "PackageName: lib\nSPDXID: SPDXRef-lib\nPackageVersion: 1.10\n"
        "PackageLicenseDeclared: MIT\nPackageLicenseConcluded: NOASSERTION\n"
        "ExternalRef: PACKAGE-MANAGER purl pkg:pypi/lib@1.10\n"
        "PackageComment: <text>one\ntwo: not a tag</text>\n"
    )
    result = load(path)
    assert result.project.name == "app" and [d.value for d in result.project.declared] == ["EUPL-1.2"]
    lib = by_name(result)["lib"]
    assert (lib.version, lib.purl, lib.concluded) == ("1.10", "pkg:pypi/lib@1.10", None)
    assert [d.value for d in lib.declared] == ["MIT"] and lib.location.line == 9
    broken = tmp_path / "broken.spdx"
    broken.write_text("SPDXVersion: SPDX-2.3\nPackageName: x\nPackageComment: <text>never closed\n")
    out = run("check", broken)
    assert out.exit_code == 2
    assert (
        out.stderr.strip()
        == f"osscheck: error: {broken}:3: <text> of PackageComment is not closed by </text>"
    )


def test_spdx_json_lines_are_where_packages_are_defined():
    path = DATA / "spdx" / "SPDXJSONExample-v2.3.spdx.json"
    result = load(path)
    lines = path.read_text().splitlines()
    # "SPDXRef-Package" is first written in documentDescribes, the package comes later
    assert lines[result.project.location.line - 1].strip() == '"SPDXID" : "SPDXRef-Package",'
    for c in result.components:
        assert lines[c.location.line - 1].strip().startswith('"SPDXID" : ')


# -- SPDX YAML --


def test_spdx_yaml_reads_like_spdx_json_with_lines():
    result = load(YAML)
    assert result.format == "spdx-yaml"
    assert result.project.name == "glibc"
    components = by_name(result)
    assert set(components) == {"Apache Commons Lang", "Jena", "Saxon", "glibc"}  # glibc is also the project
    assert components["Saxon"].concluded == "MPL-1.0" and components["Saxon"].version == "8.8"
    lines = YAML.read_text().splitlines()
    assert lines[components["Saxon"].location.line - 1].strip() == '- SPDXID: "SPDXRef-Saxon"'
    assert lines[result.project.location.line - 1].strip() == '- SPDXID: "SPDXRef-Package"'


def test_spdx_yaml_keeps_versions_as_written_and_reports_syntax_errors(run, tmp_path):
    path = tmp_path / "x.spdx.yaml"
    path.write_text(
        "spdxVersion: SPDX-2.3\npackages:\n  - SPDXID: SPDXRef-a\n    name: a\n    versionInfo: 1.10\n"
        "    licenseConcluded: MIT\n"
    )
    (component,) = load(path).components
    assert component.version == "1.10" and component.location.line == 3
    broken = tmp_path / "broken.spdx.yaml"
    broken.write_text("spdxVersion: SPDX-2.3\npackages:\n  - name: [a\n")
    out = run("check", broken)
    assert out.exit_code == 2 and out.stderr.startswith(f"osscheck: error: {broken}:")
    assert len(out.stderr.strip().splitlines()) == 1


# -- SPDX 3 --


def test_spdx3_licences_come_from_relationships():
    result = load(SPDX3_CARGO)
    assert result.project.name == "hello-server-src"  # the root package
    assert [d.value for d in result.project.declared] == ["Apache-2.0"]
    components = by_name(result)
    assert set(components) == {"hello-server-src", "hyper", "tokio", "pretty_env_logger"}
    assert components["hyper"].purl == "pkg:cargo/hyper@0.14"
    assert components["hyper"].concluded == "MIT" and components["hyper"].declared == []  # NOASSERTION
    assert components["pretty_env_logger"].concluded == "(MIT OR Apache-2.0)"
    lines = SPDX3_CARGO.read_text().splitlines()
    for c in result.components:
        assert '"spdxId"' in lines[c.location.line - 1]


def test_spdx3_project_is_the_outbound_licence(run):
    doc = run("check", SPDX3_GO, "-p", "internal-use", "-f", "json").json
    assert doc["policy"]["outbound"] == "GPL-3.0-or-later AND LicenseRef-Golang-BSD-plus-Patents"
    result = load(SPDX3_SPEC)
    assert result.project.name == "my-package" and result.project.declared == []


def test_spdx3_prefixed_and_unprefixed_spellings_and_licence_elements(tmp_path):
    doc = {
        "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
        "elements": [
            {"type": "SpdxDocument", "spdxId": "urn:doc", "rootElement": ["urn:app"]},
            {"type": "Package", "spdxId": "urn:app", "name": "app", "packageVersion": "1"},
            {
                "type": "software:Package",
                "spdxId": "urn:lib",
                "name": "lib",
                "software:packageVersion": "2.0",
                "externalIdentifier": [
                    {"externalIdentifierType": "packageUrl", "identifier": "pkg:npm/lib@2.0"}
                ],
            },
            {"type": "expandedlicensing_ListedLicense", "spdxId": "https://spdx.org/licenses/EUPL-1.2"},
            {
                "type": "expandedlicensing_CustomLicense",
                "spdxId": "urn:x/LicenseRef-acme",
                "name": "Acme EULA",
                "simplelicensing_licenseText": "You may not.",
            },
            {
                "type": "Relationship",
                "from": "urn:app",
                "relationshipType": "hasDeclaredLicense",
                "to": ["https://spdx.org/licenses/EUPL-1.2"],
            },
            {
                "type": "Relationship",
                "from": "urn:lib",
                "relationshipType": "hasConcludedLicense",
                "to": ["urn:x/LicenseRef-acme"],
            },
            {
                "type": "LifecycleScopedRelationship",
                "from": "urn:app",
                "relationshipType": "dependsOn",
                "to": ["urn:lib"],
                "scope": "development",
            },
        ],
    }
    path = tmp_path / "odd-name.json"
    path.write_text(json.dumps(doc, indent=1))
    result = load(path)
    assert result.format == "spdx3-jsonld"
    assert [d.value for d in result.project.declared] == ["EUPL-1.2"]
    lib = by_name(result)["lib"]
    assert (lib.version, lib.purl, lib.concluded, lib.scope) == (
        "2.0",
        "pkg:npm/lib@2.0",
        "LicenseRef-acme",
        Scope.DEV,
    )
    assert lib.extra["license_names"] == {"LicenseRef-acme": "Acme EULA"}
    assert lib.extra["license_texts"] == [{"license": "LicenseRef-acme", "text": "You may not."}]


def test_spdx3_under_an_spdx2_file_name_is_still_read(tmp_path):
    path = tmp_path / "sbom.spdx.json"
    path.write_bytes(SPDX3_CARGO.read_bytes())
    (target,), _ = discover([tmp_path])
    assert target.spec.format == "spdx3-jsonld"  # an SBOM's name: its reader is chosen by the content
    result = read(target)
    assert result.format == "spdx3-jsonld" and len(result.components) == 4


def test_every_sbom_reader_is_registered():
    formats = {spec.format for spec in READERS}
    assert {
        "cyclonedx-json",
        "cyclonedx-xml",
        "spdx-json",
        "spdx-yaml",
        "spdx-tagvalue",
        "spdx3-jsonld",
    } <= formats


def test_output_is_deterministic(run):
    first = run("check", CERN, TAGVALUE, SPDX3_CARGO, "-p", "internal-use", "-f", "json").stdout
    assert first == run("check", CERN, TAGVALUE, SPDX3_CARGO, "-p", "internal-use", "-f", "json").stdout

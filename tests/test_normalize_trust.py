"""Normalisation that must not be fooled: white space, unmatched brackets, the whole SPDX list."""

from __future__ import annotations

import json

import pytest

from osscheck.errors import ExpressionError
from osscheck.licenses import catalog
from osscheck.licenses.expression import parse
from osscheck.licenses.normalize import normalize

# Keycloak 10.0.2's SBOM (CycloneDX bom-examples) names tomcat-servlet-api's licences so; the XML
# encoding wraps the name over two lines
KEYCLOAK_NAME = (
    "Apache License, Version 2.0 and Common Development And Distribution License (CDDL) Version 1.0"
)
WRAPPED_NAME = KEYCLOAK_NAME.replace(" and ", " and\n              ")

XML_BOM = """<?xml version="1.0" encoding="UTF-8"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.4" version="1">
  <components>
    <component type="library">
      <group>org.apache.tomcat</group>
      <name>tomcat-servlet-api</name>
      <version>8.5.38</version>
      <licenses>
        <license>
          <name>{name}</name>
        </license>
        <expression>
          MIT OR
          Apache-2.0
        </expression>
      </licenses>
      <purl>pkg:maven/org.apache.tomcat/tomcat-servlet-api@8.5.38?type=jar</purl>
    </component>
  </components>
</bom>
"""


def _check_json(run, path) -> dict:  # type: ignore[no-untyped-def]
    result = run("check", path, "-f", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    return result.json


# --- 10.6 white space --------------------------------------------------------------------------


def test_a_name_wrapped_over_lines_is_a_name_not_a_pasted_text():
    wrapped = normalize(WRAPPED_NAME, "name")
    assert wrapped.license == normalize(KEYCLOAK_NAME, "name").license == "Apache-2.0 AND CDDL-1.0"
    assert wrapped.method != "text"


def test_a_wrapped_expression_and_tabs_are_read_as_the_expression():
    assert normalize("MIT OR\n   Apache-2.0", "expression").license == "MIT OR Apache-2.0"
    assert normalize("MIT\tOR\tApache-2.0", "expression").license == "MIT OR Apache-2.0"


def test_a_short_text_of_several_lines_is_still_read_as_a_text():
    # the name path says nothing here, so the text path still has its say
    found = normalize("Licensed under the MIT License.\nSee the LICENSE file.", "name")
    assert found.license == "MIT"


def test_xml_sbom_collapses_white_space_in_licence_names_and_expressions(run, tmp_path):
    path = tmp_path / "bom.xml"
    path.write_text(XML_BOM.format(name=WRAPPED_NAME), encoding="utf-8")
    (component,) = _check_json(run, path)["components"]
    assert component["declared"] == [KEYCLOAK_NAME, "MIT OR Apache-2.0"]
    assert "Apache-2.0 AND CDDL-1.0" in component["license"]
    assert "text" not in component["method"].split("+")


def test_xml_and_json_twins_give_the_same_licence(run, tmp_path):
    xml_path = tmp_path / "bom.xml"
    xml_path.write_text(XML_BOM.format(name=WRAPPED_NAME), encoding="utf-8")
    json_path = tmp_path / "bom.json"
    component = {
        "type": "library",
        "name": "tomcat-servlet-api",
        "version": "8.5.38",
        "licenses": [{"license": {"name": KEYCLOAK_NAME}}, {"expression": "MIT OR Apache-2.0"}],
    }
    doc = {"bomFormat": "CycloneDX", "specVersion": "1.4", "version": 1, "components": [component]}
    json_path.write_text(json.dumps(doc), encoding="utf-8")
    (from_xml,) = _check_json(run, xml_path)["components"]
    (from_json,) = _check_json(run, json_path)["components"]
    assert (from_xml["license"], from_xml["method"]) == (from_json["license"], from_json["method"])


# --- 11.10 unmatched brackets --------------------------------------------------------------------


def test_unmatched_brackets_that_read_two_ways_are_unknown():
    found = normalize("MIT OR SSPL-1.0) AND GPL-3.0-only", "expression")
    assert found.license is None and found.method == "ambiguous"
    assert any("(MIT OR SSPL-1.0) AND GPL-3.0-only" in str(n) for n in found.notes)


def test_unmatched_brackets_in_names_are_unknown_too():
    found = normalize("MIT License or SSPL) and GPL v3", "name")
    assert found.license is None and found.method == "ambiguous"


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("(MIT OR Apache-2.0", "MIT OR Apache-2.0"),
        ("MIT AND Apache-2.0)", "MIT AND Apache-2.0"),
        ("(MIT OR ISC) AND SSPL-1.0)", "(MIT OR ISC) AND SSPL-1.0"),
    ],
)
def test_unmatched_brackets_with_one_reading_are_repaired_with_a_note(text, reading):
    found = normalize(text, "expression")
    assert found.license == reading and found.method == "spdx-corrected"
    assert found.confidence < 1.0 and any("brackets do not match" in str(n) for n in found.notes)


def test_bracket_readings_name_both_readings_and_give_up_on_many_brackets():
    from osscheck.licenses.expression import bracket_readings

    assert bracket_readings("(MIT OR ISC AND SSPL-1.0") == {
        "(MIT OR ISC) AND SSPL-1.0",
        "MIT OR (ISC AND SSPL-1.0)",
    }
    assert bracket_readings("((MIT) OR ((Apache-2.0 AND (ISC") is None
    assert normalize("((MIT) OR ((Apache-2.0 AND (ISC", "expression").license is None


def test_policy_does_not_allow_the_lenient_reading(run, tmp_path):
    path = tmp_path / "bom.json"
    component = {
        "type": "library",
        "name": "x",
        "licenses": [{"expression": "MIT OR SSPL-1.0) AND GPL-3.0-only"}],
    }
    doc = {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": [component]}
    path.write_text(json.dumps(doc), encoding="utf-8")
    (found,) = _check_json(run, path)["components"]
    assert found["license"] is None and found["status"] != "allowed"


# --- small defects -----------------------------------------------------------------------------


def test_a_valid_expression_over_200_characters_in_brackets_is_read():
    ids = [k for k in sorted(catalog.spdx_ids()) if not catalog.spdx_ids()[k]][:40]
    body = " OR ".join(ids)
    assert len(body) > 200
    for text in (body, f"({body})"):
        found = normalize(text, "expression")
        assert found.license == parse(body).normalized and found.method == "spdx"


def test_every_id_of_the_shipped_spdx_list_is_recognised():
    missed = []
    for key, deprecated in catalog.spdx_ids().items():
        parsed = parse(key)
        found = normalize(key, "id")
        if parsed.unknown or found.license is None or found.license != parsed.normalized:
            missed.append(key)
        elif not deprecated and parsed.normalized != key:
            missed.append(key)  # a current id keeps its own spelling
    assert missed == []


def test_an_spdx_licence_the_scancode_index_calls_an_exception_is_a_licence():
    assert parse("MIT OR MPL-2.0-no-copyleft-exception").normalized == "MIT OR MPL-2.0-no-copyleft-exception"
    with_ = parse("GPL-2.0-only WITH MPL-2.0-no-copyleft-exception")
    assert any("not an exception on the SPDX list" in str(n) for n in with_.notes)


def test_explain_empty_brackets_is_one_clean_error(run):
    for text in ("()", "MIT AND ( )"):
        result = run("explain", text)
        assert result.exit_code == 2
        assert result.stderr.startswith("osscheck: error: empty brackets in the licence expression")
        assert "list index" not in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(ExpressionError):
        parse("(())")


def test_a_long_expression_with_a_stray_bracket_is_unknown_without_trying_every_repair():
    ids = [k for k in sorted(catalog.spdx_ids()) if not catalog.spdx_ids()[k]][:120]
    found = normalize(" OR ".join(ids) + ")", "expression")
    assert found.license is None and found.method == "ambiguous"
    short = normalize(" OR ".join(ids[:10]) + ")", "expression")
    assert short.license == parse(" OR ".join(ids[:10])).normalized

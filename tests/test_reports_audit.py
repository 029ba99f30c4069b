"""Audit formats: HTML report, CycloneDX and SPDX output, the third-party notice, progress.

Each document is checked by the tool that consumes it: CycloneDX by cyclonedx-python-lib's strict
JSON validator, SPDX by spdx-tools' validation, HTML by the standard library's parser.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import cyclonedx_library
from osscheck.licenses.catalog import license_list_version

# 2099-11-15 00:00 UTC: the register's exception expiring 2099-12-31 is then "soon"
EPOCH = int(dt.datetime(2099, 11, 15, tzinfo=dt.timezone.utc).timestamp())

MIT_TEXT = """MIT License

Copyright (c) 2009-2014 TJ Holowaychuk

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction."""

POLICY = """\
[policy]
name = "stadt-muster"
title = "Fachverfahren <Muster> & Portal"
extends = "public-code"
unknown = "review"

[[exceptions]]
package = "pkg:npm/oracle-client"
license = "LicenseRef-oracle-otn"
justification = "Database driver required by the procedure <Meldewesen>; no alternative."
approved-by = "OSPO, 2026-03-01"
reference = "OSPO-2026-017"
expires = 2100-03-01

[[exceptions]]
package = "pkg:npm/gpl-widget"
justification = "Widget for the citizen portal; replaced in Q3."
approved-by = "IT-Leitung"
reference = "IT-2026-4"
expires = 2099-12-31

[[exceptions]]
package = "pkg:npm/old-lib"
justification = "Legacy export; retired."
approved-by = "OSPO"
expires = 2020-01-31

[[exceptions]]
package = "pkg:npm/not-there"
justification = "No longer used."
expires = 2100-06-01
"""


_lib = cyclonedx_library


def _bom() -> dict:
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
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
            _lib("lgpl-lib", "1.2.0", [{"expression": "LGPL-2.1-or-later"}]),
            _lib("apache-lib", "2.0.0", [{"license": {"name": "Apache License, Version 2.0"}}]),
            _lib("mongo-thing", "5.0.0", [{"expression": "SSPL-1.0"}]),
            _lib("odd", "0.1.0", [{"expression": "Foo-License"}]),
            _lib("mystery", "0.0.1", None),
            _lib("oracle-client", "21.0.0", [{"expression": "LicenseRef-oracle-otn"}]),
            _lib("gpl-widget", "0.9.1", [{"expression": "GPL-3.0-only"}]),
            _lib("old-lib", "2.0.0", [{"expression": "GPL-2.0-only"}]),
            _lib("dup", "1.0.0", [{"expression": "MIT"}]),
            _lib("dup", "1.0.0", [{"expression": "BSD-3-Clause"}], purl_type="pypi"),
            _lib("jest", "29.0.0", [{"expression": "MIT"}], scope="excluded"),
            # Bugroff is on the SPDX list but not in the CycloneDX schema's snapshot of it
            _lib("newer", "1.0.0", [{"license": {"id": "Bugroff"}}, {"license": {"id": "Apache-2.0"}}]),
            # as keycloak's SBOM writes it: two URLs in one field, which is no IRI
            _lib(
                "servlet-api",
                "4.0.1",
                [
                    {
                        "license": {
                            "name": "Apache License, Version 2.0 and CDDL Version 1.0",
                            "url": "http://www.apache.org/licenses/LICENSE-2.0.txt and "
                            "http://www.opensource.org/licenses/cddl1.txt",
                        }
                    }
                ],
                purl_type="maven",
            ),
        ],
    }


@pytest.fixture
def audit(tmp_path, monkeypatch):
    """An SBOM with allowed, denied, review, exempted and ignored components, and its policy."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    (tmp_path / "bom.cdx.json").write_text(json.dumps(_bom(), indent=2), encoding="utf-8")
    (tmp_path / "policy.toml").write_text(POLICY, encoding="utf-8")
    return tmp_path


def _produce(run, fmt: str, *extra: str) -> str:
    result = run("check", "bom.cdx.json", "-p", "policy.toml", "-f", fmt, *extra)
    assert result.exit_code == 1, result.stderr  # mongo-thing and old-lib are denied
    assert result.stderr == ""
    return result.stdout


# --- HTML -----------------------------------------------------------------------------------------


class _Page(HTMLParser):
    """Collects what matters for a self-contained page: tags, references, text per section."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.references: list[str] = []
        self.styles: list[str] = []
        self.rows: list[tuple[str, str]] = []  # (class of <tr>, its text)
        self.svg_titles: list[str] = []
        self.text: list[str] = []
        self._in: list[str] = []
        self._row: list[str] | None = None
        self._row_class = ""
        self.lang = ""
        self.unbalanced: list[tuple[str, tuple[int, int]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in ("meta", "br"):  # void elements: no end tag
            self._in.append(tag)
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action", "poster", "data") and value is not None:
                self.references.append(value)
            if name == "style" and value:
                self.styles.append(value)
        if tag == "tr":
            self._row, self._row_class = [], values.get("class") or ""

    def handle_endtag(self, tag):
        if not self._in or self._in[-1] != tag:
            self.unbalanced.append((tag, self.getpos()))
        while self._in and self._in.pop() != tag:
            pass
        if tag == "tr" and self._row is not None:
            self.rows.append((self._row_class, " ".join(self._row)))
            self._row = None

    def handle_data(self, data):
        if self._in and self._in[-1] == "style":
            self.styles.append(data)
        if self._in and self._in[-1] == "title" and "svg" in self._in:
            self.svg_titles.append(data)
        if self._row is not None:
            self._row.append(data.strip())
        self.text.append(data)

    def row(self, needle: str, register: bool = False) -> tuple[str, str]:
        """The first table row containing ``needle`` (``register``: of the justification register)."""
        return next(r for r in self.rows if needle in r[1] and (r[0] or not register))


def _page(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def test_html_is_self_contained_with_charts_register_and_stamp(run, audit):
    text = _produce(run, "html")
    page = _page(text)
    assert page.unbalanced == [] and page._in == []  # well-formed: every element closed in order
    # no network: nothing fetched, nothing executed
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(page.tags)
    assert all(ref.startswith("#") for ref in page.references), page.references
    assert not any("url(" in s or "@import" in s or "http" in s for s in page.styles)
    # charts: inline SVG, with accessible titles naming what they count
    assert page.tags.count("svg") == 2
    assert any("by status" in t for t in page.svg_titles)
    assert any("by licence category" in t for t in page.svg_titles)
    assert any(t.startswith("denied: 2") for t in page.svg_titles)
    # problems first, with where, why and what to do
    body = "".join(page.text)
    assert body.index("Problems") < body.index("Justification register") < body.index("Inventory")
    denied = page.row("mongo-thing")
    assert "bom.cdx.json:" in denied[1] and "deny list" in denied[1] and "Replace the component" in denied[1]
    # the register: every exception, with justification, approver, reference and expiry state
    oracle = page.row("pkg:npm/oracle-client", register=True)
    assert "OSPO-2026-017" in oracle[1] and "OSPO, 2026-03-01" in oracle[1] and "2100-03-01" in oracle[1]
    assert "<Meldewesen>" in oracle[1]  # shown as written, after escaping
    assert page.row("pkg:npm/old-lib", register=True)[0] == "expired"
    assert page.row("pkg:npm/gpl-widget", register=True)[0] == "soon"
    assert page.row("pkg:npm/not-there", register=True)[0] == "unused"
    assert oracle[0] == "active"
    # obligations and the full inventory
    assert "allow users to replace the library" in body
    assert "pkg:pypi/dup@1.0.0" in body and "pkg:npm/jest@29.0.0" in body
    # audit stamp: versions, policy digest, input digest, date from SOURCE_DATE_EPOCH
    report = json.loads(_produce(run, "json"))
    assert report["policy"]["digest"] in body
    assert report["inputs"][0]["sha256"] in body
    assert license_list_version() in body
    assert page.row("Date")[1].endswith("2099-11-15")


def test_register_agrees_with_the_verdicts_whatever_the_stamp_date(run, audit, monkeypatch):
    # a stamp date before the expiry (a build dated at its last commit): the verdicts were made
    # today, and the register must not call an exception in force that the verdicts found expired
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(dt.datetime(2019, 6, 1, tzinfo=dt.timezone.utc).timestamp()))
    )
    page = _page(_produce(run, "html"))
    assert page.row("pkg:npm/old-lib", register=True)[0] == "expired"


def test_html_escapes_everything_from_inputs_and_policy(run, audit):
    text = _produce(run, "html")
    assert "&lt;Muster&gt; &amp; Portal" in text
    assert "&lt;Meldewesen&gt;" in text
    assert "<Muster>" not in text and "<Meldewesen>" not in text


def test_html_in_german(run, audit):
    text = _produce(run, "html", "--lang", "de")
    page = _page(text)
    assert page.lang == "de"
    body = "".join(page.text)
    for german in (
        "Bericht zur Lizenz-Compliance",
        "Begründungsregister",
        "Prüfvermerk",
        "Pflichten",
        "verboten",
        "abgelaufen",
        "läuft bald ab",
        "Genehmigt von",
        "den Austausch der Bibliothek ermöglichen",
        "Die Lizenz ist nach der Richtlinie nicht erlaubt.",
    ):
        assert german in body, german
    assert any("Komponenten nach Ergebnis" in t for t in page.svg_titles)
    assert "Justification register" not in body and "Audit stamp" not in body


def test_html_verbose_shows_declarations_and_unreadable_inputs(run, audit):
    Path("broken.cdx.json").write_text('{"bomFormat": "CycloneDX", "components": [', encoding="utf-8")
    result = run("check", "bom.cdx.json", "broken.cdx.json", "-p", "policy.toml", "-f", "html", "-v")
    assert result.exit_code == 2 and result.stderr.startswith("osscheck: error: broken.cdx.json")
    page = _page(result.stdout)
    body = "".join(page.text)
    assert "Inputs that could not be read" in body and "broken.cdx.json" in body
    assert "Declared" in body and "Confidence" in body
    assert "Apache License, Version 2.0" in page.row("apache-lib pkg:npm/apache-lib@2.0.0")[1]


def test_html_with_no_problems_and_no_register(run, sbom, monkeypatch):
    path = sbom({"a": "MIT", "b": "Apache-2.0"})
    result = run("check", path, "-f", "html", "--lang", "de")
    assert result.exit_code == 0
    assert "Keine Probleme" in result.stdout and "keine Ausnahmen" in result.stdout


# --- CycloneDX ------------------------------------------------------------------------------------


def test_cyclonedx_is_valid_1_6_and_records_verdicts(run, audit):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    text = _produce(run, "cyclonedx")
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    bom = json.loads(text)
    assert bom["specVersion"] == "1.6"
    assert bom["metadata"]["timestamp"] == "2099-11-15T00:00:00Z"
    assert bom["metadata"]["tools"]["components"][0]["name"] == "osscheck"
    project = bom["metadata"]["component"]
    assert project["name"] == "buergerportal" and project["licenses"][0]["expression"] == "EUPL-1.2"
    by_ref = {c["bom-ref"]: c for c in bom["components"]}
    assert len(by_ref) == len(bom["components"]) == 15

    def props(ref: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for p in by_ref[ref]["properties"]:
            out.setdefault(p["name"], []).append(p["value"])
        return out

    dual = by_ref["pkg:npm/dual@1.0.0"]
    assert dual["licenses"] == [{"expression": "MIT OR GPL-3.0-only", "acknowledgement": "concluded"}]
    assert props("pkg:npm/dual@1.0.0")["osscheck:chosen"] == ["MIT"]
    assert props("pkg:npm/mongo-thing@5.0.0")["osscheck:status"] == ["denied"]
    assert props("pkg:npm/gpl-widget@0.9.1")["osscheck:status"] == ["exempted"]
    assert props("pkg:npm/gpl-widget@0.9.1")["osscheck:exception:reference"] == ["IT-2026-4"]
    assert props("pkg:npm/lgpl-lib@1.2.0")["osscheck:category"] == ["weak-copyleft"]
    assert "relinking" in props("pkg:npm/lgpl-lib@1.2.0")["osscheck:obligation"]
    assert by_ref["pkg:npm/jest@29.0.0"]["scope"] == "excluded"
    # the declaration differs from the conclusion: kept as declared evidence
    apache = by_ref["pkg:npm/apache-lib@2.0.0"]
    assert apache["licenses"][0]["expression"] == "Apache-2.0"
    assert apache["evidence"]["licenses"] == [
        {"license": {"name": "Apache License, Version 2.0", "acknowledgement": "declared"}}
    ]
    # an id that is not on the SPDX list is no conclusion; it stays visible as declared evidence
    odd = by_ref["pkg:npm/odd@0.1.0"]
    assert "licenses" not in odd
    assert odd["evidence"]["licenses"] == [
        {"license": {"name": "Foo-License", "acknowledgement": "declared"}}
    ]
    assert "licenses" not in by_ref["pkg:npm/mystery@0.0.1"]
    assert by_ref["pkg:npm/express@4.19.2"]["copyright"] == "Copyright (c) 2009-2014 TJ Holowaychuk"
    newer = by_ref["pkg:npm/newer@1.0.0"]["evidence"]["licenses"]
    assert {"license": {"name": "Bugroff", "acknowledgement": "declared"}} in newer
    assert {"license": {"id": "Apache-2.0", "acknowledgement": "declared"}} in newer


def test_cyclonedx_without_source_date_epoch_has_no_timestamp(run, audit, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    first = _produce(run, "cyclonedx")
    assert "timestamp" not in json.loads(first)["metadata"]
    assert _produce(run, "cyclonedx") == first


def test_cyclonedx_output_reads_back_with_the_same_verdicts(run, audit):
    before = {c["purl"]: c["license"] for c in json.loads(_produce(run, "json"))["components"]}
    Path("out.cdx.json").write_text(_produce(run, "cyclonedx"), encoding="utf-8")
    again = run("check", "out.cdx.json", "-p", "policy.toml", "-f", "json")
    after = {c["purl"]: c["license"] for c in again.json["components"]}
    assert after["pkg:npm/dual@1.0.0"] == before["pkg:npm/dual@1.0.0"] == "MIT OR GPL-3.0-only"
    assert after["pkg:npm/apache-lib@2.0.0"] == "Apache-2.0"
    assert again.json["policy"]["outbound"] == "EUPL-1.2"


# --- SPDX -----------------------------------------------------------------------------------------


def test_spdx_is_valid_2_3(run, audit):
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    text = _produce(run, "spdx")
    Path("out.spdx.json").write_text(text, encoding="utf-8")
    messages = validate_full_spdx_document(parse_file("out.spdx.json"))
    assert [m.validation_message for m in messages] == []
    doc = json.loads(text)
    assert doc["creationInfo"]["created"] == "2099-11-15T00:00:00Z"
    packages = {p["SPDXID"]: p for p in doc["packages"]}
    assert len(packages) == len(doc["packages"]) == 16  # the project and 15 components
    project = packages["SPDXRef-Project"]
    assert project["name"] == "buergerportal" and project["licenseDeclared"] == "EUPL-1.2"
    by_name = {}
    for p in doc["packages"]:
        by_name.setdefault(p["name"], []).append(p)
    assert len(by_name["dup"]) == 2 and by_name["dup"][0]["SPDXID"] != by_name["dup"][1]["SPDXID"]
    assert by_name["mystery"][0]["licenseConcluded"] == "NOASSERTION"
    assert by_name["mystery"][0]["licenseDeclared"] == "NOASSERTION"
    assert by_name["apache-lib"][0]["licenseConcluded"] == "Apache-2.0"
    assert by_name["apache-lib"][0]["licenseDeclared"] == "NOASSERTION"  # a name, not an expression
    # an id that is not on the SPDX list: declared as a LicenseRef, never as an invalid id
    assert by_name["odd"][0]["licenseConcluded"] == "NOASSERTION"
    assert by_name["odd"][0]["licenseDeclared"] == "LicenseRef-Foo-License"
    assert by_name["express"][0]["externalRefs"][0]["referenceLocator"] == "pkg:npm/express@4.19.2"
    assert by_name["newer"][0]["licenseDeclared"] == "LicenseRef-Bugroff AND Apache-2.0"
    extracted = {x["licenseId"]: x for x in doc["hasExtractedLicensingInfos"]}
    assert set(extracted) == {"LicenseRef-Bugroff", "LicenseRef-Foo-License", "LicenseRef-oracle-otn"}
    assert "Foo-License" in extracted["LicenseRef-Foo-License"]["extractedText"]
    kinds = {(r["spdxElementId"], r["relationshipType"]) for r in doc["relationships"]}
    assert ("SPDXRef-DOCUMENT", "DESCRIBES") in kinds and ("SPDXRef-Project", "DEPENDS_ON") in kinds
    jest = by_name["jest"][0]["SPDXID"]
    assert (jest, "DEV_DEPENDENCY_OF") in kinds


def test_spdx_carries_extracted_texts_from_the_input():
    from osscheck import api
    from osscheck.model import Component, Declaration, InputFile, Inventory
    from osscheck.reports._licenses import spdx_expression
    from osscheck.reports.spdx_out import document

    eula = "ACME End User Licence Agreement\n\n1. You may use this software inside your organisation."
    c = Component("acme-sdk", "3.1", "pkg:npm/acme-sdk@3.1", declared=[Declaration("LicenseRef-acme", "id")])
    c.extra["license_texts"] = [{"license": "LicenseRef-acme", "text": eula}]
    report = api.check(
        policy="internal-use", inventory=Inventory([InputFile("bom.spdx.json", "spdx-json", [c])])
    )
    (info,) = document(report)["hasExtractedLicensingInfos"]
    assert info == {
        "licenseId": "LicenseRef-acme",
        "extractedText": eula,
        "name": "acme",
        "comment": "Used by pkg:npm/acme-sdk@3.1.",
    }
    # an exception SPDX 2.3 cannot name becomes a licence of its own rather than an invalid id
    assert spdx_expression("GPL-2.0-only WITH Unknown-exception").text == (
        "LicenseRef-GPL-2.0-only-with-Unknown-exception"
    )


def test_spdx_output_of_an_spdx_input_is_valid(run, tmp_path, monkeypatch):
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    source = Path(__file__).parent / "data" / "spdx" / "SPDXJSONExample-v2.3.spdx.json"
    monkeypatch.chdir(tmp_path)
    result = run("check", source, "-p", "internal-use", "-f", "spdx")
    assert result.exit_code in (0, 1), result.stderr
    Path("again.spdx.json").write_text(result.stdout, encoding="utf-8")
    assert validate_full_spdx_document(parse_file("again.spdx.json")) == []
    doc = result.json
    assert doc["packages"][0]["licenseDeclared"] == "LGPL-2.0-only AND LicenseRef-3"
    # the licences found in glibc's files are carried too, their LicenseRef-* explained with the input's texts
    glibc = next(p for p in doc["packages"][1:] if p["name"] == "glibc")  # [0] is the project
    assert glibc["filesAnalyzed"] is True
    assert glibc["licenseInfoFromFiles"] == ["GPL-2.0-only", "LicenseRef-2", "LicenseRef-1"]
    extracted = {x["licenseId"]: x for x in doc["hasExtractedLicensingInfos"]}
    assert list(extracted) == ["LicenseRef-1", "LicenseRef-2", "LicenseRef-3"]
    assert "GRDDL parser" in extracted["LicenseRef-2"]["extractedText"]


# --- determinism ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["html", "cyclonedx", "spdx", "notice"])
def test_byte_identical_across_runs(run, audit, monkeypatch, fmt):
    assert _produce(run, fmt) == _produce(run, fmt)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert _produce(run, fmt) == _produce(run, fmt)


def test_stamp_date_follows_source_date_epoch(run, audit, monkeypatch):
    assert "2099-11-15" in _produce(run, "html")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    assert "2023-11-14" in _produce(run, "html")
    assert json.loads(_produce(run, "spdx"))["creationInfo"]["created"] == "2023-11-14T22:13:20Z"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    today = dt.datetime.now(dt.timezone.utc).date().isoformat()
    assert json.loads(_produce(run, "spdx"))["creationInfo"]["created"] == f"{today}T00:00:00Z"


# --- notice ---------------------------------------------------------------------------------------


def test_notice_groups_by_chosen_licence_with_texts_and_obligations(run, audit):
    result = run("notice", "bom.cdx.json", "-p", "policy.toml")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    mit = text[text.index("Licence: MIT\n") :]
    mit = mit[: mit.index("\n=====", 90)]
    # the OR choice lands in its chosen licence's group
    assert "dual 1.0.0" in mit and "licence chosen from: MIT OR GPL-3.0-only" in mit
    assert "express 4.19.2" in mit and "Copyright (c) 2009-2014 TJ Holowaychuk" in mit
    assert "Permission is hereby granted, free of charge" in mit  # the text from the SBOM
    # no text at hand: said so, with the SPDX page
    assert "https://spdx.org/licenses/MIT.html" in mit
    assert "https://spdx.org/licenses/LGPL-2.1-or-later.html" in text
    assert "Ask the supplier" in text  # LicenseRef-oracle-otn has no public text
    # obligations the policy's context brings
    assert "allow users to replace the library" in text  # LGPL relinking
    assert "written offer" in text  # source offer for the GPL component
    # what is not cleared is named; development-only components are not shipped
    assert "pkg:npm/mongo-thing@5.0.0: denied" in text
    assert "jest" not in text
    assert text.endswith("\n") and "\x00" not in text


def test_notice_in_german_to_a_file(run, audit):
    result = run("notice", "bom.cdx.json", "-p", "policy.toml", "--lang", "de", "-o", "NOTICE.txt")
    assert result.exit_code == 0 and result.stdout == ""
    text = Path("NOTICE.txt").read_text(encoding="utf-8")
    assert text.startswith("HINWEISE ZU SOFTWARE DRITTER")
    assert "den Austausch der Bibliothek ermöglichen" in text
    assert "Der Lizenztext ist veröffentlicht unter https://spdx.org/licenses/" in text


def test_notice_keeps_a_shared_text_once():
    from osscheck import api
    from osscheck.model import Component, Declaration, InputFile, Inventory, Location
    from osscheck.notice import build
    from osscheck.reports.notice_text import render_notice

    def comp(name: str, text: str | None, lic: str | None = "MIT") -> Component:
        c = Component(name, "1.0", f"pkg:npm/{name}@1.0", declared=[Declaration("MIT", "id")])
        c.location = Location("package-lock.json", 3)
        if text is not None:
            c.extra["license_texts"] = [{"license": lic, "text": text}]
        return c

    inventory = Inventory(
        inputs=[
            InputFile(
                "package-lock.json",
                "npm-lock",
                [comp("a", MIT_TEXT), comp("b", MIT_TEXT.replace("\n", "\n  ")), comp("c", None)],
            )
        ]
    )
    report = api.check(policy="internal-use", inventory=inventory)
    notice = build(report)
    (group,) = notice.groups
    with_text = [t for t in group.texts if t.text]
    assert len(with_text) == 1 and with_text[0].components == ["pkg:npm/a@1.0", "pkg:npm/b@1.0"]
    missing = [t for t in group.texts if t.text is None]
    assert (
        missing[0].components == ["pkg:npm/c@1.0"] and missing[0].url == "https://spdx.org/licenses/MIT.html"
    )
    assert render_notice(notice).count("Permission is hereby granted") == 1


def test_notice_places_texts_by_their_labels():
    from osscheck import api
    from osscheck.model import Component, Declaration, InputFile, Inventory
    from osscheck.notice import build

    apache = "Apache License\nVersion 2.0, January 2004"
    dual = Component("dual", "1.0", "pkg:npm/dual@1.0", declared=[Declaration("MIT OR Apache-2.0")])
    dual.extra["license_texts"] = [
        {"license": "Apache-2.0", "text": apache},
        {"license": "MIT", "text": MIT_TEXT},
    ]
    both = Component("both", "2.0", "pkg:npm/both@2.0", declared=[Declaration("MIT AND BSD-3-Clause")])
    both.extra["license_texts"] = [{"license": None, "text": "LICENSE file of both"}]
    inventory = Inventory([InputFile("bom.cdx.json", "cyclonedx-json", [dual, both])])
    notice = build(api.check(policy="internal-use", inventory=inventory))
    groups = {g.license: g for g in notice.groups}
    # the chosen branch's text only, not the text of the branch that was not chosen
    assert [t.text for t in groups["MIT"].texts] == [MIT_TEXT.strip("\n")]
    # an unlabelled text of a component under several licences is kept for the whole expression
    texts = groups["MIT AND BSD-3-Clause"].texts
    assert [(t.license, t.text) for t in texts if t.text] == [
        ("MIT AND BSD-3-Clause", "LICENSE file of both")
    ]
    assert {t.license for t in texts if t.text is None} == {"MIT", "BSD-3-Clause"}


def test_notice_from_installed_node_modules(run, tmp_path, monkeypatch):
    """Texts and copyright lines come from the installed packages' own licence files."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "package.json").write_text(
        '{"name": "app", "version": "1.0.0", "license": "EUPL-1.2", "dependencies": {"@scope/util": "^2"}}'
    )
    util = tmp_path / "node_modules" / "@scope" / "util"
    util.mkdir(parents=True)
    (util / "package.json").write_text('{"name": "@scope/util", "version": "2.0.1", "license": "MIT"}')
    (util / "LICENSE.md").write_text(MIT_TEXT.replace("2009-2014 TJ Holowaychuk", "2020 Scope Authors"))
    result = run("notice", "node_modules", "--lang", "de")
    assert result.exit_code == 0, result.stderr
    assert "app 1.0.0 (veröffentlicht unter EUPL-1.2)" in result.stdout
    assert "      Copyright (c) 2020 Scope Authors" in result.stdout
    assert "Lizenztext (MIT), verwendet von: pkg:npm/%40scope/util@2.0.1" in result.stdout
    assert "Permission is hereby granted" in result.stdout


def test_notice_of_nothing(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bom.cdx.json").write_text(
        json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": []})
    )
    result = run("notice", "bom.cdx.json")
    assert result.exit_code == 0
    assert "No third-party components were found." in result.stdout


def test_notice_of_an_unreadable_input_is_one_line_and_exit_2(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bom.cdx.json").write_text('{"bomFormat": "CycloneDX", "components": [')
    result = run("notice", "bom.cdx.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("osscheck: error:") and "Traceback" not in result.stderr


# --- progress -------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_only_after_a_moment_and_only_on_a_terminal():
    from osscheck.progress import Progress

    clock = _Clock()
    terminal = _Terminal()
    with Progress(3, "reading", stream=terminal, clock=clock, ticking=False) as progress:
        progress.step("a.json")
        assert terminal.getvalue() == ""  # a quick run shows nothing
        clock.now = 0.6
        progress.step("b.json")
        assert "osscheck: reading 2/3" in terminal.getvalue() and "b.json" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r")  # the line is cleared for what follows

    pipe = io.StringIO()
    with Progress(3, "reading", stream=pipe, clock=clock) as progress:
        clock.now = 10.0
        progress.step("c.json")
    assert pipe.getvalue() == ""


def test_progress_shows_one_long_step_while_it_lasts():
    import time

    from osscheck.progress import Progress

    terminal = _Terminal()
    with Progress(1, "reading", stream=terminal, delay=0.05) as progress:
        progress.step("big.cdx.json")
        deadline = time.monotonic() + 5
        while "big.cdx.json" not in terminal.getvalue() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert "osscheck: reading 1/1  big.cdx.json" in terminal.getvalue()
    written = terminal.getvalue()
    assert written.endswith("\r")
    time.sleep(0.1)
    assert terminal.getvalue() == written  # nothing drawn after close


def test_a_scan_through_the_api_writes_nothing_to_a_pipe(sbom, capsys):
    from osscheck import api

    api.scan([sbom({"a": "MIT"})])
    assert capsys.readouterr().err == ""

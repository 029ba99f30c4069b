"""publiccode.yml: legal.license as a declaration of the project's licence, dependsOn.proprietary as
components that need a justification, dependsOn.open as unknown, the standard's required keys as
located findings, and ``osscheck publiccode`` (real files of public projects, see tests/data/SOURCES.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import assert_one_error_line, load, write

DATA = Path(__file__).parent / "data" / "publiccode"
DOCSUITE = DATA / "DocSuitePA.publiccode.yml"  # 0.4.0, six proprietary dependencies
MIJN_SERVICES = DATA / "mijn-services.publiccode.yml"  # 0.4, no dependsOn

PROPRIETARY = [
    "Comped DigitaL Sign",
    "Dgroove Signer App",
    "Dynamic Web Twain",
    "ITextSharp (developer)",
    "LimiLabs Mail.dll (developer)",
    "Microsoft SQL Server",
]


def _project(tmp_path: Path, source: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copyfile(source, folder / "publiccode.yml")
    return folder


def test_legal_license_is_the_projects_declaration_with_its_line(tmp_path):
    source = load(_project(tmp_path, DOCSUITE) / "publiccode.yml")
    assert source.format == "publiccode-yml"
    assert [d.value for d in source.project.declared] == ["EUPL-1.2"]
    text = DOCSUITE.read_text(encoding="utf-8").splitlines()
    line = source.project.location.line
    assert text[line - 1].strip() == "license: EUPL-1.2"
    assert source.project.name == "Docsuite PA" and source.project.version == "9.25"


def test_proprietary_dependencies_are_judged_and_must_be_justified(tmp_path, run):
    folder = _project(tmp_path, DOCSUITE)
    result = run("check", folder, "-f", "json")
    assert result.exit_code == 1
    components = {c["name"]: c for c in result.json["components"]}
    assert sorted(components) == PROPRIETARY  # hardware (smart card reader, scanner) is not software
    assert {c["status"] for c in components.values()} == {"denied"}
    sql = components["Microsoft SQL Server"]
    assert sql["version"] == "2014 - 2022"
    lines = DOCSUITE.read_text(encoding="utf-8").splitlines()
    assert "Microsoft SQL Server" in lines[sql["location"]["line"] - 1]
    burden = result.json["burden_of_proof"]
    assert sorted(e["component"] for e in burden["components"] if e["justification"] is None) == [
        c["purl"] or f"{c['name']}@{c['version']}"
        for c in sorted(components.values(), key=lambda c: c["name"])
    ]
    assert not [f for f in result.json["findings"] if f["rule"] == "publiccode-invalid"]  # a valid file


def test_a_register_entry_justifies_a_proprietary_database(tmp_path, run):
    folder = _project(tmp_path, DOCSUITE)
    policy = write(
        tmp_path / "policy.toml",
        """
        [policy]
        name = "stadt"
        extends = "public-code"

        [[exceptions]]
        name = "Microsoft SQL Server"
        justification = "The Fachverfahren's vendor supports no other database"
        basis = "technical"
        approved-by = "IT-Steuerung"
        """,
    )
    result = run("check", folder, "-p", policy, "-f", "json")
    components = {c["name"]: c for c in result.json["components"]}
    assert components["Microsoft SQL Server"]["status"] == "exempted"
    assert components["Dynamic Web Twain"]["status"] == "denied"
    justified = {e["component"]: e["justification"] for e in result.json["burden_of_proof"]["components"]}
    assert (
        justified["Microsoft SQL Server@2014 - 2022"]
        == "The Fachverfahren's vendor supports no other database"
    )
    assert justified["Dynamic Web Twain@8 - 17"] is None


def test_open_dependencies_have_no_licence_facts_and_fail_closed(tmp_path, run):
    folder = tmp_path / "project"
    text = (
        MIJN_SERVICES.read_text(encoding="utf-8")
        + "\ndependsOn:\n  open:\n    - name: PostgreSQL\n      versionMin: '14'\n"
    )
    write(folder / "publiccode.yml", text)
    result = run("check", folder, "-f", "json")
    component = result.json["components"][0]
    assert component["name"] == "PostgreSQL" and component["license"] is None
    assert any(f["rule"] == "unknown-license" for f in result.json["findings"])
    assert result.exit_code == 1


def test_missing_required_keys_are_located_findings(tmp_path, run):
    folder = tmp_path / "project"
    write(
        folder / "publiccode.yml",
        """
        publiccodeYmlVersion: "0.4"
        name: Fachverfahren
        url: "https://example.org/fachverfahren.git"
        softwareType: website
        developmentStatus: stable
        platforms: [web]
        legal:
          mainCopyrightOwner: Stadt Beispielstadt
        maintenance:
          type: internal
        localisation:
          localisationReady: false
          availableLanguages: [de]
        """,
    )
    result = run("check", folder, "-f", "json")
    found = {
        f["message"]: f["location"]["line"]
        for f in result.json["findings"]
        if f["rule"] == "publiccode-invalid"
    }
    assert found == {
        "publiccode.yml: no 'description', which the standard requires": 1,
        "publiccode.yml: no 'legal.license', which the standard requires": 7,
        "publiccode.yml: softwareType: 'website' is not one of standalone/mobile, standalone/iot, "
        "standalone/desktop, standalone/web, standalone/backend, standalone/other, addon, library, "
        "configurationFiles": 4,
    }
    assert result.exit_code == 1
    german = run("check", folder, "--lang", "de")
    assert "kein 'legal.license', den der Standard verlangt" in german.stdout


def test_a_licence_that_is_no_spdx_expression_is_a_finding(tmp_path, run):
    folder = tmp_path / "project"
    text = MIJN_SERVICES.read_text(encoding="utf-8").replace(
        "license: EUPL-1.2", "license: EUPL 1.2 oder später"
    )
    write(folder / "publiccode.yml", text)
    result = run("check", folder, "-f", "json")
    messages = [f["message"] for f in result.json["findings"] if f["rule"] == "publiccode-invalid"]
    assert messages == [
        "publiccode.yml: legal.license 'EUPL 1.2 oder später' is not an SPDX licence expression"
    ]


def test_broken_yaml_and_unknown_versions_are_one_error_line(tmp_path, run):
    folder = tmp_path / "project"
    write(folder / "publiccode.yml", 'publiccodeYmlVersion: "0.4"\nname: [unclosed\n')
    assert_one_error_line(run("check", folder), "publiccode.yml")
    write(folder / "publiccode.yml", 'publiccodeYmlVersion: "1.0"\nname: x\n')
    result = run("check", folder)
    assert_one_error_line(result, "publiccode.yml:1")
    assert "1.0" in result.stderr


def test_publiccode_prints_the_legal_block_the_project_matches(tmp_path, run):
    folder = tmp_path / "project"
    write(
        folder / "pyproject.toml",
        '[project]\nname = "fachverfahren"\nversion = "1.0"\nlicense = "EUPL-1.2"\n',
    )
    write(
        folder / "LICENSE",
        "Copyright (c) 2024-2026 Stadt Beispielstadt <it@beispielstadt.example>\n\nEUPL text\n",
    )
    result = run("publiccode", folder)
    assert result.exit_code == 0
    block = yaml.safe_load(result.stdout)
    assert block == {
        "legal": {
            "license": "EUPL-1.2",
            "mainCopyrightOwner": "Stadt Beispielstadt <it@beispielstadt.example>",
        }
    }
    assert "osscheck check -f cyclonedx -o sbom.cdx.json" in result.stdout
    german = run("publiccode", folder, "--lang", "de")
    assert "Keine SBOM unter den Eingaben" in german.stdout


def test_publiccode_without_a_licence_has_nothing_to_paste(tmp_path, run):
    folder = tmp_path / "project"
    write(folder / "pyproject.toml", '[project]\nname = "fachverfahren"\nversion = "1.0"\n')
    result = run("publiccode", folder)
    assert result.exit_code == 1
    assert "legal:" not in result.stdout


def test_template_copyright_lines_are_no_owner():
    from osscheck.publiccode_cmd import _owner

    assert _owner("Copyright [yyyy] [name of copyright owner]") is None
    assert _owner("Copyright (c) <year> <copyright holders>") is None
    assert _owner("Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>") is None
    assert _owner("The above copyright notice and this permission notice shall be included") is None
    assert _owner("Copyright © 2021, Stadt Dortmund. All rights reserved.") == "Stadt Dortmund"


def test_this_repository_ships_a_valid_publiccode_yml(run):
    root = Path(__file__).parent.parent
    source = load(root / "publiccode.yml")
    assert source.project.extra["publiccode-problems"] == []
    assert [d.value for d in source.project.declared] == ["EUPL-1.2"]


def test_this_repository_passes_the_open_code_policy(run, monkeypatch):
    """Issue 16's own bar: ``osscheck check . -p open-code`` on this repository, its header scan
    included (which once took a test's string for a header cut at the end of the 8 KiB head)."""
    root = Path(__file__).parent.parent
    monkeypatch.chdir(root)
    result = run("check", ".", "-p", "open-code", "-f", "json")
    assert result.exit_code == 0, result.stdout[-2000:] + result.stderr
    assert not [c["name"] for c in result.json["components"] if c["status"] in ("denied", "review")]

"""The project's own licence, from every place it is declared: manifests, publiccode.yml, LICENSE files,
REUSE's LICENSES/, REUSE.toml and .reuse/dep5; where they disagree, and what is wrong with a text."""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import DATA, write
from osscheck.licenses.texts import complete, recognise
from osscheck.ownlicense.placeholders import placeholder

OWN = DATA / "project-license"
TEXTS = OWN / "texts"
JMBDE = OWN / "jmbde-python"
APACHE = (TEXTS / "debian-common-licenses-Apache-2.0").read_text(encoding="utf-8")
EUPL = (JMBDE / "LICENSE").read_text(encoding="utf-8")
MIT = (DATA / "normalize" / "texts" / "attrs-26.1.0-LICENSE").read_text(encoding="utf-8")
# the SPDX list's MIT template as `reuse download` wrote it: "Copyright (c) <year> <copyright holders>"
MIT_TEMPLATE = (JMBDE / "LICENSES" / "MIT.txt").read_text(encoding="utf-8")
PUBLICCODE = DATA / "publiccode" / "DocSuitePA.publiccode.yml"  # legal.license: EUPL-1.2

FULL_TEXTS = [
    (TEXTS / "debian-common-licenses-Apache-2.0", "Apache-2.0"),
    (JMBDE / "LICENSES" / "MIT.txt", "MIT"),
    (DATA / "normalize" / "texts" / "attrs-26.1.0-LICENSE", "MIT"),
    (DATA / "normalize" / "texts" / "pygments-2.21.0-LICENSE", "BSD-2-Clause"),
    (JMBDE / "LICENSES" / "BSD-3-Clause.txt", "BSD-3-Clause"),
    (DATA / "normalize" / "texts" / "isoduration-20.11.0-LICENSE", "ISC"),
    (TEXTS / "debian-common-licenses-MPL-2.0", "MPL-2.0"),
    (JMBDE / "LICENSE", "EUPL-1.2"),
    (DATA / "normalize" / "texts" / "debian-common-licenses-GPL-2", "GPL-2.0-only"),
    (TEXTS / "debian-common-licenses-GPL-3", "GPL-3.0-only"),
    (DATA / "normalize" / "texts" / "debian-common-licenses-LGPL-2.1", "LGPL-2.1-only"),
    (TEXTS / "debian-common-licenses-LGPL-3", "LGPL-3.0-only"),
    (TEXTS / "writefreely-LICENSE", "AGPL-3.0-only"),
    (JMBDE / "LICENSES" / "CC-BY-SA-4.0.txt", "CC-BY-SA-4.0"),
]


def pyproject(folder, license: str) -> None:
    write(folder / "pyproject.toml", f'[project]\nname = "demo"\nversion = "1.0"\nlicense = "{license}"\n')


def put(path, text: str) -> None:
    """Write a licence text as it is (conftest's ``write`` dedents)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def line_of(path, needle: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line
    )


def findings(result, rule: str) -> list[dict]:
    return [f for f in result.json["findings"] if f["rule"] == rule]


def where(finding: dict) -> tuple[str, int | None]:
    return finding["location"]["path"].rsplit("/", 1)[-1], finding["location"]["line"]


@pytest.mark.parametrize(("path", "expected"), FULL_TEXTS, ids=[e for _, e in FULL_TEXTS])
def test_the_full_texts_are_recognised_and_complete_and_half_of_a_long_one_is_not(path, expected):
    text = path.read_text(encoding="utf-8")
    found = recognise(text)
    assert found is not None and found.license == expected, found
    assert complete(text, expected)
    if len(text.split()) > 1000:  # the long texts end with their last section
        assert not complete(text[: len(text) // 2], expected)


def test_pyproject_mit_license_apache_and_publiccode_eupl_give_three_located_findings(tmp_path, run):
    pyproject(tmp_path, "MIT")
    put(tmp_path / "LICENSE", APACHE)
    shutil.copy(PUBLICCODE, tmp_path / "publiccode.yml")
    result = run("check", tmp_path, "-f", "json")
    conflicts = findings(result, "conflicting-project-licenses")
    eupl_line = line_of(tmp_path / "publiccode.yml", "license: EUPL-1.2")
    apache_line = line_of(tmp_path / "LICENSE", "Apache License")
    assert sorted(where(f) for f in conflicts) == sorted(
        [("pyproject.toml", 4), ("LICENSE", apache_line), ("publiccode.yml", eupl_line)]
    )
    by_file = {where(f)[0]: f for f in conflicts}
    # each names its own licence and, located, what the two others say
    assert "as MIT" in by_file["pyproject.toml"]["message"]
    assert f"LICENSE:{apache_line} (Apache-2.0)" in by_file["pyproject.toml"]["message"]
    assert f"publiccode.yml:{eupl_line} (EUPL-1.2)" in by_file["pyproject.toml"]["message"]
    assert "pyproject.toml:4 (MIT)" in by_file["publiccode.yml"]["message"]
    assert all(f["severity"] == "error" for f in conflicts) and result.exit_code == 1


def test_the_findings_are_facts_about_the_project_under_every_policy(tmp_path, run):
    pyproject(tmp_path, "MIT")
    put(tmp_path / "LICENSE", APACHE)
    for policy in ("public-code", "internal-use", "library"):
        result = run("check", tmp_path, "-f", "json", "-p", policy)
        assert len(findings(result, "conflicting-project-licenses")) == 2, policy


def test_an_agreeing_project_gets_no_finding_and_lists_every_declaration(tmp_path, run):
    # jmbde-python: pyproject EUPL-1.2, LICENSE the EUPL text, LICENSES/ with EUPL-1.2 among others
    shutil.copytree(JMBDE, tmp_path / "jmbde", ignore=shutil.ignore_patterns(".*"))
    result = run("check", tmp_path / "jmbde", "-f", "json")
    rules = {f["rule"] for f in result.json["findings"]}
    assert not rules & {"conflicting-project-licenses", "license-file-mismatch", "license-file-incomplete"}
    # REUSE keeps the SPDX templates in LICENSES/ (the copyright is in each file): no placeholder there
    assert "license-file-placeholder" not in rules and "license-file-unrecognised" not in rules
    listed = {(d["source"], d["license"]) for d in result.json["project"]["licenses"]}
    assert {("pyproject.toml", "EUPL-1.2"), ("license-file", "EUPL-1.2"), ("LICENSES", "EUPL-1.2")} <= listed
    # its REUSE.toml annotates parts (src/**, docs), never everything: no project licence from it
    assert not any(d["source"] == "REUSE.toml" for d in result.json["project"]["licenses"])


def test_a_dual_licence_with_both_texts_agrees_and_with_one_text_it_does_not(tmp_path, run):
    pyproject(tmp_path, "MIT OR Apache-2.0")
    put(tmp_path / "LICENSE-MIT", MIT)
    put(tmp_path / "LICENSE-APACHE", APACHE)
    result = run("check", tmp_path, "-f", "json")
    assert not findings(result, "conflicting-project-licenses")
    assert not findings(result, "license-file-mismatch")
    (tmp_path / "LICENSE-APACHE").unlink()
    result = run("check", tmp_path, "-f", "json")
    assert sorted(where(f) for f in findings(result, "conflicting-project-licenses")) == [
        ("LICENSE-MIT", 1),
        ("pyproject.toml", 4),
    ]


def test_a_license_file_named_for_one_licence_holding_another_is_a_mismatch(tmp_path, run):
    pyproject(tmp_path, "MIT OR Apache-2.0")
    put(tmp_path / "LICENSE-MIT", APACHE)
    put(tmp_path / "LICENSE-APACHE", MIT)
    result = run("check", tmp_path, "-f", "json")
    mismatches = findings(result, "license-file-mismatch")
    assert sorted(where(f) for f in mismatches) == [("LICENSE-APACHE", 1), ("LICENSE-MIT", 1)]
    assert any(
        "LICENSE-MIT is named for MIT but holds the text of Apache-2.0" in f["message"] for f in mismatches
    )


def test_reuse_licenses_mit_txt_holding_the_apache_text_is_a_mismatch(tmp_path, run):
    pyproject(tmp_path, "MIT")
    put(tmp_path / "LICENSE", MIT)
    put(tmp_path / "LICENSES" / "MIT.txt", APACHE)
    result = run("check", tmp_path, "-f", "json")
    (mismatch,) = findings(result, "license-file-mismatch")
    assert where(mismatch) == ("MIT.txt", 1) and "holds the text of Apache-2.0" in mismatch["message"]


def test_licenses_may_hold_more_than_the_project_licence_but_not_less(tmp_path, run):
    pyproject(tmp_path, "EUPL-1.2")
    put(tmp_path / "LICENSE", EUPL)
    (tmp_path / "LICENSES").mkdir()
    shutil.copy(JMBDE / "LICENSES" / "EUPL-1.2.txt", tmp_path / "LICENSES" / "EUPL-1.2.txt")
    shutil.copy(JMBDE / "LICENSES" / "CC-BY-SA-4.0.txt", tmp_path / "LICENSES" / "CC-BY-SA-4.0.txt")
    result = run("check", tmp_path, "-f", "json")
    assert not findings(result, "conflicting-project-licenses")  # the docs' CC-BY-SA-4.0 beside it
    (tmp_path / "LICENSES" / "EUPL-1.2.txt").unlink()
    result = run("check", tmp_path, "-f", "json")
    lacks = [f for f in findings(result, "conflicting-project-licenses") if f["location"]["line"] is None]
    assert len(lacks) == 1 and lacks[0]["location"]["path"].endswith("LICENSES")
    assert "LICENSES/ holds no text of EUPL-1.2" in lacks[0]["message"]


def test_a_license_with_unfilled_template_fields_is_a_finding_at_their_line(tmp_path, run):
    pyproject(tmp_path, "MIT")
    put(tmp_path / "LICENSE", MIT_TEMPLATE)
    result = run("check", tmp_path, "-f", "json")
    (unfilled,) = findings(result, "license-file-placeholder")
    assert where(unfilled) == ("LICENSE", line_of(tmp_path / "LICENSE", "<year>"))
    assert "<year>" in unfilled["message"] and unfilled["severity"] == "error"
    put(tmp_path / "LICENSE", MIT)  # attrs' MIT with its copyright line filled in
    assert not findings(run("check", tmp_path, "-f", "json"), "license-file-placeholder")


@pytest.mark.parametrize(
    "template",
    [
        "Copyright [yyyy] [name of copyright owner]",
        "Copyright (c) [year] [fullname]",
        "{yyyy} {name of copyright owner}",
        "<name of author>",
    ],
)
def test_the_usual_template_fields_are_placeholders(template):
    text = MIT.replace("Copyright (c) 2015 Hynek Schlawack and the attrs contributors", template)
    assert text != MIT
    assert placeholder(text) is not None and placeholder(text)[0] in template  # type: ignore[index]


def test_the_apache_appendix_is_part_of_the_licence_and_half_an_apache_text_is_incomplete(tmp_path, run):
    pyproject(tmp_path, "Apache-2.0")
    put(tmp_path / "LICENSE", APACHE)  # its appendix says "[yyyy] [name of copyright owner]"
    assert "[yyyy] [name of copyright owner]" in APACHE
    result = run("check", tmp_path, "-f", "json")
    assert not findings(result, "license-file-placeholder") and not findings(
        result, "license-file-incomplete"
    )
    lines = APACHE.splitlines(keepends=True)
    put(tmp_path / "LICENSE", "".join(lines[: len(lines) // 2]))
    result = run("check", tmp_path, "-f", "json")
    (cut,) = findings(result, "license-file-incomplete")
    assert where(cut) == ("LICENSE", len(lines) // 2) and "Apache-2.0" in cut["message"]
    assert not findings(result, "conflicting-project-licenses")  # cut short, still the Apache text


def test_requests_shipped_an_apache_text_cut_before_its_end(tmp_path, run):
    shutil.copy(DATA / "normalize" / "texts" / "requests-2.34.2-LICENSE", tmp_path / "LICENSE")
    result = run("check", tmp_path, "-f", "json", "-p", "internal-use")
    assert [where(f)[0] for f in findings(result, "license-file-incomplete")] == ["LICENSE"]


def test_the_gpl_how_to_apply_section_holds_no_placeholder_of_the_project(tmp_path, run):
    put(tmp_path / "COPYING", (TEXTS / "debian-common-licenses-GPL-3").read_text(encoding="utf-8"))
    pyproject(tmp_path, "GPL-3.0-or-later")
    result = run("check", tmp_path, "-f", "json")
    rules = {f["rule"] for f in result.json["findings"]}
    assert not rules & {"license-file-placeholder", "license-file-incomplete", "conflicting-project-licenses"}


def test_a_licence_text_osscheck_does_not_know_is_a_warning_not_a_pass(tmp_path, run):
    shutil.copy(DATA / "normalize" / "texts" / "nodeenv-1.12.0-LICENSE", tmp_path / "LICENSE")
    pyproject(tmp_path, "BSD-3-Clause")
    result = run("check", tmp_path, "-f", "json")
    (unknown,) = findings(result, "license-file-unrecognised")
    assert where(unknown) == ("LICENSE", 1) and unknown["severity"] == "warning"
    licences = {d["source"]: d["license"] for d in result.json["project"]["licenses"]}
    assert licences == {"license-file": None, "pyproject.toml": "BSD-3-Clause"}


def test_reuse_toml_default_annotation_and_dep5_files_star_are_read_with_their_lines(tmp_path, run):
    shutil.copy(JMBDE / "REUSE.toml", tmp_path / "REUSE.toml")
    with (tmp_path / "REUSE.toml").open("a", encoding="utf-8") as toml:
        toml.write(
            '\n[[annotations]]\npath = "**"\nprecedence = "closest"\nSPDX-License-Identifier = "EUPL-1.2"\n'
        )
    put(tmp_path / "LICENSE", EUPL)
    write(
        tmp_path / ".reuse" / "dep5",
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
        "Files: docs/*\nCopyright: 2024 Jürgen Mülbert\nLicense: CC-BY-SA-4.0\n\n"
        "Files: *\nCopyright: 2024 Jürgen Mülbert\nLicense: MIT\n",
    )
    result = run("check", tmp_path, "-f", "json", "-p", "internal-use")
    listed = {d["source"]: d for d in result.json["project"]["licenses"] if d["source"] != "license-file"}
    assert listed["REUSE.toml"]["license"] == "EUPL-1.2"
    assert listed["REUSE.toml"]["location"]["line"] == line_of(tmp_path / "REUSE.toml", '= "EUPL-1.2"')
    assert (listed[".reuse/dep5"]["license"], listed[".reuse/dep5"]["location"]["line"]) == ("MIT", 9)
    # dep5 says MIT where REUSE.toml and LICENSE say EUPL-1.2
    conflicts = findings(result, "conflicting-project-licenses")
    assert ("dep5", 9) in [where(f) for f in conflicts]


def test_the_json_report_lists_the_declarations_in_a_stable_order_even_without_a_name(tmp_path, run):
    put(tmp_path / "LICENSE", EUPL)
    shutil.copy(PUBLICCODE, tmp_path / "publiccode.yml")
    first = run("check", tmp_path, "-f", "json").json["project"]
    assert first == run("check", tmp_path, "-f", "json").json["project"]
    licences = first["licenses"]
    assert [d["source"] for d in licences] == ["license-file", "publiccode.yml"]
    assert licences[0] == {
        "source": "license-file",
        "license": "EUPL-1.2",
        "declared": "EUROPEAN UNION PUBLIC LICENCE v. 1.2",
        "location": {"path": str(tmp_path / "LICENSE"), "line": 1},
    }
    assert licences[1]["location"]["line"] == line_of(tmp_path / "publiccode.yml", "license: EUPL-1.2")


def test_files_named_list_the_manifests_declaration_and_read_no_licence_file(tmp_path, run):
    pyproject(tmp_path, "MIT")
    put(tmp_path / "LICENSE", APACHE)  # beside it, but a file argument is no folder search
    result = run("check", tmp_path / "pyproject.toml", "-f", "json")
    assert [(d["source"], d["license"]) for d in result.json["project"]["licenses"]] == [
        ("pyproject.toml", "MIT")
    ]
    assert not [
        f for f in result.json["findings"] if f["rule"].startswith(("license-file", "conflicting-project"))
    ]


def test_the_findings_speak_german(tmp_path, run):
    pyproject(tmp_path, "MIT")
    put(tmp_path / "LICENSE", MIT_TEMPLATE)
    put(tmp_path / "LICENSES" / "MIT.txt", APACHE)
    result = run("check", tmp_path, "--lang", "de")
    assert "enthält ein nicht ausgefülltes Vorlagenfeld: <year>" in result.stdout
    assert "ist nach MIT benannt, enthält aber den Text von Apache-2.0" in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_licence_file_that_cannot_be_read_fails_the_check_in_one_line(tmp_path, run):
    pyproject(tmp_path, "MIT")
    os.mkfifo(tmp_path / "LICENSE")  # never blocks: read as "not a regular file"
    result = run("check", tmp_path)
    assert result.exit_code == 2 and "LICENSE: not a regular file" in result.stderr
    assert "Traceback" not in result.stderr

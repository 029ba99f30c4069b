"""Licence texts of installed packages: what the shipped files decide, cut texts, npm arrays, FIFOs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import DATA
from osscheck import api
from osscheck.licenses.normalize import normalize
from osscheck.licenses.texts import recognise

SHIPPED = DATA / "license-texts"
TEXTS = DATA / "normalize" / "texts"
MIT = (TEXTS / "attrs-26.1.0-LICENSE").read_text(encoding="utf-8")
BSD3 = (TEXTS / "click-8.5.1-LICENSE.txt").read_text(encoding="utf-8")
ISC = (TEXTS / "isoduration-20.11.0-LICENSE").read_text(encoding="utf-8")
MIT_CONDITION = (
    "The above copyright notice and this permission notice shall be included in all\n"
    "copies or substantial portions of the Software.\n"
)
ISC_CONDITION = ", provided that the above\ncopyright notice and this permission notice appear in all copies"


def venv(root: Path) -> Path:
    (root).mkdir(parents=True)
    (root / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    site = root / "lib" / "python3.12" / "site-packages"
    site.mkdir(parents=True)
    return site


def dist(site: Path, name: str, headers: str, files: dict[str, str] | None = None) -> Path:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n{headers}\n\n")
    for rel, text in (files or {}).items():
        (info / rel).parent.mkdir(parents=True, exist_ok=True)
        (info / rel).write_text(text, encoding="utf-8")
    return info


def components(result) -> dict[str, dict]:
    return {c["name"]: c for c in result.json["components"]}


# 10.7 licence files of installed Python distributions


def test_a_bsd_text_makes_vines_bsd_header_bsd_3_clause(tmp_path, run):
    site = venv(tmp_path / ".venv")
    shutil.copytree(SHIPPED / "vine-5.1.0.dist-info", site / "vine-5.1.0.dist-info")
    result = run("check", tmp_path / ".venv", "-f", "json", "-p", "public-code")
    vine = components(result)["vine"]
    assert (vine["license"], vine["method"], vine["confidence"]) == ("BSD-3-Clause", "text", 0.85)
    assert vine["status"] == "allowed" and result.exit_code == 0, result.stderr
    assert vine["declared"][:2] == ["BSD", "License :: OSI Approved :: BSD License"]


def test_pyphens_tri_license_is_a_choice_not_an_and(tmp_path, run):
    site = venv(tmp_path / ".venv")
    shutil.copytree(SHIPPED / "pyphen-0.14.0.dist-info", site / "pyphen-0.14.0.dist-info")
    result = run("check", tmp_path / ".venv", "-f", "json", "-p", "public-code")
    pyphen = components(result)["pyphen"]
    assert pyphen["license"] == "GPL-2.0-or-later OR LGPL-2.1-or-later OR MPL-1.1"
    assert pyphen["confidence"] == 0.85 and pyphen["status"] == "allowed", pyphen
    assert pyphen["chosen"] in ("LGPL-2.1-or-later", "MPL-1.1")
    # the classifiers are still shown as the distribution wrote them
    assert sum(d.startswith("License :: ") for d in pyphen["declared"]) == 3
    # the texts of the licences offered are kept for the attribution notice
    (component,) = api.scan([tmp_path / ".venv"]).inputs[0].components
    shipped = [t["text"] for t in component.extra["license_texts"]]
    assert len(shipped) == 4 and any("MOZILLA PUBLIC LICENSE" in t for t in shipped)


def test_every_licence_file_is_read_and_notice_and_authors_are_no_licence_texts(tmp_path):
    site = venv(tmp_path / ".venv")
    notice = "Example Library\nCopyright 2021 Example Corp\n"
    dist(
        site,
        "named",
        "License: BSD\nLicense-File: AUTHORS.rst\nLicense-File: NOTICE",
        {
            "licenses/AUTHORS.rst": "Ann Author <ann@example.org>\n",
            "licenses/NOTICE": notice,
            "COPYING": BSD3,  # not named by License-File, found by its name
        },
    )
    (component,) = api.scan([tmp_path / ".venv"]).inputs[0].components
    texts = [d.value for d in component.declared if d.kind == "text"]
    assert texts == [BSD3]
    shipped = [t["text"] for t in component.extra["license_texts"]]
    assert notice in shipped and BSD3 in shipped
    assert "Copyright 2021 Example Corp" in component.extra["copyrights"]
    from osscheck.resolve import resolve

    resolve([component])
    assert component.license == "BSD-3-Clause"


def test_an_exact_metadata_licence_is_not_overruled_by_a_shipped_text(tmp_path):
    site = venv(tmp_path / ".venv")
    dist(site, "exact", "License-Expression: MIT", {"licenses/LICENSE": BSD3})
    (component,) = api.scan([tmp_path / ".venv"]).inputs[0].components
    assert [d.kind for d in component.declared] == ["expression"] and component.license is None


# 10.8 npm licence arrays in node_modules


def test_npm_licence_arrays_in_node_modules_are_read_entry_by_entry(tmp_path, run):
    modules = tmp_path / "node_modules"
    packages = {
        "arr": {"license": ["MIT", "Apache2"]},
        "objs": {"license": [{"type": "ISC"}]},
        "legacy": {"licenses": [{"type": "MIT"}, {"type": "BSD-3-Clause"}]},
        "lone": {"licenses": {"type": "ISC", "url": "https://opensource.org/licenses/ISC"}},
    }
    for name, fields in packages.items():
        (modules / name).mkdir(parents=True)
        (modules / name / "package.json").write_text(json.dumps({"name": name, "version": "1.0.0", **fields}))
    result = run("check", modules, "-f", "json", "-p", "internal-use")
    assert result.exit_code == 0, result.stderr
    found = components(result)
    assert found["arr"]["declared"] == ["MIT", "Apache2"]
    assert found["arr"]["license"] == "MIT OR Apache-2.0"
    assert found["objs"]["license"] == "ISC"
    assert found["legacy"]["license"] == "MIT OR BSD-3-Clause"
    assert found["lone"]["license"] == "ISC"


# 10.9 an incomplete licence text never yields the lesser variant


def test_an_mit_text_cut_before_its_condition_is_not_mit_0():
    grant = MIT[MIT.index("Permission is hereby granted") : MIT.index("The above copyright")]
    cut = recognise(grant)
    assert (cut.license, cut.confidence) == ("MIT", 0.5) and "incomplete" in str(cut.note)
    # the same text cut later, after the condition, is MIT; complete without the condition, MIT-0
    mit_0 = MIT.replace(MIT_CONDITION, "")
    assert mit_0 != MIT and recognise(mit_0)[:2] == ("MIT-0", 0.85)
    titled = recognise("MIT No Attribution\n\n" + grant)
    assert (titled.license, titled.confidence) == ("MIT-0", 0.85)


def test_a_bsd_text_cut_before_the_endorsement_clause_is_not_bsd_2_clause():
    cut = BSD3[: BSD3.index("3.  Neither the name")]
    assert "endorse" not in cut.lower() and "as is" not in cut.lower()
    assert recognise(cut)[:2] == ("BSD-3-Clause", 0.5)
    assert recognise("Two-clause BSD license\n\n" + cut)[:2] == ("BSD-2-Clause", 0.85)
    assert normalize("Two-clause BSD license", "name").license == "BSD-2-Clause"
    complete_2 = "\n".join(
        line for line in BSD3.splitlines() if "endorse" not in line and "Neither" not in line
    )
    assert recognise(complete_2).license == "BSD-2-Clause"


def test_an_isc_text_cut_before_its_condition_is_not_0bsd():
    cut = ISC[: ISC.index(ISC_CONDITION)]
    assert recognise(cut)[:2] == ("ISC", 0.5)
    zero = ISC.replace(ISC_CONDITION, "")
    assert zero != ISC and recognise(zero)[:2] == ("0BSD", 0.85)


def test_a_cut_licence_file_goes_to_review_under_the_policy(tmp_path, run):
    site = venv(tmp_path / ".venv")
    grant = MIT[MIT.index("Permission is hereby granted") : MIT.index("The above copyright")]
    dist(site, "cut", "Classifier: License :: OSI Approved", {"LICENSE": grant})
    result = run("check", tmp_path / ".venv", "-f", "json", "-p", "public-code")
    cut = components(result)["cut"]
    assert (cut["license"], cut["confidence"]) == ("MIT", 0.5) and cut["status"] != "allowed"


# 11.1 a FIFO where a file is expected is an error, never a hang


fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


@fifo
def test_a_fifo_metadata_is_an_error_and_other_distributions_are_reported(tmp_path, run):
    site = venv(tmp_path / ".venv")
    shutil.copytree(SHIPPED / "vine-5.1.0.dist-info", site / "vine-5.1.0.dist-info")
    (site / "blocker-1.0.dist-info").mkdir()
    os.mkfifo(site / "blocker-1.0.dist-info" / "METADATA")
    dist(site, "fifolicence", "License: BSD")
    os.mkfifo(site / "fifolicence-1.0.dist-info" / "LICENSE")
    result = run("check", tmp_path / ".venv", "-f", "json", "-p", "public-code")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert f"osscheck: error: {site / 'blocker-1.0.dist-info' / 'METADATA'}: not a regular file" in lines
    assert f"osscheck: error: {site / 'fifolicence-1.0.dist-info' / 'LICENSE'}: not a regular file" in lines
    assert "Traceback" not in result.stderr
    assert sorted(components(result)) == ["fifolicence", "vine"]


@fifo
def test_a_fifo_package_json_in_node_modules_is_an_error(tmp_path, run):
    modules = tmp_path / "node_modules"
    (modules / "good").mkdir(parents=True)
    (modules / "good" / "package.json").write_text('{"name": "good", "version": "1.0.0", "license": "MIT"}')
    (modules / "bad").mkdir()
    os.mkfifo(modules / "bad" / "package.json")
    os.mkfifo(modules / "good" / "LICENSE")
    result = run("check", modules, "-f", "json", "-p", "internal-use")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert f"osscheck: error: {modules / 'bad' / 'package.json'}: not a regular file" in lines
    assert f"osscheck: error: {modules / 'good' / 'LICENSE'}: not a regular file" in lines
    found = components(result)
    assert found["good"]["license"] == "MIT" and found["bad"]["license"] is None


@fifo
def test_a_fifo_beside_a_manifest_is_an_error_too(tmp_path, run):
    """pyproject.toml with a .venv, package.json with node_modules: installed files read the same way."""
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "app"\nversion = "1"\ndependencies = ["fifolicence"]\n', encoding="utf-8"
    )
    site = venv(tmp_path / ".venv")
    dist(site, "fifolicence", "License: BSD")
    os.mkfifo(site / "fifolicence-1.0.dist-info" / "LICENSE")
    modules = tmp_path / "web" / "node_modules"
    (modules / "good").mkdir(parents=True)
    (tmp_path / "web" / "package.json").write_text('{"name": "web", "dependencies": {"good": "1"}}')
    (modules / "good" / "package.json").write_text('{"name": "good", "version": "1.0.0", "license": "MIT"}')
    os.mkfifo(modules / "good" / "LICENSE")
    result = run("check", tmp_path, "-f", "json", "-p", "internal-use")
    assert result.exit_code == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert f"osscheck: error: {site / 'fifolicence-1.0.dist-info' / 'LICENSE'}: not a regular file" in lines
    assert f"osscheck: error: {modules / 'good' / 'LICENSE'}: not a regular file" in lines
    assert {"fifolicence", "good"} <= set(components(result))


def test_wording_that_offers_a_choice_makes_an_or():
    dual = "This software is dual licensed under the MIT and Apache 2.0 licenses.\n\n"
    assert recognise(dual + MIT)[:2] == ("MIT OR Apache-2.0", 0.85)
    rust = "Licensed under either of Apache License, Version 2.0 or MIT license at your option."
    assert recognise(rust).license == "Apache-2.0 OR MIT"
    # a GNU notice's "(at your option) any later version" is no choice between licences
    gnu = (
        "This library is free software; you can redistribute it and/or modify it under the terms of the "
        "GNU Lesser General Public License as published by the Free Software Foundation; either version "
        "2.1 of the License, or (at your option) any later version."
    )
    assert recognise(gnu).license == "LGPL-2.1-or-later"
    # a licence beside the ones offered is not hidden by the choice
    bundled = recognise(dual + MIT + "\n\nThird-party code in vendor/:\n\n" + BSD3)
    assert bundled.license == "(MIT OR Apache-2.0) AND (BSD-3-Clause AND MIT)" and bundled.confidence < 0.8


def test_npm_licence_arrays_in_lockfiles_and_manifests_are_read_too(tmp_path, run):
    """The same licence fields everywhere npm writes them: a package-lock entry copies package.json's."""
    lock = {
        "name": "app",
        "lockfileVersion": 3,
        "packages": {
            "": {"name": "app", "license": "EUPL-1.2"},
            "node_modules/dual": {"version": "1.0.0", "license": ["MIT", "Apache2"]},
            "node_modules/single": {"version": "1.0.0", "licenses": {"type": "BSD-3-Clause"}},
        },
    }
    (tmp_path / "package-lock.json").write_text(json.dumps(lock))
    found = components(run("check", tmp_path / "package-lock.json", "-f", "json"))
    assert found["dual"]["license"] == "MIT OR Apache-2.0"
    assert found["single"]["license"] == "BSD-3-Clause"

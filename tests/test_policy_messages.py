"""The errors of policies, the configuration, licence expressions and the look-up cache are messages.

Each error is made from a real input and shown in English (exactly the line osscheck always wrote)
and in German (exactly what the old after-the-fact translation of that line gave). A licence
expression's error kept in the memo for later runs is its message's data, and an older run's
English text there is not used.
"""

from __future__ import annotations

import json

import pytest

from osscheck.config import Config, find_config
from osscheck.enrich.settings import Settings
from osscheck.errors import ExpressionError, InputError, OsscheckError, PolicyError, UsageError
from osscheck.licenses import expression
from osscheck.licenses.expression import parse
from osscheck.messages import Message
from osscheck.policy.loader import load_policy
from osscheck.snapshot import Memo
from osscheck.toml_lines import loads

E = "osscheck: error: "


def lines(error: OsscheckError) -> tuple[str, str]:
    return error.format(), error.format("de")


def policy_error(tmp_path, text: str | bytes, name: str = "p.toml") -> PolicyError:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    return info.value


POLICY_CASES = [
    (
        '[policy]\nname = "x"\ncontext = "bogus"\n',
        "3: [policy] context must be one of internal, distribution, network, not 'bogus'",
        "3: [policy] context muss eines von internal, distribution, network sein, nicht 'bogus'",
    ),
    (
        "[policy]\nname = 1\n",
        "2: [policy] name must be a string, not 1",
        "2: [policy] name muss eine Zeichenkette sein, nicht 1",
    ),
    (
        '[policy]\nname = "x"\noutbound-osi = "yes"\n',
        "3: [policy] outbound-osi must be true or false, not 'yes'",
        "3: [policy] outbound-osi muss true oder false sein, nicht 'yes'",
    ),
    (
        '[policy]\nname = "x"\nmin-confidence = 2\n',
        "3: [policy] min-confidence must be between 0 and 1",
        "3: [policy] min-confidence muss zwischen 0 und 1 liegen",
    ),
    (
        '[policy]\nname = "x"\nnotes = [1]\n',
        "3: [policy] notes must be a list of strings",
        "3: [policy] notes muss eine Liste von Zeichenketten sein",
    ),
    (
        '[policy]\nname = "x"\n[licenses]\nbogus = []\n',
        "4: unknown key 'bogus' in [licenses] (known keys: allow, review, deny)",
        "4: unbekannter Schlüssel 'bogus' in [licenses] (bekannte Schlüssel: allow, review, deny)",
    ),
    (
        '[policy]\nname = "x"\n[licenses]\ndeny = "MIT"\n',
        "4: [licenses] deny must be a list of licence expressions",
        "4: [licenses] deny muss eine Liste von Lizenzausdrücken sein",
    ),
    (  # an error inside an error: the expression's own message in the same language
        '[policy]\nname = "x"\n[licenses]\ndeny = ["MIT AND ()"]\n',
        "4: bad licence expression 'MIT AND ()': empty brackets in the licence expression 'MIT AND ()'",
        "4: ungültiger Lizenzausdruck 'MIT AND ()': leere Klammern im Lizenzausdruck 'MIT AND ()'",
    ),
    (
        '[policy]\nname = "x"\n[licenses]\nallow = ["NOASSERTION"]\n',
        "4: 'NOASSERTION' is not a licence",
        "4: 'NOASSERTION' ist keine Lizenz",
    ),
    (
        '[policy]\nname = "x"\n[obligations]\nMIT = "a"\n',
        "4: [obligations] MIT must be a list of strings",
        "4: [obligations] MIT muss eine Liste von Zeichenketten sein",
    ),
    (
        '[policy]\nname = "x"\n[categories]\npermissive = "yes"\n',
        "4: [categories] permissive must be one of allow, review, deny, not 'yes'",
        "4: [categories] permissive muss eines von allow, review, deny sein, nicht 'yes'",
    ),
    (
        '[policy]\nname = "x"\n[categories]\nbogus = "allow"\n',
        "4: unknown category 'bogus' (known: permissive, public-domain, weak-copyleft, strong-copyleft, "
        "network-copyleft, source-available, non-commercial, proprietary, unknown)",
        "4: unbekannte Kategorie 'bogus' (bekannt: permissive, public-domain, weak-copyleft, "
        "strong-copyleft, network-copyleft, source-available, non-commercial, proprietary, unknown)",
    ),
    ("policy = 1\n", "1: [policy] must be a table", "1: [policy] muss eine Tabelle sein"),
    ('[policy]\ntitle = "x"\n', "1: [policy] needs a name", "1: [policy] braucht einen Namen"),
    (
        "[bogus]\n",
        "1: unknown table or key 'bogus' "
        "(expected one of: policy, categories, licenses, obligations, exceptions, deny-from)",
        "1: unbekannte Tabelle oder unbekannter Schlüssel 'bogus' "
        "(erwartet wird eines von: policy, categories, licenses, obligations, exceptions, deny-from)",
    ),
    (
        '[policy]\nname = "x"\n[[exceptions]]\nwho = "me"\njustification = "j"\n',
        "4: unknown key 'who' in [[exceptions]] (known keys: package, name, version, license, "
        "justification, approved-by, reference, expires, id, status, basis, alternatives, exit-strategy, "
        "exit-by, requested-by, decided-on, review-every, scope, license-text-sha256)",
        "4: unbekannter Schlüssel 'who' in [[exceptions]] (bekannte Schlüssel: package, name, version, "
        "license, justification, approved-by, reference, expires, id, status, basis, alternatives, "
        "exit-strategy, exit-by, requested-by, decided-on, review-every, scope, license-text-sha256)",
    ),
    (
        '[policy]\nname = "x"\n[[exceptions]]\nname = "a"\n',
        "3: an exception needs a justification (why this licence is acceptable here)",
        "3: eine Ausnahme braucht eine Begründung (warum diese Lizenz hier annehmbar ist)",
    ),
    (
        '[policy]\nname = "x"\n[[exceptions]]\njustification = "j"\n',
        "3: an exception needs a package (purl), a name or a license",
        "3: eine Ausnahme braucht ein package (purl), einen name oder eine license",
    ),
    (
        '[policy]\nname = "x"\n[[exceptions]]\nname = " "\njustification = "j"\n',
        "4: name must not be empty",
        "4: name darf nicht leer sein",
    ),
    (
        '[policy]\nname = "x"\n[[exceptions]]\nname = 1\njustification = "j"\n',
        "4: name must be a string",
        "4: name muss eine Zeichenkette sein",
    ),
    (
        '[policy]\nname = "x"\n[[exceptions]]\nname = "a"\nexpires = "soon"\njustification = "j"\n',
        "5: expires must be a date such as 2027-03-01, not 'soon'",
        "5: expires muss ein Datum wie 2027-03-01 sein, nicht 'soon'",
    ),
    (
        '[policy]\nname = "x"\n[[exceptions]]\npackage = "requests"\njustification = "j"\n',
        "4: package must be a purl such as pkg:pypi/requests, not 'requests'",
        "4: package muss eine purl wie pkg:pypi/requests sein, nicht 'requests'",
    ),
    (
        '[policy]\nname = "x"\n[[exceptions]]\npackage = "pkg:pypi/a@1"\nversion = "2"\n'
        'justification = "j"\n',
        "4: give the version either in the purl or in 'version', not both",
        "4: die Version entweder in der purl oder in 'version' angeben, nicht in beiden",
    ),
    (
        "[policy\n",
        "1: not valid TOML: Expected ']' at the end of a table declaration",
        "1: kein gültiges TOML: Expected ']' at the end of a table declaration",
    ),
]


@pytest.mark.parametrize(("text", "english", "german"), POLICY_CASES)
def test_policy_errors_in_english_and_german(tmp_path, text, english, german):
    error = policy_error(tmp_path, text)
    where = f"{E}{tmp_path / 'p.toml'}:"
    assert lines(error) == (where + english, where + german)


def test_a_purl_the_library_refuses_keeps_its_words(tmp_path):
    error = policy_error(
        tmp_path, '[policy]\nname = "x"\n[[exceptions]]\npackage = "pkg:"\njustification = "j"\n'
    )
    assert error.message.code == "policy.invalid-purl"
    english, german = lines(error)
    reason = str(error.message.args["reason"])
    assert english.endswith(f":4: package is not a valid purl: {reason}")
    assert german.endswith(f":4: package ist keine gültige purl: {reason}")


def test_a_policy_that_is_not_utf8(tmp_path):
    error = policy_error(tmp_path, b'[policy]\nname = "\xff"\n')
    path = tmp_path / "p.toml"
    assert lines(error) == (
        f"{E}{path}: policy is not UTF-8 text",
        f"{E}{path}: die Richtlinie ist kein UTF-8-Text",
    )


def test_policies_that_extend_each_other(tmp_path):
    (tmp_path / "b.toml").write_text('[policy]\nextends = "a.toml"\n', encoding="utf-8")
    error = policy_error(tmp_path, '[policy]\nname = "x"\nextends = "b.toml"\n', "a.toml")
    a, b = (tmp_path / "a.toml").resolve(), (tmp_path / "b.toml").resolve()
    assert error.message.code == "policy.extends-circle"
    english, german = lines(error)
    assert english.endswith(f": policies extend each other in a circle: {a} -> {b} -> {a}")
    assert german.endswith(f": Richtlinien erweitern sich gegenseitig im Kreis: {a} -> {b} -> {a}")


def test_no_such_policy_named_by_extends_is_placed_at_the_extends(tmp_path):
    error = policy_error(tmp_path, '[policy]\nname = "x"\nextends = "nope"\n')
    known = "internal-use, library, network-service, open-code, public-code"
    where = f"{E}{tmp_path / 'p.toml'}:3: "
    assert lines(error) == (
        f"{where}no such policy: 'nope' (a file, or one of: {known})",
        f"{where}unbekannte Richtlinie: 'nope' (eine Datei oder eine von: {known})",
    )


def test_configuration_errors(tmp_path):
    (tmp_path / ".osscheck.toml").write_text("fail-on = 'sometimes'\nbogus = 1\n", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        find_config(tmp_path)
    where = f"{E}{tmp_path / '.osscheck.toml'}:1: "
    assert lines(info.value) == (
        f"{where}osscheck configuration: fail-on must be one of denied, review, never, not 'sometimes'",
        f"{where}osscheck-Konfiguration: fail-on muss eines von denied, review, never sein, "
        "nicht 'sometimes'",
    )
    (tmp_path / ".osscheck.toml").write_text("online = 'yes'\n", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        find_config(tmp_path)
    assert lines(info.value) == (
        f"{where}osscheck configuration: online has the wrong type",
        f"{where}osscheck-Konfiguration: online hat den falschen Typ",
    )
    (tmp_path / ".osscheck.toml").write_text("bogus = 1\n", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        find_config(tmp_path)
    english, german = lines(info.value)
    assert english.startswith(f"{where}unknown key 'bogus' in the osscheck configuration (known: policy, ")
    assert german.startswith(
        f"{where}unbekannter Schlüssel 'bogus' in der osscheck-Konfiguration (bekannt: policy, "
    )
    (tmp_path / ".osscheck.toml").write_text("online = \n", encoding="utf-8")
    with pytest.raises(UsageError) as info:  # tomllib's words stay as they are
        find_config(tmp_path)
    assert lines(info.value) == (
        f"{where}not valid TOML: Invalid value",
        f"{where}kein gültiges TOML: Invalid value",
    )
    (tmp_path / ".osscheck.toml").write_bytes(b"\xff")
    with pytest.raises(UsageError) as info:
        find_config(tmp_path)
    reason = "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
    assert lines(info.value) == (
        f"{E}{tmp_path / '.osscheck.toml'}: cannot read the configuration: {reason}",
        f"{E}{tmp_path / '.osscheck.toml'}: Konfiguration nicht lesbar: {reason}",
    )


def test_toml_errors_of_any_file():
    with pytest.raises(InputError) as info:
        loads("Cargo.toml", "[package\n")
    assert lines(info.value) == (
        f"{E}Cargo.toml:1: not valid TOML: Expected ']' at the end of a table declaration",
        f"{E}Cargo.toml:1: kein gültiges TOML: Expected ']' at the end of a table declaration",
    )


def test_look_up_settings_errors():
    with pytest.raises(UsageError) as info:
        Settings.load(Config(sources=["bogus"], source="pyproject.toml"), {})
    assert lines(info.value) == (
        f"{E}pyproject.toml: osscheck configuration: sources: unknown source 'bogus' "
        "(known: deps.dev, clearlydefined, pypi, npm)",
        f"{E}pyproject.toml: osscheck-Konfiguration: sources: unbekannte Quelle 'bogus' "
        "(bekannt: deps.dev, clearlydefined, pypi, npm)",
    )
    with pytest.raises(UsageError) as info:
        Settings.load(Config(timeout=0, source="pyproject.toml"), {})
    assert lines(info.value) == (
        f"{E}pyproject.toml: osscheck configuration: timeout must be a number of at least 0.001",
        f"{E}pyproject.toml: osscheck-Konfiguration: timeout muss eine Zahl von mindestens 0.001 sein",
    )
    with pytest.raises(UsageError) as info:
        Settings.load(None, {"OSSCHECK_NPM_URL": "ftp://mirror"})
    assert lines(info.value) == (
        f"{E}OSSCHECK_NPM_URL: 'ftp://mirror' is not an http(s) URL",
        f"{E}OSSCHECK_NPM_URL: 'ftp://mirror' ist keine http(s)-URL",
    )


def test_an_unknown_report_format():
    from osscheck.reports import render

    with pytest.raises(UsageError) as info:
        render(None, "pdf")  # type: ignore[arg-type]
    known = "text, json, sarif, junit, gitlab, markdown, csv, html, cyclonedx, spdx, spdx3, notice"
    assert lines(info.value) == (
        f"{E}unknown format 'pdf' (known: {known})",
        f"{E}unbekanntes Format 'pdf' (bekannt: {known})",
    )


def test_a_damaged_look_up_cache(tmp_path):
    pytest.importorskip("requests_cache")
    from osscheck.enrich.cache import open_session

    (tmp_path / "http-cache.sqlite").write_bytes(b"not a database, a truncated download " * 100)
    with pytest.raises(UsageError) as info:
        open_session(Settings(cache_dir=tmp_path), online=True)
    where = f"{E}{tmp_path / 'http-cache.sqlite'}: "
    assert lines(info.value) == (
        f"{where}the look-up cache cannot be used (file is not a database); delete it and run again",
        f"{where}der Zwischenspeicher der Abfragen ist nicht nutzbar (file is not a database); "
        "bitte löschen und erneut ausführen",
    )
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        open_session(Settings(cache_dir=tmp_path / "file" / "cache"), online=True)
    where = f"{E}{tmp_path / 'file' / 'cache'}: "
    assert lines(info.value) == (
        f"{where}cannot create the cache folder: Not a directory",
        f"{where}der Ordner des Zwischenspeichers kann nicht angelegt werden: Not a directory",
    )


EXPRESSION_CASES = [
    (
        "Classpath-exception-2.0",
        "Classpath-exception-2.0 is a licence exception and needs 'LICENCE WITH Classpath-exception-2.0'",
        "Classpath-exception-2.0 ist eine Lizenzausnahme und braucht 'LICENCE WITH Classpath-exception-2.0'",
    ),
    (
        "MIT OR Classpath-exception-2.0",
        "Classpath-exception-2.0 is a licence exception and needs 'LICENCE WITH Classpath-exception-2.0'",
        "Classpath-exception-2.0 ist eine Lizenzausnahme und braucht 'LICENCE WITH Classpath-exception-2.0'",
    ),
    (
        "MIT AND ()",
        "empty brackets in the licence expression 'MIT AND ()'",
        "leere Klammern im Lizenzausdruck 'MIT AND ()'",
    ),
    (
        "MIT OR AND",
        "not a valid licence expression: 'MIT OR AND' "
        "(Invalid operator sequence without symbols such as AND OR or OR OR)",
        "kein gültiger Lizenzausdruck: 'MIT OR AND' "
        "(Invalid operator sequence without symbols such as AND OR or OR OR)",
    ),
    (
        "MIT " * 2000,
        "licence expression longer than 5000 characters",
        "Lizenzausdruck länger als 5000 Zeichen",
    ),
]


@pytest.mark.parametrize(("text", "english", "german"), EXPRESSION_CASES)
def test_expression_errors_in_english_and_german(text, english, german):
    with pytest.raises(ExpressionError) as info:
        parse(text)
    assert lines(info.value) == (E + english, E + german)


def test_an_expression_that_is_not_text():
    with pytest.raises(ExpressionError) as info:
        parse(3)  # type: ignore[arg-type]
    assert lines(info.value) == (
        f"{E}a licence expression must be text, not int",
        f"{E}ein Lizenzausdruck muss Text sein, nicht int",
    )


def test_the_normaliser_keeps_the_expression_error_as_an_english_note(monkeypatch):
    from osscheck.licenses.normalize import normalize

    monkeypatch.setenv("OSSCHECK_MAX_EXPRESSION_LENGTH", "10")
    normalize.cache_clear()
    found = normalize("Zlib OR ISC AND 0BSD OR MIT-0")
    normalize.cache_clear()  # made under a limit no other test has
    assert found.license is None
    assert found.notes == (Message("expression.too-long", limit=10),)  # the error's message
    assert [str(note) for note in found.notes] == ["licence expression longer than 10 characters"]


# --- the memo of parsed expressions ----------------------------------------------------------------


@pytest.fixture
def memo_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("OSSCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("OSSCHECK_NO_SNAPSHOT", raising=False)
    return tmp_path


def fresh_memo(settings=None) -> Memo:
    return Memo(
        "expressions", expression._memo_sources, limit=2048, settings=settings or expression._PARSED.settings
    )


def test_a_kept_error_is_its_message_as_data_and_comes_back_the_same(memo_folder, monkeypatch):
    text = "MIT OR AND"
    first = fresh_memo()
    monkeypatch.setattr(expression, "_PARSED", first)
    with pytest.raises(ExpressionError) as made:
        parse(text)
    first.save()
    later = fresh_memo()  # a later run reads the file
    kept = later.get(text)
    assert kept == json.loads(json.dumps({"error": made.value.message.to_data()}))
    assert isinstance(kept, dict) and isinstance(kept["error"], list)
    monkeypatch.setattr(expression, "_PARSED", later)
    monkeypatch.setattr(expression, "_parse_with_library", lambda *a: pytest.fail("not kept"))
    with pytest.raises(ExpressionError) as again:
        parse(text)
    assert again.value.message == made.value.message
    assert lines(again.value) == lines(made.value)
    assert again.value.format("de") == f"{E}kein gültiger Lizenzausdruck: 'MIT OR AND' " + (
        "(Invalid operator sequence without symbols such as AND OR or OR OR)"
    )


def test_an_older_run_s_english_error_text_is_not_used(memo_folder, monkeypatch):
    text = "MIT OR OR"
    memo = fresh_memo()
    memo.put(text, {"error": "an English line an older osscheck kept"})
    monkeypatch.setattr(expression, "_PARSED", memo)
    with pytest.raises(ExpressionError) as info:
        parse(text)  # parsed again: the str is taken for absent, not raised and not a crash
    assert info.value.message.code == "expression.invalid"
    assert memo.get(text) == {"error": info.value.message.to_data()}  # and kept in the new form
    assert expression._decoded({"error": "an English line"}) is None
    assert expression._decoded({"error": ["no-such.code", {}]}) is None
    assert expression._decoded({"error": 7}) is None


def test_the_memo_format_is_part_of_its_stamp(memo_folder):
    old = fresh_memo(settings=lambda: [expression._max_length()])  # how the memo was stamped before
    old.put("MIT OR AND", {"error": "not a valid licence expression: 'MIT OR AND' (...)"})
    old.save()
    assert fresh_memo(settings=lambda: [expression._max_length()]).get("MIT OR AND") is not None
    assert fresh_memo().get("MIT OR AND") is None  # an older file is not read at all


def test_a_message_round_trips_through_the_memo_data():
    message = Message("expression.not-an-id", id="'x/y'")
    exc = ExpressionError(message)
    data = json.loads(json.dumps(expression._encoded_error(exc)))
    with pytest.raises(ExpressionError) as info:
        expression._decoded(data)
    assert info.value.message == message
    assert lines(info.value) == (
        f"{E}'x/y' is not an SPDX licence id",
        f"{E}'x/y' ist keine SPDX-Lizenzkennung",
    )

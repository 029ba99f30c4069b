"""German error lines: the message translated, ``osscheck: error: `` and FILE:LINE kept as they are."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import package_lock
from osscheck import i18n
from osscheck.errors import PREFIX as ERROR_PREFIX
from osscheck.hook import main as hook_main
from osscheck.i18n import translate_error

SOURCE = Path(i18n.__file__).parent

PAIRS = [
    # readers
    (
        "osscheck: error: bom.cdx.json:1: not valid JSON: Expecting value",
        "osscheck: error: bom.cdx.json:1: kein gültiges JSON: Expecting value",
    ),
    ("osscheck: error: a/b.json: empty file", "osscheck: error: a/b.json: leere Datei"),
    (
        "osscheck: error: /no/such.json: no such file or directory",
        "osscheck: error: /no/such.json: Datei oder Ordner nicht vorhanden",
    ),
    (
        "osscheck: error: notes.txt: not a format osscheck reads (SBOM, manifest or lockfile)",
        "osscheck: error: notes.txt: kein Format, das osscheck liest (SBOM, Manifest oder Lockfile)",
    ),
    (
        "osscheck: error: x.json: binary data, not a text file",
        "osscheck: error: x.json: Binärdaten, keine Textdatei",
    ),
    (
        "osscheck: error: x.json: not UTF-8 text (bad byte at offset 17)",
        "osscheck: error: x.json: kein UTF-8-Text (ungültiges Byte an Position 17)",
    ),
    (
        "osscheck: error: deep.json: JSON nested too deeply",
        "osscheck: error: deep.json: JSON zu tief verschachtelt",
    ),
    ("osscheck: error: deep.json: nested too deeply", "osscheck: error: deep.json: zu tief verschachtelt"),
    (
        "osscheck: error: package-lock.json: a package-lock.json must be a JSON object",
        "osscheck: error: package-lock.json: eine package-lock.json-Datei muss ein JSON-Objekt sein",
    ),
    (
        "osscheck: error: bom.json: a CycloneDX document must be a JSON object",
        "osscheck: error: bom.json: ein CycloneDX-Dokument muss ein JSON-Objekt sein",
    ),
    (
        "osscheck: error: package-lock.json: 'packages' must be an object, not list",
        "osscheck: error: package-lock.json: 'packages' muss ein Objekt sein, nicht list",
    ),
    (
        "osscheck: error: Cargo.lock: 'package' must be an array of tables, not str",
        "osscheck: error: Cargo.lock: 'package' muss ein Array von Tabellen sein, nicht str",
    ),
    (
        "osscheck: error: bom.xml:3: refused: the XML declares entities "
        "(entity expansion and external entities are not read)",
        "osscheck: error: bom.xml:3: abgelehnt: das XML deklariert Entitäten "
        "(sie werden weder expandiert noch von außen geladen)",
    ),
    (  # defusedxml's own words inside ours
        "osscheck: error: bom.xml:2: refused: DTDForbidden(name='x')",
        "osscheck: error: bom.xml:2: abgelehnt: DTDForbidden(name='x')",
    ),
    (
        "osscheck: error: bom.xml:1: not well-formed XML: mismatched tag",
        "osscheck: error: bom.xml:1: kein wohlgeformtes XML: mismatched tag",
    ),
    (
        "osscheck: error: pom.xml: not valid XML: no root element",
        "osscheck: error: pom.xml: kein gültiges XML: kein Wurzelelement",
    ),
    (
        "osscheck: error: other.xml: not a CycloneDX XML document (root element <bom> in "
        "urn:x, expected <bom> in the namespace http://cyclonedx.org/schema/bom/1.x)",
        "osscheck: error: other.xml: kein CycloneDX-XML-Dokument (Wurzelelement <bom> im Namensraum "
        "urn:x, erwartet wird <bom> im Namensraum http://cyclonedx.org/schema/bom/1.x)",
    ),
    (
        "osscheck: error: pom.xml:2: not a Maven POM: the root element is <html>, not <project>",
        "osscheck: error: pom.xml:2: kein Maven-POM: das Wurzelelement ist <html>, nicht <project>",
    ),
    (
        "osscheck: error: pom.xml:7: properties expand to more than 10000 characters",
        "osscheck: error: pom.xml:7: Properties ergeben ausgeschrieben mehr als 10000 Zeichen",
    ),
    (
        "osscheck: error: pom.xml:7: properties refer to each other more than 10 levels deep, or in a circle",
        "osscheck: error: pom.xml:7: Properties verweisen mehr als 10 Ebenen tief oder im Kreis aufeinander",
    ),
    (
        "osscheck: error: doc.spdx.json: not an SPDX JSON document (no spdxVersion)",
        "osscheck: error: doc.spdx.json: kein SPDX-JSON-Dokument (spdxVersion fehlt)",
    ),
    (
        "osscheck: error: doc.spdx:3: <text> of PackageComment is not closed by </text>",
        "osscheck: error: doc.spdx:3: <text> von PackageComment wird nicht mit </text> geschlossen",
    ),
    (
        "osscheck: error: pnpm-lock.yaml: not a pnpm-lock.yaml: no 'lockfileVersion'",
        "osscheck: error: pnpm-lock.yaml: kein pnpm-lock.yaml: 'lockfileVersion' fehlt",
    ),
    (
        "osscheck: error: go.mod:4: unknown directive 'frob' (not a go.mod file?)",
        "osscheck: error: go.mod:4: unbekannte Anweisung 'frob' (keine go.mod-Datei?)",
    ),
    (
        "osscheck: error: go.mod:2: 'require (' block is never closed",
        "osscheck: error: go.mod:2: der Block 'require (' wird nicht geschlossen",
    ),
    (
        "osscheck: error: requirements.txt:3: cannot read included file base.txt: No such file or directory",
        "osscheck: error: requirements.txt:3: eingebundene Datei base.txt nicht lesbar: "
        "No such file or directory",
    ),
    (
        "osscheck: error: setup.cfg:7: cannot read reqs.txt: Permission denied",
        "osscheck: error: setup.cfg:7: reqs.txt nicht lesbar: Permission denied",
    ),
    (
        "osscheck: error: setup.cfg:1: not a valid setup.cfg: before any [section]",
        "osscheck: error: setup.cfg:1: keine gültige setup.cfg: vor dem ersten [Abschnitt]",
    ),
    (
        "osscheck: error: yarn.lock:5: not a yarn.lock entry (expected 'name@range:')",
        "osscheck: error: yarn.lock:5: kein Eintrag eines yarn.lock (erwartet wird 'name@range:')",
    ),
    (
        "osscheck: error: bom.json: cannot read as cyclonedx-json: KeyError: 'x'",
        "osscheck: error: bom.json: als cyclonedx-json nicht lesbar: KeyError: 'x'",
    ),
    # limits
    (
        "osscheck: error: big.json: file larger than 100 bytes (OSSCHECK_MAX_FILE_SIZE)",
        "osscheck: error: big.json: Datei größer als 100 Bytes (OSSCHECK_MAX_FILE_SIZE)",
    ),
    (
        "osscheck: error: deep.json: nested deeper than 10 levels (OSSCHECK_MAX_NESTING)",
        "osscheck: error: deep.json: tiefer als 10 Ebenen verschachtelt (OSSCHECK_MAX_NESTING)",
    ),
    (
        "osscheck: error: licence expression longer than 16 characters",
        "osscheck: error: Lizenzausdruck länger als 16 Zeichen",
    ),
    # policies
    (
        "osscheck: error: policy.toml:4: unknown key 'colour' in [policy] (known keys: name, title)",
        "osscheck: error: policy.toml:4: unbekannter Schlüssel 'colour' in [policy] "
        "(bekannte Schlüssel: name, title)",
    ),
    (
        "osscheck: error: policy.toml:2: [policy] context must be one of public, internal, not 'x'",
        "osscheck: error: policy.toml:2: [policy] context muss eines von public, internal sein, nicht 'x'",
    ),
    (
        "osscheck: error: policy.toml:3: [policy] dev-dependencies must be true or false, not 'yes'",
        "osscheck: error: policy.toml:3: [policy] dev-dependencies muss true oder false sein, nicht 'yes'",
    ),
    (
        "osscheck: error: policy.toml:9: justification must be a string",
        "osscheck: error: policy.toml:9: justification muss eine Zeichenkette sein",
    ),
    (
        "osscheck: error: policy.toml:1: [licenses] must be a table",
        "osscheck: error: policy.toml:1: [licenses] muss eine Tabelle sein",
    ),
    (
        "osscheck: error: policy.toml:6: an exception needs a justification "
        "(why this licence is acceptable here)",
        "osscheck: error: policy.toml:6: eine Ausnahme braucht eine Begründung "
        "(warum diese Lizenz hier annehmbar ist)",
    ),
    (
        "osscheck: error: policy.toml:8: expires must be a date such as 2027-03-01, not '2027'",
        "osscheck: error: policy.toml:8: expires muss ein Datum wie 2027-03-01 sein, nicht '2027'",
    ),
    (
        "osscheck: error: policy.toml:5: bad licence expression 'MIT AND AND': not a valid licence "
        "expression: 'MIT AND AND' (Invalid operator sequence)",
        "osscheck: error: policy.toml:5: ungültiger Lizenzausdruck 'MIT AND AND': kein gültiger "
        "Lizenzausdruck: 'MIT AND AND' (Invalid operator sequence)",
    ),
    (
        "osscheck: error: policy.toml:5: bad licence expression 'x': something new",
        "osscheck: error: policy.toml:5: ungültiger Lizenzausdruck 'x': something new",
    ),
    (
        "osscheck: error: policy.toml:3: not valid TOML: Expected '=' after a key in a key/value pair",
        "osscheck: error: policy.toml:3: kein gültiges TOML: Expected '=' after a key in a key/value pair",
    ),
    (
        "osscheck: error: no such policy: 'strict' (a file, or one of: internal-use, public-code)",
        "osscheck: error: unbekannte Richtlinie: 'strict' (eine Datei oder eine von: internal-use, "
        "public-code)",
    ),
    (
        "osscheck: error: a.toml: policies extend each other in a circle: /p/a.toml -> /p/b.toml",
        "osscheck: error: a.toml: Richtlinien erweitern sich gegenseitig im Kreis: /p/a.toml -> /p/b.toml",
    ),
    # licence expressions
    (
        "osscheck: error: 'Foo-1.0' is not an SPDX licence id",
        "osscheck: error: 'Foo-1.0' ist keine SPDX-Lizenzkennung",
    ),
    (
        "osscheck: error: Classpath-exception-2.0 is a licence exception and needs "
        "'LICENCE WITH Classpath-exception-2.0'",
        "osscheck: error: Classpath-exception-2.0 ist eine Lizenzausnahme und braucht "
        "'LICENCE WITH Classpath-exception-2.0'",
    ),
    # configuration
    (
        "osscheck: error: .osscheck.toml: unknown key 'langu' in the osscheck configuration "
        "(known: policy, lang)",
        "osscheck: error: .osscheck.toml: unbekannter Schlüssel 'langu' in der osscheck-Konfiguration "
        "(bekannt: policy, lang)",
    ),
    (
        "osscheck: error: .osscheck.toml: osscheck configuration: online has the wrong type",
        "osscheck: error: .osscheck.toml: osscheck-Konfiguration: online hat den falschen Typ",
    ),
    (
        "osscheck: error: pyproject.toml:7: osscheck configuration: fail-on must be one of denied, "
        "review, never, not 'bogus'",
        "osscheck: error: pyproject.toml:7: osscheck-Konfiguration: fail-on muss eines von denied, "
        "review, never sein, nicht 'bogus'",
    ),
    (
        "osscheck: error: .osscheck.toml: osscheck configuration: retries must be a number of at least 0",
        "osscheck: error: .osscheck.toml: osscheck-Konfiguration: retries muss eine Zahl von mindestens "
        "0 sein",
    ),
    (
        "osscheck: error: OSSCHECK_PYPI_URL: 'ftp://x' is not an http(s) URL",
        "osscheck: error: OSSCHECK_PYPI_URL: 'ftp://x' ist keine http(s)-URL",
    ),
    # usage
    (
        "osscheck: error: unknown format 'pdf' (known: text, json)",
        "osscheck: error: unbekanntes Format 'pdf' (bekannt: text, json)",
    ),
    ("osscheck: error: no such option: --bogus", "osscheck: error: unbekannte Option: --bogus"),
    ("osscheck: error: option --policy needs a value", "osscheck: error: Option --policy braucht einen Wert"),
    (
        "osscheck: error: --fail-on must be one of denied, review, never, not 'maybe'",
        "osscheck: error: --fail-on muss eines von denied, review, never sein, nicht 'maybe'",
    ),
    (
        "osscheck: error: --outbound: 'GPL-9' is not an SPDX licence id",
        "osscheck: error: --outbound: 'GPL-9' ist keine SPDX-Lizenzkennung",
    ),
    (
        "osscheck: error: out/report.txt: cannot write the report: Permission denied",
        "osscheck: error: out/report.txt: der Bericht kann nicht geschrieben werden: Permission denied",
    ),
    (
        'osscheck: error: online look-ups need requests and requests-cache: pip install "osscheck[online]"',
        "osscheck: error: Online-Abfragen brauchen requests und requests-cache: "
        'pip install "osscheck[online]"',
    ),
    # runner.guarded
    (
        "osscheck: error: internal error (ValueError: boom: bang); please report it",
        "osscheck: error: interner Fehler (ValueError: boom: bang); bitte melden",
    ),
    ("osscheck: error: interrupted", "osscheck: error: abgebrochen"),
    # a file name holding ": " stays whole
    ("osscheck: error: odd: name.json: empty file", "osscheck: error: odd: name.json: leere Datei"),
    # a file name that looks like a message stays a file name
    ("osscheck: error: empty file: empty file", "osscheck: error: empty file: leere Datei"),
]


# (message, German) for the phrases not in PAIRS, shown after a FILE:LINE
MORE_PAIRS = [
    # readers
    (
        "duplicate key 'components' in one JSON object (only the last one would be read)",
        "doppelter Schlüssel 'components' in einem JSON-Objekt (nur der letzte würde gelesen)",
    ),
    ("not a regular file", "keine reguläre Datei"),
    ("too large to read", "zu groß zum Lesen"),
    ("cannot read: Permission denied", "nicht lesbar: Permission denied"),
    ("no XML element found", "kein XML-Element gefunden"),
    ("'components' must be a list, not dict", "'components' muss eine Liste sein, nicht dict"),
    ("'packages' must be an array, not dict", "'packages' muss ein Array sein, nicht dict"),
    (
        "'package' must be an array of tables ([[package]])",
        "'package' muss ein Array von Tabellen sein ([[package]])",
    ),
    (
        "refused: the XML declares entities (EntitiesForbidden)",
        "abgelehnt: das XML deklariert Entitäten (EntitiesForbidden)",
    ),
    (
        "refused: the XML refers to an external resource, which is not fetched",
        "abgelehnt: das XML verweist auf eine externe Ressource, die nicht abgerufen wird",
    ),
    (
        "refused: the XML has a document type declaration",
        "abgelehnt: das XML enthält eine Dokumenttyp-Deklaration",
    ),
    (
        "not a CycloneDX document (bomFormat is not 'CycloneDX')",
        "kein CycloneDX-Dokument (bomFormat ist nicht 'CycloneDX')",
    ),
    (
        "not an SPDX tag-value document (no SPDXVersion tag)",
        "kein SPDX-Tag-Value-Dokument (Tag SPDXVersion fehlt)",
    ),
    (
        "not an SPDX 3 JSON-LD document (no @graph or elements list)",
        "kein SPDX-3-JSON-LD-Dokument (weder @graph noch eine Liste elements)",
    ),
    (
        "not an SPDX 3 document (no SPDX context and no SPDX element types)",
        "kein SPDX-3-Dokument (weder SPDX-Kontext noch SPDX-Elementtypen)",
    ),
    (
        "not a Gemfile.lock: no GEM, GIT, PATH or DEPENDENCIES section",
        "kein Gemfile.lock: kein Abschnitt GEM, GIT, PATH oder DEPENDENCIES",
    ),
    ("not a gemspec: no Gem::Specification", "keine gemspec: kein Gem::Specification"),
    ("-r needs a file name", "-r braucht einen Dateinamen"),
    (
        "cannot read included file big.txt: file larger than 10 bytes (OSSCHECK_MAX_FILE_SIZE)",
        "eingebundene Datei big.txt nicht lesbar: Datei größer als 10 Bytes (OSSCHECK_MAX_FILE_SIZE)",
    ),
    (
        "symlink to a file outside the scanned folder, not followed",
        "symbolischer Link auf eine Datei außerhalb des untersuchten Ordners, nicht gefolgt",
    ),
    (
        "symlink to a folder outside the scanned folder, not followed",
        "symbolischer Link auf einen Ordner außerhalb des untersuchten Ordners, nicht gefolgt",
    ),
    (
        "cannot read ../x.txt: file outside the scanned folder, not read",
        "../x.txt nicht lesbar: Datei außerhalb des untersuchten Ordners, nicht gelesen",
    ),
    (
        "no inputs found (no SBOM, manifest or lockfile)",
        "keine Eingaben gefunden (kein SBOM, Manifest oder Lockfile)",
    ),
    ("indented line before the first entry", "eingerückte Zeile vor dem ersten Eintrag"),
    ("a yarn.lock must be a mapping of entries", "ein yarn.lock muss eine Zuordnung von Einträgen sein"),
    ("unterminated quoted string", "Zeichenkette in Anführungszeichen nicht abgeschlossen"),
    ("no 'module' directive (not a go.mod file?)", "keine Anweisung 'module' (keine go.mod-Datei?)"),
    ("a replace needs '=>'", "ein replace braucht '=>'"),
    (
        "a replace is 'module [version] => module version' or '=> folder'",
        "ein replace lautet 'module [version] => module version' oder '=> folder'",
    ),
    ("a require is 'module version'", "ein require lautet 'module version'"),
    ("empty lockfile", "leeres Lockfile"),
    ("entry without a name", "Eintrag ohne Namen"),
    ("'name' must be a string, not int", "'name' muss eine Zeichenkette sein, nicht int"),
    ("entry must be a table, not str", "Eintrag muss eine Tabelle sein, nicht str"),
    ("entry must be an object, not list", "Eintrag muss ein Objekt sein, nicht list"),
    ("entry must be a mapping, not str", "Eintrag muss eine Zuordnung sein, nicht str"),
    (
        "not a gem line (expected 'name (version)')",
        "keine Zeile eines Gems (erwartet wird 'name (version)')",
    ),
    (
        "not a valid setup.cfg: not a 'key = value' line",
        "keine gültige setup.cfg: keine Zeile der Form 'key = value'",
    ),
    ("no installed packages found", "keine installierten Pakete gefunden"),
    ("no site-packages folder in this environment", "kein Ordner site-packages in dieser Umgebung"),
    (
        "no installed distributions (*.dist-info) found",
        "keine installierten Distributionen (*.dist-info) gefunden",
    ),
    # policies
    ("cannot read policy: Permission denied", "Richtlinie nicht lesbar: Permission denied"),
    ("policy is not UTF-8 text", "die Richtlinie ist kein UTF-8-Text"),
    (
        "unknown table or key 'rules' (expected one of: policy, categories, licenses)",
        "unbekannte Tabelle oder unbekannter Schlüssel 'rules' (erwartet wird eines von: policy, "
        "categories, licenses)",
    ),
    (
        "[policy] min-confidence must be between 0 and 1",
        "[policy] min-confidence muss zwischen 0 und 1 liegen",
    ),
    (
        "[obligations] GPL-2.0-only must be a list of strings",
        "[obligations] GPL-2.0-only muss eine Liste von Zeichenketten sein",
    ),
    (
        "[licenses] deny must be a list of licence expressions",
        "[licenses] deny muss eine Liste von Lizenzausdrücken sein",
    ),
    ("[policy] needs a name", "[policy] braucht einen Namen"),
    (
        "unknown category 'copyleft' (known: permissive, weak-copyleft)",
        "unbekannte Kategorie 'copyleft' (bekannt: permissive, weak-copyleft)",
    ),
    (
        "exceptions must be written as [[exceptions]] tables",
        "exceptions muss als [[exceptions]]-Tabellen geschrieben werden",
    ),
    ("each [[exceptions]] entry must be a table", "jeder Eintrag in [[exceptions]] muss eine Tabelle sein"),
    (
        "an exception needs a package (purl), a name or a license",
        "eine Ausnahme braucht ein package (purl), einen name oder eine license",
    ),
    ("name must not be empty", "name darf nicht leer sein"),
    (
        "package must be a purl such as pkg:pypi/requests, not 'requests'",
        "package muss eine purl wie pkg:pypi/requests sein, nicht 'requests'",
    ),
    (
        "package is not a valid purl: purl is missing the required type component.",
        "package ist keine gültige purl: purl is missing the required type component.",
    ),
    (
        "give the version either in the purl or in 'version', not both",
        "die Version entweder in der purl oder in 'version' angeben, nicht in beiden",
    ),
    ("'NONE' is not a licence", "'NONE' ist keine Lizenz"),
    # licence expressions
    ("a licence expression must be text, not int", "ein Lizenzausdruck muss Text sein, nicht int"),
    ("licence expression nested too deeply", "Lizenzausdruck zu tief verschachtelt"),
    ("empty brackets in the licence expression '()'", "leere Klammern im Lizenzausdruck '()'"),
    ("'MIT' is not a licence exception id", "'MIT' ist keine Kennung einer Lizenzausnahme"),
    (
        "unexpected part of a licence expression: LicenseSymbol('x')",
        "unerwarteter Teil eines Lizenzausdrucks: LicenseSymbol('x')",
    ),
    # configuration, cache and command line
    (
        "cannot read the configuration: Expected '=' after a key in a key/value pair",
        "Konfiguration nicht lesbar: Expected '=' after a key in a key/value pair",
    ),
    (
        "osscheck configuration: sources: unknown source 'maven' (known: depsdev, pypi)",
        "osscheck-Konfiguration: sources: unbekannte Quelle 'maven' (bekannt: depsdev, pypi)",
    ),
    ("--outbound 'NONE' is not a licence", "--outbound 'NONE' ist keine Lizenz"),
    (
        "cannot create the cache folder: Permission denied",
        "der Ordner des Zwischenspeichers kann nicht angelegt werden: Permission denied",
    ),
    (
        "the look-up cache cannot be used (file is not a database); delete it and run again",
        "der Zwischenspeicher der Abfragen ist nicht nutzbar (file is not a database); bitte löschen und "
        "erneut ausführen",
    ),
    ("aborted", "abgebrochen"),
]


@pytest.mark.parametrize(("english", "german"), PAIRS)
def test_german_error_lines(english, german):
    assert translate_error(english, "de") == german
    assert translate_error(english, "en") == english


@pytest.mark.parametrize(("english", "german"), MORE_PAIRS)
def test_more_german_messages(english, german):
    for where in ("", "f.json: ", "dir/f.toml:12: "):
        line = f"{ERROR_PREFIX}{where}{english}"
        assert translate_error(line, "de") == f"{ERROR_PREFIX}{where}{german}"
        assert translate_error(line, "en") == line


@pytest.mark.parametrize(
    "line",
    [
        "osscheck: error: x.json: something osscheck never says",
        "osscheck: error: x.json: not a valid JSON",  # close to a phrase is not a phrase
        "Error: No such option: --x",  # click's own, without our prefix
        "osscheck: error: No such option: --x",  # click's wording, not ours
        "",
    ],
)
def test_unknown_messages_stay_english(line):
    assert translate_error(line, "de") == line


def test_every_phrase_has_an_example():
    """Each phrase is matched by an example above (so none is shadowed by an earlier one)."""
    lines = [english for english, _ in PAIRS] + [ERROR_PREFIX + english for english, _ in MORE_PAIRS]
    used = set().union(*(_pattern_of(line) for line in lines))
    assert [p.pattern for p, _ in i18n._errors_de() if p.pattern not in used] == []


def _suffixes(line: str) -> list[str]:
    rest = line[len(ERROR_PREFIX) :]
    return [rest] + [rest[m.end() :] for m in re.finditer(": ", rest)]


def _pattern_of(english: str) -> set[str]:
    """The phrases that ``english`` uses (the message's, and those of a message inside it)."""
    return {
        pattern.pattern
        for pattern, _ in i18n._errors_de()
        for rest in _suffixes(english)
        if pattern.fullmatch(rest)
    }


def _longest_literal(pattern: re.Pattern[str]) -> str:
    """The longest stretch of plain text in ``pattern`` outside its groups."""
    try:
        import re._parser as sre_parse  # Python 3.11+
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]

    runs, current = [], ""
    for op, value in sre_parse.parse(pattern.pattern):
        if op is sre_parse.LITERAL:
            current += chr(value)
        else:
            runs.append(current)
            current = ""
    runs.append(current)
    return max(runs, key=len)


def test_every_phrase_is_said_somewhere_in_the_source():
    """A phrase whose English is no longer in the code is stale (the code's wording changed)."""
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(SOURCE.rglob("*.py")) if p.name != "i18n.py"
    )
    stale = [
        pattern.pattern for pattern, _ in i18n._errors_de() if _longest_literal(pattern).strip() not in source
    ]
    assert stale == []


def test_every_replacement_is_german():
    for pattern, replacement in i18n._errors_de():
        if isinstance(replacement, str):
            assert replacement != pattern.pattern
            assert replacement.replace("\\", "") != pattern.pattern.replace("\\", "")


# --- through the command line ---------------------------------------------------------------------


@pytest.fixture
def inputs(tmp_path):
    """A broken lockfile beside a good one."""
    bad = tmp_path / "bad" / "package-lock.json"
    bad.parent.mkdir()
    bad.write_text(json.dumps({"lockfileVersion": 3, "packages": []}))
    good = tmp_path / "good" / "package-lock.json"
    good.parent.mkdir()
    good.write_text(package_lock({"left-pad": "MIT"}))
    return bad, good


@pytest.fixture
def english(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)


GERMAN = "'packages' muss ein Objekt sein, nicht list"
ENGLISH = "'packages' must be an object, not list"


def test_broken_input_with_lang_de(run, inputs, english):
    bad, good = inputs
    result = run("check", "--lang", "de", bad, good)
    assert result.exit_code == 2
    assert result.stderr == f"osscheck: error: {bad}: {GERMAN}\n"
    assert f"Gelesen: {good}" in result.stdout  # the good file is still reported


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_the_german_reports_list_unreadable_inputs_in_german(run, inputs, english, fmt):
    bad, good = inputs
    report = run("check", "--lang", "de", "-f", fmt, bad, good).stdout
    assert GERMAN.replace("'", "&#x27;" if fmt == "html" else "'") in report
    assert ENGLISH.replace("'", "&#x27;" if fmt == "html" else "'") not in report


def test_german_from_the_environment(run, inputs, english, monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    bad, good = inputs
    result = run("check", bad, good)
    assert result.exit_code == 2
    assert result.stderr == f"osscheck: error: {bad}: {GERMAN}\n"
    assert f"Gelesen: {good}" in result.stdout
    # --lang en wins over the environment
    assert run("check", "--lang", "en", bad, good).stderr == f"osscheck: error: {bad}: {ENGLISH}\n"


def test_english_is_unchanged(run, inputs, english):
    bad, good = inputs
    assert run("check", "--lang", "de", bad, good).exit_code == 2  # and nothing of it stays behind
    result = run("check", bad, good)
    assert result.exit_code == 2
    assert result.stderr == f"osscheck: error: {bad}: {ENGLISH}\n"
    assert f"Read: {good}" in result.stdout


def test_german_from_the_configuration(run, tmp_path, english):
    (tmp_path / ".osscheck.toml").write_text('lang = "de"\n')
    (tmp_path / "package-lock.json").write_text("{")
    result = run("check", tmp_path)
    assert result.exit_code == 2
    lock = tmp_path / "package-lock.json"
    assert result.stderr.startswith(f"osscheck: error: {lock}:1: kein gültiges JSON: ")
    # an error after the configuration is read, from the policy it names
    (tmp_path / "package-lock.json").write_text(package_lock({"left-pad": "MIT"}))
    (tmp_path / "policy.toml").write_text('[policy]\nname = "p"\ncolour = "red"\n')
    (tmp_path / ".osscheck.toml").write_text('lang = "de"\npolicy = "policy.toml"\n')
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"osscheck: error: {tmp_path / 'policy.toml'}:3: unbekannter Schlüssel")


def test_usage_errors_before_the_configuration(run, tmp_path, english):
    result = run("check", "--lang", "de", "-f", "pdf", tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("osscheck: error: unbekanntes Format 'pdf' (bekannt: text, ")
    result = run("check", "--lang", "de", "--outbound", "GPL(", tmp_path)
    assert result.stderr.startswith("osscheck: error: --outbound: kein gültiger Lizenzausdruck: 'GPL(' (")


def test_other_commands(run, inputs, english):
    bad, good = inputs
    result = run("notice", "--lang", "de", bad, good)
    assert result.exit_code == 2 and result.stderr == f"osscheck: error: {bad}: {GERMAN}\n"
    result = run("explain", "--lang", "de", "Classpath-exception-2.0")
    assert result.exit_code == 2
    assert result.stderr.startswith("osscheck: error: Classpath-exception-2.0 ist eine Lizenzausnahme")
    # click's own messages stay click's
    result = run("check", "--lang", "fr", good)
    assert result.exit_code == 2 and "Invalid value" in result.stderr


def test_the_hook_in_german(capsys, inputs, english, monkeypatch):
    bad, good = inputs
    with pytest.raises(SystemExit) as info:
        hook_main(["--lang", "de", str(bad), str(good)])
    out, err = capsys.readouterr()
    assert info.value.code == 2
    assert err == f"osscheck: error: {bad}: {GERMAN}\n"
    assert "left-pad" in out or f"Gelesen: {good}" in out
    # a usage error comes before --lang is understood: the environment decides
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    with pytest.raises(SystemExit) as info:
        hook_main(["--bogus"])
    assert info.value.code == 2 and capsys.readouterr().err == "osscheck: error: unbekannte Option: --bogus\n"

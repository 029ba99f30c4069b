"""The readers' errors are messages: each real error from a real input, in English and in German.

English must say exactly what it said before the texts became data; German what the translation
table said for it (and, where it had none, the German of the catalogue).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from osscheck import readers
from osscheck.errors import InputError, OsscheckError
from osscheck.messages import Message
from osscheck.readers import _source


def errors_of(*paths: Path) -> list[OsscheckError]:
    """Every error reading ``paths`` gives: those of discovery, those raised, those of entries left out."""
    targets, errors = readers.discover(paths)
    found: list[OsscheckError] = list(errors)
    for target in targets:
        try:
            found.extend(readers.read(target).errors)
        except InputError as exc:
            found.append(exc)
    return found


def one_error(path: Path) -> OsscheckError:
    errors = errors_of(path)
    assert len(errors) == 1, [e.format() for e in errors]
    return errors[0]


def check(error: OsscheckError, english: str, german: str) -> None:
    assert error.format() == f"osscheck: error: {english}"
    assert str(error) == english
    assert error.format("de") == f"osscheck: error: {german}"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# (file name, content, English after "FILE[:LINE]: ", German, line or None)
CASES = [
    # _source: decoding and JSON
    ("bom.cdx.json", "", "empty file", "leere Datei", None),
    (
        "bom.cdx.json",
        "{",
        "not valid JSON: Expecting property name enclosed in double quotes",
        "kein gültiges JSON: Expecting property name enclosed in double quotes",
        1,
    ),
    (
        "bom.cdx.json",
        '{"bomFormat": "CycloneDX",\n"bomFormat": "CycloneDX"}',
        "duplicate key 'bomFormat' in one JSON object (only the last one would be read)",
        "doppelter Schlüssel 'bomFormat' in einem JSON-Objekt (nur der letzte würde gelesen)",
        2,
    ),
    (
        "package.json",
        b'{"name": "\xff"}',
        "not UTF-8 text (bad byte at offset 10)",
        "kein UTF-8-Text (ungültiges Byte an Position 10)",
        None,
    ),
    ("package.json", b"\x00\x01", "binary data, not a text file", "Binärdaten, keine Textdatei", None),
    ("Cargo.lock", " \n", "empty lockfile", "leeres Lockfile", None),
    # _source.entry_problem, in the lockfile readers
    (
        "Cargo.lock",
        'version = 3\n\n[[package]]\nname = 3\nversion = "1.0.0"\n',
        "'name' must be a string, not int",
        "'name' muss eine Zeichenkette sein, nicht int",
        3,
    ),
    (
        "Cargo.lock",
        'package = "x"\n',
        "'package' must be an array of tables, not str",
        "'package' muss ein Array von Tabellen sein, nicht str",
        None,
    ),
    ("poetry.lock", '[[package]]\nversion = "1"\n', "entry without a name", "Eintrag ohne Namen", 1),
    (
        "poetry.lock",
        'package = "x"\n',
        "'package' must be an array of tables ([[package]])",
        "'package' muss ein Array von Tabellen sein ([[package]])",
        None,
    ),
    (
        "uv.lock",
        '[[package]]\nname = "a"\nversion = 1\n',
        "'version' must be a string, not int",
        "'version' muss eine Zeichenkette sein, nicht int",
        1,
    ),
    (
        "pylock.toml",
        '[[packages]]\nname = "a"\n',
        "not a pylock.toml: no 'lock-version'",
        "kein pylock.toml: 'lock-version' fehlt",
        None,
    ),
    # composer
    (
        "composer.lock",
        '{"content-hash": "x", "packages": [{"name": "a/b", "version": "1"}, {"version": "2.0"}]}',
        "packages[1]: entry without a name",
        "packages[1]: Eintrag ohne Namen",
        1,
    ),
    (
        "composer.lock",
        '{"content-hash": "x", "packages": {}}',
        "'packages' must be an array, not dict",
        "'packages' muss ein Array sein, nicht dict",
        None,
    ),
    (
        "composer.lock",
        "[]",
        "a composer.lock must be a JSON object",
        "eine composer.lock-Datei muss ein JSON-Objekt sein",
        None,
    ),
    (
        "composer.json",
        "[]",
        "a composer.json must be a JSON object",
        "eine composer.json-Datei muss ein JSON-Objekt sein",
        None,
    ),
    (
        "composer.json",
        '{"require": "x"}',
        "'require' must be an object, not str",
        "'require' muss ein Objekt sein, nicht str",
        None,
    ),
    # CycloneDX JSON
    (
        "bom.cdx.json",
        "[]",
        "a CycloneDX document must be a JSON object",
        "ein CycloneDX-Dokument muss ein JSON-Objekt sein",
        None,
    ),
    (
        "bom.cdx.json",
        '{"bomFormat": "SPDX"}',
        "not a CycloneDX document (bomFormat is not 'CycloneDX')",
        "kein CycloneDX-Dokument (bomFormat ist nicht 'CycloneDX')",
        None,
    ),
    (
        "bom.cdx.json",
        '{"bomFormat": "CycloneDX", "components": {}}',
        "'components' must be a list, not dict",
        "'components' muss eine Liste sein, nicht dict",
        None,
    ),
    # CycloneDX XML
    ("bom.xml", "  \n", "empty file", "leere Datei", None),
    (
        "bom.xml",
        '<bom xmlns="http://cyclonedx.org/schema/bom/1.5">\n<components></bom>\n',
        "not well-formed XML: mismatched tag",
        "kein wohlgeformtes XML: mismatched tag",
        2,
    ),
    (
        "bom.xml",
        '<?xml version="1.0"?>\n<!DOCTYPE bom [<!ENTITY x "y">]>\n'
        '<bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>\n',
        "refused: the XML declares entities (entity expansion and external entities are not read)",
        "abgelehnt: das XML deklariert Entitäten (sie werden weder expandiert noch von außen geladen)",
        2,
    ),
    (
        "bom.xml",
        '<bom xmlns="urn:x"/>\n',
        "not a CycloneDX XML document (root element <bom> in urn:x, expected <bom> in the namespace "
        "http://cyclonedx.org/schema/bom/1.x)",
        "kein CycloneDX-XML-Dokument (Wurzelelement <bom> im Namensraum urn:x, erwartet wird <bom> im "
        "Namensraum http://cyclonedx.org/schema/bom/1.x)",
        None,
    ),
    (
        "bom.xml",
        "<html/>\n",
        "not a CycloneDX XML document (root element <html>, expected <bom> in the namespace "
        "http://cyclonedx.org/schema/bom/1.x)",
        "kein CycloneDX-XML-Dokument (Wurzelelement <html>, erwartet wird <bom> im Namensraum "
        "http://cyclonedx.org/schema/bom/1.x)",
        None,
    ),
    # go.mod
    (
        "go.mod",
        "module x\n\nfrob y\n",
        "unknown directive 'frob' (not a go.mod file?)",
        "unbekannte Anweisung 'frob' (keine go.mod-Datei?)",
        3,
    ),
    (
        "go.mod",
        "module x\nrequire (\n\ta v1\n",
        "'require (' block is never closed",
        "der Block 'require (' wird nicht geschlossen",
        2,
    ),
    (
        "go.mod",
        'module "x\n',
        "unterminated quoted string",
        "Zeichenkette in Anführungszeichen nicht abgeschlossen",
        1,
    ),
    (
        "go.mod",
        "go 1.21\n",
        "no 'module' directive (not a go.mod file?)",
        "keine Anweisung 'module' (keine go.mod-Datei?)",
        None,
    ),
    (
        "go.mod",
        "module x\nrequire a\n",
        "a require is 'module version'",
        "ein require lautet 'module version'",
        2,
    ),
    ("go.mod", "module x\nreplace a b\n", "a replace needs '=>'", "ein replace braucht '=>'", 2),
    (
        "go.mod",
        "module x\nreplace a => b c d\n",
        "a replace is 'module [version] => module version' or '=> folder'",
        "ein replace lautet 'module [version] => module version' oder '=> folder'",
        2,
    ),
    # Maven
    (
        "pom.xml",
        "<html/>\n",
        "not a Maven POM: the root element is <html>, not <project>",
        "kein Maven-POM: das Wurzelelement ist <html>, nicht <project>",
        1,
    ),
    (
        "pom.xml",
        '<?xml version="1.0"?>\n<!DOCTYPE project [<!ENTITY x "y">]>\n<project/>\n',
        "refused: the XML declares entities (EntitiesForbidden)",
        "abgelehnt: das XML deklariert Entitäten (EntitiesForbidden)",
        None,
    ),
    (
        "pom.xml",
        "<project>\n<name>x</nam>\n</project>\n",
        "not valid XML: mismatched tag",
        "kein gültiges XML: mismatched tag",
        2,
    ),
    # npm
    (
        "package-lock.json",
        '{"lockfileVersion": 3, "packages": []}',
        "'packages' must be an object, not list",
        "'packages' muss ein Objekt sein, nicht list",
        None,
    ),
    (
        "package-lock.json",
        '{"lockfileVersion": 1, "dependencies": []}',
        "'dependencies' must be an object, not list",
        "'dependencies' muss ein Objekt sein, nicht list",
        None,
    ),
    (
        "package-lock.json",
        '{"lockfileVersion": 3, "packages": {\n"node_modules/a": []}}',
        "entry must be an object, not list",
        "Eintrag muss ein Objekt sein, nicht list",
        2,
    ),
    (
        "package-lock.json",
        "[]",
        "a package-lock.json must be a JSON object",
        "eine package-lock.json-Datei muss ein JSON-Objekt sein",
        None,
    ),
    (
        "package.json",
        "[]",
        "a package.json must be a JSON object",
        "eine package.json-Datei muss ein JSON-Objekt sein",
        None,
    ),
    # pnpm and yarn
    (
        "pnpm-lock.yaml",
        "foo: 1\n",
        "not a pnpm-lock.yaml: no 'lockfileVersion'",
        "kein pnpm-lock.yaml: 'lockfileVersion' fehlt",
        None,
    ),
    (
        "pnpm-lock.yaml",
        "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: x\n",
        "entry must be a mapping, not str",
        "Eintrag muss eine Zuordnung sein, nicht str",
        None,
    ),
    (
        "yarn.lock",
        "# yarn lockfile v1\n\nfoo\n",
        "not a yarn.lock entry (expected 'name@range:')",
        "kein Eintrag eines yarn.lock (erwartet wird 'name@range:')",
        3,
    ),
    (
        "yarn.lock",
        "# yarn lockfile v1\n  version 1\n",
        "indented line before the first entry",
        "eingerückte Zeile vor dem ersten Eintrag",
        2,
    ),
    (
        "yarn.lock",
        '__metadata:\n  version: 6\n\n"a@npm:1": x\n',
        "entry must be a mapping, not str",
        "Eintrag muss eine Zuordnung sein, nicht str",
        4,
    ),
    (
        "yarn.lock",
        "__metadata:\n  version: 6\n\n[1, 2]\n",
        "not valid YAML: could not find expected ':'",
        "kein gültiges YAML: could not find expected ':'",
        5,
    ),
    # requirements and setup.cfg
    ("requirements.txt", "-r\n", "-r needs a file name", "-r braucht einen Dateinamen", 1),
    (
        "requirements.txt",
        "-r missing.txt\n",
        "cannot read included file missing.txt: No such file or directory",
        "eingebundene Datei missing.txt nicht lesbar: No such file or directory",
        1,
    ),
    (
        "setup.cfg",
        "name = x\n[metadata]\n",
        "not a valid setup.cfg: before any [section]",
        "keine gültige setup.cfg: vor dem ersten [Abschnitt]",
        1,
    ),
    (
        "setup.cfg",
        "[metadata]\nfoo\n",
        "not a valid setup.cfg: not a 'key = value' line",
        "keine gültige setup.cfg: keine Zeile der Form 'key = value'",
        2,
    ),
    # Ruby
    (
        "Gemfile.lock",
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (3.0.8)\n    broken gem line (\n\n"
        "DEPENDENCIES\n  rack\n",
        "not a gem line (expected 'name (version)')",
        "keine Zeile eines Gems (erwartet wird 'name (version)')",
        5,
    ),
    (
        "Gemfile.lock",
        "hello\n",
        "not a Gemfile.lock: no GEM, GIT, PATH or DEPENDENCIES section",
        "kein Gemfile.lock: kein Abschnitt GEM, GIT, PATH oder DEPENDENCIES",
        None,
    ),
    (
        "x.gemspec",
        "puts 1\n",
        "not a gemspec: no Gem::Specification",
        "keine gemspec: kein Gem::Specification",
        None,
    ),
    # SPDX
    (
        "doc.spdx.json",
        "{}",
        "not an SPDX JSON document (no spdxVersion)",
        "kein SPDX-JSON-Dokument (spdxVersion fehlt)",
        None,
    ),
    (
        "doc.spdx.json",
        '{"spdxVersion": "SPDX-2.3", "packages": {}}',
        "'packages' must be a list, not dict",
        "'packages' muss eine Liste sein, nicht dict",
        None,
    ),
    (
        "doc.spdx.yaml",
        "name: x\n",
        "not an SPDX YAML document (no spdxVersion)",
        "kein SPDX-YAML-Dokument (spdxVersion fehlt)",
        None,
    ),
    ("doc.spdx.yaml", "\n", "empty file", "leere Datei", None),
    (
        "doc.spdx",
        "SPDXVersion: SPDX-2.3\nPackageComment: <text>never closed\n",
        "<text> of PackageComment is not closed by </text>",
        "<text> von PackageComment wird nicht mit </text> geschlossen",
        2,
    ),
    (
        "doc.spdx",
        "Creator: x\n",
        "not an SPDX tag-value document (no SPDXVersion tag)",
        "kein SPDX-Tag-Value-Dokument (Tag SPDXVersion fehlt)",
        None,
    ),
    (
        "doc.spdx3.json",
        '{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"}',
        "not an SPDX 3 JSON-LD document (no @graph or elements list)",
        "kein SPDX-3-JSON-LD-Dokument (weder @graph noch eine Liste elements)",
        None,
    ),
    (
        "doc.spdx3.json",
        '{"@context": "https://example.org/", "@graph": [{"type": "Thing"}]}',
        "not an SPDX 3 document (no SPDX context and no SPDX element types)",
        "kein SPDX-3-Dokument (weder SPDX-Kontext noch SPDX-Elementtypen)",
        None,
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "english", "german", "line"), CASES, ids=[f"{c[0]}-{c[2][:40]}" for c in CASES]
)
def test_reader_errors_in_both_languages(tmp_path, name, content, english, german, line):
    path = write(tmp_path, name, content)
    where = f"{path}:{line}: " if line else f"{path}: "
    check(one_error(path), where + english, where + german)


# --- discovery (readers/__init__.py) and limits --------------------------------------------------


def test_a_path_that_is_not_there(tmp_path):
    missing = tmp_path / "no" / "such.json"
    check(
        one_error(missing),
        f"{missing}: no such file or directory",
        f"{missing}: Datei oder Ordner nicht vorhanden",
    )


def test_a_file_of_no_known_format(tmp_path):
    notes = write(tmp_path, "notes.bin", "{{{ not anything osscheck reads }}}\n")
    check(
        one_error(notes),
        f"{notes}: not a format osscheck reads (SBOM, manifest or lockfile)",
        f"{notes}: kein Format, das osscheck liest (SBOM, Manifest oder Lockfile)",
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo(tmp_path):
    fifo = tmp_path / "bom.cdx.json"
    os.mkfifo(fifo)
    check(one_error(fifo), f"{fifo}: not a regular file", f"{fifo}: keine reguläre Datei")


def test_symlinks_out_of_the_folder_searched(tmp_path):
    outside = tmp_path / "outside"
    write(outside, "package-lock.json", '{"lockfileVersion": 3, "packages": {}}')
    project = tmp_path / "project"
    project.mkdir()
    (project / "package-lock.json").symlink_to(outside / "package-lock.json")
    (project / "lib").symlink_to(outside)
    errors = sorted(errors_of(project), key=lambda e: e.path or "")
    assert len(errors) == 2
    check(
        errors[0],
        f"{project / 'lib'}: symlink to a folder outside the scanned folder, not followed",
        f"{project / 'lib'}: symbolischer Link auf einen Ordner außerhalb des untersuchten Ordners, "
        "nicht gefolgt",
    )
    lock = project / "package-lock.json"
    check(
        errors[1],
        f"{lock}: symlink to a file outside the scanned folder, not followed",
        f"{lock}: symbolischer Link auf eine Datei außerhalb des untersuchten Ordners, nicht gefolgt",
    )


def test_a_reader_that_fails_is_one_line(tmp_path, monkeypatch):
    from osscheck.readers import cyclonedx_json

    def broken(path: Path, data: bytes) -> None:
        raise KeyError("x")

    monkeypatch.setattr(cyclonedx_json, "read", broken)
    bom = write(tmp_path, "bom.cdx.json", '{"bomFormat": "CycloneDX"}')
    check(
        one_error(bom),
        f"{bom}: cannot read as cyclonedx-json: KeyError: 'x'",
        f"{bom}: als cyclonedx-json nicht lesbar: KeyError: 'x'",
    )


def test_a_reader_that_recurses_too_deeply(tmp_path, monkeypatch):
    from osscheck.readers import cyclonedx_json

    def deep(path: Path, data: bytes) -> None:
        raise RecursionError

    monkeypatch.setattr(cyclonedx_json, "read", deep)
    bom = write(tmp_path, "bom.cdx.json", '{"bomFormat": "CycloneDX"}')
    check(one_error(bom), f"{bom}: nested too deeply", f"{bom}: zu tief verschachtelt")


def test_the_file_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("OSSCHECK_MAX_FILE_SIZE", "10")
    bom = write(tmp_path, "bom.cdx.json", '{"bomFormat": "CycloneDX", "components": []}')
    check(
        one_error(bom),
        f"{bom}: file larger than 10 bytes (OSSCHECK_MAX_FILE_SIZE)",
        f"{bom}: Datei größer als 10 Bytes (OSSCHECK_MAX_FILE_SIZE)",
    )


def test_the_nesting_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("OSSCHECK_MAX_NESTING", "2")
    bom = write(tmp_path, "bom.cdx.json", json.dumps({"bomFormat": "CycloneDX", "a": {"b": {"c": 1}}}))
    check(
        one_error(bom),
        f"{bom}: nested deeper than 2 levels (OSSCHECK_MAX_NESTING)",
        f"{bom}: tiefer als 2 Ebenen verschachtelt (OSSCHECK_MAX_NESTING)",
    )


def test_json_nested_too_deeply_for_the_parser():
    with pytest.raises(InputError) as info:
        _source.load_json("deep.json", "[" * 100_000 + "]" * 100_000)
    check(info.value, "deep.json: JSON nested too deeply", "deep.json: JSON zu tief verschachtelt")


# --- files that name other files -----------------------------------------------------------------


def test_an_included_file_too_large_says_why_in_the_same_language(tmp_path, monkeypatch):
    monkeypatch.setenv("OSSCHECK_MAX_FILE_SIZE", "20")
    write(tmp_path, "big.txt", "requests\n" * 10)
    requirements = write(tmp_path, "requirements.txt", "-r big.txt\n")
    check(
        one_error(requirements),
        f"{requirements}:1: cannot read included file big.txt: file larger than 20 bytes "
        "(OSSCHECK_MAX_FILE_SIZE)",
        f"{requirements}:1: eingebundene Datei big.txt nicht lesbar: Datei größer als 20 Bytes "
        "(OSSCHECK_MAX_FILE_SIZE)",
    )


def test_a_setup_cfg_file_outside_its_folder(tmp_path):
    write(tmp_path, "x.txt", "requests\n")
    setup = write(tmp_path / "project", "setup.cfg", "[options]\ninstall_requires = file: ../x.txt\n")
    check(
        one_error(setup),
        f"{setup}:2: cannot read ../x.txt: file outside the scanned folder, not read",
        f"{setup}:2: ../x.txt nicht lesbar: Datei außerhalb des untersuchten Ordners, nicht gelesen",
    )


def test_a_pyproject_dynamic_file_outside_its_folder(tmp_path):
    write(tmp_path, "x.txt", "requests\n")
    pyproject = write(
        tmp_path / "project",
        "pyproject.toml",
        '[project]\nname = "p"\ndynamic = ["dependencies"]\n\n'
        '[tool.setuptools.dynamic]\ndependencies = {file = ["../x.txt"]}\n',
    )
    check(
        one_error(pyproject),
        f"{pyproject}: cannot read ../x.txt: file outside the scanned folder, not read",
        f"{pyproject}: ../x.txt nicht lesbar: Datei außerhalb des untersuchten Ordners, nicht gelesen",
    )


# --- installed packages --------------------------------------------------------------------------


def test_an_empty_node_modules(tmp_path):
    folder = tmp_path / "node_modules"
    folder.mkdir()
    check(
        one_error(folder),
        f"{folder}: no installed packages found",
        f"{folder}: keine installierten Pakete gefunden",
    )


def test_an_environment_without_site_packages(tmp_path):
    venv = tmp_path / "venv"
    write(venv, "pyvenv.cfg", "home = /usr/bin\n")
    check(
        one_error(venv),
        f"{venv}: no site-packages folder in this environment",
        f"{venv}: kein Ordner site-packages in dieser Umgebung",
    )


def test_an_environment_without_distributions(tmp_path):
    site = tmp_path / "venv" / "lib" / "python3.12" / "site-packages"
    site.mkdir(parents=True)
    write(tmp_path / "venv", "pyvenv.cfg", "home = /usr/bin\n")
    venv = tmp_path / "venv"
    check(
        one_error(venv),
        f"{venv}: no installed distributions (*.dist-info) found",
        f"{venv}: keine installierten Distributionen (*.dist-info) gefunden",
    )


# --- Maven properties ----------------------------------------------------------------------------


def test_maven_properties_in_a_circle(tmp_path):
    pom = write(
        tmp_path,
        "pom.xml",
        "<project>\n<modelVersion>4.0.0</modelVersion>\n<properties>\n<a>${b}</a>\n<b>${a}</b>\n"
        "</properties>\n<artifactId>${a}</artifactId>\n</project>\n",
    )
    error = one_error(pom)
    assert error.message.code == "input.properties-too-deep"
    depth = error.message.args["depth"]
    assert error.render() == (
        f"{pom}:{error.line}: properties refer to each other more than {depth} levels deep, or in a circle"
    )
    assert error.render("de") == (
        f"{pom}:{error.line}: Properties verweisen mehr als {depth} Ebenen tief oder im Kreis aufeinander"
    )


# --- the helpers return messages -----------------------------------------------------------------


def test_entry_problem_is_a_message():
    assert _source.entry_problem([], "object") == Message("input.entry-must-be-object", type="list")
    assert _source.entry_problem("x") == Message("input.entry-must-be-table", type="str")
    assert _source.entry_problem({"name": " "}) == Message("input.entry-without-name")
    assert _source.entry_problem({"name": "a", "version": 1}) == Message(
        "input.must-be-string", key="version", type="int"
    )
    assert _source.entry_problem({"name": "a", "version": "1"}) is None
    assert str(_source.entry_problem("x")) == "entry must be a table, not str"

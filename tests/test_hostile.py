"""Hostile and broken input: one error line and exit 2, or a clean result with the strange parts
unknown; never a traceback, never a hang, and the good file beside it is still reported."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

GOOD = {
    "bomFormat": "CycloneDX",
    "specVersion": "1.5",
    "components": [
        {"name": "good", "version": "1", "purl": "pkg:npm/good@1", "licenses": [{"license": {"id": "MIT"}}]}
    ],
}


def cdx(components) -> str:
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.5", "components": components})


UNREADABLE = {
    "empty.cdx.json": b"",
    "truncated.cdx.json": b'{"bomFormat": "CycloneDX", "components": [{"name": "a"',
    "binary.cdx.json": bytes(range(256)) * 64,
    "latin1.cdx.json": '{"bomFormat": "CycloneDX", "components": [{"name": "Stra\xdfe"}]}'.encode("latin-1"),
    "components-object.cdx.json": b'{"bomFormat": "CycloneDX", "components": {"name": "x"}}',
    "not-an-object.cdx.json": b'["bomFormat", "CycloneDX"]',
    "deep-arrays.cdx.json": b'{"bomFormat": "CycloneDX", "components": '
    + b"[" * 100_000
    + b"]" * 100_000
    + b"}",
    "package-lock.json": b'{"lockfileVersion": 3, "packages": [1, 2]}',
    "pyproject.toml": b'[project\nname = "x"',
    "billion-laughs.cdx.xml": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library">'
        b"<name>&lol3;</name></component></components></bom>"
    ),
    "external-entity.cdx.xml": (
        b'<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components><component type="library">'
        b"<name>&xxe;</name></component></components></bom>"
    ),
    "truncated.cdx.xml": b'<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components>',
    # broken YAML, TOML and lockfiles of every family
    "broken.spdx.yaml": b"spdxVersion: SPDX-2.3\npackages: [\n  - name: x\n",
    "pnpm-lock.yaml": b"lockfileVersion: '6.0'\npackages:\n  /a@1: {resolution: [\n",
    "Cargo.lock": b'[[package]]\nname = "x"\nversion = \n',
    "poetry.lock": b'[[package]]\nname = "x"\nversion = "1"\n[[package]\n',
    "uv.lock": b"version = 1\n[[package]\n",
    "composer.lock": b'{"packages": "x"}',
    "packages-an-object.spdx.json": b'{"spdxVersion": "SPDX-2.3", "packages": {"name": "x"}}',
    "go.mod": b"module x\n\nrequire (\n  github.com/a/b v1\n",
    "pom.xml": b"<project><dependencies><dependency><groupId>a",
    "yarn.lock": b"__metadata:\n  version: 6\n'a@npm:1': [\n",
}


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_unreadable_input_is_one_error_line_and_the_good_file_is_still_reported(run, tmp_path, name):
    bad = tmp_path / name
    bad.write_bytes(UNREADABLE[name])
    good = tmp_path / "good.cdx.json"
    good.write_text(json.dumps(GOOD))
    started = time.monotonic()
    result = run("check", bad, good, "-f", "json")
    assert time.monotonic() - started < 60
    assert result.exit_code == 2, result
    assert result.stderr.startswith(f"osscheck: error: {bad}"), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert [c["name"] for c in result.json["components"]] == ["good"]
    assert result.json["errors"] == [result.stderr.strip()]


READABLE = {
    # wrong types inside an otherwise valid SBOM: the component stays, its licence is unknown
    "licenses-a-string.cdx.json": cdx([{"name": "x", "version": "1", "licenses": "MIT"}]),
    "licence-entry-a-string.cdx.json": cdx(
        [{"name": "x", "version": "1", "licenses": ["MIT", {"license": "MIT"}]}]
    ),
    "id-a-list.cdx.json": cdx([{"name": "x", "version": "1", "licenses": [{"license": {"id": ["MIT"]}}]}]),
    "expression-a-number.cdx.json": cdx([{"name": "x", "version": "1", "licenses": [{"expression": 5}]}]),
    "deep-expression.cdx.json": cdx(
        [{"name": "x", "version": "1", "licenses": [{"expression": "(" * 20_000 + "MIT" + ")" * 20_000}]}]
    ),
    "malformed-expression.cdx.json": cdx(
        [{"name": "x", "version": "1", "licenses": [{"expression": "MIT AND ("}]}]
    ),
}


@pytest.mark.parametrize("name", sorted(READABLE))
def test_strange_parts_of_a_readable_file_are_unknown(run, tmp_path, name):
    path = tmp_path / name
    path.write_text(READABLE[name])
    result = run("check", path, "-f", "json")
    assert result.exit_code == 1, result  # unknown is denied under public-code: fail closed
    assert result.stderr == ""
    (component,) = result.json["components"]
    assert component["name"] == "x" and component["status"] == "denied"
    assert component["category"] == "unknown"  # no licence, or one nobody can name


ODD_BUT_READABLE = {
    # wrong types where nothing about licences is said: the licences are still read
    "metadata-a-list.cdx.json": {**GOOD, "metadata": [1]},
    "name-a-list.cdx.json": {
        **GOOD,
        "components": [{**GOOD["components"][0], "name": ["x"], "version": {"a": 1}}],
    },
    "purl-a-number.cdx.json": {**GOOD, "components": [{**GOOD["components"][0], "purl": 5}]},
    "dependencies-a-string.cdx.json": {**GOOD, "dependencies": "all of them"},
}


@pytest.mark.parametrize("name", sorted(ODD_BUT_READABLE))
def test_odd_types_beside_the_licences_do_not_lose_them(run, tmp_path, name):
    path = tmp_path / name
    path.write_text(json.dumps(ODD_BUT_READABLE[name]))
    result = run("check", path, "-f", "json")
    assert result.exit_code == 0, result
    (component,) = result.json["components"]
    assert component["license"] == "MIT" and component["status"] == "allowed"


def test_wrong_types_inside_a_lockfile_are_errors_and_the_rest_is_reported(run, tmp_path):
    lock = tmp_path / "package-lock.json"
    lock.write_text(
        json.dumps(
            {
                "lockfileVersion": 3,
                "packages": {
                    "node_modules/a": "x",
                    "node_modules/b": {"version": 5, "license": ["MIT"]},
                    "node_modules/c": {"version": "1.0.0", "license": "MIT"},
                },
            }
        )
    )
    result = run("check", lock, "-f", "json")
    # entries that cannot be read fail the check (tests/test_lockfiles.py has more)
    assert result.exit_code == 2
    assert "entry must be an object, not str" in result.stderr
    assert "'version' must be a string, not int" in result.stderr
    licences = {c["name"]: c["license"] for c in result.json["components"]}
    assert licences == {"c": "MIT"}


def test_a_50_megabyte_licence_name_is_unknown_not_a_crash(run, tmp_path):
    path = tmp_path / "huge.cdx.json"
    path.write_text(
        cdx([{"name": "x", "version": "1", "licenses": [{"license": {"name": "A" * 50_000_000}}]}])
    )
    started = time.monotonic()
    result = run("check", path, "-f", "json")
    assert time.monotonic() - started < 60
    (component,) = result.json["components"]
    assert component["license"] is None
    assert len(component["declared"][0]) <= 200  # the report does not repeat 50 MB


def test_utf16_with_a_byte_order_mark_is_read(run, tmp_path):
    path = tmp_path / "utf16.cdx.json"
    path.write_bytes(json.dumps(GOOD).encode("utf-16"))
    result = run("check", path, "-f", "json")
    assert result.exit_code == 0 and result.json["components"][0]["license"] == "MIT"


def test_limits_are_configurable(run, tmp_path, monkeypatch):
    path = tmp_path / "good.cdx.json"
    path.write_text(json.dumps(GOOD))
    monkeypatch.setenv("OSSCHECK_MAX_FILE_SIZE", "100")
    result = run("check", path)
    assert result.exit_code == 2 and "OSSCHECK_MAX_FILE_SIZE" in result.stderr
    monkeypatch.delenv("OSSCHECK_MAX_FILE_SIZE")
    monkeypatch.setenv("OSSCHECK_MAX_EXPRESSION_LENGTH", "16")  # the policy's ids still fit
    long = tmp_path / "long.cdx.json"
    long.write_text(cdx([{"name": "x", "version": "1", "licenses": [{"expression": "MIT OR 0BSD OR Zlib"}]}]))
    assert run("check", long, "-f", "json").json["components"][0]["license"] is None


def nested(levels: int) -> dict:
    """A readable SBOM whose component carries a ``levels``-deep list in a field nobody reads."""
    deep: object = []
    for _ in range(levels - 3):  # the document, components and the component are three levels
        deep = [deep]
    return {**GOOD, "components": [{**GOOD["components"][0], "x-deep": deep}]}


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("deep.cdx.json", json.dumps(nested(12))),
        ("deep.spdx.yaml", "spdxVersion: SPDX-2.3\nx:\n" + "".join(f"{'  ' * i}- \n" for i in range(1, 12))),
        ("Cargo.toml", '[package]\nname = "x"\nversion = "1"\nx = ' + "[" * 12 + "]" * 12 + "\n"),
    ],
)
def test_a_lower_nesting_limit_refuses_deeper_documents(run, tmp_path, monkeypatch, name, text):
    good = tmp_path / "good.cdx.json"
    good.write_text(json.dumps(GOOD))
    deep = tmp_path / name
    deep.write_text(text)
    assert run("check", deep, good).exit_code == 0  # the default limit takes them
    monkeypatch.setenv("OSSCHECK_MAX_NESTING", "10")
    result = run("check", deep, good, "-f", "json")
    assert result.exit_code == 2
    assert result.stderr == f"osscheck: error: {deep}: nested deeper than 10 levels (OSSCHECK_MAX_NESTING)\n"
    assert [c["name"] for c in result.json["components"]] == ["good"]


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="json's C scanner keeps a fixed limit from 3.12")
def test_a_higher_nesting_limit_reads_deeper_documents(run, tmp_path, monkeypatch):
    deep = tmp_path / "deep.cdx.json"
    deep.write_text(json.dumps(nested(4)).replace("[]", "[" * 3000 + "]" * 3000))
    assert run("check", deep).exit_code == 2  # beyond what the parsers manage by default
    monkeypatch.setenv("OSSCHECK_MAX_NESTING", "4000")
    result = run("check", deep, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert result.json["components"][0]["license"] == "MIT"
    assert sys.getrecursionlimit() < 4000  # raised only while the parser ran


def test_no_traceback_from_the_real_entry_point_on_a_directory_of_hostile_files(tmp_path):
    for name, data in UNREADABLE.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.cdx.json").write_text(json.dumps(GOOD))
    proc = subprocess.run(
        [sys.executable, "-m", "osscheck", "check", str(tmp_path), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines and all(line.startswith("osscheck: error: ") for line in lines)
    assert "good" in [c["name"] for c in json.loads(proc.stdout)["components"]]


def test_a_lone_surrogate_escape_does_not_break_any_output(run, tmp_path):
    path = tmp_path / "surrogate.cdx.json"
    path.write_text(
        '{"bomFormat": "CycloneDX", "components": [{"name": "a\\ud800b", "version": "1", '
        '"licenses": [{"license": {"id": "MIT"}}]}, {"name": "ok\\ud83d\\ude00", "version": "1"}]}'
    )
    names = [c["name"] for c in run("check", path, "-f", "json").json["components"]]
    assert names == ["a\ufffdb", "ok\U0001f600"]
    assert run("check", path).exit_code == 1


def test_a_check_that_could_not_read_an_input_has_not_passed(run, tmp_path):
    bad = tmp_path / "bad" / "package-lock.json"
    bad.parent.mkdir()
    bad.write_text('{"lockfileVersion": 3, "packages": []}')
    good = tmp_path / "good.cdx.json"
    good.write_text(json.dumps(GOOD))
    result = run("check", bad, good, "-f", "json")
    assert result.exit_code == 2
    assert result.json["summary"]["passed"] is False  # fail closed: the check is incomplete
    text = run("check", bad, good).stdout
    assert text.rstrip().endswith("FAILED (an input could not be read)")
    assert (
        run("check", bad, good, "--lang", "de")
        .stdout.rstrip()
        .endswith("NICHT BESTANDEN (eine Eingabe war nicht lesbar)")
    )


def test_a_pasted_licence_text_keeps_the_text_report_one_line_per_statement(run, tmp_path):
    text = "Attribution 4.0 International\n\n=======\n\nCreative Commons Corporation\n" * 5
    path = tmp_path / "pasted.cdx.json"
    path.write_text(cdx([{"name": "x", "version": "1", "licenses": [{"license": {"name": text}}]}]))
    report = run("check", path, "-v").stdout
    declared = next(line for line in report.splitlines() if "declared:" in line)
    assert "Attribution 4.0 International =======" in declared and "=======\n" not in report

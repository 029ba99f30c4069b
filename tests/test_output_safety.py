"""What inputs put into names, paths and messages cannot steer a terminal or a comment (11.15, 11.16),
and the small output defects (register dates, a full stdout, YAML error lines)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import assert_one_error_line, write

HOSTILE = "evil\x1b[2K\r  + harmless@1.0  MIT \x1b[8m"


def _lock(tmp_path, name: str, licence: str = "SSPL-1.0", purl: str | None = None):
    """An SBOM with one component named ``name``, without a purl (which would percent-encode it)."""
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "version": 1,
        "metadata": {
            "component": {"type": "application", "name": "app", "licenses": [{"expression": "EUPL-1.2"}]}
        },
        "components": [
            {"type": "library", "name": name, "version": "1.0", "licenses": [{"expression": licence}]}
        ],
    }
    if purl:
        doc["components"][0]["purl"] = purl
    path = tmp_path / "bom.cdx.json"
    path.write_text(json.dumps(doc))
    return path


def test_text_report_shows_control_characters_escaped(run, tmp_path):
    result = run("check", _lock(tmp_path, HOSTILE))
    assert result.exit_code == 1
    assert not any(ch in result.stdout for ch in "\x1b\r\x07\x9b\x7f")
    assert "evil\\x1b[2K\\x0d  + harmless@1.0" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].endswith("FAILED (--fail-on denied)")


def test_a_newline_in_a_value_starts_no_report_line(run, tmp_path):
    result = run("check", _lock(tmp_path, "a\nSummary: 1 components: passed", "SSPL-1.0"))
    assert [line for line in result.stdout.splitlines() if line.startswith("Summary:")] == [
        result.stdout.rstrip().splitlines()[-1]
    ]
    assert "a\\x0aSummary" in result.stdout


def test_osc_sequences_do_not_pass(run, tmp_path):
    name = "x\x1b]0;owned\x07\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"
    result = run("check", _lock(tmp_path, name))
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_error_lines_escape_file_names_and_content(run, tmp_path):
    folder = tmp_path / "a\x1b[31mb"
    gomod = write(folder / "go.mod", "module x\n\ngo 1.21\n\nrequire (\n\tgithub.com/x\x1b[2K v1\n")
    result = run("check", gomod, _lock(tmp_path, "ok", "MIT"))
    assert "\x1b" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines and all(line.startswith("osscheck: error: ") for line in lines)
    assert "a\\x1b[31mb" in result.stderr


def test_the_hook_output_is_escaped_too(tmp_path):
    _lock(tmp_path, HOSTILE)
    write(tmp_path / "broken\x1b[2K.cdx.json", "{")
    proc = subprocess.run(
        [sys.executable, "-m", "osscheck.hook", "bom.cdx.json", "broken\x1b[2K.cdx.json"],
        capture_output=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 2
    assert b"\x1b" not in proc.stdout and b"\x1b" not in proc.stderr
    assert b"broken\\x1b[2K.cdx.json" in proc.stderr


def test_markdown_names_neither_mention_nor_link(run, tmp_path):
    result = run("check", "-f", "markdown", _lock(tmp_path, "x @admin http://evil.example"))
    outside = result.stdout.split("`")[::2]  # the parts outside code spans
    assert "x @&#8203;admin" in "".join(outside)  # a zero-width space after the @: no mention
    assert not any("@admin" in part for part in outside)
    assert not any("http://" in part or "www." in part for part in outside)  # nothing to autolink


def test_markdown_free_text_with_a_url_and_controls(tmp_path):
    from osscheck.reports.markdown import text

    shown = text("see https://evil.example/x and www.evil.example, ask @root \x1b[2K")
    assert "`https://evil.example/x`" in shown and "`www.evil.example,`" in shown
    assert "@&#8203;root" in shown and "\x1b" not in shown and "\\x1b" in shown


def test_html_has_no_raw_control_characters(run, tmp_path):
    result = run("check", "-f", "html", _lock(tmp_path, HOSTILE))
    assert not any(ch in result.stdout for ch in "\x1b\x07\x7f\x9b")
    assert "evil\\x1b[2K" in result.stdout


def test_the_register_counts_days_from_the_date_that_decided_its_state(run, tmp_path, monkeypatch):
    policy = write(
        tmp_path / "city.toml",
        '[policy]\nname = "city"\nextends = "public-code"\n\n[[exceptions]]\npackage = "pkg:npm/dbkit"\n'
        'justification = "needed"\nexpires = 2020-01-01\n',
    )
    lock = _lock(tmp_path, "dbkit", purl="pkg:npm/dbkit@1.0")
    (tmp_path / "LICENSE").write_text("EUPL-1.2")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")  # 2017: before the expiry
    html = run("check", "-f", "html", "-p", policy, lock).stdout
    row = next(line for line in html.splitlines() if 'class="mono pkg">pkg:npm/dbkit' in line)
    assert "expired" in row  # the evaluation (today) found it expired ...
    assert "days left" not in row  # ... so no count from the stamp's date beside it


def test_stdout_to_dev_full_is_one_cannot_write_line(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    _lock(tmp_path, "ok", "MIT")
    for args in (
        ["-m", "osscheck", "check", "package-lock.json"],
        ["-m", "osscheck.hook", "package-lock.json"],
    ):
        with open("/dev/full", "wb") as full:
            proc = subprocess.run([sys.executable, *args], stdout=full, stderr=subprocess.PIPE, cwd=tmp_path)
        lines = proc.stderr.decode().strip().splitlines()
        assert proc.returncode == 2
        assert len(lines) == 1 and lines[0].startswith("osscheck: error: <stdout>: cannot write the report: ")
        assert "internal error" not in lines[0]


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("doc.spdx.yaml", "spdxVersion: SPDX-2.3\nname: x\nbad: a\x01b\n", 3),
        ("pnpm-lock.yaml", "lockfileVersion: '9.0'\n\npackages:\n  a: \x01\n", 4),
    ],
)
def test_a_yaml_error_is_one_line_with_its_line_number(run, tmp_path, name, content, line):
    path = write(tmp_path / name, content)
    result = run("check", path)
    assert_one_error_line(result, f"{name}:{line}: not valid YAML: unacceptable character #x0001")


def test_explain_normalize_and_policy_commands_escape_their_input(run, tmp_path):
    hostile = "MIT\x1b[2K\r OR x\x1b]8;;http://evil.example\x07"
    for args in (
        ("normalize", hostile),
        ("explain", "LicenseRef-a\x1b[8m"),
        ("normalize", "MIT\nApache-2.0"),
    ):
        result = run(*args)
        assert "\x1b" not in result.stdout + result.stderr and "\r" not in result.stdout, args
        assert "\x07" not in result.stdout
    assert len(run("normalize", "MIT\nApache-2.0").stdout.splitlines()) == 1
    policy = tmp_path / "p\x1b[2K.toml"
    policy.write_text('[policy]\nname = "p"\nextends = "public-code"\n', encoding="utf-8")
    shown = run("policy", "validate", policy)
    assert shown.exit_code == 0, shown.stderr
    assert "\x1b" not in shown.stdout and "\\x1b" in shown.stdout

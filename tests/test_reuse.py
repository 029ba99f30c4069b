"""REUSE and the licences of the project's own files (osscheck.filelicences): the header scan, the
output of ``reuse lint --json``, the reuse tool run by osscheck, and the findings about LICENSES/.

The REUSE project is the FSFE's reuse-example (tests/data/reuse, origin in SOURCES.md); the lint
outputs are those of the real reuse tool on it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DATA, write
from osscheck.filelicences.headers import identifiers
from osscheck.filelicences.lint import reuse_program

REUSE = DATA / "reuse"
EXAMPLE = REUSE / "reuse-example"
LINT = REUSE / "reuse-example.lint.json"
BROKEN = REUSE / "reuse-example-broken.lint.json"


def example(tmp_path: Path) -> Path:
    folder = tmp_path / "reuse-example"
    shutil.copytree(EXAMPLE, folder)
    # the two photos are left out of tests/data (340 KB); their .license files are there, so a
    # binary stand-in takes each one's place, as reuse lint saw them
    for name in ("cat", "dog"):
        (folder / "img" / f"{name}.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + name.encode())
    write(
        folder / "package.json",
        '{"name": "reuse-example", "version": "1.0.0", "license": "GPL-3.0-or-later"}',
    )
    return folder


def files_components(result) -> dict[str, dict]:
    return {c["name"]: c for c in result.json["components"] if c["name"].startswith("files: ")}


def rules_of(result) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in result.json["findings"]:
        out.setdefault(f["rule"], []).append(f)
    return out


def test_the_header_scan_finds_each_files_licence_with_its_line_and_judges_it(tmp_path, run):
    folder = example(tmp_path)
    result = run("check", folder, "-f", "json")
    found = files_components(result)
    assert sorted(found) == ["files: CC-BY-4.0", "files: CC0-1.0", "files: GPL-3.0-or-later"]
    gpl = found["files: GPL-3.0-or-later"]
    assert gpl["files"] == {"count": 4, "paths": ["Makefile", "README.md", "img/dog.jpg", "src/main.c"]}
    assert gpl["location"] == {"path": str(folder / "Makefile"), "line": 3}
    assert gpl["status"] == "allowed"  # under the project's own GPL-3.0-or-later
    # img/cat.jpg says its licence in img/cat.jpg.license
    assert found["files: CC-BY-4.0"]["files"]["paths"] == ["img/cat.jpg"]
    assert found["files: CC0-1.0"]["files"]["paths"] == [".gitignore"]
    # every text in LICENSES/ is used, every licence named has its text
    assert not {"reuse-license-missing", "reuse-license-unused"} & set(rules_of(result))
    [status] = result.json["project"]["reuse"]
    assert status == {
        "folder": str(folder),
        "method": "headers",
        "compliant": None,  # the scan claims no REUSE compliance: that is reuse lint's
        "files": 7,
        "with_licence": 6,  # all but the package.json the test added
        "licenses_folder": True,
        "complete": True,
    }
    assert {"path": str(folder), "format": "reuse-headers"}.items() <= result.json["inputs"][0].items()


def test_a_copyleft_file_in_a_permissive_project_is_denied_where_it_is(tmp_path, run):
    folder = example(tmp_path)
    result = run("check", folder, "-f", "json", "--outbound", "MIT")
    gpl = files_components(result)["files: GPL-3.0-or-later"]
    assert gpl["status"] == "denied"
    [incompatible] = [f for f in rules_of(result)["incompatible-license"] if f["component"] == gpl["name"]]
    assert incompatible["location"] == {"path": str(folder / "Makefile"), "line": 3}
    assert result.exit_code == 1


def test_a_licence_without_its_text_and_a_text_no_file_uses_are_found(tmp_path, run):
    folder = example(tmp_path)
    write(
        folder / "src" / "run.sh",
        "#!/bin/sh\n# SPDX-FileCopyrightText: 2026 Stadt Beispiel\n"
        "# SPDX-License-Identifier: Apache-2.0 OR MIT\necho hi\n",
    )
    shutil.copy(
        DATA / "project-license" / "texts" / "debian-common-licenses-MPL-2.0",
        folder / "LICENSES" / "MPL-2.0.txt",
    )
    result = run("check", folder, "-f", "json")
    found = rules_of(result)
    missing = sorted((f["message"], f["location"]["line"]) for f in found["reuse-license-missing"])
    assert [line for _, line in missing] == [3, 3]
    assert "Apache-2.0 is named as a file's licence" in missing[0][0] and "MIT" in missing[1][0]
    assert all(
        f["location"]["path"] == str(folder / "src" / "run.sh") for f in found["reuse-license-missing"]
    )
    [unused] = found["reuse-license-unused"]
    assert unused["location"]["path"] == str(folder / "LICENSES" / "MPL-2.0.txt")
    assert "MPL-2.0" in unused["message"] and unused["severity"] == "warning"
    assert found["reuse-license-missing"][0]["severity"] == "error" and result.exit_code == 1


def test_the_scan_reads_only_header_lines_not_text_about_them():
    source = (
        b"/*\n * SPDX-FileCopyrightText: 2019 Jane Doe\n *\n * SPDX-License-Identifier: GPL-3.0-or-later */\n"
        b"<!-- SPDX-License-Identifier: MIT -->\n"
        b'PATTERN = re.compile(rb"SPDX-License-Identifier:[ \\t]*(?P<expression>.*)")\n'
        b"Write `SPDX-License-Identifier: MIT` at the top of each file.\n"
        b"REUSE-IgnoreStart\nSPDX-License-Identifier: AGPL-3.0-only\nREUSE-IgnoreEnd\n"
        b"# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception\n"
    )
    assert identifiers(source) == [
        (4, "GPL-3.0-or-later"),
        (5, "MIT"),
        (11, "Apache-2.0 WITH LLVM-exception"),
    ]


def test_a_header_cut_at_the_end_of_the_head_is_not_read_after_an_ignored_block():
    """The 8 KiB head ends inside a line: that line is no header, however short an ignored block
    earlier in the file makes the rest (this repository's own test file once read as "GPL")."""
    from osscheck.filelicences.headers import HEAD_BYTES

    start = b"REUSE-IgnoreStart\nSPDX-License-Identifier: MIT\nREUSE-IgnoreEnd\n"
    line = b"# SPDX-License-Identifier: GPL-3.0-only\n"
    filler = b"#" * (HEAD_BYTES - len(start) - 31) + b"\n"  # the head ends after "...Identifier: GPL"
    data = (start + filler + line)[:HEAD_BYTES]
    assert data.endswith(b"SPDX-License-Identifier: GPL")
    assert identifiers(data) == []


def test_a_file_with_two_identifiers_is_under_both_and_binary_files_are_skipped(tmp_path, run):
    write(tmp_path / "package.json", '{"name": "demo", "version": "1.0.0", "license": "MIT"}')
    (tmp_path / "both.py").write_text(
        "# SPDX-License-Identifier: MIT\n# SPDX-License-Identifier: BSD-3-Clause\n"
    )
    (tmp_path / "blob.bin").write_bytes(b"\0\1SPDX-License-Identifier: GPL-2.0-only\n")
    (tmp_path / "node_modules" / "x").mkdir(parents=True)
    (tmp_path / "node_modules" / "x" / "index.js").write_text("// SPDX-License-Identifier: AGPL-3.0-only\n")
    result = run("check", tmp_path, "-f", "json")
    assert sorted(files_components(result)) == ["files: MIT AND BSD-3-Clause"]
    assert result.json["project"]["reuse"][0]["files"] == 3  # both.py, blob.bin, package.json


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_in_the_tree_is_an_error_and_the_rest_is_judged(tmp_path, run):
    write(tmp_path / "package.json", '{"name": "demo", "version": "1.0.0", "license": "MIT"}')
    (tmp_path / "src").mkdir()
    os.mkfifo(tmp_path / "src" / "pipe.py")  # opening it would block: it is not read, and says so
    (tmp_path / "src" / "copyleft.py").write_text("# SPDX-License-Identifier: GPL-3.0-only\n")
    result = run("check", tmp_path, "-f", "json")
    assert result.exit_code == 2
    assert result.stderr == f"osscheck: error: {tmp_path / 'src' / 'pipe.py'}: not a regular file\n"
    assert files_components(result)["files: GPL-3.0-only"]["status"] == "denied"


def test_the_scan_reads_headers_as_reuse_lint_does(tmp_path, run):
    """The cases the real reuse lint 6.2 reads so on fsfe/reuse-tool itself (where 108 of 108 files
    agree): REUSE.toml's precedence = "override", an ASCII frame, one identifier twice, and a
    sidecar whose file is not there."""
    write(tmp_path / "package.json", '{"name": "demo", "version": "1.0.0", "license": "MIT"}')
    write(
        tmp_path / "REUSE.toml",
        'version = 1\n\n[[annotations]]\npath = "tests/resources/**"\nprecedence = "override"\n'
        'SPDX-FileCopyrightText = "2026 Stadt"\nSPDX-License-Identifier = "MIT"\n',
    )
    write(
        tmp_path / "tests" / "resources" / "fake" / "custom.py",
        "# SPDX-License-Identifier: LicenseRef-custom\n",
    )
    write(
        tmp_path / "CHANGELOG.md",
        "```\n/****\\\n|*  SPDX-License-Identifier: CC-BY-SA-4.0  *|\n\\****/\n```\n",
    )
    write(tmp_path / "twice.py", "# SPDX-License-Identifier: MIT\nx = 1\n# SPDX-License-Identifier: MIT\n")
    write(tmp_path / "patch.diff", "+ SPDX-License-Identifier: GPL-2.0+\n")
    write(tmp_path / "gone.pot.license", "SPDX-License-Identifier: AGPL-3.0-only\n")  # gone.pot is not there
    result = run("check", tmp_path, "-f", "json", "--fail-on", "never")
    found = files_components(result)
    assert sorted(found) == ["files: CC-BY-SA-4.0", "files: GPL-2.0+", "files: MIT"]
    assert found["files: MIT"]["files"]["paths"] == ["REUSE.toml", "twice.py"]
    assert found["files: GPL-2.0+"]["license"] == "GPL-2.0-or-later"  # the "+" of a patch line stays


def test_excluded_and_git_ignored_files_are_not_scanned(tmp_path, run):
    write(tmp_path / "package.json", '{"name": "demo", "version": "1.0.0", "license": "MIT"}')
    write(tmp_path / ".osscheck.toml", 'exclude = ["vendor"]\n')
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "lib.c").write_text("// SPDX-License-Identifier: GPL-2.0-only\n")
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "out.c").write_text("// SPDX-License-Identifier: AGPL-3.0-only\n")
    (tmp_path / "main.c").write_text("// SPDX-License-Identifier: MIT\n")
    (tmp_path / ".gitignore").write_text("build/\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = run("check", ".", "-f", "json")
    finally:
        os.chdir(cwd)
    assert sorted(files_components(result)) == ["files: MIT"]


def test_a_scan_stopped_at_its_limit_says_so_and_claims_no_unused_text(tmp_path, run, monkeypatch):
    folder = example(tmp_path)
    monkeypatch.setenv("OSSCHECK_MAX_HEADER_FILES", "2")
    result = run("check", folder, "-f", "json", "--fail-on", "review")
    found = rules_of(result)
    [incomplete] = found["reuse-scan-incomplete"]
    assert "after 2 files" in incomplete["message"] and incomplete["severity"] == "warning"
    assert "reuse-license-unused" not in found
    assert result.json["project"]["reuse"][0]["complete"] is False and result.exit_code == 1


def test_reuse_lint_output_gives_the_files_licences_and_the_verdict(tmp_path, run):
    folder = example(tmp_path)
    result = run("check", folder, "--reuse", LINT, "-f", "json")
    found = files_components(result)
    assert found["files: GPL-3.0-or-later"]["files"]["paths"] == [
        "Makefile",
        "README.md",
        "img/dog.jpg",
        "src/main.c",
    ]
    assert found["files: GPL-3.0-or-later"]["location"] == {"path": str(folder / "Makefile"), "line": None}
    [status] = result.json["project"]["reuse"]
    assert status["method"] == "reuse-lint" and status["compliant"] is True and status["files"] == 6
    lint_input = next(i for i in result.json["inputs"] if i["format"] == "reuse-lint")
    import hashlib

    assert lint_input["sha256"] == hashlib.sha256(LINT.read_bytes()).hexdigest()
    assert not {r for r in rules_of(result) if r.startswith("reuse-")}


def test_a_failing_reuse_lint_gives_its_findings_and_fails_the_readiness_row(tmp_path, run):
    folder = example(tmp_path)
    result = run("check", folder, "--reuse", BROKEN, "-f", "json")
    found = rules_of(result)
    assert [f["message"] for f in found["reuse-license-missing"]] == [
        "Apache-2.0 is named as a file's licence, but LICENSES/ has no text of it"
    ]
    assert [f["location"]["path"] for f in found["reuse-license-unused"]] == [str(folder / "LICENSES")]
    [verdict] = found["reuse-not-compliant"]
    assert "(1 files without licence, 1 without copyright, 2 other problems)" in verdict["message"]
    markdown = run("check", folder, "--reuse", BROKEN, "-f", "markdown", "-p", "open-code").stdout
    row = next(line for line in markdown.splitlines() if "| REUSE: " in line)
    assert row.startswith("| ❌") and "reuse-license-missing" in row
    passing = run("check", folder, "--reuse", LINT, "-f", "markdown", "-p", "open-code").stdout
    assert next(line for line in passing.splitlines() if "| REUSE: " in line).startswith("| ✅")
    german = run("check", folder, "--reuse", BROKEN, "--lang", "de").stdout
    assert "ist nicht REUSE-konform (1 Dateien ohne Lizenz" in german


def test_the_readiness_row_without_reuse_lint_answers_only_what_the_scan_can_tell(tmp_path, run):
    folder = example(tmp_path)
    markdown = run("check", folder, "-f", "markdown", "-p", "open-code").stdout
    row = next(line for line in markdown.splitlines() if "| REUSE: " in line)
    assert "6 of 7 files declare their licence in a header" in row and not row.startswith("| ✅")
    shutil.rmtree(folder / "LICENSES")
    markdown = run("check", folder, "-f", "markdown", "-p", "open-code").stdout
    row = next(line for line in markdown.splitlines() if "| REUSE: " in line)
    assert row.startswith("| ❌") and "no LICENSES/ folder" in row


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"lint_version": "1.0", "files": [\n  {"path": 1},\n', "not valid JSON"),
        ('{"files": []}', "not the output of reuse lint"),
    ],
)
def test_a_bad_lint_file_is_one_error_line_and_exit_2_with_the_rest_reported(tmp_path, run, content, problem):
    folder = example(tmp_path)
    bad = write(tmp_path / "lint.json", content)
    result = run("check", folder, "--reuse", bad, "-f", "json")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"osscheck: error: {bad}") and problem in line
    assert "Traceback" not in result.stderr


def test_reuse_true_without_the_tool_lets_the_scan_stand_in(tmp_path, run, monkeypatch):
    folder = example(tmp_path)
    write(folder / ".osscheck.toml", "reuse = true\n")
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "nothing" / "python"))
    result = run("check", folder, "-f", "json")
    [failed] = rules_of(result)["reuse-lint-failed"]
    assert "reuse tool is not installed" in failed["message"] and "header scan stood in" in failed["message"]
    assert result.json["project"]["reuse"][0]["method"] == "headers"
    assert "files: GPL-3.0-or-later" in files_components(result)


@pytest.mark.skipif(reuse_program() is None, reason="the reuse tool is a test dependency; not installed here")
def test_reuse_true_runs_the_real_reuse_lint(tmp_path, run):
    folder = example(tmp_path)
    write(folder / ".osscheck.toml", "reuse = true\n")
    (folder / "src" / "helper.c").write_text("int helper(void) { return 0; }\n")
    result = run("check", folder, "-f", "json")
    assert result.json["project"]["reuse"][0]["method"] == "reuse-lint"
    assert result.json["project"]["reuse"][0]["compliant"] is False
    assert "reuse-not-compliant" in rules_of(result)


def test_the_hook_scans_no_headers_unless_asked(tmp_path, run):
    folder = example(tmp_path)
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        plain = run("check", "package.json", "-f", "json")
        write(folder / ".osscheck.toml", "reuse-headers = true\n")
        asked = run("check", "package.json", "-f", "json")
    finally:
        os.chdir(cwd)
    assert not files_components(plain) and "reuse" not in (plain.json["project"] or {})
    assert "files: GPL-3.0-or-later" in files_components(asked)


def test_the_hook_imports_no_header_scan(tmp_path):
    folder = example(tmp_path)
    code = (
        "import sys; from osscheck.hook import main\n"
        "try:\n    main(['package.json'])\nexcept SystemExit:\n    pass\n"
        "print('osscheck.filelicences' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, check=False
    )
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr


def test_the_same_tree_gives_byte_identical_reports(tmp_path, run):
    folder = example(tmp_path)
    first = run("check", folder, "-f", "json").stdout
    assert run("check", folder, "-f", "json").stdout == first
    assert json.loads(first)["inputs"][0]["sha256"]

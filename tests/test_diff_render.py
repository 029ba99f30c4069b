"""``osscheck diff -f markdown`` and ``-f html`` (issue 14): the merge-request comment and the page.

The documents are written by hand after the contract (osscheck-diff/1, docs/diff.md), so that every
section is filled; the last tests render real documents made by ``osscheck diff -f json``.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path

import html5lib
import pytest

from conftest import DATA, package_lock, write
from osscheck import messages
from osscheck.catalogue import de
from osscheck.diff import html, markdown

SHA_OLD, SHA_NEW, DIGEST = "ab" * 32, "cd" * 32, "ef" * 32
EVIL = "<script>alert(\"x\")</script>|`rm -rf`|\x1b[31m\n=cmd|' /C calc'!A0"


def _component(name: str, version: str | None, licence: str | None, category: str, status: str, **more):
    component = {
        "name": name,
        "version": version,
        "purl": f"pkg:npm/{name}@{version}" if version else None,
        "license": licence,
        "category": category,
        "status": status,
        "obligations": [],
        "exception": None,
        "location": {"path": "package-lock.json", "line": 10},
    }
    component.update(more)
    return component


def _listed(name: str, *args, **more) -> dict:
    return {"component": f"pkg:npm/{name}", **_component(name, *args, **more)}


def _change(name: str, old: dict, new: dict, **kinds) -> dict:
    change = {
        "component": f"pkg:npm/{name}",
        "name": name,
        "old": old,
        "new": new,
        "version_change": "same",
        "license_change": "same",
        "category_change": None,
        "status_change": None,
        "exception_change": None,
        "obligations": {"added": [], "removed": []},
    }
    if old["category"] != new["category"]:
        change["category_change"] = {"old": old["category"], "new": new["category"]}
    if old["status"] != new["status"]:
        change["status_change"] = {"old": old["status"], "new": new["status"]}
    change.update(kinds)
    return change


def _side(source: str, kind: str, sha: str, components: int) -> dict:
    return {
        "source": source,
        "kind": kind,
        "policy": "public-code",
        "policy_digest": DIGEST,
        "outbound": "EUPL-1.2",
        "inputs": [{"path": source, "format": "package-lock", "sha256": sha}],
        "components": components,
    }


def _document() -> dict:
    """Every section filled: a relicensing, a wider licence, a lost licence, an exception that starts,
    a downgrade, a version that cannot be ordered, new denied / review / unknown, new obligations."""
    changed = [
        _change(
            "gpl-lib",
            _component("gpl-lib", "2.0.0", "GPL-3.0-only", "strong-copyleft", "review"),
            _component(
                "gpl-lib",
                "2.0.0",
                "GPL-3.0-only",
                "strong-copyleft",
                "exempted",
                exception="Ratsbeschluss 2026/17",
            ),
            exception_change="started",
        ),
        _change(
            "hashy",
            _component("hashy", "3f2a9c1", "ISC", "permissive", "allowed"),
            _component("hashy", "9b7e4d0", "ISC", "permissive", "allowed"),
            version_change="changed",
        ),
        _change(
            "left-pad",
            _component("left-pad", "1.0.0", "MIT", "permissive", "allowed"),
            _component("left-pad", "1.1.0", "MIT OR Apache-2.0", "permissive", "allowed"),
            version_change="upgraded",
            license_change="wider",
        ),
        _change(
            "lostlib",
            _component("lostlib", "1.0", "MIT", "permissive", "allowed"),
            _component("lostlib", "0.9", None, "unknown", "denied"),
            version_change="downgraded",
            license_change="lost",
        ),
        _change(
            "redis",
            _component(
                "redis", "7.2.4", "BSD-3-Clause", "permissive", "allowed", obligations=["attribution"]
            ),
            _component("redis", "7.4.0", "LicenseRef-RSALv2 OR SSPL-1.0", "source-available", "denied"),
            version_change="upgraded",
            license_change="relicensed",
            obligations={"added": [], "removed": ["attribution"]},
        ),
    ]
    added = [
        _listed(
            "agpl-kit",
            "1.0.0",
            "AGPL-3.0-only",
            "network-copyleft",
            "denied",
            obligations=["network-source-offer"],
        ),
        _listed("mystery", "0.1.0", None, "unknown", "denied"),
        _listed(
            "weakling", "2.0.0", "MPL-2.0", "weak-copyleft", "review", obligations=["source-of-modifications"]
        ),
    ]
    removed = [_listed("oldthing", "0.3.0", "MIT", "permissive", "allowed", location=None)]
    return {
        "schema": "osscheck-diff/1",
        "tool": {"name": "osscheck", "version": "9.9.9"},
        "old": _side("v1.3.0:package-lock.json", "git", SHA_OLD, 6),
        "new": _side("package-lock.json", "inputs", SHA_NEW, 8),
        "summary": {
            "old_components": 6,
            "new_components": 8,
            "added": 3,
            "removed": 1,
            "upgraded": 2,
            "downgraded": 1,
            "license_changes": 3,
            "relicensed": 1,
            "category_changes": 2,
            "verdict_changes": 3,
            "new_denied": 4,
            "new_review": 1,
            "new_unknown": 2,
            "exceptions_started": 1,
            "exceptions_stopped": 0,
            "obligations_added": 2,
            "obligations_removed": 0,
            "fail_on": ["licence-change", "new-denied"],
            "failed": True,
        },
        "added": added,
        "removed": removed,
        "changed": changed,
        "obligations": {
            "added": ["network-source-offer", "source-of-modifications"],
            "removed": ["state-changes"],
        },
        "errors": ["osscheck: error: broken.json:1: not valid JSON: Expecting value"],
        "notes": ["the sides were judged by different policies"],
    }


def _empty() -> dict:
    """Two equal sides: nothing changed, nothing fails."""
    document = _document()
    document["summary"] = {key: 0 for key in document["summary"]} | {
        "old_components": 5,
        "new_components": 5,
        "fail_on": ["new-denied"],
        "failed": False,
    }
    for key in ("added", "removed", "changed", "errors", "notes"):
        document[key] = []
    document["obligations"] = {"added": [], "removed": []}
    return document


def _hostile() -> dict:
    """Every value an input controls set to markup, table syntax, code spans, control characters."""
    document = _document()
    document["old"]["source"] = EVIL
    document["new"]["inputs"][0]["path"] = EVIL
    for c in document["added"]:
        c["component"] = c["name"] = EVIL
        c["version"] = c["license"] = EVIL
        c["location"] = {"path": EVIL, "line": 3}
    for c in document["changed"]:
        c["component"] = c["name"] = EVIL
        for side in ("old", "new"):
            c[side]["version"] = c[side]["license"] = c[side]["exception"] = EVIL
    document["errors"] = [f"osscheck: error: {EVIL}"]
    document["notes"] = [EVIL, "see https://evil.example/x and @everyone"]
    return document


def _table_rows(comment: str) -> list[str]:
    return [line for line in comment.splitlines() if line.startswith("|")]


def _cells(row: str) -> list[str]:
    """A GFM table row's cells: split at the ``|`` not escaped by a backslash."""
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def _valid_page(page: str) -> None:
    """Strict HTML5 (any parse error raises), no script, nothing loaded from anywhere."""
    html5lib.HTMLParser(strict=True).parse(page)
    assert "<script" not in page.lower()
    references = re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]*)""", page, flags=re.IGNORECASE)
    assert references and all(ref.startswith("#") for ref in references), references
    assert (
        "url(" not in page
        and "@import" not in page
        and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )


# --- the comment ----------------------------------------------------------------------------------


def test_the_comment_says_failed_and_why_then_the_licence_changes_first():
    comment = markdown.render(_document())
    lines = comment.splitlines()
    assert lines[0] == "## \N{CROSS MARK} osscheck diff: failed"
    summary = lines[2]
    assert summary.startswith("`v1.3.0:package-lock.json` → `package-lock.json` · Policy `public-code`")
    for part in ("components: 6 → 8", "added: 3", "removed: 1", "upgraded: 2", "downgraded: 1"):
        assert part in summary
    assert (
        "licence changes: 3" in summary and "new denied: 4" in summary and "new unknown licence: 2" in summary
    )
    assert "`--fail-on licence-change,new-denied`" in summary
    assert "> Fails because of: `licence-change` (3), `new-denied` (4)" in comment
    headings = [line for line in lines if line.startswith("### ") or line.startswith("<summary>")]
    assert headings == [
        "### Licence changes (3)",
        "### New problems (5)",
        "### Verdict changes (3)",
        "### Exceptions started or stopped (1)",
        "### New obligations (2)",
        "### Added components (3)",
        "### Removed components (1)",
        "### Upgraded components (2)",
        "### Downgraded components (1)",
        "### Other version changes (1)",
        "### Errors (1)",
        "### Notes (1)",
    ]


def test_a_relicensing_reads_as_the_issue_says():
    comment = markdown.render(_document())
    row = next(r for r in _table_rows(comment) if "`pkg:npm/redis`" in r)
    assert row == (
        "| `pkg:npm/redis` | `7.2.4` → `7.4.0` | `BSD-3-Clause` → `LicenseRef-RSALv2 OR SSPL-1.0` | "
        "**relicensed** | permissive → **source-available** |"
    )
    wider = next(r for r in _table_rows(comment) if "`pkg:npm/left-pad`" in r)
    assert "`MIT` → `MIT OR Apache-2.0` | wider | permissive |" in wider
    lost = next(r for r in _table_rows(comment) if "`pkg:npm/lostlib`" in r)
    assert "`MIT` → no licence | lost | permissive → **unknown** |" in lost


def test_new_problems_are_the_worst_first_with_what_they_were():
    comment = markdown.render(_document())
    section = comment.split("### New problems (5)", 1)[1].split("###", 1)[0]
    rows = _table_rows(section)[2:]
    assert [_cells(r)[1].strip() for r in rows] == [
        "`pkg:npm/agpl-kit`",
        "`pkg:npm/lostlib`",
        "`pkg:npm/mystery`",
        "`pkg:npm/redis`",
        "`pkg:npm/weakling`",
    ]
    assert rows[0].startswith("| \N{CROSS MARK} **denied** | `pkg:npm/agpl-kit` | `1.0.0` | `AGPL-3.0-only`")
    assert rows[0].endswith("| network-copyleft | added |")
    assert rows[1].endswith("| \N{WHITE HEAVY CHECK MARK} allowed, `MIT` |")  # lostlib: was allowed under MIT
    assert "| no licence | unknown | added |" in rows[2]  # mystery: a new unknown licence
    assert rows[4].startswith("| \N{WARNING SIGN}\N{VARIATION SELECTOR-16} **review** | `pkg:npm/weakling`")


def test_verdicts_exceptions_and_obligations():
    comment = markdown.render(_document())
    verdicts = comment.split("### Verdict changes", 1)[1].split("###", 1)[0]
    assert "| `pkg:npm/gpl-lib` | `2.0.0` | \N{WARNING SIGN}\N{VARIATION SELECTOR-16} review → " in verdicts
    exceptions = comment.split("### Exceptions started or stopped (1)", 1)[1].split("###", 1)[0]
    assert "| `pkg:npm/gpl-lib` | `2.0.0` | now applies | - | Ratsbeschluss 2026/17 |" in exceptions
    obligations = comment.split("### New obligations (2)", 1)[1].split("###", 1)[0]
    assert "(`network-source-offer`) | `pkg:npm/agpl-kit` |" in obligations
    assert "(`source-of-modifications`) | `pkg:npm/weakling` |" in obligations
    assert "Obligations no longer brought: " in obligations and "(`state-changes`)" in obligations


def test_errors_and_notes_of_the_document_are_listed():
    comment = markdown.render(_document())
    assert "- osscheck: error: broken.json:1: not valid JSON: Expecting value" in comment
    assert "- the sides were judged by different policies" in comment


def test_long_lists_fold_into_details_and_short_ones_do_not():
    document = _document()
    document["added"] = [_listed(f"pkg{n:02}", "1.0.0", "MIT", "permissive", "allowed") for n in range(11)]
    comment = markdown.render(document)
    assert "<details>\n<summary>Added components (11)</summary>\n\n| Component |" in comment
    assert comment.count("<details>") == comment.count("</details>") == 1
    assert "### Removed components (1)" in comment  # one row: shown open
    document["added"] = document["added"][:10]
    assert "<details>" not in markdown.render(document)


def test_a_huge_diff_stays_below_the_size_github_and_gitlab_accept():
    document = _document()
    document["added"] = [
        _listed(f"package-with-a-long-name-{n:06}", "1.0.0", "MIT", "permissive", "allowed")
        for n in range(30_000)
    ]
    document["changed"] = [
        _change(
            f"dep{n:06}",
            _component(f"dep{n:06}", "1.0.0", "MIT", "permissive", "allowed"),
            _component(f"dep{n:06}", "2.0.0", "GPL-3.0-only", "strong-copyleft", "denied"),
            version_change="upgraded",
            license_change="relicensed",
        )
        for n in range(30_000)
    ]
    comment = markdown.render(document)
    assert len(comment.encode("utf-8")) < 1_000_000
    assert re.search(r"and \d+ more rows: osscheck diff -f json lists them all", comment)
    # the sections a reviewer reads first come before the long lists, each cut where its budget ends
    assert comment.index("### Licence changes (30000)") < comment.index("### New problems (30000)")
    assert "<summary>Added components (30000)</summary>" in comment


def test_nothing_changed():
    comment = markdown.render(_empty())
    assert comment.splitlines()[0] == "## \N{WHITE HEAVY CHECK MARK} osscheck diff: passed"
    assert "components: 5 → 5" in comment and "`--fail-on new-denied`" in comment
    assert comment.rstrip().endswith("No changes.")
    assert "###" not in comment and "Fails because of" not in comment


def test_the_comment_in_german():
    comment = markdown.render(_document(), "de")
    assert comment.splitlines()[0] == "## \N{CROSS MARK} osscheck diff: nicht bestanden"
    assert "Richtlinie `public-code`" in comment and "Komponenten: 6 → 8" in comment
    assert "> Nicht bestanden wegen: `licence-change` (3), `new-denied` (4)" in comment
    for german in (
        "### Lizenzänderungen (3)",
        "**umlizenziert**",
        "permissiv → **Source-available",
        "### Neue Probleme",
    ):
        assert german in comment
    assert "greift jetzt" in comment and "Entfallene Pflichten" in comment and "keine Lizenz" in comment
    for english in (
        "Licence changes",
        "relicensed",
        "New problems",
        "now applies",
        "Component",
        "no licence",
    ):
        assert english not in comment
    assert "Keine Änderungen." in markdown.render(_empty(), "de")


def test_every_value_from_the_inputs_is_inert_in_the_comment():
    comment = markdown.render(_hostile())
    assert "\x1b" not in comment and "@everyone" not in comment
    # markup only inside code spans (shown literally there), else escaped; no tag but the comment's own
    outside = re.sub(r"`[^`\n]*`", "", comment)
    assert set(re.findall(r"<(/?[a-z]+)", outside)) <= {"details", "/details", "summary", "/summary", "br"}
    assert "&lt;script&gt;" in outside  # the notes: free text, escaped
    assert "https://evil.example/x" not in comment.replace("`https://evil.example/x`", "")
    assert "\\x1b" in comment  # control characters shown escaped
    for row in _table_rows(comment):
        assert row.count("`") % 2 == 0, row  # every code span closed in its cell
    # a row keeps its columns: no | of an input splits a cell
    for heading, columns in (
        ("### Licence changes", 5),
        ("### Added components", 6),
        ("### New problems", 6),
    ):
        section = comment.split(heading, 1)[1].split("###", 1)[0]
        assert all(len(_cells(r)) == columns for r in _table_rows(section)), section
    # each item of a list stays on its line: a line break of an input starts no new line
    assert all(
        line.startswith(("- ", "|", "#", ">", "<", "`")) or not line or line[0].isalpha()
        for line in comment.splitlines()
    )


# --- the page -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_page_is_valid_self_contained_and_has_every_section(lang):
    page = html.render(_document(), lang)
    _valid_page(page)
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page
    for ident in (
        "summary",
        "licence-changes",
        "problems",
        "verdicts",
        "exceptions",
        "obligations",
        "added",
        "removed",
        "upgraded",
        "downgraded",
        "versions",
        "errors",
        "stamp",
    ):
        assert f'<section id="{ident}"' in page and f'href="#{ident}"' in page
    assert page.count("<svg") == 1  # the bars of the changes


def test_the_page_shows_the_figures_and_the_changes():
    page = html.render(_document())
    assert (
        '<p class="verdict failed">Result: FAILED – <code>--fail-on licence-change,new-denied</code>' in page
    )
    assert '<div class="card denied"><span class="n">4</span>new denied</div>' in page
    assert '<div class="card"><span class="n">6 → 8</span>components</div>' in page
    assert '<div class="card "><span class="n">3</span>added</div>' in page
    assert '<h2 id="h-licence-changes">Licence changes (3)</h2>' in page
    row = page.split("<b>redis</b>", 1)[1].split("</tr>", 1)[0]
    assert '<span class="mono">BSD-3-Clause</span><span class="arrow">→</span>' in row
    assert '<span class="badge relicensed">relicensed</span>' in row
    assert 'permissive<span class="arrow">→</span><b>source-available</b>' in row
    assert (
        '<span class="badge allowed">allowed</span><span class="arrow">→</span><span class="badge denied">'
        in row
    )
    assert '<h2 id="h-problems">New problems (5)</h2>' in page
    assert "Ratsbeschluss 2026/17" in page and "now applies" in page
    assert '<span class="detail mono">network-source-offer</span>' in page
    assert "osscheck: error: broken.json:1: not valid JSON" in page
    assert "the sides were judged by different policies" in page


def test_the_audit_stamp_names_both_sides_with_their_digests(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    stamp = html.render(_document()).split('<section id="stamp"', 1)[1]
    for value in ("v1.3.0:package-lock.json", SHA_OLD, SHA_NEW, DIGEST, "EUPL-1.2", "2026-01-01", "9.9.9"):
        assert value in stamp
    assert "<td>git</td><td>inputs</td>" in stamp
    assert "osscheck-diff/1" in stamp


def test_the_page_of_nothing_changed():
    page = html.render(_empty())
    _valid_page(page)
    assert '<p class="verdict passed">Result: passed' in page
    assert "<svg" not in page  # no bars of nothing
    assert page.count('<p class="empty">none</p>') == 12  # ten sections of changes, no errors, no notes


def test_the_page_in_german():
    page = html.render(_document(), "de")
    assert '<html lang="de">' in page
    words = re.sub(r"<[^>]*>", " ", page.split("</style>", 1)[1])  # the words, not the class names
    for german in (
        "Lizenzvergleich",
        "Lizenzänderungen (3)",
        "umlizenziert",
        "Prüfvermerk",
        "Vorher",
        "Nachher",
    ):
        assert german in words
    assert "Git-Revision" in words and "Was die Lizenzänderungen bedeuten" in words
    for english in ("Licence changes", "relicensed", "Audit stamp", "Before", "now applies", "Generated by"):
        assert english not in words


def test_every_value_from_the_inputs_is_inert_in_the_page():
    page = html.render(_hostile())
    _valid_page(page)
    assert "\x1b" not in page and EVIL not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page and "\\x1b" in page


def test_a_status_or_change_word_from_the_document_never_becomes_a_class_name():
    document = _document()
    document["added"][0]["status"] = 'x" onmouseover="y'
    document["changed"][0]["license_change"] = 'x" style="z'
    page = html.render(document)
    _valid_page(page)
    assert 'onmouseover="' not in page and 'style="z' not in page
    assert "x&quot; onmouseover=&quot;y" in page  # shown as the text it is


# --- both -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("render", [markdown.render, html.render], ids=["markdown", "html"])
@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_same_document_gives_the_same_bytes(render, lang, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    document = _document()
    first = render(document, lang)
    assert document == _document()  # the document is not changed by rendering it
    assert render(copy.deepcopy(document), lang) == first


@pytest.mark.parametrize("render", [markdown.render, html.render], ids=["markdown", "html"])
def test_every_word_of_the_german_output_has_a_german_text(render, monkeypatch):
    looked_up: set[str] = set()
    real = messages.label

    def label(text: str, lang: str) -> str:
        looked_up.add(text)
        return real(text, lang)

    monkeypatch.setattr(messages, "label", label)
    render(_document(), "de")
    render(_empty(), "de")
    assert len(looked_up) > 40
    assert looked_up - {""} <= set(de.LABELS), sorted(looked_up - set(de.LABELS))


# --- real documents from osscheck diff -f json --------------------------------------------------


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def real_documents(tmp_path, run):
    """``osscheck diff -f json`` of two real package-lock.json files, and of git revisions."""
    if run("diff", "--help").exit_code != 0:
        pytest.skip("osscheck diff is not there yet")
    old = write(
        tmp_path / "old" / "package-lock.json", package_lock({"redis": "BSD-3-Clause", "left-pad": "MIT"})
    )
    new = write(
        tmp_path / "new" / "package-lock.json",
        package_lock({"redis": "SSPL-1.0", "left-pad": "MIT OR Apache-2.0", "gpl": "GPL-3.0-only"}),
    )
    result = run("diff", old, new, "-f", "json", "--fail-on", "licence-change")
    assert result.exit_code == 1, result.stderr
    return result.json, (old, new)


def test_a_real_document_renders_in_both_formats(real_documents, run):
    document, (old, new) = real_documents
    comment = markdown.render(document)
    assert comment.startswith("## \N{CROSS MARK} osscheck diff: failed")
    assert "`pkg:npm/redis`" in comment and "`SSPL-1.0`" in comment and "### Added components" in comment
    page = html.render(document, "de")
    _valid_page(page)
    assert "SSPL-1.0" in page and "Lizenzänderungen" in page
    for fmt, renderer in (("markdown", markdown.render), ("html", html.render)):
        for lang in ("en", "de"):
            out = run("diff", old, new, "-f", fmt, "--lang", lang, "--fail-on", "licence-change").stdout
            assert out == renderer(document, lang)


def test_a_relicensed_upgrade_between_two_git_commits_in_the_comment(tmp_path, run, monkeypatch):
    if run("diff", "--help").exit_code != 0 or shutil.which("git") is None:
        pytest.skip("osscheck diff or git is not there")
    lock = json.loads((DATA / "npm-consul" / "package-lock.json").read_text(encoding="utf-8"))
    jquery = lock["packages"]["node_modules/jquery"]
    jquery["license"] = "MIT"  # the real lockfile names no licences: one for the test
    repo = tmp_path / "repo"
    write(repo / "package-lock.json", json.dumps(lock, indent=2))
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "one")
    old_version = jquery["version"]
    jquery["version"] = "99.0.0"
    jquery["license"] = "BUSL-1.1"
    write(repo / "package-lock.json", json.dumps(lock, indent=2))
    _git(repo, "commit", "-qam", "two")
    monkeypatch.chdir(repo)
    result = run("diff", "--git", "HEAD~1..HEAD", "-f", "markdown")
    assert result.exit_code in (0, 1), result.stderr
    row = next(r for r in _table_rows(result.stdout) if r.startswith("| `pkg:npm/jquery` |"))
    assert f"| `{old_version}` → `99.0.0` | `MIT` → `BUSL-1.1` | **relicensed** |" in row, row

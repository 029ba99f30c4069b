"""The portfolio's HTML dashboard (issue 13): one self-contained, valid, escaped page, English and German."""

from __future__ import annotations

import copy
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import html5lib
import pytest

from conftest import DATA
from osscheck.licenses.catalog import CATEGORIES
from osscheck.portfolio.html import render

ROOT = Path(__file__).resolve().parent.parent
SHA = "ab" * 32
EVIL = '<script>alert("x")</script>&'


def _project(name: str, **changes: object) -> dict:
    project = {
        "name": name,
        "repository": None,
        "office": None,
        "application": None,
        "contact": None,
        "checked": True,
        "date": "2026-11-30",
        "age_days": 3,
        "stale": False,
        "report": f"reports/{name}.json",
        "policy": "public-code",
        "policy_digest": "cd" * 32,
        "expected_policy": None,
        "policy_matches": None,
        "outbound": "EUPL-1.2",
        "passed": True,
        "components": 10,
        "by_status": {"allowed": 10, "review": 0, "denied": 0, "exempted": 0, "ignored": 0},
        "by_category": {c: 0 for c in CATEGORIES} | {"permissive": 10},
        "unknown": 0,
        "findings": {"error": 0, "warning": 0, "note": 0},
        "exceptions": {"in_force": 0, "expiring_30": 0, "expiring_90": 0, "expired": 0},
        "sbom_published": True,
        "unjustified": 0,
        "justified": 0,
        "publishable": True,
    }
    project.update(changes)
    return project


def _document() -> dict:
    """Three projects, written by hand after the contract: one passes, one fails, one is not checked."""
    failing = _project(
        "fachverfahren-kfz",
        office="Amt 32 – Bürgerdienste",
        application="KFZ-Zulassung",
        repository="https://git.example.org/kfz",
        stale=True,
        age_days=120,
        expected_policy="stadt-dortmund",
        policy_matches=False,
        passed=False,
        components=30,
        by_status={"allowed": 20, "review": 3, "denied": 2, "exempted": 5, "ignored": 0},
        by_category={c: 0 for c in CATEGORIES}
        | {"permissive": 15, "strong-copyleft": 5, "proprietary": 7, "source-available": 3},
        exceptions={"in_force": 2, "expiring_30": 1, "expiring_90": 1, "expired": 1},
        unjustified=7,
        justified=3,
        publishable=False,
    )
    unchecked = _project(EVIL, checked=False, date=None, age_days=None, report=None, passed=None)
    for key in ("policy", "outbound", "components", "unjustified", "justified", "publishable"):
        unchecked[key] = None
    return {
        "schema": "osscheck-portfolio/1",
        "tool": {"name": "osscheck", "version": "9.9.9"},
        "date": "2026-12-03",
        "inputs": [
            {"path": "reports/buergerportal.json", "sha256": SHA, "project": "buergerportal"},
            {"path": "reports/fachverfahren-kfz.json", "sha256": "ef" * 32, "project": "fachverfahren-kfz"},
        ],
        "projects": [_project("buergerportal"), failing, unchecked],
        "totals": {
            "projects": 3,
            "checked": 2,
            "not_checked": 1,
            "stale": 1,
            "passed": 1,
            "failed": 1,
            "components": 40,
            "by_category": {c: 0 for c in CATEGORIES}
            | {"permissive": 25, "strong-copyleft": 5, "proprietary": 7, "source-available": 3},
            "by_status": {"allowed": 30, "review": 3, "denied": 2, "exempted": 5, "ignored": 0},
            "open_source_share": 0.75,
            "projects_by_category": {c: 0 for c in CATEGORIES}
            | {"permissive": 2, "strong-copyleft": 1, "proprietary": 1, "source-available": 1},
            "justified": 3,
            "unjustified": 7,
            "violations": 2,
            "exceptions": {"in_force": 2, "expiring_30": 1, "expiring_90": 1, "expired": 1},
        },
        "register": [
            {
                "project": "fachverfahren-kfz",
                "package": "pkg:npm/dbkit",
                "name": None,
                "version": None,
                "license": "BUSL-1.1",
                "justification": "Kein gleichwertiges Open-Source-Produkt " + EVIL,
                "approved-by": "OSPO",
                "reference": "Ratsbeschluss 2026/17",
                "expires": "2026-12-20",
                "days_left": 17,
                "state": "expiring",
            },
            {
                "project": "fachverfahren-kfz",
                "package": None,
                "name": "oracle-client",
                "version": "19",
                "license": "LicenseRef-Oracle",
                "justification": "Altverfahren",
                "approved-by": None,
                "reference": None,
                "expires": "2026-01-01",
                "days_left": -336,
                "state": "expired",
            },
            {
                "project": "fachverfahren-kfz",
                "package": "pkg:maven/com.example/gis",
                "name": None,
                "version": None,
                "license": None,
                "justification": "Landesvorgabe",
                "approved-by": "Amt 10",
                "reference": None,
                "expires": None,
                "days_left": None,
                "state": "in-force",
            },
        ],
        "licenses": [
            {"license": "MIT", "category": "permissive", "projects": 2, "components": 25},
            {"license": "GPL-3.0-only", "category": "strong-copyleft", "projects": 1, "components": 5},
        ],
        "components": [{"component": "pkg:npm/left-pad", "projects": 2, "licenses": ["MIT"]}],
        "errors": [f"osscheck: error: reports/broken.json: not a valid osscheck-report/1 document: {EVIL}"],
        "notes": ["reports/old.json: an older report of project buergerportal (2026-10-01)"],
    }


HISTORY = {
    "open_source_share": [("2026-10-01", 0.5), ("2026-11-01", 0.6), ("2026-12-03", 0.75)],
    "unjustified": [("2026-10-01", 12.0), ("2026-11-01", 9.0), ("2026-12-03", 7.0)],
    "violations": [("2026-10-01", 4.0), ("2026-11-01", 3.0), ("2026-12-03", 2.0)],
    "expired": [("2026-10-01", 0.0), ("2026-11-01", 2.0), ("2026-12-03", 1.0)],
}


def _valid(page: str) -> None:
    """Strict HTML5 (any parse error raises), no script, nothing loaded from anywhere."""
    html5lib.HTMLParser(strict=True).parse(page)
    assert "<script" not in page.lower()
    references = re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]*)""", page, flags=re.IGNORECASE)
    assert all(ref.startswith("#") for ref in references), references
    assert "url(" not in page and "@import" not in page


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_page_is_valid_self_contained_and_shows_the_figures(lang):
    page = render(_document(), lang)
    _valid(page)
    assert f'<html lang="{lang}">' in page
    share = "75,0 %" if lang == "de" else "75.0 %"
    assert f'<span class="big">{share}</span>' in page
    assert '<span class="big">7</span>' in page  # the Dortmund figure: unjustified components
    for name in ("buergerportal", "fachverfahren-kfz", "Amt 32 – Bürgerdienste", "KFZ-Zulassung"):
        assert name in page
    # the audit stamp: every input with its digest
    assert "reports/buergerportal.json" in page and SHA in page and "ef" * 32 in page
    # the register, by expiry, with its states; the shared component and the licences
    assert "Ratsbeschluss 2026/17" in page and "2026-12-20" in page and "17 " in page
    assert "pkg:npm/left-pad" in page and "GPL-3.0-only" in page
    assert page.count("<svg") == 3  # the donut and two bar charts; no trend without a history
    assert 'id="trend"' not in page and "<polyline" not in page


def test_german_words_and_english_words():
    en, de = render(_document(), "en"), render(_document(), "de")
    assert "Open source portfolio" in en and "Justification register" in en and "Application" in en
    assert "Open-Source-Portfolio" in de and "Begründungsregister" in de and "Fachverfahren" in de
    assert "nicht geprüft" in de and "veraltet" in de and "Prüfvermerk" in de
    assert "proprietäre oder Source-available-Komponenten ohne gültige Begründung" in de
    for english in ("Justification register", "Audit stamp", "Publishable projects", "not checked"):
        assert english not in de


def test_every_value_is_escaped():
    page = render(_document(), "en")
    assert EVIL not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in page


def test_the_projects_table_says_checked_stale_passed_and_the_expected_policy():
    page = render(_document(), "en")
    names = re.findall(r"<tr><td><b>(.*?)</b>", page)
    assert names == [
        "buergerportal",
        "fachverfahren-kfz",
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;",
    ]
    kfz = re.search(r"<tr><td><b>fachverfahren-kfz</b>.*?</tr>", page, flags=re.S)
    assert kfz is not None
    row = kfz.group(0)
    assert 'badge failed">failed' in row and 'badge stale">stale' in row and "expected: stadt-dortmund" in row
    cells = re.findall(r'<td class="num">([^<]*)</td>', row)
    assert cells == ["30", "2", "3", "7", "1", "1"]
    assert 'badge not-checked">not checked' in page
    # the repository is shown as text: no link that would leave the page
    assert "https://git.example.org/kfz" in page and 'href="https://' not in page


def test_publishable_projects_are_listed():
    page = render(_document(), "en")
    section = page.split('<section id="publishable"', 1)[1].split("</section>", 1)[0]
    assert "<b>buergerportal</b>" in section and "fachverfahren-kfz" not in section
    assert "EUPL-1.2" in section


def test_errors_and_notes_are_shown():
    page = render(_document(), "de")
    section = page.split('<section id="problems"', 1)[1].split("</section>", 1)[0]
    assert "reports/broken.json" in section and "reports/old.json" in section
    assert "Fehler (1)" in section and "Hinweise (1)" in section


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_history_of_three_runs_draws_four_trend_lines(lang):
    page = render(_document(), lang, history=HISTORY)
    _valid(page)
    trend = page.split('<section id="trend"', 1)[1].split("</section>", 1)[0]
    lines = re.findall(r'<polyline points="([^"]+)"/>', trend)
    assert len(lines) == 4
    assert all(len(points.split()) == 3 for points in lines)
    assert "2026-10-01" in trend and "2026-12-03" in trend
    assert ("75,0 %" if lang == "de" else "75.0 %") in trend
    assert '<a href="#trend">' in page
    # the share rises: its last point is higher on the page (smaller y) than its first
    ys = [float(p.split(",")[1]) for p in lines[0].split()]
    assert ys[0] > ys[1] > ys[2]
    # the dates are spaced by time: a month, then a month and two days
    xs = [float(p.split(",")[0]) for p in lines[0].split()]
    assert xs[1] - xs[0] < xs[2] - xs[1]


def test_a_history_of_one_run_says_there_is_no_trend_yet():
    one = {key: points[-1:] for key, points in HISTORY.items()}
    page = render(_document(), "en", history=one)
    _valid(page)
    assert "<polyline" not in page and "fewer than two runs" in page


def test_the_same_document_gives_the_same_bytes():
    assert render(_document(), "de", HISTORY) == render(copy.deepcopy(_document()), "de", HISTORY)


def test_a_public_empty_portfolio_renders():
    document = _document()
    document.update(projects=[], register=[], licenses=[], components=[], errors=[], notes=[], inputs=[])
    document["totals"] |= {"open_source_share": None, "unjustified": 0, "projects": 0}
    page = render(document, "de")
    _valid(page)
    assert "keine bewerteten Komponenten" in page and "Keine Projekte." in page
    assert "Kein Projekt enthält Ausnahmen." in page


def test_the_command_writes_the_dashboard_from_real_reports(run, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795132800")  # 2026-11-20
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("npm-consul", "python-ckan"):
        result = run("check", DATA / name, "-f", "json", "--fail-on", "never", "-o", folder / f"{name}.json")
        assert result.exit_code == 0, result.stderr
    history = tmp_path / "history.sqlite"
    for day in ("2026-11-20", "2026-11-27", "2026-12-03"):
        out = tmp_path / "dashboard.html"
        result = run("portfolio", folder, "--today", day, "--history", history, "--lang", "de", "-o", out)
        assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    _valid(page)
    assert "Open-Source-Portfolio" in page and "npm-consul" in page and "python-ckan" in page
    assert len(re.findall(r"<polyline ", page)) >= 3  # the share has a point only with judged components
    assert str(folder / "npm-consul.json") in page or "npm-consul.json" in page


def test_the_style_sheet_ships_in_the_wheel(tmp_path):
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run([*build, "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("osscheck-*.whl")
    assert "osscheck/portfolio/dashboard.css" in zipfile.ZipFile(wheel).namelist()

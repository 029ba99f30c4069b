"""The HTML report as a package (issue 12.7): its style sheet is package data, its charts a module.

The page itself is tested in test_reports_audit.py; here what the split must keep: report.css in
the wheel and readable from a zipped install, inlined once, and charts that close their ring.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSS = ROOT / "src" / "osscheck" / "reports" / "html" / "report.css"

READ_FROM_WHEEL = """
import sys
sys.path.insert(0, {wheel!r})
import osscheck
assert osscheck.__file__.startswith({wheel!r}), osscheck.__file__
from osscheck.reports.html.frame import style_sheet
sys.stdout.write(style_sheet())
"""


def test_the_style_sheet_ships_in_the_wheel_and_reads_from_the_zip(tmp_path):
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run([*build, "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("osscheck-*.whl")
    assert "osscheck/reports/html/report.css" in zipfile.ZipFile(wheel).namelist()
    # imported from the wheel itself (a zip), as an unusual install would: importlib.resources reads it
    script = READ_FROM_WHEEL.format(wheel=str(wheel))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == CSS.read_text(encoding="utf-8")


def test_the_page_inlines_report_css_once(run, sbom):
    result = run("check", sbom({"left-pad": "MIT", "dbkit": "SSPL-1.0"}), "-f", "html")
    assert result.exit_code == 1, result.stderr
    css = CSS.read_text(encoding="utf-8")
    assert ":root{" in css and "@media print" in css
    assert result.stdout.count("<style>") == 1
    assert f"<style>\n{css}</style>" in result.stdout


def test_every_contents_link_names_a_section_of_the_page(run, sbom):
    text = run("check", sbom({"left-pad": "MIT"}), "-f", "html", "--lang", "de").stdout
    links = re.findall(r'<a href="#([a-z]+)">', text)
    sections = re.findall(r'<section id="([a-z]+)"', text)
    assert links == sections and len(sections) == 7  # the Beweislastumkehr is the seventh (issue 15)


def _arc_ends(svg: str) -> list[tuple[float, float, float, float]]:
    starts_ends = re.findall(r'd="M([\d.]+) ([\d.]+)A70 70 0 [01] 1 ([\d.]+) ([\d.]+)"', svg)
    return [tuple(float(v) for v in four) for four in starts_ends]


def test_the_donut_slices_follow_each_other_round_the_ring():
    from osscheck.reports.html.charts import donut

    svg = donut("d", "By status", "Share", [("denied", 1, "#c00"), ("allowed", 2, "#0c0")], "components")
    arcs = _arc_ends(svg)
    assert len(arcs) == 2
    assert arcs[0][2:] == arcs[1][:2]  # the second slice starts where the first ends
    assert math.isclose(arcs[1][2], arcs[0][0], abs_tol=0.01)  # and the ring closes at twelve
    assert math.isclose(arcs[1][3], arcs[0][1], abs_tol=0.01)
    assert ">3</text>" in svg and "denied: 1 (33%)" in svg


def test_a_single_verdict_is_one_full_ring_and_no_data_an_empty_one():
    from osscheck.reports.html.charts import donut

    whole = donut("d", "t", "d", [("allowed", 4, "#0c0")], "components")
    assert "<path" not in whole and 'stroke="#0c0"' in whole and "allowed: 4 (100%)" in whole
    empty = donut("d", "t", "d", [], "components")
    assert "<path" not in empty and 'stroke="#d0d7de"' in empty and "<li>" not in empty


def test_bars_leave_room_for_the_longest_label():
    from osscheck.reports.html.charts import bars

    short = bars("b", "t", "d", [("MIT", 3, "#0c0")])
    long = bars("b", "t", "d", [("MIT", 3, "#0c0"), ("network-copyleft", 1, "#f00")])
    width = [int(re.search(r'<svg [^>]*width="(\d+)"', svg).group(1)) for svg in (short, long)]
    assert width[1] > width[0]
    assert re.findall(r'<rect [^>]*width="([\d.]+)"', long) == ["240", "80"]  # scaled to the largest

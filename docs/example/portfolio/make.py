"""Build the README's example dashboard from files of public projects (tests/data) and docs/example.

    python docs/example/portfolio/make.py OUT

Three quarterly runs (2026-06-01, 2026-09-01, 2026-12-01): each checks the projects the city had
by then with ``osscheck check -f json``, then ``osscheck portfolio`` records the run in
OUT/history.sqlite and writes the German dashboard OUT/index.html, with its trend lines. The
screenshot docs/portfolio.png is that page in headless Chromium (the command is in the README).
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"
OSSCHECK = [sys.executable, "-m", "osscheck"]

#: project folder (or file, with its policy), owning office, Fachverfahren, the run it joined
PROJECTS = (
    ("buergerportal", ROOT / "docs/example/bom.cdx.json", "Amt 10", "Bürgerservice", 0),
    ("lhc-vdm-editor", DATA / "cyclonedx-cern", "Amt 62", "Vermessung", 0),
    ("ckanext-dcat", DATA / "python-ckan", "Amt 12", "Open-Data-Portal", 0),
    ("dropwizard-parent", DATA / "cyclonedx-dropwizard", "Amt 20", "Kassenverfahren", 1),
    ("validator", DATA / "maven-kosit", "Amt 20", "E-Rechnung", 1),
    ("openzaak", DATA / "npm-openzaak", "Amt 10", "Vorgangsbearbeitung", 2),
    ("consuldemocracy", DATA / "npm-consul", "Amt 15", "Bürgerbeteiligung", 2),
    ("ratsinformation", None, "Amt 01", "Ratsinformationssystem", 0),  # not checked anywhere
)
RUNS = ("2026-06-01", "2026-09-01", "2026-12-01")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "history.sqlite").unlink(missing_ok=True)
    reports = out / "reports"
    reports.mkdir(exist_ok=True)
    toml = "".join(
        f'[[project]]\nname = "{name}"\noffice = "{office}"\napplication = "{application}"\n'
        f'contact = "ospo@musterstadt.example"\npolicy = "public-code"\n\n'
        for name, _, office, application, _ in PROJECTS
    )
    (out / "portfolio.toml").write_text(toml, encoding="utf-8")
    for number, day in enumerate(RUNS):
        epoch = str(calendar.timegm(dt.date.fromisoformat(day).timetuple()))
        env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
        for name, source, _, _, joined in PROJECTS:
            if source is None or joined > number:
                continue
            policy = ["-p", str(ROOT / "docs/example/policy.toml")] if source.is_file() else []
            target = reports / f"{name.replace('/', '_')}.json"
            check = [
                *OSSCHECK,
                "check",
                str(source),
                *policy,
                "--fail-on",
                "never",
                "-f",
                "json",
                "-o",
                str(target),
            ]
            subprocess.run(check, env=env, check=True)
        portfolio = [*OSSCHECK, "portfolio", str(reports), "--projects", str(out / "portfolio.toml")]
        history = ["--history", str(out / "history.sqlite"), "--today", day, "--lang", "de"]
        subprocess.run([*portfolio, *history, "-o", str(out / "index.html")], env=env, check=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""The portfolio's CI templates (issue 13): their commands, run here on three sample projects.

The GitLab component (templates/portfolio.yml) and the reusable GitHub workflow
(.github/workflows/portfolio.yml) are read as YAML and their jobs run as their runners would
(tests/ci_emulation.py): real bash, real git repositories to clone, a real HTTP server for the
GitLab job-artifacts API, the cache kept from one pipeline to the next. The projects are three of
tests/data (npm-consul, python-ckan, cargo-ripgrep; origins in tests/data/SOURCES.md).
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import html5lib
import pytest

from ci_emulation import github_workflow, gitlab_component, gitlab_pipeline
from conftest import DATA

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ("npm-consul", "python-ckan", "cargo-ripgrep")
EPOCH = "1795132800"  # 2026-11-20

PORTFOLIO_TOML = """
[[project]]
name = "buergerbeteiligung"
office = "Amt 15"
application = "Beteiligungsportal"
report = "reports/stadt_npm-consul.json"

[[project]]
name = "offene-daten"
office = "Amt 12"
application = "Open-Data-Portal"
report = "reports/stadt_python-ckan.json"

[[project]]
name = "suche"
office = "Amt 10"
report = "reports/stadt_cargo-ripgrep.json"

[[project]]
name = "nie-geprueft"
office = "Amt 32"
"""


def _git(*args: object, cwd: Path | None = None) -> None:
    subprocess.run(["git", *map(str, args)], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def forge(tmp_path, monkeypatch):
    """The city's git server: stadt/<sample>.git for each sample, and the OSPO's repository."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    base = tmp_path / "git"
    for sample in SAMPLES:
        work = tmp_path / "work" / sample
        shutil.copytree(DATA / sample, work)
        _git("init", "--quiet", "-b", "main", cwd=work)
        _git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".", cwd=work)
        _git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "-m", "x", cwd=work)
        _git("clone", "--quiet", "--bare", work, base / "stadt" / f"{sample}.git")
    ospo = tmp_path / "ospo"
    ospo.mkdir()
    (ospo / "portfolio.toml").write_text(PORTFOLIO_TOML, encoding="utf-8")
    return base, ospo


def _direct(run, tmp_path: Path) -> dict:
    """The portfolio made here from ``osscheck check`` of each sample, to compare the CI's with."""
    import osscheck

    folder = tmp_path / "direct" / "reports"
    folder.mkdir(parents=True)
    for sample in SAMPLES:
        result = run(
            "check", DATA / sample, "--fail-on", "never", "-f", "json", "-o", folder / f"stadt_{sample}.json"
        )
        assert result.exit_code == 0, result.stderr
    shutil.copy(tmp_path / "ospo" / "portfolio.toml", tmp_path / "direct" / "portfolio.toml")
    return osscheck.portfolio([], projects=tmp_path / "direct" / "portfolio.toml", today="2026-11-20")


def _comparable(project: dict) -> dict:
    return {k: v for k, v in project.items() if k not in ("report",)}


class _Artifacts(BaseHTTPRequestHandler):
    """GitLab's ``GET /projects/:id/jobs/artifacts/:ref/raw/*path?job=``, for the token ``job-token``."""

    reports: ClassVar[dict[str, bytes]] = {}
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.asked.append(self.path)
        body = self.reports.get(self.path)
        if self.headers.get("JOB-TOKEN") != "job-token":
            self.send_response(401)
            body = None
        else:
            self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        if body is not None:
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def gitlab_api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Artifacts)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Artifacts.reports, _Artifacts.asked = {}, []
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v4", _Artifacts
    server.shutdown()


def _gitlab(forge, tmp_path: Path, api: str, number: int, **inputs: object):
    base, ospo = forge
    jobs = gitlab_component(
        ROOT / "templates" / "portfolio.yml",
        {"projects": [f"stadt/{s}" for s in SAMPLES], "git-url": f"file://{base}", **inputs},
    )
    ci = {"CI_JOB_TOKEN": "job-token", "CI_SERVER_HOST": "gitlab.example.org", "CI_API_V4_URL": api}
    return gitlab_pipeline(jobs, ospo, tmp_path / f"gitlab-run-{number}", ci, tmp_path / "gitlab-cache")


def test_the_gitlab_component_checks_each_project_and_writes_the_dashboard(run, forge, gitlab_api, tmp_path):
    api, artifacts = gitlab_api
    expected = _direct(run, tmp_path)
    # a fourth project keeps its report in its own pipeline (the README's `licences` job)
    extern = (tmp_path / "direct" / "reports" / "stadt_cargo-ripgrep.json").read_bytes()
    artifacts.reports[
        "/api/v4/projects/stadt%2Fextern/jobs/artifacts/main/raw/osscheck.json?job=licences"
    ] = extern

    ran = _gitlab(forge, tmp_path, api, 1, **{"report-projects": "stadt/extern"})
    assert [r.name for r in ran] == ["osscheck-project"] * 3 + ["osscheck-portfolio"]
    assert all(r.code == 0 for r in ran), ran
    assert (tmp_path / "gitlab-run-1" / "pip.log").read_text().splitlines() == [
        "install --quiet osscheck"
    ] * 4
    public = ran[-1].folder / "public"
    assert sorted(p.name for p in public.iterdir()) == [
        "components.csv", "index.html", "open-data.json", "portfolio.json", "portfolio.md", "projects.csv"
    ]  # fmt: skip
    document = json.loads((public / "portfolio.json").read_text(encoding="utf-8"))
    by_name = {p["name"]: p for p in document["projects"]}
    for project in expected["projects"]:
        assert _comparable(by_name[project["name"]]) == _comparable(project), project["name"]
    assert by_name["nie-geprueft"]["checked"] is False and by_name["buergerbeteiligung"]["office"] == "Amt 15"
    assert document["totals"]["checked"] == 4 and document["totals"]["not_checked"] == 1
    assert [i["path"] for i in document["inputs"]] == [
        f"reports/stadt_{s}.json" for s in sorted(("cargo-ripgrep", "extern", "npm-consul", "python-ckan"))
    ]
    open_data = json.loads((public / "open-data.json").read_text(encoding="utf-8"))
    assert "Amt 15" not in json.dumps(open_data) and len(open_data["projects"]) == 5
    page = (public / "index.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(page)
    assert '<html lang="de">' in page and "nie-geprueft" in page
    rows = list(csv.reader(io.StringIO((public / "projects.csv").read_bytes().decode("utf-8"))))
    assert len(rows) == 6 and rows[0][0] == "Name"
    assert artifacts.asked == [
        "/api/v4/projects/stadt%2Fextern/jobs/artifacts/main/raw/osscheck.json?job=licences"
    ]

    # the next pipeline: the cache keeps the history; a report that cannot be fetched fails the job
    ran = _gitlab(forge, tmp_path, api, 2, **{"report-projects": "stadt/extern stadt/gone", "lang": "en"})
    last = ran[-1]
    assert last.code == 2 and "no report could be downloaded for: stadt/gone" in last.stderr
    assert (last.folder / "public" / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    history = (
        tmp_path / "gitlab-cache" / "osscheck-portfolio-history" / ".osscheck-history" / "portfolio.sqlite"
    )
    with sqlite3.connect(history) as db:
        assert db.execute("SELECT count(*) FROM run").fetchone() == (2,)
    assert "2026-11-20" in last.stdout  # `osscheck portfolio history` lists the runs


def test_the_gitlab_component_passes_a_policy_and_refuses_unknown_inputs(forge, gitlab_api, tmp_path):
    api, _ = gitlab_api
    ran = _gitlab(forge, tmp_path, api, 1, policy="open-code")
    assert all(r.code == 0 for r in ran), ran
    report = json.loads((ran[0].folder / "reports" / "stadt_npm-consul.json").read_text(encoding="utf-8"))
    assert report["policy"]["name"] == "open-code"
    with pytest.raises(AssertionError, match="does not declare"):
        gitlab_component(ROOT / "templates" / "portfolio.yml", {"projects": [], "owner": "x"})
    with pytest.raises(AssertionError, match="projects is required"):
        gitlab_component(ROOT / "templates" / "portfolio.yml", {})


def test_the_github_workflow_checks_each_repository_and_writes_the_dashboard(run, forge, tmp_path):
    base, ospo = forge
    expected = _direct(run, tmp_path)
    workflow = ROOT / ".github" / "workflows" / "portfolio.yml"
    inputs = {"projects": json.dumps([f"stadt/{s}" for s in SAMPLES])}
    cache = tmp_path / "github-cache"
    for number in (1, 2):
        folder = tmp_path / f"github-run-{number}"
        ran = github_workflow(workflow, inputs, ospo, folder, f"file://{base}", cache, run_id=number)
        assert all(r.code == 0 for r in ran), ran
    last = ran[-1]
    public = last.folder / "public"
    document = json.loads((public / "portfolio.json").read_text(encoding="utf-8"))
    by_name = {p["name"]: p for p in document["projects"]}
    for project in expected["projects"]:
        assert _comparable(by_name[project["name"]]) == _comparable(project), project["name"]
    summary = (tmp_path / "github-run-2" / "portfolio-0.summary").read_text(encoding="utf-8")
    assert summary.startswith("# Open-Source-Portfolio\n")  # the job summary, in German by default
    html5lib.HTMLParser(strict=True).parse((public / "index.html").read_text(encoding="utf-8"))
    saved = sorted(cache.iterdir())
    assert [p.name for p in saved] == [
        "osscheck-portfolio-history-000001",
        "osscheck-portfolio-history-000002",
    ]
    with sqlite3.connect(saved[-1] / "portfolio.sqlite") as db:
        assert db.execute("SELECT count(*) FROM run").fetchone() == (2,)  # restored, then one more

"""The CI kit (issue 16): the GitLab CI/CD component templates/osscheck.yml and the action action.yml.

Both are read as YAML and run as their runners would (tests/ci_emulation.py for GitLab; the
composite action's steps below, with the same expression context and shell), with an ``osscheck``
on the PATH that records its arguments before it runs the real one. With their default inputs they
must run exactly the commands of the README's CI section, so that what the README shows is what the
component and the action do. The projects: the CERN SBOM (every licence allowed) and the Dropwizard
SBOM (GPL-2.0-only beside Apache-2.0: denied); origins in tests/data/SOURCES.md.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

from ci_emulation import _base_env, _Context, _shell, gitlab_component, gitlab_pipeline
from conftest import DATA

ROOT = Path(__file__).resolve().parent.parent
COMPONENT = ROOT / "templates" / "osscheck.yml"
ACTION = ROOT / "action.yml"
CLEAN = DATA / "cyclonedx-cern" / "bom.xml"
DENIED = DATA / "cyclonedx-dropwizard" / "bom.json"


# --- what the README shows ------------------------------------------------------------------------


def _readme_ci_blocks() -> list[Any]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## CI\n", 1)[1].split("\n## ", 1)[0]
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.S)]


def _commands(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """What ``pip`` is asked to install and the arguments of each ``osscheck`` line."""
    pip, osscheck = [], []
    for line in lines:
        words = shlex.split(line, comments=True)
        if ">>" in words:
            words = words[: words.index(">>")]  # where the output goes is not an argument
        if words[:1] == ["pip"]:
            pip.append(" ".join(words[1:]))
        elif words[:1] == ["osscheck"]:
            osscheck.append(words[1:])
    return pip, osscheck


def readme_gitlab() -> tuple[list[str], list[list[str]]]:
    gitlab = _readme_ci_blocks()[0]
    return _commands(gitlab["licences"]["script"])


def readme_github() -> tuple[list[str], list[list[str]], list[dict[str, Any]]]:
    steps = _readme_ci_blocks()[1]
    pip, osscheck = _commands([step["run"] for step in steps if "run" in step])
    return pip, osscheck, [step for step in steps if "uses" in step]


# --- running them -----------------------------------------------------------------------------------


@pytest.fixture
def traced(tmp_path):
    """A folder with an ``osscheck`` that writes its arguments to a log, then runs the real one."""
    folder = tmp_path / "trace-bin"
    folder.mkdir()
    log = tmp_path / "osscheck-calls.jsonl"
    real = shutil.which("osscheck", path=str(Path(sys.executable).parent))
    assert real
    shim = folder / "osscheck"
    shim.write_text(
        f"#!{sys.executable}\nimport json, os, sys\n"
        f"with open({str(log)!r}, 'a', encoding='utf-8') as f:\n"
        "    f.write(json.dumps(sys.argv[1:]) + '\\n')\n"
        f"os.execv({real!r}, [{real!r}, *sys.argv[1:]])\n",
        encoding="utf-8",
    )
    shim.chmod(0o755)

    def calls() -> list[list[str]]:
        if not log.exists():
            return []
        return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]

    return folder, calls


def _project(tmp_path: Path, sbom: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir(parents=True)
    shutil.copy(sbom, project / sbom.name)
    return project


def _path_with(folder: Path) -> str:
    return f"{folder}:{_base_env(folder)['PATH']}"


def run_component(tmp_path: Path, traced: tuple[Path, Any], sbom: Path, **inputs: object):
    bin_folder, _ = traced
    jobs = gitlab_component(COMPONENT, inputs)
    ran = gitlab_pipeline(
        jobs,
        _project(tmp_path, sbom),
        tmp_path / "runs",
        {"PATH": _path_with(bin_folder)},
        tmp_path / "cache",
    )
    (job,) = ran
    return job, (tmp_path / "runs" / "pip.log").read_text(encoding="utf-8").splitlines()


def _condition(context: _Context, expr: str) -> bool:
    """The ``if:`` expressions the action uses: comparisons with a string, joined by ``&&``."""
    for part in expr.split("&&"):
        found = re.fullmatch(r"\s*([\w.-]+)\s*(==|!=)\s*'([^']*)'\s*", part)
        assert found, f"an expression this test does not know: {part}"
        name, operator, literal = found.groups()
        try:
            value = str(context.value(name))
        except KeyError:
            value = ""  # an output a step did not write is empty
        if (value == literal) != (operator == "=="):
            return False
    return True


class ActionRun:
    def __init__(self) -> None:
        self.code = 0
        self.uploads: list[dict[str, Any]] = []
        self.ran: list[tuple[int, str, str]] = []
        self.summary = ""
        self.pip: list[str] = []


def run_action(tmp_path: Path, traced: tuple[Path, Any], sbom: Path, **given: str) -> tuple[ActionRun, Path]:
    """The composite action's steps, as a runner runs them: a failing step ends the action."""
    bin_folder, _ = traced
    action = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    declared = action["inputs"]
    assert set(given) <= set(declared), set(given) - set(declared)
    inputs = {name: given.get(name, field.get("default", "")) for name, field in declared.items()}
    context = _Context(inputs, {}, {})
    folder = _project(tmp_path, sbom)
    runs = tmp_path / "runs"
    runs.mkdir(parents=True)
    summary = runs / "summary.md"
    summary.touch()
    result = ActionRun()
    for number, step in enumerate(action["runs"]["steps"]):
        if "if" in step and not _condition(context, step["if"]):
            continue
        if "uses" in step:
            name = step["uses"].split("@", 1)[0]
            given_with = context.put(step.get("with", {}))
            if name == "github/codeql-action/upload-sarif":
                assert (folder / given_with["sarif_file"]).is_file()
                result.uploads.append({"uses": step["uses"], "with": given_with})
            else:
                assert name == "actions/setup-python", f"an action this test does not know: {name}"
            continue
        assert step["shell"] == "bash"
        output = runs / f"{number}.out"
        output.touch()
        env = _base_env(runs) | {"PATH": _path_with(bin_folder)}
        env |= {k: str(v) for k, v in context.put(step.get("env", {})).items()}
        env |= {"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
        assert "${{" not in step["run"], "inputs reach the script as variables, never as its text"
        code, out, err = _shell([step["run"]], folder, env, runs / "pip.log")
        result.ran.append((code, out, err))
        if code != 0:
            result.code = code
            break
        if "id" in step:
            pairs = (line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
            context.steps[step["id"]] = dict(pairs)
    result.summary = summary.read_text(encoding="utf-8")
    pip_log = runs / "pip.log"
    result.pip = pip_log.read_text(encoding="utf-8").splitlines() if pip_log.exists() else []
    return result, folder


# --- the GitLab component -------------------------------------------------------------------------


def test_the_component_declares_what_it_uses_and_uses_what_it_declares():
    text = COMPONENT.read_text(encoding="utf-8")
    spec, jobs = list(yaml.safe_load_all(text))
    declared = set(spec["spec"]["inputs"])
    used = set(re.findall(r"\$\[\[\s*inputs\.([\w-]+)\s*\]\]", text.split("\n---\n", 1)[1]))
    assert used == declared
    assert {"policy", "fail-on", "formats", "stage", "version", "paths", "lang"} <= declared
    assert jobs["osscheck"]["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "osscheck-junit.xml",
    }
    with pytest.raises(AssertionError, match="does not declare"):
        gitlab_component(COMPONENT, {"projects": []})


def test_the_component_runs_the_readme_commands_and_passes_a_clean_project(tmp_path, traced):
    job, pip = run_component(tmp_path, traced, CLEAN)
    assert job.code == 0, job
    readme_pip, readme_osscheck = readme_gitlab()
    assert pip == readme_pip
    assert traced[1]() == readme_osscheck
    quality = json.loads((job.folder / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert quality == []  # nothing to say in the merge request
    suites = ElementTree.parse(job.folder / "osscheck-junit.xml").getroot()
    assert suites.get("failures") == "0"
    report = json.loads((job.folder / "osscheck.json").read_text(encoding="utf-8"))
    assert report["summary"]["denied"] == 0 and report["summary"]["allowed"] == 43
    kept = tmp_path / "runs" / "artifacts" / "osscheck-0" / "osscheck.json"
    assert kept.read_bytes() == (job.folder / "osscheck.json").read_bytes()


def test_the_component_fails_on_a_denied_licence_and_keeps_the_reports(tmp_path, traced):
    job, _ = run_component(tmp_path, traced, DENIED)
    assert job.code == 1, job
    quality = json.loads((job.folder / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert any("amqp-client" in issue["description"] for issue in quality)
    assert (tmp_path / "runs" / "artifacts" / "osscheck-0" / "osscheck.json").is_file()  # when: always


def test_the_component_passes_its_inputs_on(tmp_path, traced):
    job, pip = run_component(
        tmp_path,
        traced,
        DENIED,
        **{"policy": "network-service", "fail-on": "never", "formats": "sarif json", "lang": "de"},
        version="0.1.0",
        paths="bom.json",
    )
    assert job.code == 0, job
    assert pip == ["install osscheck==0.1.0"]
    common = ["bom.json", "--policy", "network-service", "--lang", "de"]
    assert traced[1]() == [
        ["check", *common, "--fail-on", "never", "-f", "sarif", "-o", "osscheck.sarif"],
        ["check", *common, "--fail-on", "never", "-f", "json", "-o", "osscheck.json"],
        ["check", *common, "--fail-on", "never"],
    ]
    report = json.loads((job.folder / "osscheck.json").read_text(encoding="utf-8"))
    assert report["policy"]["name"] == "network-service"
    assert json.loads((job.folder / "osscheck.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    with pytest.raises(AssertionError, match="fail-on"):
        gitlab_component(COMPONENT, {"fail-on": "sometimes"})


# --- the GitHub action ------------------------------------------------------------------------------


def test_the_action_declares_what_it_uses_and_uses_what_it_declares():
    text = ACTION.read_text(encoding="utf-8")
    action = yaml.safe_load(text)
    declared = set(action["inputs"])
    used = set(re.findall(r"inputs\.([\w-]+)", text.split("\nruns:\n", 1)[1]))
    assert used == declared
    assert {"policy", "fail-on", "formats", "sarif-upload", "version", "paths"} <= declared
    assert all("description" in field for field in action["inputs"].values())


def test_the_action_runs_the_readme_commands_and_uploads_the_sarif(tmp_path, traced):
    result, folder = run_action(tmp_path, traced, CLEAN)
    assert result.code == 0, result.ran
    readme_pip, readme_osscheck, readme_uses = readme_github()
    assert result.pip == readme_pip
    assert traced[1]() == readme_osscheck
    assert result.uploads == readme_uses
    sarif = json.loads((folder / "osscheck.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"] == []
    assert "43" in result.summary  # the gate's Markdown report is the job summary


def test_the_action_fails_on_a_denied_licence_after_the_upload(tmp_path, traced):
    result, folder = run_action(tmp_path, traced, DENIED)
    assert result.code == 1
    assert [code for code, _, _ in result.ran] == [0, 0, 1]  # pip, the reports, the gate
    assert len(result.uploads) == 1  # code scanning has the findings of the failed run
    sarif = json.loads((folder / "osscheck.sarif").read_text(encoding="utf-8"))
    assert any("amqp-client" in json.dumps(r) for r in sarif["runs"][0]["results"])
    assert "amqp-client" in result.summary


def test_the_action_uploads_only_when_asked_and_when_there_is_a_sarif(tmp_path, traced):
    result, folder = run_action(
        tmp_path / "a", traced, DENIED, **{"sarif-upload": "false", "fail-on": "never"}
    )
    assert result.code == 0 and result.uploads == []
    assert (folder / "osscheck.sarif").is_file()
    result, folder = run_action(
        tmp_path / "b", traced, DENIED, formats="json junit", policy="network-service", version="0.1.0"
    )
    assert result.code == 1 and result.uploads == []
    assert result.pip == ["install osscheck==0.1.0"]
    assert sorted(p.name for p in folder.iterdir()) == ["bom.json", "osscheck-junit.xml", "osscheck.json"]
    report = json.loads((folder / "osscheck.json").read_text(encoding="utf-8"))
    assert report["policy"]["name"] == "network-service"


def test_the_readme_shows_the_component_and_the_action_with_their_inputs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    kit = readme.split("### Set-up in one step: `osscheck init`", 1)[1].split("\n## ", 1)[0]
    blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", kit, re.S)]
    include = next(b for b in blocks if isinstance(b, dict) and "include" in b)["include"][0]
    assert include["component"].split("@")[0].endswith("/osscheck")
    component_inputs = set(
        next(iter(yaml.safe_load_all(COMPONENT.read_text(encoding="utf-8"))))["spec"]["inputs"]
    )
    assert set(include["inputs"]) <= component_inputs
    steps = next(b for b in blocks if isinstance(b, list))
    uses = next(s for s in steps if s.get("uses", "").split("@")[0].endswith("/osscheck"))
    assert set(uses["with"]) <= set(yaml.safe_load(ACTION.read_text(encoding="utf-8"))["inputs"])
    for name in component_inputs | set(yaml.safe_load(ACTION.read_text(encoding="utf-8"))["inputs"]):
        assert f"`{name}`" in kit, name

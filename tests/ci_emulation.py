"""Run the commands of a GitLab CI/CD component or a GitHub Actions workflow here, as their runners would.

Not a CI system: what the templates use and no more. Their YAML is parsed, inputs and expressions
are put in, matrix jobs are expanded, and each job's shell lines run in real bash in a folder of its
own, with osscheck from this environment on the PATH (``pip`` only records what it was asked to
install). Artifacts are copied from job to job, a cache folder outlives a run, and ``git clone`` /
``actions/checkout`` clone real git repositories. A template that uses a keyword or an expression
this does not know fails the test, so that what the tests ran is what the template says.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

BIN = str(Path(sys.executable).parent)


class Ran:
    """One job's run: its name, exit code, output, and the folder it ran in."""

    def __init__(self, name: str, code: int, stdout: str, stderr: str, folder: Path) -> None:
        self.name, self.code, self.stdout, self.stderr, self.folder = name, code, stdout, stderr, folder

    def __repr__(self) -> str:
        return f"<job {self.name}: exit {self.code}\n{self.stdout}\n{self.stderr}>"


def _shell(lines: list[str], folder: Path, env: dict[str, str], pip_log: Path) -> tuple[int, str, str]:
    # as GitLab's bash and GitHub's `bash -e {0}`: stop at the first failing line
    script = "set -eo pipefail\n" + f'pip() {{ echo "$*" >> {str(pip_log)!r}; }}\n' + "\n".join(lines) + "\n"
    proc = subprocess.run(
        ["bash", "-c", script], cwd=folder, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    return proc.returncode, proc.stdout, proc.stderr


def _base_env(home: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in ("LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")}
    return keep | {
        "PATH": BIN + os.pathsep + os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", ""),
    }


def _expand(value: str, env: dict[str, str]) -> str:
    """``$VAR`` and ``${VAR}`` in a ``variables:`` value, as GitLab expands them."""
    return re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda m: env.get(m.group(1), ""), value)


def _copy_into(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True)
    elif source.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


# --- GitLab ---------------------------------------------------------------------------------------

_GITLAB_KEYS = {
    "image", "variables", "before_script", "script", "stage", "parallel", "artifacts", "needs",
    "cache", "extends",
}  # fmt: skip


def gitlab_component(path: Path, inputs: dict[str, Any]) -> dict[str, Any]:
    """The component's jobs with ``inputs`` put in (defaults where not given; a missing one is an error)."""
    spec, jobs = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
    declared = spec["spec"]["inputs"]
    unknown = set(inputs) - set(declared)
    assert not unknown, f"inputs the component does not declare: {unknown}"
    values = {}
    for name, field in declared.items():
        if name in inputs:
            values[name] = inputs[name]
        else:
            assert "default" in field, f"input {name} is required"
            values[name] = field["default"]
        if "options" in field:
            assert values[name] in field["options"], name

    def put(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: put(value) for key, value in node.items()}
        if isinstance(node, list):
            return [put(value) for value in node]
        if isinstance(node, str):
            whole = re.fullmatch(r"\$\[\[\s*inputs\.([\w-]+)\s*\]\]", node)
            if whole:
                return values[whole.group(1)]  # an array or a number stays one
            return re.sub(r"\$\[\[\s*inputs\.([\w-]+)\s*\]\]", lambda m: str(values[m.group(1)]), node)
        return node

    return put(jobs)


def _merged(jobs: dict[str, Any], name: str) -> dict[str, Any]:
    job = dict(jobs[name])
    parent = job.pop("extends", None)
    if parent is None:
        return job
    merged = _merged(jobs, parent)
    for key, value in job.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merged[key] | value  # GitLab merges hashes, replaces the rest
        else:
            merged[key] = value
    return merged


def gitlab_pipeline(
    jobs: dict[str, Any],
    workspace: Path,
    runs: Path,
    ci: dict[str, str],
    cache: Path,
) -> list[Ran]:
    """Run every visible job stage by stage; a job gets the artifacts of the jobs it needs.

    ``workspace``: the repository the pipeline runs in (copied into each job's folder); ``ci``: the
    predefined variables (CI_JOB_TOKEN, CI_SERVER_HOST, CI_API_V4_URL, ...); ``cache``: the cache
    folder that outlives this pipeline.
    """
    visible = {name: _merged(jobs, name) for name in jobs if not name.startswith(".")}
    for name, job in visible.items():
        assert set(job) <= _GITLAB_KEYS, (
            f"{name}: keywords the emulation does not know: {set(job) - _GITLAB_KEYS}"
        )
    stages: list[str] = []
    for job in visible.values():
        if job["stage"] not in stages:
            stages.append(job["stage"])
    artifacts: dict[str, list[Path]] = {}
    done: list[Ran] = []
    for stage in stages:
        for name, job in visible.items():
            if job["stage"] != stage:
                continue
            for index, matrix in enumerate(_matrix(job)):
                folder = runs / f"{name}-{index}"
                shutil.copytree(workspace, folder)
                for need in job.get("needs", []):
                    for kept in artifacts.get(need["job"], []):
                        _copy_into(kept, folder)
                env = _base_env(runs) | ci | {"CI_PROJECT_DIR": str(folder), "CI_JOB_NAME": name} | matrix
                for key, value in (job.get("variables") or {}).items():
                    env[key] = _expand(str(value), env)
                cached = job.get("cache")
                if cached:
                    for kept in cached["paths"]:
                        _copy_into(cache / cached["key"] / kept, folder / kept)
                lines = list(job.get("before_script", [])) + list(job["script"])
                code, out, err = _shell(lines, folder, env, runs / "pip.log")
                if cached:
                    for kept in cached["paths"]:
                        _copy_into(folder / kept, cache / cached["key"] / kept)
                kept_here = runs / "artifacts" / f"{name}-{index}"
                if code == 0 or job.get("artifacts", {}).get("when") == "always":
                    for kept in job.get("artifacts", {}).get("paths", []):
                        _copy_into(folder / kept, kept_here / kept)
                artifacts.setdefault(name, []).append(kept_here)
                done.append(Ran(name, code, out, err, folder))
    return done


def _matrix(job: dict[str, Any]) -> list[dict[str, str]]:
    parallel = job.get("parallel")
    if parallel is None:
        return [{}]
    combos: list[dict[str, str]] = []
    for row in parallel["matrix"]:
        expanded: list[dict[str, str]] = [{}]
        for key, values in row.items():
            values = values if isinstance(values, list) else [values]
            expanded = [dict(c, **{key: str(v)}) for c in expanded for v in values]
        combos.extend(expanded)
    assert 0 < len(combos) <= 200, "GitLab runs 1 to 200 jobs of a matrix"
    return combos


# --- GitHub ---------------------------------------------------------------------------------------


class _Context:
    def __init__(self, inputs: dict[str, Any], secrets: dict[str, str], matrix: dict[str, Any]) -> None:
        self.inputs, self.secrets, self.matrix = inputs, secrets, matrix
        self.steps: dict[str, dict[str, str]] = {}
        self.github = {"token": "github-token", "run_id": "1"}

    def value(self, expr: str) -> Any:
        expr = expr.strip()
        if expr in ("!cancelled()", "always()"):
            return True
        alternatives = [part.strip() for part in expr.split("||")]
        if len(alternatives) > 1:
            for part in alternatives:
                found = self.value(part)
                if found:
                    return found
            return found
        call = re.fullmatch(r"fromJSON\((.+)\)", expr)
        if call:
            return json.loads(self.value(call.group(1)))
        path = expr.split(".")
        roots = {"inputs": self.inputs, "secrets": self.secrets, "matrix": self.matrix, "github": self.github}
        if path[0] == "steps":
            assert path[2] == "outputs", expr
            return self.steps[path[1]][path[3]]
        assert path[0] in roots and len(path) == 2, f"an expression the emulation does not know: {expr}"
        return roots[path[0]].get(path[1], "")

    def put(self, node: Any) -> Any:
        if isinstance(node, dict):
            return {key: self.put(value) for key, value in node.items()}
        if isinstance(node, list):
            return [self.put(value) for value in node]
        if isinstance(node, str):
            whole = re.fullmatch(r"\$\{\{(.+?)\}\}", node.strip())
            if whole:
                return self.value(whole.group(1))
            return re.sub(r"\$\{\{(.+?)\}\}", lambda m: str(self.value(m.group(1))), node)
        return node


def github_workflow(
    path: Path,
    inputs: dict[str, Any],
    workspace: Path,
    runs: Path,
    git_base: str,
    cache: Path,
    secrets: dict[str, str] | None = None,
    run_id: int = 1,
) -> list[Ran]:
    """Run a reusable workflow (``on: workflow_call``) with ``inputs``, its jobs in ``needs`` order.

    ``git_base``: where ``actions/checkout`` finds ``owner/name`` (``git_base/owner/name.git``).
    """
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    on = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    declared = on["workflow_call"]["inputs"]
    values = {}
    for name, field in declared.items():
        assert name in inputs or not field.get("required"), f"input {name} is required"
        values[name] = inputs.get(name, field.get("default", ""))
    store = runs / "artifacts"
    done: list[Ran] = []
    for name, job in workflow["jobs"].items():
        matrices: list[dict[str, Any]] = [{}]
        if "strategy" in job:
            ((key, expr),) = job["strategy"]["matrix"].items()
            matrices = [{key: v} for v in _Context(values, secrets or {}, {}).put(expr)]
        for index, matrix in enumerate(matrices):
            context = _Context(values, secrets or {}, matrix)
            context.github["run_id"] = f"{run_id:06d}"
            if "if" in job:
                assert context.put(job["if"]) is True
            folder = runs / f"{name}-{index}"
            folder.mkdir(parents=True)
            env = _base_env(runs) | {k: str(v) for k, v in context.put(job.get("env", {})).items()}
            post_steps: list[Callable[[], None]] = []
            for number, step in enumerate(job["steps"]):
                if "if" in step:
                    assert context.put(step["if"]) is True
                if "uses" in step:
                    given = context.put(step.get("with", {}))
                    post = _action(step["uses"], given, folder, workspace, store, git_base, cache)
                    post_steps.extend([post] if post else [])
                    continue
                output = runs / f"{name}-{index}-{number}.out"
                output.touch()
                summary = runs / f"{name}-{index}.summary"
                summary.touch()
                step_env = env | {"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
                code, out, err = _shell([context.put(step["run"])], folder, step_env, runs / "pip.log")
                done.append(Ran(f"{name}-{index}-{number}", code, out, err, folder))
                if code != 0:
                    break
                if "id" in step:
                    pairs = (line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
                    context.steps[step["id"]] = dict(pairs)
            for save in post_steps:
                save()
    return done


def _action(
    uses: str, given: dict[str, Any], folder: Path, workspace: Path, store: Path, git_base: str, cache: Path
) -> Callable[[], None] | None:
    """Do what the action does; what it does when the job ends (its post step) is returned."""
    action = uses.split("@", 1)[0]
    if action == "actions/checkout":
        target = folder / given.get("path", ".")
        if "repository" in given:
            subprocess.run(
                [
                    "git",
                    "clone",
                    "--quiet",
                    "--depth",
                    "1",
                    f"{git_base}/{given['repository']}.git",
                    str(target),
                ],
                check=True,
                capture_output=True,
            )
        else:
            shutil.copytree(workspace, target, dirs_exist_ok=True)
    elif action == "actions/setup-python":
        pass  # this interpreter's environment is on the PATH
    elif action == "actions/upload-artifact":
        _copy_into(folder / given["path"], store / given["name"])
    elif action == "actions/download-artifact":
        assert given.get("merge-multiple") is True
        pattern = re.compile(re.escape(given["pattern"]).replace(r"\*", ".*"))
        for kept in sorted(store.iterdir()) if store.is_dir() else []:
            if pattern.fullmatch(kept.name):
                _copy_into(kept, folder / given["path"])
    elif action == "actions/cache":
        prefix = given["restore-keys"]
        saved = sorted(p for p in cache.glob(f"{prefix}*")) if cache.is_dir() else []
        if saved:
            _copy_into(saved[-1], folder / given["path"])
        key = given["key"]
        return lambda: _copy_into(folder / given["path"], cache / key)  # a later run id sorts later
    else:
        raise AssertionError(f"an action the emulation does not know: {uses}")
    return None

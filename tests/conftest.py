"""Shared test helpers: run the real command line in-process, write small inputs."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from osscheck.entry import main

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory):
    """Keep the licence-data snapshot and any look-up cache out of the user's cache folder.

    Set in the environment, so that subprocesses (the hook under pre-commit) use it too; tests that
    need a cache folder of their own set OSSCHECK_CACHE_DIR again.
    """
    import os

    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("OSSCHECK_CACHE_DIR")
    os.environ["OSSCHECK_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("OSSCHECK_CACHE_DIR", None)
    else:
        os.environ["OSSCHECK_CACHE_DIR"] = previous


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> dict:
        return json.loads(self.stdout)


@pytest.fixture
def run(capsys):
    """Run ``osscheck ARGS`` through the real entry point (error handling included)."""

    def _run(*args: object) -> Result:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return _run


def exited(capsys, main, args) -> tuple[object, str, str]:
    """Exit code, stdout and stderr of an entry point (``main(argv)``) that ends with SystemExit."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        main([str(a) for a in args])
    out, err = capsys.readouterr()
    return info.value.code, out, err


def cyclonedx(components: dict[str, str | None], outbound: str | None = "EUPL-1.2") -> dict:
    """A CycloneDX 1.5 document with one library per (name -> licence expression or None)."""
    doc: dict = {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": []}
    if outbound:
        doc["metadata"] = {
            "component": {
                "type": "application",
                "name": "app",
                "version": "1",
                "licenses": [{"expression": outbound}],
            }
        }
    for name, lic in components.items():
        c = {"type": "library", "name": name, "version": "1.0.0", "purl": f"pkg:npm/{name}@1.0.0"}
        if lic:
            c["licenses"] = [{"expression": lic}]
        doc["components"].append(c)
    return doc


@pytest.fixture
def sbom(tmp_path):
    """Write a CycloneDX SBOM into a temporary folder and return its path."""

    def _sbom(
        components: dict[str, str | None], outbound: str | None = "EUPL-1.2", name: str = "bom.cdx.json"
    ) -> Path:
        path = tmp_path / name
        path.write_text(json.dumps(cyclonedx(components, outbound), indent=2))
        return path

    return _sbom


def cyclonedx_library(
    name: str, version: str, licenses: list | None, purl_type: str = "npm", **more: object
) -> dict:
    """One CycloneDX ``library`` component with its purl, ``licenses`` as given, and ``more`` keys."""
    c: dict = {
        "type": "library",
        "name": name,
        "version": version,
        "purl": f"pkg:{purl_type}/{name}@{version}",
    }
    if licenses is not None:
        c["licenses"] = licenses
    c.update(more)
    return c


def package_lock(deps: dict[str, str | None], project_license: str | None = "EUPL-1.2") -> str:
    packages: dict = {"": {"name": "app", "version": "1.0.0"}}
    if project_license:
        packages[""]["license"] = project_license
    for name, lic in deps.items():
        entry: dict = {
            "version": "1.0.0",
            "resolved": f"https://registry.npm.example/{name}/-/{name}-1.0.0.tgz",
        }
        if lic:
            entry["license"] = lic
        packages[f"node_modules/{name}"] = entry
    return (
        json.dumps(
            {"name": "app", "version": "1.0.0", "lockfileVersion": 3, "requires": True, "packages": packages},
            indent=2,
        )
        + "\n"
    )


def load(path: Path):  # type: ignore[no-untyped-def]
    """Read one file the way ``check`` does for a file named on the command line: an InputFile."""
    from osscheck.readers import Target, read, spec_for_content

    spec = spec_for_content(path, path.read_bytes()[:4096])
    assert spec is not None, f"no reader for {path}"
    return read(Target(path, spec, True))


def by_name(result: Result) -> dict[str, dict]:
    """The JSON report's components by name."""
    return {c["name"]: c for c in result.json["components"]}


def write(path: Path, text: str) -> Path:
    """Write dedented text, making the folder first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def assert_one_error_line(result: Result, name: str) -> None:
    """Exit 2 and exactly one ``osscheck: error:`` line naming the broken file; no traceback."""
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("osscheck: error:") and name in lines[0]
    assert "Traceback" not in result.stderr

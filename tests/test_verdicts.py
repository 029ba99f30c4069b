"""The verdicts the core issue asks for, through the real command line and a real SBOM."""

import datetime as dt

import pytest

VERDICTS = [
    # policy, outbound, component licence, status
    ("public-code", "EUPL-1.2", "MIT", "allowed"),
    ("public-code", "EUPL-1.2", "Apache-2.0", "allowed"),
    ("public-code", "EUPL-1.2", "LGPL-2.1-only", "allowed"),
    ("public-code", "EUPL-1.2", "MPL-2.0", "allowed"),
    ("public-code", "EUPL-1.2", "CC0-1.0", "allowed"),
    ("public-code", "EUPL-1.2", "EUPL-1.2", "allowed"),
    ("public-code", "EUPL-1.2", "GPL-2.0-only WITH Classpath-exception-2.0", "allowed"),
    ("public-code", "EUPL-1.2", "MIT OR GPL-3.0-only", "allowed"),
    ("public-code", "EUPL-1.2", "GPL-3.0-only", "denied"),
    ("public-code", "EUPL-1.2", "AGPL-3.0-only", "denied"),
    ("public-code", "EUPL-1.2", "MIT AND GPL-3.0-only", "denied"),
    ("public-code", "EUPL-1.2", "SSPL-1.0", "denied"),
    ("public-code", "EUPL-1.2", "BUSL-1.1", "denied"),
    ("public-code", "EUPL-1.2", "CC-BY-NC-4.0", "denied"),
    ("public-code", "EUPL-1.2", None, "denied"),
    ("public-code", "EUPL-1.2", "NOASSERTION", "denied"),
    ("public-code", "EUPL-1.2", "LicenseRef-acme-eula", "denied"),
    ("public-code", "GPL-3.0-or-later", "GPL-2.0-or-later", "allowed"),
    ("public-code", "GPL-3.0-or-later", "Apache-2.0", "allowed"),
    ("public-code", "GPL-3.0-or-later", "EUPL-1.2", "allowed"),
    ("public-code", "GPL-3.0-or-later", "GPL-2.0-only", "denied"),
    ("public-code", "GPL-2.0-only", "Apache-2.0", "denied"),
    ("internal-use", "EUPL-1.2", "GPL-3.0-only", "allowed"),
    ("internal-use", "EUPL-1.2", "AGPL-3.0-only", "allowed"),
    ("internal-use", "EUPL-1.2", "LicenseRef-acme-eula", "review"),
    ("internal-use", "EUPL-1.2", "SSPL-1.0", "review"),
    ("internal-use", "EUPL-1.2", None, "review"),
    ("internal-use", "EUPL-1.2", "LicenseRef-scancode-commercial-license", "review"),
    ("library", "MIT", "GPL-3.0-only", "denied"),
    ("library", "MIT", "AGPL-3.0-only", "denied"),
    ("library", "MIT", "EUPL-1.2", "denied"),
    ("library", "MIT", "LGPL-2.1-only", "allowed"),
    ("library", "MIT", "GPL-2.0-only WITH Classpath-exception-2.0", "allowed"),
    ("network-service", "EUPL-1.2", "SSPL-1.0", "denied"),
    ("network-service", "AGPL-3.0-or-later", "AGPL-3.0-only", "allowed"),
    ("open-code", "EUPL-1.2", "MIT", "allowed"),
    # openCode's list approves CC0-1.0 though the OSI has not: the platform's list decides
    ("open-code", "EUPL-1.2", "CC0-1.0", "allowed"),
    ("open-code", "EUPL-1.2", "Entessa", "review"),  # OSI-approved, not on openCode's list
]


@pytest.mark.parametrize(("policy", "outbound", "license_", "status"), VERDICTS)
def test_verdict(run, sbom, policy, outbound, license_, status):
    path = sbom({"dep": license_}, outbound)
    result = run("check", path, "--policy", policy, "--outbound", outbound, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    (component,) = result.json["components"]
    assert component["status"] == status, component


def test_or_records_the_chosen_branch(run, sbom):
    result = run("check", sbom({"dep": "MIT OR GPL-3.0-only"}), "-f", "json")
    (component,) = result.json["components"]
    assert component["chosen"] == "MIT"
    assert component["license"] == "MIT OR GPL-3.0-only"


def test_exit_codes_follow_fail_on(run, sbom):
    denied = sbom({"dep": "SSPL-1.0"})
    assert run("check", denied).exit_code == 1
    assert run("check", denied, "--fail-on", "never").exit_code == 0
    review = sbom({"dep": "SSPL-1.0"}, name="review.cdx.json")
    assert run("check", review, "-p", "internal-use").exit_code == 0
    assert run("check", review, "-p", "internal-use", "--fail-on", "review").exit_code == 1


def _policy_with_exception(tmp_path, expires: dt.date | dt.datetime):
    path = tmp_path / "policy.toml"
    path.write_text(
        f"""[policy]
extends = "public-code"
name = "city"

[[exceptions]]
package = "pkg:npm/dep"
license = "GPL-3.0-only"
justification = "Needed by the specialised procedure; no alternative exists."
approved-by = "OSPO"
reference = "Ratsbeschluss 2026/17"
expires = {expires.isoformat()}
"""
    )
    return path


def test_unexpired_exception_makes_a_denied_component_exempted(run, sbom, tmp_path):
    policy = _policy_with_exception(tmp_path, dt.date.today() + dt.timedelta(days=30))
    result = run("check", sbom({"dep": "GPL-3.0-only"}), "-p", policy, "-f", "json")
    assert result.exit_code == 0, result.stdout
    (component,) = result.json["components"]
    assert component["status"] == "exempted"
    assert component["exception"]["justification"].startswith("Needed by")
    assert component["exception"]["reference"] == "Ratsbeschluss 2026/17"


def test_expired_exception_does_not_apply_and_is_a_finding(run, sbom, tmp_path):
    policy = _policy_with_exception(tmp_path, dt.date.today() - dt.timedelta(days=1))
    result = run("check", sbom({"dep": "GPL-3.0-only"}), "-p", policy, "-f", "json")
    assert result.exit_code == 1
    (component,) = result.json["components"]
    assert component["status"] == "denied"
    rules = {f["rule"] for f in result.json["findings"]}
    assert "expired-exception" in rules
    expired = next(f for f in result.json["findings"] if f["rule"] == "expired-exception")
    assert expired["location"]["line"] == 5  # the [[exceptions]] entry in the policy file


@pytest.mark.parametrize(("days", "status"), [(30, "exempted"), (-1, "denied")])
def test_an_expiry_written_as_a_date_time_counts_as_its_day(run, sbom, tmp_path, days, status):
    moment = dt.datetime.combine(dt.date.today() + dt.timedelta(days=days), dt.time(12, 0))
    policy = _policy_with_exception(tmp_path, moment)
    result = run("check", sbom({"dep": "GPL-3.0-only"}), "-p", policy, "-f", "json")
    assert result.exit_code == (0 if status == "exempted" else 1), result.stderr
    assert result.json["components"][0]["status"] == status


def test_exception_for_other_version_range_does_not_apply(run, sbom, tmp_path):
    policy = tmp_path / "p.toml"
    policy.write_text(
        '[policy]\nextends = "public-code"\n\n[[exceptions]]\npackage = "pkg:npm/dep"\nversion = ">=2.0"\n'
        'justification = "only the new major"\n'
    )
    result = run("check", sbom({"dep": "GPL-3.0-only"}), "-p", policy, "-f", "json")
    assert result.json["components"][0]["status"] == "denied"


def test_the_project_licence_is_the_outbound_licence(run, sbom):
    # no --outbound: the SBOM's metadata.component says GPL-3.0-or-later, so GPL-2.0+ fits
    result = run("check", sbom({"dep": "GPL-2.0-or-later"}, outbound="GPL-3.0-or-later"), "-f", "json")
    assert result.json["policy"]["outbound"] == "GPL-3.0-or-later"
    assert result.json["components"][0]["status"] == "allowed"


def test_without_a_project_licence_the_policy_outbound_applies(run, sbom):
    result = run("check", sbom({"dep": "GPL-3.0-only"}, outbound=None), "-f", "json")
    assert result.json["policy"]["outbound"] == "EUPL-1.2"
    assert result.json["components"][0]["status"] == "denied"


def test_public_code_requires_an_osi_approved_outbound_licence(run, sbom):
    result = run("check", sbom({"dep": "MIT"}, outbound="LicenseRef-city-licence"), "-f", "json")
    assert "outbound-not-osi" in {f["rule"] for f in result.json["findings"]}
    assert result.exit_code == 1

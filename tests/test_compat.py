"""Outbound compatibility in its two modes: a separate dependency, and embedded (merged) code."""

from __future__ import annotations

import pytest

from osscheck.licenses import compat
from osscheck.licenses.expression import leaves, parse
from osscheck.licenses.obligations import obligations_for


def verdict(outbound: str, inbound: str, mode: str = "dependency") -> bool | None:
    (leaf,) = leaves(parse(inbound).expression)
    return compat.check(parse(outbound).expression, leaf, mode).compatible


@pytest.mark.parametrize(
    ("outbound", "inbound", "expected"),
    [
        ("EUPL-1.2", "MIT", True),
        ("EUPL-1.2", "LGPL-2.1-only", True),  # weak copyleft as a separate dependency
        ("EUPL-1.2", "GPL-3.0-only", False),  # the EUPL Appendix works one way only
        ("GPL-3.0-only", "EUPL-1.2", True),  # EUPL code may go into a GPL work
        ("AGPL-3.0-only", "EUPL-1.2", True),
        ("MPL-2.0", "EUPL-1.2", True),
        ("MIT", "EUPL-1.2", False),
        ("GPL-3.0-or-later", "GPL-2.0-or-later", True),  # upgraded to GPL-3.0
        ("GPL-3.0-or-later", "GPL-2.0-only", False),
        ("GPL-2.0-only", "GPL-3.0-only", False),
        ("GPL-2.0-only", "Apache-2.0", False),  # the patent clauses conflict with GPL-2.0
        ("GPL-2.0-or-later", "Apache-2.0", True),  # usable as GPL-3.0
        ("GPL-3.0-only", "AGPL-3.0-only", True),  # GPL-3.0 section 13
        ("EUPL-1.2", "GPL-2.0-only WITH Classpath-exception-2.0", True),
        ("MIT OR Apache-2.0", "GPL-3.0-only", False),  # every outbound licence must carry it
        ("EUPL-1.2+", "EUPL-1.2", True),
    ],
)
def test_dependency_mode(outbound, inbound, expected):
    assert verdict(outbound, inbound) is expected


def test_embedded_mode_follows_the_osadl_matrix():
    assert verdict("MIT", "LGPL-2.1-only", "embedded") is False  # merged LGPL code is not MIT
    assert verdict("GPL-3.0-only", "MIT", "embedded") is True
    assert verdict("EUPL-1.2", "Apache-2.0", "embedded") is None  # the matrix says "Unknown"


def test_unknown_licences_cannot_be_told():
    assert verdict("EUPL-1.2", "LicenseRef-acme") is None
    assert verdict("LicenseRef-city", "MIT") is None


def test_embedded_policy_on_the_command_line(run, sbom, tmp_path):
    policy = tmp_path / "vendored.toml"
    policy.write_text('[policy]\nextends = "public-code"\nname = "vendored"\nmode = "embedded"\n')
    path = sbom({"merged-lgpl": "LGPL-2.1-only"}, outbound="MIT")
    (component,) = run("check", path, "-p", policy, "-f", "json").json["components"]
    assert component["status"] == "denied"
    (as_dependency,) = run("check", path, "-f", "json").json["components"]
    assert as_dependency["status"] == "allowed"


def test_obligations_follow_category_and_context():
    assert obligations_for([("MIT", "permissive")], "distribution") == ["attribution", "license-text"]
    assert "relinking" in obligations_for([("LGPL-2.1-only", "weak-copyleft")], "distribution")
    assert "network-source-offer" in obligations_for([("AGPL-3.0-only", "network-copyleft")], "network")
    assert "network-source-offer" not in obligations_for([("GPL-3.0-only", "strong-copyleft")], "network")
    assert obligations_for([("MIT", "permissive")], "internal") == []
    assert obligations_for([("MIT", "permissive")], "distribution", {"permissive": ("notice-file",)}) == [
        "notice-file"
    ]

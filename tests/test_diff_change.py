"""How a licence and a version changed (osscheck.diff.change): the classifications diff and the
pre-commit hook's drift check share."""

from __future__ import annotations

import pytest

from osscheck.diff.change import license_change, version_change


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # the relicensings of the last years (issue 14)
        ("BSD-3-Clause", "LicenseRef-RSALv2 OR SSPL-1.0", "relicensed"),  # Redis 7.4
        ("MPL-2.0", "BUSL-1.1", "relicensed"),  # Terraform 1.6
        ("Apache-2.0", "LicenseRef-Elastic-2.0 OR SSPL-1.0", "relicensed"),  # Elasticsearch 7.11
        (
            "LicenseRef-Elastic-2.0 OR SSPL-1.0",
            "AGPL-3.0-only OR LicenseRef-Elastic-2.0 OR SSPL-1.0",
            "wider",
        ),
        ("MIT", "GPL-3.0-only", "relicensed"),
        # a choice added or taken away
        ("MIT", "MIT OR Apache-2.0", "wider"),
        ("MIT OR Apache-2.0", "MIT", "narrower"),
        ("MIT OR Apache-2.0", "Apache-2.0 OR MIT OR BSD-2-Clause", "wider"),
        ("(MIT OR Apache-2.0) AND Unicode-3.0", "MIT AND Unicode-3.0", "narrower"),
        # an added condition is no choice more or less: another licence
        ("MIT", "MIT AND BSD-3-Clause", "relicensed"),
        # order does not matter, nor the spelling the parser normalises
        ("MIT OR Apache-2.0", "Apache-2.0 OR MIT", "same"),
        ("MIT AND (BSD-2-Clause OR ISC)", "(ISC OR BSD-2-Clause) AND MIT", "same"),
        ("mit", "MIT", "same"),
        ("GPL-2.0+", "GPL-2.0-or-later", "same"),
        ("GPL-2.0", "GPL-2.0-only", "same"),
        # or-later is a choice among the versions from it on
        ("GPL-2.0-or-later", "GPL-2.0-only", "narrower"),
        ("GPL-2.0-only", "GPL-2.0-or-later", "wider"),
        ("GPL-2.0-or-later", "GPL-3.0-or-later", "narrower"),
        ("GPL-3.0-or-later", "GPL-3.0-only", "narrower"),
        ("LGPL-2.1-or-later", "LGPL-3.0-only", "narrower"),
        ("GPL-2.0-only", "GPL-3.0-only", "relicensed"),
        (
            "GPL-2.0-only WITH Classpath-exception-2.0",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "wider",
        ),
        ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only", "relicensed"),
        ("MPL-1.1+", "MPL-2.0", "narrower"),
        # nothing said, then something (and back)
        (None, "MIT", "found"),
        ("NOASSERTION", "MIT", "found"),
        ("", "Apache-2.0", "found"),
        ("MIT", None, "lost"),
        ("MIT", "NOASSERTION", "lost"),
        (None, None, "same"),
        (None, "NOASSERTION", "same"),
        # an expression the parser refuses is compared as written
        ("MIT OR (", "MIT OR (", "same"),
        ("MIT OR (", "MIT", "relicensed"),
    ],
)
def test_license_change(old: str | None, new: str | None, expected: str) -> None:
    assert license_change(old, new) == expected


def test_a_long_expression_is_compared_without_expanding_every_choice() -> None:
    # 2**12 choices: beyond what is expanded, the expressions are still compared, order aside
    old = " AND ".join(f"(MIT OR LicenseRef-x{i})" for i in range(12))
    new = " AND ".join(f"(LicenseRef-x{i} OR MIT)" for i in reversed(range(12)))
    assert license_change(old, new) == "same"
    assert license_change(old, new.replace("x3", "y3")) == "relicensed"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("1.9", "1.10", "upgraded"),
        ("1.10", "1.9", "downgraded"),
        ("2.0.0-rc1", "2.0.0", "upgraded"),
        ("2.0.0", "2.0.0-rc1", "downgraded"),
        ("2.0.0-alpha.1", "2.0.0-beta.1", "upgraded"),
        ("1.0a1", "1.0b2", "upgraded"),
        ("1.0rc2", "1.0", "upgraded"),
        ("1.0", "1.0.post1", "upgraded"),
        ("1.0.post1", "1.0.1", "upgraded"),
        ("1.0.dev0", "1.0a1", "upgraded"),
        ("7.2.4", "7.4.0", "upgraded"),
        ("v1.2.3", "1.2.4", "upgraded"),
        ("31.1-jre", "33.0.0-jre", "upgraded"),
        ("1.0-SNAPSHOT", "1.0", "upgraded"),
        ("20240101", "20240315", "upgraded"),
        ("1.2.3", "1.2.3", "same"),
        (None, None, "same"),
        # no order: a commit hash, a branch, a qualifier of another kind, a version on one side only
        ("3f2a9c1", "9b7e4d0", "changed"),
        ("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0", "1.0.0", "changed"),
        ("main", "develop", "changed"),
        ("31.1-jre", "31.1-android", "changed"),
        (None, "1.0", "changed"),
        ("1.0", None, "changed"),
        # equal in order but written otherwise: not the same text
        ("1.0", "1.0.0", "changed"),
    ],
)
def test_version_change(old: str | None, new: str | None, expected: str) -> None:
    assert version_change(old, new) == expected


def test_change_imports_no_more_than_the_expression_parser() -> None:
    """The pre-commit hook's drift check loads it: it must stay on the hook's path (tests/test_startup.py)."""
    import json
    import subprocess
    import sys

    code = (
        "import json, sys; before = set(sys.modules); import osscheck.diff.change; "
        "print(json.dumps(sorted(m for m in set(sys.modules) - before if m.startswith('osscheck'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = set(json.loads(out))
    assert loaded <= {
        "osscheck",
        "osscheck.diff",
        "osscheck.diff.change",
        "osscheck.purls",
        "osscheck.errors",
        "osscheck.licenses",
        "osscheck.licenses.expression",
        "osscheck.messages",
        "osscheck.snapshot",
        "osscheck.cache_folder",
        "osscheck.digest",
    }, loaded

import pytest

from osscheck.errors import ExpressionError
from osscheck.licenses import catalog
from osscheck.licenses.expression import parse


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("MIT", "MIT"),
        ("mit", "MIT"),
        ("GPL-2.0", "GPL-2.0-only"),
        ("GPL-2.0+", "GPL-2.0-or-later"),
        ("EUPL-1.2+", "EUPL-1.2+"),
        ("mit and (apache-2.0 or bsd-3-clause)", "MIT AND (Apache-2.0 OR BSD-3-Clause)"),
        ("MIT AND MIT", "MIT"),
        ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
        (
            "(CDDL-1.0 OR GPL-2.0-with-classpath-exception)",
            "CDDL-1.0 OR GPL-2.0-only WITH Classpath-exception-2.0",
        ),
        ("LicenseRef-acme-eula", "LicenseRef-acme-eula"),
        (
            "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
            "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
        ),
    ],
)
def test_normalises(text, normalized):
    assert parse(text).normalized == normalized


def test_deprecated_ids_are_rewritten_and_said():
    parsed = parse("GPL-2.0")
    assert parsed.normalized == "GPL-2.0-only"
    assert any("GPL-2.0-only" in str(n) for n in parsed.notes)


def test_custom_refs_are_valid_but_unknown():
    assert parse("MIT AND LicenseRef-acme-eula").unknown == ("LicenseRef-acme-eula",)


@pytest.mark.parametrize("text", ["", "NOASSERTION", "NONE", "  "])
def test_no_assertion_is_unknown(text):
    assert parse(text).expression is None


@pytest.mark.parametrize(
    "text",
    [
        "(MIT",
        "MIT AND",
        "AND",
        "WITH MIT",
        "MIT with",
        "Apache 2.0",
        "Classpath-exception-2.0",
        ")(",
        "MIT OR OR GPL",
    ],
)
def test_malformed_input_raises_only_our_error(text):
    with pytest.raises(ExpressionError):
        parse(text)


def test_deep_nesting_and_huge_input_are_errors_not_crashes():
    with pytest.raises(ExpressionError):
        parse("(" * 20000 + "MIT" + ")" * 20000)
    with pytest.raises(ExpressionError):
        parse("MIT OR " * 2000 + "MIT")


@pytest.mark.parametrize(
    ("key", "category"),
    [
        ("MIT", "permissive"),
        ("CC0-1.0", "public-domain"),
        ("LGPL-2.1-only", "weak-copyleft"),
        ("MPL-2.0", "weak-copyleft"),
        ("GPL-3.0-only", "strong-copyleft"),
        ("AGPL-3.0-only", "network-copyleft"),
        ("EUPL-1.2", "network-copyleft"),
        ("OSL-3.0", "network-copyleft"),
        ("SSPL-1.0", "source-available"),
        ("BUSL-1.1", "source-available"),
        ("Elastic-2.0", "source-available"),
        ("CC-BY-NC-4.0", "non-commercial"),
        ("LicenseRef-whatever", "unknown"),
    ],
)
def test_categories(key, category):
    assert catalog.category_of(key) == category


def test_linking_exception_makes_the_pair_weak_copyleft():
    assert catalog.pair_category("GPL-2.0-only", "Classpath-exception-2.0") == "weak-copyleft"


def test_osi_and_fsf_flags_come_from_the_spdx_list():
    assert catalog.is_osi_approved("EUPL-1.2")
    assert not catalog.is_osi_approved("CC0-1.0")
    assert catalog.is_fsf_libre("GPL-3.0-only")

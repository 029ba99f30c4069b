"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

import contextlib
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osscheck.api import check
from osscheck.errors import ExpressionError
from osscheck.licenses.expression import And, Or, parse
from osscheck.policy import load_policy
from osscheck.policy.evaluate import judge

IDS = [
    "MIT",
    "Apache-2.0",
    "GPL-2.0-only",
    "GPL-3.0-or-later",
    "AGPL-3.0-only",
    "LGPL-2.1-only",
    "MPL-2.0",
    "EUPL-1.2",
    "SSPL-1.0",
    "BUSL-1.1",
    "CC0-1.0",
    "CC-BY-NC-4.0",
    "BSD-3-Clause",
    "LicenseRef-acme",
    "GPL-2.0",
    "EPL-2.0",
    "ISC",
    "OSL-3.0",
    "Unlicense",
]
TOKENS = [
    *IDS,
    "AND",
    "OR",
    "WITH",
    "and",
    "or",
    "(",
    ")",
    "+",
    "Classpath-exception-2.0",
    " ",
    "/",
    ",",
    "é",
    "\x00",
]

token_soup = st.lists(st.sampled_from(TOKENS), max_size=12).map(" ".join)
anything = st.one_of(token_soup, st.text(max_size=80))


@given(anything)
@settings(max_examples=400, deadline=None)
def test_parsing_raises_nothing_but_our_error(text):
    with contextlib.suppress(ExpressionError):  # anything else fails the test
        parse(text)


@given(anything)
@settings(max_examples=300, deadline=None)
def test_normalising_is_idempotent(text):
    try:
        first = parse(text).normalized
    except ExpressionError:
        return
    if first is not None:
        assert parse(first).normalized == first


@given(anything)
@settings(max_examples=300, deadline=None)
def test_licence_text_normaliser_is_idempotent_and_never_raises(text):
    from osscheck.licenses.normalize import normalize

    result = normalize(text, "name")
    if result.license is not None:
        again = normalize(result.license, "expression")
        assert again.license == result.license
    assert 0.0 <= result.confidence <= 1.0


def expressions():
    leaf = st.sampled_from(IDS).map(lambda s: parse(s).expression)
    return st.recursive(
        leaf,
        lambda children: st.one_of(
            st.lists(children, min_size=2, max_size=3).map(lambda xs: Or(tuple(xs))),
            st.lists(children, min_size=2, max_size=3).map(lambda xs: And(tuple(xs))),
        ),
        max_leaves=6,
    )


POLICIES = {name: load_policy(name) for name in ("public-code", "internal-use", "library", "network-service")}
OUTBOUNDS = [parse(x).expression for x in ("EUPL-1.2", "GPL-3.0-or-later", "MIT", "GPL-2.0-only")]


@given(
    expressions(), expressions(), st.sampled_from(sorted(POLICIES)), st.sampled_from(range(len(OUTBOUNDS)))
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_an_or_branch_never_makes_it_worse_an_and_operand_never_better(expr, extra, policy, outbound):
    p, out = POLICIES[policy], OUTBOUNDS[outbound]
    alone = judge(expr, p, out).status.rank
    assert judge(Or((expr, extra)), p, out).status.rank <= alone
    assert judge(And((expr, extra)), p, out).status.rank >= alone


@given(order=st.permutations(list(range(4))))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_file_order_does_not_change_the_report(order, tmp_path_factory):
    folder = tmp_path_factory.mktemp("order")
    rnd = random.Random(7)
    paths = []
    for i in range(4):
        doc = {
            "bomFormat": "CycloneDX",
            "specVersion": "1.5",
            "components": [
                {"name": f"c{i}-{j}", "version": "1", "licenses": [{"expression": rnd.choice(IDS)}]}
                for j in range(5)
            ]
            + [{"name": "shared", "version": "1", "licenses": [{"expression": "MIT"}]}],
        }
        path = folder / f"sbom{i}.cdx.json"
        path.write_text(json.dumps(doc))
        paths.append(path)
    from osscheck.reports import render

    baseline = render(check(paths), "json")
    assert render(check([paths[i] for i in order]), "json") == baseline


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet="ab.-/", max_size=12),
    st.text(alphabet="ab.*", max_size=8),
)
def test_reader_name_patterns_match_as_fnmatch_does(name, pattern):
    import fnmatch

    from osscheck.readers import READERS, name_matches

    assert name_matches(name, pattern) == fnmatch.fnmatchcase(name, pattern)
    for spec in READERS:  # the real table, on names built from its own pieces
        for real in spec.patterns:
            probe = real.replace("*", name)
            assert name_matches(probe, real) == fnmatch.fnmatchcase(probe, real)


@given(token_soup)
@settings(max_examples=300, deadline=None)
def test_a_parse_kept_for_later_runs_reads_back_the_same(text):
    from osscheck.licenses import expression

    try:
        parsed = expression.parse(text)
    except ExpressionError as exc:
        kept = json.loads(json.dumps(expression._encoded_error(exc)))
        with pytest.raises(ExpressionError) as again:
            expression._decoded(kept)
        assert again.value.message == exc.message
        return
    assert expression._decoded(json.loads(json.dumps(expression._encoded(parsed)))) == parsed

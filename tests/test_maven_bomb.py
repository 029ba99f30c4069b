"""Maven property expansion is bounded like XML entities (issue 11.3)."""

from __future__ import annotations

import time

from conftest import assert_one_error_line, write


def _pom(properties: str, version: str = "${p8}") -> str:
    return (
        "<project><modelVersion>4.0.0</modelVersion>\n"
        "<groupId>g</groupId><artifactId>a</artifactId><version>1</version>\n"
        f"<properties>{properties}</properties>\n"
        "<dependencies>\n"
        f"<dependency><groupId>g</groupId><artifactId>b</artifactId><version>{version}</version></dependency>\n"
        "</dependencies></project>\n"
    )


def _doubling(levels: int, width: int) -> str:
    """p0 is ten characters; each next property refers to the one before ``width`` times."""
    return "<p0>xxxxxxxxxx</p0>" + "".join(
        f"<p{i}>" + f"${{p{i - 1}}}" * width + f"</p{i}>" for i in range(1, levels + 1)
    )


def test_a_property_bomb_is_refused_quickly_with_one_line(run, tmp_path):
    pom = write(tmp_path / "pom.xml", _pom(_doubling(8, 8)))  # 10 * 8**8 characters if expanded
    assert len(pom.read_bytes()) < 1000
    started = time.perf_counter()
    result = run("check", pom)
    assert time.perf_counter() - started < 5
    assert_one_error_line(result, "pom.xml:5:")  # the dependency that uses it
    assert "properties expand to more than 10000 characters" in result.stderr


def test_properties_in_a_circle_are_refused(run, tmp_path):
    pom = write(tmp_path / "pom.xml", _pom("<a>${b}</a><b>x${a}</b>", version="${a}"))
    result = run("check", pom)
    assert_one_error_line(result, "pom.xml:5:")
    assert "more than 10 levels deep, or in a circle" in result.stderr


def test_nesting_within_the_bounds_is_expanded(run, tmp_path):
    pom = write(tmp_path / "pom.xml", _pom(_doubling(3, 2), version="${p3}"))  # 80 characters, 3 levels
    result = run("check", "-f", "json", pom)
    assert result.stderr == ""
    (component,) = result.json["components"]
    assert component["version"] == "x" * 80


def test_a_reference_repeated_many_times_is_expanded_once(tmp_path):
    from osscheck.readers.maven import read

    many = "${v}" * 2000  # 2,000 references to one short property: 6,000 characters, allowed
    pom = write(tmp_path / "pom.xml", _pom("<v>1.0</v>", version=many))
    (component,) = read(pom, pom.read_bytes()).components
    assert component.version == "1.0" * 2000

"""Layers point one way: readers and reports stand below the policy and enrichment (issue 12.4).

A reader turns a file into components, a report renders a finished Report: neither decides a
verdict nor looks anything up, so neither imports osscheck.policy or osscheck.enrich (the policy's
data reaches a report inside the Report). Read from the source with ast, imports inside functions
and under TYPE_CHECKING included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).parent.parent / "src" / "osscheck"
HIGHER = ("osscheck.policy", "osscheck.enrich")


def imported(source: str, package: str) -> set[str]:
    """Every module named by an import statement in ``source`` (a module of ``package``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package the module is in
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def higher_layers(source: str, package: str) -> list[str]:
    return sorted(
        n for n in imported(source, package) if any(n == h or n.startswith(f"{h}.") for h in HIGHER)
    )


def lower_modules() -> list[Path]:
    return sorted(p for folder in ("readers", "reports") for p in (SOURCE / folder).rglob("*.py"))


def test_there_are_modules_to_look_at():
    names = {p.stem for p in lower_modules()}
    assert {"npm", "spdx3", "_npm_licenses", "_json_lines", "sarif", "text"} <= names


@pytest.mark.parametrize("path", lower_modules(), ids=lambda p: str(p.relative_to(SOURCE)))
def test_readers_and_reports_import_neither_policy_nor_enrich(path):
    package = ".".join(("osscheck", *path.relative_to(SOURCE).parent.parts))
    assert higher_layers(path.read_text(encoding="utf-8"), package) == []


@pytest.mark.parametrize(
    "source",
    [
        "from osscheck.policy.evaluate import judge_leaf",
        "def f():\n    from osscheck.enrich import NON_STANDARD",
        "import osscheck.enrich.settings",
        "from osscheck import policy",
        "from ...enrich import settings",
    ],
)
def test_the_check_sees_each_way_of_importing(source):
    assert higher_layers(source, "osscheck.reports.html") != []


def test_the_check_lets_lower_layers_through():
    source = "from osscheck.licenses import catalog\nfrom osscheck.model import Report\nfrom . import _source"
    assert higher_layers(source, "osscheck.readers") == []

"""Whether the declarations of a project's licence agree, and a finding for each one that does not.

Two declarations agree when their expressions are equivalent (the same licences under the same
operators, in any order). A LICENSE text agrees with an expression whose terms it is one of, as long
as every term has its text among the root licence files ("MIT OR Apache-2.0" with LICENSE-MIT and
LICENSE-APACHE). Texts do not say "only" or "or later", so a GPL text agrees with GPL-3.0-or-later.
REUSE's ``LICENSES/`` may hold more (documentation under CC-BY-4.0): it disagrees only when a licence
of the project has no text there. Root licence files never disagree with each other: together they
are the project's texts.
"""

from __future__ import annotations

from pathlib import Path

from osscheck.messages import Message
from osscheck.model import Finding, Location
from osscheck.ownlicense.files import text_keys
from osscheck.ownlicense.record import LICENSE_FILE, REUSE_TEXT, ProjectLicence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.licenses.expression import Node


class _Unit:
    """A declaration as it takes part in the comparison (``LICENSES/`` takes part as one)."""

    def __init__(self, kind: str, license: str, keys: frozenset[str], location: Location, shown: str) -> None:
        self.kind = kind  # "claim" | "file" | "pool"
        self.license = license
        self.keys = keys
        self.location = location
        self.shown = shown  # how the others name it: "pyproject.toml:14 (MIT)"


def disagreements(records: list[ProjectLicence], folder: Path) -> list[Finding]:
    """One finding per declaration that disagrees with another, naming it and what the others say."""
    units = _units(records, folder)
    texts = frozenset(k for u in units if u.kind == "file" for k in u.keys)
    findings: list[Finding] = []
    for unit in units:
        others = [o for o in units if o is not unit and not _agree(unit, o, texts)]
        if others:
            findings.append(_finding(unit, others))
    return findings


def _units(records: list[ProjectLicence], folder: Path) -> list[_Unit]:
    units: list[_Unit] = []
    pool: set[str] = set()
    for r in records:
        if r.license is None:
            continue  # said by its own finding (unrecognised): nothing to compare
        if r.source == REUSE_TEXT:
            pool |= text_keys(r.license)
            continue
        kind = "file" if r.source == LICENSE_FILE else "claim"
        units.append(
            _Unit(kind, r.license, frozenset(text_keys(r.license)), r.location, f"{r.location} ({r.license})")
        )
    if pool and units:
        names = ", ".join(sorted(pool))
        where = Location(str(folder / "LICENSES"))
        units.append(_Unit("pool", names, frozenset(pool), where, f"{where} ({names})"))
    return units


def _agree(a: _Unit, b: _Unit, texts: frozenset[str]) -> bool:
    if a.kind == "file" and b.kind == "file":
        return True
    if "pool" in (a.kind, b.kind):
        pool, other = (a, b) if a.kind == "pool" else (b, a)
        return other.keys <= pool.keys
    if a.kind == "claim" and b.kind == "claim":
        return _equivalent(a.license, b.license)
    file, claim = (a, b) if a.kind == "file" else (b, a)
    if _equivalent(file.license, claim.license):
        return True
    return file.keys <= claim.keys and claim.keys <= texts


def _equivalent(left: str, right: str) -> bool:
    from osscheck.licenses.expression import parse

    a, b = parse(left).expression, parse(right).expression
    return a is not None and b is not None and _shape(a) == _shape(b)


def _shape(node: Node) -> object:
    """An expression with the order of its operands forgotten: "MIT OR Apache-2.0" is "Apache-2.0 OR MIT"."""
    from osscheck.licenses.expression import And, Or

    if isinstance(node, (And, Or)):
        return (type(node).__name__, frozenset(_shape(a) for a in node.args))
    return str(node)


def _finding(unit: _Unit, others: list[_Unit]) -> Finding:
    from osscheck import rules  # lazy: start-up

    said = "; ".join(o.shown for o in others)
    if unit.kind == "pool":
        missing = sorted({k for o in others for k in o.keys} - unit.keys)
        message = Message("finding.licenses-folder-lacks", licenses=", ".join(missing), others=said)
    else:
        message = Message("finding.conflicting-project-licenses", license=unit.license, others=said)
    return Finding(
        "conflicting-project-licenses",
        rules.severity("conflicting-project-licenses"),
        message,
        Message("rule.conflicting-project-licenses.hint"),
        location=unit.location,
    )

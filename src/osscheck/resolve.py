"""The normalisation stage: from a component's raw declarations to one SPDX expression.

Several licence entries on one component have no stated relationship: they are read as AND by
default, an entry that is only a vaguer form of another is dropped (a classifier beside the exact
id), and a policy can choose ``any`` (OR) or ``review`` instead.

Licences observed in a component's files (CycloneDX evidence, SPDX licenseInfoFromFiles) stand in
only where nothing is declared or concluded: read as AND (the files carry all of them), with the
method ``observed`` and a confidence of at most :data:`OBSERVED_CONFIDENCE`.
"""

from __future__ import annotations

from osscheck.licenses import catalog
from osscheck.licenses.expression import leaf_license, leaves, parse
from osscheck.licenses.normalized import Normalized, clean_spdx, family, recognised
from osscheck.model import Component

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

#: ScanCode's marker for a public-domain claim (what "Public Domain" is normalised to)
PUBLIC_DOMAIN = "LicenseRef-scancode-public-domain"

#: the most an observed licence is trusted: a scan of files is evidence, not the author's declaration, so
#: a policy's min-confidence above it sends such a component to review
OBSERVED_CONFIDENCE = 0.8

#: declaration kinds that only hint at a licence: unrecognised ones are dropped when others speak
_VAGUE_KINDS = ("url", "classifier")


def resolve(components: Iterable[Component], multiple: str = "all") -> None:
    """Fill ``license``, ``method`` and ``confidence`` of each component in place."""
    # a large SBOM repeats a few dozen licence blocks: each distinct one is combined once
    memo: dict[tuple[object, ...], Normalized] = {}
    for c in components:
        if c.license is not None and c.method:
            continue  # already resolved (an enrichment or a reader that knows better)
        if c.concluded:
            n = normalize(c.concluded, "expression")
            if n.license is not None:
                c.license, c.method, c.confidence = n.license, "concluded", n.confidence
                continue
        if not c.declared and not c.concluded and c.extra.get("observed"):
            c.license, c.method, c.confidence = _observed(c.extra["observed"], memo)
            continue
        how = "any" if c.extra.get("choice") else multiple
        key = (how, *((d.value, d.kind) for d in c.declared))
        combined = memo.get(key)
        if combined is None:
            combined = memo[key] = combine(
                [normalize(d.value, d.kind) for d in c.declared],
                [d.kind for d in c.declared],
                how,
                [d.value for d in c.declared],
            )
        c.license, c.method, c.confidence = combined.license, combined.method, combined.confidence


def _observed(
    observed: list[str], memo: dict[tuple[object, ...], Normalized]
) -> tuple[str | None, str, float]:
    """The licence of a component that declares none, from the licences found in its files."""
    key = ("observed", *observed)
    combined = memo.get(key)
    if combined is None:
        combined = memo[key] = combine(
            [normalize(v, "expression") for v in observed], ["expression"] * len(observed), "all", observed
        )
    if combined.license is None:
        return None, combined.method, combined.confidence  # nothing readable: unknown, and why
    return combined.license, "observed", min(combined.confidence, OBSERVED_CONFIDENCE)


def normalize(text: str, kind: str = "expression") -> Normalized:
    """One declaration recognised; clean SPDX without loading the normaliser's tables."""
    if kind in ("expression", "id"):
        clean = clean_spdx(text)
        if clean is not None:
            return clean
    return recognised(text, kind)


def combine(
    results: list[Normalized], kinds: list[str], multiple: str = "all", values: list[str] | None = None
) -> Normalized:
    """One result from the normalised declarations of one component.

    ``values`` are the declarations as written: with them, an unread entry that only names the
    family of a recognised licence ("BSD" beside BSD-3-Clause) is dropped instead of lowering the
    confidence.
    """
    if not results:
        return Normalized(None, "none", 0.0)
    known = [(r, k) for r, k in zip(results, kinds, strict=True) if r.license is not None]
    if not known:
        return _nothing_known(results)
    written = values if values is not None and len(values) == len(results) else [None] * len(results)
    distinct: list[Normalized] = []
    for r, _ in sorted(known, key=lambda rk: -rk[0].confidence):
        if any(_covers(d.license, r.license) for d in distinct):  # type: ignore[arg-type]
            continue
        distinct.append(r)
    if len(distinct) > 1:
        # "Public Domain" beside CC0-1.0 or the Unlicense is only the vaguer form of that dedication
        dedicated = any(
            catalog.category_of(leaf_license(x).key) == "public-domain"
            for d in distinct
            if d.license != PUBLIC_DOMAIN
            for x in _leaves(d.license)
        )
        if dedicated:
            distinct = [d for d in distinct if d.license != PUBLIC_DOMAIN]
    recognised = {str(leaf_license(x).key) for d in distinct for x in _leaves(d.license)}
    # "SEE LICENSE IN <file>" is answered by that file's text, which a reader adds as a declaration
    text_read = any(k == "text" for _, k in known)
    unread = [
        k
        for r, k, v in zip(results, kinds, written, strict=True)
        if r.license is None
        and r.method != "none"
        and not (r.method == "file-reference" and text_read)
        and not _vaguer_form(v, k, recognised)
    ]
    confidence = min(r.confidence for r in distinct)
    if multiple != "any" and any(k not in _VAGUE_KINDS for k in unread):
        # a licence statement nobody could read sits beside the recognised ones: a person should look
        # (unless the entries are alternatives: then a recognised one may be chosen whatever the rest says)
        confidence = min(confidence, 0.5)
    if len(distinct) == 1:
        only = distinct[0]
        return Normalized(only.license, only.method, confidence, only.notes)
    joiner = " OR " if multiple == "any" else " AND "
    expression = parse(joiner.join(f"({d.license})" for d in distinct)).normalized
    method = "+".join(dict.fromkeys(d.method for d in distinct))
    if multiple == "review":
        confidence = min(confidence, 0.5)
    return Normalized(expression, method, confidence)


def _nothing_known(results: list[Normalized]) -> Normalized:
    """No licence recognised: say why (a family name, a file reference, or nothing readable)."""
    said = [r for r in results if r.method != "none"]
    if not said:
        return Normalized(None, "none", 0.0)
    methods = [r.method for r in said]
    method = next((m for m in ("ambiguous", "file-reference") if m in methods), "unrecognised")
    notes = tuple(dict.fromkeys(n for r in said for n in r.notes))
    return Normalized(None, method, 0.0, notes)


def _vaguer_form(value: str | None, kind: str, recognised: set[str]) -> bool:
    """Is an unread declaration only a licence family that one of the recognised ids belongs to?"""
    if value is None:
        return False
    prefixes = family(value, kind)
    if not prefixes:
        return False
    return any(key.startswith(p) or key == p for key in recognised for p in prefixes)


def _leaves(expression: str | None) -> list:
    node = parse(expression).expression if expression else None
    return leaves(node) if node is not None else []


def _covers(wider: str, narrower: str) -> bool:
    """Does ``wider`` already say everything ``narrower`` says (equal, or narrower is one of its terms)?"""
    if wider == narrower:
        return True
    a, b = parse(wider).expression, parse(narrower).expression
    if a is None or b is None:
        return False
    return {str(x) for x in leaves(b)} <= {str(x) for x in leaves(a)} and len(leaves(b)) == 1

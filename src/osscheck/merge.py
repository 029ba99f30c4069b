"""Inputs to one list of components: a component listed more than once becomes one entry.

Several inputs (a lockfile and an SBOM, requirements.txt and requirements-dev.txt) or one input
listing a purl twice may say different things about one component. What ships wins, and no licence
declaration is dropped: disagreeing ones apply together and are reported as a conflict.
"""

from __future__ import annotations

from osscheck.messages import Message
from osscheck.model import Component, Finding, InputFile


def merge(inputs: list[InputFile], multiple: str = "all") -> tuple[list[Component], list[Finding]]:
    """One entry per component (purl, or name and version), in a stable order; and the conflicts found.

    A component listed more than once (by several inputs, or twice by one) takes the scope that
    ships (run time before optional before dev, as for the edges of one lockfile) and the location
    of the entry that gave it; the licence declarations of every entry count (:func:`_licence_of`).
    """
    merged: dict[str, Component] = {}
    repeated: dict[str, list[Component]] = {}
    # inputs in the order of their paths, whatever the order of the arguments
    for source in sorted(inputs, key=lambda i: i.path):
        for c in source.components:
            known = merged.get(c.key)
            if known is None:
                merged[c.key] = c
            else:
                repeated.setdefault(c.key, [known]).append(c)
    findings: list[Finding] = []
    if repeated:
        from osscheck.resolve import resolve

        # each entry read on its own first (at once: a licence block repeated is combined once)
        resolve([c for entries in repeated.values() for c in entries if c.declared or c.concluded], multiple)
    for key, entries in repeated.items():
        merged[key] = _one_of(entries, findings)
    return sorted(merged.values(), key=_order), findings


def _one_of(entries: list[Component], findings: list[Finding]) -> Component:
    from osscheck.readers._scopes import ORDER  # lazy: start-up

    said = [c for c in entries if c.declared or c.concluded]
    merged = said[0] if said else entries[0]  # the first that says something about its licence
    shipped = min(entries, key=lambda c: ORDER.index(c.scope or ORDER[0]))  # the first of the best
    merged.scope, merged.location = shipped.scope, shipped.location
    # what a scan found in the files is kept, whichever entry's declarations count
    observed = [o for c in entries for o in c.extra.get("observed", ())]
    if observed:
        merged.extra["observed"] = list(dict.fromkeys(observed))
    _carry(merged, entries)
    if len(said) > 1:
        conflict = _licence_of(merged, said)
        if conflict is not None:
            findings.append(conflict)
    return merged


def _carry(merged: Component, entries: list[Component]) -> None:
    """Hashes, dependencies and a file name any entry gives are kept (an SBOM's beside a lockfile's)."""
    hashes = {(h["alg"], h["content"]): h for c in entries for h in c.extra.get("hashes", ())}
    if hashes:
        merged.extra["hashes"] = list(hashes.values())
    dependencies = [d for c in entries for d in c.extra.get("dependencies", ())]
    if dependencies:
        merged.extra["dependencies"] = list(dict.fromkeys(dependencies))
    # the first entry that names one (the merged entry's own first)
    for c in entries:
        if "filename" in c.extra:
            merged.extra.setdefault("filename", c.extra["filename"])
        if "download_url" in c.extra:
            merged.extra.setdefault("download_url", c.extra["download_url"])
        if "integrity" in c.extra:
            merged.extra.setdefault("integrity", c.extra["integrity"])


def _licence_of(merged: Component, said: list[Component]) -> Finding | None:
    """The licence of a component several entries declare: all of them apply (AND), none is dropped.

    Each entry has been read on its own (resolved); one that means the same, or is only a vaguer form of
    another (a classifier beside the id), is no conflict. Entries that disagree give the AND of
    their licences and a ``conflicting-declarations`` error naming where each was declared.
    """
    from osscheck.licenses.normalized import Normalized
    from osscheck.resolve import combine, normalize

    results: list[Normalized] = []
    kinds: list[str] = []
    values: list[str] = []
    for c in said:
        if c.license is not None:
            results.append(Normalized(c.license, c.method or "declared", c.confidence or 0.0))
            kinds.append("expression")
            values.append(c.license)
            continue
        for d in c.declared:  # unread: combine decides whether it only restates a recognised one
            results.append(normalize(d.value, d.kind))
            kinds.append(d.kind)
            values.append(d.value)
    first: dict[str, Component] = {}  # each licence with the entry that declared it first
    for c in said:
        if c.license is not None:
            first.setdefault(c.license, c)
    merged.declared = list({(d.value, d.kind): d for c in said for d in c.declared}.values())
    combined = combine(results, kinds, "all", values)
    if combined.license is None:
        merged.license = merged.method = merged.confidence = None  # unknown: resolve() says why
        return None
    merged.license, merged.method, merged.confidence = combined.license, combined.method, combined.confidence
    if combined.license in first:
        return None  # the others say the same, or less
    places = ", ".join(f"{lic} ({c.location or c.ref})" for lic, c in first.items())
    from osscheck import rules  # lazy: start-up

    detail = Message("finding.conflicting-declarations", places=places, license=combined.license)
    return Finding(
        "conflicting-declarations",
        rules.severity("conflicting-declarations"),
        Message("finding.of-component", ref=merged.ref, detail=detail),
        Message("rule.conflicting-declarations.hint"),
        merged.ref,
        merged.location,
    )


def _order(c: Component) -> tuple[str, str, str, str]:
    return (c.name.lower(), c.version or "", c.purl or "", str(c.location or ""))

"""``--profile bsi-tr-03183-2``: the CycloneDX BOM as BSI TR-03183-2 v2.1.0 (appendix 8.2) maps it.

What goes where (CycloneDX 1.6):

- distribution licence: ``licenses[]`` with acknowledgement ``concluded`` (osscheck's conclusion);
  original licence: ``licenses[]`` with acknowledgement ``declared`` (what the inputs declared);
  effective licence: the property ``bsi:component:effectiveLicense`` (the chosen OR branch), spelt
  as the TR's table spells it (the BSI's property taxonomy v0.1 writes ``effectiveLicence``).
  CycloneDX 1.6 holds either one expression or a list of single licences in ``licenses``: where
  both fit as single licences both are there; where one is a compound expression the distribution
  licence is that expression and the original licence goes to ``evidence.licenses`` (declared), and
  the metadata says so.
- hashes: ``hashes[]`` as the inputs gave them; a SHA-512 (the TR's hash of the deployable form)
  also on ``externalReferences[type=distribution]`` where the input names the download URL.
- file name: ``bsi:component:filename``; archive and structured properties where the file name
  tells (a package archive); executable is never guessed.
- dependencies: an entry per component, with the direct dependencies the inputs named, and a
  composition saying that their completeness is unknown.
- ``metadata.timestamp`` always (the TR requires it; ``SOURCE_DATE_EPOCH`` fixes it), and
  ``osscheck:tr03183:unfilled`` properties naming what could not be filled, with counts.
"""

from __future__ import annotations

from typing import Any

from osscheck.messages import Message, render
from osscheck.model import Component
from osscheck.report import Report
from osscheck.reports._licenses import is_spdx_listed, spdx_expression

PROFILE = "bsi-tr-03183-2"
VERSION = "2.1.0"
EFFECTIVE = "bsi:component:effectiveLicense"
_ARCHIVES = (
    ".tgz",
    ".tar.gz",
    ".tar.bz2",
    ".tar.xz",
    ".zip",
    ".whl",
    ".jar",
    ".war",
    ".crate",
    ".gem",
    ".nupkg",
)
_HEX = frozenset("0123456789abcdef")
_ALGS = frozenset(
    (
        "MD5",
        "SHA-1",
        "SHA-256",
        "SHA-384",
        "SHA-512",
        "SHA3-256",
        "SHA3-384",
        "SHA3-512",
        "BLAKE2b-256",
        "BLAKE2b-384",
        "BLAKE2b-512",
        "BLAKE3",
    )
)


class Gaps:
    """What could not be filled, counted over the components: its message (with ``{count}``)."""

    def __init__(self) -> None:
        self.counts: dict[Message, int] = {}

    def add(self, what: Message) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1


def component(out: dict[str, Any], c: Component, gaps: Gaps) -> None:
    """Rewrite one component of :func:`cyclonedx_out.document` the way the TR maps it."""
    _licences(out, c, gaps)
    props: list[dict[str, str]] = []
    effective = spdx_expression(c.chosen)
    if effective is not None:
        props.append({"name": EFFECTIVE, "value": effective.text})
    else:
        gaps.add(Message("profile.unfilled.effective-licence"))
    filename = c.extra.get("filename") or _archive_name(c.extra.get("download_url"))
    if isinstance(filename, str) and filename:
        props.append({"name": "bsi:component:filename", "value": filename})
        if filename.lower().endswith(_ARCHIVES):
            # a package archive keeps the metadata of what it holds: structured
            props.append({"name": "bsi:component:archive", "value": "archive"})
            props.append({"name": "bsi:component:structured", "value": "structured"})
        else:
            gaps.add(Message("profile.unfilled.archive"))
    else:
        gaps.add(Message("profile.unfilled.filename"))
        gaps.add(Message("profile.unfilled.archive"))
    gaps.add(Message("profile.unfilled.executable"))
    gaps.add(Message("profile.unfilled.creator"))
    out["properties"] = props + out.get("properties", [])
    hashes = _hashes(c)
    if hashes:
        out["hashes"] = hashes
    else:
        gaps.add(Message("profile.unfilled.hash"))
    sha512 = [h for h in hashes if h["alg"] == "SHA-512"]
    url = c.extra.get("download_url")
    if isinstance(url, str) and url.startswith(("https://", "http://")) and " " not in url:
        reference: dict[str, Any] = {"type": "distribution", "url": url}
        if sha512:
            reference["hashes"] = sha512
        out["externalReferences"] = [reference]
        if not sha512:
            gaps.add(Message("profile.unfilled.sha512"))
    else:
        gaps.add(Message("profile.unfilled.uri"))
        gaps.add(Message("profile.unfilled.sha512"))
    # keep the order of the plain output's keys after the licences, properties last
    out["properties"] = out.pop("properties")


def _archive_name(url: Any) -> str | None:
    """The file a download URL names, where it is a package archive (``.../lodash-4.17.21.tgz``)."""
    if not isinstance(url, str):
        return None
    name = url.split("#", 1)[0].split("?", 1)[0].rsplit("/", 1)[-1]
    return name if name.lower().endswith(_ARCHIVES) else None


_SRI = {"sha1": "SHA-1", "sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512"}


def sri_hashes(integrity: Any) -> list[dict[str, str]]:
    """An SRI ``integrity`` string (``sha512-BASE64 ...``) as CycloneDX hashes (hex); odd entries left out."""
    import base64
    import binascii

    out: list[dict[str, str]] = []
    for token in integrity.split() if isinstance(integrity, str) else ():
        alg, _, value = token.partition("-")
        if alg.lower() not in _SRI or not value:
            continue
        try:
            content = base64.b64decode(value.split("?", 1)[0], validate=True).hex()
        except (binascii.Error, ValueError):
            continue
        if len(content) in (40, 64, 96, 128):
            out.append({"alg": _SRI[alg.lower()], "content": content})
    return out


def _hashes(c: Component) -> list[dict[str, str]]:
    found: dict[tuple[str, str], dict[str, str]] = {}
    for h in [*(c.extra.get("hashes") or ()), *sri_hashes(c.extra.get("integrity"))]:
        alg, content = h.get("alg"), h.get("content")
        if alg in _ALGS and isinstance(content, str) and _HEX.issuperset(content):
            found.setdefault((alg, content), {"alg": alg, "content": content})
    return sorted(found.values(), key=lambda h: (h["alg"], h["content"]))


def _single(text: str) -> dict[str, Any] | None:
    """A licence that fits a ``license`` object: a listed id, else a single LicenseRef or unlisted id."""
    if is_spdx_listed(text):
        return {"id": text}
    if " " not in text and "(" not in text:
        return {"name": text}
    return None


def _declared(c: Component) -> list[str]:
    """The original licences as SPDX: each declaration read alone, or the whole as one expression."""
    values = list(dict.fromkeys(d.value.strip() for d in c.declared if d.value.strip()))
    if not values:
        return []
    valid = [spdx_expression(v) for v in values]
    if all(v is not None for v in valid):
        texts = [v.text for v in valid if v is not None]
        if len(texts) > 1 and c.extra.get("choice"):
            return [" OR ".join(f"({t})" if " " in t else t for t in texts)]
        return list(dict.fromkeys(texts))
    # names, URLs, texts: osscheck's reading of them stands for what was declared, when it has one
    return [c.license] if c.license and spdx_expression(c.license) is not None else []


def _licences(out: dict[str, Any], c: Component, gaps: Gaps) -> None:
    concluded = spdx_expression(c.license)
    conc = concluded.text if concluded else None
    declared = _declared(c)
    out.pop("licenses", None)
    if conc is None:
        gaps.add(Message("profile.unfilled.distribution-licence"))
    if not declared:
        gaps.add(Message("profile.unfilled.original-licence"))
    singles = [_single(t) for t in ([conc] if conc else []) + declared]
    if all(s is not None for s in singles):
        entries = []
        for s, ack in zip(
            singles, (["concluded"] if conc else []) + ["declared"] * len(declared), strict=True
        ):
            entries.append({"license": {**(s or {}), "acknowledgement": ack}})
        if entries:
            out["licenses"] = entries
        _drop_declared_evidence(out)
        return
    if conc is not None:
        out["licenses"] = [{"expression": conc, "acknowledgement": "concluded"}]
        if declared:
            gaps.add(Message("profile.unfilled.original-in-evidence"))
            evidence = out.setdefault("evidence", {}).setdefault("licenses", [])
            kept = [e for e in evidence if _ack(e) != "declared"]
            mine: list[dict[str, Any]] = [
                {"license": {**(_single(t) or {"name": t}), "acknowledgement": "declared"}} for t in declared
            ]
            mixed = mine + [e if "license" in e else {"license": {"name": e["expression"]}} for e in kept]
            out["evidence"]["licenses"] = mixed
        return
    if len(declared) == 1:
        out["licenses"] = [{"expression": declared[0], "acknowledgement": "declared"}]
    else:
        joined = " AND ".join(f"({t})" if " " in t else t for t in declared)
        out["licenses"] = [{"expression": joined, "acknowledgement": "declared"}]


def _drop_declared_evidence(out: dict[str, Any]) -> None:
    """The plain output keeps declarations in the evidence; here they are in ``licenses`` already."""
    evidence = out.get("evidence")
    if not evidence:
        return
    kept = [e for e in evidence.get("licenses", []) if _ack(e) != "declared"]
    if kept:
        evidence["licenses"] = kept
    else:
        del out["evidence"]


def _ack(entry: dict[str, Any]) -> str | None:
    return entry.get("acknowledgement") or (entry.get("license") or {}).get("acknowledgement")


def finish(
    bom: dict[str, Any], report: Report, refs: dict[int, str], gaps: Gaps, project_ref: str, lang: str = "en"
) -> None:
    """The document-level parts: timestamp, dependency graph, composition and the note of gaps."""
    metadata = bom["metadata"]
    if "timestamp" not in metadata:  # the TR asks for one: today, as the other documents are dated
        from osscheck.reports._stamp import iso_utc, stamp_time

        metadata = {"timestamp": iso_utc(stamp_time()), **metadata}
        bom["metadata"] = metadata
    by_key = {c.key: refs[id(c)] for c in report.components}
    graph: list[dict[str, Any]] = []
    without = 0
    for c in report.components:
        named = c.extra.get("dependencies")
        if named is None:
            without += 1
        targets = sorted({by_key[k] for k in named or () if k in by_key and by_key[k] != refs[id(c)]})
        graph.append({"ref": refs[id(c)], "dependsOn": targets})
    project = bom.get("dependencies", [{"ref": project_ref, "dependsOn": []}])
    bom["dependencies"] = project + graph
    every = [project_ref, *(refs[id(c)] for c in report.components)]
    # neither the inputs nor osscheck can say that a dependency list is complete
    bom["compositions"] = [{"aggregate": "unknown", "dependencies": every}]
    notes = [Message("profile.unfilled.manufacturer")]
    if without:
        notes.append(Message("profile.unfilled.dependencies", count=without))
    notes += sorted(
        (Message(what.code, count=n) for what, n in gaps.counts.items()), key=lambda m: render(m, "en")
    )
    metadata["properties"] = [
        *metadata.get("properties", []),
        *({"name": "osscheck:tr03183:unfilled", "value": render(note, lang)} for note in notes),
    ]
    metadata["properties"].insert(0, {"name": "osscheck:profile", "value": f"{PROFILE} {VERSION}"})

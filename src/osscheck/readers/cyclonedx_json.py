"""CycloneDX JSON, spec 1.2 to 1.6: components (nested too) and their licence entries.

``metadata.component`` is the project itself: its licence is the outbound licence, not a component.
The licence entries are read here for both CycloneDX encodings: the XML reader hands its
``<licenses>`` over in the JSON shape.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from osscheck.errors import InputError
from osscheck.licenses.expression import is_no_assertion, try_parse
from osscheck.messages import Message
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers._source import (
    WRITTEN_BY,
    Lines,
    as_dict,
    as_list,
    as_str,
    json_object,
    walk_dicts,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

SCOPES = {"required": Scope.RUNTIME, "optional": Scope.OPTIONAL, "excluded": Scope.DEV}


def read(path: Path, data: bytes) -> InputFile:
    text, doc = json_object(path, data, Message("input.document-must-be-json-object", format="CycloneDX"))
    if doc.get("bomFormat") != "CycloneDX":
        raise InputError(Message("input.not-cyclonedx"), path)
    components_raw = doc.get("components", [])
    if not isinstance(components_raw, list):
        message = Message("input.must-be-list", key="components", type=type(components_raw).__name__)
        raise InputError(message, path)
    lines = Lines(text)
    shown = str(path)
    result = InputFile(path=shown, format="cyclonedx-json")
    metadata = as_dict(doc.get("metadata"))
    meta = as_dict(metadata.get("component"))
    own = osscheck_tool(metadata.get("tools"))
    if meta:
        result.project = Project(
            name=as_str(meta.get("name")),
            version=as_str(meta.get("version")),
            declared=read_licenses(meta.get("licenses")).outbound(),
            location=Location(shown, lines.find('"metadata"')),
        )
        lines.cursor = 0
    if own is not None:
        _own_project(result, shown, own, metadata)
    # a component listed twice is kept twice: merge.merge combines the two, or reports their conflict
    memo: dict[bytes, Licenses] = {}
    by_ref: dict[str, Component] = {}
    for raw in walk_dicts(components_raw, "components"):
        if own is not None and raw.get("bom-ref") == OWN_PROJECT_REF:
            continue  # the project itself, never its own dependency
        component = component_from(raw, shown, lines, memo)
        if own is not None:
            read_back(component, raw.get("properties"))
        result.components.append(component)
        if "bom-ref" in raw and type(raw["bom-ref"]) is str:
            by_ref.setdefault(raw["bom-ref"], component)
    if by_ref and "dependencies" in doc:
        read_dependencies(doc["dependencies"], by_ref)
    return result


#: the bom-ref osscheck gives the project in its own output (reports.cyclonedx_out.PROJECT_REF)
OWN_PROJECT_REF = "osscheck:project"


def osscheck_tool(tools: Any) -> str | None:
    """``"osscheck VERSION"`` when ``metadata.tools`` names osscheck: the BOM is its own output.

    Tools are a list in CycloneDX 1.4 and an object of components and services from 1.5 on.
    """
    if isinstance(tools, dict):
        entries = [*as_list(tools.get("components")), *as_list(tools.get("services"))]
    else:
        entries = as_list(tools)
    for tool in map(as_dict, entries):
        if as_str(tool.get("name")) == "osscheck":
            return f"osscheck {as_str(tool.get('version')) or ''}".strip()
    return None


def _own_project(result: InputFile, shown: str, tool: str, metadata: dict[str, Any]) -> None:
    """Mark the input as osscheck's output; its project licence counts only if it was the project's.

    osscheck writes the outbound licence it judged by there, which may have come from an option or
    the policy: that is not the project's declaration.
    """
    if result.project is None:
        result.project = Project(location=Location(shown, None))
    result.project.extra[WRITTEN_BY] = tool
    source = _osscheck_properties(metadata.get("properties")).get("outbound:source")
    if source != "project":
        result.project.declared = []


def _osscheck_properties(properties: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for prop in map(as_dict, as_list(properties)):
        name, value = as_str(prop.get("name")), as_str(prop.get("value"))
        if name and value is not None and name.startswith("osscheck:"):
            out.setdefault(name[len("osscheck:") :], value)
    return out


def read_back(component: Component, properties: Any) -> None:
    """A component of osscheck's own output: its conclusion as osscheck reached it, not as a fact.

    osscheck writes its conclusion as a concluded licence, and how it reached it (method and
    confidence) as properties: a licence only observed in the files stays observed, at the
    confidence it had. The declarations it kept in the evidence are read as declarations. Without
    those properties the conclusion is read as a declaration.
    """
    concluded, component.concluded = component.concluded, None
    if not concluded:
        return
    facts = _osscheck_properties(properties)
    parsed = try_parse(concluded)
    confidence = _fraction(facts.get("confidence"))
    if parsed is not None and parsed.normalized and confidence is not None:
        component.license = parsed.normalized
        component.method = facts.get("method") or "concluded"
        component.confidence = confidence
    elif not component.declared and not component.extra.get("observed"):
        component.declared = [Declaration(concluded, "expression")]


def _fraction(value: str | None) -> float | None:
    try:
        number = float(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and 0.0 <= number <= 1.0 else None


def component_from(
    raw: dict[str, Any], shown: str, lines: Lines, memo: dict[bytes, Licenses] | None = None
) -> Component:
    # strings are the rule: as_str only for the odd value (numbers as versions, wrong types)
    name = raw.get("name")
    if type(name) is not str or not name:
        name = as_str(name) or as_str(raw.get("bom-ref")) or "(unnamed)"
    purl = raw.get("purl")
    if type(purl) is not str:
        purl = as_str(purl)
    version = raw.get("version")
    if type(version) is not str:
        version = as_str(version)
    line = lines.find_json_value("purl", purl) if purl else None
    if line is None:
        ref = as_str(raw.get("bom-ref"))
        line = lines.find_json_value("bom-ref", ref) if ref else lines.find_json_value("name", name)
    component = Component(
        name=name,
        version=version,
        purl=purl,
        scope=SCOPES.get(raw["scope"]) if "scope" in raw and type(raw["scope"]) is str else None,
        location=Location(shown, line),
    )
    if component.scope is None and "properties" in raw and is_development(raw["properties"]):
        component.scope = Scope.DEV
    licenses_of(raw.get("licenses"), memo).apply(component)
    if "evidence" in raw:
        read_evidence(raw["evidence"], component)
    if "group" in raw and (group := as_str(raw["group"])):
        component.extra["group"] = group
        component.name = with_group(name, group, purl)
    if "copyright" in raw and (copyright_ := as_str(raw["copyright"])):
        component.extra["copyrights"] = [copyright_]
    if "hashes" in raw and (hashes := read_hashes(raw["hashes"])):
        component.extra["hashes"] = hashes
    if "externalReferences" in raw:
        _distribution(raw["externalReferences"], component)
    if "properties" in raw and (filename := _property(raw["properties"], "bsi:component:filename")):
        component.extra["filename"] = filename
    return component


def _distribution(references: Any, component: Component) -> None:
    """The first ``distribution`` reference: where the package is downloaded from, and its hashes."""
    for ref in map(as_dict, as_list(references)):
        url = as_str(ref.get("url"))
        if ref.get("type") != "distribution" or not url or not url.startswith(("https://", "http://")):
            continue
        component.extra["download_url"] = url
        hashes = read_hashes(ref.get("hashes"))
        if hashes:
            known = component.extra.get("hashes", [])
            component.extra["hashes"] = list(
                {(h["alg"], h["content"]): h for h in [*known, *hashes]}.values()
            )
        return


#: CycloneDX's hash algorithms (``hash-alg``), by their spelling without case and dashes
HASH_ALGORITHMS = {
    a.replace("-", "").lower(): a
    for a in (
        "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512",
        "BLAKE2b-256", "BLAKE2b-384", "BLAKE2b-512", "BLAKE3",
    )
}  # fmt: skip
_HEX = frozenset("0123456789abcdef")


def hash_entry(alg: str | None, content: str | None) -> dict[str, str] | None:
    """``{"alg", "content"}`` in CycloneDX's spelling (lower-case hex), or ``None`` for anything else."""
    name = HASH_ALGORITHMS.get((alg or "").replace("-", "").replace("_", "").lower())
    value = (content or "").strip().lower()
    if name is None or len(value) not in (32, 40, 64, 96, 128) or not _HEX.issuperset(value):
        return None
    return {"alg": name, "content": value}


def read_hashes(raw: Any) -> list[dict[str, str]]:
    """A CycloneDX ``hashes[]`` list, the entries it can tell, each once."""
    found = [hash_entry(as_str(h.get("alg")), as_str(h.get("content"))) for h in map(as_dict, as_list(raw))]
    return list({(h["alg"], h["content"]): h for h in found if h}.values())


def _property(properties: Any, name: str) -> str | None:
    for prop in map(as_dict, as_list(properties)):
        if prop.get("name") == name and (value := as_str(prop.get("value"))) and value.strip():
            return value.strip()
    return None


def read_dependencies(raw: Any, by_ref: dict[str, Component]) -> None:
    """``dependencies[]``: each component's direct dependencies, as the keys of the components named."""
    for entry in map(as_dict, as_list(raw)):
        source = by_ref.get(as_str(entry.get("ref")) or "")
        if source is None:
            continue
        targets = [by_ref[r].key for r in map(as_str, as_list(entry.get("dependsOn"))) if r and r in by_ref]
        known = source.extra.get("dependencies", [])
        source.extra["dependencies"] = list(dict.fromkeys([*known, *targets]))


def with_group(name: str, group: str, purl: str | None) -> str:
    """The name as the ecosystem writes it: ``@vue/compiler-core``, ``org.clojure:clojure``.

    The lockfile and pom readers name components so; without the group, ``core`` of one group
    would be taken for ``core`` of another. Maven joins with ``:``, npm and the others with ``/``
    (decided by the purl's type; without a purl, a dotted group such as ``org.clojure`` is Maven's).
    """
    group = group.strip()
    if not group:
        return name
    if purl and purl.startswith("pkg:"):
        joiner = ":" if purl[4:].lower().startswith("maven/") else "/"
    else:
        joiner = "/" if group.startswith("@") or "/" in group else ":"
    if name.startswith(group + joiner):
        return name  # already qualified (osscheck's own output writes both)
    return f"{group}{joiner}{name}"


#: properties of the official CycloneDX taxonomy that mark a development-only dependency
DEVELOPMENT_PROPERTIES = frozenset({"cdx:npm:package:development"})


def is_development(properties: Any) -> bool:
    """Does a ``properties[]`` list say the component is a development dependency (npm's flag)?"""
    if not isinstance(properties, list):
        return False
    return any(
        isinstance(p, dict) and p.get("name") in DEVELOPMENT_PROPERTIES and p.get("value") == "true"
        for p in properties
    )


class Licenses:
    """What a CycloneDX ``licenses[]`` says: declarations, a concluded licence, texts and terms."""

    __slots__ = ("concluded", "declared", "licensing", "texts")

    def __init__(self) -> None:
        self.declared: list[Declaration] = []
        self.concluded: str | None = None  # from entries with ``acknowledgement: concluded`` (1.6)
        # made only when needed: a large SBOM has 100,000 components and few of these
        self.texts: list[dict[str, Any]] | None = None
        self.licensing: list[dict[str, Any]] | None = None

    def apply(self, component: Component) -> None:
        component.declared = list(self.declared)  # its own list: the Licenses may be shared
        component.concluded = self.concluded
        if self.texts:
            component.extra["license_texts"] = self.texts
        if self.licensing:
            component.extra["licensing"] = self.licensing

    def outbound(self) -> list[Declaration]:
        """The project's own licence: what was concluded, else what was declared."""
        return [Declaration(self.concluded, "expression")] if self.concluded else self.declared


def read_evidence(evidence: Any, component: Component) -> None:
    """``evidence.licenses`` (CycloneDX 1.3+): the licences a scanner found in the component's files.

    They go into ``extra["observed"]`` as written (an expression, else the id, name or URL),
    NOASSERTION and NONE left out. An entry acknowledged as ``declared`` is a declaration that a
    writer put among the evidence (osscheck's own CycloneDX output does so beside its conclusion):
    it is read as one.
    """
    entries = as_dict(evidence).get("licenses")
    if not isinstance(entries, list):
        return
    observed: list[str] = []
    declared: list[Any] = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        lic = as_dict(entry.get("license"))
        if (as_str(entry.get("acknowledgement")) or as_str(lic.get("acknowledgement"))) == "declared":
            declared.append(entry)
            continue
        for value in (entry.get("expression"), lic.get("id"), lic.get("name"), lic.get("url")):
            text = as_str(value)
            if text and text.strip():
                if not is_no_assertion(text):
                    observed.append(text.strip())
                break
    if observed:
        component.extra["observed"] = list(dict.fromkeys(observed))
    if declared:
        more = read_licenses(declared)
        known = {(d.value, d.kind) for d in component.declared}
        component.declared.extend(d for d in more.declared if (d.value, d.kind) not in known)
        if more.texts:
            component.extra["license_texts"] = [*component.extra.get("license_texts", ()), *more.texts]


def licenses_of(entries: Any, memo: dict[bytes, Licenses] | None) -> Licenses:
    """:func:`read_licenses`, once per distinct ``licenses[]`` block of a document.

    A 100,000-component SBOM repeats a few dozen blocks; the serialised block is the memo key.
    """
    if memo is None or not isinstance(entries, list):
        return read_licenses(entries)
    import orjson  # lazy: start-up

    try:
        key = orjson.dumps(entries)
    except TypeError:  # e.g. an integer beyond 64 bits: read it the long way
        return read_licenses(entries)
    found = memo.get(key)
    if found is None:
        found = memo[key] = read_licenses(entries)
    return found


def read_licenses(entries: Any) -> Licenses:
    """CycloneDX ``licenses[]`` entries of every kind, as raw declarations.

    A concluded entry (an ``expression`` or ``id``) becomes the component's concluded licence, as
    SPDX ``licenseConcluded`` does; concluded free text stays a declaration, so nothing is lost.
    """
    result = Licenses()
    if not isinstance(entries, list):
        return result
    concluded: list[str] = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        lic = entry.get("license")
        if len(entry) == 1 and isinstance(lic, dict) and _plain_id(lic):
            # the common case in large SBOMs, read without the general path's work
            result.declared.append(Declaration(lic["id"], "id"))
            continue
        found: list[Declaration] = []
        expression = as_str(entry.get("expression"))
        ack = as_str(entry.get("acknowledgement"))
        if expression is not None and expression.strip():
            found.append(Declaration(expression, "expression"))
        lic = as_dict(lic)  # an entry with both is invalid, but both are read
        if lic:
            ack = ack or as_str(lic.get("acknowledgement"))
            found.extend(_license_declarations(lic, result))
        if ack == "concluded":
            exact = [d.value for d in found if d.kind in ("expression", "id")]
            concluded.extend(exact)
            found = [d for d in found if d.kind not in ("expression", "id")]
        result.declared.extend(found)
    if concluded:
        result.concluded = concluded[0] if len(concluded) == 1 else " AND ".join(f"({c})" for c in concluded)
    return result


_PLAIN_KEYS = frozenset({"id", "url", "acknowledgement"})


def _plain_id(lic: dict[str, Any]) -> bool:
    """Only an id (and perhaps a URL): nothing to keep beyond the id itself."""
    ident = lic.get("id")
    return (
        isinstance(ident, str)
        and bool(ident)
        and lic.keys() <= _PLAIN_KEYS
        and lic.get("acknowledgement") != "concluded"
    )


def _license_declarations(lic: dict[str, Any], into: Licenses) -> list[Declaration]:
    out: list[Declaration] = []
    ident, name = as_str(lic.get("id")), as_str(lic.get("name"))
    if ident:
        out.append(Declaration(ident, "id"))
    elif name:
        out.append(Declaration(name, "name"))
    text = license_text(lic.get("text"))
    if not ident:
        # without an id, a URL or a pasted text is what the normaliser can still recognise
        url = as_str(lic.get("url"))
        if url:
            out.append(Declaration(url, "url"))
        if text:
            out.append(Declaration(text, "text"))
    if text:
        into.texts = [*(into.texts or ()), {"license": ident or name, "text": text}]
    licensing = as_dict(lic.get("licensing"))
    if licensing:
        into.licensing = [*(into.licensing or ()), {"license": ident or name, **licensing_terms(licensing)}]
    return out


def licensing_terms(raw: dict[str, Any]) -> dict[str, Any]:
    """The commercial terms of a CycloneDX 1.6 ``licensing`` object, flattened to plain values."""
    out: dict[str, Any] = {}
    for key in ("licensor", "licensee", "purchaser"):
        party = as_dict(raw.get(key))
        who = as_dict(party.get("organization")) or as_dict(party.get("individual"))
        if name := as_str(who.get("name")):
            out[key] = name
    for key in ("purchaseOrder", "lastRenewal", "expiration"):
        if value := as_str(raw.get(key)):
            out[key] = value
    for key in ("altIds", "licenseTypes"):
        values = [v for v in map(as_str, as_list(raw.get(key))) if v]
        if values:
            out[key] = values
    return out


def license_text(raw: Any) -> str | None:
    """The licence text of a CycloneDX attachment, plain or base64."""
    if isinstance(raw, str):
        return raw or None
    node = as_dict(raw)
    content = as_str(node.get("content"))
    if not content:
        return None
    if (as_str(node.get("encoding")) or "").lower() == "base64":
        try:
            return base64.b64decode("".join(content.split()), validate=True).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return None  # not base64 after all: better no text than garbage
    return content

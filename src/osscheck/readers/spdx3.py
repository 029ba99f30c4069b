"""SPDX 3.0 JSON-LD: software packages and the licences that relationships give them.

Every package element is a component. Licences are separate elements, linked from a package by
``hasDeclaredLicense`` / ``hasConcludedLicense`` relationships: a license expression, a listed or
custom licence, or a set of them. The one package that is the SBOM's root element is also the
project, whose licence is the outbound licence. SPDX 3 has no ``licenseInfoFromFiles``: the
licences found in a package's files are the declared licences of the files it ``contains`` (or, as
the SPDX 3 migration annex recommends, an annotation "SPDX 2.X LicenseInfoInFiles: ..."), and
they become the component's observed licences. Property and type names are read in every spelling
the serialisations use: ``software_packageVersion``, ``software:packageVersion``, ``packageVersion``.

A document that osscheck wrote (``--format spdx3``: its creation info names the tool
``osscheck-VERSION``) is read as osscheck judged it, as its SPDX 2 documents are: the project is not
a component of its own, and the declarations are the declarations (the conclusion stands in for
them only where nothing was declared nor found in files).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from osscheck.errors import InputError
from osscheck.licenses.expression import is_no_assertion
from osscheck.messages import Message
from osscheck.model import Component, Declaration, InputFile, Location, Project, Scope
from osscheck.readers._json_lines import key_lines
from osscheck.readers._source import WRITTEN_BY, Lines, as_dict, as_list, as_str, decode, load_json

_PACKAGES = {"Package", "AIPackage", "DatasetPackage"}  # AI and dataset packages are packages too
_COLLECTIONS = {"SpdxDocument", "Sbom", "Bom", "Bundle"}
_RELATIONSHIPS = {"Relationship", "LifecycleScopedRelationship"}
_LISTED_PREFIXES = ("https://spdx.org/licenses/", "http://spdx.org/licenses/")
_DEV_SCOPES = {"development", "test"}
_MAX_DEPTH = 50  # licence sets nested deeper than this are not rendered (hostile input)
_FILES_ANNOTATION = "spdx 2.x licenseinfoinfiles:"  # how the migration annex keeps the 2.x field
_OSSCHECK_TOOL = re.compile(r"^osscheck(?:[- ]|$)")


def read(path: Path, data: bytes) -> InputFile:
    text = decode(path, data)
    return from_document(load_json(path, text), path, Lines(text))


def from_document(doc: Any, path: Path, lines: Lines | None) -> InputFile:
    graph = _graph(doc)
    if graph is None:
        raise InputError(Message("input.not-spdx3-jsonld"), path)
    elements = [e for e in graph if isinstance(e, dict)]
    if not _is_spdx3(doc, elements):
        raise InputError(Message("input.not-spdx3"), path)
    return _Reader(path, elements, lines).read()


def _graph(doc: Any) -> list[Any] | None:
    if isinstance(doc, list):
        return doc
    if not isinstance(doc, dict):
        return None
    for key in ("@graph", "elements", "element"):
        if isinstance(doc.get(key), list):
            return doc[key]
    return [doc] if kind(doc) else None


def _is_spdx3(doc: Any, elements: list[dict[str, Any]]) -> bool:
    context = json.dumps(doc.get("@context")) if isinstance(doc, dict) else ""
    return "spdx.org/rdf/3" in context or any(kind(e) in {"SpdxDocument", "CreationInfo"} for e in elements)


def local(name: str) -> str:
    """``software_Package``, ``software:Package``, ``.../Software/Package`` -> ``Package``."""
    name = name.rsplit("/", 1)[-1].rsplit("#", 1)[-1].rsplit(":", 1)[-1]
    return name.split("_", 1)[1] if "_" in name else name


def kind(element: dict[str, Any]) -> str:
    return local(as_str(element.get("type")) or as_str(element.get("@type")) or "")


def prop(element: dict[str, Any], profile: str, name: str) -> Any:
    for key in (f"{profile}_{name}", f"{profile}:{name}", name):
        if key in element:
            return element[key]
    return None


def element_id(element: dict[str, Any]) -> str | None:
    return as_str(element.get("spdxId")) or as_str(element.get("@id"))


class _Reader:
    def __init__(self, path: Path, elements: list[dict[str, Any]], lines: Lines | None) -> None:
        self.path = path
        self.shown = str(path)
        self.elements = elements
        self.lines = lines
        self.by_id = {i: e for e in elements if (i := element_id(e))}
        self.declared: dict[str, list[str]] = {}
        self.concluded: dict[str, list[str]] = {}
        self.scopes: dict[str, set[str]] = {}
        self.optional: set[str] = set()  # targets of hasOptionalDependency
        self.depends: dict[str, list[str]] = {}  # dependsOn and hasOptionalDependency, by source
        self.contains: dict[str, list[str]] = {}
        self.annotated: dict[str, list[str]] = {}  # licences found in files, from annotations
        self.described: list[str] = []
        self._id_lines: dict[str, int] | None = None
        self._relationships()

    def _relationships(self) -> None:
        for e in self.elements:
            if kind(e) == "Annotation":
                self._annotation(e)
                continue
            if kind(e) not in _RELATIONSHIPS:
                continue
            rtype = local(as_str(e.get("relationshipType")) or "")
            source = as_str(e.get("from"))
            targets = [t for t in map(as_str, as_list(e.get("to")) or [e.get("to")]) if t]
            if source is None:
                continue
            if rtype == "hasDeclaredLicense":
                self.declared.setdefault(source, []).extend(targets)
            elif rtype == "hasConcludedLicense":
                self.concluded.setdefault(source, []).extend(targets)
            elif rtype == "hasOptionalDependency":
                self.optional.update(targets)
            if rtype in ("dependsOn", "hasOptionalDependency"):
                self.depends.setdefault(source, []).extend(targets)
            elif rtype == "contains":
                self.contains.setdefault(source, []).extend(targets)
            elif rtype == "describes" and kind(self.by_id.get(source, {})) in _COLLECTIONS:
                self.described.extend(targets)
            scope = as_str(e.get("scope"))
            if scope and kind(e) == "LifecycleScopedRelationship":
                for t in targets:
                    self.scopes.setdefault(t, set()).add(local(scope))

    def _annotation(self, e: dict[str, Any]) -> None:
        subject = as_str(e.get("subject"))
        statement = as_str(e.get("statement")) or ""
        if subject and statement[: len(_FILES_ANNOTATION)].lower() == _FILES_ANNOTATION:
            found = [v.strip() for v in statement[len(_FILES_ANNOTATION) :].split(",")]
            self.annotated.setdefault(subject, []).extend(v for v in found if v and not is_no_assertion(v))

    def observed(self, ref: str | None, texts: list[dict[str, Any]], names: dict[str, str]) -> list[str]:
        """The licences found in the files a package contains (SPDX 2 ``licenseInfoFromFiles``)."""
        if not ref:
            return []
        found = [
            value
            for target in self.contains.get(ref, [])
            if kind(self.by_id.get(target, {})) == "File"
            for value, _ in self.licenses(self.declared.get(target, []), texts, names)
        ]
        return list(dict.fromkeys([*found, *self.annotated.get(ref, [])]))

    def roots(self) -> list[str]:
        """The root elements of the documents and SBOMs, collections followed to what they hold."""
        found: list[str] = list(self.described)
        for e in self.elements:
            if kind(e) in _COLLECTIONS:
                found.extend(r for r in map(as_str, as_list(e.get("rootElement"))) if r)
        out: list[str] = []
        seen: set[str] = set()
        while found:
            ref = found.pop(0)
            if ref in seen:
                continue
            seen.add(ref)
            element = self.by_id.get(ref, {})
            if kind(element) in _COLLECTIONS:
                found.extend(r for r in map(as_str, as_list(element.get("rootElement"))) if r)
            else:
                out.append(ref)
        return out

    def written_by(self) -> str | None:
        """``"osscheck VERSION"`` when the creation info names the tool ``osscheck-VERSION``."""
        infos = [e for e in self.elements if kind(e) == "CreationInfo"]
        infos += [as_dict(e.get("creationInfo")) for e in self.elements if kind(e) in _COLLECTIONS]
        for info in infos:
            for ref in map(as_str, as_list(info.get("createdUsing"))):
                tool = self.by_id.get(ref or "", {})
                name = (as_str(tool.get("name")) or "").strip()
                if kind(tool) == "Tool" and _OSSCHECK_TOOL.match(name):
                    return name.replace("-", " ", 1)
        return None

    def read(self) -> InputFile:
        result = InputFile(path=self.shown, format="spdx3-jsonld")
        own = self.written_by()
        packages = [e for e in self.elements if kind(e) in _PACKAGES]
        root_packages = [r for r in self.roots() if kind(self.by_id.get(r, {})) in _PACKAGES]
        project_id = root_packages[0] if len(root_packages) == 1 else None
        by_id: dict[str, Component] = {}
        for element in packages:
            component = self.component(element, own is not None)
            by_id.setdefault(element_id(element) or "", component)
            if project_id is not None and element_id(element) == project_id:
                result.project = Project(
                    component.name,
                    component.version,
                    component.declared or _as_decl(component.concluded),
                    component.location,
                )
                if own is not None:
                    continue  # osscheck's own output: the project, never its own dependency
            result.components.append(component)
        for source, targets in sorted(self.depends.items()):  # the edges between packages
            c = by_id.get(source)
            if c is not None and source != project_id:
                named = [by_id[t].key for t in targets if t in by_id and t != project_id]
                c.extra["dependencies"] = list(dict.fromkeys([*c.extra.get("dependencies", []), *named]))
        if own is not None:
            result.project = result.project or Project(location=Location(self.shown, None))
            result.project.extra[WRITTEN_BY] = own
        return result

    def component(self, element: dict[str, Any], own: bool = False) -> Component:
        """The package as a component; ``own``: of osscheck's own output (its conclusion is no fact)."""
        ref = element_id(element)
        name = as_str(element.get("name")) or ref or "(unnamed)"
        texts: list[dict[str, Any]] = []
        names: dict[str, str] = {}
        declared = [
            Declaration(value, decl_kind)
            for value, decl_kind in self.licenses(self.declared.get(ref or "", []), texts, names)
        ]
        concluded: list[str] = []
        for value, decl_kind in self.licenses(self.concluded.get(ref or "", []), texts, names):
            if decl_kind == "expression":
                concluded.append(value)
            elif all(d.value != value for d in declared):
                declared.append(Declaration(value, decl_kind))  # a free name cannot be concluded
        conclusion = (
            (concluded[0] if len(concluded) == 1 else " AND ".join(f"({c})" for c in concluded))
            if concluded
            else None
        )
        observed = self.observed(ref, texts, names)
        if own:
            # osscheck concluded from the declarations, else from what the files showed; with
            # neither written, from a declaration SPDX could not hold: read as that declaration
            declared = declared if declared or observed else _as_decl(conclusion)
            conclusion = None
        component = Component(
            name=name,
            version=as_str(prop(element, "software", "packageVersion")),
            purl=_purl(element),
            scope=self._scope(ref),
            declared=declared,
            concluded=conclusion,
            location=Location(self.shown, self._line(ref, name)),
        )
        if observed:
            component.extra["observed"] = observed
        if texts:
            component.extra["license_texts"] = texts
        if names:
            component.extra["license_names"] = names
        copyright_ = as_str(prop(element, "software", "copyrightText"))
        if copyright_ and not is_no_assertion(copyright_):
            component.extra["copyrights"] = [copyright_]
        return component

    def _scope(self, ref: str | None) -> Scope | None:
        scopes = self.scopes.get(ref or "")
        if scopes and scopes <= _DEV_SCOPES:
            return Scope.DEV
        return Scope.OPTIONAL if not scopes and (ref or "") in self.optional else None

    def _line(self, ref: str | None, name: str) -> int | None:
        if self.lines is None:
            return None
        if self._id_lines is None:
            self._id_lines = key_lines(self.lines.text, "spdxId", "@id")
        if ref:
            return self._id_lines.get(ref)
        return self.lines.find(f'"name": {json.dumps(name)}')

    def licenses(
        self, refs: Iterable[str], texts: list[dict[str, Any]], names: dict[str, str]
    ) -> list[tuple[str, str]]:
        """``(value, declaration kind)`` for each licence element; no-assertions left out."""
        out: list[tuple[str, str]] = []
        for ref in refs:
            value = self.render(ref, texts, names, 0)
            if value is None or is_no_assertion(value):
                continue
            custom = self.by_id.get(ref, {})
            free_name = (
                kind(custom) == "CustomLicense" and not _license_ref(ref) and value == custom.get("name")
            )
            out.append((value, "name" if free_name else "expression"))
        return out

    def render(self, ref: str, texts: list[dict[str, Any]], names: dict[str, str], depth: int) -> str | None:
        """The licence element ``ref`` as an SPDX expression (or a free name for a custom licence)."""
        if depth > _MAX_DEPTH:
            return None
        element = self.by_id.get(ref)
        if element is None:
            return _well_known(ref)
        k = kind(element)
        if k == "LicenseExpression":
            for entry in map(as_dict, as_list(prop(element, "simplelicensing", "customIdToUri"))):
                key, uri = as_str(entry.get("key")), as_str(entry.get("value"))
                target = self.by_id.get(uri or "", {})
                if key and as_str(target.get("name")):
                    names[key] = target["name"]
                    self._text(target, key, texts)
            return as_str(prop(element, "simplelicensing", "licenseExpression"))
        if k in ("ListedLicense", "ListedLicenseException"):
            ident = _listed_id(ref) or as_str(element.get("name"))
            self._text(element, ident, texts)
            return ident
        if k in ("CustomLicense", "CustomLicenseAddition"):
            ident = _license_ref(ref)
            name = as_str(element.get("name"))
            if ident and name:
                names[ident] = name
            self._text(element, ident or name, texts)
            return ident or name
        if k in ("ConjunctiveLicenseSet", "DisjunctiveLicenseSet"):
            members = [
                self.render(m, texts, names, depth + 1)
                for m in map(as_str, as_list(prop(element, "expandedlicensing", "member")))
                if m
            ]
            parts = [f"({m})" for m in members if m]
            joiner = " AND " if k == "ConjunctiveLicenseSet" else " OR "
            return joiner.join(parts) if parts else None
        if k == "WithAdditionOperator":
            subject = as_str(prop(element, "expandedlicensing", "subjectLicense"))
            addition = as_str(prop(element, "expandedlicensing", "subjectAddition"))
            lic = self.render(subject, texts, names, depth + 1) if subject else None
            extra = self.render(addition, texts, names, depth + 1) if addition else None
            return f"({lic}) WITH {extra}" if lic and extra else lic
        if k == "OrLaterOperator":
            subject = as_str(prop(element, "expandedlicensing", "subjectLicense"))
            lic = self.render(subject, texts, names, depth + 1) if subject else None
            return f"{lic}+" if lic else None
        if k in ("NoAssertionLicense", "NoneLicense"):
            return "NOASSERTION" if k == "NoAssertionLicense" else "NONE"
        return None

    @staticmethod
    def _text(element: dict[str, Any], license_name: str | None, texts: list[dict[str, Any]]) -> None:
        text = as_str(prop(element, "simplelicensing", "licenseText")) or as_str(
            prop(element, "expandedlicensing", "additionText")
        )
        if text and not any(t["text"] == text for t in texts):
            texts.append({"license": license_name, "text": text})


def _well_known(ref: str) -> str | None:
    """Licence elements that are not in the document: the SPDX list and the two individuals."""
    last = local(ref)
    if last == "NoAssertionLicense":
        return "NOASSERTION"
    if last == "NoneLicense":
        return "NONE"
    return _listed_id(ref) or _license_ref(ref)


def _listed_id(ref: str) -> str | None:
    for prefix in _LISTED_PREFIXES:
        if ref.startswith(prefix):
            return ref[len(prefix) :].removesuffix(".html").removesuffix(".json") or None
    return None


def _license_ref(ref: str) -> str | None:
    last = ref.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return last if last.startswith(("LicenseRef-", "AdditionRef-")) else None


def _purl(element: dict[str, Any]) -> str | None:
    purl = as_str(prop(element, "software", "packageUrl"))
    if purl:
        return purl
    for ident in map(as_dict, as_list(element.get("externalIdentifier"))):
        if local(as_str(ident.get("externalIdentifierType")) or "") == "packageUrl":
            return as_str(ident.get("identifier"))
    return None


def _as_decl(value: str | None) -> list[Declaration]:
    return [Declaration(value, "expression")] if value else []

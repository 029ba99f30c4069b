"""``--format cyclonedx``: the judged inventory as a CycloneDX 1.6 JSON BOM.

What goes where:

- ``licenses``: the licence osscheck concluded, as one SPDX expression with acknowledgement
  ``concluded``. CycloneDX 1.6 allows exactly one expression in ``licenses``, so the declarations
  of the inputs, where they differ from it, go into ``evidence.licenses`` with acknowledgement
  ``declared``: what the inputs said is the evidence for the conclusion. Licences a scanner found in
  the component's files (observed) go there too, without an acknowledgement.
- ``properties`` in the ``osscheck:`` namespace: status, category, the chosen branch of an OR,
  how the licence was recognised, obligations and a justification from the exception register.
- ``metadata.timestamp`` only when ``SOURCE_DATE_EPOCH`` is set: the same inventory then gives the
  same BOM, and the ``serialNumber`` is a UUID derived from the content.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import Any

from osscheck.model import Component, Declaration, Scope
from osscheck.report import Report
from osscheck.reports._licenses import is_spdx_listed, spdx_expression
from osscheck.reports._stamp import iso_utc, project_of, source_date

SPEC_VERSION = "1.6"
_SCOPES = {Scope.RUNTIME: "required", Scope.OPTIONAL: "optional", Scope.DEV: "excluded"}
# fixed namespace for the serial numbers osscheck derives from content
_SERIAL_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://opencode.de/osscheck/cyclonedx")
PROJECT_REF = "osscheck:project"
# what the schema's "iri-reference" accepts in practice: a scheme and no whitespace
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")


def render(report: Report, lang: str = "en", verbose: bool = False, profile: str | None = None) -> str:
    from osscheck.reports.json_report import dumps

    # the serial number is derived from the document written without it
    text = dumps(document(report, serial=False, profile=profile, lang=lang))
    return text.replace('"serialNumber": ""', f'"serialNumber": "{_serial(text)}"', 1)


def _serial(text: str) -> str:
    return uuid.uuid5(_SERIAL_NAMESPACE, hashlib.sha256(text.encode("utf-8")).hexdigest()).urn


def document(
    report: Report, serial: bool = True, profile: str | None = None, lang: str = "en"
) -> dict[str, Any]:
    """The BOM as data; ``serial=False`` leaves ``serialNumber`` empty for :func:`render` to fill.

    ``profile="bsi-tr-03183-2"`` writes it as BSI TR-03183-2 asks (:mod:`osscheck.reports._tr03183`),
    with the note of what it could not fill in ``lang``.
    """
    metadata: dict[str, Any] = {}
    moment = source_date()
    if moment is not None:
        metadata["timestamp"] = iso_utc(moment)
    metadata["tools"] = {
        "components": [
            {
                "type": "application",
                "name": "osscheck",
                "version": report.tool_version,
                "description": "licence compliance scanner for public administrations",
            }
        ]
    }
    metadata["component"] = _project(report)
    metadata["properties"] = _properties(
        [
            ("policy", report.policy_name),
            ("policy:digest", report.policy_digest),
            ("policy:context", report.context),
            ("outbound:source", report.outbound_source),
            *[("input", f"{i.path} sha256:{i.digest}" if i.digest else i.path) for i in report.inputs],
        ]
    )
    refs = _bom_refs(report.components)
    components = [_component(c, refs[id(c)]) for c in report.components]
    bom: dict[str, Any] = {
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": "",
        "version": 1,
        "metadata": metadata,
        "components": components,
    }
    if components:
        # the inputs give no graph, only that the project uses these components; an entry per
        # component would claim that it has no dependencies of its own, so there is none
        bom["dependencies"] = [{"ref": PROJECT_REF, "dependsOn": [c["bom-ref"] for c in components]}]
    if profile is not None:
        from osscheck.reports import _tr03183

        gaps = _tr03183.Gaps()
        for c, out in zip(report.components, components, strict=True):
            _tr03183.component(out, c, gaps)
        _tr03183.finish(bom, report, refs, gaps, PROJECT_REF, lang)
    if serial:
        from osscheck.reports.json_report import dumps

        bom["serialNumber"] = _serial(dumps(bom))
    return bom


def _project(report: Report) -> dict[str, Any]:
    name, version = project_of(report)
    project: dict[str, Any] = {"type": "application", "bom-ref": PROJECT_REF, "name": name or "project"}
    if version:
        project["version"] = version
    outbound = spdx_expression(report.outbound)
    if outbound is not None:
        # the licence the project is (to be) published under: the publisher's own declaration
        project["licenses"] = [{"expression": outbound.text, "acknowledgement": "declared"}]
    return project


def _bom_refs(components: list[Component]) -> dict[int, str]:
    refs: dict[int, str] = {}
    taken: set[str] = {PROJECT_REF}
    for c in components:
        base = c.purl or (f"{c.name}@{c.version}" if c.version else c.name)
        ref, n = base, 1
        while ref in taken:
            n += 1
            ref = f"{base}#{n}"
        taken.add(ref)
        refs[id(c)] = ref
    return refs


def _component(c: Component, ref: str) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "library", "bom-ref": ref}
    group = c.extra.get("group")
    if isinstance(group, str) and group:
        out["group"] = group
    out["name"] = c.name
    if c.version:
        out["version"] = c.version
    if c.scope is not None and c.scope in _SCOPES:
        out["scope"] = _SCOPES[c.scope]
    concluded = spdx_expression(c.license)
    if concluded is not None:
        out["licenses"] = [{"expression": concluded.text, "acknowledgement": "concluded"}]
    copyrights = [x for x in c.extra.get("copyrights") or () if isinstance(x, str) and x.strip()]
    if copyrights:
        out["copyright"] = "\n".join(dict.fromkeys(x.strip() for x in copyrights))
    if c.purl:
        out["purl"] = c.purl
    declared = _declared(c.declared, concluded.text if concluded else None, bool(c.extra.get("choice")))
    evidence = _evidence(declared, _observed(c.extra.get("observed") or ()))
    if evidence:
        out["evidence"] = {"licenses": evidence}
    out["properties"] = _properties(_facts(c))
    return out


def _declared(declarations: list[Declaration], concluded: str | None, choice: bool) -> list[dict[str, Any]]:
    """The input's own licence statements, where they say something other than the conclusion.

    SPDX ids and expressions are kept as one expression (as written when there is one): an
    expression is not bound to the schema's snapshot of the licence list, which lags behind SPDX.
    Names, URLs and texts become named licences.
    """
    if not declarations:
        return []
    values = list(dict.fromkeys(d.value.strip() for d in declarations if d.value.strip()))
    if values and all(d.kind in ("expression", "id") for d in declarations):
        valid = [spdx_expression(v) for v in values]
        if all(v is not None and not v.originals for v in valid):
            if len(values) == 1:
                # keep it as written, unless it is the conclusion
                raw = values[0]
                return [] if raw == concluded else [{"expression": raw, "acknowledgement": "declared"}]
            joiner = " OR " if choice else " AND "
            combined = joiner.join(f"({v.text})" if " " in v.text else v.text for v in valid if v)
            return [] if combined == concluded else [{"expression": combined, "acknowledgement": "declared"}]
    entries: list[dict[str, Any]] = []
    seen: set[str] = set()
    for d in declarations:
        value = d.value.strip()
        if not value or value in seen:
            continue
        seen.add(value)
        entries.append({"license": _declared_license(d, value)})
    return entries


def _observed(values: list[str] | tuple[str, ...]) -> list[dict[str, Any]]:
    """The licences found in the component's files, without an acknowledgement: neither declared
    nor concluded, what a scan saw. An SPDX id or expression stays one; anything else is a name."""
    entries: list[dict[str, Any]] = []
    for value in dict.fromkeys(v.strip() for v in values if isinstance(v, str) and v.strip()):
        valid = spdx_expression(value)
        if valid is not None and not valid.originals and is_spdx_listed(valid.text):
            entries.append({"license": {"id": valid.text}})
        elif valid is not None and not valid.originals:
            entries.append({"expression": valid.text})
        else:
            entries.append({"license": {"name": value}})
    return entries


def _evidence(declared: list[dict[str, Any]], observed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Declared and observed licences in one ``evidence.licenses``.

    The schema allows one expression alone or a list of licences: beside others, an expression
    becomes a named licence (an id where it is one listed licence), keeping its acknowledgement.
    """
    entries = declared + observed
    if len(entries) < 2 or all("expression" not in e for e in entries):
        return entries
    out: list[dict[str, Any]] = []
    for entry in entries:
        if "expression" not in entry:
            out.append(entry)
            continue
        text = entry["expression"]
        lic: dict[str, Any] = {"id": text} if is_spdx_listed(text) else {"name": text}
        if entry.get("acknowledgement"):
            lic["acknowledgement"] = entry["acknowledgement"]
        out.append({"license": lic})
    return out


def _declared_license(d: Declaration, value: str) -> dict[str, Any]:
    lic: dict[str, Any]
    if d.kind in ("expression", "id") and is_spdx_listed(value):
        lic = {"id": value}
    elif d.kind == "text":
        first = next((line.strip() for line in value.splitlines() if line.strip()), "licence text")
        lic = {"name": first[:120], "text": {"contentType": "text/plain", "content": value}}
    elif d.kind == "url" and _IRI.match(value):
        lic = {"name": value, "url": value}
    else:
        lic = {"name": value}
    lic["acknowledgement"] = "declared"
    return lic


def _facts(c: Component) -> list[tuple[str, str | None]]:
    facts: list[tuple[str, str | None]] = [
        ("status", c.status.value if c.status else None),
        ("category", c.category),
        ("license", c.license),
        ("chosen", c.chosen),
        ("method", c.method),
        ("confidence", f"{c.confidence:.2f}" if c.confidence is not None else None),
        ("location", str(c.location) if c.location else None),
    ]
    facts.extend(("obligation", o) for o in c.obligations)
    if c.exception:
        for key in ("justification", "approved-by", "reference", "expires"):
            value = c.exception.get(key)
            facts.append((f"exception:{key}", str(value) if value is not None else None))
    source = c.extra.get("source")
    if isinstance(source, dict) and source.get("method"):
        facts.append(("source", f"{source.get('method')} {source.get('url') or ''}".strip()))
    return facts


def _properties(facts: list[tuple[str, str | None]]) -> list[dict[str, str]]:
    return [{"name": f"osscheck:{name}", "value": value} for name, value in facts if value is not None]

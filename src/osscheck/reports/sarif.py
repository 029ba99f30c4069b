"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One result per finding, located at the manifest, lockfile or SBOM line that declared the component
(``uriBaseId`` ``%SRCROOT%``: the working directory, which in CI is the repository's root). A component
accepted by an exception is a result with an accepted external suppression carrying the
justification, so code scanning shows it as dismissed rather than open. Rules describe every kind of
finding osscheck makes; ``partialFingerprints`` (rule, component, file) keep an alert the same alert
across runs even when lines move. Rule texts are English, as the viewers mix them with other tools'.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from osscheck.model import Component, Finding, Location, Severity
from osscheck.report import Report
from osscheck.reports import _ci

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "osscheck/v1"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    short: str
    full: str
    help: str
    level: str


RULES: tuple[Rule, ...] = (
    Rule(
        "denied-license",
        "DeniedLicense",
        "A dependency's licence is denied by the policy.",
        "The component's licence is on the policy's deny list, or its category (for example "
        "source-available, non-commercial or proprietary) is denied in this context.",
        "Replace the component with one under an allowed licence. If it is indispensable, record an "
        "exception in the policy's justification register ([[exceptions]] with package, licence, "
        "justification, approved-by and an expiry date).",
        "error",
    ),
    Rule(
        "incompatible-license",
        "IncompatibleLicense",
        "A dependency's licence is incompatible with the project's outbound licence.",
        "The project is published under its outbound licence; a dependency whose licence cannot be "
        "combined with it (for example GPL-3.0-only under EUPL-1.2) cannot ship with the project.",
        "Replace the component, publish the project under a licence that can carry the dependency "
        "(run `osscheck explain` to see the reasoning), or record an exception with a justification.",
        "error",
    ),
    Rule(
        "unknown-license",
        "UnknownLicense",
        "No licence could be determined for a dependency.",
        "The input declares no licence, NOASSERTION, or a licence that is not on the SPDX licence list. "
        "Unknown licences never pass silently: they get the policy's `unknown` verdict.",
        "Find the licence and declare it as an SPDX id upstream or in an SBOM, try `--online` to look "
        "it up, or record an exception if the component is cleared by other means.",
        "error",
    ),
    Rule(
        "review-required",
        "ReviewRequired",
        "A dependency's licence needs a review before shipping.",
        "The policy neither allows nor denies this licence outright (for example strong copyleft, or "
        "a proprietary component that needs a recorded justification).",
        "Have the component reviewed (OSPO, legal). When it is accepted, record an exception with the "
        "justification and an expiry date; otherwise replace it.",
        "warning",
    ),
    Rule(
        "compatibility-unclear",
        "CompatibilityUnclear",
        "Whether a dependency's licence fits the outbound licence is unclear.",
        "The compatibility data have no clear answer for this pair of licences, so the component "
        "needs a human decision.",
        "Check the combination by hand (for example with the Joinup Licensing Assistant) and record "
        "the decision as an exception.",
        "warning",
    ),
    Rule(
        "low-confidence",
        "LowConfidence",
        "A dependency's licence was recognised from free text with low confidence.",
        "The licence was guessed from a name, URL or text rather than read as an SPDX id, with a "
        "confidence below the policy's threshold.",
        "Check the declared licence by hand and record the SPDX id upstream or in an SBOM.",
        "warning",
    ),
    Rule(
        "observed-license",
        "ObservedLicense",
        "A dependency's files carry a licence its declared licence does not name.",
        "A scanner recorded the licences it found in the component's files (CycloneDX evidence, SPDX "
        "licenseInfoFromFiles); one of them is not part of the licence the component declares, so some "
        "of its files may come under other terms.",
        "Check whether these files are part of what is used, and record the licence in the SBOM or as "
        "an exception.",
        "warning",
    ),
    Rule(
        "expired-exception",
        "ExpiredException",
        "An exception in the justification register has expired.",
        "The exception that accepted this component is past its expiry date and no longer applies.",
        "Renew the justification with a new expiry date, or replace the component.",
        "error",
    ),
    Rule(
        "exception-applied",
        "ExceptionApplied",
        "A dependency is accepted by a recorded exception.",
        "The component would need a review or be denied, but an unexpired exception in the "
        "justification register accepts it.",
        "Nothing to do until the exception expires; review the justification before then.",
        "note",
    ),
    Rule(
        "unused-exception",
        "UnusedException",
        "An exception in the justification register matches no component.",
        "The register lists an exception for a package that is not among the scanned components.",
        "Remove the exception from the register if the component is gone.",
        "note",
    ),
    Rule(
        "outbound-not-osi",
        "OutboundNotOsi",
        "The project's own licence is not OSI-approved.",
        "Software published by a public administration must carry an OSI-approved licence under this policy.",
        "Publish under an OSI-approved licence such as EUPL-1.2.",
        "error",
    ),
    Rule(
        "missing-license-file",
        "MissingLicenseFile",
        "The repository has no LICENSE file.",
        "The policy requires the full text of the project's licence in the repository.",
        "Add a LICENSE file with the full licence text (REUSE: LICENSES/<id>.txt).",
        "error",
    ),
    Rule(
        "missing-sbom",
        "MissingSbom",
        "No SBOM was found among the inputs.",
        "The policy expects a CycloneDX or SPDX SBOM to be published with the code.",
        "Generate an SBOM and publish it with the code; `osscheck check -f spdx` writes one.",
        "warning",
    ),
)
_BY_ID = {r.id: r for r in RULES}
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: Report) -> dict[str, Any]:
    components = {c.ref: c for c in report.components}
    rules = list(RULES) + _unknown_rules(report.findings)
    index = {r.id: i for i, r in enumerate(rules)}
    fallback = _ci.fallback_location(report)
    keys = [_ci.finding_key(f) for f in report.findings]
    prints = _ci.fingerprints(keys)
    results = [
        _result(f, components.get(f.component or ""), index[f.rule], fp, fallback)
        for f, fp in zip(report.findings, prints, strict=True)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "osscheck",
                "fullName": f"osscheck {report.tool_version}",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": _ci.INFORMATION_URI,
                "rules": [_rule(r) for r in rules],
            }
        },
        "invocations": [_invocation(report)],
        "artifacts": _artifacts(report),
        "language": "en-US",
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "policy": report.policy_name,
            "policyTitle": report.policy_title,
            "outbound": report.outbound,
            "outboundSource": report.outbound_source,
            "context": report.context,
            "failOn": report.fail_on,
            "summary": report.summary.to_dict(),
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _artifacts(report: Report) -> list[dict[str, Any]]:
    """The files that were analysed, with their SHA-256, so an audit can tell which SBOM was judged."""
    seen: dict[str, dict[str, Any]] = {}
    for source in sorted(report.inputs, key=lambda i: i.path):
        artifact: dict[str, Any] = {
            "location": _artifact_location(source.path),
            "roles": ["analysisTarget"],
            "properties": {"format": source.format, "components": len(source.components)},
        }
        if source.digest:
            artifact["hashes"] = {"sha-256": source.digest}
        seen.setdefault(source.path, artifact)
    return list(seen.values())


def _invocation(report: Report) -> dict[str, Any]:
    """The run itself: the exit code the command line gives, and the inputs it could not read."""
    invocation: dict[str, Any] = {
        "executionSuccessful": not report.errors,
        "exitCode": 2 if report.errors else 1 if report.failed else 0,
    }
    if report.errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": line}} for line in report.errors
        ]
    return invocation


def _unknown_rules(findings: list[Finding]) -> list[Rule]:
    """Rules that a newer stage emits and this catalogue does not describe yet: still declared."""
    extra: dict[str, Rule] = {}
    for f in findings:
        if f.rule not in _BY_ID and f.rule not in extra:
            level = _LEVEL[f.severity]
            text = f"osscheck finding {f.rule}."
            extra[f.rule] = Rule(f.rule, _pascal(f.rule), text, text, f.hint or text, level)
    return [extra[k] for k in sorted(extra)]


def _pascal(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in rule_id.replace("_", "-").split("-"))


def _rule(r: Rule) -> dict[str, Any]:
    return {
        "id": r.id,
        "name": r.name,
        "shortDescription": {"text": r.short},
        "fullDescription": {"text": r.full},
        "help": {"text": r.help.replace("`", ""), "markdown": r.help},
        "helpUri": _ci.INFORMATION_URI,
        "defaultConfiguration": {"level": r.level},
        "properties": {"tags": ["license", "compliance"], "precision": "high"},
    }


def _result(
    f: Finding, component: Component | None, rule_index: int, fingerprint: str, fallback: Location | None
) -> dict[str, Any]:
    text = f.message if not f.hint else f"{f.message}. {f.hint}"
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity],
        "message": {"text": text},
    }
    where = f.location or (component.location if component else None) or fallback
    if where is not None:
        result["locations"] = [_location(where)]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
    if f.rule == "exception-applied" and component is not None and component.exception:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": str(component.exception.get("justification") or ""),
            }
        ]
    result["properties"] = _properties(f, component)
    return result


def _location(where: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": _artifact_location(where.path)}
    if where.line is not None and where.line >= 1:
        physical["region"] = {"startLine": where.line}
    return {"physicalLocation": physical}


def _artifact_location(raw: str) -> dict[str, Any]:
    """A relative URI under ``%SRCROOT%`` where possible, else an absolute one."""
    path = _ci.relative_path(raw)
    if _ci.is_uri(path):
        return {"uri": quote(path, safe="/:")}
    if _ci.is_absolute(path):
        return {"uri": PurePosixPath(path).as_uri() if path.startswith("/") else _file_uri(path)}
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _file_uri(windows_path: str) -> str:
    return "file:///" + quote(windows_path, safe="/:")


def _properties(f: Finding, component: Component | None) -> dict[str, Any]:
    props: dict[str, Any] = {"tags": ["license"]}
    if component is None:
        if f.component:
            props["component"] = f.component
        return props
    props.update(
        {
            "component": component.ref,
            "name": component.name,
            "version": component.version,
            "purl": component.purl,
            "license": component.license,
            "chosen": component.chosen,
            "category": component.category,
            "status": str(component.status) if component.status else None,
        }
    )
    if component.exception:
        props["exception"] = component.exception
    return {k: v for k, v in props.items() if v is not None}

"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One result per finding, located at the manifest, lockfile or SBOM line that declared the component
(``uriBaseId`` ``%SRCROOT%``: the working directory, which in CI is the repository's root). A component
accepted by an exception is a result with an accepted external suppression carrying the
justification, so code scanning shows it as dismissed rather than open. The rules are those of
osscheck.rules, every one described, in its order; ``partialFingerprints`` (rule, component, file)
keep an alert the same alert across runs even when lines move. Rule texts are English, as the
viewers mix them with other tools'.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from osscheck.model import Component, Finding, Location, Severity
from osscheck.report import Report
from osscheck.reports import _ci
from osscheck.rules import BY_ID, RULES, Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from osscheck.baseline.document import Entry
    from osscheck.baseline.match import BaselineResult

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "osscheck/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: Report) -> dict[str, Any]:
    components = {c.ref: c for c in report.components}
    # every registered rule, emitted or not, then those of findings made outside the registry
    rules = [_rule(r) for r in RULES] + _unknown_rules(report.findings)
    index = {r["id"]: i for i, r in enumerate(rules)}
    fallback = _ci.fallback_location(report)
    keys = [_ci.finding_key(f) for f in report.findings]
    prints = _ci.fingerprints(keys)
    results = [
        _result(f, components.get(f.component or ""), index[f.rule], fp, fallback)
        for f, fp in zip(report.findings, prints, strict=True)
    ]
    if report.baseline is not None:  # SARIF 2.1.0 §3.27.24: new, unchanged; absent for the entries gone
        for f, result in zip(report.findings, results, strict=True):
            state = report.baseline.state(f)
            if state is not None:
                result["baselineState"] = state
        results += [_absent(report.baseline, e, index) for e in report.baseline.absent]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "osscheck",
                "fullName": f"osscheck {report.tool_version}",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": _ci.INFORMATION_URI,
                "rules": rules,
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
            {"level": "error", "message": {"text": error.format()}} for error in report.errors
        ]
    return invocation


def _unknown_rules(findings: list[Finding]) -> list[dict[str, Any]]:
    """Rules of findings made outside the registry (a program using the API): still declared."""
    extra: dict[str, dict[str, Any]] = {}
    for f in findings:
        if f.rule not in BY_ID and f.rule not in extra:
            text = f"osscheck finding {f.rule}."
            extra[f.rule] = _described(f.rule, f.severity, text, text, str(f.hint) if f.hint else text)
    return [extra[k] for k in sorted(extra)]


def _pascal(rule_id: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in rule_id.replace("_", "-").split("-"))


def _rule(r: Rule) -> dict[str, Any]:
    """A rule of the registry as SARIF describes it: its title, its help paragraph, and what to do."""
    return _described(r.id, r.severity, r.title, r.help, r.hint)


def _described(rule: str, severity: Severity, title: str, help: str, hint: str) -> dict[str, Any]:
    return {
        "id": rule,
        "name": _pascal(rule),
        "shortDescription": {"text": title},
        "fullDescription": {"text": help},
        "help": {"text": hint.replace("`", ""), "markdown": hint},
        "helpUri": _ci.INFORMATION_URI,
        "defaultConfiguration": {"level": _LEVEL[severity]},
        "properties": {"tags": ["license", "compliance"], "precision": "high"},
    }


def _result(
    f: Finding, component: Component | None, rule_index: int, fingerprint: str, fallback: Location | None
) -> dict[str, Any]:
    text = str(f.message) if not f.hint else f"{f.message}. {f.hint}"  # a Message is no JSON
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


def _absent(baseline: BaselineResult, entry: Entry, index: dict[str, int]) -> dict[str, Any]:
    """A baseline entry no finding matches any more: a result that passes now (level none)."""
    what = " ".join(v for v in (entry.rule, entry.component, entry.license) if v)
    result: dict[str, Any] = {"ruleId": entry.rule}
    if entry.rule in index:
        result["ruleIndex"] = index[entry.rule]
    result.update(
        {
            "kind": "pass",
            "level": "none",
            "message": {"text": f"no longer found (baseline {baseline.path}): {what}"},
        }
    )
    path = baseline.absent_path(entry)
    if path is not None:
        result["locations"] = [_location(Location(path))]
    key = "\x00".join(v or "" for v in ("absent", *entry.to_dict().values()))
    result["partialFingerprints"] = {FINGERPRINT_KEY: _ci.fingerprints([key])[0]}
    result["baselineState"] = "absent"
    result["properties"] = {"tags": ["license"], **{k: v for k, v in entry.to_dict().items() if v}}
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

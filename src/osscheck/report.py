"""The result of a check: components with their verdicts, findings, summary; and its JSON form."""

from __future__ import annotations

from osscheck.model import Component, Finding, InputFile, Record, Severity, Status, Summary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from osscheck.baseline.match import BaselineResult
    from osscheck.errors import OsscheckError
    from osscheck.filelicences.record import ReuseStatus
    from osscheck.ownlicense.record import ProjectLicence
    from osscheck.policy.model import PolicyException

SCHEMA = "osscheck-report/1"
FAIL_ON = ("denied", "review", "never")


class Report(Record):
    def __init__(
        self,
        tool_version: str,
        policy_name: str,
        policy_title: str,
        policy_source: str | None,
        policy_digest: str | None,
        context: str,
        outbound: str | None,
        outbound_source: str,
        inputs: list[InputFile],
        components: list[Component],
        findings: list[Finding],
        errors: list[OsscheckError] | None = None,
        notes: tuple[str, ...] = (),
        fail_on: str = "denied",
        exceptions: tuple[PolicyException, ...] = (),
        baseline: BaselineResult | None = None,
        project_licenses: list[ProjectLicence] | None = None,
        opencode: bool = False,
        reuse: list[ReuseStatus] | None = None,
    ) -> None:
        self.tool_version = tool_version
        self.policy_name = policy_name
        self.policy_title = policy_title
        self.policy_source = policy_source
        self.policy_digest = policy_digest
        self.context = context
        self.outbound = outbound
        self.outbound_source = outbound_source  # option | project | policy
        self.inputs = inputs
        self.components = components
        self.findings = findings
        self.errors = [] if errors is None else errors
        self.notes = notes
        self.fail_on = fail_on
        # the policy's justification register, used or not (for the audit report's register)
        self.exceptions = exceptions
        # the known findings, when the check was given a baseline (osscheck.baseline.match.apply)
        self.baseline = baseline
        # every declaration of the project's own licence (osscheck.ownlicense); None: the manifests'
        self.project_licenses = project_licenses
        # judged by openCode's licence list (non-opencode): the Markdown report adds the readiness checklist
        self.opencode = opencode
        # the REUSE status of each folder checked (osscheck.filelicences); None: not looked at
        self.reuse = reuse

    @property
    def summary(self) -> Summary:
        from collections import Counter

        counts = Counter(c.status for c in self.components)
        return Summary(
            components=len(self.components),
            allowed=counts[Status.ALLOWED],
            review=counts[Status.REVIEW],
            denied=counts[Status.DENIED],
            exempted=counts[Status.EXEMPTED],
            ignored=counts[Status.IGNORED],
            unknown=sum(1 for c in self.components if c.license is None),
            # fail closed: a check that could not read one of its inputs has not passed
            passed=not self.failed and not self.errors,
        )

    @property
    def failed(self) -> bool:
        """Findings at or above ``fail_on``: the exit code is 1. With a baseline, new findings only:
        a component whose finding is known fails no more (it stays denied in every report)."""
        if self.fail_on == "never":
            return False
        worst = {Status.DENIED} if self.fail_on == "denied" else {Status.DENIED, Status.REVIEW}
        severities = {Severity.ERROR} if self.fail_on == "denied" else {Severity.ERROR, Severity.WARNING}
        known = self.baseline
        if known is not None:  # a verdict fails unless a known finding of its own weight explains it
            failing = [f for f in self.findings if f.severity in severities]
            excused = {f.component for f in failing if f.component and known.is_known(f)}
            return any(c.status in worst and c.ref not in excused for c in self.components) or any(
                not known.is_known(f) for f in failing
            )
        return any(c.status in worst for c in self.components) or any(
            f.severity in severities for f in self.findings
        )

    def to_dict(self) -> dict[str, Any]:
        findings = [f.to_dict() for f in self.findings]
        known = self.baseline
        if known is not None:  # each finding's state: "new", "unchanged", None for no problem
            for f, out in zip(self.findings, findings, strict=True):
                out["baseline"] = known.state(f)
        return {
            "schema": SCHEMA,
            "tool": {"name": "osscheck", "version": self.tool_version},
            "policy": {
                "name": self.policy_name,
                "outbound": self.outbound,
                "context": self.context,
                "source": self.policy_source,
                "digest": self.policy_digest,
            },
            "inputs": [
                {"path": i.path, "format": i.format, "components": len(i.components), "sha256": i.digest}
                for i in self.inputs
            ],
            "components": [component_dict(c) for c in self.components],
            "findings": findings,
            "errors": [e.format() for e in self.errors],
            "summary": self.summary.to_dict(),
            "burden_of_proof": self._burden_of_proof(),
            **({"baseline": known.to_dict()} if known is not None else {}),
            **self._portfolio_keys(),
        }

    def _burden_of_proof(self) -> dict[str, Any]:
        """Beweislastumkehr: each component that is not open source with its justification, and the
        register entries that cleared nothing (osscheck.reports._burden)."""
        from osscheck.reports._burden import burden_of_proof  # lazy: start-up

        return burden_of_proof(self).to_dict()

    def _portfolio_keys(self) -> dict[str, Any]:
        """``date``, ``project`` and ``register``: what ``osscheck portfolio`` reads of a report."""
        from osscheck.reports._stamp import project_of, stamp_time  # lazy: start-up

        day = stamp_time().date()
        name, version = project_of(self)
        register = [
            {
                **e.to_dict(),
                "line": e.line,
                "state": "expired" if e.is_expired(day) else "in-force",
            }
            for e in self.exceptions
        ]
        licences = self._project_licenses()
        project: dict[str, Any] | None = {"name": name, "version": version} if name or licences else None
        if licences:  # only then: reports of projects that declare none keep their shape
            project = {**(project or {}), "licenses": licences}
        if self.reuse:
            project = {**(project or {}), "reuse": [s.to_dict() for s in self.reuse]}
        return {
            "date": day.isoformat(),
            "project": project,
            "register": register,
        }

    def _project_licenses(self) -> list[dict[str, Any]]:
        """``project.licenses``: each declaration of the project's licence, with its file and line."""
        found = self.project_licenses
        if found is None:  # files named, not folders searched: what the readers found in manifests
            from osscheck.ownlicense import declared_in_inputs  # lazy: start-up

            found = declared_in_inputs(self.inputs)
        return [r.to_dict() for r in found]


def component_dict(c: Component) -> dict[str, Any]:
    location = c.location
    out: dict[str, Any] = {
        "name": c.name,
        "version": c.version,
        "purl": c.purl,
        "scope": c.scope.value if c.scope else None,
        "declared": [d.value if len(d.value) <= 200 else d.value[:197] + "..." for d in c.declared],
        "license": c.license,
        "method": c.method,
        "confidence": c.confidence,
        "chosen": c.chosen,
        "category": c.category,
        "status": c.status.value if c.status else None,
        "obligations": c.obligations,
        "location": {"path": location.path, "line": location.line} if location else None,
    }
    if c.exception:
        out["exception"] = c.exception
    if c.extra.get("source"):
        out["source"] = c.extra["source"]
    if c.extra.get("observed"):
        out["observed"] = list(c.extra["observed"])
    if c.extra.get("workspace"):
        out["workspace"] = c.extra["workspace"]  # the folder of a workspace member: the project's own
    if c.extra.get("files"):
        out["files"] = c.extra["files"]  # the project's own files under this licence (filelicences)
    return out

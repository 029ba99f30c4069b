"""What each file of a bundle evidences: its purpose, and the clauses an auditor looks it up by.

The clauses are those municipal-needs.md names: DIN SPEC 66336 5.10.1 (a proprietary choice
justified and documented), ISO/IEC 5230 (3.1.5 obligations, 3.2.2.5 remediation procedure, 3.3.1
BOM process, 3.3.1.2 component records, 3.3.2 use cases, 3.4.1.2 archived artefacts), and the
SBOM that openCode and EVB-IT ask a contractor for.
"""

from __future__ import annotations

from osscheck.messages import Message

DIN = "DIN SPEC 66336 5.10.1"
ISO_OBLIGATIONS = "ISO/IEC 5230 3.1.5"
ISO_REMEDIATION = "ISO/IEC 5230 3.2.2.5"
ISO_BOM = "ISO/IEC 5230 3.3.1"
ISO_RECORDS = "ISO/IEC 5230 3.3.1.2"
ISO_USE_CASES = "ISO/IEC 5230 3.3.2"
ISO_ARCHIVE = "ISO/IEC 5230 3.4.1.2"
OPENCODE_SBOM = "openCode: SBOM"
EVB_IT_SBOM = "EVB-IT: SBOM"
TR_03183 = "BSI TR-03183-2"

#: the bundle's own files: name -> (purpose, clauses)
FILES: dict[str, tuple[Message, tuple[str, ...]]] = {
    "report.de.html": (Message("evidence.purpose.report-de"), (ISO_RECORDS, ISO_USE_CASES, DIN)),
    "report.en.html": (Message("evidence.purpose.report-en"), (ISO_RECORDS, ISO_USE_CASES, DIN)),
    "report.json": (Message("evidence.purpose.report-json"), (ISO_BOM, ISO_RECORDS, DIN)),
    "sbom.cdx.json": (Message("evidence.purpose.cyclonedx"), (OPENCODE_SBOM, EVB_IT_SBOM, TR_03183, ISO_BOM)),
    "sbom.spdx.json": (Message("evidence.purpose.spdx"), (OPENCODE_SBOM, EVB_IT_SBOM, ISO_BOM)),
    "notice.txt": (Message("evidence.purpose.notice"), (ISO_OBLIGATIONS, ISO_USE_CASES)),
    "policy.toml": (Message("evidence.purpose.policy"), (ISO_REMEDIATION, ISO_BOM)),
    "register.toml": (Message("evidence.purpose.register"), (DIN, ISO_REMEDIATION, ISO_RECORDS)),
    "decisions.csv": (Message("evidence.purpose.decisions"), (DIN, ISO_RECORDS)),
    "inputs.sha256": (Message("evidence.purpose.inputs-sha256"), (ISO_BOM, ISO_ARCHIVE)),
    "index.html": (Message("evidence.purpose.index"), (ISO_ARCHIVE,)),
}
INPUT = (Message("evidence.purpose.input"), (ISO_BOM, ISO_ARCHIVE))
MANIFEST = Message("evidence.purpose.manifest")


def of(name: str) -> tuple[Message, tuple[str, ...]]:
    """The purpose and clauses of the bundle file ``name`` (a path inside the bundle)."""
    return INPUT if name.startswith("inputs/") else FILES[name]

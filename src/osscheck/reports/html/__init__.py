"""``--format html``: the audit report for OSPO staff and IT audit, in one self-contained file.

No network: no external scripts, styles, fonts or images (inline CSS, system fonts, charts drawn as
inline SVG), and no scripts at all, so the file opens the same in an archive years later. Problems
come first, then the Beweislastumkehr (each component that is not open source and its justification),
the justification register with its expiry dates, the obligations, the full
inventory and the audit stamp (tool and licence list versions, policy digest, input digests, date).
Every text from the inputs is escaped. The same report gives byte-identical output; the date comes
from ``SOURCE_DATE_EPOCH`` when set, else today (UTC).

The package: ``frame`` (head, header, footer; the style sheet is ``report.css``), ``sections``
(summary, obligations, inventory, audit stamp), ``problems``, ``burden``, ``register``, ``charts`` (inline
SVG), ``markup`` (escaping and shared cells) and ``words`` (the report's English and German).
"""

from __future__ import annotations

from osscheck.report import Report
from osscheck.reports._stamp import project_of, stamp
from osscheck.reports.html.burden import burden
from osscheck.reports.html.frame import footer, head, header
from osscheck.reports.html.problems import problems
from osscheck.reports.html.register import register
from osscheck.reports.html.sections import (
    inventory,
    obligations,
    stamp_section,
    summary,
)
from osscheck.reports.html.words import translator


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    _ = translator(lang)
    facts = stamp(report)
    today = facts.date.date()
    name, version = project_of(report)
    project = f"{name} {version}" if name and version else name or _("unnamed project")
    parts = [
        head(report, project, lang, _),
        header(report, project, _),
        '<main id="main">',
        summary(report, _),
        problems(report, lang, _),
        burden(report, _),
        register(report, today, _),
        obligations(report, lang, _),
        inventory(report, verbose, _),
        stamp_section(report, facts, _),
        "</main>",
        footer(report, _),
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"

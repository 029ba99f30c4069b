"""The page around the sections: head with the inline style sheet, header with the verdict, footer.

The style sheet is report.css beside this module, read as package data so that a zipped install
works too, and written inline: the page loads nothing from anywhere.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from osscheck.messages import Message
from osscheck.report import Report
from osscheck.reports.html.markup import e
from osscheck.reports.html.words import Translate


@cache
def style_sheet() -> str:
    return files(__package__).joinpath("report.css").read_text(encoding="utf-8")


def head(report: Report, project: str, lang: str, _: Translate) -> str:
    title = f"{_('Licence compliance report')}: {project}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="osscheck {e(report.tool_version)}">\n'
        f"<title>{e(title)}</title>\n<style>\n{style_sheet()}</style>\n</head>\n<body>"
    )


def header(report: Report, project: str, _: Translate) -> str:
    s = report.summary
    source = {
        "option": _("from the command line"),
        "project": _("declared by the project"),
        "policy": _("policy default"),
    }.get(report.outbound_source, report.outbound_source)
    policy = e(report.policy_name) + (f" – {e(report.policy_title)}" if report.policy_title else "")
    verdict = _("passed") if s.passed else _("FAILED")
    counts = ", ".join(f"{getattr(s, k)} {_(k)}" for k in ("denied", "review") if getattr(s, k))
    sections = [
        ("summary", _("Summary")),
        ("problems", _("Problems")),
        ("burden", _("Burden of proof (every non-open-source component justified)")),
        ("register", _("Justification register")),
        ("obligations", _("Obligations")),
        ("inventory", _("Inventory")),
        ("stamp", _("Audit stamp")),
    ]
    nav = "".join(f'<li><a href="#{k}">{e(v)}</a></li>' for k, v in sections)
    return (
        f"<header>\n<h1>{e(_('Licence compliance report'))}</h1>\n"
        f'<p class="meta">{e(_("Project"))}: <b>{e(project)}</b> · {e(_("Policy"))}: <b>{policy}</b>'
        + (
            f" · {e(_('Outbound licence'))}: <b>{e(report.outbound)}</b> ({e(source)})"
            if report.outbound
            else ""
        )
        + "</p>\n"
        f'<p class="verdict {"passed" if s.passed else "failed"}">{e(_("Result"))}: {e(verdict)}'
        + (f" – {e(counts)}" if counts else "")
        + "</p>\n"
        f'<nav aria-label="{e(_("Contents"))}"><ol>{nav}</ol></nav>\n</header>'
    )


def footer(report: Report, _: Translate) -> str:
    return f"<footer><p>{e(_(Message('html.footer', version=report.tool_version)))}</p></footer>"

"""``--format html``: the audit report for OSPO staff and IT audit, in one self-contained file.

No network: no external scripts, styles, fonts or images (inline CSS, system fonts, charts drawn as
inline SVG), and no scripts at all, so the file opens the same in an archive years later. Problems
come first, then the justification register with its expiry dates, the obligations, the full
inventory and the audit stamp (tool and licence list versions, policy digest, input digests, date).
Every text from the inputs is escaped. The same report gives byte-identical output; the date comes
from ``SOURCE_DATE_EPOCH`` when set, else today (UTC).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable
from html import escape

from osscheck.errors import printable
from osscheck.i18n import translate, translate_error, translate_message
from osscheck.licenses.obligations import OBLIGATIONS, describe
from osscheck.model import Component, Finding, Status
from osscheck.report import Report
from osscheck.reports import _ci
from osscheck.reports._stamp import Stamp, project_of, stamp

Translate = Callable[[str], str]

#: an exception expiring within this many days is flagged, so that its renewal can be planned
SOON_DAYS = 90

_STATUS_ORDER = (Status.DENIED, Status.REVIEW, Status.EXEMPTED, Status.ALLOWED, Status.IGNORED)
_STATUS_COLOURS = {
    Status.ALLOWED: "#2e7d32",
    Status.EXEMPTED: "#1565c0",
    Status.REVIEW: "#b26a00",
    Status.DENIED: "#c62828",
    Status.IGNORED: "#78909c",
}
_CATEGORY_COLOURS = {
    "permissive": "#43a047",
    "public-domain": "#00897b",
    "weak-copyleft": "#7cb342",
    "strong-copyleft": "#f9a825",
    "network-copyleft": "#ef6c00",
    "source-available": "#8e24aa",
    "non-commercial": "#6d4c41",
    "proprietary": "#c62828",
    "unknown": "#78909c",
}

# html-only wording; shared words (statuses, categories) come from osscheck.i18n
_DE: dict[str, str] = {
    "Licence compliance report": "Bericht zur Lizenz-Compliance",
    "Project": "Projekt",
    "licence unknown": "Lizenz unbekannt",
    "unnamed project": "unbenanntes Projekt",
    "Policy": "Richtlinie",
    "Outbound licence": "Lizenz des Projekts",
    "Result": "Ergebnis",
    "Contents": "Inhalt",
    "Problems": "Probleme",
    "Justification register": "Begründungsregister",
    "Obligations": "Pflichten",
    "Inventory": "Inventar",
    "Audit stamp": "Prüfvermerk",
    "What this report says": "Was dieser Bericht aussagt",
    "intro": (
        "osscheck hat die Lizenzangaben von {n} Komponenten gelesen und nach der Richtlinie „{policy}“ "
        "bewertet. Verbotene Komponenten dürfen so nicht veröffentlicht werden; Komponenten „zu prüfen“ "
        "brauchen eine fachliche Entscheidung oder eine begründete Ausnahme. Erlaubte Komponenten bringen "
        "Pflichten mit, die bei der Veröffentlichung zu erfüllen sind. Keine Rechtsberatung."
    ),
    "Components by status": "Komponenten nach Ergebnis",
    "Components by licence category": "Komponenten nach Lizenzkategorie",
    "status chart description": "Anteil der Komponenten je Ergebnis der Prüfung",
    "category chart description": "Anzahl der Komponenten je Lizenzkategorie",
    "What the statuses mean": "Was die Ergebnisse bedeuten",
    "allowed means": "darf nach der Richtlinie genutzt werden; die Pflichten unten sind zu erfüllen.",
    "exempted means": "wäre nicht erlaubt, eine gültige, begründete Ausnahme liegt aber vor.",
    "review means": "braucht eine Prüfung und Entscheidung oder eine begründete Ausnahme.",
    "denied means": "darf so nicht veröffentlicht werden: ersetzen oder eine Ausnahme begründen.",
    "ignored means": "wird nach der Richtlinie nicht bewertet (z. B. nur zur Entwicklung genutzt).",
    "No problems: every component is allowed or covered by an exception.": (
        "Keine Probleme: jede Komponente ist erlaubt oder durch eine Ausnahme gedeckt."
    ),
    "Status": "Ergebnis",
    "Component": "Komponente",
    "Version": "Version",
    "Licence": "Lizenz",
    "Where": "Fundstelle",
    "Why": "Grund",
    "What to do": "Was zu tun ist",
    "Further findings": "Weitere Befunde",
    "Inputs that could not be read": "Eingaben, die nicht gelesen werden konnten",
    "Notes of the policy": "Hinweise der Richtlinie",
    "register intro": (
        "Jede Ausnahme der Richtlinie mit Begründung, Genehmigung und Ablaufdatum. Abgelaufene Ausnahmen "
        "gelten nicht mehr; Ausnahmen, die in den nächsten {days} Tagen ablaufen, sind markiert."
    ),
    "The policy records no exceptions.": "Die Richtlinie enthält keine Ausnahmen.",
    "Package": "Paket",
    "Justification": "Begründung",
    "Approved by": "Genehmigt von",
    "Reference": "Referenz",
    "Expires": "Läuft ab",
    "State": "Zustand",
    "Applies to": "Angewendet auf",
    "any package": "jedes Paket",
    "any licence": "jede Lizenz",
    "never": "nie",
    "expired": "abgelaufen",
    "expires soon": "läuft bald ab",
    "in force": "gültig",
    "matches no component": "trifft auf keine Komponente zu",
    "days left": "Tage verbleibend",
    "days ago": "Tage her",
    "obligations intro": (
        "Was die Veröffentlichung nach der Richtlinie „{policy}“ (Kontext: {context}) erfordert, "
        "und welche Komponenten die Pflicht mitbringen."
    ),
    "No obligations.": "Keine Pflichten.",
    "Obligation": "Pflicht",
    "Components": "Komponenten",
    "Chosen": "Gewählt",
    "Category": "Kategorie",
    "Scope": "Geltungsbereich",
    "Declared": "Angegeben",
    "Method": "Erkennung",
    "Confidence": "Sicherheit",
    "runtime": "Laufzeit",
    "dev": "Entwicklung",
    "optional": "optional",
    "osscheck version": "osscheck-Version",
    "SPDX licence list": "SPDX-Lizenzliste",
    "Policy source": "Quelle der Richtlinie",
    "Policy digest (SHA-256)": "Prüfsumme der Richtlinie (SHA-256)",
    "Context": "Kontext",
    "Fails on": "Nicht bestanden ab",
    "Date": "Datum",
    "Inputs": "Eingaben",
    "File": "Datei",
    "Format": "Format",
    "SHA-256": "SHA-256",
    "internal": "interne Nutzung",
    "distribution": "Weitergabe",
    "network": "Bereitstellung über ein Netzwerk",
    "from the command line": "von der Kommandozeile",
    "declared by the project": "vom Projekt erklärt",
    "policy default": "Vorgabe der Richtlinie",
    "none": "keine",
    "footer": "Erstellt von osscheck {version}. Keine Rechtsberatung.",
    "Problems and findings": "Probleme und Befunde",
    # German summaries of the findings' rules; the technical detail stays in English beside them
    "rule:denied-license": "Die Lizenz ist nach der Richtlinie nicht erlaubt.",
    "rule:review-required": "Die Lizenz muss geprüft und entschieden werden.",
    "rule:unknown-license": (
        "Die Lizenz ist unbekannt; unbekannte Lizenzen werden nie stillschweigend akzeptiert."
    ),
    "rule:incompatible-license": "Die Lizenz ist mit der Lizenz des Projekts nicht vereinbar.",
    "rule:compatibility-unclear": "Ob die Lizenz mit der Lizenz des Projekts vereinbar ist, ist unklar.",
    "rule:low-confidence": "Die Lizenz wurde nur unsicher erkannt.",
    "rule:observed-license": "In den Dateien der Komponente steht eine Lizenz, die die erklärte nicht nennt.",
    "rule:expired-exception": "Die Ausnahme für diese Komponente ist abgelaufen.",
    "rule:unused-exception": "Eine Ausnahme im Register trifft auf keine Komponente zu.",
    "rule:outbound-not-osi": "Die Lizenz des Projekts ist nicht von der OSI anerkannt.",
    "rule:missing-license-file": "Dem Repository fehlt eine LICENSE-Datei.",
    "rule:missing-sbom": "Unter den Eingaben ist keine SBOM (CycloneDX oder SPDX).",
    "hint:denied-license": "Komponente ersetzen oder eine Ausnahme mit Begründung ins Register eintragen.",
    "hint:review-required": "Prüfen und entscheiden; bei Zustimmung eine Ausnahme mit Begründung eintragen.",
    "hint:unknown-license": (
        "Lizenz ermitteln (beim Hersteller, im Paket, mit --online) "
        "oder eine Ausnahme mit Begründung eintragen."
    ),
    "hint:incompatible-license": (
        "Komponente ersetzen, unter einer passenden Lizenz veröffentlichen oder eine Ausnahme eintragen."
    ),
    "hint:compatibility-unclear": "Vereinbarkeit fachlich prüfen lassen und das Ergebnis dokumentieren.",
    "hint:low-confidence": "Die angegebene Lizenz von Hand prüfen und als SPDX-Kennung festhalten.",
    "hint:observed-license": (
        "Prüfen, ob diese Dateien mitgenutzt werden, und die Lizenz in der SBOM oder als Ausnahme festhalten."
    ),
    "hint:expired-exception": "Begründung mit neuem Ablaufdatum erneuern oder die Komponente ersetzen.",
    "hint:unused-exception": "Aus dem Register entfernen, wenn die Komponente nicht mehr genutzt wird.",
    "hint:outbound-not-osi": "Unter einer OSI-anerkannten Lizenz wie der EUPL-1.2 veröffentlichen.",
    "hint:missing-license-file": "Eine LICENSE-Datei mit dem vollen Lizenztext ergänzen (REUSE: LICENSES/).",
    "hint:missing-sbom": "Eine SBOM erzeugen und mit dem Code veröffentlichen (osscheck check -f spdx).",
}
_EN: dict[str, str] = {
    "intro": (
        "osscheck read the licence declarations of {n} components and judged them under the policy "
        "“{policy}”. Denied components must not be published this way; components under review need a "
        "decision or a recorded justification. Allowed components bring obligations that publishing "
        "must fulfil. Not legal advice."
    ),
    "status chart description": "Share of the components per verdict",
    "category chart description": "Number of components per licence category",
    "allowed means": "may be used under the policy; fulfil the obligations below.",
    "exempted means": "would not be allowed, but a valid, justified exception covers it.",
    "review means": "needs a review and a decision, or a justified exception.",
    "denied means": "must not be published this way: replace it or justify an exception.",
    "ignored means": "not judged under this policy (for example used only for development).",
    "register intro": (
        "Every exception of the policy with its justification, approval and expiry date. Expired "
        "exceptions no longer apply; exceptions expiring within the next {days} days are marked."
    ),
    "obligations intro": (
        "What publishing under the policy “{policy}” (context: {context}) requires, and which "
        "components bring each obligation."
    ),
    "footer": "Generated by osscheck {version}. Not legal advice.",
}


def render(report: Report, lang: str = "en", verbose: bool = False) -> str:
    _ = _translator(lang)
    facts = stamp(report)
    today = facts.date.date()
    name, version = project_of(report)
    project = f"{name} {version}" if name and version else name or _("unnamed project")
    parts = [
        _head(report, project, lang, _),
        _header(report, project, _),
        '<main id="main">',
        _summary(report, _),
        _problems(report, lang, _),
        _register(report, today, _),
        _obligations(report, lang, _),
        _inventory(report, verbose, _),
        _stamp_section(report, facts, _),
        "</main>",
        f"<footer><p>{escape(_('footer').format(version=report.tool_version))}</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _translator(lang: str) -> Translate:
    def _(text: str) -> str:
        if lang == "de":
            return _DE.get(text) or translate(text, "de")
        return _EN.get(text, text)

    return _


def e(value: object) -> str:
    # control characters from inputs are not written raw: shown as \x1b
    return escape(printable(str(value)), quote=True)


# --- page frame ---------------------------------------------------------------------------------

_CSS = """
:root{color-scheme:light;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;
--ok:#2e7d32;--ex:#1565c0;--rv:#b26a00;--no:#c62828;--ig:#78909c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--fg);background:var(--bg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",
Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif}
header,main,footer{max-width:1200px;margin:0 auto;padding:0 24px}
header{padding-top:24px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:32px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:20px 0 6px}
a{color:#0b5cad}
.meta{color:var(--muted);margin:0}
.meta b{color:var(--fg);font-weight:600}
.verdict{display:inline-block;margin:12px 0 4px;padding:6px 14px;border-radius:6px;font-weight:700;
color:#fff}
.verdict.passed{background:var(--ok)}.verdict.failed{background:var(--no)}
nav ol{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;padding:0;margin:12px 0 0}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{flex:1 1 120px;border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;
padding:8px 12px;background:var(--soft)}
.card .n{font-size:24px;font-weight:700;display:block}
.card.allowed{border-left-color:var(--ok)}.card.exempted{border-left-color:var(--ex)}
.card.review{border-left-color:var(--rv)}.card.denied{border-left-color:var(--no)}
.card.ignored{border-left-color:var(--ig)}
.charts{display:flex;flex-wrap:wrap;gap:24px;margin:8px 0}
figure{margin:0;flex:1 1 380px}
figcaption{font-weight:600;margin-bottom:4px}
svg text{font-family:inherit;fill:var(--fg)}
.legend{list-style:none;padding:0;margin:0;font-size:14px}
.legend li{margin:2px 0}
.legend dd{margin:0 0 4px 0}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:6px;vertical-align:-1px}
dl.means{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
dl.means dt{font-weight:600}dl.means dd{margin:0}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:14px}
th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
tbody tr:nth-child(even){background:#fbfcfd}
td.num{text-align:right;font-variant-numeric:tabular-nums}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:13px;
overflow-wrap:anywhere}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;
white-space:nowrap}
.badge.allowed{background:var(--ok)}.badge.exempted{background:var(--ex)}.badge.review{background:var(--rv)}
.badge.denied{background:var(--no)}.badge.ignored{background:var(--ig)}
.badge.expired{background:var(--no)}.badge.soon{background:var(--rv)}.badge.active{background:var(--ok)}
.badge.unused{background:var(--ig)}
tr.expired td{background:#fdecea}tr.soon td{background:#fff4e0}
.hint{display:block;margin-bottom:4px}
.date{white-space:nowrap}td.pkg{min-width:13em}
.detail{display:block;color:var(--muted);font-size:13px}
.empty{color:var(--muted);font-style:italic}
ul.findings{padding-left:20px}
footer{color:var(--muted);font-size:13px;padding:24px}
@media print{nav{display:none}body{font-size:11px}h2{break-after:avoid}tr{break-inside:avoid}
header,main,footer{max-width:none;padding:0}}
"""


def _head(report: Report, project: str, lang: str, _: Translate) -> str:
    title = f"{_('Licence compliance report')}: {project}"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="osscheck {e(report.tool_version)}">\n'
        f"<title>{e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>"
    )


def _header(report: Report, project: str, _: Translate) -> str:
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


# --- summary and charts -------------------------------------------------------------------------


def _summary(report: Report, _: Translate) -> str:
    s = report.summary
    cards = [f'<div class="card"><span class="n">{s.components}</span>{e(_("components"))}</div>']
    for status in (Status.ALLOWED, Status.EXEMPTED, Status.REVIEW, Status.DENIED, Status.IGNORED):
        n = getattr(s, status.value)
        cards.append(f'<div class="card {status.value}"><span class="n">{n}</span>{e(_(status.value))}</div>')
    cards.append(f'<div class="card"><span class="n">{s.unknown}</span>{e(_("licence unknown"))}</div>')
    by_status = Counter(c.status for c in report.components if c.status is not None)
    by_category = Counter(c.category or "unknown" for c in report.components)
    status_data = [
        (_(st.value), by_status.get(st, 0), _STATUS_COLOURS[st]) for st in _STATUS_ORDER if by_status.get(st)
    ]
    from osscheck.licenses.catalog import CATEGORIES

    category_data = [
        (_(cat), by_category[cat], _CATEGORY_COLOURS[cat]) for cat in CATEGORIES if by_category.get(cat)
    ]
    means = "".join(
        f'<dt><span class="badge {st.value}">{e(_(st.value))}</span></dt><dd>{e(_(st.value + " means"))}</dd>'
        for st in _STATUS_ORDER
    )
    intro = _("intro").format(n=s.components, policy=report.policy_title or report.policy_name)
    return (
        f'<section id="summary" aria-labelledby="h-summary">\n<h2 id="h-summary">{e(_("Summary"))}</h2>\n'
        f"<p>{e(intro)}</p>\n"
        f'<div class="cards">{"".join(cards)}</div>\n'
        '<div class="charts">\n'
        + _donut(
            "chart-status",
            _("Components by status"),
            _("status chart description"),
            status_data,
            _("components"),
        )
        + "\n"
        + _bars(
            "chart-category",
            _("Components by licence category"),
            _("category chart description"),
            category_data,
        )
        + "\n</div>\n"
        f'<h3>{e(_("What the statuses mean"))}</h3>\n<dl class="means">{means}</dl>\n</section>'
    )


def _num(x: float) -> str:
    """Coordinates with two decimals at most: deterministic and short."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _donut(ident: str, title: str, desc: str, data: list[tuple[str, int, str]], unit: str) -> str:
    total = sum(n for _, n, _ in data)
    size, cx, cy, r, width = 200, 100, 100, 70, 34
    arcs: list[str] = []
    if total == 0:
        arcs.append(
            f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="#d0d7de" stroke-width="{width}"/>'
        )
    angle = -math.pi / 2  # start at twelve o'clock
    for label, n, colour in data:
        if n == 0:
            continue
        share = n / total
        tip = f"{label}: {n} ({share:.0%})"
        if n == total:
            arcs.append(
                f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{colour}" stroke-width="{width}">'
                f"<title>{e(tip)}</title></circle>"
            )
            break
        end = angle + share * 2 * math.pi
        x1, y1 = cx + r * math.cos(angle), cy + r * math.sin(angle)
        x2, y2 = cx + r * math.cos(end), cy + r * math.sin(end)
        large = 1 if share > 0.5 else 0
        arcs.append(
            f'<path d="M{_num(x1)} {_num(y1)}A{r} {r} 0 {large} 1 {_num(x2)} {_num(y2)}" fill="none" '
            f'stroke="{colour}" stroke-width="{width}"><title>{e(tip)}</title></path>'
        )
        angle = end
    centre = (
        f'<text x="{cx}" y="{cy - 4}" text-anchor="middle" font-size="28" font-weight="700">{total}</text>'
        f'<text x="{cx}" y="{cy + 18}" text-anchor="middle" font-size="12">{e(unit)}</text>'
    )
    legend = "".join(
        f'<li><span class="swatch" style="background:{colour}"></span>{e(label)}: <b>{n}</b>'
        f" ({n / total:.0%})</li>"
        for label, n, colour in data
        if total
    )
    return (
        f'<figure aria-labelledby="{ident}-t">\n<figcaption id="{ident}-t">{e(title)}</figcaption>\n'
        '<div style="display:flex;gap:16px;align-items:center;flex-wrap:wrap">'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
        f'role="img" aria-labelledby="{ident}-st {ident}-sd"><title id="{ident}-st">{e(title)}</title>'
        f'<desc id="{ident}-sd">{e(desc)}: '
        + e(", ".join(f"{label} {n}" for label, n, _ in data))
        + f"</desc>{''.join(arcs)}{centre}</svg>"
        f'<ul class="legend">{legend}</ul></div>\n</figure>'
    )


def _bars(ident: str, title: str, desc: str, data: list[tuple[str, int, str]]) -> str:
    # room for the longest label (about 7.5 px per character at 13 px), so none is cut off
    label_w = 16 + round(7.5 * max((len(label) for label, _, _ in data), default=8))
    bar_w, row_h, top = 240, 26, 4
    height = top * 2 + row_h * max(len(data), 1)
    width = label_w + bar_w + 60
    most = max((n for _, n, _ in data), default=0) or 1
    rows: list[str] = []
    for i, (label, n, colour) in enumerate(data):
        y = top + i * row_h
        w = max(bar_w * n / most, 2)
        rows.append(
            f"<g><title>{e(f'{label}: {n}')}</title>"
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="13">{e(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{_num(w)}" height="{row_h - 8}" rx="3" fill="{colour}"/>'
            f'<text x="{_num(label_w + w + 6)}" y="{y + 17}" font-size="13" font-weight="600">{n}</text></g>'
        )
    return (
        f'<figure aria-labelledby="{ident}-t">\n<figcaption id="{ident}-t">{e(title)}</figcaption>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-st {ident}-sd">'
        f'<title id="{ident}-st">{e(title)}</title><desc id="{ident}-sd">{e(desc)}: '
        + e(", ".join(f"{label} {n}" for label, n, _ in data))
        + f"</desc>{''.join(rows)}</svg>\n</figure>"
    )


# --- problems -----------------------------------------------------------------------------------


def _problems(report: Report, lang: str, _: Translate) -> str:
    by_component: dict[str, list[Finding]] = {}
    for f in report.findings:
        if f.component and f.rule != "exception-applied":
            by_component.setdefault(f.component, []).append(f)
    problems = [c for st in (Status.DENIED, Status.REVIEW) for c in report.components if c.status is st]
    out = [
        f'<section id="problems" aria-labelledby="h-problems">\n'
        f'<h2 id="h-problems">{e(_("Problems"))} ({len(problems)})</h2>'
    ]
    if problems:
        out.append(
            "<table>\n<thead><tr>"
            + _ths(_("Status"), _("Component"), _("Licence"), _("Where"), _("Why"), _("What to do"))
            + "</tr></thead>\n<tbody>"
        )
        for c in problems:
            findings = by_component.get(c.ref, [])
            why = "".join(_why(f, lang, _) for f in findings) or e(_(str(c.status)))
            hints = "".join(_hint(f, lang, _) for f in findings)
            out.append(
                f"<tr><td>{_badge(c.status, _)}</td><td>{_component_cell(c)}</td>"
                f'<td>{_licence_cell(c, _)}</td><td class="mono">{e(c.location or "")}</td>'
                f"<td>{why}</td><td>{hints}</td></tr>"
            )
        out.append("</tbody>\n</table>")
    else:
        calm = _("No problems: every component is allowed or covered by an exception.")
        out.append(f'<p class="empty">{e(calm)}</p>')
    # findings about the project, then those about allowed and exempted components (a licence
    # found in their files, say), which the table above does not show
    general = [f for f in report.findings if not f.component] + _ci.further_findings(report)
    if general:
        out.append(f'<h3>{e(_("Further findings"))}</h3>\n<ul class="findings">')
        for f in general:
            where = f' <span class="mono">({e(f.location)})</span>' if f.location else ""
            about = f'<span class="mono">{e(f.component)}</span>: ' if f.component else ""
            severity = e(_(str(f.severity)))
            out.append(f"<li><b>{severity}</b>: {about}{_why(f, lang, _)}{where}{_hint(f, lang, _)}</li>")
        out.append("</ul>")
    if report.errors:
        out.append(f'<h3>{e(_("Inputs that could not be read"))}</h3>\n<ul class="findings">')
        out.extend(f'<li class="mono">{e(translate_error(err, lang))}</li>' for err in report.errors)
        out.append("</ul>")
    if report.notes:
        out.append(f'<h3>{e(_("Notes of the policy"))}</h3>\n<ul class="findings">')
        out.extend(f"<li>{e(n)}</li>" for n in report.notes)
        out.append("</ul>")
    out.append("</section>")
    return "\n".join(out)


def _why(f: Finding, lang: str, _: Translate) -> str:
    detail = f.message.split(": ", 1)[-1] if f.component and f.message.startswith(f.component) else f.message
    german = _DE.get(f"rule:{f.rule}") if lang == "de" else None
    if german:
        translated = translate_message(detail, lang)
        return f'<span class="why">{e(german)}</span><span class="detail">{e(translated)}</span>'
    return f'<span class="why">{e(detail)}</span>'


def _hint(f: Finding, lang: str, _: Translate) -> str:
    german = _DE.get(f"hint:{f.rule}") if lang == "de" else None
    if german:
        return f'<span class="hint">{e(german)}</span>'
    return f'<span class="hint detail">{e(translate_message(f.hint, lang))}</span>' if f.hint else ""


# --- justification register ---------------------------------------------------------------------


def _register(report: Report, today: dt.date, _: Translate) -> str:
    out = [
        '<section id="register" aria-labelledby="h-register">\n'
        f'<h2 id="h-register">{e(_("Justification register"))} ({len(report.exceptions)})</h2>\n'
        f"<p>{e(_('register intro').format(days=SOON_DAYS))}</p>"
    ]
    if not report.exceptions:
        out.append(f'<p class="empty">{e(_("The policy records no exceptions."))}</p>\n</section>')
        return "\n".join(out)
    out.append(
        "<table>\n<thead><tr>"
        + _ths(
            _("Package"),
            _("Licence"),
            _("Justification"),
            _("Approved by"),
            _("Reference"),
            _("Expires"),
            _("State"),
            _("Applies to"),
        )
        + "</tr></thead>\n<tbody>"
    )
    # which components each entry covers (or would cover, had it not expired): one pass, not one per entry
    applied_to: dict[str, list[str]] = {}
    for c in report.components:
        if c.exception:
            applied_to.setdefault(_exception_key(c.exception), []).append(c.ref)
    expired_at: dict[int, list[tuple[str, str]]] = {}
    for f in report.findings:
        if f.rule == "expired-exception" and f.component and f.location and f.location.line is not None:
            expired_at.setdefault(f.location.line, []).append((f.component, f.message))
    for exc in report.exceptions:
        applied = sorted(applied_to.get(_exception_key(exc.to_dict()), ()))
        said = f"the exception for {exc.describe()} expired"
        expired_for = sorted(ref for ref, msg in expired_at.get(exc.line or -1, ()) if said in msg)
        state, label = _state(exc.expires, today, bool(applied or expired_for), _)
        counted = True  # the days left or ago, counted from the stamp's date
        if expired_for and state != "expired":
            # the evaluation found it expired (its date, not the stamp's, decided the verdicts)
            state, label, counted = "expired", _("expired"), False
        elif applied and state == "expired":
            # the evaluation found it in force: so it is, whatever SOURCE_DATE_EPOCH says
            state, label, counted = "active", _("in force"), False
        package = exc.package or _("any package")
        if exc.version:
            package += f" {exc.version}"
        expires = _("never")
        if exc.expires is not None:
            days = (exc.expires - today).days
            when = f"{days} {_('days left')}" if days >= 0 else f"{-days} {_('days ago')}"
            expires = f'<span class="date">{e(exc.expires.isoformat())}</span>'
            if counted:  # one date decides both the state and the count beside it
                expires += f'<span class="detail">{e(when)}</span>'

        else:
            expires = e(expires)
        targets = applied or expired_for
        out.append(
            f'<tr class="{state}"><td class="mono pkg">{e(package)}</td>'
            f"<td>{e(exc.license or _('any licence'))}</td>"
            f"<td>{e(exc.justification)}</td><td>{e(exc.approved_by or '–')}</td>"
            f"<td>{e(exc.reference or '–')}</td><td>{expires}</td>"
            f'<td><span class="badge {state}">{e(label)}</span></td>'
            f'<td class="mono">{"<br>".join(e(t) for t in targets) or "–"}</td></tr>'
        )
    out.append("</tbody>\n</table>\n</section>")
    return "\n".join(out)


def _exception_key(entry: dict) -> str:
    return "\x1f".join(f"{k}={entry.get(k)}" for k in sorted(entry))


def _state(expires: dt.date | None, today: dt.date, used: bool, _: Translate) -> tuple[str, str]:
    if expires is not None and expires < today:
        return "expired", _("expired")
    if expires is not None and (expires - today).days <= SOON_DAYS:
        return "soon", _("expires soon")
    if not used:
        return "unused", _("matches no component")
    return "active", _("in force")


# --- obligations --------------------------------------------------------------------------------


def _obligations(report: Report, lang: str, _: Translate) -> str:
    brought: dict[str, list[str]] = {}
    for c in report.components:
        if c.status is Status.IGNORED:
            continue
        for ob in c.obligations:
            brought.setdefault(ob, []).append(c.ref)
    order = list(OBLIGATIONS)
    intro = _("obligations intro").format(
        policy=report.policy_title or report.policy_name, context=_(report.context)
    )
    out = [
        '<section id="obligations" aria-labelledby="h-obligations">\n'
        f'<h2 id="h-obligations">{e(_("Obligations"))} ({len(brought)})</h2>\n<p>{e(intro)}</p>'
    ]
    if not brought:
        out.append(f'<p class="empty">{e(_("No obligations."))}</p>\n</section>')
        return "\n".join(out)
    out.append("<table>\n<thead><tr>" + _ths(_("Obligation"), _("Components")) + "</tr></thead>\n<tbody>")
    for ob in sorted(brought, key=lambda o: (order.index(o) if o in order else len(order), o)):
        refs = sorted(dict.fromkeys(brought[ob]))
        shown = ", ".join(e(r) for r in refs)
        out.append(
            f'<tr><td>{e(describe(ob, lang))}<span class="detail mono">{e(ob)}</span></td>'
            f'<td><b>{len(refs)}</b>: <span class="mono">{shown}</span></td></tr>'
        )
    out.append("</tbody>\n</table>\n</section>")
    return "\n".join(out)


# --- inventory ----------------------------------------------------------------------------------


def _inventory(report: Report, verbose: bool, _: Translate) -> str:
    heads = [
        "#",
        _("Component"),
        _("Version"),
        _("Licence"),
        _("Category"),
        _("Status"),
        _("Scope"),
        _("Where"),
    ]
    if verbose:
        heads += [_("Declared"), _("Method"), _("Confidence")]
    out = [
        '<section id="inventory" aria-labelledby="h-inventory">\n'
        f'<h2 id="h-inventory">{e(_("Inventory"))} ({len(report.components)})</h2>\n'
        "<table>\n<thead><tr>" + _ths(*heads) + "</tr></thead>\n<tbody>"
    ]
    rows = out.append
    for n, c in enumerate(report.components, 1):
        cells = [
            f'<td class="num">{n}</td>',
            f"<td>{_component_cell(c)}</td>",
            f'<td class="mono">{e(c.version or "")}</td>',
            f"<td>{_licence_cell(c, _)}</td>",
            f"<td>{e(_(c.category or 'unknown'))}</td>",
            f"<td>{_badge(c.status, _)}</td>",
            f"<td>{e(_(str(c.scope)) if c.scope else '')}</td>",
            f'<td class="mono">{e(c.location or "")}</td>',
        ]
        if verbose:
            declared = "<br>".join(e(_short(d.value)) for d in c.declared)
            confidence = f"{c.confidence:.2f}" if c.confidence is not None else ""
            cells += [
                f"<td>{declared}</td>",
                f"<td>{e(c.method or '')}</td>",
                f'<td class="num">{confidence}</td>',
            ]
        rows(f"<tr>{''.join(cells)}</tr>")
    out.append("</tbody>\n</table>\n</section>")
    return "\n".join(out)


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- audit stamp --------------------------------------------------------------------------------


def _stamp_section(report: Report, facts: Stamp, _: Translate) -> str:
    rows = [
        (_("osscheck version"), facts.tool_version),
        (_("SPDX licence list"), facts.license_list_version),
        (_("Policy"), facts.policy_name + (f" ({facts.policy_title})" if facts.policy_title else "")),
        (_("Policy source"), facts.policy_source or "–"),
        (_("Policy digest (SHA-256)"), facts.policy_digest or "–"),
        (_("Context"), _(report.context)),
        (_("Outbound licence"), report.outbound or "–"),
        (_("Fails on"), _(report.fail_on)),
        (_("Date"), facts.date.date().isoformat()),
    ]
    body = "".join(f'<tr><th scope="row">{e(k)}</th><td class="mono">{e(v)}</td></tr>' for k, v in rows)
    inputs = "".join(
        f'<tr><td class="mono">{e(path)}</td><td>{e(fmt)}</td><td class="num">{n}</td>'
        f'<td class="mono">{e(digest or "–")}</td></tr>'
        for path, fmt, n, digest in facts.inputs
    )
    return (
        '<section id="stamp" aria-labelledby="h-stamp">\n'
        f'<h2 id="h-stamp">{e(_("Audit stamp"))}</h2>\n<table>\n<tbody>{body}</tbody>\n</table>\n'
        f"<h3>{e(_('Inputs'))} ({len(facts.inputs)})</h3>\n<table>\n<thead><tr>"
        + _ths(_("File"), _("Format"), _("Components"), _("SHA-256"))
        + f"</tr></thead>\n<tbody>{inputs}</tbody>\n</table>\n</section>"
    )


# --- cells --------------------------------------------------------------------------------------


def _ths(*labels: str) -> str:
    return "".join(f'<th scope="col">{e(label)}</th>' for label in labels)


def _badge(status: Status | None, _: Translate) -> str:
    if status is None:
        return ""
    return f'<span class="badge {status.value}">{e(_(status.value))}</span>'


def _component_cell(c: Component) -> str:
    cell = f"<b>{e(c.name)}</b>"
    if c.purl:
        cell += f'<span class="detail mono">{e(c.purl)}</span>'
    return cell


def _licence_cell(c: Component, _: Translate) -> str:
    if not c.license:
        shown = "; ".join(_short(d.value, 60) for d in c.declared[:2])
        return f'<span class="empty">{e(_("unknown"))}</span>' + (
            f'<span class="detail">{e(shown)}</span>' if shown else ""
        )
    cell = f'<span class="mono">{e(c.license)}</span>'
    if c.chosen and c.chosen != c.license:
        cell += f'<span class="detail">{e(_("chosen"))}: <span class="mono">{e(c.chosen)}</span></span>'
    return cell

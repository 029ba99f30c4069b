"""The HTML report's own wording in English and German, and the translator the sections share.

Shared words (statuses, categories, scopes) come from osscheck.i18n; the German summaries and hints
of the rules, shown beside a finding's detail, from osscheck.rules.
"""

from __future__ import annotations

from collections.abc import Callable

from osscheck.i18n import translate
from osscheck.rules import BY_ID

Translate = Callable[[str], str]

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


def translator(lang: str) -> Translate:
    def _(text: str) -> str:
        if lang == "de":
            return _DE.get(text) or translate(text, "de")
        return _EN.get(text, text)

    return _


def german_rule(rule: str) -> str | None:
    """The German summary of a finding's rule (its title in osscheck.rules), if it has one to show."""
    found = BY_ID.get(rule)
    return found.title_de if found is not None and found.german_summary else None


def german_hint(rule: str) -> str | None:
    """The German hint of a finding's rule (osscheck.rules), if it has one to show."""
    found = BY_ID.get(rule)
    return found.hint_de if found is not None and found.german_summary else None

"""Translations of user-facing text. English is the source language; German for the users.

Strings are looked up by their English text (as gettext does), so code stays readable and a
missing translation falls back to English rather than failing.
"""

from __future__ import annotations

import os

LANGUAGES = ("en", "de")

_DE: dict[str, str] = {
    # report headings and labels
    "policy": "Richtlinie",
    "outbound licence": "Lizenz des Projekts",
    "from the command line": "von der Kommandozeile",
    "declared by the project": "vom Projekt erklärt",
    "policy default": "Vorgabe der Richtlinie",
    "Read": "Gelesen",
    "components": "Komponenten",
    "component": "Komponente",
    "allowed": "erlaubt",
    "review": "zu prüfen",
    "denied": "verboten",
    "exempted": "per Ausnahme erlaubt",
    "ignored": "nicht bewertet",
    "unknown": "unbekannt",
    "DENIED": "VERBOTEN",
    "REVIEW": "ZU PRÜFEN",
    "EXEMPTED": "PER AUSNAHME ERLAUBT",
    "ALLOWED": "ERLAUBT",
    "IGNORED": "NICHT BEWERTET",
    "hint": "Hinweis",
    "why": "Grund",
    "exception": "Ausnahme",
    "expires": "läuft ab",
    "Findings": "Befunde",
    "Errors": "Fehler",
    "Notes": "Hinweise",
    "Summary": "Zusammenfassung",
    "passed": "bestanden",
    "FAILED": "NICHT BESTANDEN",
    "no licence": "keine Lizenz",
    "chosen": "gewählt",
    "Obligations": "Pflichten",
    "error": "Fehler",
    "warning": "Warnung",
    "note": "Hinweis",
    "permissive": "permissiv",
    "public-domain": "gemeinfrei",
    "weak-copyleft": "schwaches Copyleft",
    "strong-copyleft": "starkes Copyleft",
    "network-copyleft": "Netzwerk-Copyleft",
    "source-available": "Source-available (nicht Open Source)",
    "non-commercial": "nicht-kommerziell",
    "proprietary": "proprietär",
    "use --verbose to list them": "mit --verbose werden sie aufgeführt",
    "no inputs found": "keine Eingaben gefunden",
    "accepted": "angenommen",
    "rejected": "abgelehnt",
    "needs review": "zu prüfen",
    "Verdict": "Ergebnis",
}


def detect(explicit: str | None = None) -> str:
    """The language to use: an explicit choice, else LANGUAGE / LC_ALL / LC_MESSAGES / LANG."""
    if explicit:
        return explicit if explicit in LANGUAGES else "en"
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "en"


def translate(text: str, lang: str) -> str:
    if lang == "de":
        return _DE.get(text, text)
    return text


def translator(lang: str):  # type: ignore[no-untyped-def]
    """A ``_()`` for one language."""
    return lambda text: translate(text, lang)

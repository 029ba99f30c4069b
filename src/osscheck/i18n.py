"""Translations of user-facing text. English is the source language; German for the users.

Strings are looked up by their English text (as gettext does), so code stays readable and a
missing translation falls back to English rather than failing.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

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
    "declared": "erklärt",
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


# --- messages of the policy engine ---------------------------------------------------------------
# Findings and reasons are composed in English from a few fixed phrases with licence ids and
# package names in between; these patterns give the German phrases. A phrase without a pattern
# stays English rather than being guessed.

_CATEGORY_DE = {
    "permissive": "permissiv",
    "public domain": "gemeinfrei",
    "weak copyleft": "schwaches Copyleft",
    "strong copyleft": "starkes Copyleft",
    "network copyleft": "Netzwerk-Copyleft",
    "source available": "Source-available (nicht Open Source)",
    "non commercial": "nicht-kommerziell",
    "proprietary": "proprietär",
    "unknown": "unbekannt",
    "public-domain": "gemeinfrei",
    "weak-copyleft": "schwaches Copyleft",
    "strong-copyleft": "starkes Copyleft",
    "network-copyleft": "Netzwerk-Copyleft",
    "source-available": "Source-available (nicht Open Source)",
    "non-commercial": "nicht-kommerziell",
}
_VERDICT_DE = {"allow": "erlaubt", "review": "prüfen", "deny": "verboten"}
_CATEGORY_WORDS = "|".join(sorted((re.escape(k) for k in _CATEGORY_DE), key=len, reverse=True))
_L = r"([^\s:;,()]+(?: WITH [^\s:;,()]+)?)"  # a licence, possibly with its exception


def _category(match: re.Match[str], group: int = 1) -> str:
    return _CATEGORY_DE.get(match.group(group), match.group(group))


@lru_cache(maxsize=1)
def _messages_de() -> list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]:
    """The German phrase table, compiled on first use (a pre-commit run in English never needs it)."""
    return [
        (
            re.compile(rf"({_CATEGORY_WORDS}): the policy says (allow|review|deny)"),
            lambda m: f"{_category(m)}: nach der Richtlinie {_VERDICT_DE[m.group(2)]}",
        ),
        (
            re.compile(rf"{_L} is ({_CATEGORY_WORDS}) and cannot be distributed under {_L}"),
            lambda m: (
                f"{m.group(1)} ist {_category(m, 2)} und darf nicht unter {m.group(3)} verbreitet werden"
            ),
        ),
        (
            re.compile(rf"{_L} cannot be combined with {_L} \(OSADL matrix: No\)"),
            r"\1 lässt sich nicht mit \2 verbinden (OSADL-Matrix: Nein)",
        ),
        (
            re.compile(rf"{_L} is weak copyleft: as a separate dependency it fits any licence"),
            r"\1 ist schwaches Copyleft: als getrennte Abhängigkeit passt es zu jeder Lizenz",
        ),
        (
            re.compile(rf"{_L} \(used as {_L}\) can be carried by {_L} as {_L}"),
            r"\1 (genutzt als \2) kann unter \3 als \4 weitergegeben werden",
        ),
        (
            re.compile(rf"{_L} \(used as {_L}\) can be carried by {_L}"),
            r"\1 (genutzt als \2) kann unter \3 weitergegeben werden",
        ),
        (
            re.compile(rf"{_L} can be carried by {_L} as {_L}"),
            r"\1 kann unter \2 als \3 weitergegeben werden",
        ),
        (re.compile(rf"{_L} can be carried by {_L}"), r"\1 kann unter \2 weitergegeben werden"),
        (
            re.compile(rf"{_L} is ({_CATEGORY_WORDS}): compatibility is not a question of copyleft"),
            lambda m: f"{m.group(1)} ist {_category(m, 2)}: die Vereinbarkeit ist keine Frage des Copylefts",
        ),
        (re.compile(rf"{_L} is ({_CATEGORY_WORDS})\b"), lambda m: f"{m.group(1)} ist {_category(m, 2)}"),
        (
            re.compile(rf"OSADL matrix: {_L} code may be merged into an? {_L} work"),
            r"OSADL-Matrix: \1-Code darf in ein \2-Werk übernommen werden",
        ),
        (
            re.compile(rf"OSADL matrix: {_L} code may not be merged into an? {_L} work"),
            r"OSADL-Matrix: \1-Code darf nicht in ein \2-Werk übernommen werden",
        ),
        (
            re.compile(rf"OSADL matrix: merging {_L} into {_L} needs a closer look"),
            r"OSADL-Matrix: \1 in \2 zu übernehmen, muss genauer geprüft werden",
        ),
        (
            re.compile(rf"the OSADL matrix does not cover {_L} in {_L}"),
            r"die OSADL-Matrix kennt \1 in \2 nicht",
        ),
        (
            re.compile(rf"the outbound licence {_L} is not on the SPDX list"),
            r"die Projektlizenz \1 steht nicht auf der SPDX-Liste",
        ),
        (re.compile(rf"{_L} is not on the SPDX licence list"), r"\1 steht nicht auf der SPDX-Lizenzliste"),
        (re.compile(rf"{_L} is not on the SPDX list"), r"\1 steht nicht auf der SPDX-Liste"),
        (re.compile(r"no licence could be determined"), "keine Lizenz ermittelbar"),
        (
            re.compile(r"unknown licences get '(\w+)'"),
            lambda m: f"unbekannte Lizenzen gelten als „{_VERDICT_DE.get(m.group(1), m.group(1))}“",
        ),
        (re.compile(r"on the policy's deny list"), "auf der Verbotsliste der Richtlinie"),
        (re.compile(r"on the policy's allow list"), "auf der Positivliste der Richtlinie"),
        (re.compile(r"on the policy's review list"), "auf der Prüfliste der Richtlinie"),
        (re.compile(r"not an OSI-approved licence"), "keine von der OSI anerkannte Lizenz"),
        (
            re.compile(r"a licence without an SPDX id; read it"),
            "eine Lizenz ohne SPDX-Kennung; sie muss gelesen werden",
        ),
        (re.compile(r"no licence"), "keine Lizenz"),
        (
            re.compile(
                r"licence (.+?) was recognised from (\S+) with confidence ([\d.]+), "
                r"below the policy's threshold"
            ),
            r"Lizenz \1 wurde aus „\2“ mit Sicherheit \3 erkannt, unter der Schwelle der Richtlinie",
        ),
        (re.compile(r"accepted by exception: "), "per Ausnahme angenommen: "),
        (
            re.compile(r"the exception for (.+?) expired on (\S+)"),
            r"die Ausnahme für \1 ist am \2 abgelaufen",
        ),
        (
            re.compile(r"the exception for (.+?) matches no component"),
            r"die Ausnahme für \1 trifft auf keine Komponente zu",
        ),
        (
            re.compile(r"the project's licence (.+?) is not OSI-approved \((.+?)\)"),
            r"die Lizenz des Projekts \1 ist nicht von der OSI anerkannt (\2)",
        ),
        (re.compile(r"no LICENSE file in the repository"), "keine LICENSE-Datei im Repository"),
        (
            re.compile(r"no SBOM \(CycloneDX or SPDX\) among the inputs"),
            "keine SBOM (CycloneDX oder SPDX) unter den Eingaben",
        ),
        # hints
        (
            re.compile(
                r"Find the licence: declare it as an SPDX id upstream or in an SBOM, try --online, or "
            ),
            "Lizenz ermitteln: als SPDX-Kennung beim Hersteller oder in einer SBOM angeben, "
            "--online versuchen, oder ",
        ),
        (
            re.compile(r"Choose the branch (.+?) of the licence choice explicitly\."),
            r"Den Zweig \1 der Lizenzwahl ausdrücklich wählen.",
        ),
        (
            re.compile(r"Replace the component, publish under a licence that can carry it, or "),
            "Die Komponente ersetzen, unter einer Lizenz veröffentlichen, die sie tragen kann, oder ",
        ),
        (
            re.compile(r"Replace the component with one under an allowed licence, or "),
            "Die Komponente durch eine unter erlaubter Lizenz ersetzen, oder ",
        ),
        (
            re.compile(
                r"record an exception \(\[\[exceptions\]\] package = (\"[^\"]*\"), with a justification\)"
            ),
            r"eine Ausnahme mit Begründung eintragen ([[exceptions]] package = \1)",
        ),
        (
            re.compile(r"Read the licence \(see the component's source URL\) and "),
            "Die Lizenz lesen (siehe die Quell-URL der Komponente) und ",
        ),
        (
            re.compile(r"Renew the justification with a new expiry date, or replace the component\."),
            "Die Begründung mit neuem Ablaufdatum erneuern oder die Komponente ersetzen.",
        ),
        (
            re.compile(r"Remove it from the register if the component is gone\."),
            "Aus dem Register streichen, wenn die Komponente entfallen ist.",
        ),
        (re.compile(r"The exception expires on (\S+)\."), r"Die Ausnahme läuft am \1 ab."),
        (
            re.compile(r"Check the declared licence by hand; record the SPDX id upstream or in an SBOM\."),
            "Die erklärte Lizenz von Hand prüfen; "
            "die SPDX-Kennung beim Hersteller oder in einer SBOM eintragen.",
        ),
        (
            re.compile(r"Publish under an OSI-approved licence such as EUPL-1\.2\."),
            "Unter einer von der OSI anerkannten Lizenz wie EUPL-1.2 veröffentlichen.",
        ),
        (
            re.compile(
                r"Add a LICENSE file with the full text of the project's licence \(REUSE: LICENSES/\)\."
            ),
            "Eine LICENSE-Datei mit dem vollständigen Text der Projektlizenz anlegen (REUSE: LICENSES/).",
        ),
        # online look-ups
        (
            re.compile(rf"declared {_L}, but (.+?) says {_L}; the declared licence is kept"),
            r"erklärt ist \1, aber \2 nennt \3; die erklärte Lizenz gilt weiter",
        ),
        (
            re.compile(
                r"Check the licence of this version \(its LICENSE file, (\S+)\) and correct the input "
                r"or record the decision as an exception\."
            ),
            r"Die Lizenz dieser Version prüfen (ihre LICENSE-Datei, \1) und die Eingabe berichtigen "
            r"oder die Entscheidung als Ausnahme eintragen.",
        ),
        (re.compile(r"licence look-up failed: "), "Lizenzabfrage fehlgeschlagen: "),
        (
            re.compile(r"the service failed repeatedly and was not asked further \(first failure: "),
            "der Dienst ist wiederholt ausgefallen und wurde nicht weiter gefragt (erster Fehler: ",
        ),
        (re.compile(r"licence not looked up: "), "Lizenz nicht abgefragt: "),
        (re.compile(r"not in cache \(offline\)"), "nicht im Zwischenspeicher (offline)"),
        (re.compile(r"no look-up source knows packages like (\S+)"), r"keine Quelle kennt Pakete wie \1"),
        (
            re.compile(r"Run once with --online to fill the cache, or declare the licence in an SBOM\."),
            "Einmal mit --online ausführen, um den Zwischenspeicher zu füllen, "
            "oder die Lizenz in einer SBOM angeben.",
        ),
        (
            re.compile(
                r"The licence stays unknown\. Check the network or the mirror \((.+?)\) and run again, "
                r"or declare the licence in an SBOM\."
            ),
            r"Die Lizenz bleibt unbekannt. Netz oder Spiegel prüfen (\1) und erneut ausführen, "
            r"oder die Lizenz in einer SBOM angeben.",
        ),
        (
            re.compile(
                r"The licence stays unknown: declare it in an SBOM, or record a decision as an exception\."
            ),
            "Die Lizenz bleibt unbekannt: in einer SBOM angeben "
            "oder eine Entscheidung als Ausnahme eintragen.",
        ),
        (
            re.compile(
                r"Declare the licence in an SBOM, or give the component a package URL with a version\."
            ),
            "Die Lizenz in einer SBOM angeben oder der Komponente eine Paket-URL mit Version geben.",
        ),
        (
            re.compile(r", or replace the component\."),
            " oder die Komponente ersetzen.",
        ),  # after the sentences that end alike
    ]


def translate_message(text: str, lang: str) -> str:
    """A finding's message or hint, or a verdict's reason, in ``lang`` (phrases known to the table)."""
    if lang != "de" or not text:
        return text
    for pattern, replacement in _messages_de():
        text = pattern.sub(replacement, text)
    return text

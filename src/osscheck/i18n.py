"""Translations of user-facing text. English is the source language; German for the users.

Strings are looked up by their English text (as gettext does), so code stays readable and a
missing translation falls back to English rather than failing.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

from osscheck.errors import PREFIX

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
    "found in its files": "in ihren Dateien gefunden",
    "an input could not be read": "eine Eingabe war nicht lesbar",
}


def _register_entry(described: str) -> str:
    """An exception as PolicyException.describe() names it ("pkg:npm/x 1.x under MIT"), in German."""
    described = described.replace("any package", "jedes Paket", 1)
    described = described.replace("the component ", "die Komponente ", 1)
    return described.replace(" under ", " unter ", 1)


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
            re.compile(r"conflicting licence declarations: (.+); all of them apply: (.+)"),
            r"widersprüchliche Lizenzangaben: \1; es gelten alle: \2",
        ),
        (
            re.compile(
                r"Correct the input that is wrong \(or regenerate the SBOM\); until then the component is "
                r"judged under all of the licences\."
            ),
            "Die falsche Eingabe berichtigen (oder die SBOM neu erzeugen); bis dahin wird die Komponente "
            "nach allen Lizenzen beurteilt.",
        ),
        (
            re.compile(r"dependency groups taken as development: (.+)"),
            r"als Entwicklung gewertete Abhängigkeitsgruppen: \1",
        ),
        (
            re.compile(
                r"Name the groups that are for development in \[tool\.osscheck\] dev-groups; any other "
                r"group is judged\."
            ),
            "Die Gruppen für die Entwicklung in [tool.osscheck] dev-groups nennen; jede andere Gruppe "
            "wird beurteilt.",
        ),
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
                r"licence (.+?) is uncertain \(recognised from (\S+) with confidence ([\d.]+), "
                r"below the policy's threshold of ([\d.]+)\): it counts as an unknown licence"
            ),
            r"Lizenz \1 ist unsicher (aus „\2“ mit Sicherheit \3 erkannt, unter der Schwelle \4 der "
            r"Richtlinie): sie gilt als unbekannte Lizenz",
        ),
        (re.compile(r"accepted by exception: "), "per Ausnahme angenommen: "),
        (
            re.compile(r"the exception for (.+?) expired on (\S+)"),
            lambda m: f"die Ausnahme für {_register_entry(m.group(1))} ist am {m.group(2)} abgelaufen",
        ),
        (
            re.compile(r"the exception for (.+?) matches no component"),
            lambda m: f"die Ausnahme für {_register_entry(m.group(1))} trifft auf keine Komponente zu",
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
        (
            re.compile(r"an SBOM written by osscheck, not read beside the inputs it was made from"),
            "eine von osscheck geschriebene SBOM, neben den Eingaben, aus denen sie entstand, nicht gelesen",
        ),
        # hints
        (
            re.compile(
                r"Name it on the command line to read it; leave it out of the folder if it is stale\."
            ),
            "Zum Lesen auf der Kommandozeile nennen; ist sie veraltet, aus dem Ordner entfernen.",
        ),
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
                r"record an exception \(\[\[exceptions\]\] (package|name) = (\"[^\"]*\"), "
                r"with a justification\)"
            ),
            r"eine Ausnahme mit Begründung eintragen ([[exceptions]] \1 = \2)",
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
        # observed licences
        (
            re.compile(r"its files also carry (.+?), which the declared licence (.+) does not name"),
            r"in ihren Dateien steht außerdem \1, was die erklärte Lizenz \2 nicht nennt",
        ),
        (
            re.compile(
                r"Check whether these files are part of what is used, and record the licence in the SBOM "
                r"or as an exception\."
            ),
            "Prüfen, ob diese Dateien mitgenutzt werden, und die Lizenz in der SBOM oder als Ausnahme "
            "festhalten.",
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


# --- error lines ---------------------------------------------------------------------------------
# An error line is ``osscheck: error: [FILE[:LINE]: ]message``. The prefix and FILE:LINE stay as
# they are in every language (scripts grep for them); only the message is translated, matched as a
# whole against the patterns below. The data in it (file names, ids, numbers, option names, quoted
# values, and the words of a parser or of the operating system) is kept as it is; a message
# without a pattern stays English rather than being guessed.

_QUOTED = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""  # a value as repr() shows it
_KIND_DE = {  # policy.loader._kind_name
    "a string": "eine Zeichenkette",
    "true or false": "true oder false",
    "a number": "eine Zahl",
    "a list": "eine Liste",
}
_KINDS = "|".join(re.escape(k) for k in _KIND_DE)
# readers._source.entry_problem
_ENTRY_KIND_DE = {"table": "eine Tabelle", "object": "ein Objekt", "mapping": "eine Zuordnung"}


def _nested(match: re.Match[str], group: int) -> str:
    """A message of ours inside another one, translated if it is known."""
    return _error_de(match.group(group)) or match.group(group)


@lru_cache(maxsize=1)
def _errors_de() -> list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]:
    """The German error messages, compiled on first use (an English run never needs them)."""
    table: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
        # reading inputs (readers)
        (r"not a regular file", "keine reguläre Datei"),
        (r"no such file or directory", "Datei oder Ordner nicht vorhanden"),
        (
            r"not a format osscheck reads \(SBOM, manifest or lockfile\)",
            "kein Format, das osscheck liest (SBOM, Manifest oder Lockfile)",
        ),
        (
            r"file larger than (\d+) bytes \(OSSCHECK_MAX_FILE_SIZE\)",
            r"Datei größer als \1 Bytes (OSSCHECK_MAX_FILE_SIZE)",
        ),
        (
            r"nested deeper than (\d+) levels \(OSSCHECK_MAX_NESTING\)",
            r"tiefer als \1 Ebenen verschachtelt (OSSCHECK_MAX_NESTING)",
        ),
        (r"nested too deeply", "zu tief verschachtelt"),
        (r"(JSON|TOML) nested too deeply", r"\1 zu tief verschachtelt"),
        (r"too large to read", "zu groß zum Lesen"),
        (r"cannot read: (.+)", r"nicht lesbar: \1"),
        (r"cannot read as (\S+): (.+)", r"als \1 nicht lesbar: \2"),
        (
            r"cannot read included file (.+?): (.+)",
            lambda m: f"eingebundene Datei {m.group(1)} nicht lesbar: {_nested(m, 2)}",
        ),
        (
            r"symlink to a file outside the scanned folder, not followed",
            "symbolischer Link auf eine Datei außerhalb des untersuchten Ordners, nicht gefolgt",
        ),
        (
            r"symlink to a folder outside the scanned folder, not followed",
            "symbolischer Link auf einen Ordner außerhalb des untersuchten Ordners, nicht gefolgt",
        ),
        (
            r"file outside the scanned folder, not read",
            "Datei außerhalb des untersuchten Ordners, nicht gelesen",
        ),
        (
            r"no inputs found \(no SBOM, manifest or lockfile\)",
            "keine Eingaben gefunden (kein SBOM, Manifest oder Lockfile)",
        ),
        (r"binary data, not a text file", "Binärdaten, keine Textdatei"),
        (r"not (\S+) text \(bad byte at offset (\d+)\)", r"kein \1-Text (ungültiges Byte an Position \2)"),
        (r"empty file", "leere Datei"),
        (r"not valid (JSON|YAML|TOML): (.+)", r"kein gültiges \1: \2"),
        (
            rf"duplicate key {_QUOTED} in one JSON object \(only the last one would be read\)",
            r"doppelter Schlüssel \1 in einem JSON-Objekt (nur der letzte würde gelesen)",
        ),
        (r"not valid XML: no root element", "kein gültiges XML: kein Wurzelelement"),
        (r"not valid XML: (.+)", r"kein gültiges XML: \1"),
        (r"not well-formed XML: (.+)", r"kein wohlgeformtes XML: \1"),
        (r"no XML element found", "kein XML-Element gefunden"),
        (
            r"an? (\S+?)( document)? must be a JSON object",
            lambda m: (
                f"ein {m.group(1)}-Dokument muss ein JSON-Objekt sein"
                if m.group(2)
                else f"eine {m.group(1)}-Datei muss ein JSON-Objekt sein"
            ),
        ),
        (r"'([^']*)' must be a list, not (\w+)", r"'\1' muss eine Liste sein, nicht \2"),
        (r"'([^']*)' must be an object, not (\w+)", r"'\1' muss ein Objekt sein, nicht \2"),
        (r"'([^']*)' must be an array, not (\w+)", r"'\1' muss ein Array sein, nicht \2"),
        (
            r"'([^']*)' must be an array of tables, not (\w+)",
            r"'\1' muss ein Array von Tabellen sein, nicht \2",
        ),
        (
            r"'([^']*)' must be an array of tables \((\[\[[^\]]*\]\])\)",
            r"'\1' muss ein Array von Tabellen sein (\2)",
        ),
        (r"refused: (.+)", lambda m: f"abgelehnt: {_nested(m, 1)}"),
        (
            r"the XML declares entities \(entity expansion and external entities are not read\)",
            "das XML deklariert Entitäten (sie werden weder expandiert noch von außen geladen)",
        ),
        (r"the XML declares entities \((\w+)\)", r"das XML deklariert Entitäten (\1)"),
        (
            r"the XML refers to an external resource, which is not fetched",
            "das XML verweist auf eine externe Ressource, die nicht abgerufen wird",
        ),
        (r"the XML has a document type declaration", "das XML enthält eine Dokumenttyp-Deklaration"),
        # SBOMs
        (
            r"not a CycloneDX document \(bomFormat is not 'CycloneDX'\)",
            "kein CycloneDX-Dokument (bomFormat ist nicht 'CycloneDX')",
        ),
        (
            r"not a CycloneDX XML document \(root element <([^>]*)>(?: in (\S+))?, "
            r"expected <bom> in the namespace (\S+)\)",
            lambda m: (
                f"kein CycloneDX-XML-Dokument (Wurzelelement <{m.group(1)}>"
                f"{f' im Namensraum {m.group(2)}' if m.group(2) else ''}, "
                f"erwartet wird <bom> im Namensraum {m.group(3)})"
            ),
        ),
        (
            r"not an SPDX (JSON|YAML) document \(no spdxVersion\)",
            r"kein SPDX-\1-Dokument (spdxVersion fehlt)",
        ),
        (
            r"not an SPDX tag-value document \(no SPDXVersion tag\)",
            "kein SPDX-Tag-Value-Dokument (Tag SPDXVersion fehlt)",
        ),
        (
            r"not an SPDX 3 JSON-LD document \(no @graph or elements list\)",
            "kein SPDX-3-JSON-LD-Dokument (weder @graph noch eine Liste elements)",
        ),
        (
            r"not an SPDX 3 document \(no SPDX context and no SPDX element types\)",
            "kein SPDX-3-Dokument (weder SPDX-Kontext noch SPDX-Elementtypen)",
        ),
        (r"<text> of (\S+) is not closed by </text>", r"<text> von \1 wird nicht mit </text> geschlossen"),
        # manifests and lockfiles
        (r"not an? (\S+): no ('[^']*')", r"kein \1: \2 fehlt"),
        (r"empty lockfile", "leeres Lockfile"),
        (r"entry without a name", "Eintrag ohne Namen"),
        (r"'([^']*)' must be a string, not (\w+)", r"'\1' muss eine Zeichenkette sein, nicht \2"),
        (
            r"entry must be an? (table|object|mapping), not (\w+)",
            lambda m: f"Eintrag muss {_ENTRY_KIND_DE[m.group(1)]} sein, nicht {m.group(2)}",
        ),
        (
            r"not a gem line \(expected 'name \(version\)'\)",
            "keine Zeile eines Gems (erwartet wird 'name (version)')",
        ),
        (
            r"not a Gemfile\.lock: no GEM, GIT, PATH or DEPENDENCIES section",
            "kein Gemfile.lock: kein Abschnitt GEM, GIT, PATH oder DEPENDENCIES",
        ),
        (r"not a gemspec: no Gem::Specification", "keine gemspec: kein Gem::Specification"),
        (
            r"not a Maven POM: the root element is <([^>]*)>, not <project>",
            r"kein Maven-POM: das Wurzelelement ist <\1>, nicht <project>",
        ),
        (
            r"properties expand to more than (\d+) characters",
            r"Properties ergeben ausgeschrieben mehr als \1 Zeichen",
        ),
        (
            r"properties refer to each other more than (\d+) levels deep, or in a circle",
            r"Properties verweisen mehr als \1 Ebenen tief oder im Kreis aufeinander",
        ),
        (r"-r needs a file name", "-r braucht einen Dateinamen"),
        (
            r"not a yarn\.lock entry \(expected 'name@range:'\)",
            "kein Eintrag eines yarn.lock (erwartet wird 'name@range:')",
        ),
        (r"indented line before the first entry", "eingerückte Zeile vor dem ersten Eintrag"),
        (
            r"a yarn\.lock must be a mapping of entries",
            "ein yarn.lock muss eine Zuordnung von Einträgen sein",
        ),
        (r"unterminated quoted string", "Zeichenkette in Anführungszeichen nicht abgeschlossen"),
        (
            r"unknown directive '([^']*)' \(not a go\.mod file\?\)",
            r"unbekannte Anweisung '\1' (keine go.mod-Datei?)",
        ),
        (r"no 'module' directive \(not a go\.mod file\?\)", "keine Anweisung 'module' (keine go.mod-Datei?)"),
        (r"'([^']*) \(' block is never closed", r"der Block '\1 (' wird nicht geschlossen"),
        (r"a replace needs '=>'", "ein replace braucht '=>'"),
        (
            r"a replace is 'module \[version\] => module version' or '=> folder'",
            "ein replace lautet 'module [version] => module version' oder '=> folder'",
        ),
        (r"a require is 'module version'", "ein require lautet 'module version'"),
        (r"not a valid setup\.cfg: (.+)", lambda m: f"keine gültige setup.cfg: {_nested(m, 1)}"),
        (r"before any \[section\]", "vor dem ersten [Abschnitt]"),
        (r"not a 'key = value' line", "keine Zeile der Form 'key = value'"),
        (r"no installed packages found", "keine installierten Pakete gefunden"),
        (r"no site-packages folder in this environment", "kein Ordner site-packages in dieser Umgebung"),
        (
            r"no installed distributions \(\*\.dist-info\) found",
            "keine installierten Distributionen (*.dist-info) gefunden",
        ),
        # policies
        (
            r"policies extend each other in a circle: (.+)",
            r"Richtlinien erweitern sich gegenseitig im Kreis: \1",
        ),
        (r"cannot read policy: (.+)", r"Richtlinie nicht lesbar: \1"),
        (r"policy is not UTF-8 text", "die Richtlinie ist kein UTF-8-Text"),
        (
            rf"no such policy: {_QUOTED} \(a file, or one of: (.+)\)",
            r"unbekannte Richtlinie: \1 (eine Datei oder eine von: \2)",
        ),
        (
            rf"unknown table or key {_QUOTED} \(expected one of: (.+)\)",
            r"unbekannte Tabelle oder unbekannter Schlüssel \1 (erwartet wird eines von: \2)",
        ),
        (r"(\[\w+\]) must be a table", r"\1 muss eine Tabelle sein"),
        (
            rf"unknown key {_QUOTED} in (\[\w+\]|\[\[\w+\]\]) \(known keys: (.+)\)",
            r"unbekannter Schlüssel \1 in \2 (bekannte Schlüssel: \3)",
        ),
        (
            rf"(\[\w+\]) (\S+) must be one of (.+), not {_QUOTED}",
            r"\1 \2 muss eines von \3 sein, nicht \4",
        ),
        (
            rf"(\[\w+\] )?([\w-]+) must be ({_KINDS})(?:, not (.+))?",
            lambda m: (
                f"{m.group(1) or ''}{m.group(2)} muss {_KIND_DE[m.group(3)]} sein"
                f"{f', nicht {m.group(4)}' if m.group(4) else ''}"
            ),
        ),
        (
            r"\[policy\] min-confidence must be between 0 and 1",
            "[policy] min-confidence muss zwischen 0 und 1 liegen",
        ),
        (r"(\[\w+\] \S+) must be a list of strings", r"\1 muss eine Liste von Zeichenketten sein"),
        (
            r"\[licenses\] (\S+) must be a list of licence expressions",
            r"[licenses] \1 muss eine Liste von Lizenzausdrücken sein",
        ),
        (r"\[policy\] needs a name", "[policy] braucht einen Namen"),
        (rf"unknown category {_QUOTED} \(known: (.+)\)", r"unbekannte Kategorie \1 (bekannt: \2)"),
        (
            r"exceptions must be written as \[\[exceptions\]\] tables",
            "exceptions muss als [[exceptions]]-Tabellen geschrieben werden",
        ),
        (
            r"each \[\[exceptions\]\] entry must be a table",
            "jeder Eintrag in [[exceptions]] muss eine Tabelle sein",
        ),
        (
            r"expires must be a date such as 2027-03-01, not (.+)",
            r"expires muss ein Datum wie 2027-03-01 sein, nicht \1",
        ),
        (
            r"an exception needs a justification \(why this licence is acceptable here\)",
            "eine Ausnahme braucht eine Begründung (warum diese Lizenz hier annehmbar ist)",
        ),
        (
            r"an exception needs a package \(purl\), a name or a license",
            "eine Ausnahme braucht ein package (purl), einen name oder eine license",
        ),
        (r"name must not be empty", "name darf nicht leer sein"),
        (
            r"package must be a purl such as pkg:pypi/requests, not (.+)",
            r"package muss eine purl wie pkg:pypi/requests sein, nicht \1",
        ),
        (r"package is not a valid purl: (.+)", r"package ist keine gültige purl: \1"),
        (
            r"give the version either in the purl or in 'version', not both",
            "die Version entweder in der purl oder in 'version' angeben, nicht in beiden",
        ),
        (
            rf"bad licence expression {_QUOTED}: (.+)",
            lambda m: f"ungültiger Lizenzausdruck {m.group(1)}: {_nested(m, 2)}",
        ),
        (rf"{_QUOTED} is not a licence", r"\1 ist keine Lizenz"),
        # licence expressions
        (r"a licence expression must be text, not (\w+)", r"ein Lizenzausdruck muss Text sein, nicht \1"),
        (r"licence expression longer than (\d+) characters", r"Lizenzausdruck länger als \1 Zeichen"),
        (r"licence expression nested too deeply", "Lizenzausdruck zu tief verschachtelt"),
        (rf"empty brackets in the licence expression {_QUOTED}", r"leere Klammern im Lizenzausdruck \1"),
        (
            r"(\S+) is a licence exception and needs 'LICENCE WITH \1'",
            r"\1 ist eine Lizenzausnahme und braucht 'LICENCE WITH \1'",
        ),
        (
            rf"not a valid licence expression: {_QUOTED} \((.+)\)",
            r"kein gültiger Lizenzausdruck: \1 (\2)",
        ),
        (rf"{_QUOTED} is not a licence exception id", r"\1 ist keine Kennung einer Lizenzausnahme"),
        (rf"{_QUOTED} is not an SPDX licence id", r"\1 ist keine SPDX-Lizenzkennung"),
        (r"unexpected part of a licence expression: (.+)", r"unerwarteter Teil eines Lizenzausdrucks: \1"),
        # configuration
        (r"cannot read the configuration: (.+)", r"Konfiguration nicht lesbar: \1"),
        (
            rf"unknown key {_QUOTED} in the osscheck configuration \(known: (.+)\)",
            r"unbekannter Schlüssel \1 in der osscheck-Konfiguration (bekannt: \2)",
        ),
        (
            r"osscheck configuration: (\S+) has the wrong type",
            r"osscheck-Konfiguration: \1 hat den falschen Typ",
        ),
        (
            rf"osscheck configuration: (\S+) must be one of (.+), not {_QUOTED}",
            r"osscheck-Konfiguration: \1 muss eines von \2 sein, nicht \3",
        ),
        (
            r"osscheck configuration: sources: unknown source (.+) \(known: (.+)\)",
            r"osscheck-Konfiguration: sources: unbekannte Quelle \1 (bekannt: \2)",
        ),
        (
            r"osscheck configuration: (\S+) must be a number of at least (\S+)",
            r"osscheck-Konfiguration: \1 muss eine Zahl von mindestens \2 sein",
        ),
        (rf"([\w-]+): {_QUOTED} is not an http\(s\) URL", r"\1: \2 ist keine http(s)-URL"),
        # the command line, the output and the look-up cache
        (rf"unknown format {_QUOTED} \(known: (.+)\)", r"unbekanntes Format \1 (bekannt: \2)"),
        (r"option (\S+) needs a value", r"Option \1 braucht einen Wert"),
        (rf"(\S+) must be one of (.+), not {_QUOTED}", r"\1 muss eines von \2 sein, nicht \3"),
        (r"(--\S+) must be one of (.+)", r"\1 muss eines von \2 sein"),
        (r"no such option: (\S+)", r"unbekannte Option: \1"),
        (rf"--outbound {_QUOTED} is not a licence", r"--outbound \1 ist keine Lizenz"),
        (r"--outbound: (.+)", lambda m: f"--outbound: {_nested(m, 1)}"),
        (r"cannot write the report: (.+)", r"der Bericht kann nicht geschrieben werden: \1"),
        (
            r'online look-ups need requests and requests-cache: pip install "osscheck\[online\]"',
            'Online-Abfragen brauchen requests und requests-cache: pip install "osscheck[online]"',
        ),
        (
            r"cannot create the cache folder: (.+)",
            r"der Ordner des Zwischenspeichers kann nicht angelegt werden: \1",
        ),
        (
            r"the look-up cache cannot be used \((.+)\); delete it and run again",
            r"der Zwischenspeicher der Abfragen ist nicht nutzbar (\1); bitte löschen und erneut ausführen",
        ),
        (r"internal error \((.+)\); please report it", r"interner Fehler (\1); bitte melden"),
        (r"interrupted", "abgebrochen"),
        (r"aborted", "abgebrochen"),
        # last: the more particular "cannot read ...: " messages come first
        (r"cannot read (\S+): (.+)", lambda m: f"{m.group(1)} nicht lesbar: {_nested(m, 2)}"),
    ]
    return [(re.compile(pattern), replacement) for pattern, replacement in table]


def _error_de(message: str) -> str | None:
    for pattern, replacement in _errors_de():
        match = pattern.fullmatch(message)
        if match:
            return replacement(match) if callable(replacement) else match.expand(replacement)
    return None


def translate_error(line: str, lang: str) -> str:
    """An ``osscheck: error: [FILE[:LINE]: ]message`` line with the message in ``lang``.

    Unchanged in English, and when the message is not in the table.
    """
    if lang != "de" or not line.startswith(PREFIX):
        return line
    rest = line[len(PREFIX) :]
    # The line does not say where FILE:LINE ends (a file name may hold ": " too): the first split
    # that leaves a known message wins, starting with the whole rest (an error without a file).
    start = 0
    while True:
        german = _error_de(rest[start:])
        if german is not None:
            return f"{PREFIX}{rest[:start]}{german}"
        found = rest.find(": ", start)
        if found < 0:
            return line
        start = found + 2

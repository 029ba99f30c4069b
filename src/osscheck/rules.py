"""The rules that osscheck's findings follow: one record per rule, the way cargo-deny keeps one list.

Each rule has the id its findings carry (``Finding.rule``), a default severity, and a title, a help
paragraph and a hint (what to do) in English and German. The stages that emit findings take the
severity from here (a case may make a finding milder or worse, as an expired exception of a
component under review is a warning); SARIF describes its rules from here, the German HTML report
leads its findings with the German title and hint, and ``docs/rules.md`` is generated from here:
``python -m osscheck.rules > docs/rules.md``. A finding's own message and hint (with the component
and licences of the case) stay with the code that emits it.

Plain strings and no imports beyond the model: the evaluation imports this on the pre-commit path.
"""

from __future__ import annotations

from osscheck.model import FrozenRecord, Severity

_ERROR, _WARNING, _NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE


class Rule(FrozenRecord):
    """One kind of finding. ``german_summary``: the German HTML report shows ``title_de`` and
    ``hint_de`` in place of the finding's translated English (the rules it has done so for; the
    others show their own message and hint, translated)."""

    _fields = ("id", "severity", "title", "help", "hint", "title_de", "help_de", "hint_de", "german_summary")

    def __init__(
        self,
        id: str,
        severity: Severity,
        en: tuple[str, str, str],  # title, help, hint
        de: tuple[str, str, str],
        german_summary: bool = True,
    ) -> None:
        self.id = id
        self.severity = severity
        self.title = en[0]
        self.help = en[1]
        self.hint = en[2]
        self.title_de = de[0]
        self.help_de = de[1]
        self.hint_de = de[2]
        self.german_summary = german_summary


# SARIF numbers its rules in this order (ruleIndex): add a new rule at the end
RULES: tuple[Rule, ...] = (
    Rule(
        "denied-license",
        _ERROR,
        (
            "A dependency's licence is denied by the policy.",
            "The component's licence is on the policy's deny list, or its category (for example "
            "source-available, non-commercial or proprietary) is denied in this context.",
            "Replace the component with one under an allowed licence. If it is indispensable, record an "
            "exception in the policy's justification register ([[exceptions]] with package, licence, "
            "justification, approved-by and an expiry date).",
        ),
        (
            "Die Lizenz ist nach der Richtlinie nicht erlaubt.",
            "Die Lizenz der Komponente steht auf der Verbotsliste der Richtlinie, oder ihre Kategorie "
            "(zum Beispiel source-available, nicht-kommerziell oder proprietär) ist in diesem Kontext "
            "verboten.",
            "Komponente ersetzen oder eine Ausnahme mit Begründung ins Register eintragen.",
        ),
    ),
    Rule(
        "incompatible-license",
        _ERROR,
        (
            "A dependency's licence is incompatible with the project's outbound licence.",
            "The project is published under its outbound licence; a dependency whose licence cannot be "
            "combined with it (for example GPL-3.0-only under EUPL-1.2) cannot ship with the project.",
            "Replace the component, publish the project under a licence that can carry the dependency "
            "(run `osscheck explain` to see the reasoning), or record an exception with a justification.",
        ),
        (
            "Die Lizenz ist mit der Lizenz des Projekts nicht vereinbar.",
            "Das Projekt wird unter seiner ausgehenden Lizenz veröffentlicht; eine Abhängigkeit, deren "
            "Lizenz sich nicht mit ihr verbinden lässt (zum Beispiel GPL-3.0-only unter EUPL-1.2), kann "
            "nicht mit dem Projekt ausgeliefert werden.",
            "Komponente ersetzen, unter einer passenden Lizenz veröffentlichen oder eine Ausnahme eintragen.",
        ),
    ),
    Rule(
        "unknown-license",
        _ERROR,
        (
            "No licence could be determined for a dependency.",
            "The input declares no licence, NOASSERTION, or a licence that is not on the SPDX licence "
            "list. Unknown licences never pass silently: they get the policy's `unknown` verdict.",
            "Find the licence and declare it as an SPDX id upstream or in an SBOM, try `--online` to look "
            "it up, or record an exception if the component is cleared by other means.",
        ),
        (
            "Die Lizenz ist unbekannt; unbekannte Lizenzen werden nie stillschweigend akzeptiert.",
            "Die Eingabe erklärt keine Lizenz, NOASSERTION oder eine Lizenz, die nicht auf der "
            "SPDX-Lizenzliste steht. Unbekannte Lizenzen gehen nie stillschweigend durch: sie erhalten "
            "das Urteil `unknown` der Richtlinie.",
            "Lizenz ermitteln (beim Hersteller, im Paket, mit --online) oder eine Ausnahme mit Begründung "
            "eintragen.",
        ),
    ),
    Rule(
        "review-required",
        _WARNING,
        (
            "A dependency's licence needs a review before shipping.",
            "The policy neither allows nor denies this licence outright (for example strong copyleft, or "
            "a proprietary component that needs a recorded justification).",
            "Have the component reviewed (OSPO, legal). When it is accepted, record an exception with the "
            "justification and an expiry date; otherwise replace it.",
        ),
        (
            "Die Lizenz muss geprüft und entschieden werden.",
            "Die Richtlinie erlaubt oder verbietet diese Lizenz nicht ohne Weiteres (zum Beispiel starkes "
            "Copyleft, oder eine proprietäre Komponente, die eine festgehaltene Begründung braucht).",
            "Prüfen und entscheiden; bei Zustimmung eine Ausnahme mit Begründung eintragen.",
        ),
    ),
    Rule(
        "compatibility-unclear",
        _WARNING,
        (
            "Whether a dependency's licence fits the outbound licence is unclear.",
            "The compatibility data have no clear answer for this pair of licences, so the component "
            "needs a human decision.",
            "Check the combination by hand (for example with the Joinup Licensing Assistant) and record "
            "the decision as an exception.",
        ),
        (
            "Ob die Lizenz mit der Lizenz des Projekts vereinbar ist, ist unklar.",
            "Die Daten zur Vereinbarkeit geben für dieses Lizenzpaar keine klare Antwort; über die "
            "Komponente muss ein Mensch entscheiden.",
            "Vereinbarkeit fachlich prüfen lassen und das Ergebnis dokumentieren.",
        ),
    ),
    Rule(
        "low-confidence",
        _WARNING,
        (
            "A dependency's licence was recognised from free text with low confidence.",
            "The licence was guessed from a name, URL or text rather than read as an SPDX id, with a "
            "confidence below the policy's threshold.",
            "Check the declared licence by hand and record the SPDX id upstream or in an SBOM.",
        ),
        (
            "Die Lizenz wurde nur unsicher erkannt.",
            "Die Lizenz wurde aus einem Namen, einer URL oder einem Text erschlossen statt als "
            "SPDX-Kennung gelesen, mit einer Sicherheit unter der Schwelle der Richtlinie.",
            "Die angegebene Lizenz von Hand prüfen und als SPDX-Kennung festhalten.",
        ),
    ),
    Rule(
        "observed-license",
        _WARNING,
        (
            "A dependency's files carry a licence its declared licence does not name.",
            "A scanner recorded the licences it found in the component's files (CycloneDX evidence, SPDX "
            "licenseInfoFromFiles); one of them is not part of the licence the component declares, so "
            "some of its files may come under other terms.",
            "Check whether these files are part of what is used, and record the licence in the SBOM or as "
            "an exception.",
        ),
        (
            "In den Dateien der Komponente steht eine Lizenz, die die erklärte nicht nennt.",
            "Ein Scanner hat die Lizenzen festgehalten, die er in den Dateien der Komponente fand "
            "(CycloneDX evidence, SPDX licenseInfoFromFiles); eine davon gehört nicht zu der Lizenz, die "
            "die Komponente erklärt, also stehen manche ihrer Dateien womöglich unter anderen Bedingungen.",
            "Prüfen, ob diese Dateien mitgenutzt werden, und die Lizenz in der SBOM oder als Ausnahme "
            "festhalten.",
        ),
    ),
    Rule(
        "expired-exception",
        _ERROR,
        (
            "An exception in the justification register has expired.",
            "The exception that accepted this component is past its expiry date and no longer applies.",
            "Renew the justification with a new expiry date, or replace the component.",
        ),
        (
            "Die Ausnahme für diese Komponente ist abgelaufen.",
            "Die Ausnahme, die diese Komponente akzeptierte, ist über ihr Ablaufdatum hinaus und gilt "
            "nicht mehr.",
            "Begründung mit neuem Ablaufdatum erneuern oder die Komponente ersetzen.",
        ),
    ),
    Rule(
        "exception-applied",
        _NOTE,
        (
            "A dependency is accepted by a recorded exception.",
            "The component would need a review or be denied, but an unexpired exception in the "
            "justification register accepts it.",
            "Nothing to do until the exception expires; review the justification before then.",
        ),
        (
            "Eine Ausnahme im Register akzeptiert die Komponente.",
            "Die Komponente müsste geprüft werden oder wäre verboten, aber eine nicht abgelaufene "
            "Ausnahme im Register akzeptiert sie.",
            "Nichts zu tun, bis die Ausnahme abläuft; die Begründung vorher prüfen.",
        ),
        german_summary=False,
    ),
    Rule(
        "unused-exception",
        _NOTE,
        (
            "An exception in the justification register matches no component.",
            "The register lists an exception for a package that is not among the scanned components.",
            "Remove the exception from the register if the component is gone.",
        ),
        (
            "Eine Ausnahme im Register trifft auf keine Komponente zu.",
            "Das Register enthält eine Ausnahme für ein Paket, das nicht unter den geprüften Komponenten "
            "ist.",
            "Aus dem Register entfernen, wenn die Komponente nicht mehr genutzt wird.",
        ),
    ),
    Rule(
        "outbound-not-osi",
        _ERROR,
        (
            "The project's own licence is not OSI-approved.",
            "Software published by a public administration must carry an OSI-approved licence under this "
            "policy.",
            "Publish under an OSI-approved licence such as EUPL-1.2.",
        ),
        (
            "Die Lizenz des Projekts ist nicht von der OSI anerkannt.",
            "Software, die eine öffentliche Verwaltung veröffentlicht, muss nach dieser Richtlinie unter "
            "einer von der OSI anerkannten Lizenz stehen.",
            "Unter einer OSI-anerkannten Lizenz wie der EUPL-1.2 veröffentlichen.",
        ),
    ),
    Rule(
        "missing-license-file",
        _ERROR,
        (
            "The repository has no LICENSE file.",
            "The policy requires the full text of the project's licence in the repository.",
            "Add a LICENSE file with the full licence text (REUSE: LICENSES/<id>.txt).",
        ),
        (
            "Dem Repository fehlt eine LICENSE-Datei.",
            "Die Richtlinie verlangt den vollen Text der Lizenz des Projekts im Repository.",
            "Eine LICENSE-Datei mit dem vollen Lizenztext ergänzen (REUSE: LICENSES/).",
        ),
    ),
    Rule(
        "missing-sbom",
        _WARNING,
        (
            "No SBOM was found among the inputs.",
            "The policy expects a CycloneDX or SPDX SBOM to be published with the code.",
            "Generate an SBOM and publish it with the code; `osscheck check -f spdx` writes one.",
        ),
        (
            "Unter den Eingaben ist keine SBOM (CycloneDX oder SPDX).",
            "Die Richtlinie erwartet, dass mit dem Code eine SBOM (CycloneDX oder SPDX) veröffentlicht wird.",
            "Eine SBOM erzeugen und mit dem Code veröffentlichen (osscheck check -f spdx).",
        ),
    ),
    Rule(
        "non-standard-license",
        _WARNING,
        (
            "A dependency's licence has no SPDX id.",
            "A registry (deps.dev, ClearlyDefined) knows the component's licence but cannot name it with "
            "an SPDX id. It is not unknown, but a person has to read it, so the component needs a review.",
            "Read the licence (see the component's source URL) and record an exception with a "
            "justification, or replace the component.",
        ),
        (
            "Die Lizenz der Komponente hat keine SPDX-Kennung.",
            "Ein Register (deps.dev, ClearlyDefined) kennt die Lizenz der Komponente, kann sie aber nicht "
            "mit einer SPDX-Kennung benennen. Sie ist nicht unbekannt, muss aber von einem Menschen "
            "gelesen werden; die Komponente muss daher geprüft werden.",
            "Die Lizenz lesen (siehe die Quell-URL der Komponente) und eine Ausnahme mit Begründung "
            "eintragen, oder die Komponente ersetzen.",
        ),
        german_summary=False,
    ),
    Rule(
        "conflicting-declarations",
        _ERROR,
        (
            "The inputs declare different licences for one component.",
            "Two or more inputs (a lockfile and an SBOM, say) name the same component with licences that "
            "do not agree. Which one is right cannot be told from the inputs, so the component is judged "
            "under all of them.",
            "Correct the input that is wrong (or regenerate the SBOM); until then the component is judged "
            "under all of the licences.",
        ),
        (
            "Die Eingaben erklären für eine Komponente verschiedene Lizenzen.",
            "Zwei oder mehr Eingaben (etwa eine Lockdatei und eine SBOM) nennen dieselbe Komponente mit "
            "Lizenzen, die nicht übereinstimmen. Welche stimmt, lässt sich den Eingaben nicht entnehmen; "
            "die Komponente wird daher nach allen beurteilt.",
            "Die falsche Eingabe berichtigen (oder die SBOM neu erzeugen); bis dahin wird die Komponente "
            "nach allen Lizenzen beurteilt.",
        ),
        german_summary=False,
    ),
    Rule(
        "license-mismatch",
        _WARNING,
        (
            "A registry names another licence than the input declares.",
            "An online look-up (deps.dev, ClearlyDefined, PyPI, npm) answered with a licence that differs "
            "from the declared one. The declared licence is kept and judged; the difference may be a "
            "wrong declaration or a change of licence between versions.",
            "Check the licence of this version (its LICENSE file, the registry's page) and correct the "
            "input or record the decision as an exception.",
        ),
        (
            "Ein Register nennt eine andere Lizenz, als die Eingabe erklärt.",
            "Eine Online-Abfrage (deps.dev, ClearlyDefined, PyPI, npm) ergab eine andere Lizenz als die "
            "erklärte. Die erklärte Lizenz bleibt und wird beurteilt; der Unterschied kann eine falsche "
            "Angabe sein oder ein Lizenzwechsel zwischen Versionen.",
            "Die Lizenz dieser Version prüfen (ihre LICENSE-Datei, die Seite des Registers) und die "
            "Eingabe berichtigen oder die Entscheidung als Ausnahme eintragen.",
        ),
        german_summary=False,
    ),
    Rule(
        "lookup-failed",
        _NOTE,
        (
            "A licence could not be looked up.",
            "The component's licence is unknown or uncertain and no look-up source answered: offline the "
            "cache had no answer, or a service failed, or no source knows packages of this kind. The "
            "licence stays as the input gave it (an unknown licence is judged as unknown). A warning when "
            "a service could not be reached, a note otherwise.",
            "Run once with --online to fill the cache, or declare the licence in an SBOM.",
        ),
        (
            "Eine Lizenz konnte nicht nachgeschlagen werden.",
            "Die Lizenz der Komponente ist unbekannt oder unsicher, und keine Quelle hat geantwortet: "
            "offline hatte der Zwischenspeicher keine Antwort, oder ein Dienst ist ausgefallen, oder keine "
            "Quelle kennt Pakete dieser Art. Die Lizenz bleibt, wie die Eingabe sie angab (eine unbekannte "
            "Lizenz wird als unbekannt beurteilt). Eine Warnung, wenn ein Dienst nicht erreichbar war, "
            "sonst ein Hinweis.",
            "Einmal mit --online ausführen, um den Zwischenspeicher zu füllen, oder die Lizenz in einer "
            "SBOM angeben.",
        ),
        german_summary=False,
    ),
    Rule(
        "dev-groups",
        _NOTE,
        (
            "Dependency groups were taken as development-only.",
            "A manifest or lockfile has named dependency groups, and osscheck took some of them as "
            "development-only by their names. Development dependencies are not shipped, so they are not "
            "judged unless the policy or --include-dev asks for it.",
            "Name the groups that are for development in [tool.osscheck] dev-groups; any other group is "
            "judged.",
        ),
        (
            "Abhängigkeitsgruppen wurden als reine Entwicklung gewertet.",
            "Ein Manifest oder eine Lockdatei hat benannte Abhängigkeitsgruppen, und osscheck hat einige "
            "davon nach ihrem Namen als reine Entwicklung gewertet. Abhängigkeiten für die Entwicklung "
            "werden nicht ausgeliefert und deshalb nicht beurteilt, außer die Richtlinie oder "
            "--include-dev verlangt es.",
            "Die Gruppen für die Entwicklung in [tool.osscheck] dev-groups nennen; jede andere Gruppe wird "
            "beurteilt.",
        ),
        german_summary=False,
    ),
    Rule(
        "own-sbom-not-read",
        _NOTE,
        (
            "An SBOM written by osscheck was set aside.",
            "A searched folder holds an SBOM that osscheck wrote, beside the inputs it was made from. It "
            "repeats what they say, perhaps from an older state, so it is not read with them.",
            "Name it on the command line to read it; leave it out of the folder if it is stale.",
        ),
        (
            "Eine von osscheck geschriebene SBOM wurde nicht gelesen.",
            "Ein durchsuchter Ordner enthält eine SBOM, die osscheck geschrieben hat, neben den Eingaben, "
            "aus denen sie entstand. Sie wiederholt, was diese sagen, vielleicht in einem älteren Stand, "
            "und wird deshalb nicht mit ihnen gelesen.",
            "Zum Lesen auf der Kommandozeile nennen; ist sie veraltet, aus dem Ordner entfernen.",
        ),
        german_summary=False,
    ),
)
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def severity(rule_id: str) -> Severity:
    """The default severity of a rule's findings (a ``KeyError`` for an id not registered here)."""
    return BY_ID[rule_id].severity


# --- docs/rules.md -------------------------------------------------------------------------------

_INTRO = (
    "Every finding osscheck reports follows one of these rules; the rule's id is the finding's "
    "`rule` in the JSON, SARIF, JUnit and GitLab reports. The severity is the default: some findings "
    "are milder or worse in a particular case (a licence under review is a warning where a denied one "
    "is an error). Each finding also carries its own message and hint, naming the component and the "
    "licences of the case."
)
_INTRO_DE = (
    "Jeder Befund von osscheck folgt einer dieser Regeln; ihre Kennung ist die `rule` des Befunds in "
    "den Berichten als JSON, SARIF, JUnit und für GitLab. Der Schweregrad ist die Vorgabe: im "
    "Einzelfall ist ein Befund milder oder schwerer (eine zu prüfende Lizenz ist eine Warnung, wo eine "
    "verbotene ein Fehler ist). Jeder Befund hat außerdem eine eigene Meldung und einen eigenen Hinweis, "
    "die die Komponente und die Lizenzen des Falls nennen."
)


def markdown() -> str:
    """``docs/rules.md``: one section per rule, in English and German."""
    from osscheck.i18n import translate

    out = [
        "# Rules / Regeln",
        "",
        "<!-- generated by `python -m osscheck.rules > docs/rules.md` from src/osscheck/rules.py; "
        "do not edit -->",
        "",
        _INTRO,
        "",
        _INTRO_DE,
    ]
    for r in RULES:
        level = str(r.severity)
        r = Rule(r.id, r.severity, _md(r.title, r.help, r.hint), _md(r.title_de, r.help_de, r.hint_de))
        out += [
            "",
            f"## `{r.id}`",
            "",
            f"Severity: {level}. **{r.title}**",
            "",
            r.help,
            "",
            f"What to do: {r.hint}",
        ]
        out += ["", f"Schweregrad: {translate(level, 'de')}. **{r.title_de}**", "", r.help_de, ""]
        out.append(f"Was tun: {r.hint_de}")
    return "\n".join(out) + "\n"


def _md(*texts: str) -> tuple[str, str, str]:
    """Texts as Markdown shows them: ``<id>`` would be taken for an HTML tag."""
    title, help, hint = (t.replace("<", "&lt;") for t in texts)
    return title, help, hint


if __name__ == "__main__":
    import sys

    sys.stdout.write(markdown())

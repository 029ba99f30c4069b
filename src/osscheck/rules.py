"""The rules that osscheck's findings follow: one record per rule, the way cargo-deny keeps one list.

Each rule has the id its findings carry (``Finding.rule``), a default severity and the flags the
reports read; its title, help paragraph and hint (what to do) are in the message catalogues
(``rule.<id>.title|help|hint`` in osscheck.catalogue.en and .de). The stages that emit findings take
the severity from here (a case may make a finding milder or worse, as an expired exception of a
component under review is a warning); SARIF describes its rules from here, the German HTML report
leads its findings with the German title and hint, and ``docs/rules.md`` is generated from here:
``python -m osscheck.rules > docs/rules.md``. A finding's own message and hint (with the component
and licences of the case) are messages of the code that emits it.

No imports beyond the model and the messages: the evaluation imports this on the pre-commit path.
"""

from __future__ import annotations

from osscheck.messages import Message, render
from osscheck.model import FrozenRecord, Severity

_ERROR, _WARNING, _NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE


class Rule(FrozenRecord):
    """One kind of finding: its id, its default severity, and how the reports treat it.

    ``problem``: a finding of the rule is something to fix (an applied exception is not, and the CI
    formats leave it out); ``minor``: a warning of the rule is minor in GitLab's code quality report;
    ``german_summary``: the German HTML report leads the finding with the rule's German title and
    hint (the rules it has always done so for; the others show their own message and hint).
    The title, help paragraph and hint are in the catalogues, as ``rule.<id>.title|help|hint``.
    """

    def __init__(
        self,
        id: str,
        severity: Severity,
        problem: bool = True,
        minor: bool = False,
        german_summary: bool = True,
    ) -> None:
        self.id = id
        self.severity = severity
        self.problem = problem
        self.minor = minor
        self.german_summary = german_summary

    def text(self, part: str, lang: str = "en") -> str:
        """The rule's ``title``, ``help`` or ``hint`` in ``lang``."""
        return render(Message(f"rule.{self.id}.{part}"), lang)  # codes: three per rule, tested

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def help(self) -> str:
        return self.text("help")

    @property
    def hint(self) -> str:
        return self.text("hint")


# SARIF numbers its rules in this order (ruleIndex): add a new rule at the end
RULES: tuple[Rule, ...] = (
    Rule("denied-license", _ERROR),
    Rule("incompatible-license", _ERROR),
    Rule("unknown-license", _ERROR),
    Rule("review-required", _WARNING),
    Rule("compatibility-unclear", _WARNING, minor=True),
    Rule("low-confidence", _WARNING, minor=True),
    Rule("observed-license", _WARNING),
    Rule("expired-exception", _ERROR),
    Rule("exception-applied", _NOTE, problem=False, german_summary=False),
    Rule("unused-exception", _NOTE),
    Rule("outbound-not-osi", _ERROR),
    Rule("missing-license-file", _ERROR),
    Rule("missing-sbom", _WARNING),
    Rule("non-standard-license", _WARNING, german_summary=False),
    Rule("conflicting-declarations", _ERROR, german_summary=False),
    Rule("license-mismatch", _WARNING, german_summary=False),
    Rule("lookup-failed", _NOTE, german_summary=False),
    Rule("dev-groups", _NOTE, german_summary=False),
    Rule("own-sbom-not-read", _NOTE, german_summary=False),
    Rule("staged-deny", _WARNING, german_summary=False),
    Rule("licence-drift", _WARNING, german_summary=False),
    Rule("exception-pending", _WARNING, german_summary=False),
    Rule("exception-review-due", _WARNING, german_summary=False),
    Rule("exception-exit-overdue", _WARNING, german_summary=False),
    Rule("exception-text-changed", _WARNING, german_summary=False),
    # --- the project's own licence ---
    Rule("conflicting-project-licenses", _ERROR, german_summary=False),
    Rule("license-file-mismatch", _ERROR, german_summary=False),
    Rule("license-file-placeholder", _ERROR, german_summary=False),
    Rule("license-file-incomplete", _ERROR, german_summary=False),
    Rule("license-file-unrecognised", _WARNING, german_summary=False),
    # REUSE: the licences of the project's own files (osscheck.filelicences)
    Rule("reuse-license-missing", _ERROR, german_summary=False),
    Rule("reuse-license-unused", _WARNING, german_summary=False),
    Rule("reuse-not-compliant", _WARNING, german_summary=False),
    Rule("reuse-lint-failed", _WARNING, german_summary=False),
    Rule("reuse-scan-incomplete", _WARNING, german_summary=False),
    # --- publiccode.yml ---
    Rule("publiccode-invalid", _ERROR, german_summary=False),
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
    from osscheck.messages import label

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
        title, help, hint = (_md(r.text(part)) for part in ("title", "help", "hint"))
        out += [
            "",
            f"## `{r.id}`",
            "",
            f"Severity: {level}. **{title}**",
            "",
            help,
            "",
            f"What to do: {hint}",
        ]
        title, help, hint = (_md(r.text(part, "de")) for part in ("title", "help", "hint"))
        out += ["", f"Schweregrad: {label(level, 'de')}. **{title}**", "", help, "", f"Was tun: {hint}"]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    """A text as Markdown shows it: ``<id>`` would be taken for an HTML tag."""
    return text.replace("<", "&lt;")


if __name__ == "__main__":
    import sys

    sys.stdout.write(markdown())

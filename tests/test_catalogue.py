"""The message catalogues: every text in English and German, every code used is there, and the texts
are rendered from data (a code and its arguments), never translated from English afterwards."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from conftest import package_lock, write
from osscheck import rules
from osscheck.catalogue import de, en
from osscheck.errors import InputError
from osscheck.licenses.catalog import CATEGORIES
from osscheck.licenses.obligations import OBLIGATIONS
from osscheck.messages import Message, category_word, category_words, label, render, verdict_word

SRC = Path(rules.__file__).parent


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _string_calls(name: str, paths: list[Path]) -> dict[str, str]:
    """The string each ``name("...", ...)`` call in ``paths`` starts with, and the first file with it."""
    found: dict[str, str] = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == name
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, str(path.relative_to(SRC)))
    return found


def _literal_codes() -> dict[str, str]:
    """Every ``Message("code", ...)`` in the source, with the first file that uses it."""
    return _string_calls("Message", sorted(SRC.rglob("*.py")))


def _family_codes() -> set[str]:
    """The codes made from a registry rather than written out: one per category, verdict, rule, obligation."""
    codes = {f"category.{c}" for c in CATEGORIES} | {f"category-words.{c}" for c in CATEGORIES}
    codes |= {f"verdict.{v}" for v in ("allow", "review", "deny")}
    codes |= {f"rule.{r.id}.{part}" for r in rules.RULES for part in ("title", "help", "hint")}
    codes |= {f"obligation.{o}" for o in OBLIGATIONS}
    return codes


def test_both_catalogues_hold_the_same_codes_with_the_same_fields():
    assert set(en.MESSAGES) == set(de.MESSAGES), set(en.MESSAGES) ^ set(de.MESSAGES)
    for code, english in en.MESSAGES.items():
        assert _fields(english) == _fields(de.MESSAGES[code]), code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+", code), code


def test_every_code_the_source_uses_is_in_the_catalogue_and_every_entry_is_used():
    used = set(_literal_codes()) | _family_codes()
    missing = {code: where for code, where in _literal_codes().items() if code not in en.MESSAGES}
    assert not missing, f"codes without text: {missing}"
    assert _family_codes() <= set(en.MESSAGES), _family_codes() - set(en.MESSAGES)
    assert set(en.MESSAGES) <= used, f"entries no code uses: {sorted(set(en.MESSAGES) - used)}"


def test_one_english_text_has_one_german_wording():
    # a hint said twice (a rule's and a finding's) once had two German wordings: one code now
    german_of: dict[str, set[str]] = {}
    for code, english in en.MESSAGES.items():
        german_of.setdefault(english, set()).add(de.MESSAGES[code])
    doubled = {english: wordings for english, wordings in german_of.items() if len(wordings) > 1}
    assert not doubled


def test_the_words_the_reports_use_have_a_german_text():
    # every literal _("...") of the reports and of explain is a report word in the German catalogue
    said = set(_string_calls("_", [*sorted((SRC / "reports").rglob("*.py")), SRC / "explain.py"]))
    assert said, "no words found: has the translator been renamed?"
    assert said <= set(de.LABELS), sorted(said - set(de.LABELS))


def test_no_english_is_translated_after_the_fact():
    source = (SRC / "i18n.py").read_text(encoding="utf-8")
    assert "import re" not in source and "translate_error" not in source and "translate_message" not in source
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "translate_error(" not in text and "translate_message(" not in text, path


def test_a_message_renders_its_arguments_in_its_language():
    reason = Message(
        "reason.category", category=category_words("weak-copyleft"), verdict=verdict_word("review")
    )
    assert render(reason) == str(reason) == "weak copyleft: the policy says review"
    assert render(reason, "de") == "schwaches Copyleft: nach der Richtlinie prüfen"
    # data is shown as it is, in every language
    finding = Message("finding.license", license="GPL-3.0-only", reason=reason)
    assert render(finding, "de") == "GPL-3.0-only: schwaches Copyleft: nach der Richtlinie prüfen"
    assert render(category_word("public-domain")) == "public-domain"
    assert render("plain text", "de") == "plain text"


def test_a_message_is_data():
    message = Message("finding.of-component", ref="pkg:npm/x@1", detail=Message("finding.no-licence"))
    assert message == Message.from_data(message.to_data())
    assert hash(message) == hash(Message.from_data(message.to_data()))
    assert repr(message).startswith("Message('finding.of-component', ref='pkg:npm/x@1'")
    with pytest.raises(KeyError):
        render(Message("no.such-code"))


def test_an_error_line_is_rendered_per_language_with_file_and_line_kept():
    error = InputError(Message("input.invalid-yaml", problem="found character '\\t'"), "a b.yaml", 3)
    assert error.format() == "osscheck: error: a b.yaml:3: not valid YAML: found character '\\t'"
    assert error.format("de") == "osscheck: error: a b.yaml:3: kein gültiges YAML: found character '\\t'"
    assert (
        error.at("other.yaml").format()
        == "osscheck: error: other.yaml: not valid YAML: found character '\\t'"
    )


def test_report_words_come_from_the_catalogue():
    assert label("Findings", "de") == "Befunde"
    assert label("Findings", "en") == "Findings"
    assert label("a word osscheck does not know", "de") == "a word osscheck does not know"


PYPROJECT = '[project]\nname = "demo"\nversion = "1"\ndependencies = ["requests"]\n'


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_missing_sbom_hint_is_german_in_text_and_markdown(tmp_path, run, fmt):
    # it was printed in English: no pattern of the old back-translation knew it
    write(tmp_path / "pyproject.toml", PYPROJECT)
    out = run("check", tmp_path, "-p", "open-code", "--lang", "de", "-f", fmt).stdout
    assert render(Message("rule.missing-sbom.hint"), "de") in out
    assert "Generate an SBOM" not in out
    assert "keine SBOM (CycloneDX oder SPDX) unter den Eingaben" in out


def test_a_german_report_has_no_english_finding_text(tmp_path, run):
    lock = write(
        tmp_path / "package-lock.json",
        package_lock({"dbkit": "SSPL-1.0", "gpl": "GPL-3.0-only", "odd": "Weird-1"}),
    )
    english_words = re.compile(r"\b(the|licence|policy|record an exception|Replace|Find)\b")
    for fmt in ("text", "markdown"):
        out = run("check", lock, "--lang", "de", "-f", fmt, "--outbound", "EUPL-1.2").stdout
        for line in out.splitlines():
            if "Grund" in line or "Hinweis" in line or "Was zu tun" in line:
                assert not english_words.search(line.replace("[[exceptions]]", "")), line


def test_the_html_register_finds_its_expired_entries_by_data_not_by_prose(tmp_path, run):
    lock = write(tmp_path / "package-lock.json", package_lock({"dbkit": "SSPL-1.0"}))
    policy = write(
        tmp_path / "policy.toml",
        '[policy]\nname = "p"\nextends = "public-code"\n\n[[exceptions]]\npackage = "pkg:npm/dbkit"\n'
        'justification = "needed"\nexpires = 2020-01-01\n',
    )
    for lang in ("en", "de"):
        html = run("check", lock, "-p", policy, "-f", "html", "--lang", lang).stdout
        row = html.split('<td class="mono pkg">pkg:npm/dbkit</td>', 1)[1].split("</tr>", 1)[0]
        assert "badge expired" in row and "pkg:npm/dbkit@1.0.0" in row, row  # named in its row


def test_the_reason_beside_a_component_is_its_detail_whatever_the_name(tmp_path, run):
    # the reports once cut the message at its first ": ", which a component's name may hold
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "components": [{"name": "odd: name", "version": "1", "licenses": [{"license": {"id": "SSPL-1.0"}}]}],
    }
    bom = tmp_path / "bom.cdx.json"
    bom.write_text(__import__("json").dumps(doc), encoding="utf-8")
    text = run("check", bom).stdout
    assert "      why: SSPL-1.0: on the policy's deny list" in text, text
    markdown = run("check", bom, "-f", "markdown").stdout
    assert "| SSPL-1.0: on the policy's deny list |" in markdown, markdown
    html = run("check", bom, "-f", "html").stdout
    assert '<span class="why">SSPL-1.0: on the policy&#x27;s deny list</span>' in html

"""German for the messages the engine composes: fixed phrases translated, names and ids kept."""

import pytest

from osscheck.i18n import detect, translate_message


@pytest.mark.parametrize(
    ("english", "german"),
    [
        (
            "pkg:pypi/x@1: declared MIT, but deps.dev says Apache-2.0; the declared licence is kept",
            "pkg:pypi/x@1: erklärt ist MIT, aber deps.dev nennt Apache-2.0; die erklärte Lizenz gilt weiter",
        ),
        (
            "pkg:pypi/x@1: licence look-up failed: deps.dev: not in cache (offline)",
            "pkg:pypi/x@1: Lizenzabfrage fehlgeschlagen: deps.dev: nicht im Zwischenspeicher (offline)",
        ),
        (
            "pkg:pypi/x@1: licence look-up failed: deps.dev: the service failed repeatedly and was not "
            "asked further (first failure: 503 Service Unavailable after 1 retry)",
            "pkg:pypi/x@1: Lizenzabfrage fehlgeschlagen: deps.dev: der Dienst ist wiederholt ausgefallen "
            "und wurde nicht weiter gefragt (erster Fehler: 503 Service Unavailable after 1 retry)",
        ),
        (
            "pkg:npm/x@1: its files also carry GPL-3.0-only, MIT OR Apache-2.0, which the declared "
            "licence ISC does not name",
            "pkg:npm/x@1: in ihren Dateien steht außerdem GPL-3.0-only, MIT OR Apache-2.0, was die "
            "erklärte Lizenz ISC nicht nennt",
        ),
        (
            "Check whether these files are part of what is used, and record the licence in the SBOM or "
            "as an exception.",
            "Prüfen, ob diese Dateien mitgenutzt werden, und die Lizenz in der SBOM oder als Ausnahme "
            "festhalten.",
        ),
        (
            "the exception for pkg:npm/x >=2.0 under MIT matches no component",
            "die Ausnahme für pkg:npm/x >=2.0 unter MIT trifft auf keine Komponente zu",
        ),
        (
            "the exception for any package under SSPL-1.0 expired on 2026-01-31",
            "die Ausnahme für jedes Paket unter SSPL-1.0 ist am 2026-01-31 abgelaufen",
        ),
        (
            "Apache-2.0 cannot be combined with GPL-2.0-only (OSADL matrix: No)",
            "Apache-2.0 lässt sich nicht mit GPL-2.0-only verbinden (OSADL-Matrix: Nein)",
        ),
        ("SSPL-1.0: on the policy's deny list", "SSPL-1.0: auf der Verbotsliste der Richtlinie"),
        (
            "Renew the justification with a new expiry date, or replace the component.",
            "Die Begründung mit neuem Ablaufdatum erneuern oder die Komponente ersetzen.",
        ),
    ],
)
def test_german_phrases(english, german):
    assert translate_message(english, "de") == german
    assert translate_message(english, "en") == english


def test_language_from_the_environment(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert detect() == "en"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert detect() == "de"
    assert detect("en") == "en"

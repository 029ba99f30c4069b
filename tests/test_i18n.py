"""German for the messages the engine composes: rendered from their code, names and ids kept."""

import pytest

from osscheck.i18n import detect
from osscheck.messages import Message, render


def _of(ref: str, detail: Message) -> Message:
    return Message("finding.of-component", ref=ref, detail=detail)


_OFFLINE = Message("lookup.source-failure", source="deps.dev", failure=Message("lookup.not-in-cache"))
_HELD_BACK = Message(
    "lookup.source-failure",
    source="deps.dev",
    failure=Message("lookup.held-back", first="503 Service Unavailable after 1 retry"),
)


@pytest.mark.parametrize(
    ("message", "english", "german"),
    [
        (
            _of(
                "pkg:pypi/x@1",
                Message("finding.license-mismatch", license="MIT", source="deps.dev", found="Apache-2.0"),
            ),
            "pkg:pypi/x@1: declared MIT, but deps.dev says Apache-2.0; the declared licence is kept",
            "pkg:pypi/x@1: erklärt ist MIT, aber deps.dev nennt Apache-2.0; die erklärte Lizenz gilt weiter",
        ),
        (
            _of("pkg:pypi/x@1", Message("finding.lookup-failed", reasons=_OFFLINE)),
            "pkg:pypi/x@1: licence look-up failed: deps.dev: not in cache (offline)",
            "pkg:pypi/x@1: Lizenzabfrage fehlgeschlagen: deps.dev: nicht im Zwischenspeicher (offline)",
        ),
        (
            _of("pkg:pypi/x@1", Message("finding.lookup-failed", reasons=_HELD_BACK)),
            "pkg:pypi/x@1: licence look-up failed: deps.dev: the service failed repeatedly and was not "
            "asked further (first failure: 503 Service Unavailable after 1 retry)",
            "pkg:pypi/x@1: Lizenzabfrage fehlgeschlagen: deps.dev: der Dienst ist wiederholt ausgefallen "
            "und wurde nicht weiter gefragt (erster Fehler: 503 Service Unavailable after 1 retry)",
        ),
        (
            _of(
                "pkg:npm/x@1",
                Message(
                    "finding.observed-license", observed="GPL-3.0-only, MIT OR Apache-2.0", license="ISC"
                ),
            ),
            "pkg:npm/x@1: its files also carry GPL-3.0-only, MIT OR Apache-2.0, which the declared "
            "licence ISC does not name",
            "pkg:npm/x@1: in ihren Dateien steht außerdem GPL-3.0-only, MIT OR Apache-2.0, was die "
            "erklärte Lizenz ISC nicht nennt",
        ),
        (
            Message("rule.observed-license.hint"),
            "Check whether these files are part of what is used, and record the licence in the SBOM or "
            "as an exception.",
            "Prüfen, ob diese Dateien mitgenutzt werden, und die Lizenz in der SBOM oder als Ausnahme "
            "festhalten.",
        ),
        (
            Message(
                "finding.unused-exception",
                exception=Message(
                    "exception.under",
                    what=Message("exception.versions", what="pkg:npm/x", version=">=2.0"),
                    license="MIT",
                ),
            ),
            "the exception for pkg:npm/x >=2.0 under MIT matches no component",
            "die Ausnahme für pkg:npm/x >=2.0 unter MIT trifft auf keine Komponente zu",
        ),
        (
            Message(
                "finding.expired-exception",
                exception=Message("exception.under", what=Message("exception.any"), license="SSPL-1.0"),
                date="2026-01-31",
            ),
            "the exception for any package under SSPL-1.0 expired on 2026-01-31",
            "die Ausnahme für jedes Paket unter SSPL-1.0 ist am 2026-01-31 abgelaufen",
        ),
        (
            Message("reason.cannot-combine", license="Apache-2.0", outbound="GPL-2.0-only"),
            "Apache-2.0 cannot be combined with GPL-2.0-only (OSADL matrix: No)",
            "Apache-2.0 lässt sich nicht mit GPL-2.0-only verbinden (OSADL-Matrix: Nein)",
        ),
        (
            Message("finding.license", license="SSPL-1.0", reason=Message("reason.on-deny-list")),
            "SSPL-1.0: on the policy's deny list",
            "SSPL-1.0: auf der Verbotsliste der Richtlinie",
        ),
        (
            Message("rule.expired-exception.hint"),
            "Renew the justification with a new expiry date, or replace the component.",
            "Begründung mit neuem Ablaufdatum erneuern oder die Komponente ersetzen.",
        ),
    ],
)
def test_german_messages(message, english, german):
    assert render(message) == str(message) == english
    assert render(message, "de") == german


def test_language_from_the_environment(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    assert detect() == "en"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert detect() == "de"
    assert detect("en") == "en"

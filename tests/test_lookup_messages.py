"""A failed look-up's finding as data: the same reasons in English and in German.

Every source answers from a real HTTP server on 127.0.0.1 (the fixtures of test_enrich), never the
internet. The failure texts (of the client, the sources, the answers, the coordinates) are messages
nested in ``finding.lookup-failed``/``finding.not-looked-up``, so a German report says them in German;
data (HTTP reason phrases, exception names, licence texts, numbers) stays as it is.
"""

from __future__ import annotations

import json
import re
import socket
import time
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from osscheck.enrich import enrich
from osscheck.enrich.settings import Settings
from osscheck.messages import render
from osscheck.model import Component, Finding
from osscheck.policy.loader import load_policy
from test_enrich import _json, pinned_sbom, project, server, services

__all__ = ["server", "services"]  # the fixtures, shared with test_enrich


def settings(sources: tuple[str, ...], **changes: object) -> Settings:
    """The look-up settings the ``services`` fixture points at the local server, quick to give up."""
    quick: dict[str, object] = {"retries": 0, "backoff": 0.0, "concurrency": 1}
    return Settings.load().replace(sources=sources, **{**quick, **changes})


def look_up(components: list[Component], s: Settings, online: bool = True) -> list[Finding]:
    return enrich(components, load_policy(None), online, s)


def texts(findings: list[Finding]) -> list[tuple[str, str]]:
    assert {f.rule for f in findings} == {"lookup-failed"}
    return [(render(f.message, "en"), render(f.message, "de")) for f in findings]


def pypi(name: str, version: str = "1.0") -> Component:
    return Component(name, version, f"pkg:pypi/{name}@{version}")


def test_not_found_at_every_source(services: HTTPServer) -> None:
    services.expect_request(re.compile(".*")).respond_with_json({"error": "not found"}, status=404)
    (finding,) = look_up([pypi("gone")], settings(("deps.dev", "pypi")))
    assert texts([finding]) == [
        (
            "pkg:pypi/gone@1.0: licence look-up failed: deps.dev: not found (404 NOT FOUND); "
            "PyPI: not found (404 NOT FOUND)",
            "pkg:pypi/gone@1.0: Lizenzabfrage fehlgeschlagen: deps.dev: nicht gefunden (404 NOT FOUND); "
            "PyPI: nicht gefunden (404 NOT FOUND)",
        )
    ]
    assert str(finding.message) == texts([finding])[0][0]  # English without a language
    assert finding.to_dict()["message"] == texts([finding])[0][0]  # the JSON report keeps the English


def test_answers_without_a_licence_that_can_be_read(services: HTTPServer) -> None:
    def handle(request: Request) -> Response:
        if request.path.startswith("/depsdev/"):
            if "/weird/" in request.path:
                return _json({"licenses": ["Frobnicate Licence"]})
            return _json({"licenses": []})
        if request.path.startswith("/pypi-mirror/"):
            return _json(
                {"info": {"license": "UNKNOWN", "classifiers": []}} if "/bare/" in request.path else []
            )
        if request.path.startswith("/npm/"):
            return _json({"versions": {"1.0": {}}} if "bare" in request.path else {"versions": {}})
        if request.path == "/cd/definitions":
            return _json({k: {"licensed": {"declared": "NOASSERTION"}} for k in request.get_json()})
        return _json({}, 404)

    services.expect_request(re.compile(".*")).respond_with_handler(handle)
    components = [
        pypi("weird"),
        pypi("bare"),
        pypi("list"),
        Component("left", "2.0", "pkg:npm/left@2.0"),
        Component("bare", "1.0", "pkg:npm/bare@1.0"),
    ]
    found = texts(look_up(components, settings(("deps.dev", "pypi", "npm", "clearlydefined"))))
    assert found == [
        (
            "pkg:npm/bare@1.0: licence look-up failed: deps.dev: deps.dev knows no licence for this version; "
            "npm registry: the registry lists no licence for this version; "
            "ClearlyDefined: ClearlyDefined has no declared licence for this version",
            "pkg:npm/bare@1.0: Lizenzabfrage fehlgeschlagen: deps.dev: deps.dev kennt keine Lizenz für diese "
            "Version; npm registry: die Registry nennt keine Lizenz für diese Version; "
            "ClearlyDefined: ClearlyDefined hat keine erklärte Lizenz für diese Version",
        ),
        (
            "pkg:npm/left@2.0: licence look-up failed: deps.dev: deps.dev knows no licence for this version; "
            "npm registry: version 2.0 is not in the registry; "
            "ClearlyDefined: ClearlyDefined has no declared licence for this version",
            "pkg:npm/left@2.0: Lizenzabfrage fehlgeschlagen: deps.dev: deps.dev kennt keine Lizenz für diese "
            "Version; npm registry: Version 2.0 ist nicht in der Registry; "
            "ClearlyDefined: ClearlyDefined hat keine erklärte Lizenz für diese Version",
        ),
        (
            "pkg:pypi/bare@1.0: licence look-up failed: deps.dev: deps.dev knows no licence for this "
            "version; "
            "PyPI: PyPI lists no licence for this version; "
            "ClearlyDefined: ClearlyDefined has no declared licence for this version",
            "pkg:pypi/bare@1.0: Lizenzabfrage fehlgeschlagen: deps.dev: deps.dev kennt keine Lizenz für "
            "diese "
            "Version; PyPI: PyPI nennt keine Lizenz für diese Version; "
            "ClearlyDefined: ClearlyDefined hat keine erklärte Lizenz für diese Version",
        ),
        (
            "pkg:pypi/list@1.0: licence look-up failed: deps.dev: deps.dev knows no licence for this "
            "version; "
            "PyPI: the answer has no 'info' block; "
            "ClearlyDefined: ClearlyDefined has no declared licence for this version",
            "pkg:pypi/list@1.0: Lizenzabfrage fehlgeschlagen: deps.dev: deps.dev kennt keine Lizenz für "
            "diese "
            "Version; PyPI: die Antwort hat keinen 'info'-Block; "
            "ClearlyDefined: ClearlyDefined hat keine erklärte Lizenz für diese Version",
        ),
        (
            "pkg:pypi/weird@1.0: licence look-up failed: deps.dev: its licence 'Frobnicate Licence' could "
            "not "
            "be read; PyPI: the answer has no 'info' block; "
            "ClearlyDefined: ClearlyDefined has no declared licence for this version",
            "pkg:pypi/weird@1.0: Lizenzabfrage fehlgeschlagen: deps.dev: die angegebene Lizenz "
            "'Frobnicate Licence' ist nicht lesbar; PyPI: die Antwort hat keinen 'info'-Block; "
            "ClearlyDefined: ClearlyDefined hat keine erklärte Lizenz für diese Version",
        ),
    ]


def test_answers_of_the_wrong_shape(services: HTTPServer) -> None:
    def handle(request: Request) -> Response:
        if request.path.startswith("/npm/"):
            return _json(["not", "a", "document"])
        if request.path == "/cd/definitions":
            return _json(["not", "a", "map"])
        if request.path.startswith("/depsdev/"):
            return Response("<html>maintenance</html>", content_type="text/html")
        return _json({}, 404)

    services.expect_request(re.compile(".*")).respond_with_handler(handle)
    npm = Component("left", "2.0", "pkg:npm/left@2.0")
    found = texts(look_up([npm], settings(("deps.dev", "npm", "clearlydefined"))))
    assert found == [
        (
            "pkg:npm/left@2.0: licence look-up failed: deps.dev: the answer is not JSON; "
            "npm registry: the answer is not an npm package document; "
            "ClearlyDefined: the answer is not a map of definitions",
            "pkg:npm/left@2.0: Lizenzabfrage fehlgeschlagen: deps.dev: die Antwort ist kein JSON; "
            "npm registry: die Antwort ist kein npm-Paketdokument; "
            "ClearlyDefined: die Antwort ist keine Zuordnung von Definitionen",
        )
    ]
    services.clear()
    services.expect_request(re.compile(".*")).respond_with_json("just a string")
    found = texts(
        look_up([pypi("odd")], settings(("deps.dev",), cache_dir=Path(Settings.load().cache_dir) / "2"))
    )
    assert found == [
        (
            "pkg:pypi/odd@1.0: licence look-up failed: deps.dev: the answer is not a deps.dev version "
            "document",
            "pkg:pypi/odd@1.0: Lizenzabfrage fehlgeschlagen: deps.dev: die Antwort ist kein Versionsdokument "
            "von deps.dev",
        )
    ]


def test_a_service_that_is_down_is_held_back_with_its_first_failure(services: HTTPServer) -> None:
    services.expect_request(re.compile(".*")).respond_with_data("down", status=503)
    components = [pypi(f"pkg-{i}") for i in range(4)]
    found = texts(look_up(components, settings(("deps.dev",), retries=1, breaker=1)))
    assert len(services.log) == 2  # one look-up, asked twice; the others were not asked
    assert found == [
        (
            f"pkg:pypi/pkg-{i}@1.0: licence look-up failed: deps.dev: the service failed repeatedly and was "
            "not asked further (first failure: 503 SERVICE UNAVAILABLE after 2 attempts)",
            f"pkg:pypi/pkg-{i}@1.0: Lizenzabfrage fehlgeschlagen: deps.dev: der Dienst ist wiederholt "
            "ausgefallen und wurde nicht weiter gefragt (erster Fehler: 503 SERVICE UNAVAILABLE nach 2 "
            "Versuchen)",
        )
        for i in range(4)
    ]


def test_a_retry_after_beyond_the_time_budget(services: HTTPServer) -> None:
    services.expect_request(re.compile(".*")).respond_with_response(
        Response("busy", status=429, headers={"Retry-After": "3600"})
    )
    found = texts(look_up([pypi("slow")], settings(("deps.dev",), retries=2)))
    assert found == [
        (
            "pkg:pypi/slow@1.0: licence look-up failed: deps.dev: 429 TOO MANY REQUESTS "
            "(asked to wait 3600 s, beyond the time budget)",
            "pkg:pypi/slow@1.0: Lizenzabfrage fehlgeschlagen: deps.dev: 429 TOO MANY REQUESTS "
            "(verlangte Wartezeit 3600 s, über dem Zeitbudget)",
        )
    ]


def test_a_service_that_hangs_times_out(server: HTTPServer, services: HTTPServer) -> None:
    def hang(request: Request) -> Response:
        time.sleep(1.5)
        return _json({})

    server.expect_request(re.compile(".*")).respond_with_handler(hang)
    found = texts(look_up([pypi("hangs")], settings(("deps.dev",), read_timeout=0.5)))
    assert found == [
        (
            "pkg:pypi/hangs@1.0: licence look-up failed: deps.dev: timeout (read, 0.5 s)",
            "pkg:pypi/hangs@1.0: Lizenzabfrage fehlgeschlagen: deps.dev: Zeitüberschreitung (Lesen, 0.5 s)",
        )
    ]


def test_nothing_listens_there(services: HTTPServer) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    s = settings(("deps.dev",))
    s = s.replace(urls={**s.urls, "deps.dev": f"http://127.0.0.1:{port}/depsdev"})
    found = texts(look_up([pypi("nobody")], s))
    assert found == [
        (
            "pkg:pypi/nobody@1.0: licence look-up failed: deps.dev: connection refused",
            "pkg:pypi/nobody@1.0: Lizenzabfrage fehlgeschlagen: deps.dev: Verbindung abgelehnt",
        )
    ]


def test_offline_a_miss_is_not_in_the_cache(services: HTTPServer) -> None:
    services.expect_request(re.compile(".*")).respond_with_json({"licenses": ["MIT"]})
    found = texts(look_up([pypi("unseen")], settings(("deps.dev",)), online=False))
    assert services.log == []
    assert found == [
        (
            "pkg:pypi/unseen@1.0: licence look-up failed: deps.dev: not in cache (offline)",
            "pkg:pypi/unseen@1.0: Lizenzabfrage fehlgeschlagen: deps.dev: nicht im Zwischenspeicher "
            "(offline)",
        )
    ]


def test_components_that_cannot_be_looked_up(services: HTTPServer) -> None:
    components = [
        Component("nopurl", "1.0"),
        Component("nover", None, "pkg:pypi/nover"),
        Component("bad", "1.0", "pkg:nonsense"),
    ]
    found = texts(look_up(components, settings(("deps.dev",))))
    assert services.log == []
    assert found == [
        (
            "nopurl@1.0: licence not looked up: no package URL (purl) to tell which registry to ask",
            "nopurl@1.0: Lizenz nicht abgefragt: keine Paket-URL (purl), die angibt, welche Registry zu "
            "fragen "
            "ist",
        ),
        (
            "pkg:pypi/nover: licence not looked up: no exact version to look up (licences can change between "
            "versions)",
            "pkg:pypi/nover: Lizenz nicht abgefragt: keine genaue Version zum Abfragen (Lizenzen können sich "
            "zwischen Versionen ändern)",
        ),
        (
            "pkg:nonsense: licence not looked up: the package URL 'pkg:nonsense' cannot be read",
            "pkg:nonsense: Lizenz nicht abgefragt: die Paket-URL 'pkg:nonsense' ist nicht lesbar",
        ),
    ]


def test_the_json_report_says_it_in_english(services: HTTPServer, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    services.expect_request(re.compile(".*")).respond_with_json({"error": "not found"}, status=404)
    target = pinned_sbom(
        project(tmp_path, 'sources = ["deps.dev", "pypi"]\ntimeout = 5\n'), [("gone", "1.0", "")]
    )
    result = run("check", target, "--online", "-f", "json")
    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "lookup-failed"]
    assert finding["message"] == (
        "pkg:pypi/gone@1.0: licence look-up failed: deps.dev: not found (404 NOT FOUND); "
        "PyPI: not found (404 NOT FOUND)"
    )


def test_the_reasons_of_several_sources_are_joined_in_each_language() -> None:
    from osscheck.enrich.answers import Answer
    from osscheck.enrich.runner import _failed
    from osscheck.messages import Message

    tried = [
        Answer("deps.dev", "u", failure=Message("lookup.no-answer")),
        Answer("pypi", "u", failure=Message("lookup.cancelled")),
        Answer("npm", "u", failure=Message("lookup.unreadable-answer", error="KeyError")),
    ]
    finding = _failed(Component("x", "1", "pkg:pypi/x@1"), tried, online=True)
    assert render(finding.message, "en") == (
        "pkg:pypi/x@1: licence look-up failed: deps.dev: no answer; PyPI: cancelled; "
        "npm registry: unreadable answer (KeyError)"
    )
    assert render(finding.message, "de") == (
        "pkg:pypi/x@1: Lizenzabfrage fehlgeschlagen: deps.dev: keine Antwort; PyPI: abgebrochen; "
        "npm registry: unlesbare Antwort (KeyError)"
    )

"""Online enrichment against real HTTP servers on 127.0.0.1 (pytest-httpserver), never the internet."""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from osscheck.enrich import NON_STANDARD
from osscheck.enrich.cache import CACHE_NAME

LICENSES = ("MIT", "Apache-2.0", "BSD-3-Clause", "ISC", "MPL-2.0")
PACKAGES = [(f"pkg-{i:03d}", f"1.{i % 7}.{i}", LICENSES[i % len(LICENSES)]) for i in range(200)]
TRUTH = {name: lic for name, _, lic in PACKAGES}
VIA_PYPI = {name for name, _, _ in PACKAGES[::10]}  # deps.dev does not know these: PyPI answers

DEPSDEV = re.compile(
    r"^/depsdev/v3/systems/(?P<system>[^/]+)/packages/(?P<name>[^/]+)/versions/(?P<version>[^/]+)$"
)
PYPI = re.compile(r"^/pypi-mirror/pypi/(?P<name>[^/]+)/(?P<version>[^/]+)/json$")

Handler = Callable[[Request], Response]


def _json(doc: object, status: int = 200) -> Response:
    return Response(json.dumps(doc), status=status, content_type="application/json")


def registry(truth: dict[str, str], via_pypi: set[str] = frozenset()) -> Handler:  # type: ignore[assignment]
    """deps.dev and PyPI as the real services answer, from a table of name -> licence."""

    def handle(request: Request) -> Response:
        path = request.path  # werkzeug decodes %2F; the raw path keeps it
        raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or path
        m = DEPSDEV.match(raw.split("?")[0])
        if m:
            name = m["name"]
            if name not in truth or name in via_pypi:
                return _json({"error": "version not found"}, 404)
            lic = truth[name]
            return _json(
                {
                    "versionKey": {"system": m["system"].upper(), "name": name, "version": m["version"]},
                    "licenses": [lic],
                    "licenseDetails": [{"license": lic, "spdx": lic if lic != "non-standard" else ""}],
                }
            )
        m = PYPI.match(path)
        if m and m["name"] in truth:
            return _json(
                {"info": {"name": m["name"], "version": m["version"], "license_expression": truth[m["name"]]}}
            )
        return _json({"message": "Not Found"}, 404)

    return handle


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    s = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    s.start()
    yield s
    s.clear()
    if s.is_running():
        s.stop()


@pytest.fixture
def services(server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    """Every look-up source points at the local server; the cache lives in the test's folder."""
    monkeypatch.setenv("OSSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("OSSCHECK_DEPSDEV_URL", server.url_for("/depsdev"))
    monkeypatch.setenv("OSSCHECK_PYPI_URL", server.url_for("/pypi-mirror"))
    monkeypatch.setenv("OSSCHECK_NPM_URL", server.url_for("/npm"))
    monkeypatch.setenv("OSSCHECK_CLEARLYDEFINED_URL", server.url_for("/cd"))
    return server


def project(tmp_path: Path, config: str = "") -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / ".osscheck.toml").write_text(config or "timeout = 5\n")
    return folder


def pinned_sbom(folder: Path, packages=PACKAGES) -> Path:  # type: ignore[no-untyped-def]
    """The 200 pinned PyPI packages as a CycloneDX SBOM without any licence."""
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "version": 1,
        "metadata": {
            "component": {"type": "application", "name": "app", "licenses": [{"expression": "EUPL-1.2"}]}
        },
        "components": [
            {"type": "library", "name": n, "version": v, "purl": f"pkg:pypi/{n}@{v}"} for n, v, _ in packages
        ],
    }
    path = folder / "bom.cdx.json"
    path.write_text(json.dumps(doc, indent=2))
    return path


def pinned_requirements(folder: Path) -> Path:
    path = folder / "requirements.txt"
    path.write_text("".join(f"{n}=={v}\n" for n, v, _ in PACKAGES))
    return path


def licences(report: dict) -> dict[str, str | None]:
    return {c["name"]: c["license"] for c in report["components"]}


def _has_requirements_reader() -> bool:
    from osscheck import readers

    return any(spec.format == "requirements" for spec in readers.READERS)


# --- filling, and the cache ---------------------------------------------------------------------


@pytest.mark.parametrize("form", ["cyclonedx", "requirements"])
def test_200_pinned_packages_are_filled_online_then_answered_offline_from_the_cache(
    form: str, services: HTTPServer, tmp_path: Path, run
) -> None:
    if form == "requirements" and not _has_requirements_reader():
        pytest.skip("the requirements.txt reader is not there yet")
    services.expect_request(re.compile(".*")).respond_with_handler(registry(TRUTH, VIA_PYPI))
    folder = project(tmp_path)
    target = pinned_sbom(folder) if form == "cyclonedx" else pinned_requirements(folder)

    online = run("check", target, "--online", "-f", "json")
    assert online.exit_code == 0, online.stderr
    report = online.json
    assert licences(report) == TRUTH
    assert report["summary"]["unknown"] == 0
    assert report["summary"]["allowed"] == 200
    by_name = {c["name"]: c for c in report["components"]}
    for name, c in by_name.items():
        source = "pypi" if name in VIA_PYPI else "deps.dev"
        assert c["method"] == f"enriched:{source}"
        assert c["source"]["method"] == f"enriched:{source}"
        assert c["source"]["url"].startswith(services.url_for("/"))
    assert by_name["pkg-001"]["source"]["url"].endswith("/v3/systems/pypi/packages/pkg-001/versions/1.1.1")
    assert by_name["pkg-010"]["source"]["url"].endswith("/pypi/pkg-010/1.3.10/json")
    assert not [f for f in report["findings"] if f["rule"] == "lookup-failed"]
    asked = len(services.log)
    assert asked == 200 + len(VIA_PYPI)  # one look-up each, and PyPI only for what deps.dev lacks
    assert (tmp_path / "cache" / CACHE_NAME).is_file()

    services.stop()
    offline = run("check", target, "--offline", "-f", "json")
    assert offline.exit_code == 0, offline.stderr
    assert licences(offline.json) == TRUTH
    assert [c["source"] for c in offline.json["components"]] == [c["source"] for c in report["components"]]
    assert len(services.log) == asked


def test_a_second_online_run_is_answered_from_the_cache(services: HTTPServer, tmp_path: Path, run) -> None:
    services.expect_request(re.compile(".*")).respond_with_handler(registry(TRUTH))
    target = pinned_sbom(project(tmp_path), PACKAGES[:30])
    first = run("check", target, "--online", "-f", "json")
    asked = len(services.log)
    second = run("check", target, "--online", "-f", "json")
    assert asked == 30
    assert len(services.log) == asked
    assert first.stdout == second.stdout  # byte-identical report


def test_offline_with_an_empty_cache_says_so_and_writes_nothing(
    services: HTTPServer, tmp_path: Path, run
) -> None:
    target = pinned_sbom(project(tmp_path), PACKAGES[:3])
    result = run("check", target, "--offline", "-f", "json")
    assert result.exit_code == 1  # unknown licences are denied under public-code
    failed = [f for f in result.json["findings"] if f["rule"] == "lookup-failed"]
    assert len(failed) == 3
    assert all("not in cache (offline)" in f["message"] for f in failed)
    assert all("--online" in f["hint"] for f in failed)
    # no look-up cache is made (only osscheck's snapshots of its own data may be there)
    assert not [p for p in (tmp_path / "cache").glob("*") if not p.name.startswith("snapshot-")]
    assert len(services.log) == 0


def test_without_online_or_offline_nothing_is_asked_and_the_cache_answers_if_there_is_one(
    services: HTTPServer, tmp_path: Path, run
) -> None:
    """The default is offline: no connection ever; answers of earlier look-ups are used."""
    services.expect_request(re.compile(".*")).respond_with_handler(registry(TRUTH))
    target = pinned_sbom(project(tmp_path), PACKAGES[:3])
    before = run("check", target, "-f", "json")
    assert set(licences(before.json).values()) == {None}
    assert not [f for f in before.json["findings"] if f["rule"] == "lookup-failed"]
    assert len(services.log) == 0
    assert not (tmp_path / "cache" / CACHE_NAME).exists()  # no look-up cache is made without a look-up

    (tmp_path / "other").mkdir()
    small = pinned_sbom(project(tmp_path / "other"), PACKAGES[:2])
    run("check", small, "--online", "-f", "json")  # an earlier run looked two of the three up
    asked = len(services.log)
    after = run("check", target, "-f", "json")
    assert len(services.log) == asked  # the default never opens a connection
    found = licences(after.json)
    assert sum(v is not None for v in found.values()) == 2
    assert not [f for f in after.json["findings"] if f["rule"] == "lookup-failed"]  # misses stay quiet


def test_online_in_the_configuration(services: HTTPServer, tmp_path: Path, run) -> None:
    services.expect_request(re.compile(".*")).respond_with_handler(registry(TRUTH))
    target = pinned_sbom(project(tmp_path, "online = true\n"), PACKAGES[:2])
    result = run("check", target, "-f", "json")
    assert licences(result.json) == {n: TRUTH[n] for n, _, _ in PACKAGES[:2]}


# --- failures -----------------------------------------------------------------------------------


def test_a_service_that_answers_503_leaves_every_licence_unknown_and_says_why(
    services: HTTPServer, tmp_path: Path, run
) -> None:
    services.expect_request(re.compile(".*")).respond_with_response(
        Response("down for maintenance", status=503, headers={"Retry-After": "0"})
    )
    target = pinned_sbom(project(tmp_path, "timeout = 2\nretries = 1\n"))
    start = time.monotonic()
    result = run("check", target, "--online", "-f", "json")
    elapsed = time.monotonic() - start
    assert result.exit_code == 1, result.stderr  # public-code denies unknown licences; not a usage error
    report = result.json
    assert report["summary"]["unknown"] == 200
    assert set(licences(report).values()) == {None}
    failed = {f["component"]: f for f in report["findings"] if f["rule"] == "lookup-failed"}
    assert len(failed) == 200
    assert all("503" in f["message"] for f in failed.values())
    assert all(f["severity"] == "warning" for f in failed.values())
    # a service that keeps failing is not asked once per component
    assert len(services.log) < 200
    assert elapsed < 60
    # which look-ups failed before the rest were held back depends on thread timing; the report does not
    (why,) = {f["message"].split(": ", 1)[1] for f in failed.values()}
    assert "deps.dev: the service failed repeatedly and was not asked further (first failure: 503" in why
    assert run("check", target, "--online", "-f", "json").stdout == result.stdout


def test_a_service_that_hangs_times_out_in_bounded_time(
    server: HTTPServer, services, tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    def hang(request: Request) -> Response:
        time.sleep(3)
        return _json({})

    server.expect_request(re.compile(".*")).respond_with_handler(hang)
    target = pinned_sbom(project(tmp_path, "timeout = 0.3\nretries = 0\n"))
    start = time.monotonic()
    result = run("check", target, "--online", "-f", "json")
    elapsed = time.monotonic() - start
    assert result.exit_code == 1, result.stderr
    report = result.json
    assert set(licences(report).values()) == {None}
    failed = [f for f in report["findings"] if f["rule"] == "lookup-failed"]
    assert len(failed) == 200
    assert all("timeout" in f["message"] or "timed out" in f["message"] for f in failed)
    assert elapsed < 60


def test_connection_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for variable in ("DEPSDEV", "PYPI", "NPM", "CLEARLYDEFINED"):
        monkeypatch.setenv(f"OSSCHECK_{variable}_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("OSSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    target = pinned_sbom(project(tmp_path), PACKAGES[:5])
    result = run("check", target, "--online", "-f", "json", "-p", "internal-use")
    assert result.exit_code == 0  # internal-use sends unknown licences to review; --fail-on denied
    failed = [f for f in result.json["findings"] if f["rule"] == "lookup-failed"]
    assert len(failed) == 5
    assert all("connection refused" in f["message"] for f in failed)
    assert {c["status"] for c in result.json["components"]} == {"review"}


def test_429_with_retry_after_is_waited_for(services: HTTPServer, tmp_path: Path, run) -> None:
    calls: list[float] = []
    answer = registry(TRUTH)

    def limited(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return answer(request)

    services.expect_request(re.compile(".*")).respond_with_handler(limited)
    target = pinned_sbom(project(tmp_path, "concurrency = 1\n"), PACKAGES[:1])
    result = run("check", target, "--online", "-f", "json")
    assert licences(result.json) == {"pkg-000": "MIT"}
    assert len(calls) == 2
    assert calls[1] - calls[0] >= 0.9


def test_a_404_is_a_note_and_the_next_source_is_asked(services: HTTPServer, tmp_path: Path, run) -> None:
    services.expect_request(re.compile(".*")).respond_with_handler(registry({}))
    target = pinned_sbom(project(tmp_path), PACKAGES[:1])
    result = run("check", target, "--online", "-f", "json")
    (failed,) = [f for f in result.json["findings"] if f["rule"] == "lookup-failed"]
    assert failed["severity"] == "note"
    assert "deps.dev: not found (404" in failed["message"]
    assert "PyPI: not found (404" in failed["message"]
    assert "ClearlyDefined" in failed["message"]
    paths = [entry[0].path for entry in services.log]
    assert any(p.startswith("/depsdev/") for p in paths)
    assert any(p.startswith("/pypi-mirror/") for p in paths)
    assert any(p == "/cd/definitions" for p in paths)


def test_without_requests_installed_online_is_a_one_line_usage_error(
    services: HTTPServer, tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "requests_cache", None)  # import fails as if not installed
    target = pinned_sbom(project(tmp_path), PACKAGES[:1])
    result = run("check", target, "--online")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert 'pip install "osscheck[online]"' in result.stderr
    assert "Traceback" not in result.stderr
    # the same when every licence is declared and nothing would be looked up
    doc = json.loads(target.read_text())
    doc["components"][0]["licenses"] = [{"expression": "MIT"}]
    target.write_text(json.dumps(doc))
    assert run("check", target, "--offline").exit_code == 2


# --- what the answers mean ----------------------------------------------------------------------


def test_deps_dev_non_standard_goes_to_review(services: HTTPServer, tmp_path: Path, run) -> None:
    services.expect_request(re.compile(".*")).respond_with_handler(
        registry({"pkg-000": "non-standard", "pkg-001": "MIT"})
    )
    target = pinned_sbom(project(tmp_path), PACKAGES[:2])
    result = run("check", target, "--online", "-f", "json")
    by_name = {c["name"]: c for c in result.json["components"]}
    odd = by_name["pkg-000"]
    assert odd["license"] == NON_STANDARD
    assert odd["status"] == "review"  # not denied as unknown, not allowed
    assert odd["method"] == "enriched:deps.dev"
    (finding,) = [f for f in result.json["findings"] if f["component"] == odd["purl"]]
    assert finding["rule"] == "non-standard-license"
    assert by_name["pkg-001"]["status"] == "allowed"
    assert result.exit_code == 0  # review does not fail under --fail-on denied
    assert run("check", target, "--online", "--fail-on", "review").exit_code == 1


def test_several_deps_dev_entries_combine_as_and(services: HTTPServer, tmp_path: Path, run) -> None:
    def handle(request: Request) -> Response:
        return _json(
            {
                "licenses": ["MIT", "Apache-2.0"],
                "licenseDetails": [
                    {"license": "MIT", "spdx": "MIT"},
                    {"license": "Apache-2.0", "spdx": "Apache-2.0"},
                ],
            }
        )

    services.expect_request(re.compile(".*")).respond_with_handler(handle)
    target = pinned_sbom(project(tmp_path), PACKAGES[:1])
    result = run("check", target, "--online", "-f", "json")
    assert result.json["components"][0]["license"] == "MIT AND Apache-2.0"


def test_declared_licence_wins_over_a_disagreeing_registry(services: HTTPServer, tmp_path: Path, run) -> None:
    # a policy that trusts only exact SPDX ids, so the corrected spellings below are looked up
    policy = tmp_path / "strict.toml"
    policy.write_text('[policy]\nname = "strict"\nextends = "public-code"\nmin-confidence = 0.99\n')
    services.expect_request(re.compile(".*")).respond_with_handler(
        registry({"pkg-000": "Apache-2.0", "pkg-001": "Apache-2.0"})
    )
    folder = project(tmp_path)
    doc = json.loads(pinned_sbom(folder, PACKAGES[:2]).read_text())
    doc["components"][0]["licenses"] = [{"expression": "mit"}]  # declared MIT, registry says Apache-2.0
    doc["components"][1]["licenses"] = [{"expression": "apache-2.0"}]  # the registry confirms it
    (folder / "bom.cdx.json").write_text(json.dumps(doc))

    result = run("check", folder / "bom.cdx.json", "--online", "-f", "json", "-p", policy)
    by_name = {c["name"]: c for c in result.json["components"]}
    declared_mit = by_name["pkg-000"]
    assert declared_mit["license"] == "MIT"  # not silently replaced
    assert declared_mit["source"]["license"] == "Apache-2.0"  # the registry's answer is shown
    (mismatch,) = [f for f in result.json["findings"] if f["rule"] == "license-mismatch"]
    assert mismatch["severity"] == "warning"
    assert mismatch["component"] == declared_mit["purl"]
    assert "declared MIT" in mismatch["message"] and "Apache-2.0" in mismatch["message"]
    confirmed = by_name["pkg-001"]
    assert confirmed["license"] == "Apache-2.0"
    assert confirmed["confidence"] == 1.0  # confirmed by the registry: no longer below the threshold
    assert confirmed["status"] == "allowed"


def test_npm_registry_and_clearlydefined(services: HTTPServer, tmp_path: Path, run) -> None:
    npm_doc = {
        "name": "@acme/widget",
        "versions": {
            "1.0.0": {"license": "ISC"},
            "2.0.0": {"licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}]},
        },
    }
    definitions = {
        "crate/cratesio/-/serde/1.0.200": {"licensed": {"declared": "MIT OR Apache-2.0"}},
        "go/golang/github.com%2fgorilla/mux/v1.8.1": {"licensed": {"declared": "BSD-3-Clause"}},
        "gem/rubygems/-/odd/0.1.0": {"licensed": {"declared": "MIT AND OTHER"}},
    }
    seen: list[object] = []

    def handle(request: Request) -> Response:
        raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path
        if raw.lower() == "/npm/@acme%2fwidget":
            return _json(npm_doc)
        if raw == "/npm/left-pad":
            return _json({"name": "left-pad", "versions": {"1.3.0": {"license": {"type": "WTFPL"}}}})
        if request.path == "/cd/definitions" and request.method == "POST":
            asked = request.get_json()
            seen.append(asked)
            return _json({k: v for k, v in definitions.items() if k in asked})
        return _json({}, 404)

    services.expect_request(re.compile(".*")).respond_with_handler(handle)
    folder = project(tmp_path, 'sources = ["npm", "clearlydefined"]\n')
    doc = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "components": [
            {
                "type": "library",
                "name": "widget",
                "group": "@acme",
                "version": "1.0.0",
                "purl": "pkg:npm/%40acme/widget@1.0.0",
            },
            {
                "type": "library",
                "name": "widget",
                "group": "@acme",
                "version": "2.0.0",
                "purl": "pkg:npm/%40acme/widget@2.0.0",
            },
            {"type": "library", "name": "left-pad", "version": "1.3.0", "purl": "pkg:npm/left-pad@1.3.0"},
            {"type": "library", "name": "serde", "version": "1.0.200", "purl": "pkg:cargo/serde@1.0.200"},
            {"type": "library", "name": "odd", "version": "0.1.0", "purl": "pkg:gem/odd@0.1.0"},
            {
                "type": "library",
                "name": "mux",
                "version": "v1.8.1",
                "purl": "pkg:golang/github.com/gorilla/mux@v1.8.1",
            },
        ],
    }
    (folder / "bom.cdx.json").write_text(json.dumps(doc))
    result = run("check", folder / "bom.cdx.json", "--online", "-f", "json")
    by_purl = {c["purl"]: c for c in result.json["components"]}
    assert by_purl["pkg:npm/%40acme/widget@1.0.0"]["license"] == "ISC"
    assert by_purl["pkg:npm/%40acme/widget@2.0.0"]["license"] == "MIT OR Apache-2.0"  # legacy list: a choice
    assert by_purl["pkg:npm/%40acme/widget@1.0.0"]["method"] == "enriched:npm"
    assert by_purl["pkg:cargo/serde@1.0.200"]["license"] == "MIT OR Apache-2.0"
    assert by_purl["pkg:cargo/serde@1.0.200"]["method"] == "enriched:clearlydefined"
    assert by_purl["pkg:cargo/serde@1.0.200"]["source"]["url"].endswith(
        "/definitions/crate/cratesio/-/serde/1.0.200"
    )
    assert by_purl["pkg:golang/github.com/gorilla/mux@v1.8.1"]["license"] == "BSD-3-Clause"
    assert by_purl["pkg:npm/left-pad@1.3.0"]["license"] == "WTFPL"
    assert by_purl["pkg:gem/odd@0.1.0"]["license"] == f"MIT AND {NON_STANDARD}"
    assert by_purl["pkg:gem/odd@0.1.0"]["status"] == "review"
    npm_requests = [e for e in services.log if e[0].path.startswith("/npm/")]
    assert len(npm_requests) == 2  # both versions of @acme/widget from one package document
    assert len(seen) == 1 and sorted(seen[0]) == sorted(definitions)  # one batch


def test_unknown_source_in_the_configuration_is_a_usage_error(tmp_path: Path, run) -> None:
    target = pinned_sbom(project(tmp_path, 'sources = ["deps.dev", "maven-central"]\n'), PACKAGES[:1])
    result = run("check", target, "--online")
    assert result.exit_code == 2
    assert "maven-central" in result.stderr


def test_retry_after_as_seconds_or_http_date() -> None:
    import datetime as dt
    from email.utils import format_datetime

    from osscheck.enrich.client import _retry_after

    assert _retry_after("3") == 3.0
    assert _retry_after(None) is None
    assert _retry_after("soon") is None
    later = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=30)
    assert 25 <= _retry_after(format_datetime(later, usegmt=True)) <= 31  # type: ignore[operator]
    assert _retry_after(format_datetime(later - dt.timedelta(hours=1), usegmt=True)) == 0.0


def test_coordinates_and_urls_for_each_ecosystem() -> None:
    from osscheck.enrich import clearlydefined, depsdev, npm, pypi
    from osscheck.enrich.coordinates import package_of
    from osscheck.model import Component

    def pkg(purl: str):  # type: ignore[no-untyped-def]
        p, why = package_of(Component(name="x", purl=purl))
        assert why is None
        return p

    maven = pkg("pkg:maven/org.slf4j/slf4j-api@2.0.13")
    assert (
        depsdev.calls([maven], "B")[0].url
        == "B/v3/systems/maven/packages/org.slf4j%3Aslf4j-api/versions/2.0.13"
    )
    assert clearlydefined.coordinate(maven) == "maven/mavencentral/org.slf4j/slf4j-api/2.0.13"
    scoped = pkg("pkg:npm/%40babel/core@7.24.0")
    assert depsdev.calls([scoped], "B")[0].url == "B/v3/systems/npm/packages/%40babel%2Fcore/versions/7.24.0"
    assert npm.calls([scoped], "B")[0].url == "B/@babel%2Fcore"
    assert clearlydefined.coordinate(scoped) == "npm/npmjs/@babel/core/7.24.0"
    go = pkg("pkg:golang/github.com/gorilla/mux@v1.8.1")
    assert (
        depsdev.calls([go], "B")[0].url
        == "B/v3/systems/go/packages/github.com%2Fgorilla%2Fmux/versions/v1.8.1"
    )
    assert clearlydefined.coordinate(go) == "go/golang/github.com%2fgorilla/mux/v1.8.1"
    assert pypi.calls([pkg("pkg:pypi/zope-interface@6.0")], "B")[0].url == "B/pypi/zope-interface/6.0/json"
    assert clearlydefined.coordinate(pkg("pkg:cargo/serde@1.0.200")) == "crate/cratesio/-/serde/1.0.200"
    assert package_of(Component(name="x", purl="pkg:pypi/requests"))[0] is None  # no version: no guess
    assert package_of(Component(name="x"))[0] is None


def test_pypi_reads_licence_expression_alone_else_licence_and_classifiers() -> None:
    from osscheck.enrich import pypi
    from osscheck.enrich.client import Call
    from osscheck.enrich.coordinates import Package

    p = Package("pypi", None, "x", "1.0")
    call = Call("pypi", "U", (p,))
    modern = {"info": {"license_expression": "MIT", "license": "whatever", "classifiers": ["License :: X"]}}
    assert pypi.statement(call, modern, p).entries == (("MIT", "expression"),)
    legacy = {
        "info": {"license": "BSD", "classifiers": ["License :: OSI Approved :: BSD License", "Topic :: X"]}
    }
    assert pypi.statement(call, legacy, p).entries == (
        ("BSD", "name"),
        ("License :: OSI Approved :: BSD License", "classifier"),
    )
    assert pypi.statement(call, {"info": {"license": "UNKNOWN", "classifiers": []}}, p).missing


def test_offline_also_answers_from_expired_cache_entries(services: HTTPServer, tmp_path: Path, run) -> None:
    services.expect_request(re.compile(".*")).respond_with_handler(registry(TRUTH))
    target = pinned_sbom(project(tmp_path, "cache-days = 0.00001\n"), PACKAGES[:3])  # about a second
    assert run("check", target, "--online").exit_code == 0
    time.sleep(1.5)
    services.stop()
    result = run("check", target, "--offline", "-f", "json")
    assert licences(result.json) == {n: TRUTH[n] for n, _, _ in PACKAGES[:3]}


def test_notice_uses_the_looked_up_licences(services: HTTPServer, tmp_path: Path, run) -> None:
    services.expect_request(re.compile(".*")).respond_with_handler(registry(TRUTH))
    target = pinned_sbom(project(tmp_path), PACKAGES[:2])
    without = run("notice", target)
    with_lookups = run("notice", target, "--online")
    assert with_lookups.exit_code == 0, with_lookups.stderr
    assert "Apache-2.0" not in without.stdout
    assert "Apache-2.0" in with_lookups.stdout and "MIT" in with_lookups.stdout


def test_a_vague_answer_asks_the_next_source_and_is_kept_if_none_knows_better(
    services: HTTPServer, tmp_path: Path, run
) -> None:
    def handle(request: Request) -> Response:
        if request.path.startswith("/pypi-mirror/pypi/"):
            return _json({"info": {"license": "Public Domain", "classifiers": []}})
        if request.path == "/cd/definitions":
            wanted = request.get_json()
            known = {"pypi/pypi/-/pkg-000/1.0.0": {"licensed": {"declared": "Unlicense"}}}
            return _json({k: known.get(k, {"licensed": {"declared": "NOASSERTION"}}) for k in wanted})
        return _json({}, 404)

    services.expect_request(re.compile(".*")).respond_with_handler(handle)
    target = pinned_sbom(project(tmp_path, 'sources = ["pypi", "clearlydefined"]\n'), PACKAGES[:2])
    result = run("check", target, "--online", "-f", "json")
    by_name = {c["name"]: c for c in result.json["components"]}
    assert by_name["pkg-000"]["license"] == "Unlicense"
    assert by_name["pkg-000"]["method"] == "enriched:clearlydefined"
    vague = by_name["pkg-001"]
    assert vague["method"] == "enriched:pypi"  # nothing better found: the vague answer, with its confidence
    assert vague["license"] is not None and vague["confidence"] < 0.8
    assert vague["status"] in ("review", "denied")


def test_offline_never_asks_the_server_even_for_a_miss(services: HTTPServer, tmp_path: Path, run) -> None:
    services.expect_request(re.compile(".*")).respond_with_handler(registry(TRUTH))
    folder = project(tmp_path)
    assert run("check", pinned_sbom(folder, PACKAGES[:3]), "--online").exit_code == 0
    asked = len(services.log)
    result = run("check", pinned_sbom(folder, PACKAGES[:5]), "--offline", "-f", "json")
    assert len(services.log) == asked  # the server is up, and still not asked
    found = licences(result.json)
    assert [found[n] for n, _, _ in PACKAGES[:3]] == [TRUTH[n] for n, _, _ in PACKAGES[:3]]
    misses = [f for f in result.json["findings"] if f["rule"] == "lookup-failed"]
    assert {f["component"] for f in misses} == {f"pkg:pypi/{n}@{v}" for n, v, _ in PACKAGES[3:5]}
    assert all("not in cache (offline)" in f["message"] for f in misses)


def test_a_retry_after_beyond_the_time_budget_is_not_waited_for(
    services: HTTPServer, tmp_path: Path, run
) -> None:
    services.expect_request(re.compile(".*")).respond_with_response(
        Response("busy", status=429, headers={"Retry-After": "600"})
    )
    target = pinned_sbom(project(tmp_path), PACKAGES[:1])
    start = time.monotonic()
    result = run("check", target, "--online", "-f", "json")
    assert time.monotonic() - start < 30
    (failed,) = [f for f in result.json["findings"] if f["rule"] == "lookup-failed"]
    assert "429" in failed["message"] and "600 s" in failed["message"]


def test_a_damaged_cache_is_one_clear_line(services: HTTPServer, tmp_path: Path, run) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / CACHE_NAME).write_bytes(b"not a database\n" * 100)
    target = pinned_sbom(project(tmp_path), PACKAGES[:1])
    for mode in ("--online", "--offline"):
        result = run("check", target, mode)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1 and "delete it" in result.stderr and CACHE_NAME in result.stderr
    assert len(services.log) == 0


@pytest.mark.parametrize(
    "body",
    [
        "[]",
        '"MIT"',
        "null",
        '{"licenses": "MIT", "licenseDetails": [null, 3, {"spdx": 7}], "info": [], "versions": []}',
        '{"licenses": [null, ""], "info": {"license_expression": 5, "classifiers": "x"}}',
        "<html>login</html>",
    ],
)
def test_strange_answers_leave_the_licence_unknown_without_a_traceback(
    body: str, services: HTTPServer, tmp_path: Path, run
) -> None:
    services.expect_request(re.compile(".*")).respond_with_data(body, content_type="application/json")
    folder = project(tmp_path)
    doc = json.loads(pinned_sbom(folder, PACKAGES[:1]).read_text())
    doc["components"].append({"type": "library", "name": "w", "version": "1.0.0", "purl": "pkg:npm/w@1.0.0"})
    (folder / "bom.cdx.json").write_text(json.dumps(doc))
    result = run("check", folder / "bom.cdx.json", "--online", "-f", "json")
    assert result.exit_code == 1, result.stderr
    assert set(licences(result.json).values()) == {None}
    assert len([f for f in result.json["findings"] if f["rule"] == "lookup-failed"]) == 2

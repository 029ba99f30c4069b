"""The justification register as the administration keeps it: register files, status, scope,
approval, review and exit dates, the licence text digest, URL registers, and the index."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.server
import json
import random
import threading
from pathlib import Path

import pytest

from osscheck.errors import PolicyError
from osscheck.model import Component
from osscheck.policy import load_policy
from osscheck.policy.evaluate import Evaluation, RegisterIndex, _decide
from osscheck.policy.model import Policy, PolicyException
from osscheck.policy.versions import matches as version_matches

ORIGINAL_TEXT = "Vendor licence, version 1\n"


def _sbom(path: Path, components: list[tuple[str, str | None]]) -> Path:
    """A CycloneDX SBOM of npm packages under GPL-3.0-only, each with an optional licence text."""
    entries = []
    for name, text in components:
        licence: dict = {"id": "GPL-3.0-only"}
        if text is not None:
            licence["text"] = {"content": text}
        entries.append(
            {"type": "library", "name": name, "version": "1.0.0", "purl": f"pkg:npm/{name}@1.0.0",
             "licenses": [{"license": licence}]}
        )  # fmt: skip
    document = {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "metadata": {"component": {"type": "application", "name": "fachverfahren", "version": "1.0"}},
        "components": entries,
    }
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


def _policy(
    folder: Path, extra: str = "", registers: str = '["register.toml", "stadt/register.toml"]'
) -> Path:
    path = folder / "policy.toml"
    path.write_text(
        f'[policy]\nname = "stadt"\nextends = "public-code"\nregisters = {registers}\n{extra}'
        '[licenses]\ndeny = ["GPL-3.0-only"]\n',
        encoding="utf-8",
    )
    return path


def _entry(package: str, **keys: object) -> str:
    lines = ["[[exceptions]]", f'package = "{package}"', 'justification = "no alternative on the market"']
    for key, value in keys.items():
        written = f'"{value}"' if isinstance(value, str) else str(value).lower()
        if isinstance(value, dt.date):
            written = value.isoformat()
        if isinstance(value, list):
            written = json.dumps(value)
        lines.append(f"{key.replace('_', '-')} = {written}")
    return "\n".join(lines) + "\n\n"


def _check(run, *args: object) -> dict:
    result = run("check", *args, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    return result.json


def _by_rule(report: dict, rule: str) -> dict[str, dict]:
    return {f["component"]: f for f in report["findings"] if f["rule"] == rule}


def _status(report: dict) -> dict[str, str]:
    return {c["purl"]: c["status"] for c in report["components"]}


def test_a_register_in_two_files(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    digest = hashlib.sha256(ORIGINAL_TEXT.encode()).hexdigest()
    (tmp_path / "register.toml").write_text(
        '[register]\nname = "Fachbereich"\n\n'
        + _entry(
            "pkg:npm/approved", id="2026-001", status="approved", basis="technical", approved_by="Amt 10"
        )
        + _entry("pkg:npm/pending", id="2026-002", status="requested", requested_by="Fachbereich 3")
        + _entry("pkg:npm/expired", id="2026-003", expires=dt.date(2020, 1, 1)),
        encoding="utf-8",
    )
    (tmp_path / "stadt").mkdir()
    (tmp_path / "stadt" / "register.toml").write_text(
        "# the city's central register\n"
        + _entry("pkg:npm/rejected", status="rejected")
        + _entry("pkg:npm/text-changed", license_text_sha256=digest)
        + _entry("pkg:npm/text-same", license_text_sha256=digest)
        + _entry("pkg:npm/review", decided_on=dt.date(2020, 1, 1), review_every="12 months")
        + _entry("pkg:npm/exit", exit_by=dt.date(2021, 6, 30), exit_strategy="replace by the city's own"),
        encoding="utf-8",
    )
    names = ["approved", "pending", "expired", "rejected", "text-changed", "text-same", "review", "exit"]
    texts = {"text-changed": "Vendor licence, version 2\n", "text-same": ORIGINAL_TEXT}
    sbom = _sbom(tmp_path / "bom.cdx.json", [(n, texts.get(n)) for n in names])
    report = _check(run, sbom.name, "-p", _policy(tmp_path).name)
    status = _status(report)
    assert status == {
        "pkg:npm/approved@1.0.0": "exempted",
        "pkg:npm/pending@1.0.0": "denied",
        "pkg:npm/expired@1.0.0": "denied",
        "pkg:npm/rejected@1.0.0": "denied",
        "pkg:npm/text-changed@1.0.0": "denied",
        "pkg:npm/text-same@1.0.0": "exempted",
        "pkg:npm/review@1.0.0": "exempted",
        "pkg:npm/exit@1.0.0": "exempted",
    }
    pending = _by_rule(report, "exception-pending")
    assert list(pending) == ["pkg:npm/pending@1.0.0"]
    assert pending["pkg:npm/pending@1.0.0"]["location"] == {"path": "register.toml", "line": 12}
    assert pending["pkg:npm/pending@1.0.0"]["severity"] == "warning"
    expired = _by_rule(report, "expired-exception")
    assert expired["pkg:npm/expired@1.0.0"]["location"] == {"path": "register.toml", "line": 19}
    changed = _by_rule(report, "exception-text-changed")
    assert list(changed) == ["pkg:npm/text-changed@1.0.0"]
    assert changed["pkg:npm/text-changed@1.0.0"]["location"] == {"path": "stadt/register.toml", "line": 7}
    assert (
        hashlib.sha256(texts["text-changed"].encode()).hexdigest()
        in changed["pkg:npm/text-changed@1.0.0"]["message"]
    )
    # a rejected entry neither clears nor counts as one to clean up
    assert "pkg:npm/rejected@1.0.0" in _by_rule(report, "denied-license")
    assert not [f for f in report["findings"] if f["rule"] == "unused-exception"]
    review = [f for f in report["findings"] if f["rule"] == "exception-review-due"]
    assert [(f["location"], "2021-01-01" in f["message"]) for f in review] == [
        ({"path": "stadt/register.toml", "line": 17}, True)
    ]
    exits = [f for f in report["findings"] if f["rule"] == "exception-exit-overdue"]
    assert [f["location"]["line"] for f in exits] == [23]
    # the new fields travel with the component the entry cleared
    approved = next(c for c in report["components"] if c["purl"] == "pkg:npm/approved@1.0.0")
    assert approved["exception"]["id"] == "2026-001"
    assert approved["exception"]["basis"] == "technical"
    # and in German
    german = run("check", sbom, "-p", _policy(tmp_path), "--lang", "de")
    assert "ist beantragt, nicht genehmigt" in german.stdout


def test_an_entry_without_the_new_keys_is_as_before(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(
        '[policy]\nname = "x"\n[[exceptions]]\npackage = "pkg:npm/a"\njustification = "j"\n', encoding="utf-8"
    )
    entry = load_policy(path).exceptions[0]
    assert entry.to_dict() == {
        "package": "pkg:npm/a",
        "version": None,
        "license": None,
        "justification": "j",
        "approved-by": None,
        "reference": None,
        "expires": None,
    }
    assert (entry.status, entry.source, entry.line) == ("approved", str(path), 3)


def test_scope_names_projects_and_paths(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder in ("fachverfahren", "portal"):
        (tmp_path / folder).mkdir()
        _sbom(tmp_path / folder / "bom.cdx.json", [("scoped", None), ("by-name", None)])
    (tmp_path / "register.toml").write_text(
        _entry("pkg:npm/scoped", scope=["fachverfahren/*"])
        + _entry("pkg:npm/by-name", scope=["fachverfahren"]),  # the SBOM's project name
        encoding="utf-8",
    )
    policy = _policy(tmp_path, registers='["register.toml"]')
    inside = _status(_check(run, "fachverfahren/bom.cdx.json", "-p", policy))
    assert inside == {"pkg:npm/scoped@1.0.0": "exempted", "pkg:npm/by-name@1.0.0": "exempted"}
    # the portal's SBOM names the same project: the path scope keeps it out, the project scope lets it in
    outside = _status(_check(run, "portal/bom.cdx.json", "-p", policy))
    assert outside == {"pkg:npm/scoped@1.0.0": "denied", "pkg:npm/by-name@1.0.0": "exempted"}


def test_approval_and_a_separate_approver(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    sbom = _sbom(
        tmp_path / "bom.cdx.json", [("none", None), ("self", None), ("other", None), ("nobody", None)]
    )
    (tmp_path / "register.toml").write_text(
        _entry("pkg:npm/none", requested_by="Fachbereich")
        + _entry("pkg:npm/self", requested_by="A. Meier", approved_by="a. meier")
        + _entry("pkg:npm/other", requested_by="A. Meier", approved_by="B. Schulz")
        + _entry("pkg:npm/nobody", approved_by="B. Schulz"),
        encoding="utf-8",
    )
    required = _policy(tmp_path, "require-approval = true\n", '["register.toml"]')
    status = _status(_check(run, sbom, "-p", required))
    assert status["pkg:npm/none@1.0.0"] == "denied"
    assert status["pkg:npm/self@1.0.0"] == status["pkg:npm/other@1.0.0"] == "exempted"
    separate = _policy(tmp_path, "require-separate-approver = true\n", '["register.toml"]')
    report = _check(run, sbom, "-p", separate)
    status = _status(report)
    assert status["pkg:npm/other@1.0.0"] == "exempted"
    assert status["pkg:npm/self@1.0.0"] == status["pkg:npm/nobody@1.0.0"] == "denied"
    pending = _by_rule(report, "exception-pending")
    assert "approved by its requester a. meier" not in pending["pkg:npm/self@1.0.0"]["message"]
    assert "approved by its requester A. Meier" in pending["pkg:npm/self@1.0.0"]["message"]
    assert "names no requested-by" in pending["pkg:npm/nobody@1.0.0"]["message"]
    assert "names no approved-by" in pending["pkg:npm/none@1.0.0"]["message"]


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        (
            '[[exceptions]]\npackage = "pkg:npm/a"\njustification = "j"\nstatus = "maybe"\n',
            4,
            "status must be one of",
        ),
        (
            '[[exceptions]]\npackage = "pkg:npm/a"\njustification = "j"\nbasis = "political"\n',
            4,
            "basis must be",
        ),
        (
            '[[exceptions]]\npackage = "pkg:npm/a"\njustification = "j"\nreview-every = "often"\n',
            4,
            "review-every",
        ),
        (
            '[[exceptions]]\npackage = "pkg:npm/a"\njustification = "j"\nexit-by = "soon"\n',
            4,
            "exit-by must be a date",
        ),
        ('\n[[exceptions]]\npackage = "pkg:npm/a"\njustification = "j"\nscope = [1]\n', 5, "scope"),
        (
            '[[exceptions]]\npackage = "pkg:npm/a"\njustification = "j"\nlicense-text-sha256 = "ab"\n',
            4,
            "64 hex",
        ),
        ('[policy]\nname = "x"\n', 1, "unknown table or key 'policy'"),
        ('[register]\nowner = "x"\n', 1, "[register] may only hold name"),
    ],
)
def test_a_mistake_in_a_register_file_is_reported_at_its_line(run, tmp_path, text, line, says):
    (tmp_path / "register.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as info:
        load_policy(_policy(tmp_path, registers='["register.toml"]'))
    assert (info.value.path, info.value.line) == (str(tmp_path / "register.toml"), line)
    assert says in str(info.value.message)
    result = run("check", _sbom(tmp_path / "bom.cdx.json", []), "-p", tmp_path / "policy.toml")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"osscheck: error: {tmp_path / 'register.toml'}:{line}: ")
    assert "Traceback" not in result.stderr


def test_an_id_is_unique_across_the_merged_register(tmp_path):
    (tmp_path / "register.toml").write_text(_entry("pkg:npm/a", id="2026-001"), encoding="utf-8")
    (tmp_path / "stadt").mkdir()
    (tmp_path / "stadt" / "register.toml").write_text(
        "\n" + _entry("pkg:npm/b", id="2026-001"), encoding="utf-8"
    )
    with pytest.raises(PolicyError) as info:
        load_policy(_policy(tmp_path))
    assert (info.value.path, info.value.line) == (str(tmp_path / "stadt" / "register.toml"), 2)
    assert f"{tmp_path / 'register.toml'}:1" in str(info.value.message)


def test_a_missing_register_file_is_an_error(tmp_path):
    with pytest.raises(PolicyError) as info:
        load_policy(_policy(tmp_path, registers='["nowhere.toml"]'))
    assert info.value.path == str(tmp_path / "nowhere.toml")


class _Server:
    """A register served on 127.0.0.1, counting the requests."""

    def __init__(self, body: bytes) -> None:
        served = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the http.server API
                served.requests += 1
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.requests = 0
        self.httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/register.toml"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_a_url_register_is_pinned_fetched_online_and_cached(run, tmp_path, monkeypatch):
    monkeypatch.setenv("OSSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    body = _entry("pkg:npm/central").encode()
    digest = hashlib.sha256(body).hexdigest()
    server = _Server(body)
    try:
        wrong = _policy(tmp_path, registers=f'[{{url = "{server.url}", sha256 = "{"0" * 64}"}}]')
        with pytest.raises(PolicyError) as info:
            load_policy(wrong, online=True)
        assert "not the pinned" in str(info.value.message)
        assert (info.value.path, info.value.line) == (str(wrong), 4)
        right = _policy(tmp_path, registers=f'[{{url = "{server.url}", sha256 = "{digest}"}}]')
        # offline and not cached: the check could not look at the register, so it fails
        sbom = _sbom(tmp_path / "bom.cdx.json", [("central", None)])
        result = run("check", sbom, "-p", right)
        assert result.exit_code == 2
        assert result.stderr.startswith(
            f"osscheck: error: {right}:4: the register {server.url} is not in the cache"
        )
        assert server.requests == 1  # only the online load above asked the server
        entries = load_policy(right, online=True).exceptions
        assert [(e.package, e.source, e.line) for e in entries] == [("pkg:npm/central", server.url, 1)]
        assert server.requests == 2
    finally:
        server.close()
    # offline and cached: the pinned copy is used, and nothing is asked
    report = _check(run, sbom, "-p", right)
    assert _status(report) == {"pkg:npm/central@1.0.0": "exempted"}
    assert (tmp_path / "cache" / "registers" / f"{digest}.toml").read_bytes() == body


def test_a_url_register_of_the_project_configuration_is_an_error_at_its_line(run, tmp_path, monkeypatch):
    monkeypatch.setenv("OSSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "1"\nlicense = "MIT"\n\n[tool.osscheck]\npolicy = "public-code"\n'
        f'registers = [{{url = "https://stadt.example/register.toml", sha256 = "{"0" * 64}"}}]\n',
        encoding="utf-8",
    )
    result = run("check", ".")
    assert result.exit_code == 2
    assert result.stderr == (
        "osscheck: error: pyproject.toml:8: the register https://stadt.example/register.toml is not in"
        " the cache: run once with --online to fetch it\n"
    )


# --- the index gives what the linear matching gives ---------------------------------------------


def _reference(c: Component, exceptions: tuple[PolicyException, ...], today: dt.date) -> int | None:
    """The first entry that clears ``c``, found by comparing it with every entry in turn."""
    for at, exc in enumerate(exceptions):
        if exc.package is not None:
            if not c.purl:
                continue
            bare = c.purl.split("@", 1)[0].lower()
            if bare.replace("_", "-").replace(".", "-") != exc.package.lower().replace("_", "-").replace(
                ".", "-"
            ):
                continue
        if exc.name is not None and c.name.lower() != exc.name.lower():
            continue
        if (exc.package or exc.name) and exc.version and not version_matches(c.version, exc.version):
            continue
        if exc.license is not None:
            terms = set((c.license or "").replace("(", " ").replace(")", " ").split()) - {"AND", "OR"}
            if c.license is None or exc.license not in terms | {c.license}:
                continue
        if exc.status != "approved" or (exc.expires is not None and exc.expires < today):
            continue
        return at
    return None


def test_the_index_matches_as_the_linear_scan_does():
    rng = random.Random(15)
    names = [f"p{i}" for i in range(30)] + ["Mixed_Case", "dot.ted"]
    licences = ["MIT", "GPL-3.0-only", "LicenseRef-Proprietary", "Apache-2.0"]
    today = dt.date(2026, 12, 1)
    exceptions = []
    for _ in range(400):
        kind = rng.choice(("package", "name", "license"))
        name = rng.choice(names)
        exceptions.append(
            PolicyException(
                justification="j",
                package=f"pkg:pypi/{name}" if kind == "package" else None,
                name=name.upper() if kind == "name" else None,
                license=rng.choice([*licences, None]) if kind != "license" else rng.choice(licences),
                version=rng.choice([None, None, "1.0", ">=2"]),
                expires=rng.choice([None, dt.date(2020, 1, 1), dt.date(2030, 1, 1)]),
                status=rng.choice(("approved", "approved", "requested", "rejected")),
            )
        )
    policy = Policy(name="x", exceptions=tuple(exceptions))
    state = Evaluation(index=RegisterIndex(policy.exceptions))
    compared = 0
    for _ in range(2000):
        name = rng.choice(names)
        left, right = rng.sample(licences, 2)
        licence = rng.choice([left, f"{left} OR {right}", f"{left} AND {right}", None])
        version = rng.choice(["1.0", "2.5", "0.1"])
        purl = rng.choice([f"pkg:pypi/{name.lower()}@{version}", None])
        c = Component(name=name, version=version, purl=purl, license=licence)
        found, _, _ = _decide(c, policy, today, state)
        expected = _reference(c, policy.exceptions, today)
        assert (policy.exceptions.index(found) if found is not None else None) == expected
        compared += expected is not None
    assert compared > 100  # the random set exercised matches, not only misses


def test_registers_in_the_project_configuration(run, tmp_path):
    project = tmp_path / "fachverfahren"
    project.mkdir()
    _sbom(project / "bom.cdx.json", [("central", None), ("local", None)])
    (project / "register.toml").write_text(_entry("pkg:npm/local"), encoding="utf-8")
    (tmp_path / "stadt").mkdir()
    (tmp_path / "stadt" / "register.toml").write_text(_entry("pkg:npm/central"), encoding="utf-8")
    (project / "policy.toml").write_text(
        '[policy]\nname = "p"\nextends = "public-code"\n[licenses]\ndeny = ["GPL-3.0-only"]\n',
        encoding="utf-8",
    )
    (project / ".osscheck.toml").write_text(
        'policy = "policy.toml"\nregisters = ["register.toml", "../stadt/register.toml"]\n', encoding="utf-8"
    )
    report = _check(run, project / "bom.cdx.json")
    assert _status(report) == {"pkg:npm/central@1.0.0": "exempted", "pkg:npm/local@1.0.0": "exempted"}
    sources = {c["purl"]: c["exception"]["package"] for c in report["components"]}
    assert sources == {"pkg:npm/central@1.0.0": "pkg:npm/central", "pkg:npm/local@1.0.0": "pkg:npm/local"}
    (tmp_path / "stadt" / "register.toml").write_text(
        '[[exceptions]]\npackage = "pkg:npm/central"\n', encoding="utf-8"
    )
    result = run("check", project / "bom.cdx.json")
    assert result.exit_code == 2
    assert f"{project / '../stadt/register.toml'}:1: " in result.stderr


def test_the_html_register_shows_the_fields(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "register.toml").write_text(
        _entry(
            "pkg:npm/fachverfahren-client",
            id="2026-007",
            status="requested",
            basis="financial",
            requested_by="Fachbereich 32",
            decided_on=dt.date(2026, 3, 1),
            exit_by=dt.date(2029, 12, 31),
            review_every="12 months",
            scope=["fachverfahren"],
        ),
        encoding="utf-8",
    )
    sbom = _sbom(tmp_path / "bom.cdx.json", [("fachverfahren-client", None)])
    policy = _policy(tmp_path, registers='["register.toml"]').name
    for lang, words in (
        ("en", ("Register ID: 2026-007", "Basis: financial", "Requested by: Fachbereich 32", "pending")),
        (
            "de",
            (
                "Register-Nr.: 2026-007",
                "Grundlage: finanziell",
                "Beantragt von: Fachbereich 32",
                "Ausstieg bis: 2029-12-31",
            ),
        ),
    ):
        result = run("check", sbom.name, "-p", policy, "-f", "html", "--lang", lang)
        assert result.exit_code in (0, 1), result.stderr
        section = result.stdout.split('<section id="register"', 1)[1].split("</section>", 1)[0]
        for word in (*words, "2026-03-01", "12 months", "fachverfahren"):
            assert word in section, (lang, word)


def test_a_register_read_again_is_the_same(tmp_path):
    (tmp_path / "register.toml").write_text(
        _entry(
            "pkg:npm/a",
            id="2026-009",
            status="requested",
            decided_on=dt.date(2026, 1, 2),
            exit_by=dt.date(2027, 1, 2),
            expires=dt.date(2028, 1, 2),
            scope=["a/*", "b"],
            license_text_sha256="AB" * 32,
        )
        + _entry("pkg:npm/b"),
        encoding="utf-8",
    )
    policy = _policy(tmp_path, registers='["register.toml"]')
    first = load_policy(policy).exceptions
    again = load_policy(policy).exceptions  # from the kept parse this time
    assert first == again
    assert again[0].scope == ("a/*", "b") and again[0].license_text_sha256 == "ab" * 32
    assert again[0].decided_on == dt.date(2026, 1, 2) and again[1].status == "approved"


def test_a_requested_entry_is_shown_as_requested_not_as_missing(run, tmp_path, monkeypatch):
    """The burden of proof names the request that is on its way, where the register has it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "register.toml").write_text(
        _entry("pkg:npm/acme-sdk", id="2026-007", status="requested", requested_by="Fachbereich 3")
        + _entry("pkg:npm/other-sdk", id="2026-008", status="approved", approved_by="Amt 10"),
        encoding="utf-8",
    )
    components = [
        {"type": "library", "name": n, "version": "1.0.0", "purl": f"pkg:npm/{n}@1.0.0",
         "licenses": [{"expression": "LicenseRef-acme-commercial"}]}
        for n in ("acme-sdk", "other-sdk", "third-sdk")
    ]  # fmt: skip
    (tmp_path / "bom.cdx.json").write_text(
        json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": components}),
        encoding="utf-8",
    )
    policy = _policy(tmp_path, registers='["register.toml"]').name
    rows = {
        b["component"]: b for b in _check(run, "bom.cdx.json", "-p", policy)["burden_of_proof"]["components"]
    }
    assert rows["pkg:npm/acme-sdk@1.0.0"]["justification"] is None
    assert rows["pkg:npm/acme-sdk@1.0.0"]["pending"] == {"file": "register.toml", "line": 1}
    assert "pending" not in rows["pkg:npm/third-sdk@1.0.0"]  # nothing requested: simply missing
    assert "pending" not in rows["pkg:npm/other-sdk@1.0.0"]  # approved: justified
    text = run("check", "bom.cdx.json", "-p", policy, "--lang", "de").stdout
    assert "! pkg:npm/acme-sdk@1.0.0  LicenseRef-acme-commercial" in text
    assert "beantragt, nicht genehmigt (register.toml:1)" in text
    assert "pkg:npm/third-sdk@1.0.0  LicenseRef-acme-commercial  unbekannte Lizenz: fehlt" in text
    markdown = run("check", "bom.cdx.json", "-p", policy, "-f", "markdown").stdout
    acme = next(line for line in markdown.splitlines() if line.startswith("| `pkg:npm/acme-sdk"))
    assert "**requested, not approved**" in acme and "`register.toml:1`" in acme
    html = run("check", "bom.cdx.json", "-p", policy, "-f", "html").stdout
    assert '<span class="badge review">requested, not approved</span>' in html

"""Scopes and merging: the scope that ships wins, conflicting licences are kept, groups by their names."""

from __future__ import annotations

import json

import pytest

from conftest import by_name, cyclonedx, package_lock, write
from osscheck import api
from osscheck.messages import Message, render

# --- 10.1 the scope that ships wins across inputs ------------------------------------------------


@pytest.mark.parametrize("order", ["dev first", "run time first"])
def test_a_runtime_requirement_is_not_hidden_by_a_dev_file(tmp_path, run, order):
    runtime = write(tmp_path / "requirements.txt", "django==5.2.15\n")
    dev = write(tmp_path / "requirements-dev.txt", "django==5.2.15\npytest==8.3.5\n")
    files = [dev, runtime] if order == "dev first" else [runtime, dev]
    for args in ([tmp_path], files):
        result = run("check", *args, "-f", "json")
        django = by_name(result)["django"]
        assert django["scope"] == "runtime" and django["status"] == "denied"  # unknown licence
        assert django["location"] == {"path": str(runtime), "line": 1}  # the line that ships it
        assert by_name(result)["pytest"]["status"] == "ignored"
        assert result.exit_code == 1


def test_optional_wins_over_dev_whatever_the_path_order(tmp_path, run):
    write(tmp_path / "a" / "requirements-dev.txt", "psycopg==3.2.0\n")
    manifest = write(
        tmp_path / "b" / "pyproject.toml",
        '[project]\nname = "app"\nlicense = "EUPL-1.2"\n\n[project.optional-dependencies]\n'
        'pg = ["psycopg==3.2.0"]\n',
    )
    psycopg = by_name(run("check", tmp_path, "-f", "json"))["psycopg"]
    assert psycopg["scope"] == "optional" and psycopg["status"] != "ignored"
    assert psycopg["location"] == {"path": str(manifest), "line": 6}


# --- 11.5 the same component with two licences -------------------------------------------------


def _two_inputs(tmp_path, first: str, second: str) -> None:
    # a.cdx.json comes first by path
    (tmp_path / "a.cdx.json").write_text(json.dumps(cyclonedx({"dbkit": first})))
    (tmp_path / "package-lock.json").write_text(package_lock({"dbkit": second}))


def _findings(result, rule: str) -> list[dict]:
    return [f for f in result.json["findings"] if f["rule"] == rule]


def test_a_denied_licence_in_the_second_input_is_not_dropped(tmp_path, run):
    _two_inputs(tmp_path, "MIT", "SSPL-1.0")
    result = run("check", tmp_path, "-f", "json")
    assert result.exit_code == 1
    dbkit = by_name(result)["dbkit"]
    assert dbkit["license"] == "MIT AND SSPL-1.0" and dbkit["status"] == "denied"
    assert dbkit["declared"] == ["MIT", "SSPL-1.0"]
    (conflict,) = _findings(result, "conflicting-declarations")
    assert conflict["severity"] == "error" and conflict["component"] == "pkg:npm/dbkit@1.0.0"
    assert str(tmp_path / "a.cdx.json") in conflict["message"]
    assert str(tmp_path / "package-lock.json") in conflict["message"]


def test_two_allowed_but_different_licences_fail_closed(tmp_path, run):
    _two_inputs(tmp_path, "MIT", "Apache-2.0")
    result = run("check", tmp_path, "-f", "json")
    dbkit = by_name(result)["dbkit"]
    assert dbkit["license"] == "Apache-2.0 AND MIT" or dbkit["license"] == "MIT AND Apache-2.0"
    assert dbkit["status"] == "allowed"
    assert len(_findings(result, "conflicting-declarations")) == 1
    assert result.exit_code == 1 and result.json["summary"]["passed"] is False


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("Apache-2.0", "Apache-2.0", "Apache-2.0"),  # the same
        ("BSD-3-Clause", "BSD", "BSD-3-Clause"),  # only a vaguer form of it
        ("MIT OR Apache-2.0", "(MIT OR Apache-2.0)", "MIT OR Apache-2.0"),  # the same, written otherwise
    ],
)
def test_the_same_meaning_is_no_conflict(tmp_path, run, first, second, expected):
    _two_inputs(tmp_path, first, second)
    result = run("check", tmp_path, "-f", "json")
    assert by_name(result)["dbkit"]["license"] == expected
    assert _findings(result, "conflicting-declarations") == []
    assert result.exit_code == 0


def _spdx_package(spdx_id: str, licence: str) -> dict:
    return {
        "SPDXID": spdx_id,
        "name": "dbkit",
        "versionInfo": "1.0.0",
        "downloadLocation": "NOASSERTION",
        "licenseDeclared": licence,
        "externalRefs": [
            {
                "referenceCategory": "PACKAGE-MANAGER",
                "referenceType": "purl",
                "referenceLocator": "pkg:npm/dbkit@1.0.0",
            }
        ],
    }


def test_duplicates_within_one_sbom_are_combined(tmp_path, run):
    doc = {
        "spdxVersion": "SPDX-2.3",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": "app",
        "dataLicense": "CC0-1.0",
        "documentNamespace": "https://example.org/app",
        "creationInfo": {"created": "2025-01-01T00:00:00Z", "creators": ["Tool: test"]},
        "packages": [_spdx_package("SPDXRef-a", "MIT"), _spdx_package("SPDXRef-b", "SSPL-1.0")],
    }
    bom = tmp_path / "bom.spdx.json"
    bom.write_text(json.dumps(doc, indent=2))
    result = run("check", bom, "-f", "json")
    (dbkit,) = result.json["components"]
    assert dbkit["license"] == "MIT AND SSPL-1.0" and dbkit["status"] == "denied"
    assert len(_findings(result, "conflicting-declarations")) == 1
    assert result.exit_code == 1


def test_conflicts_in_german():
    detail = Message(
        "finding.conflicting-declarations",
        places="MIT (a.json:3), SSPL-1.0 (b.json:9)",
        license="MIT AND SSPL-1.0",
    )
    message = Message("finding.of-component", ref="pkg:npm/x@1", detail=detail)
    assert str(message) == (
        "pkg:npm/x@1: conflicting licence declarations: MIT (a.json:3), SSPL-1.0 (b.json:9); "
        "all of them apply: MIT AND SSPL-1.0"
    )
    assert render(message, "de") == (
        "pkg:npm/x@1: widersprüchliche Lizenzangaben: MIT (a.json:3), SSPL-1.0 (b.json:9); "
        "es gelten alle: MIT AND SSPL-1.0"
    )
    hint = Message("rule.conflicting-declarations.hint")
    assert render(hint, "de").startswith("Die falsche Eingabe berichtigen")


# --- 10.2 dependency groups: development only where the name says so ---------------------------

PYPROJECT = """
[project]
name = "app"
license = "EUPL-1.2"
dependencies = ["requests==2.32.3"]

[dependency-groups]
dev = ["pytest==8.3.5"]
Test = ["coverage==7.6.0"]
prod = ["gunicorn==23.0.0"]

[tool.poetry.dev-dependencies]
black = "24.4.0"

[tool.poetry.group.celery.dependencies]
celery = "5.4.0"

[tool.poetry.group.docs.dependencies]
sphinx = "7.3.7"
"""


def _scopes(result) -> dict[str, str]:
    return {c["name"]: c["scope"] for c in result.json["components"]}


def test_groups_that_may_ship_are_judged(tmp_path, run):
    manifest = write(tmp_path / "pyproject.toml", PYPROJECT)
    result = run("check", tmp_path, "-f", "json")
    assert _scopes(result) == {
        "requests": "runtime",
        "pytest": "dev",
        "coverage": "dev",  # "Test": names compare as Python normalises them
        "gunicorn": "optional",
        "black": "dev",  # Poetry's old dev-dependencies are the group "dev"
        "celery": "optional",
        "sphinx": "dev",
    }
    assert by_name(result)["gunicorn"]["status"] == "denied"  # judged: its licence is unknown
    (note,) = _findings(result, "dev-groups")
    assert note["severity"] == "note"
    assert note["message"] == "dependency groups taken as development: Test, dev, docs"
    assert note["location"] == {"path": str(manifest), "line": 7}  # the first dev group's


def test_the_note_in_the_text_report_and_in_german(tmp_path, run):
    write(tmp_path / "pyproject.toml", PYPROJECT)
    english = run("check", tmp_path).stdout
    assert "note: dependency groups taken as development: Test, dev, docs" in english
    german = run("check", tmp_path, "--lang", "de").stdout
    assert "als Entwicklung gewertete Abhängigkeitsgruppen: Test, dev, docs" in german
    assert "Die Gruppen für die Entwicklung in [tool.osscheck] dev-groups nennen" in german


@pytest.mark.parametrize("where", ["pyproject.toml", ".osscheck.toml"])
def test_dev_groups_in_the_configuration_replace_the_list(tmp_path, run, where):
    text = PYPROJECT
    setting = 'dev-groups = ["prod", "celery"]\n'
    if where == "pyproject.toml":
        text += "\n[tool.osscheck]\n" + setting
    else:
        write(tmp_path / ".osscheck.toml", setting)
    write(tmp_path / "pyproject.toml", text)
    result = run("check", tmp_path, "-f", "json")
    scopes = _scopes(result)
    assert scopes["gunicorn"] == scopes["celery"] == "dev"
    assert scopes["pytest"] == scopes["coverage"] == scopes["black"] == scopes["sphinx"] == "optional"
    (note,) = _findings(result, "dev-groups")
    assert note["message"] == "dependency groups taken as development: celery, prod"


def test_no_note_when_no_group_is_taken_as_development(tmp_path, run):
    write(
        tmp_path / "pyproject.toml", '[project]\nname = "app"\n\n[dependency-groups]\nprod = ["gunicorn"]\n'
    )
    result = run("check", tmp_path, "-f", "json")
    assert _scopes(result) == {"gunicorn": "optional"} and _findings(result, "dev-groups") == []


@pytest.mark.parametrize("value", ['"dev"', "[1, 2]"])
def test_dev_groups_of_the_wrong_type(tmp_path, run, value):
    write(tmp_path / "pyproject.toml", f'[project]\nname = "app"\n\n[tool.osscheck]\ndev-groups = {value}\n')
    result = run("check", tmp_path)
    assert result.exit_code == 2
    assert "osscheck configuration: dev-groups has the wrong type" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_configuration_beside_a_second_manifest_is_an_input_error(tmp_path, run):
    good = write(tmp_path / "a" / "requirements.txt", "requests==2.32.3\n")
    write(tmp_path / "b" / "pyproject.toml", '[project]\nname = "b"\ndependencies = ["idna"]\n')
    write(tmp_path / "b" / ".osscheck.toml", "dev-groups = 3\n")
    result = run("check", tmp_path, "-f", "json")
    assert result.exit_code == 2
    assert "dev-groups has the wrong type" in result.stderr and ".osscheck.toml" in result.stderr
    assert [i["path"] for i in result.json["inputs"]] == [str(good)]  # the readable input is reported


UV_LOCK = """
version = 1
requires-python = ">=3.11"

[[package]]
name = "app"
version = "0.1.0"
source = { editable = "." }

[package.dev-dependencies]
dev = [
    { name = "pytest" },
]
prod = [
    { name = "gunicorn" },
]

[[package]]
name = "gunicorn"
version = "23.0.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.3.5"
source = { registry = "https://pypi.org/simple" }
"""


def test_uv_lock_groups(tmp_path, run):
    lock = write(tmp_path / "uv.lock", UV_LOCK)
    result = run("check", lock, "-f", "json")
    assert _scopes(result) == {"gunicorn": "optional", "pytest": "dev"}
    (note,) = _findings(result, "dev-groups")
    assert note["message"] == "dependency groups taken as development: dev"
    assert note["location"] == {"path": str(lock), "line": 4}  # the project's entry


def test_poetry_lock_groups(tmp_path, run):
    lock = write(
        tmp_path / "poetry.lock",
        """
        [[package]]
        name = "celery"
        version = "5.4.0"
        groups = ["celery"]

        [[package]]
        name = "pytest"
        version = "8.3.5"
        groups = ["dev", "test"]

        [[package]]
        name = "kombu"
        version = "5.3.7"
        groups = ["celery", "dev"]

        [[package]]
        name = "black"
        version = "24.4.0"
        category = "dev"

        [metadata]
        lock-version = "2.1"
        """,
    )
    result = run("check", lock, "-f", "json")
    assert _scopes(result) == {"celery": "optional", "pytest": "dev", "kombu": "optional", "black": "dev"}
    (note,) = _findings(result, "dev-groups")
    assert note["message"] == "dependency groups taken as development: dev, test"
    assert note["location"] == {"path": str(lock), "line": 6}


def test_poetry_lock_groups_from_the_manifest_beside_it(tmp_path, run):
    write(
        tmp_path / "pyproject.toml",
        '[tool.poetry]\nname = "app"\n\n[tool.poetry.dependencies]\npython = "^3.11"\n\n'
        '[tool.poetry.group.admin.dependencies]\ndjango = "5.2.15"\n',
    )
    write(
        tmp_path / "poetry.lock",
        '[[package]]\nname = "django"\nversion = "5.2.15"\n\n[metadata]\nlock-version = "2.0"\n',
    )
    assert _scopes(run("check", tmp_path, "-f", "json")) == {"django": "optional"}


def test_pylock_groups(tmp_path, run):
    lock = write(
        tmp_path / "pylock.toml",
        """
        lock-version = "1.0"
        created-by = "uv"
        dependency-groups = ["dev", "prod"]
        default-groups = []

        [[packages]]
        name = "gunicorn"
        version = "23.0.0"
        marker = "'prod' in dependency_groups"

        [[packages]]
        name = "pytest"
        version = "8.3.5"
        marker = "'dev' in dependency_groups"
        """,
    )
    result = run("check", lock, "-f", "json")
    assert _scopes(result) == {"gunicorn": "optional", "pytest": "dev"}
    (note,) = _findings(result, "dev-groups")
    assert note["message"] == "dependency groups taken as development: dev"
    assert note["location"] == {"path": str(lock), "line": 11}


# --- 10.3 npm devOptional ----------------------------------------------------------------------


def test_dev_optional_is_installed_without_dev(tmp_path, run):
    doc = json.loads(package_lock({"fsevents": "SSPL-1.0", "jest": "SSPL-1.0"}))
    doc["packages"]["node_modules/fsevents"]["devOptional"] = True  # `npm ci --omit=dev` installs it
    doc["packages"]["node_modules/jest"]["dev"] = True
    (tmp_path / "package-lock.json").write_text(json.dumps(doc, indent=2))
    result = run("check", tmp_path, "-f", "json")
    found = by_name(result)
    assert found["fsevents"]["scope"] == "optional" and found["fsevents"]["status"] == "denied"
    assert found["jest"]["scope"] == "dev" and found["jest"]["status"] == "ignored"
    assert result.exit_code == 1


def test_merge_keeps_one_component_per_key(tmp_path):
    """The library's view: the merged inventory has each component once, with the shipping scope."""
    write(tmp_path / "requirements.txt", "django==5.2.15\n")
    write(tmp_path / "requirements-dev.txt", "django==5.2.15\n")
    report = api.check([tmp_path])
    assert [(c.name, str(c.scope)) for c in report.components] == [("django", "runtime")]


@pytest.mark.parametrize("form", ["json", "xml"])
def test_duplicates_within_one_cyclonedx_sbom_are_combined(tmp_path, run, form):
    """A CycloneDX reader keeps a purl listed twice, so that the second licence is not lost."""
    if form == "json":
        bom = tmp_path / "bom.cdx.json"
        entry = '{{"type": "library", "name": "dbkit", "version": "1.0", "purl": "pkg:npm/dbkit@1.0", '
        entry += '"licenses": [{{"license": {{"id": "{}"}}}}]}}'
        bom.write_text(
            '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [\n'
            + entry.format("MIT")
            + ",\n"
            + entry.format("SSPL-1.0")
            + "\n]}\n"
        )
    else:
        bom = tmp_path / "bom.cdx.xml"
        entry = (
            '<component type="library"><name>dbkit</name><version>1.0</version>'
            "<purl>pkg:npm/dbkit@1.0</purl><licenses><license><id>{}</id></license></licenses></component>"
        )
        bom.write_text(
            '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">\n'
            "<components>\n"
            + entry.format("MIT")
            + "\n"
            + entry.format("SSPL-1.0")
            + "\n</components>\n</bom>\n"
        )
    result = run("check", bom, "-f", "json")
    (dbkit,) = result.json["components"]
    assert dbkit["license"] == "MIT AND SSPL-1.0" and dbkit["status"] == "denied"
    assert len(_findings(result, "conflicting-declarations")) == 1
    assert result.exit_code == 1

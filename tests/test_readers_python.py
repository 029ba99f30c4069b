"""Python inputs: requirements, setup.cfg, pyproject.toml, poetry.lock, uv.lock, pylock.toml, environments."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, assert_one_error_line, by_name, write
from osscheck import api
from osscheck.readers import discover, python_env, requirements

# requirements.txt


def test_real_requirements_file_lists_each_requirement_with_its_line(run):
    result = run("check", DATA / "python-ckan" / "requirements.txt", "-f", "json", "-p", "internal-use")
    assert result.exit_code in (0, 1), result.stderr
    found = by_name(result)
    assert sorted(found) == ["ckantoolkit", "geomet", "pyld", "rdflib"]
    assert found["rdflib"]["location"]["line"] == 1 and found["ckantoolkit"]["location"]["line"] == 4
    assert found["rdflib"]["purl"] == "pkg:pypi/rdflib" and found["rdflib"]["license"] is None
    assert all(c["scope"] == "runtime" for c in found.values())


def test_requirements_syntax_pins_includes_hashes_links(tmp_path, run):
    write(
        tmp_path / "base.txt",
        """
        -r requirements.txt  # a cycle back to the first file is read once
        Django==4.2.1 \\
            --hash=sha256:aaaa \\
            --hash=sha256:bbbb
        """,
    )
    write(tmp_path / "constraints.txt", "urllib3<2\n")
    req = write(
        tmp_path / "requirements.txt",
        """
        # comment line
        -r base.txt
        -c constraints.txt
        --index-url https://pypi.example/simple
        requests[socks]>=2.31,<3 ; python_version >= "3.8"
        Flask_Login===0.6.3
        -e git+https://github.com/example/tool.git@v1.0#egg=example-tool
        https://files.example/pkgs/some_lib-1.4.2-py3-none-any.whl
        git+https://github.com/example/nameless.git
        pip @ https://files.example/pip-24.0.tar.gz
        """,
    )
    result = run("check", req, "-f", "json", "-p", "internal-use")
    assert result.exit_code in (0, 1), result.stderr
    found = by_name(result)
    assert found["Django"]["version"] == "4.2.1" and found["Django"]["purl"] == "pkg:pypi/django@4.2.1"
    assert found["Django"]["location"] == {"path": str(tmp_path / "base.txt"), "line": 2}
    assert found["requests"]["version"] is None and found["requests"]["location"]["line"] == 5
    assert found["Flask_Login"]["purl"] == "pkg:pypi/flask-login@0.6.3"
    assert found["example-tool"]["location"]["line"] == 7
    assert found["some_lib"]["version"] == "1.4.2"
    assert found["pip"]["version"] is None  # a direct reference pins nothing by itself
    assert "git+https://github.com/example/nameless.git" in found  # kept, under the link itself
    assert "urllib3" not in found  # a constraint is not a dependency
    assert len(found) == 7


def test_requirements_extras_and_markers_are_parsed():
    r = requirements.parse_requirement('requests[socks, security] (>=2.0,<3) ; python_version < "3.8"')
    assert r is not None and r.name == "requests" and r.extras == {"socks", "security"}
    assert r.specifier == ">=2.0,<3" and r.marker == 'python_version < "3.8"' and r.pinned is None
    assert requirements.parse_requirement("numpy==1.*").pinned is None
    assert requirements.parse_requirement("not a requirement at all") is None


def test_dev_requirements_file_is_dev_scope_and_found_in_requirements_folder(tmp_path):
    write(tmp_path / "requirements" / "base.txt", "attrs==23.1.0\n")
    write(tmp_path / "requirements" / "dev.txt", "-r base.txt\npytest==8.0.0\n")
    write(tmp_path / "requirements-test.txt", "hypothesis\n")
    write(tmp_path / "notes.txt", "not a requirement file\n")
    inventory = api.scan([tmp_path])
    files = sorted(Path(i.path).relative_to(tmp_path).as_posix() for i in inventory.inputs)
    assert files == ["requirements-test.txt", "requirements/base.txt", "requirements/dev.txt"]
    scopes = {(c.name, str(c.scope)) for c in inventory.components}
    assert ("pytest", "dev") in scopes and ("hypothesis", "dev") in scopes
    assert ("attrs", "runtime") in scopes  # base.txt keeps its own scope when dev.txt includes it


def test_a_requirements_file_with_another_name_is_read_when_named(tmp_path, run):
    deps = write(tmp_path / "deps.txt", "# pinned\nclick==8.1.7\nrich>=13\n")
    result = run("check", deps, "-f", "json", "-p", "internal-use")
    assert result.exit_code in (0, 1), result.stderr
    assert result.json["inputs"][0]["format"] == "requirements"
    assert sorted(by_name(result)) == ["click", "rich"]


# setup.cfg


def test_real_setup_cfg(run):
    path = DATA / "python-setupcfg" / "setup.cfg"
    inventory = api.scan([path])
    source = inventory.inputs[0]
    assert source.format == "setup-cfg"
    assert source.project is not None and source.project.name == "commonground-api-common"
    assert [d.value for d in source.project.declared] == ["EUPL 1.2"]
    found = {c.name: c for c in source.components}
    assert str(found["django"].scope) == "runtime" and found["django"].location.line == 36
    assert found["django"].extra["requirement"] == ">=4.2.0"
    assert str(found["django-markup"].scope) == "optional"  # extra "markdown_docs"
    assert str(found["psycopg2"].scope) == "dev"  # extras "tests" and "docs"
    assert str(found["bump2version"].scope) == "dev"  # extra "release"
    assert str(found["requests"].scope) == "runtime"  # also listed for tests, but ships
    result = run("check", path, "-f", "json", "-p", "internal-use")
    assert result.exit_code in (0, 1) and len(result.json["components"]) == len(found)


def test_setup_cfg_licence_expression_and_file_directive(tmp_path):
    write(tmp_path / "requirements.txt", "attrs==23.1.0\n")
    cfg = write(
        tmp_path / "setup.cfg",
        """
        [metadata]
        name = demo
        license_expression = EUPL-1.2
        classifiers =
            License :: OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)

        [options]
        install_requires = file: requirements.txt
        """,
    )
    source = api.scan([cfg]).inputs[0]
    assert [d.kind for d in source.project.declared] == ["expression", "classifier"]
    (attrs,) = source.components
    assert (attrs.name, attrs.version, attrs.location.path, attrs.location.line) == (
        "attrs",
        "23.1.0",
        str(tmp_path / "requirements.txt"),
        1,
    )


# pyproject.toml


def test_pyproject_dynamic_dependencies_are_followed_to_their_file(run):
    source = api.scan([DATA / "python-ckan" / "pyproject.toml"]).inputs[0]
    assert [(d.value, d.kind) for d in source.project.declared] == [
        ("AGPL", "name"),
        ("License :: OSI Approved :: GNU Affero General Public License v3", "classifier"),
    ]
    found = {c.name: c for c in source.components}
    assert sorted(found) == ["ckantoolkit", "geomet", "pyld", "rdflib"]
    assert found["pyld"].location.path.endswith("requirements.txt") and found["pyld"].location.line == 2


def test_pyproject_poetry_dependencies_groups_and_lines():
    source = api.scan([DATA / "python-poetry" / "pyproject.toml"]).inputs[0]
    assert [d.value for d in source.project.declared] == ["Apache-2.0"]
    found = {c.name: c for c in source.components}
    assert "python" not in found
    assert str(found["requests"].scope) == "runtime" and found["requests"].location.line == 16
    assert found["requests"].extra["requirement"] == "^2.26.0"
    assert str(found["de-abfallnavi"].scope) == "optional"
    assert str(found["black"].scope) == "dev" and found["black"].version == "22.8.0"
    assert found["numpy"].location.line == 20  # several constraints for several Pythons: one component


def test_pep639_licence_and_licence_files(tmp_path):
    write(tmp_path / "LICENSES" / "EUPL-1.2.txt", "EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    project = write(
        tmp_path / "pyproject.toml",
        """
        [project]
        name = "demo"
        license = "EUPL-1.2"
        license-files = ["LICENSES/*.txt"]
        dependencies = ["attrs>=23", 'click==8.1.7']

        [project.optional-dependencies]
        test = ["pytest"]
        postgres = ["psycopg[binary]>=3"]

        [dependency-groups]
        lint = ["ruff", {include-group = "test"}]
        """,
    )
    source = api.scan([project]).inputs[0]
    assert [(d.value, d.kind) for d in source.project.declared] == [("EUPL-1.2", "expression")]
    found = {c.name: (str(c.scope), c.version, c.location.line) for c in source.components}
    assert found == {
        "attrs": ("runtime", None, 5),
        "click": ("runtime", "8.1.7", 5),
        "pytest": ("dev", None, 8),
        "psycopg": ("optional", None, 9),
        "ruff": ("dev", None, 12),
    }
    # without an expression, the licence files are what tells the licence
    write(project, '[project]\nname = "demo"\nlicense-files = ["LICENSES/*.txt"]\n')
    declared = api.scan([project]).inputs[0].project.declared
    assert [d.kind for d in declared] == ["text"] and "EUROPEAN UNION" in declared[0].value


def test_denied_dependency_in_pyproject_is_reported_at_its_line(tmp_path, run):
    project = write(
        tmp_path / "pyproject.toml",
        """
        [project]
        name = "demo"
        license = "EUPL-1.2"
        dependencies = [
            "attrs>=23",
            "mystery-lib==1.0",
        ]
        """,
    )
    result = run("check", project, "-f", "json")
    assert result.exit_code == 1
    (finding,) = [f for f in result.json["findings"] if f["component"] == "pkg:pypi/mystery-lib@1.0"]
    assert finding["severity"] == "error" and finding["location"] == {"path": str(project), "line": 6}


# lockfiles


POETRY_PYPROJECT = """
[tool.poetry]
name = "demo"
version = "1.0.0"
license = "EUPL-1.2"

[tool.poetry.dependencies]
python = "^3.11"
requests = "^2.31"

[tool.poetry.group.dev.dependencies]
pytest = "^8"
"""

POETRY_LOCK = """
# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.

[[package]]
name = "certifi"
version = "2024.2.2"
description = "Python package for providing Mozilla's CA Bundle."
optional = false
python-versions = ">=3.6"
files = []

[[package]]
name = "iniconfig"
version = "2.0.0"
description = "brain-dead simple config-ini parsing"
optional = false
python-versions = ">=3.7"
files = []

[[package]]
name = "pytest"
version = "8.1.1"
description = "pytest: simple powerful testing with Python"
optional = false
python-versions = ">=3.8"
files = []

[package.dependencies]
iniconfig = "*"

[[package]]
name = "requests"
version = "2.31.0"
description = "Python HTTP for Humans."
optional = false
python-versions = ">=3.7"
files = []

[package.dependencies]
certifi = ">=2017.4.17"

[metadata]
lock-version = "2.0"
python-versions = "^3.11"
content-hash = "0000"
"""


def test_poetry_lock_scopes_from_the_pyproject_graph(tmp_path, run):
    write(tmp_path / "pyproject.toml", POETRY_PYPROJECT)
    write(tmp_path / "poetry.lock", POETRY_LOCK)
    inventory = api.scan([tmp_path])
    (source,) = inventory.inputs  # pyproject.toml is read through its lockfile
    assert source.format == "poetry-lock" and source.project.declared[0].value == "EUPL-1.2"
    found = {c.name: (c.version, str(c.scope), c.location.line) for c in source.components}
    assert found == {
        "certifi": ("2024.2.2", "runtime", 3),
        "iniconfig": ("2.0.0", "dev", 11),
        "pytest": ("8.1.1", "dev", 19),
        "requests": ("2.31.0", "runtime", 30),
    }


def test_poetry_lock_groups_and_legacy_category(tmp_path):
    lock = write(
        tmp_path / "poetry.lock",
        """
        [[package]]
        name = "a"
        version = "1.0"
        groups = ["main"]

        [[package]]
        name = "b"
        version = "2.0"
        groups = ["dev"]

        [[package]]
        name = "c"
        version = "3.0"
        category = "dev"

        [[package]]
        name = "d"
        version = "4.0"
        optional = true
        groups = ["main"]

        [metadata]
        lock-version = "2.1"
        """,
    )
    found = {c.name: str(c.scope) for c in api.scan([lock]).inputs[0].components}
    assert found == {"a": "runtime", "b": "dev", "c": "dev", "d": "optional"}


UV_LOCK = """
version = 1
requires-python = ">=3.11"

[[package]]
name = "anyio"
version = "4.3.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "idna" },
]

[[package]]
name = "demo"
version = "0.1.0"
source = { editable = "." }
dependencies = [
    { name = "anyio" },
]

[package.optional-dependencies]
speed = [
    { name = "uvloop" },
]

[package.dev-dependencies]
dev = [
    { name = "pytest" },
]

[[package]]
name = "idna"
version = "3.7"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.2.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "idna" },
]

[[package]]
name = "uvloop"
version = "0.19.0"
source = { registry = "https://pypi.org/simple" }
"""


def test_uv_lock_skips_the_project_and_carries_scopes_down(tmp_path):
    write(
        tmp_path / "pyproject.toml", '[project]\nname = "demo"\nlicense = "MIT"\ndependencies = ["anyio"]\n'
    )
    write(tmp_path / "uv.lock", UV_LOCK)
    (source,) = api.scan([tmp_path]).inputs
    assert source.format == "uv-lock" and source.project.name == "demo"
    assert source.project.declared[0].value == "MIT"
    found = {c.name: (c.version, str(c.scope), c.location.line) for c in source.components}
    assert found == {
        "anyio": ("4.3.0", "runtime", 4),
        "idna": ("3.7", "runtime", 30),  # reached from anyio (run time) and from pytest (dev)
        "pytest": ("8.2.0", "dev", 35),
        "uvloop": ("0.19.0", "optional", 43),
    }
    assert all(c.declared == [] for c in source.components)


def test_pylock_toml_scopes_from_markers(tmp_path):
    lock = write(
        tmp_path / "pylock.toml",
        """
        lock-version = "1.0"
        created-by = "uv"
        requires-python = ">=3.11"
        extras = ["crypto"]
        dependency-groups = ["dev"]
        default-groups = ["default"]

        [[packages]]
        name = "attrs"
        version = "23.2.0"
        index = "https://pypi.org/simple"

        [[packages]]
        name = "cryptography"
        version = "42.0.5"
        marker = "'crypto' in extras"

        [[packages]]
        name = "pytest"
        version = "8.1.1"
        marker = "'dev' in dependency_groups"

        [[packages]]
        name = "colorama"
        version = "0.4.6"
        marker = "sys_platform == 'win32'"

        [[packages]]
        name = "mytool"
        vcs = { type = "git", url = "https://github.com/example/mytool.git", commit-id = "abc" }
        """,
    )
    (source,) = api.scan([lock]).inputs
    assert source.format == "pylock"
    found = {c.name: (c.version, str(c.scope), c.location.line) for c in source.components}
    assert found == {
        "attrs": ("23.2.0", "runtime", 8),
        "cryptography": ("42.0.5", "optional", 13),
        "pytest": ("8.1.1", "dev", 18),
        "colorama": ("0.4.6", "runtime", 23),
        "mytool": (None, "runtime", 28),
    }


# installed environments


def make_dist(site: Path, name: str, version: str, headers: str, files: dict[str, str] | None = None) -> Path:
    info = site / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.4\nName: {name}\nVersion: {version}\n{headers}\nlong description\n",
        encoding="utf-8",
    )
    for rel, text in (files or {}).items():
        (info / rel).parent.mkdir(parents=True, exist_ok=True)
        (info / rel).write_text(text, encoding="utf-8")
    return info


def make_venv(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "pyvenv.cfg").write_text("home = /usr/bin\nversion = 3.12.3\n", encoding="utf-8")
    site = root / "lib" / "python3.12" / "site-packages"
    site.mkdir(parents=True)
    return site


def test_virtual_environment_named_explicitly_is_read_as_installed_packages(tmp_path, run):
    site = make_venv(tmp_path / ".venv")
    make_dist(
        site,
        "attrs",
        "23.2.0",
        "License-Expression: MIT\nLicense-File: LICENSE",
        {"licenses/LICENSE": "The MIT License\n\nCopyright (c) 2015 Hynek Schlawack and contributors\n"},
    )
    make_dist(
        site,
        "oldlib",
        "1.0",
        "License: GPL-3.0\nClassifier: License :: OSI Approved :: GNU General Public License v3 (GPLv3)",
        {"COPYING": "Copyright (C) 2001 Old Author\nCopyright [yyyy] [name of copyright owner]\n"},
    )
    make_dist(site, "nolicence", "0.1", "Summary: nothing said")
    make_dist(
        site,
        "classified",
        "2.0",
        "Classifier: License :: OSI Approved :: Apache Software License\nLicense-File: LICENSE",
        {"licenses/LICENSE": "Apache License\nVersion 2.0, January 2004\n"},
    )
    targets, errors = discover([tmp_path / ".venv"])
    assert not errors and [t.spec.format for t in targets] == ["python-environment"]
    (source,) = api.scan([tmp_path / ".venv"]).inputs
    found = {c.name: c for c in source.components}
    assert sorted(found) == ["attrs", "classified", "nolicence", "oldlib"]
    # a classifier names no version: the licence file shipped beside it is read as well
    assert [d.kind for d in found["classified"].declared] == ["classifier", "text"]
    assert [d.kind for d in found["attrs"].declared] == ["expression"]  # an expression needs no text
    attrs = found["attrs"]
    assert attrs.purl == "pkg:pypi/attrs@23.2.0" and attrs.declared[0].value == "MIT"
    assert attrs.location.path.endswith("attrs-23.2.0.dist-info/METADATA") and attrs.location.line == 4
    assert "The MIT License" in attrs.extra["license_texts"][0]["text"]
    assert attrs.extra["copyrights"] == ["Copyright (c) 2015 Hynek Schlawack and contributors"]
    assert found["oldlib"].extra["copyrights"] == ["Copyright (C) 2001 Old Author"]
    result = run("check", tmp_path / ".venv", "-f", "json", "-p", "internal-use")
    assert result.exit_code in (0, 1), result.stderr
    assert by_name(result)["attrs"]["license"] == "MIT"
    assert by_name(result)["nolicence"]["license"] is None


def test_site_packages_folder_named_explicitly(tmp_path):
    site = tmp_path / "usr" / "lib" / "python3" / "dist-packages"
    make_dist(site, "six", "1.16.0", "License: MIT")
    (source,) = api.scan([site]).inputs
    assert [(c.name, c.version) for c in source.components] == [("six", "1.16.0")]
    assert python_env.is_environment(site)


def test_a_project_folder_still_skips_its_venv_when_searched(tmp_path):
    site = make_venv(tmp_path / ".venv")
    make_dist(site, "attrs", "23.2.0", "License-Expression: MIT")
    write(tmp_path / "pyproject.toml", '[project]\nname = "demo"\ndependencies = ["attrs"]\n')
    (source,) = api.scan([tmp_path]).inputs
    assert source.format == "pyproject"
    (attrs,) = source.components  # pinned and licensed by the environment beside the manifest
    assert (attrs.version, attrs.declared[0].value) == ("23.2.0", "MIT")


# broken inputs: one line, exit 2, and the good file beside is still reported


BROKEN = {
    "requirements.txt": b"-r missing.txt\nattrs\n",
    "setup.cfg": b"install_requires = attrs\n[metadata]\n",
    "pyproject.toml": b'[project]\nname = "x\n',
    "poetry.lock": b"[[package]]\nname = 'a'\nversion = \n",
    "uv.lock": b"version = 1\n[[package]\n",
    "pylock.toml": b'lock-version = "1.0"\npackages = "none"\n',
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_python_input_is_one_error_line_and_the_rest_is_reported(tmp_path, run, name):
    broken = tmp_path / "broken" / name
    broken.parent.mkdir()
    broken.write_bytes(BROKEN[name])
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(DATA / "python-ckan" / "requirements.txt", good / "requirements.txt")
    result = run("check", broken, good, "-f", "json", "-p", "internal-use")
    assert_one_error_line(result, name)
    assert sorted(by_name(result)) == ["ckantoolkit", "geomet", "pyld", "rdflib"]


def test_editable_project_itself_is_no_dependency_and_short_options_take_attached_values(tmp_path):
    write(tmp_path / "base.txt", "attrs==23.1.0\n")
    req = write(tmp_path / "requirements.txt", "-e .\n-rbase.txt\n-e ./libs/shared\n")
    names = [c.name for c in api.scan([req]).inputs[0].components]
    assert names == ["attrs", "./libs/shared"]


def test_hatch_environments_are_development_dependencies(tmp_path):
    project = write(
        tmp_path / "pyproject.toml",
        """
        [project]
        name = "demo"
        dependencies = ["httpx"]

        [tool.hatch.envs.test]
        dependencies = ["pytest", "coverage[toml]"]
        """,
    )
    found = {c.name: (str(c.scope), c.location.line) for c in api.scan([project]).inputs[0].components}
    assert found == {"httpx": ("runtime", 3), "pytest": ("dev", 6), "coverage": ("dev", 6)}


def test_conda_environment_named_explicitly(tmp_path):
    env = tmp_path / "conda-env"
    (env / "conda-meta").mkdir(parents=True)
    make_dist(env / "lib" / "python3.11" / "site-packages", "numpy", "1.26.4", "License: BSD-3-Clause")
    (source,) = api.scan([env]).inputs
    assert source.format == "python-environment"
    assert [(c.name, c.version) for c in source.components] == [("numpy", "1.26.4")]


def test_licence_table_with_file_reads_the_text(tmp_path):
    write(tmp_path / "LICENSE.txt", "Apache License\nVersion 2.0, January 2004\n")
    project = write(
        tmp_path / "pyproject.toml", '[project]\nname = "demo"\nlicense = {file = "LICENSE.txt"}\n'
    )
    (declared,) = api.scan([project]).inputs[0].project.declared
    assert declared.kind == "text" and declared.value.startswith("Apache License")
    # a licence file outside the project's folder is not read
    write(project, '[project]\nname = "demo"\nlicense = {file = "../outside.txt"}\n')
    write(tmp_path.parent / "outside.txt", "secret\n")
    assert api.scan([project]).inputs[0].project.declared == []

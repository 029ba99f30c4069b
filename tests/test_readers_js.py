"""JavaScript inputs: package-lock.json (v1-v3), package.json, node_modules, yarn.lock, pnpm-lock.yaml."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, assert_one_error_line, by_name, package_lock, write
from osscheck import api
from osscheck.readers import discover


def write_json(path: Path, doc: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return path


# package-lock.json


def test_real_v3_lock_every_package_once_with_its_line(run):
    lock = DATA / "npm-consul" / "package-lock.json"
    result = run("check", lock, "-f", "json", "-p", "internal-use")
    assert result.exit_code in (0, 1), result.stderr
    doc = json.loads(lock.read_text())
    installed = {
        (k.rsplit("node_modules/", 1)[-1], v.get("version")) for k, v in doc["packages"].items() if k
    }
    assert len(result.json["components"]) == len(installed)
    jquery = by_name(result)["jquery"]
    text = lock.read_text().splitlines()
    assert text[jquery["location"]["line"] - 1].strip().startswith('"node_modules/jquery":')
    assert (
        jquery["purl"] == "pkg:npm/jquery@3.7.1" and jquery["declared"] == []
    )  # this lock names no licences


def test_alias_is_a_copy_of_the_real_package_under_its_own_name(tmp_path):
    """npm installs ``"x": "npm:y@1"`` in node_modules/x; the lock's "name" says it is package y.

    Each installed copy is listed (nothing in the lockfile is dropped), with the real package's purl.
    """
    lock = write_json(
        tmp_path / "package-lock.json",
        {
            "name": "app",
            "lockfileVersion": 3,
            "packages": {
                "": {
                    "name": "app",
                    "license": "EUPL-1.2",
                    "dependencies": {"string-width-cjs": "npm:string-width@^4"},
                },
                "node_modules/string-width": {"version": "4.2.3", "license": "MIT"},
                "node_modules/string-width-cjs": {
                    "name": "string-width",
                    "version": "4.2.3",
                    "license": "MIT",
                },
                "node_modules/@cesium/engine": {
                    "name": "dry-uninstall",
                    "version": "0.3.0",
                    "license": "MIT",
                },
                "node_modules/@cesium/widgets": {
                    "name": "dry-uninstall",
                    "version": "0.3.0",
                    "license": "MIT",
                },
                "node_modules/a/node_modules/string-width": {
                    "version": "5.1.2",
                    "license": "MIT",
                    "dev": True,
                },
            },
        },
    )
    (source,) = api.scan([lock]).inputs
    found = {c.key: c for c in source.components}
    assert sorted(found) == [
        "pkg:npm/dry-uninstall@0.3.0#@cesium/engine",
        "pkg:npm/dry-uninstall@0.3.0#@cesium/widgets",
        "pkg:npm/string-width@4.2.3",
        "pkg:npm/string-width@4.2.3#string-width-cjs",
        "pkg:npm/string-width@5.1.2",
    ]
    width = found["pkg:npm/string-width@4.2.3"]
    assert width.name == "string-width" and width.location.line == 12
    alias = found["pkg:npm/string-width@4.2.3#string-width-cjs"]
    assert (
        alias.purl == "pkg:npm/string-width@4.2.3"
        and alias.ref == "pkg:npm/string-width@4.2.3 (as string-width-cjs)"
    )
    assert alias.location.line == 16
    stub = found["pkg:npm/dry-uninstall@0.3.0#@cesium/engine"]
    assert stub.name == "dry-uninstall" and stub.extra["installed_as"] == "@cesium/engine"
    assert str(found["pkg:npm/string-width@5.1.2"].scope) == "dev"


def test_workspace_members_are_the_projects_own_listed_but_not_judged(tmp_path, run):
    lock = write_json(
        tmp_path / "package-lock.json",
        {
            "lockfileVersion": 3,
            "packages": {
                "": {"name": "root", "workspaces": ["packages/*"], "license": "AGPL-3.0-only"},
                "node_modules/@org/core": {"resolved": "packages/core", "link": True},
                "packages/core": {"name": "@org/core", "version": "0.31.2", "license": "AGPL-3.0-only"},
                "node_modules/leaflet": {"version": "1.9.4", "license": "BSD-2-Clause"},
            },
        },
    )
    (source,) = api.scan([lock]).inputs
    found = {c.name: c for c in source.components}
    assert sorted(found) == ["@org/core", "leaflet"]  # links skipped, nothing dropped
    assert found["@org/core"].extra["workspace"] == "packages/core"
    # the member is the project's own code (see also tests/test_lockfiles.py): never judged as a
    # dependency, so -p library does not deny the project's own AGPL member
    report = run("check", lock, "-f", "json", "-p", "library", "--outbound", "AGPL-3.0-only").json
    member = next(c for c in report["components"] if c["name"] == "@org/core")
    assert member["status"] == "ignored" and member["workspace"] == "packages/core"
    assert not [f for f in report["findings"] if f.get("component", "").startswith("pkg:npm/%40org/core")]


def test_v1_lock_nested_dependencies_and_aliases(tmp_path):
    lock = write_json(
        tmp_path / "package-lock.json",
        {
            "name": "legacy",
            "version": "1.0.0",
            "lockfileVersion": 1,
            "dependencies": {
                "left-pad": {"version": "1.3.0"},
                "sw": {"version": "npm:string-width@4.2.3"},
                "yargs": {
                    "version": "15.4.1",
                    "dev": True,
                    "dependencies": {"left-pad": {"version": "1.1.0", "dev": True}},
                },
            },
        },
    )
    (source,) = api.scan([lock]).inputs
    found = {(c.name, c.version): c for c in source.components}
    assert sorted(found) == [
        ("left-pad", "1.1.0"),
        ("left-pad", "1.3.0"),
        ("string-width", "4.2.3"),
        ("yargs", "15.4.1"),
    ]
    assert found[("string-width", "4.2.3")].extra["installed_as"] == "sw"
    assert str(found[("yargs", "15.4.1")].scope) == "dev"
    assert found[("left-pad", "1.1.0")].location.line == 16


def test_denied_component_in_a_package_lock_is_reported_at_its_line(tmp_path, run):
    lock = tmp_path / "package-lock.json"
    lock.write_text(package_lock({"fine": "MIT", "sspl-db": "SSPL-1.0"}))
    result = run("check", lock, "-f", "json")
    assert result.exit_code == 1
    (finding,) = [f for f in result.json["findings"] if f["component"] == "pkg:npm/sspl-db@1.0.0"]
    line = finding["location"]["line"]
    assert finding["location"]["path"] == str(lock)
    assert lock.read_text().splitlines()[line - 1].strip().startswith('"node_modules/sspl-db":')


def test_legacy_licence_forms(tmp_path):
    lock = write_json(
        tmp_path / "package-lock.json",
        {
            "lockfileVersion": 2,
            "packages": {
                "": {"name": "app"},
                "node_modules/obj": {"version": "1.0.0", "license": {"type": "MIT", "url": "https://x"}},
                "node_modules/dual": {
                    "version": "1.0.0",
                    "licenses": [{"type": "MIT"}, {"type": "Apache-2.0"}],
                },
            },
        },
    )
    found = {c.name: c for c in api.scan([lock]).inputs[0].components}
    assert [(d.value, d.kind) for d in found["obj"].declared] == [("MIT", "name")]
    assert found["dual"].extra["choice"] is True and len(found["dual"].declared) == 2


# package.json


def test_real_package_json_alone_lists_declared_dependencies(run):
    result = run("check", DATA / "npm-openzaak" / "package.json", "-f", "json", "-p", "internal-use")
    assert result.exit_code in (0, 1), result.stderr
    assert result.json["policy"]["outbound"] == "EUPL-1.2"  # the project's own licence
    found = by_name(result)
    assert len(found) == 23
    assert found["react"]["scope"] == "runtime" and found["react"]["license"] is None
    assert found["webpack"]["scope"] == "dev" and found["react"]["location"]["line"] == 27


def test_package_json_alias_dependency_names_the_real_package(tmp_path):
    manifest = write_json(
        tmp_path / "package.json", {"name": "a", "dependencies": {"sw": "npm:string-width@^4.2.0"}}
    )
    (component,) = api.scan([manifest]).inputs[0].components
    assert (component.name, component.purl) == ("string-width", "pkg:npm/string-width")
    assert component.extra == {"requirement": "^4.2.0", "aliases": ["sw"]}


# node_modules


def install(folder: Path, doc: dict, files: dict[str, str] | None = None) -> Path:
    write_json(folder / "package.json", doc)
    for name, text in (files or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def installed(tmp_path) -> Path:
    """A project with node_modules as npm lays it out (nested, scoped, aliased) and no lockfile."""
    nm = tmp_path / "node_modules"
    write_json(
        tmp_path / "package.json",
        {
            "name": "app",
            "license": "EUPL-1.2",
            "dependencies": {"left-pad": "^1.3.0", "sw": "npm:string-width@^4.2.0", "not-installed": "^1"},
            "devDependencies": {"@types/node": "^20"},
        },
    )
    install(nm / "left-pad", {"name": "left-pad", "version": "1.3.0", "license": "WTFPL"})
    install(
        nm / "sw",
        {"name": "string-width", "version": "4.2.3", "license": "MIT", "dependencies": {"strip-ansi": "^6"}},
        {"license": "MIT License\n\nCopyright (c) Sindre Sorhus <sindresorhus@gmail.com>\n"},
    )
    install(nm / "strip-ansi", {"name": "strip-ansi", "version": "6.0.1", "licenses": [{"type": "MIT"}]})
    install(
        nm / "@types" / "node",
        {
            "name": "@types/node",
            "version": "20.11.5",
            "license": "MIT",
            "dependencies": {"undici-types": "~5"},
        },
    )
    install(
        nm / "@types" / "node" / "node_modules" / "undici-types",
        {"name": "undici-types", "version": "5.26.5"},
        {"LICENSE": "Copyright (c) Matteo Collina and Undici contributors\n"},
    )
    install(nm / "extraneous", {"name": "extraneous", "version": "0.0.1", "license": "ISC"})
    install(
        nm / "vendor-sdk",
        {"name": "vendor-sdk", "version": "3.1.0", "license": "SEE LICENSE IN EULA.txt"},
        {
            "EULA.txt": "ACME End User Licence Agreement. All rights reserved.\n",
            "NOTICE": "Copyright 2024 ACME\n",
        },
    )
    (nm / ".bin").mkdir()
    return tmp_path


def test_node_modules_named_explicitly_reads_every_installed_package(installed, run):
    targets, errors = discover([installed / "node_modules"])
    assert not errors and [t.spec.format for t in targets] == ["node-modules"]
    (source,) = api.scan([installed / "node_modules"]).inputs
    found = {c.name: c for c in source.components}
    assert sorted(found) == [
        "@types/node",
        "extraneous",
        "left-pad",
        "string-width",
        "strip-ansi",
        "undici-types",
        "vendor-sdk",
    ]
    # the licence field points at a file: its text is read as the declaration, first of the texts
    sdk = found["vendor-sdk"]
    assert [d.kind for d in sdk.declared] == ["expression", "text"] and "ACME" in sdk.declared[1].value
    assert sdk.extra["copyrights"] == ["Copyright 2024 ACME"]
    assert str(found["@types/node"].scope) == "dev" and str(found["undici-types"].scope) == "dev"
    assert str(found["strip-ansi"].scope) == "runtime"  # reached through the aliased string-width
    width = found["string-width"]
    assert width.extra["aliases"] == ["sw"] and width.location.path.endswith("sw/package.json")
    assert width.extra["copyrights"] == ["Copyright (c) Sindre Sorhus <sindresorhus@gmail.com>"]
    assert "MIT License" in width.extra["license_texts"][0]["text"]
    # no licence field: the licence file is the declaration, and still gives the copyright line
    assert [d.kind for d in found["undici-types"].declared] == ["text"]
    assert source.project is not None and source.project.declared[0].value == "EUPL-1.2"
    result = run("check", installed / "node_modules", "-f", "json", "-p", "internal-use")
    assert result.exit_code in (0, 1), result.stderr
    assert by_name(result)["left-pad"]["license"] == "WTFPL"


def test_package_json_without_lockfile_reads_node_modules_beside_it(installed):
    (source,) = api.scan([installed]).inputs
    assert source.format == "package-json"
    found = {c.name: c for c in source.components}
    # what the manifest reaches, installed; the missing one listed unknown; extraneous left out
    assert sorted(found) == [
        "@types/node",
        "left-pad",
        "not-installed",
        "string-width",
        "strip-ansi",
        "undici-types",
    ]
    assert found["left-pad"].version == "1.3.0" and found["left-pad"].declared[0].value == "WTFPL"
    assert found["not-installed"].version is None and found["not-installed"].declared == []
    # each is reported where the manifest declares the dependency that brings it in
    manifest = str(installed / "package.json")
    lines = {name: (c.location.path, c.location.line) for name, c in found.items()}
    assert lines["left-pad"] == (manifest, 5) and lines["string-width"] == (manifest, 6)
    assert lines["strip-ansi"] == (manifest, 6) and lines["undici-types"] == (manifest, 10)
    assert found["undici-types"].extra["metadata"].endswith("undici-types/package.json")


def test_pnpm_node_modules_layout_with_symlinks(tmp_path):
    nm = tmp_path / "node_modules"
    store = nm / ".pnpm"
    a = install(
        store / "a@1.0.0" / "node_modules" / "a",
        {"name": "a", "version": "1.0.0", "dependencies": {"b": "1"}},
    )
    install(store / "b@1.0.0" / "node_modules" / "b", {"name": "b", "version": "1.0.0", "license": "MIT"})
    (store / "a@1.0.0" / "node_modules" / "b").symlink_to(store / "b@1.0.0" / "node_modules" / "b")
    (nm / "a").symlink_to(a)
    write_json(tmp_path / "package.json", {"name": "p", "dependencies": {"a": "1"}})
    (source,) = api.scan([nm]).inputs
    assert sorted((c.name, str(c.scope)) for c in source.components) == [("a", "runtime"), ("b", "runtime")]


# yarn.lock and pnpm-lock.yaml


MANIFEST = {
    "name": "app",
    "version": "1.0.0",
    "license": "EUPL-1.2",
    "dependencies": {"left-pad": "^1.3.0", "sw": "npm:string-width@^4.2.0"},
    "devDependencies": {"@types/node": "^20.0.0"},
}
EXPECTED = {
    "@types/node": ("20.11.5", "dev"),
    "left-pad": ("1.3.0", "runtime"),
    "string-width": ("4.2.3", "runtime"),
    "strip-ansi": ("6.0.1", "runtime"),
    "undici-types": ("5.26.5", "dev"),
}

YARN_CLASSIC = """
# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


"@types/node@^20.0.0":
  version "20.11.5"
  resolved "https://registry.yarnpkg.com/@types/node/-/node-20.11.5.tgz#0a"
  integrity sha512-AA==
  dependencies:
    undici-types "~5.26.4"

left-pad@^1.3.0:
  version "1.3.0"
  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#5b"

"string-width@^4.2.0", "sw@npm:string-width@^4.2.0":
  version "4.2.3"
  dependencies:
    strip-ansi "^6.0.1"

strip-ansi@^6.0.1:
  version "6.0.1"

undici-types@~5.26.4:
  version "5.26.5"
"""

YARN_BERRY = """
# This file is generated by running "yarn install" inside your project.
# Manual changes might be lost - proceed with caution!

__metadata:
  version: 8
  cacheKey: 10c0

"@types/node@npm:^20.0.0":
  version: 20.11.5
  resolution: "@types/node@npm:20.11.5"
  dependencies:
    undici-types: "npm:~5.26.4"
  checksum: 10c0/aa
  languageName: node
  linkType: hard

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    "@types/node": "npm:^20.0.0"
    left-pad: "npm:^1.3.0"
    sw: "npm:string-width@^4.2.0"
  languageName: unknown
  linkType: soft

"left-pad@npm:^1.3.0":
  version: 1.3.0
  resolution: "left-pad@npm:1.3.0"
  languageName: node
  linkType: hard

"string-width@npm:^4.2.0, sw@npm:string-width@^4.2.0":
  version: 4.2.3
  resolution: "string-width@npm:4.2.3"
  dependencies:
    strip-ansi: "npm:^6.0.1"
  languageName: node
  linkType: hard

"strip-ansi@npm:^6.0.1":
  version: 6.0.1
  resolution: "strip-ansi@npm:6.0.1"
  languageName: node
  linkType: hard

"undici-types@npm:~5.26.4":
  version: 5.26.5
  resolution: "undici-types@npm:5.26.5"
  languageName: node
  linkType: hard
"""

PNPM_V9 = """
lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      left-pad:
        specifier: ^1.3.0
        version: 1.3.0
      sw:
        specifier: npm:string-width@^4.2.0
        version: string-width@4.2.3
      local-lib:
        specifier: workspace:*
        version: link:packages/local-lib
    devDependencies:
      '@types/node':
        specifier: ^20.0.0
        version: 20.11.5

packages:

  '@types/node@20.11.5':
    resolution: {integrity: sha512-AA==}

  left-pad@1.3.0:
    resolution: {integrity: sha512-BB==}
    deprecated: use String.prototype.padStart()

  string-width@4.2.3:
    resolution: {integrity: sha512-CC==}
    engines: {node: '>=8'}

  strip-ansi@6.0.1:
    resolution: {integrity: sha512-DD==}

  undici-types@5.26.5:
    resolution: {integrity: sha512-EE==}

snapshots:

  '@types/node@20.11.5':
    dependencies:
      undici-types: 5.26.5

  left-pad@1.3.0: {}

  string-width@4.2.3:
    dependencies:
      strip-ansi: 6.0.1

  strip-ansi@6.0.1: {}

  undici-types@5.26.5: {}
"""

PNPM_V6 = """
lockfileVersion: '6.0'

dependencies:
  left-pad:
    specifier: ^1.3.0
    version: 1.3.0
  sw:
    specifier: npm:string-width@^4.2.0
    version: /string-width@4.2.3

devDependencies:
  '@types/node':
    specifier: ^20.0.0
    version: 20.11.5

packages:

  /@types/node@20.11.5:
    resolution: {integrity: sha512-AA==}
    dependencies:
      undici-types: 5.26.5
    dev: true

  /left-pad@1.3.0:
    resolution: {integrity: sha512-BB==}
    dev: false

  /string-width@4.2.3:
    resolution: {integrity: sha512-CC==}
    dependencies:
      strip-ansi: 6.0.1
    dev: false

  /strip-ansi@6.0.1:
    resolution: {integrity: sha512-DD==}
    dev: false

  /undici-types@5.26.5:
    resolution: {integrity: sha512-EE==}
    dev: true
"""

PNPM_V5 = """
lockfileVersion: 5.4

specifiers:
  '@types/node': ^20.0.0
  left-pad: ^1.3.0
  sw: npm:string-width@^4.2.0

dependencies:
  left-pad: 1.3.0
  sw: /string-width/4.2.3

devDependencies:
  '@types/node': 20.11.5

packages:

  /@types/node/20.11.5:
    resolution: {integrity: sha512-AA==}
    dependencies:
      undici-types: 5.26.5

  /left-pad/1.3.0:
    resolution: {integrity: sha512-BB==}

  /string-width/4.2.3:
    resolution: {integrity: sha512-CC==}
    dependencies:
      strip-ansi: 6.0.1

  /strip-ansi/6.0.1:
    resolution: {integrity: sha512-DD==}

  /undici-types/5.26.5:
    resolution: {integrity: sha512-EE==}
"""


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        ("yarn.lock", YARN_CLASSIC, "yarn-lock"),
        ("yarn.lock", YARN_BERRY, "yarn-lock"),
        ("pnpm-lock.yaml", PNPM_V9, "pnpm-lock"),
        ("pnpm-lock.yaml", PNPM_V6, "pnpm-lock"),
        ("pnpm-lock.yaml", PNPM_V5, "pnpm-lock"),  # no dev flags here: scopes from the importers
    ],
    ids=["yarn-classic", "yarn-berry", "pnpm-v9", "pnpm-v6", "pnpm-v5"],
)
def test_yarn_and_pnpm_locks_with_manifest_scopes(tmp_path, run, name, text, fmt):
    write_json(tmp_path / "package.json", MANIFEST)
    lock = write(tmp_path / name, text)
    (source,) = api.scan([tmp_path]).inputs  # package.json is read through its lockfile
    assert source.format == fmt and source.path == str(lock)
    assert source.project.declared[0].value == "EUPL-1.2"
    found = {c.name: (c.version, str(c.scope)) for c in source.components}
    assert found == EXPECTED
    lines = lock.read_text().splitlines()
    for c in source.components:
        assert c.name.split("/")[-1] in lines[c.location.line - 1], (c.name, c.location.line)
        assert c.declared == []  # these lockfiles carry no licence
    result = run("check", lock, "-f", "json", "-p", "internal-use")
    assert result.exit_code in (0, 1) and len(result.json["components"]) == 5


def test_yarn_lock_without_manifest_has_no_scopes(tmp_path):
    lock = write(tmp_path / "yarn.lock", YARN_CLASSIC)
    (source,) = api.scan([lock]).inputs
    assert {c.scope for c in source.components} == {None} and len(source.components) == 5


# broken inputs: one line, exit 2, and the good file beside is still reported


BROKEN = {
    "package-lock.json": b'{"lockfileVersion": 3, "packages": [}',
    "package.json": b'{"name": "x", "dependencies": ',
    "yarn.lock": b"# yarn lockfile v1\n\nleft-pad@^1.3.0\n  version 1.3.0\n",
    "pnpm-lock.yaml": b"lockfileVersion: '9.0'\npackages:\n  a@1: {\n",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_js_input_is_one_error_line_and_the_rest_is_reported(tmp_path, run, name):
    broken = tmp_path / "broken" / name
    broken.parent.mkdir()
    broken.write_bytes(BROKEN[name])
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(DATA / "npm-consul" / "package-lock.json", good / "package-lock.json")
    result = run("check", broken, good, "-f", "json", "-p", "internal-use")
    assert_one_error_line(result, name)
    assert "jquery" in by_name(result)


def test_empty_node_modules_is_an_error(tmp_path, run):
    (tmp_path / "node_modules").mkdir()
    result = run("check", tmp_path / "node_modules")
    assert result.exit_code == 2 and "no installed packages" in result.stderr

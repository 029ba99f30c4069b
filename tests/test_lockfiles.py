"""Lockfiles: empty files and unreadable entries never pass; workspaces are the project (10.4, 10.5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from osscheck import api
from osscheck.readers._workspaces import matches

# --- 10.4: an empty lockfile is an error -----------------------------------------------------------

MANIFESTS = {
    "yarn.lock": ("package.json", '{"name": "app", "license": "MIT"}'),
    "package-lock.json": ("package.json", '{"name": "app", "license": "MIT"}'),
    "pnpm-lock.yaml": ("package.json", '{"name": "app", "license": "MIT"}'),
    "poetry.lock": ("pyproject.toml", '[project]\nname = "app"\nlicense = "MIT"\n'),
    "uv.lock": ("pyproject.toml", '[project]\nname = "app"\nlicense = "MIT"\n'),
    "pylock.toml": ("pyproject.toml", '[project]\nname = "app"\nlicense = "MIT"\n'),
    "Cargo.lock": ("Cargo.toml", '[package]\nname = "app"\nversion = "0.1.0"\nlicense = "MIT"\n'),
    "composer.lock": ("composer.json", '{"name": "a/app", "license": "MIT", "require": {}}'),
    "Gemfile.lock": (
        "app.gemspec",
        'Gem::Specification.new do |s|\n  s.name = "app"\n  s.license = "MIT"\nend\n',
    ),
}


@pytest.mark.parametrize("lock", sorted(MANIFESTS))
@pytest.mark.parametrize("content", ["", "\n  \n"])
def test_an_empty_lockfile_beside_its_manifest_is_an_error(run, tmp_path, lock, content):
    manifest, text = MANIFESTS[lock]
    (tmp_path / manifest).write_text(text)
    (tmp_path / lock).write_text(content)
    result = run("check", tmp_path, "-f", "json")
    assert result.exit_code == 2
    assert f"{tmp_path / lock}: empty lockfile" in result.stderr
    assert result.json["summary"]["passed"] is False


# --- 10.4: an entry that cannot be read is an error naming its line; the rest is still reported ------


def errors_and_names(path: Path) -> tuple[list[str], list[str]]:
    inventory = api.scan([path])
    return [e.format() for e in inventory.errors], sorted(c.name for c in inventory.components)


CARGO_LOCK = """\
version = 3

[[package]]
name = 3
version = "1.0.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "serde"
version = "1.0.200"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
version = "0.1.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "libc"
version = 2
source = "registry+https://github.com/rust-lang/crates.io-index"
"""


def test_cargo_lock_entries_with_a_wrong_name_or_version_are_errors_with_their_line(tmp_path):
    lock = tmp_path / "Cargo.lock"
    lock.write_text(CARGO_LOCK)
    errors, names = errors_and_names(lock)
    assert errors == [
        f"osscheck: error: {lock}:3: 'name' must be a string, not int",
        f"osscheck: error: {lock}:13: entry without a name",
        f"osscheck: error: {lock}:17: 'version' must be a string, not int",
    ]
    assert names == ["serde"]


def test_cargo_lock_with_a_bad_entry_exits_2_and_still_reports_the_others(run, tmp_path):
    (tmp_path / "Cargo.lock").write_text(CARGO_LOCK)
    result = run("check", tmp_path / "Cargo.lock", "-f", "json")
    assert result.exit_code == 2
    assert [c["name"] for c in result.json["components"]] == ["serde"]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["poetry.lock", "uv.lock", "pylock.toml"])
def test_python_lock_entries_that_cannot_be_read_are_errors(tmp_path, name):
    table = "packages" if name == "pylock.toml" else "package"
    head = 'lock-version = "1.0"\n' if name == "pylock.toml" else "version = 1\n"
    source = "" if name != "uv.lock" else 'source = { registry = "https://pypi.org/simple" }\n'
    lock = tmp_path / name
    lock.write_text(
        f'{head}\n[[{table}]]\nname = "requests"\nversion = "2.32.3"\n{source}'
        f'\n[[{table}]]\nversion = "1.0"\n{source}'
        f'\n[[{table}]]\nname = "idna"\nversion = 3.7\n{source}'
    )
    errors, names = errors_and_names(lock)
    lines = [i for i, line in enumerate(lock.read_text().splitlines(), 1) if line == f"[[{table}]]"]
    assert errors == [
        f"osscheck: error: {lock}:{lines[1]}: entry without a name",
        f"osscheck: error: {lock}:{lines[2]}: 'version' must be a string, not float",
    ]
    assert names == ["requests"]


def test_package_lock_entries_that_cannot_be_read_are_errors(tmp_path):
    lock = tmp_path / "package-lock.json"
    lock.write_text(
        json.dumps(
            {
                "lockfileVersion": 3,
                "packages": {
                    "": {"name": "app"},
                    "node_modules/a": ["x"],
                    "node_modules/b": {"version": "1.0.0", "name": 7},
                    "node_modules/c": {"version": "1.0.0"},
                },
            },
            indent=2,
        )
    )
    errors, names = errors_and_names(lock)
    assert errors == [
        f"osscheck: error: {lock}:7: entry must be an object, not list",
        f"osscheck: error: {lock}:10: 'name' must be a string, not int",
    ]
    assert names == ["c"]


def test_package_lock_v1_entries_that_cannot_be_read_are_errors(tmp_path):
    lock = tmp_path / "package-lock.json"
    deps = {"a": {"version": ["1"]}, "b": {"version": "2.0.0"}, "c": "3.0.0"}
    lock.write_text(json.dumps({"lockfileVersion": 1, "dependencies": deps}, indent=2))
    errors, names = errors_and_names(lock)
    assert errors == [
        f"osscheck: error: {lock}:4: 'version' must be a string, not list",
        f"osscheck: error: {lock}:12: entry must be an object, not str",
    ]
    assert names == ["b"]


def test_composer_lock_entry_without_a_name_is_an_error(tmp_path):
    lock = tmp_path / "composer.lock"
    packages = [{"name": "monolog/monolog", "version": "3.5.0"}, {"version": "9.9.9"}, "junk"]
    lock.write_text(json.dumps({"content-hash": "x", "packages": packages}, indent=2))
    errors, names = errors_and_names(lock)
    assert errors == [
        f"osscheck: error: {lock}:9: packages[1]: entry without a name",
        f"osscheck: error: {lock}: packages[2]: entry must be an object, not str",
    ]
    assert names == ["monolog/monolog"]


def test_yarn_classic_entry_that_cannot_be_read_is_skipped_with_its_line(tmp_path):
    lock = tmp_path / "yarn.lock"
    lock.write_text(
        "# yarn lockfile v1\n\n"
        'left-pad@^1.3.0:\n  version "1.3.0"\n\n'
        'this is not an entry\n  version "0.0.1"\n\n'
        '"":\n  version "2.0.0"\n\n'
        'ms@^2.1.0:\n  version "2.1.3"\n'
    )
    errors, names = errors_and_names(lock)
    assert errors == [
        f"osscheck: error: {lock}:6: not a yarn.lock entry (expected 'name@range:')",
        f"osscheck: error: {lock}:9: entry without a name",
    ]
    assert names == ["left-pad", "ms"]


def test_yarn_berry_and_pnpm_entries_that_are_not_mappings_are_errors(tmp_path):
    berry = tmp_path / "berry" / "yarn.lock"
    berry.parent.mkdir()
    berry.write_text(
        '__metadata:\n  version: 8\n\n"ms@npm:^2.1.0":\n  version: 2.1.3\n  resolution: "ms@npm:2.1.3"\n\n'
        '"bad@npm:^1.0.0": just text\n'
    )
    pnpm = tmp_path / "pnpm" / "pnpm-lock.yaml"
    pnpm.parent.mkdir()
    pnpm.write_text(
        "lockfileVersion: '9.0'\n\npackages:\n\n  ms@2.1.3:\n    resolution: {integrity: sha512-AA==}\n\n"
        "  bad@1.0.0: [1, 2]\n\nsnapshots:\n\n  ms@2.1.3: {}\n"
    )
    assert errors_and_names(berry) == (
        [f"osscheck: error: {berry}:8: entry must be a mapping, not str"],
        ["ms"],
    )
    assert errors_and_names(pnpm) == (
        [f"osscheck: error: {pnpm}:8: entry must be a mapping, not list"],
        ["ms"],
    )


def test_gemfile_lock_gem_line_that_cannot_be_read_is_an_error(tmp_path):
    lock = tmp_path / "Gemfile.lock"
    lock.write_text(
        "GEM\n  remote: https://rubygems.org/\n  specs:\n"
        "    rack (3.0.8)\n    broken gem line (\n      rack (>= 1)\n    rake (13.1.0)\n\n"
        "PLATFORMS\n  ruby\n\nDEPENDENCIES\n  rack\n  rake\n"
    )
    errors, names = errors_and_names(lock)
    assert errors == [f"osscheck: error: {lock}:5: not a gem line (expected 'name (version)')"]
    assert names == ["rack", "rake"]


def test_go_mod_require_that_cannot_be_read_leaves_the_others_listed(tmp_path):
    mod = tmp_path / "go.mod"
    mod.write_text(
        "module example.com/app\n\ngo 1.22\n\nrequire (\n\tgithub.com/a/b v1.0.0\n\tgithub.com/c/d\n"
        "\tgithub.com/e/f v2.0.0\n)\n\nreplace github.com/x/y\n"
    )
    errors, names = errors_and_names(mod)
    assert errors == [
        f"osscheck: error: {mod}:7: a require is 'module version'",
        f"osscheck: error: {mod}:11: a replace needs '=>'",
    ]
    assert names == ["github.com/a/b", "github.com/e/f"]


def test_an_unreadable_entry_is_said_in_german_too(run, tmp_path):
    (tmp_path / "Cargo.lock").write_text(CARGO_LOCK)
    (tmp_path / "yarn.lock").write_text("")
    result = run("check", tmp_path, "--lang", "de")
    assert result.exit_code == 2
    assert "'name' muss eine Zeichenkette sein, nicht int" in result.stderr
    assert "Eintrag ohne Namen" in result.stderr
    assert "leeres Lockfile" in result.stderr


# --- 10.5: workspaces are the project ------------------------------------------------------------

YARN_BERRY_WORKSPACE = """\
# This file is generated by running "yarn install" inside your project.

__metadata:
  version: 8
  cacheKey: 10c0

"@acme/ui@workspace:packages/ui":
  version: 0.0.0-use.local
  resolution: "@acme/ui@workspace:packages/ui"
  dependencies:
    react: "npm:^18.2.0"
  languageName: unknown
  linkType: soft

"acme@workspace:.":
  version: 0.0.0-use.local
  resolution: "acme@workspace:."
  dependencies:
    "@acme/ui": "workspace:^"
  languageName: unknown
  linkType: soft

"local-tool@link:./tools/local-tool::locator=acme%40workspace%3A.":
  version: 0.0.0-use.local
  resolution: "local-tool@link:./tools/local-tool::locator=acme%40workspace%3A."
  languageName: node
  linkType: soft

"react@npm:^18.2.0":
  version: 18.2.0
  resolution: "react@npm:18.2.0"
  languageName: node
  linkType: hard
"""


def write_member(folder: Path, name: str, deps: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": name, "version": "1.0.0", "dependencies": deps}))


def test_yarn_berry_workspace_members_are_not_components_and_not_read_twice(run, tmp_path):
    (tmp_path / "package.json").write_text(
        json.dumps({"name": "acme", "license": "MIT", "workspaces": ["packages/*"]})
    )
    (tmp_path / "yarn.lock").write_text(YARN_BERRY_WORKSPACE)
    write_member(tmp_path / "packages" / "ui", "@acme/ui", {"react": "^18.2.0", "acme": "workspace:*"})
    result = run("check", tmp_path, "-f", "json")
    assert [(c["name"], c["version"]) for c in result.json["components"]] == [("react", "18.2.0")]
    assert [i["path"] for i in result.json["inputs"]] == [str(tmp_path / "yarn.lock")]


def test_npm_workspaces_lock_v3_members_are_read_through_the_root_lockfile(run, tmp_path):
    (tmp_path / "package.json").write_text(
        json.dumps({"name": "root", "license": "MIT", "workspaces": ["packages/*"]})
    )
    lock = {
        "name": "root",
        "lockfileVersion": 3,
        "packages": {
            "": {"name": "root", "license": "MIT", "workspaces": ["packages/*"]},
            "node_modules/a": {"resolved": "packages/a", "link": True},
            "node_modules/b": {"resolved": "packages/b", "link": True},
            "node_modules/ms": {"version": "2.1.3", "license": "MIT"},
            "packages/a": {"name": "a", "version": "1.0.0", "dependencies": {"ms": "^2.1.3", "b": "*"}},
            "packages/b": {"name": "b", "version": "1.0.0"},
        },
    }
    (tmp_path / "package-lock.json").write_text(json.dumps(lock, indent=2))
    write_member(tmp_path / "packages" / "a", "a", {"ms": "^2.1.3", "b": "file:../b"})
    write_member(tmp_path / "packages" / "b", "b", {})
    write_member(tmp_path / "examples" / "demo", "demo", {"left-pad": "^1.3.0"})  # not a member
    result = run("check", tmp_path, "-f", "json")
    assert result.exit_code == 1  # left-pad of the example has no known licence
    found = [(c["name"], c["version"], c["status"]) for c in result.json["components"]]
    # the members are listed once, from the lockfile, as the project's own (not judged); never twice
    assert found == [
        ("a", "1.0.0", "ignored"),
        ("b", "1.0.0", "ignored"),
        ("left-pad", None, "denied"),
        ("ms", "2.1.3", "allowed"),
    ]
    inputs = sorted(i["path"] for i in result.json["inputs"])
    assert inputs == sorted(
        [str(tmp_path / "package-lock.json"), str(tmp_path / "examples/demo/package.json")]
    )


def test_pnpm_workspace_members_are_read_through_the_root_lockfile(run, tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"name": "root", "license": "MIT"}))
    (tmp_path / "pnpm-workspace.yaml").write_text("packages:\n  - 'packages/**'\n  - '!packages/legacy'\n")
    (tmp_path / "pnpm-lock.yaml").write_text(
        "lockfileVersion: '9.0'\n\nimporters:\n\n  .: {}\n\n  packages/core:\n    dependencies:\n"
        "      ms:\n        specifier: ^2.1.3\n        version: 2.1.3\n"
        "      util:\n        specifier: workspace:*\n        version: link:../util\n"
        "      vendored:\n        specifier: file:../../vendored\n        version: file:vendored\n\n"
        "packages:\n\n  ms@2.1.3:\n    resolution: {integrity: sha512-AA==}\n\n"
        "  vendored@file:vendored:\n    resolution: {directory: vendored, type: directory}\n\n"
        "snapshots:\n\n  ms@2.1.3: {}\n\n  vendored@file:vendored: {}\n"
    )
    write_member(tmp_path / "packages" / "core", "core", {"ms": "^2.1.3", "util": "workspace:*"})
    write_member(tmp_path / "packages" / "nested" / "util", "util", {"ms": "^2.1.3"})
    write_member(tmp_path / "packages" / "legacy", "legacy", {"left-pad": "1.3.0"})  # excluded
    result = run("check", tmp_path, "-f", "json")
    found = [(c["name"], c["version"]) for c in result.json["components"]]
    assert found == [("left-pad", None), ("ms", "2.1.3")]
    inputs = sorted(i["path"] for i in result.json["inputs"])
    assert inputs == sorted(
        [str(tmp_path / "pnpm-lock.yaml"), str(tmp_path / "packages/legacy/package.json")]
    )


def test_cargo_workspace_members_are_read_through_the_root_lockfile(run, tmp_path):
    (tmp_path / "Cargo.toml").write_text(
        '[workspace]\nmembers = ["crates/*"]\nexclude = ["crates/experimental"]\n'
        '[workspace.package]\nlicense = "MIT"\n'
    )
    (tmp_path / "Cargo.lock").write_text(
        'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = ["serde"]\n\n'
        '[[package]]\nname = "serde"\nversion = "1.0.200"\n'
        'source = "registry+https://github.com/rust-lang/crates.io-index"\n'
    )
    for name, deps in (("app", 'serde = "1"\n'), ("experimental", 'rand = "0.8"\n')):
        (tmp_path / "crates" / name).mkdir(parents=True)
        (tmp_path / "crates" / name / "Cargo.toml").write_text(
            f'[package]\nname = "{name}"\nversion = "0.1.0"\nlicense = "MIT"\n[dependencies]\n{deps}'
        )
    result = run("check", tmp_path, "-f", "json")
    found = [(c["name"], c["version"]) for c in result.json["components"]]
    assert found == [("rand", None), ("serde", "1.0.200")]  # the excluded crate is read on its own
    inputs = sorted(i["path"] for i in result.json["inputs"])
    assert inputs == sorted([str(tmp_path / "Cargo.lock"), str(tmp_path / "crates/experimental/Cargo.toml")])


def test_a_member_named_on_the_command_line_is_still_read(run, tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"name": "root", "workspaces": ["packages/*"]}))
    (tmp_path / "yarn.lock").write_text("# yarn lockfile v1\n")
    write_member(tmp_path / "packages" / "a", "a", {"ms": "^2.1.3"})
    result = run("check", tmp_path / "packages" / "a", "-f", "json")
    assert [c["name"] for c in result.json["components"]] == ["ms"]


def test_local_dependencies_in_package_json_are_the_project(run, tmp_path):
    deps = {"a": "workspace:*", "b": "link:../b", "c": "file:../c", "d": "portal:../d", "ms": "^2.1.3"}
    (tmp_path / "package.json").write_text(
        json.dumps({"name": "app", "license": "MIT", "dependencies": deps})
    )
    result = run("check", tmp_path / "package.json", "-f", "json")
    assert [c["name"] for c in result.json["components"]] == ["ms"]


def test_yarn_classic_and_lock_v1_file_dependencies_are_the_project(tmp_path):
    yarn = tmp_path / "y" / "yarn.lock"
    yarn.parent.mkdir()
    yarn.write_text(
        '# yarn lockfile v1\n\n"local@file:./local":\n  version "1.0.0"\n\nms@^2.1.3:\n  version "2.1.3"\n'
    )
    npm = tmp_path / "n" / "package-lock.json"
    npm.parent.mkdir()
    deps = {"local": {"version": "file:local"}, "ms": {"version": "2.1.3"}}
    npm.write_text(json.dumps({"lockfileVersion": 1, "dependencies": deps}))
    assert errors_and_names(yarn) == ([], ["ms"])
    assert errors_and_names(npm) == ([], ["ms"])


@pytest.mark.parametrize(
    ("rel", "pattern", "expected"),
    [
        ("packages/a", "packages/*", True),
        ("packages/a", "./packages/*/", True),
        ("packages/a/b", "packages/*", False),
        ("packages/a/b", "packages/**", True),
        ("packages", "packages/**", True),
        ("libs/x/core", "**/core", True),
        ("apps/web", "apps/web", True),
        ("apps/web2", "apps/web", False),
        ("tools/a", "packages/*", False),
    ],
)
def test_workspace_patterns(rel, pattern, expected):
    assert matches(rel, pattern) is expected

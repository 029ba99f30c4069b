"""Readers for PHP (composer), Rust (Cargo), Java (Maven), Go (go.mod) and Ruby (Bundler, gemspec).

Real files copied from public repositories live in tests/data (origins in tests/data/SOURCES.md);
the small cases around them are written by the tests.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from osscheck import api
from osscheck.model import Scope
from osscheck.readers import discover, read, spec_for_name

DATA = Path(__file__).parent / "data"


def read_one(path: Path):
    targets, errors = discover([path])
    assert not errors
    assert len(targets) == 1
    return read(targets[0])


def by_name(input_file) -> dict:
    return {c.name: c for c in input_file.components}


def line_of(path: Path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text().splitlines(), 1) if needle in text)


def composer_lock(packages: list[dict], dev: list[dict] | None = None) -> str:
    doc = {
        "_readme": ["This file locks the dependencies of your project to a known state"],
        "content-hash": "0123456789abcdef0123456789abcdef",
        "packages": packages,
        "packages-dev": dev or [],
        "aliases": [],
        "platform": {"php": ">=8.1"},
    }
    return json.dumps(doc, indent=4) + "\n"


def composer_package(name: str, version: str, license: list[str] | None) -> dict:
    entry: dict = {"name": name, "version": version, "type": "library"}
    if license is not None:
        entry["license"] = license
    return entry


# --- composer -----------------------------------------------------------------------------------


def test_composer_lock_denied_package_is_reported_where_it_is_declared(run, tmp_path):
    lock = tmp_path / "composer.lock"
    lock.write_text(
        composer_lock(
            [
                composer_package("monolog/monolog", "3.5.0", ["MIT"]),
                composer_package("acme/secret-sauce", "1.2.0", ["proprietary"]),
            ]
        )
    )
    (tmp_path / "composer.json").write_text(
        json.dumps({"name": "city/app", "license": "EUPL-1.2", "require": {"php": ">=8.1"}})
    )
    result = run("check", tmp_path, "-f", "json")
    assert result.exit_code == 1, result.stderr
    report = result.json
    assert report["policy"]["outbound"] == "EUPL-1.2"  # the project's licence from composer.json
    secret = next(c for c in report["components"] if c["name"] == "acme/secret-sauce")
    assert secret["status"] == "denied"
    assert secret["purl"] == "pkg:composer/acme/secret-sauce@1.2.0"
    assert secret["location"] == {"path": str(lock), "line": line_of(lock, '"acme/secret-sauce"')}
    finding = next(f for f in report["findings"] if f["component"] == secret["purl"])
    assert finding["location"]["line"] == line_of(lock, '"acme/secret-sauce"')
    monolog = next(c for c in report["components"] if c["name"] == "monolog/monolog")
    assert monolog["status"] == "allowed"


def test_composer_lock_scopes_choice_and_missing_licence(tmp_path):
    lock = tmp_path / "composer.lock"
    lock.write_text(
        composer_lock(
            [
                composer_package("dual/lib", "v2.0.1", ["MIT", "GPL-3.0-only"]),
                composer_package("drupal/old", "8.x-1.0", ["GPL-2.0+"]),
                composer_package("jackmoore/colorbox", "1.6.4", None),
            ],
            dev=[composer_package("phpunit/phpunit", "10.5.0", ["BSD-3-Clause"])],
        )
    )
    found = by_name(read_one(lock))
    assert found["dual/lib"].extra["choice"] is True
    assert [d.value for d in found["dual/lib"].declared] == ["MIT", "GPL-3.0-only"]
    assert found["dual/lib"].version == "v2.0.1"  # as composer wrote it, as the purl tools do
    assert [d.value for d in found["drupal/old"].declared] == ["GPL-2.0+"]  # passed on unchanged
    assert found["jackmoore/colorbox"].declared == []
    assert found["phpunit/phpunit"].scope is Scope.DEV
    assert found["dual/lib"].scope is Scope.RUNTIME

    report = api.check([lock], policy="internal-use")
    dual = next(c for c in report.components if c.name == "dual/lib")
    assert dual.license == "MIT OR GPL-3.0-only"
    colorbox = next(c for c in report.components if c.name == "jackmoore/colorbox")
    assert colorbox.license is None


def test_composer_json_alone_lists_requirements_without_platform_packages():
    path = DATA / "composer-dkan" / "composer.json"
    result = read_one(path)
    doc = json.loads(path.read_text())
    names = set(by_name(result))
    declared = set(doc["require"]) | set(doc["require-dev"])
    platform = {n for n in declared if n == "php" or n.startswith(("ext-", "lib-"))}
    assert platform  # the real file requires PHP extensions
    assert names == declared - platform
    assert result.project is not None
    assert [d.value for d in result.project.declared] == ["GPL-2.0-or-later"]
    dev = {c.name for c in result.components if c.scope is Scope.DEV}
    assert dev == set(doc["require-dev"]) - platform
    facets = by_name(result)["drupal/facets"]
    assert facets.location.line == line_of(path, '"drupal/facets"')
    assert facets.extra["requirement"] == doc["require"]["drupal/facets"]


def test_composer_json_licence_array_is_a_choice_for_the_outbound(tmp_path):
    (tmp_path / "composer.json").write_text(
        json.dumps(
            {
                "name": "city/app",
                "license": ["EUPL-1.2", "GPL-3.0-or-later"],
                "require": {"php": "^8.2", "ext-json": "*", "composer-runtime-api": "^2"},
                "require-dev": [],  # how PHP writes an empty object
            }
        )
    )
    report = api.check([tmp_path])
    assert report.components == []
    assert report.outbound == "EUPL-1.2 OR GPL-3.0-or-later"


# --- Cargo --------------------------------------------------------------------------------------


def test_cargo_lock_lists_registry_crates_and_leaves_out_the_workspace_crates():
    lock = DATA / "cargo-ripgrep" / "Cargo.lock"
    result = read_one(lock)
    text = lock.read_text()
    blocks = text.split("[[package]]")[1:]
    assert len(result.components) == sum("source =" in b for b in blocks)
    found = by_name(result)
    assert "ripgrep" not in found and "grep-searcher" not in found  # the project's own crates
    memchr = found["memchr"]
    assert memchr.purl == f"pkg:cargo/memchr@{memchr.version}"
    assert memchr.declared == []  # Cargo.lock carries no licences
    assert memchr.location.line == line_of(lock, 'name = "memchr"')
    # the manifest beside it gives the project's own licence
    assert result.project is not None and result.project.name == "ripgrep"
    assert [d.value for d in result.project.declared] == ["Unlicense OR MIT"]


def test_cargo_toml_with_its_lockfile_is_read_through_the_lockfile():
    targets, errors = discover([DATA / "cargo-ripgrep" / "Cargo.toml"])
    assert not errors
    assert [t.path.name for t in targets] == ["Cargo.lock"]


def test_cargo_toml_alone_lists_every_dependency_table(tmp_path):
    manifest = tmp_path / "Cargo.toml"
    shutil.copy(DATA / "cargo-ripgrep" / "Cargo.toml", manifest)
    result = read_one(manifest)
    found = by_name(result)
    assert "grep" not in found and "ignore" not in found  # path dependencies: the project's own
    assert found["anyhow"].scope is Scope.RUNTIME
    assert found["anyhow"].extra["requirement"] == "1.0.75"
    assert found["serde"].scope is Scope.DEV
    assert found["walkdir"].location.line == line_of(manifest, "walkdir =")
    # a [target.'cfg(...)'.dependencies.NAME] table
    jemalloc = found["tikv-jemallocator"]
    assert jemalloc.extra["requirement"] == "0.7.0"
    assert jemalloc.location.line == line_of(manifest, "dependencies.tikv-jemallocator]")
    assert result.project is not None and result.project.version == "15.2.0"


def _workspace(tmp_path: Path) -> Path:
    (tmp_path / "Cargo.toml").write_text(
        "[workspace]\n"
        'members = ["crates/*"]\n'
        "\n"
        "[workspace.package]\n"
        'license = "EUPL-1.2"\n'
        "\n"
        "[workspace.dependencies]\n"
        'serde = { version = "1.0.200", features = ["derive"] }\n'
    )
    core = tmp_path / "crates" / "core"
    core.mkdir(parents=True)
    (core / "Cargo.toml").write_text(
        "[package]\n"
        'name = "app-core"\n'
        'version = "0.1.0"\n'
        "license.workspace = true\n"
        "\n"
        "[dependencies]\n"
        "serde = { workspace = true }\n"
        'json = { package = "serde_json", version = "1", optional = true }\n'
        "\n"
        "[dev-dependencies]\n"
        'proptest = "1.4"\n'
        "\n"
        "[build-dependencies]\n"
        'cc = "1.0"\n'
    )
    return core / "Cargo.toml"


def _package(name: str, version: str, deps: list[str] | None = None, source: bool = True) -> str:
    out = f'[[package]]\nname = "{name}"\nversion = "{version}"\n'
    if source:
        out += 'source = "registry+https://github.com/rust-lang/crates.io-index"\n'
    if deps:
        out += "dependencies = [\n" + "".join(f' "{d}",\n' for d in deps) + "]\n"
    return out + "\n"


def test_cargo_workspace_members_and_scopes_along_the_lockfile_graph(tmp_path):
    member = _workspace(tmp_path)
    lock = tmp_path / "Cargo.lock"
    lock.write_text(
        "# This file is automatically @generated by Cargo.\n"
        "version = 4\n\n"
        + _package("app-core", "0.1.0", ["cc", "proptest", "serde", "serde_json"], source=False)
        + _package("cc", "1.0.90", ["shlex"])
        + _package("proptest", "1.4.0", ["rand", "serde"])
        + _package("rand", "0.8.5")
        + _package("serde", "1.0.200", ["serde_derive"])
        + _package("serde_derive", "1.0.200")
        + _package("serde_json", "1.0.117", ["serde"])
        + _package("shlex", "1.3.0")
    )
    result = read_one(lock)
    scopes = {c.name: c.scope for c in result.components}
    assert scopes == {
        "cc": Scope.DEV,  # a build-dependency: runs at build time, not shipped
        "shlex": Scope.DEV,
        "proptest": Scope.DEV,
        "rand": Scope.DEV,  # reached only through a dev-dependency
        "serde": Scope.RUNTIME,  # also a dev-dependency's dependency: runtime wins
        "serde_derive": Scope.RUNTIME,
        "serde_json": Scope.OPTIONAL,  # renamed and optional in the member
    }
    assert "app-core" not in scopes
    assert result.project is not None
    assert [d.value for d in result.project.declared] == ["EUPL-1.2"]

    # a member read on its own (as a directory search finds it) inherits from its workspace and
    # takes the versions the workspace's lockfile pins, so its crates are the lockfile's crates
    alone = read_one(member)
    assert alone.project is not None and [d.value for d in alone.project.declared] == ["EUPL-1.2"]
    pinned = by_name(alone)
    assert pinned["serde"].purl == by_name(result)["serde"].purl == "pkg:cargo/serde@1.0.200"
    report = api.check([tmp_path], policy="internal-use")
    assert sorted(c.name for c in report.components) == sorted(scopes)

    # the root manifest alone follows its members
    (tmp_path / "Cargo.lock").unlink()
    manifest = read_one(tmp_path / "Cargo.toml")
    found = by_name(manifest)
    assert found["serde"].extra["requirement"] == "1.0.200"  # inherited from [workspace.dependencies]
    assert found["serde"].location == found["serde"].location.__class__(str(member), 7)
    assert found["serde_json"].scope is Scope.OPTIONAL
    assert found["cc"].scope is Scope.DEV


def test_cargo_lock_crates_from_git_and_other_registries_keep_their_origin(tmp_path):
    lock = tmp_path / "Cargo.lock"
    lock.write_text(
        "version = 3\n\n"
        + _package(
            "app",
            "0.1.0",
            ["left-pad", "left-pad 1.0.0 (git+https://example.org/left-pad?rev=abc#abc)"],
            False,
        )
        + _package("left-pad", "1.0.0")
        + '[[package]]\nname = "left-pad"\nversion = "1.0.0"\n'
        'source = "git+https://example.org/left-pad?rev=abc#abc123"\n\n'
        + '[[package]]\nname = "internal"\nversion = "2.0.0"\n'
        'source = "sparse+https://crates.city.example/index/"\n'
    )
    purls = sorted(c.purl for c in read_one(lock).components)
    assert purls == [
        "pkg:cargo/internal@2.0.0?repository_url=https%3A%2F%2Fcrates.city.example%2Findex%2F",
        "pkg:cargo/left-pad@1.0.0",
        "pkg:cargo/left-pad@1.0.0?vcs_url=git%2Bhttps%3A%2F%2Fexample.org%2Fleft-pad%40abc123",
    ]


def test_cargo_licence_file_is_read_as_a_licence_text(tmp_path):
    (tmp_path / "LICENSE.txt").write_text("Permission is hereby granted, free of charge, ...\n")
    (tmp_path / "Cargo.toml").write_text(
        '[package]\nname = "x"\nversion = "1.0.0"\nlicense-file = "LICENSE.txt"\n'
    )
    project = read_one(tmp_path / "Cargo.toml").project
    assert project is not None
    assert [(d.kind, d.value[:10]) for d in project.declared] == [("text", "Permission")]
    assert project.location.line == 4

    # a member inheriting license-file: the path is relative to the workspace's root
    (tmp_path / "Cargo.toml").write_text(
        '[workspace]\nmembers = ["tool"]\n[workspace.package]\nlicense-file = "LICENSE.txt"\n'
    )
    (tmp_path / "tool").mkdir()
    (tmp_path / "tool" / "Cargo.toml").write_text('[package]\nname = "tool"\nlicense-file.workspace = true\n')
    member = read_one(tmp_path / "tool" / "Cargo.toml").project
    assert member is not None and [d.kind for d in member.declared] == ["text"]


# --- Go -----------------------------------------------------------------------------------------


def test_go_mod_real_file_keeps_indirect_requirements():
    path = DATA / "gomod-router" / "go.mod"
    result = read_one(path)
    text = path.read_text()
    requires = [
        line.split("//")[0].split()
        for line in text.splitlines()
        if line.startswith("\t") and ("// indirect" in line or len(line.split("//")[0].split()) == 2)
    ]
    assert len(result.components) == len(requires) == 90
    indirect = [c for c in result.components if c.extra.get("indirect")]
    assert len(indirect) == text.count("// indirect")
    mergo = by_name(result)["dario.cat/mergo"]
    assert mergo.purl == "pkg:golang/dario.cat/mergo@v1.0.2"
    assert mergo.location.line == line_of(path, "dario.cat/mergo")
    assert mergo.declared == [] and mergo.scope is Scope.RUNTIME
    assert result.project is not None and result.project.name == "github.com/alphagov/router"


def test_go_mod_replace_and_exclude(tmp_path):
    path = tmp_path / "go.mod"
    path.write_text(
        "module example.org/city/app\n\n"
        "go 1.22\n\n"
        "require (\n"
        "\tgithub.com/old/lib v1.0.0\n"
        "\tgithub.com/pinned/lib v1.1.0\n"
        '\t"github.com/quoted/lib" v0.3.0 // indirect; needed by x\n'
        "\tgithub.com/local/lib v0.0.0-00010101000000-000000000000\n"
        "\tgithub.com/bad/lib v1.2.3\n"
        ")\n\n"
        "require golang.org/x/text v0.14.0\n\n"
        "replace github.com/old/lib => github.com/new/lib v1.4.2\n"
        "replace (\n"
        "\tgithub.com/pinned/lib v1.0.0 => github.com/other/lib v9.9.9 // another version: not applied\n"
        "\tgithub.com/local/lib => ../lib\n"
        ")\n\n"
        "exclude github.com/bad/lib v1.2.3\n"
    )
    found = by_name(read_one(path))
    assert "github.com/old/lib" not in found
    new = found["github.com/new/lib"]
    assert (new.version, new.purl) == ("v1.4.2", "pkg:golang/github.com/new/lib@v1.4.2")
    assert new.location.line == 6  # where it is required
    assert found["github.com/pinned/lib"].version == "v1.1.0"
    assert found["github.com/quoted/lib"].extra["indirect"] is True
    local = found["github.com/local/lib"]
    assert local.version is None and local.extra["requirement"].endswith("=> ../lib")
    bad = found["github.com/bad/lib"]
    assert bad.version is None and "excluded" in bad.extra["requirement"]
    assert found["golang.org/x/text"].location.line == 13


# --- Ruby ---------------------------------------------------------------------------------------


def test_gemfile_lock_real_file_lists_every_spec():
    path = DATA / "gemfile-consul" / "Gemfile.lock"
    result = read_one(path)
    specs = [
        line
        for line in path.read_text().splitlines()
        if line.startswith("    ") and not line.startswith("     ") and line.strip() != "specs:"
    ]
    assert len(result.components) == len(specs)
    rails = by_name(result)["rails"]
    assert rails.purl == f"pkg:gem/rails@{rails.version}"
    assert rails.location.line == line_of(path, f"    rails ({rails.version})")
    assert rails.declared == []


GEMFILE_LOCK = """\
GIT
  remote: https://github.com/city/engine.git
  revision: 0123456789abcdef0123456789abcdef01234567
  specs:
    city-engine (0.3.0)
      rails (>= 7.0)

PATH
  remote: engines/census
  specs:
    census (0.0.4)
      city-engine

GEM
  remote: https://rubygems.org/
  specs:
    nokogiri (1.16.0-arm64-darwin)
      racc (~> 1.4)
    nokogiri (1.16.0-x86_64-linux)
      racc (~> 1.4)
    racc (1.7.3)
    rails (7.1.3)
    rspec (3.13.0)
      rspec-core (~> 3.13.0)
    rspec-core (3.13.0)
    jruby-openssl (0.14.2-java)

PLATFORMS
  arm64-darwin
  x86_64-linux

DEPENDENCIES
  census!
  city-engine!
  nokogiri
  rails (~> 7.1)
  rspec

BUNDLED WITH
   2.5.6
"""


def test_gemfile_lock_platforms_groups_and_local_gemspecs(tmp_path):
    (tmp_path / "Gemfile.lock").write_text(GEMFILE_LOCK)
    (tmp_path / "Gemfile").write_text(
        'source "https://rubygems.org"\n'
        'gem "rails", "~> 7.1"\n'
        'gem "nokogiri"\n'
        'gem "census", path: "engines/census"\n'
        'gem "city-engine", git: "https://github.com/city/engine.git"\n'
        "group :development, :test do\n"
        '  gem "rspec"\n'
        "end\n"
    )
    census = tmp_path / "engines" / "census"
    census.mkdir(parents=True)
    (census / "census.gemspec").write_text(
        "Gem::Specification.new do |s|\n"
        '  s.name = "census"\n'
        '  s.version = "0.0.4"\n'
        '  s.licenses = ["AGPL-3.0-or-later"]\n'
        "end\n"
    )
    result = read_one(tmp_path / "Gemfile.lock")
    purls = {c.purl for c in result.components}
    assert {
        "pkg:gem/nokogiri@1.16.0?platform=arm64-darwin",
        "pkg:gem/nokogiri@1.16.0?platform=x86_64-linux",
        "pkg:gem/jruby-openssl@0.14.2?platform=java",
    } <= purls
    assert len(result.components) == 9
    scopes = {c.name: c.scope for c in result.components}
    assert scopes["rspec"] is Scope.DEV and scopes["rspec-core"] is Scope.DEV
    assert scopes["racc"] is Scope.RUNTIME  # through nokogiri
    assert scopes["city-engine"] is Scope.RUNTIME and scopes["rails"] is Scope.RUNTIME
    local = by_name(result)["census"]
    assert [d.value for d in local.declared] == ["AGPL-3.0-or-later"]
    assert local.location.line == 11


def test_gemspec_licences_are_a_choice_and_dependencies_have_scopes(tmp_path):
    path = tmp_path / "city_tool.gemspec"
    path.write_text(
        "# frozen_string_literal: true\n"
        'require_relative "lib/city_tool/version"\n'
        "\n"
        "Gem::Specification.new do |spec|\n"
        '  spec.name          = "city_tool"\n'
        "  spec.version       = CityTool::VERSION\n"
        "  spec.licenses      = %w[MIT Apache-2.0]\n"
        "\n"
        '  spec.add_dependency "faraday", ">= 2.0", "< 3"\n'
        '  spec.add_runtime_dependency(%q<zeitwerk>.freeze, ["~> 2.6"])\n'
        "  spec.add_development_dependency 'rspec', '~> 3.12'\n"
        "end\n"
    )
    result = read_one(path)
    assert result.format == "gemspec"
    project = result.project
    assert project is not None and project.name == "city_tool" and project.version is None
    # CityTool::VERSION is read from lib/**/version.rb, as Ruby would load it
    (tmp_path / "lib" / "city_tool").mkdir(parents=True)
    (tmp_path / "lib" / "city_tool" / "version.rb").write_text('module CityTool\n  VERSION = "2.3.1"\nend\n')
    result = read_one(path)
    project = result.project
    assert project is not None and project.version == "2.3.1"
    assert [d.value for d in project.declared] == ["MIT", "Apache-2.0"]
    assert project.extra["choice"] is True and project.location.line == 7
    found = by_name(result)
    assert found["faraday"].extra["requirement"] == ">= 2.0, < 3"
    assert found["faraday"].location.line == 9
    assert found["zeitwerk"].scope is Scope.RUNTIME
    assert found["rspec"].scope is Scope.DEV
    assert found["rspec"].purl == "pkg:gem/rspec"


def test_gemspec_beside_its_lockfile_gives_the_project(tmp_path):
    (tmp_path / "Gemfile.lock").write_text(
        "PATH\n  remote: .\n  specs:\n    city_tool (1.0.0)\n      rails\n\n"
        "GEM\n  remote: https://rubygems.org/\n  specs:\n"
        "    rails (7.1.3)\n    rake (13.1.0)\n    rspec (3.13.0)\n      rspec-core (~> 3.13.0)\n"
        "    rspec-core (3.13.0)\n\n"
        "DEPENDENCIES\n  city_tool!\n  rake\n  rspec (~> 3.12)\n"
    )
    (tmp_path / "Gemfile").write_text('source "https://rubygems.org"\ngemspec\ngem "rake"\n')
    (tmp_path / "city_tool.gemspec").write_text(
        "Gem::Specification.new do |s|\n"
        '  s.name = "city_tool"\n'
        '  s.license = "EUPL-1.2"\n'
        '  s.add_dependency "rails", ">= 7"\n'
        '  s.add_development_dependency "rspec", "~> 3.12"\n'
        "end\n"
    )
    targets, _ = discover([tmp_path])
    assert [t.path.name for t in targets] == ["Gemfile.lock"]
    result = read(targets[0])
    assert result.project is not None and [d.value for d in result.project.declared] == ["EUPL-1.2"]
    scopes = {c.name: c.scope for c in result.components}
    assert scopes == {
        "city_tool": Scope.RUNTIME,  # the gem itself, from PATH "."
        "rails": Scope.RUNTIME,
        "rake": Scope.RUNTIME,
        "rspec": Scope.DEV,  # a development dependency of the gemspec
        "rspec-core": Scope.DEV,
    }
    assert by_name(result)["city_tool"].declared[0].value == "EUPL-1.2"


# --- Maven --------------------------------------------------------------------------------------


def test_pom_real_file_project_licence_dependencies_and_scopes():
    path = DATA / "maven-kosit" / "pom.xml"
    result = read_one(path)
    project = result.project
    assert project is not None and project.name == "validator"
    assert [(d.kind, d.value) for d in project.declared] == [
        ("name", "Apache License, Version 2.0"),
        ("url", "http://www.apache.org/licenses/LICENSE-2.0.txt"),
    ]
    assert project.location.line == line_of(path, "<licenses>")
    found = by_name(result)
    slf4j = found["org.slf4j:slf4j-api"]
    assert slf4j.version == "2.0.18"  # ${version.slf4j} from <properties>
    assert slf4j.purl == "pkg:maven/org.slf4j/slf4j-api@2.0.18"
    assert slf4j.scope is Scope.RUNTIME
    assert found["junit:junit"].scope is Scope.DEV
    assert found["org.slf4j:slf4j-simple"].scope is Scope.OPTIONAL
    assert len(result.components) == 14
    # the line of the <dependency> element
    lines = path.read_text().splitlines()
    assert "<dependency>" in lines[slf4j.location.line - 1]
    assert "slf4j-api" in lines[slf4j.location.line + 1]


POM = """\
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>de.city</groupId>
    <artifactId>parent</artifactId>
    <version>2.1.0</version>
  </parent>
  <artifactId>app</artifactId>
  <properties>
    <jackson.version>2.17.0</jackson.version>
    <jackson>${jackson.version}</jackson>
  </properties>
  <licenses>
    <license><name>European Union Public Licence 1.2</name></license>
    <license><name>GNU General Public License
      v3.0 or later</name></license>
  </licenses>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.postgresql</groupId>
        <artifactId>postgresql</artifactId>
        <version>42.7.3</version>
      </dependency>
      <dependency>
        <groupId>only.managed</groupId>
        <artifactId>never-used</artifactId>
        <version>1.0</version>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>com.fasterxml.jackson.core</groupId>
      <artifactId>jackson-databind</artifactId>
      <version>${jackson}</version>
    </dependency>
    <dependency>
      <groupId>${project.groupId}</groupId>
      <artifactId>app-core</artifactId>
      <version>${project.version}</version>
      <classifier>tests</classifier>
      <type>test-jar</type>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>org.postgresql</groupId>
      <artifactId>postgresql</artifactId>
      <optional>true</optional>
    </dependency>
    <dependency>
      <groupId>jakarta.servlet</groupId>
      <artifactId>jakarta.servlet-api</artifactId>
      <version>6.0.0</version>
      <scope>provided</scope>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-shade-plugin</artifactId>
        <dependencies>
          <dependency><groupId>plugin.only</groupId><artifactId>x</artifactId><version>1</version></dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>
</project>
"""


def test_pom_properties_management_qualifiers_and_licence_choice(tmp_path):
    path = tmp_path / "pom.xml"
    path.write_text(POM)
    result = read_one(path)
    found = by_name(result)
    assert set(found) == {
        "com.fasterxml.jackson.core:jackson-databind",
        "de.city:app-core",
        "org.postgresql:postgresql",
        "jakarta.servlet:jakarta.servlet-api",
    }
    assert found["com.fasterxml.jackson.core:jackson-databind"].version == "2.17.0"  # nested property
    core = found["de.city:app-core"]
    assert core.purl == "pkg:maven/de.city/app-core@2.1.0?classifier=tests&type=test-jar"
    assert core.scope is Scope.DEV
    postgres = found["org.postgresql:postgresql"]
    assert postgres.version == "42.7.3" and postgres.scope is Scope.OPTIONAL
    assert postgres.location.line == line_of(path, "<optional>true") - 3
    assert found["jakarta.servlet:jakarta.servlet-api"].scope is Scope.OPTIONAL
    project = result.project
    assert project is not None and project.extra["choice"] is True and project.version == "2.1.0"
    assert [d.value for d in project.declared] == [
        "European Union Public Licence 1.2",
        "GNU General Public License v3.0 or later",
    ]
    assert project.location.line == 14


def test_pom_module_inherits_from_its_parent_on_disk(tmp_path):
    (tmp_path / "pom.xml").write_text(
        '<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
        "  <modelVersion>4.0.0</modelVersion>\n"
        "  <groupId>de.city</groupId><artifactId>parent</artifactId><version>3.0.0</version>\n"
        "  <packaging>pom</packaging>\n"
        "  <properties><guava.version>33.1.0-jre</guava.version></properties>\n"
        "  <licenses><license><name>EUPL-1.2</name></license></licenses>\n"
        "  <dependencyManagement><dependencies>\n"
        "    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId>\n"
        "      <version>5.10.2</version><scope>test</scope></dependency>\n"
        "  </dependencies></dependencyManagement>\n"
        "</project>\n"
    )
    module = tmp_path / "service"
    module.mkdir()
    (module / "pom.xml").write_text(
        '<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
        "  <modelVersion>4.0.0</modelVersion>\n"
        "  <parent><groupId>de.city</groupId><artifactId>parent</artifactId>\n"
        "    <version>3.0.0</version></parent>\n"
        "  <artifactId>service</artifactId>\n"
        "  <dependencies>\n"
        "    <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId>\n"
        "      <version>${guava.version}</version></dependency>\n"
        "    <dependency><groupId>org.junit.jupiter</groupId>\n"
        "      <artifactId>junit-jupiter</artifactId></dependency>\n"
        "    <dependency><groupId>org.example</groupId><artifactId>elsewhere</artifactId>\n"
        "      <version>${defined.in.a.remote.parent}</version></dependency>\n"
        "  </dependencies>\n"
        "</project>\n"
    )
    result = read_one(module / "pom.xml")
    found = by_name(result)
    assert found["com.google.guava:guava"].version == "33.1.0-jre"
    junit = found["org.junit.jupiter:junit-jupiter"]
    assert (junit.version, junit.scope) == ("5.10.2", Scope.DEV)  # version and scope from the parent
    elsewhere = found["org.example:elsewhere"]
    assert elsewhere.version is None and elsewhere.purl == "pkg:maven/org.example/elsewhere"
    assert elsewhere.extra["requirement"] == "${defined.in.a.remote.parent}"
    project = result.project
    assert project is not None and (project.name, project.version) == ("service", "3.0.0")
    assert [d.value for d in project.declared] == ["EUPL-1.2"]
    assert project.location == project.location.__class__(str(tmp_path / "pom.xml"), 6)


def test_pom_with_entity_expansion_is_refused(run, tmp_path):
    bad = tmp_path / "pom.xml"
    bad.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
        "<project><modelVersion>4.0.0</modelVersion><artifactId>&b;</artifactId></project>\n"
    )
    result = run("check", bad)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"osscheck: error: {bad}: refused")
    assert result.stderr.count("\n") == 1


# --- broken files, sniffing -----------------------------------------------------------------------

BROKEN = {
    "composer.lock": '{"content-hash": "x", "packages": [',
    "composer.json": '{"name": "a/b", "require": {"x/y": "^1"',
    "Cargo.lock": '# This file is automatically @generated by Cargo.\n[[package]]\nname = "x\n',
    "Cargo.toml": '[package]\nname = "x"\n[dependencies\nserde = "1"\n',
    "go.mod": "module example.org/x\n\nrequire (\n\tgithub.com/a/b v1.0.0\n",
    "Gemfile.lock": "\x00\x01binary\x00",
    "x.gemspec": "\xff\xfe not text",
    "pom.xml": '<?xml version="1.0"?>\n<project>\n  <dependencies>\n</project>\n',
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_is_one_error_line_and_the_good_file_is_still_reported(run, tmp_path, name):
    # the good file sits in the same folder: a real go.mod (a real Gemfile.lock beside a broken go.mod)
    good_source = DATA / ("gemfile-consul/Gemfile.lock" if name == "go.mod" else "gomod-router/go.mod")
    shutil.copy(good_source, tmp_path / good_source.name)
    bad = tmp_path / name
    content = BROKEN[name]
    bad.write_bytes(content.encode("latin-1") if name == "x.gemspec" else content.encode())
    result = run("check", tmp_path, "-f", "json", "-p", "internal-use")
    assert result.exit_code == 2, result
    assert result.stderr.startswith(f"osscheck: error: {bad}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    report = result.json
    assert [i["path"] for i in report["inputs"]] == [str(tmp_path / good_source.name)]
    assert len(report["components"]) == len(read_one(good_source).components) > 0


@pytest.mark.parametrize(
    ("source", "format"),
    [
        ("composer-dkan/composer.json", "composer-json"),
        ("cargo-ripgrep/Cargo.lock", "cargo-lock"),
        ("gomod-router/go.mod", "go-mod"),
        ("gemfile-consul/Gemfile.lock", "gemfile-lock"),
        ("maven-kosit/pom.xml", "maven-pom"),
    ],
)
def test_files_named_explicitly_are_read_by_their_content(tmp_path, source, format):
    renamed = tmp_path / "dependencies.txt"
    shutil.copy(DATA / source, renamed)
    targets, errors = discover([renamed])
    assert not errors and [t.spec.format for t in targets] == [format]
    assert read(targets[0]).components


def test_written_lockfile_and_gemspec_named_otherwise_are_read_by_their_content(tmp_path):
    lock = tmp_path / "php-deps.json"
    lock.write_text(composer_lock([composer_package("a/b", "1.0.0", ["MIT"])]))
    gemspec = tmp_path / "spec.rb"
    gemspec.write_text('Gem::Specification.new do |s|\n  s.name = "x"\n  s.add_dependency "rack"\nend\n')
    targets, errors = discover([lock, gemspec])
    assert not errors
    assert [t.spec.format for t in targets] == ["composer-lock", "gemspec"]


def test_vendored_packages_are_not_searched(tmp_path):
    (tmp_path / "composer.json").write_text(json.dumps({"name": "city/app", "require": {"a/b": "^1"}}))
    for vendored in ("vendor/a/b/composer.json", "vendor/bundle/ruby/3.3.0/specifications/rack.gemspec"):
        path = tmp_path / vendored
        path.parent.mkdir(parents=True)
        path.write_text(
            json.dumps({"name": "a/b", "require": {"c/d": "^2"}})
            if path.suffix == ".json"
            else 'Gem::Specification.new do |s|\n  s.name = "rack"\nend\n'
        )
    targets, errors = discover([tmp_path])
    assert not errors
    assert [t.path for t in targets] == [tmp_path / "composer.json"]


def test_directory_discovery_knows_the_ecosystem_file_names():
    for name, format in [
        ("composer.lock", "composer-lock"),
        ("Cargo.toml", "cargo-toml"),
        ("go.mod", "go-mod"),
        ("Gemfile.lock", "gemfile-lock"),
        ("gems.locked", "gemfile-lock"),
        ("city.gemspec", "gemspec"),
        ("pom.xml", "maven-pom"),
        ("app-1.0.pom", "maven-pom"),
    ]:
        spec = spec_for_name(name)
        assert spec is not None and spec.format == format, name

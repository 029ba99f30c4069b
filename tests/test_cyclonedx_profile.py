"""``check -f cyclonedx --profile bsi-tr-03183-2``: the BOM as BSI TR-03183-2 v2.1.0 maps it."""

from __future__ import annotations

import base64
import json
import shutil
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

DATA = Path(__file__).parent / "data" / "tr03183"
EPOCH = 1700000000
PROFILE = ("-f", "cyclonedx", "--profile", "bsi-tr-03183-2", "--fail-on", "never")


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    return tmp_path


def _bom(run, *paths: str) -> tuple[str, dict]:
    result = run("check", *paths, *PROFILE)
    assert result.exit_code == 0, result.stderr
    return result.stdout, json.loads(result.stdout)


def _valid(text: str) -> None:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None


def _props(entry: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for prop in entry.get("properties", []):
        out.setdefault(prop["name"], []).append(prop["value"])
    return out


def _unfilled(bom: dict) -> list[str]:
    return _props(bom["metadata"])["osscheck:tr03183:unfilled"]


def test_cyclonedx_input_keeps_licences_hashes_and_dependencies(run, here):
    shutil.copy(DATA / "node-npm-flat.cdx.json", "bom.cdx.json")
    source = json.loads((DATA / "node-npm-flat.cdx.json").read_text(encoding="utf-8"))
    text, bom = _bom(run, "bom.cdx.json")
    _valid(text)
    assert bom["specVersion"] == "1.6"
    assert bom["metadata"]["timestamp"] == "2023-11-14T22:13:20Z"
    assert _props(bom["metadata"])["osscheck:profile"] == ["bsi-tr-03183-2 2.1.0"]
    by_name = {c["name"]: c for c in bom["components"]}

    bundle = by_name["bundle-dependencies"]
    # distribution licence (concluded) and original licence (declared), both in licenses[]
    assert bundle["licenses"] == [
        {"license": {"id": "BSD-3-Clause", "acknowledgement": "concluded"}},
        {"license": {"id": "BSD-3-Clause", "acknowledgement": "declared"}},
    ]
    assert _props(bundle)["bsi:component:effectiveLicense"] == ["BSD-3-Clause"]
    # the SHA-512 of the input's distribution reference, on the component and on the reference
    raw = next(c for c in source["components"] if c["name"] == "bundle-dependencies")
    sha512 = next(r for r in raw["externalReferences"] if r["type"] == "distribution")["hashes"][0]["content"]
    assert bundle["hashes"] == [{"alg": "SHA-512", "content": sha512}]
    reference = bundle["externalReferences"][0]
    assert reference["type"] == "distribution"
    assert reference["url"].endswith("/bundle-dependencies-1.0.2.tgz")
    assert reference["hashes"] == [{"alg": "SHA-512", "content": sha512}]
    assert _props(bundle)["bsi:component:filename"] == ["bundle-dependencies-1.0.2.tgz"]
    assert _props(bundle)["bsi:component:archive"] == ["archive"]

    # the input's graph, every component with an entry of its own (leaves with an empty one)
    graph = {d["ref"]: d["dependsOn"] for d in bom["dependencies"]}
    assert graph[bundle["bom-ref"]] == [by_name["yargs"]["bom-ref"]]
    assert sorted(graph[by_name["cliui"]["bom-ref"]]) == sorted(
        by_name[n]["bom-ref"] for n in ("string-width", "strip-ansi", "wrap-ansi")
    )
    assert graph[by_name["ansi-regex"]["bom-ref"]] == []
    assert set(graph) == {"osscheck:project", *(c["bom-ref"] for c in bom["components"])}
    assert bom["compositions"] == [{"aggregate": "unknown", "dependencies": list(graph)}]

    unfilled = _unfilled(bom)
    assert "no SBOM creator e-mail/URL (metadata.manufacturer)" in unfilled
    with_hash = sum(1 for c in bom["components"] if any(h["alg"] == "SHA-512" for h in c.get("hashes", [])))
    assert 0 < with_hash < len(bom["components"])
    missing = len(bom["components"]) - with_hash
    assert f"components without SHA-512 hash of the deployable form: {missing}" in unfilled
    assert f"components without executable property: {len(bom['components'])}" in unfilled
    assert not any(v.startswith("components without dependencies") for v in unfilled)


def test_npm_lockfile_hashes_and_file_names(run, here):
    shutil.copytree(DATA / "npm-consul", "app")
    lock = json.loads((DATA / "npm-consul" / "package-lock.json").read_text(encoding="utf-8"))
    text, bom = _bom(run, "app/package-lock.json")
    _valid(text)
    packages = {k.rsplit("node_modules/", 1)[-1]: v for k, v in lock["packages"].items() if k}
    assert len(bom["components"]) == len(packages) == 38
    for component in bom["components"]:
        entry = packages[component["name"]]
        algorithm, _, value = entry["integrity"].partition("-")
        assert algorithm == "sha512"
        expected = {"alg": "SHA-512", "content": base64.b64decode(value).hex()}
        assert component["hashes"] == [expected]
        assert component["externalReferences"] == [
            {"type": "distribution", "url": entry["resolved"], "hashes": [expected]}
        ]
        assert _props(component)["bsi:component:filename"] == [entry["resolved"].rsplit("/", 1)[-1]]
        # no licence in this lockfile: neither distribution nor original nor effective licence
        assert "licenses" not in component
        assert "bsi:component:effectiveLicense" not in _props(component)
    unfilled = _unfilled(bom)
    for what in (
        "distribution licence",
        "original licence",
        "effective licence",
        "dependencies from the inputs",
    ):
        assert f"components without {what}: 38" in unfilled
    assert not any("hash" in v for v in unfilled)


def test_cargo_lock_checksum_is_a_sha256(run, here):
    shutil.copytree(DATA / "cargo-ripgrep", "rg")
    lock = tomllib.loads((DATA / "cargo-ripgrep" / "Cargo.lock").read_text(encoding="utf-8"))
    text, bom = _bom(run, "rg/Cargo.lock")
    _valid(text)
    checksums = {(p["name"], p["version"]): p["checksum"] for p in lock["package"] if "checksum" in p}
    assert checksums
    for component in bom["components"]:
        expected = checksums[(component["name"], component["version"])]
        assert component["hashes"] == [{"alg": "SHA-256", "content": expected}]
    unfilled = _unfilled(bom)
    # a SHA-256 is a hash, but not the SHA-512 the TR asks for
    assert f"components without SHA-512 hash of the deployable form: {len(bom['components'])}" in unfilled
    assert not any(v.startswith("components without hash:") for v in unfilled)


def test_spdx_checksums_file_name_and_compound_licences(run, here):
    shutil.copy(DATA / "SPDXJSONExample-v2.3.spdx.json", "sbom.spdx.json")
    text, bom = _bom(run, "sbom.spdx.json")
    _valid(text)
    glibc = next(c for c in bom["components"] if c["name"] == "glibc")
    assert _props(glibc)["bsi:component:filename"] == ["glibc-2.11.1.tar.gz"]
    assert {
        "alg": "SHA-256",
        "content": "11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd",
    } in (glibc["hashes"])
    # concluded LGPL-2.0-only OR LicenseRef-3, declared LGPL-2.0-only AND LicenseRef-3: one expression
    # fits licenses[] (CycloneDX 1.6), so the original licence is in the evidence, declared
    assert glibc["licenses"] == [
        {"expression": "LGPL-2.0-only OR LicenseRef-3", "acknowledgement": "concluded"}
    ]
    evidence = glibc["evidence"]["licenses"]
    assert {"license": {"name": "LGPL-2.0-only AND LicenseRef-3", "acknowledgement": "declared"}} in evidence
    assert (
        "components with the original licence in evidence.licenses (CycloneDX 1.6 holds one expression): 1"
        in (_unfilled(bom))
    )


def _choice_bom() -> dict:
    def lib(name: str, expression: str) -> dict:
        return {
            "type": "library",
            "bom-ref": name,
            "name": name,
            "version": "1.0.0",
            "purl": f"pkg:npm/{name}@1.0.0",
            "licenses": [{"expression": expression}],
        }

    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "version": 1,
        "components": [lib("dual", "MIT OR GPL-3.0-only"), lib("plain", "Apache-2.0")],
    }


def test_effective_licence_is_the_chosen_branch(run, here):
    Path("bom.cdx.json").write_text(json.dumps(_choice_bom()), encoding="utf-8")
    text, bom = _bom(run, "bom.cdx.json")
    _valid(text)
    by_name = {c["name"]: c for c in bom["components"]}
    dual = by_name["dual"]
    assert _props(dual)["bsi:component:effectiveLicense"] == ["MIT"]
    assert dual["licenses"] == [{"expression": "MIT OR GPL-3.0-only", "acknowledgement": "concluded"}]
    assert dual["evidence"]["licenses"] == [
        {"license": {"name": "MIT OR GPL-3.0-only", "acknowledgement": "declared"}}
    ]
    plain = by_name["plain"]
    assert plain["licenses"] == [
        {"license": {"id": "Apache-2.0", "acknowledgement": "concluded"}},
        {"license": {"id": "Apache-2.0", "acknowledgement": "declared"}},
    ]
    assert "evidence" not in plain
    assert _props(plain)["bsi:component:effectiveLicense"] == ["Apache-2.0"]


def test_profile_output_is_deterministic_and_plain_output_unchanged(run, here):
    shutil.copy(DATA / "node-npm-flat.cdx.json", "bom.cdx.json")
    first, _ = _bom(run, "bom.cdx.json")
    second, _ = _bom(run, "bom.cdx.json")
    assert first == second
    plain = run("check", "bom.cdx.json", "-f", "cyclonedx", "--fail-on", "never")
    assert plain.exit_code == 0
    assert "bsi:component" not in plain.stdout and "compositions" not in plain.stdout
    assert "tr03183" not in plain.stdout
    # the plain output's one dependency entry: the project uses every component
    assert [d["ref"] for d in json.loads(plain.stdout)["dependencies"]] == ["osscheck:project"]
    assert plain.stdout != first


def test_merge_keeps_hashes_and_dependencies_of_every_entry():
    from osscheck.merge import merge
    from osscheck.model import Component, Declaration, InputFile

    sha = {"alg": "SHA-512", "content": "ab" * 64}
    sha256 = {"alg": "SHA-256", "content": "cd" * 32}
    sbom = Component("x", "1", "pkg:npm/x@1", declared=[Declaration("MIT")], extra={"hashes": [sha256]})
    sbom.extra["dependencies"] = ["pkg:npm/y@1"]
    lock = Component("x", "1", "pkg:npm/x@1", extra={"hashes": [sha, sha256], "filename": "x-1.tgz"})
    merged, _ = merge([InputFile("a.cdx.json", "cyclonedx-json", [sbom]), InputFile("b.json", "npm", [lock])])
    assert len(merged) == 1
    assert merged[0].extra["hashes"] == [sha256, sha]
    assert merged[0].extra["dependencies"] == ["pkg:npm/y@1"]
    assert merged[0].extra["filename"] == "x-1.tgz"

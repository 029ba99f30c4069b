"""SBOM readers that can be trusted: duplicate JSON keys, osscheck's own output, group names, large YAML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from osscheck import api
from osscheck.errors import InputError
from osscheck.messages import Message, render
from osscheck.readers import _source, cyclonedx_json, cyclonedx_xml, spdx_yaml

LOCK = {
    "name": "app",
    "version": "1.0.0",
    "lockfileVersion": 3,
    "packages": {
        "": {"name": "app", "version": "1.0.0", "license": "MIT"},
        "node_modules/left-pad": {"version": "1.3.0", "license": "MIT"},
    },
}


def _json(run, *args: object) -> dict:
    result = run(*args, "-f", "json")
    return json.loads(result.stdout)


# --- 11.6 duplicate keys ---------------------------------------------------------------------------


def test_duplicate_components_key_is_an_error_naming_its_line(tmp_path, run):
    bom = tmp_path / "bom.cdx.json"
    bom.write_text(
        '{"bomFormat": "CycloneDX", "specVersion": "1.6",\n'
        ' "components": [{"name": "sspl-thing", "version": "1",\n'
        '   "licenses": [{"license": {"id": "SSPL-1.0"}}]}],\n'
        ' "components": [{"name": "fine", "version": "1", "licenses": [{"license": {"id": "MIT"}}]}]}\n'
    )
    result = run("check", bom)
    assert result.exit_code == 2
    assert f"osscheck: error: {bom}:4: duplicate key 'components' in one JSON object" in result.stderr
    assert "Traceback" not in result.stderr


def test_duplicate_key_in_a_lockfile_entry_fails_the_check_and_the_rest_is_reported(tmp_path, run):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "package-lock.json").write_text(
        '{"lockfileVersion": 3, "packages": {\n'
        '  "node_modules/x": {"version": "1.0.0", "license": "SSPL-1.0"},\n'
        '  "node_modules/x": {"version": "1.0.0", "license": "MIT"}}}\n'
    )
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "package-lock.json").write_text(json.dumps(LOCK))
    result = run("check", tmp_path, "-f", "json")
    assert result.exit_code == 2
    assert "package-lock.json:3: duplicate key 'node_modules/x'" in result.stderr
    assert [c["name"] for c in json.loads(result.stdout)["components"]] == ["left-pad"]


def test_duplicate_key_found_in_a_large_file_read_by_orjson(tmp_path):
    components = [{"name": f"c{i}", "purl": f"pkg:npm/c{i}@1", "version": "1"} for i in range(6000)]
    text = json.dumps({"bomFormat": "CycloneDX", "components": components}, indent=1)
    assert len(text) > _source._LARGE
    at = text.index('"name": "c4000"')
    text = text[:at] + '"name": "shadowed",\n' + text[at:]
    with pytest.raises(InputError) as info:
        _source.load_json("big.json", text)
    assert info.value.line == text[:at].count("\n") + 2  # the second "name" of that object
    assert "'name'" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        '{"purl": "pkg:npm/a@1", "url": "https://x:8080/a", "k": {"a:b": "c:d"}}',
        '{"a": "\\u003a", "b": "x\\u003Ay"}',  # an escaped colon is no separator
        '{"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 1}, {"k": 1}]}',  # the same key in other objects
        "[1, 2.5, true, null]",
    ],
)
def test_documents_without_duplicate_keys_are_read_as_before(text):
    assert _source.load_json("x.json", text) == json.loads(text)


def test_duplicate_key_beside_an_escaped_colon_is_still_found():
    # the escaped colon would make the count come out even: such text is always parsed again
    with pytest.raises(InputError, match="duplicate key 'a'"):
        _source.load_json("x.json", '{"a": 1, "a": 2, "b": "\\u003a\\u003a"}')


# --- 11.12 osscheck's own output -----------------------------------------------------------------


@pytest.fixture
def project_with_own_sboms(tmp_path, run):
    """A project checked once with its SBOMs written beside it; then a dependency becomes SSPL."""
    lock = tmp_path / "package-lock.json"
    lock.write_text(json.dumps(LOCK))
    assert run("check", tmp_path, "-f", "cyclonedx", "-o", tmp_path / "bom.json").exit_code == 0
    assert run("check", tmp_path, "-f", "spdx", "-o", tmp_path / "app.spdx.json").exit_code == 0
    changed = json.loads(lock.read_text())
    changed["packages"]["node_modules/left-pad"]["license"] = "SSPL-1.0"
    lock.write_text(json.dumps(changed))
    return tmp_path


def test_stale_own_sbom_does_not_outvote_the_lockfile(project_with_own_sboms, run):
    result = run("check", project_with_own_sboms, "-f", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [(c["name"], c["status"]) for c in report["components"]] == [("left-pad", "denied")]
    inputs = {i["path"].rsplit("/", 1)[-1]: i["components"] for i in report["inputs"]}
    assert inputs == {"app.spdx.json": 0, "bom.json": 0, "package-lock.json": 1}
    notes = [f for f in report["findings"] if f["rule"] == "own-sbom-not-read"]
    assert sorted(Path(f["location"]["path"]).name for f in notes) == ["app.spdx.json", "bom.json"]
    assert {f["severity"] for f in notes} == {"note"}


def test_the_text_report_says_why_the_own_sbom_was_not_read(project_with_own_sboms, run):
    out = run("check", project_with_own_sboms).stdout
    assert "an SBOM written by osscheck, not read beside the inputs it was made from" in out


def test_project_is_not_its_own_dependency_under_library(project_with_own_sboms, run):
    for name in ("bom.json", "app.spdx.json"):
        report = _json(run, "check", project_with_own_sboms / name, "-p", "library")
        assert [c["name"] for c in report["components"]] == ["left-pad"], name


def test_named_explicitly_an_own_sbom_is_read_with_what_osscheck_concluded(project_with_own_sboms, run):
    for name in ("bom.json", "app.spdx.json"):
        report = _json(run, "check", project_with_own_sboms / name)
        (left_pad,) = report["components"]
        # what the lockfile said when the SBOM was written, found the way the lockfile's was
        assert (left_pad["license"], left_pad["method"], left_pad["status"]) == ("MIT", "spdx", "allowed"), (
            name
        )


def _observed_only_bom(path: Path) -> None:
    """A CycloneDX SBOM whose component has no declared licence, only what a scan saw in its files."""
    path.write_text(
        json.dumps(
            {
                "bomFormat": "CycloneDX",
                "specVersion": "1.6",
                "components": [
                    {
                        "name": "scanned",
                        "version": "1",
                        "purl": "pkg:npm/scanned@1",
                        "evidence": {"licenses": [{"license": {"id": "MIT"}}]},
                    }
                ],
            }
        )
    )


@pytest.mark.parametrize("fmt", ["cyclonedx", "spdx"])
def test_an_observed_licence_read_back_stays_observed(tmp_path, run, fmt):
    _observed_only_bom(tmp_path / "scan.cdx.json")
    first = _json(run, "check", tmp_path / "scan.cdx.json")["components"][0]
    assert (first["method"], first["confidence"]) == ("observed", 0.8)
    out = tmp_path / f"out-{fmt}.json"
    run("check", tmp_path / "scan.cdx.json", "-f", fmt, "-o", out)
    again = _json(run, "check", out)["components"][0]
    assert (again["license"], again["method"], again["confidence"]) == ("MIT", "observed", 0.8)
    # a policy that wants more confidence than a scan gives judges the read-back as the original
    strict = tmp_path / "strict.toml"
    strict.write_text('[policy]\nname = "strict"\nextends = "public-code"\nmin-confidence = 0.9\n')
    before = _json(run, "check", tmp_path / "scan.cdx.json", "-p", strict)["components"][0]["status"]
    assert before != "allowed"
    assert _json(run, "check", out, "-p", strict)["components"][0]["status"] == before


def test_own_outbound_from_the_policy_is_not_read_as_the_projects_licence(tmp_path, run):
    _observed_only_bom(tmp_path / "scan.cdx.json")  # no project licence: the policy's is used
    run("check", tmp_path / "scan.cdx.json", "-f", "cyclonedx", "-o", tmp_path / "out.json")
    source = cyclonedx_json.read(tmp_path / "out.json", (tmp_path / "out.json").read_bytes())
    assert source.project is not None and source.project.declared == []
    assert _source.written_by_osscheck(source)


def test_an_own_sbom_alone_in_a_folder_is_read(tmp_path, run):
    _observed_only_bom(tmp_path / "scan.cdx.json")
    run("check", tmp_path / "scan.cdx.json", "-f", "cyclonedx", "-o", tmp_path / "bom.json")
    (tmp_path / "scan.cdx.json").unlink()
    report = _json(run, "check", tmp_path)
    assert [c["name"] for c in report["components"]] == ["scanned"]
    assert not [f for f in report["findings"] if f["rule"] == "own-sbom-not-read"]


def test_other_tools_sboms_are_not_taken_for_osscheck_output(tmp_path):
    doc = {
        "bomFormat": "CycloneDX",
        "metadata": {"tools": [{"vendor": "x", "name": "osscheck-lookalike"}], "component": {"name": "a"}},
        "components": [],
    }
    path = tmp_path / "bom.json"
    path.write_text(json.dumps(doc))
    assert not _source.written_by_osscheck(cyclonedx_json.read(path, path.read_bytes()))
    doc["metadata"]["tools"] = [
        {"vendor": "opencode", "name": "osscheck", "version": "0.1.0"}
    ]  # 1.4 list form
    path.write_text(json.dumps(doc))
    assert _source.written_by_osscheck(cyclonedx_json.read(path, path.read_bytes()))


def test_own_sbom_note_in_german():
    note = Message("finding.own-sbom-not-read")
    assert str(note) == "an SBOM written by osscheck, not read beside the inputs it was made from"
    assert render(note, "de") == (
        "eine von osscheck geschriebene SBOM, neben den Eingaben, aus denen sie entstand, nicht gelesen"
    )
    hint = Message("rule.own-sbom-not-read.hint")
    assert str(hint) == "Name it on the command line to read it; leave it out of the folder if it is stale."
    assert render(hint, "de") != str(hint)


def test_scan_sets_aside_only_what_a_folder_search_found(project_with_own_sboms):
    inventory = api.scan([project_with_own_sboms, project_with_own_sboms / "bom.json"])
    counts = {Path(i.path).name: len(i.components) for i in inventory.inputs}
    assert counts == {"package-lock.json": 1, "app.spdx.json": 0, "bom.json": 1}


# --- 10.15 CycloneDX names keep their group -------------------------------------------------------


def test_cyclonedx_json_names_keep_their_group(tmp_path):
    doc = {
        "bomFormat": "CycloneDX",
        "components": [
            {"group": "@vue", "name": "compiler-core", "version": "3.4.0",
             "purl": "pkg:npm/%40vue/compiler-core@3.4.0"},
            {"group": "org.clojure", "name": "clojure", "version": "1.11.1",
             "purl": "pkg:maven/org.clojure/clojure@1.11.1"},
            {"group": "org.clojure", "name": "core.async", "version": "1"},
            {"group": "@types", "name": "node", "version": "20"},
            {"group": "", "name": "plain", "version": "1"},
        ],
    }  # fmt: skip
    path = tmp_path / "bom.cdx.json"
    path.write_text(json.dumps(doc))
    names = [c.name for c in cyclonedx_json.read(path, path.read_bytes()).components]
    assert names == [
        "@vue/compiler-core",
        "org.clojure:clojure",
        "org.clojure:core.async",
        "@types/node",
        "plain",
    ]


def test_cyclonedx_xml_names_keep_their_group(tmp_path):
    path = tmp_path / "bom.cdx.xml"
    path.write_text(
        '<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components>'
        "<component><group>@vue</group><name>shared</name><version>3.4.0</version>"
        "<purl>pkg:npm/%40vue/shared@3.4.0</purl></component>"
        "<component><group>org.clojure</group><name>clojure</name><version>1.11.1</version>"
        "<purl>pkg:maven/org.clojure/clojure@1.11.1</purl></component>"
        "</components></bom>"
    )
    names = [c.name for c in cyclonedx_xml.read(path, path.read_bytes()).components]
    assert names == ["@vue/shared", "org.clojure:clojure"]


def test_a_group_osscheck_wrote_beside_a_qualified_name_is_not_doubled():
    assert cyclonedx_json.with_group("org.clojure:clojure", "org.clojure", None) == "org.clojure:clojure"
    assert cyclonedx_json.with_group("@vue/shared", "@vue", "pkg:npm/%40vue/shared@1") == "@vue/shared"


# --- 10.16 large SPDX YAML ------------------------------------------------------------------------


def _spdx_doc(n: int) -> dict:
    packages = [
        {
            "SPDXID": f"SPDXRef-P{i}",
            "name": f"p{i}",
            "versionInfo": "1.10",
            "filesAnalyzed": False,
            "licenseConcluded": "MIT" if i % 2 else "NOASSERTION",
            "licenseDeclared": None if i % 3 else "Apache-2.0",
            "externalRefs": [{"referenceType": "purl", "referenceLocator": f"pkg:npm/p{i}@1.10"}],
        }
        for i in range(n)
    ]
    return {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "packages": packages}


def test_yaml_from_events_is_the_document_the_full_loader_gives():
    text = yaml.safe_dump(_spdx_doc(50), sort_keys=False)
    text += "anchored: &a {x: ~, y: 'null', z: ''}\nagain: *a\nempty:\nlist: [Null, NULL, '~']\n"
    assert spdx_yaml._from_events(text) == yaml.load(text, Loader=spdx_yaml._loader())


@pytest.mark.parametrize(
    "text", ["a: !!int 5\n", "base: &b {x: 1}\nd:\n  <<: *b\n", "a: 1\n---\nb: 2\n", "? [a]\n: 1\n"]
)
def test_yaml_beyond_plain_data_is_left_to_the_full_loader(text):
    with pytest.raises(spdx_yaml._Unusual):
        spdx_yaml._from_events(text)


def test_spdx_yaml_keeps_lines_and_errors(tmp_path, run):
    path = tmp_path / "big.spdx.yaml"
    path.write_text(yaml.safe_dump(_spdx_doc(300), sort_keys=False))
    components = _json(run, "check", path)["components"]
    p7 = next(c for c in components if c["name"] == "p7")
    lines = path.read_text().splitlines()
    assert "SPDXRef-P7" in lines[p7["location"]["line"] - 1]
    assert p7["version"] == "1.10"
    broken = tmp_path / "broken.spdx.yaml"
    broken.write_text("spdxVersion: SPDX-2.3\npackages:\n  - name: [unclosed\n")
    result = run("check", broken)
    assert result.exit_code == 2 and f"{broken}:" in result.stderr and "not valid YAML" in result.stderr

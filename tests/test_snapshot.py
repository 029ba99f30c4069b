"""The licence-data snapshot in the cache folder: used while current, rebuilt when not, never fatal."""

from __future__ import annotations

import json
import os

import pytest

from osscheck import snapshot
from osscheck.licenses import catalog


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("OSSCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("OSSCHECK_NO_SNAPSHOT", raising=False)
    return folder


def stored_document(path) -> dict:
    """A snapshot file's document: the JSON after its seal line."""
    seal, _, body = path.read_bytes().partition(b"\n")
    assert seal.startswith(b"seal:")
    return json.loads(body)


def snapshot_file(name: str) -> str:
    return os.path.basename(snapshot._path(name))


class Builder:
    """Counts how often the tables are derived."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.calls = 0

    def __call__(self) -> dict:
        self.calls += 1
        return self.data


def test_built_once_then_read_from_the_cache_folder(cache, tmp_path):
    source = tmp_path / "index.json"
    source.write_text("[]")
    build = Builder({"MIT": ["permissive"]})
    assert snapshot.load("t", [str(source)], build) == {"MIT": ["permissive"]}
    assert snapshot.load("t", [str(source)], build) == {"MIT": ["permissive"]}
    assert build.calls == 1
    stored = stored_document(cache / snapshot_file("t"))
    assert stored["data"] == {"MIT": ["permissive"]}
    assert stored["stamp"][0] == snapshot.FORMAT


def test_a_changed_source_makes_it_again(cache, tmp_path):
    source = tmp_path / "index.json"
    source.write_text("[]")
    snapshot.load("t", [str(source)], Builder({"v": 1}))
    source.write_text('[{"a": 1}]')  # another size: an upgraded library
    rebuilt = Builder({"v": 2})
    assert snapshot.load("t", [str(source)], rebuilt) == {"v": 2}
    assert rebuilt.calls == 1


@pytest.mark.parametrize("content", [b"", b'{"stamp": ', b"\xff\xfe garbage", b"[1, 2]", b'{"stamp": 1}'])
def test_a_damaged_file_is_made_again(cache, tmp_path, content):
    source = tmp_path / "index.json"
    source.write_text("[]")
    snapshot.load("t", [str(source)], Builder({"v": 1}))
    (cache / snapshot_file("t")).write_bytes(content)
    again = Builder({"v": 1})
    assert snapshot.load("t", [str(source)], again) == {"v": 1}
    assert again.calls == 1
    assert stored_document(cache / snapshot_file("t"))["data"] == {"v": 1}


def test_without_a_writable_cache_folder_the_tables_are_derived_each_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("OSSCHECK_CACHE_DIR", str(blocker / "cache"))
    source = tmp_path / "index.json"
    source.write_text("[]")
    build = Builder({"v": 1})
    assert snapshot.load("t", [str(source)], build) == {"v": 1}
    assert snapshot.load("t", [str(source)], build) == {"v": 1}
    assert build.calls == 2
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_source_that_cannot_be_found_turns_it_off(cache, tmp_path):
    build = Builder({"v": 1})
    snapshot.load("t", [None], build)
    snapshot.load("t", [str(tmp_path / "missing")], build)
    assert build.calls == 2
    assert not cache.exists()


def test_the_catalogue_read_back_equals_the_derived_one(cache, monkeypatch):
    catalog._data.cache_clear()
    try:
        first = catalog._data()  # derived and written
        catalog._data.cache_clear()
        monkeypatch.setattr(catalog, "_build", lambda: pytest.fail("the snapshot was not used"))
        assert catalog._data() == first == json.loads(json.dumps(first))
        assert catalog.category_of("MIT") == "permissive"
        assert catalog.lookup("gpl-2.0+").key == "GPL-2.0-or-later"
        assert catalog.is_osi_approved("EUPL-1.2") and catalog.is_fsf_libre("GPL-3.0-only")
        assert catalog.lookup_exception("classpath-exception-2.0") == "Classpath-exception-2.0"
    finally:
        catalog._data.cache_clear()
        monkeypatch.undo()
        catalog._data.cache_clear()
    assert sorted(os.listdir(cache)) == [snapshot_file("catalog")]


def test_data_that_is_not_plain_json_is_not_kept(cache, tmp_path):
    import datetime as dt

    source = tmp_path / "policy.toml"
    source.write_text("")
    build = Builder({"expires": dt.date(2027, 3, 1)})
    assert snapshot.load("t", [str(source)], build) == {"expires": dt.date(2027, 3, 1)}
    assert snapshot.load("t", [str(source)], build) == {"expires": dt.date(2027, 3, 1)}
    assert build.calls == 2
    assert not cache.exists() or not list(cache.iterdir())


def test_a_policys_purls_are_split_once_and_its_text_parsed_every_time(cache, tmp_path, monkeypatch):
    from osscheck.policy import load_policy, loader

    city = tmp_path / "city.toml"
    city.write_text(
        '[policy]\nname = "city"\nextends = "open-code"\n\n[[exceptions]]\npackage = "pkg:npm/dbkit"\n'
        'justification = "needed"\nexpires = 2027-06-30\n'
    )
    monkeypatch.setattr(loader, "_PURLS", snapshot.Memo("purls", loader._purl_sources))
    first = load_policy(city)
    loader._PURLS.save()
    # the next run
    monkeypatch.setattr(loader, "_PURLS", snapshot.Memo("purls", loader._purl_sources))
    import sys

    monkeypatch.delitem(sys.modules, "packageurl", raising=False)
    again = load_policy(city)
    assert again == first and again.digest == first.digest
    assert again.exceptions[0].expires == __import__("datetime").date(2027, 6, 30)
    assert "packageurl" not in sys.modules  # the purl was split in the earlier run


def test_a_memo_keeps_answers_for_the_next_run(cache, tmp_path):
    source = tmp_path / "normalize.py"
    source.write_text("")
    memo = snapshot.Memo("m", lambda: [str(source)])
    assert memo.get("MIT License") is None
    memo.put("MIT License", ["MIT", "name", 1.0, []])
    memo.save()
    later = snapshot.Memo("m", lambda: [str(source)])
    assert later.get("MIT License") == ["MIT", "name", 1.0, []]
    source.write_text("# changed")  # the normaliser changed: its old answers are not trusted
    assert snapshot.Memo("m", lambda: [str(source)]).get("MIT License") is None


def test_a_memo_keeps_the_newest_answers_up_to_its_limit(cache, tmp_path):
    source = tmp_path / "s.py"
    source.write_text("")
    for round_ in range(3):
        memo = snapshot.Memo("m", lambda: [str(source)], limit=5)
        for i in range(4):
            memo.put(f"{round_}-{i}", i)
        memo.save()
    kept = snapshot.Memo("m", lambda: [str(source)], limit=5)
    assert [kept.get(f"2-{i}") for i in range(4)] == [0, 1, 2, 3]
    assert kept.get("1-3") == 3 and kept.get("1-2") is None and kept.get("0-0") is None


def test_a_memo_without_a_cache_folder_only_forgets(tmp_path, monkeypatch):
    monkeypatch.setenv("OSSCHECK_NO_SNAPSHOT", "1")
    memo = snapshot.Memo("m", lambda: [__file__])
    memo.put("x", 1)
    memo.save()
    assert memo.get("x") is None


def test_each_installation_keeps_its_own_files(cache, tmp_path, monkeypatch):
    here = snapshot_file("catalog")
    assert here.startswith("snapshot-catalog-") and here.endswith(".json")
    monkeypatch.setattr(snapshot, "__file__", str(tmp_path / "elsewhere" / "osscheck" / "snapshot.py"))
    assert snapshot_file("catalog") != here  # another virtual environment: another file


def test_a_file_edited_in_the_cache_folder_is_not_used(cache, tmp_path):
    """The cache folder may be shared with merge-request jobs: an edited table decides nothing."""
    source = tmp_path / "index.json"
    source.write_text("[]")
    snapshot.load("t", [str(source)], Builder({"SSPL-1.0": "source-available"}))
    path = cache / snapshot_file("t")
    seal, _, body = path.read_bytes().partition(b"\n")
    path.write_bytes(seal + b"\n" + body.replace(b"source-available", b"permissive"))
    again = Builder({"SSPL-1.0": "source-available"})
    assert snapshot.load("t", [str(source)], again) == {"SSPL-1.0": "source-available"}
    assert again.calls == 1  # made again, and sealed anew
    assert stored_document(path)["data"] == {"SSPL-1.0": "source-available"}
    # a file written without this installation's key (another machine, an older osscheck) is not used
    path.write_bytes(
        b'{"stamp": %s, "data": {"SSPL-1.0": "permissive"}}'
        % json.dumps(stored_document(path)["stamp"]).encode()
    )
    assert snapshot.load("t", [str(source)], Builder({"SSPL-1.0": "source-available"})) == {
        "SSPL-1.0": "source-available"
    }


def test_an_edited_licence_catalogue_decides_no_verdict(tmp_path):
    """End to end: the catalogue snapshot edited to call GPL-3.0-only permissive changes nothing."""
    import subprocess
    import sys

    from conftest import package_lock

    cache = tmp_path / "cache"
    env = {**os.environ, "OSSCHECK_CACHE_DIR": str(cache)}
    env.pop("OSSCHECK_NO_SNAPSHOT", None)
    (tmp_path / "package-lock.json").write_text(package_lock({"gplkit": "GPL-3.0-only"}))
    hook = [sys.executable, "-m", "osscheck.hook", "-p", "library", "package-lock.json"]
    assert subprocess.run(hook, cwd=tmp_path, env=env, capture_output=True).returncode == 1
    (path,) = cache.glob("snapshot-catalog-*.json")
    raw = path.read_bytes()
    seal, newline, body = raw.partition(b"\n") if raw.startswith(b"seal:") else (b"", b"", raw)
    document = json.loads(body)
    licences = document["data"]["licences"]
    for ids in licences.values():
        if "GPL-3.0-only" in ids:
            ids.remove("GPL-3.0-only")
    licences["Permissive"].append("GPL-3.0-only")
    path.write_bytes(seal + newline + json.dumps(document).encode())  # the seal left as it was
    again = subprocess.run(hook, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert again.returncode == 1, again.stdout
    assert "strong copyleft" in again.stdout or "strong-copyleft" in again.stdout

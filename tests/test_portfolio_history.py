"""The portfolio history: runs recorded in SQLite, listed, drawn as series, compared; foreign files
refused, old schemas migrated, an interrupted run leaves nothing behind."""

from __future__ import annotations

import json
import sqlite3

import pytest

from osscheck.errors import InputError
from osscheck.portfolio import history

# the schema of version 1, as the first release of the history wrote it
V1_SCHEMA = """
CREATE TABLE run (id INTEGER PRIMARY KEY, date TEXT NOT NULL, tool_version TEXT NOT NULL,
  projects INTEGER NOT NULL, checked INTEGER NOT NULL, open_source_share REAL,
  unjustified INTEGER NOT NULL, violations INTEGER NOT NULL, expired INTEGER NOT NULL);
CREATE TABLE project (run INTEGER NOT NULL REFERENCES run(id), name TEXT NOT NULL,
  checked INTEGER NOT NULL, passed INTEGER, components INTEGER, unjustified INTEGER,
  violations INTEGER, expired INTEGER, PRIMARY KEY (run, name));
CREATE INDEX run_by_date ON run (date, id);
"""


def _project(
    name: str, unjustified: int = 0, denied: int = 0, expired: int = 0, checked: bool = True
) -> dict:
    if not checked:  # named in portfolio.toml, no report: no figures
        return {"name": name, "checked": False, "passed": None, "components": None, "by_status": None}
    return {
        "name": name,
        "checked": True,
        "passed": denied == 0,
        "components": 10,
        "by_status": {"allowed": 10 - denied, "review": 0, "denied": denied, "exempted": 0, "ignored": 0},
        "exceptions": {"in_force": 1, "expiring_30": 0, "expiring_90": 0, "expired": expired},
        "unjustified": unjustified,
        "justified": 1,
    }


def _document(date: str, projects: list[dict], share: float) -> dict:
    checked = [p for p in projects if p["checked"]]
    return {
        "schema": "osscheck-portfolio/1",
        "tool": {"name": "osscheck", "version": "1.2.3"},
        "date": date,
        "inputs": [],
        "projects": sorted(projects, key=lambda p: p["name"]),
        "totals": {
            "projects": len(projects),
            "checked": len(checked),
            "not_checked": len(projects) - len(checked),
            "components": sum(p["components"] for p in checked),
            "open_source_share": share,
            "justified": sum(p["justified"] for p in checked),
            "unjustified": sum(p["unjustified"] for p in checked),
            "violations": sum(p["by_status"]["denied"] for p in checked),
            "exceptions": {
                "in_force": len(checked),
                "expiring_30": 0,
                "expiring_90": 0,
                "expired": sum(p["exceptions"]["expired"] for p in checked),
            },
        },
        "register": [],
        "licenses": [],
        "components": [],
        "errors": [],
        "notes": [],
    }


FIRST = _document("2026-06-01", [_project("alpha", unjustified=15, denied=2)], 0.5)
SECOND = _document(
    "2026-09-01", [_project("alpha", unjustified=14, denied=1), _project("beta", expired=1)], 0.625
)
THIRD = _document(
    "2026-12-01",
    [
        _project("alpha", unjustified=2),
        _project("gamma"),
        _project("delta"),
        _project("epsilon"),
        _project("zeta", checked=False),
    ],
    0.75,
)


@pytest.fixture
def three(tmp_path):
    path = tmp_path / "history.sqlite"
    ids = [history.record(path, document) for document in (FIRST, SECOND, THIRD)]
    return path, ids


def test_three_runs_are_listed_oldest_first(three):
    path, ids = three
    assert ids == [1, 2, 3]
    assert history.runs(path) == [
        {"id": 1, "date": "2026-06-01", "projects": 1, "checked": 1, "open_source_share": 0.5,
         "unjustified": 15, "violations": 2, "expired": 0},
        {"id": 2, "date": "2026-09-01", "projects": 2, "checked": 2, "open_source_share": 0.625,
         "unjustified": 14, "violations": 1, "expired": 1},
        {"id": 3, "date": "2026-12-01", "projects": 5, "checked": 4, "open_source_share": 0.75,
         "unjustified": 2, "violations": 0, "expired": 0},
    ]  # fmt: skip
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone() == (history.APPLICATION_ID,)
        assert db.execute("PRAGMA user_version").fetchone() == (history.SCHEMA_VERSION,)
        rows = db.execute("SELECT name, checked, passed, components FROM project WHERE run = 3").fetchall()
        assert rows == [
            ("alpha", 1, 1, 10), ("delta", 1, 1, 10), ("epsilon", 1, 1, 10), ("gamma", 1, 1, 10),
            ("zeta", 0, None, None),
        ]  # fmt: skip


def test_the_series_are_the_trends_by_date(three):
    path, _ = three
    assert history.series(path) == {
        "open_source_share": [("2026-06-01", 0.5), ("2026-09-01", 0.625), ("2026-12-01", 0.75)],
        "unjustified": [("2026-06-01", 15.0), ("2026-09-01", 14.0), ("2026-12-01", 2.0)],
        "violations": [("2026-06-01", 2.0), ("2026-09-01", 1.0), ("2026-12-01", 0.0)],
        "expired": [("2026-06-01", 0.0), ("2026-09-01", 1.0), ("2026-12-01", 0.0)],
    }
    # a second run on one day replaces that day's point; the list keeps both runs
    history.record(path, _document("2026-12-01", [_project("alpha")], 0.8))
    assert history.series(path)["open_source_share"][-1] == ("2026-12-01", 0.8)
    assert len(history.series(path)["open_source_share"]) == 3
    assert [run["id"] for run in history.runs(path)] == [1, 2, 3, 4]


def test_a_run_is_compared_with_the_one_before(three):
    path, _ = three
    comparison = history.compare(path, 3)
    assert comparison == {
        "run": {"id": 3, "date": "2026-12-01"},
        "earlier": {"id": 2, "date": "2026-09-01"},
        "changes": {
            "projects": 3,
            "checked": 2,
            "components": 20,
            "open_source_share": 0.125,
            "unjustified": -12,
            "justified": 2,
            "violations": -1,
            "expired": -1,
        },
        "added": ["delta", "epsilon", "gamma", "zeta"],
        "removed": ["beta"],
    }
    assert history.compare_text(comparison) == (
        "since 2026-09-01: +3 projects, +2 projects checked, +12.5 percentage points of open source,"
        " -12 unjustified components, -1 violation, -1 expired justification\n"
        "added: delta, epsilon, gamma, zeta\nremoved: beta"
    )
    assert history.compare_text(comparison, "de") == (
        "seit 2026-09-01: +3 Projekte, +2 geprüfte Projekte, +12,5 Prozentpunkte Open Source,"
        " -12 nicht begründete Komponenten, -1 Verstoß, -1 abgelaufene Begründung\n"
        "hinzugekommen: delta, epsilon, gamma, zeta\nweggefallen: beta"
    )
    earlier = history.compare(path, 3, earlier_id=1)
    assert earlier["earlier"] == {"id": 1, "date": "2026-06-01"}
    assert earlier["changes"]["unjustified"] == -13 and earlier["removed"] == []
    same = history.compare(path, 2, earlier_id=2)
    assert history.compare_text(same) == "since 2026-09-01: no change"


def test_comparing_a_run_that_is_not_there_or_the_first_is_an_error(three):
    path, _ = three
    with pytest.raises(InputError) as caught:
        history.compare(path, 9)
    assert caught.value.format() == f"osscheck: error: {path}: no run 9 in the history"
    with pytest.raises(InputError, match="run 1 is the first one"):
        history.compare(path, 1)
    with pytest.raises(InputError, match="no run 7 in the history"):
        history.compare(path, 2, earlier_id=7)


def test_the_command_prints_the_runs_and_a_comparison(three, capsysbinary):
    path, _ = three
    assert history.command(path, None, "text", "en") == 0
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert lines[0].split() == ["Run", "Date", "Projects", "Checked", "Open", "source", "Unjustified",
                                "Violations", "Expired"]  # fmt: skip
    assert lines[1].split() == ["1", "2026-06-01", "1", "1", "50.0", "%", "15", "2", "0"]
    assert len(lines) == 4
    history.command(path, None, "text", "de")
    german = capsysbinary.readouterr().out.decode().splitlines()
    assert german[0].startswith("Lauf  Datum") and german[2].split()[4] == "62,5"
    history.command(path, None, "json", "en")
    assert json.loads(capsysbinary.readouterr().out) == {"runs": history.runs(path)}
    history.command(path, 3, "text", "en")
    assert capsysbinary.readouterr().out.decode().startswith("since 2026-09-01: +3 projects, ")
    history.command(path, 3, "json", "de")
    assert json.loads(capsysbinary.readouterr().out) == history.compare(path, 3)


def test_an_empty_history_says_so(tmp_path, capsysbinary):
    path = tmp_path / "empty.sqlite"
    path.touch()  # what a first run that failed before its commit may leave
    assert history.runs(path) == [] and history.series(path)["unjustified"] == []
    history.command(path, None, "text", "de")
    assert capsysbinary.readouterr().out.decode() == "noch keine Läufe erfasst\n"
    assert history.record(path, FIRST) == 1
    with pytest.raises(InputError, match="no such history database"):
        history.runs(tmp_path / "missing.sqlite")
    assert not (tmp_path / "missing.sqlite").exists()  # reading creates nothing


def test_a_file_that_is_not_a_history_is_refused_and_left_alone(tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("these are my notes, not a database\n")
    for call in (lambda: history.record(text, FIRST), lambda: history.runs(text)):
        with pytest.raises(InputError) as caught:
            call()
        assert caught.value.format() == (
            f"osscheck: error: {text}: not an SQLite database, so not an osscheck history"
        )
        assert caught.value.format("de").endswith(
            "keine SQLite-Datenbank und damit kein Verlauf von osscheck"
        )
    assert text.read_text() == "these are my notes, not a database\n"

    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE run (id INTEGER PRIMARY KEY, date TEXT)")  # even with our table name
    before = other.read_bytes()
    for call in (lambda: history.record(other, FIRST), lambda: history.runs(other)):
        with pytest.raises(InputError, match="an SQLite database, but not an osscheck history"):
            call()
    assert other.read_bytes() == before

    empty_but_marked = tmp_path / "marked.sqlite"
    with sqlite3.connect(empty_but_marked) as db:
        db.execute("PRAGMA user_version = 3")  # another program's empty database
    with pytest.raises(InputError, match="not an osscheck history"):
        history.record(empty_but_marked, FIRST)


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "history.sqlite"
    history.record(path, FIRST)
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {history.SCHEMA_VERSION + 1}")
    for call in (lambda: history.record(path, SECOND), lambda: history.runs(path)):
        with pytest.raises(InputError) as caught:
            call()
        assert caught.value.format() == (
            f"osscheck: error: {path}: the history has schema version {history.SCHEMA_VERSION + 1},"
            f" newer than this osscheck knows ({history.SCHEMA_VERSION}); update osscheck"
        )


def _version_1(path) -> None:
    db = sqlite3.connect(path)
    db.executescript(V1_SCHEMA)
    db.execute(f"PRAGMA application_id = {history.APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO run VALUES (1, '2026-03-01', '1.0.0', 1, 1, 0.25, 20, 3, 2)")
    db.execute("INSERT INTO project VALUES (1, 'alpha', 1, 0, 10, 20, 3, 2)")
    db.commit()
    db.close()


def test_a_version_1_history_is_migrated_on_reading(tmp_path):
    path = tmp_path / "old.sqlite"
    _version_1(path)
    assert history.runs(path) == [
        {"id": 1, "date": "2026-03-01", "projects": 1, "checked": 1, "open_source_share": 0.25,
         "unjustified": 20, "violations": 3, "expired": 2},
    ]  # fmt: skip
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (2,)
        assert db.execute("SELECT components, justified FROM run").fetchall() == [(None, None)]
        assert "justified" in {row[1] for row in db.execute("PRAGMA table_info(project)")}


def test_a_version_1_history_is_migrated_by_the_next_run(tmp_path):
    path = tmp_path / "old.sqlite"
    _version_1(path)
    assert history.record(path, FIRST) == 2
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (2,)
        assert db.execute("SELECT id, components, justified FROM run ORDER BY id").fetchall() == [
            (1, None, None),
            (2, 10, 1),
        ]
    # what version 1 did not record is unknown in a comparison, not zero
    changes = history.compare(path, 2)["changes"]
    assert changes["components"] is None and changes["justified"] is None
    assert changes["unjustified"] == -5 and changes["open_source_share"] == 0.25


def test_a_run_interrupted_halfway_leaves_the_history_as_it_was(three, monkeypatch):
    path, _ = three
    before = list(sqlite3.connect(path).iterdump())
    inserted = []
    insert = history._insert_project

    def failing(db, run_id, project):
        if inserted:
            raise KeyboardInterrupt  # Ctrl-C after the run's row and its first project
        inserted.append(project)
        insert(db, run_id, project)

    monkeypatch.setattr(history, "_insert_project", failing)
    with pytest.raises(KeyboardInterrupt):
        history.record(path, THIRD)
    assert inserted
    assert list(sqlite3.connect(path).iterdump()) == before
    monkeypatch.undo()
    assert history.record(path, THIRD) == 4


def test_an_interrupted_first_run_creates_no_history(tmp_path, monkeypatch):
    path = tmp_path / "new.sqlite"

    def failing(db, run_id, project):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(history, "_insert_project", failing)
    with pytest.raises(InputError, match="the history database cannot be used: disk I/O error"):
        history.record(path, FIRST)
    assert history.runs(path) == []  # not even the schema: the next run creates it
    monkeypatch.undo()
    assert history.record(path, FIRST) == 1


@pytest.mark.parametrize(
    ("change", "key"),
    [
        (lambda d: d.update(schema="osscheck-portfolio/2"), "schema"),
        (lambda d: d.update(date="1 June 2026"), "date"),
        (lambda d: d["totals"].update(unjustified="many"), "totals.unjustified"),
        (lambda d: d["totals"].update(open_source_share="half"), "totals.open_source_share"),
        (lambda d: d["projects"].append(dict(d["projects"][0])), "projects[1].name"),
    ],
)
def test_a_document_that_is_not_a_portfolio_is_refused_before_the_database_is_touched(tmp_path, change, key):
    document = json.loads(json.dumps(FIRST))
    change(document)
    path = tmp_path / "history.sqlite"
    with pytest.raises(InputError) as caught:
        history.record(path, document)
    assert str(caught.value) == f"not an osscheck-portfolio/1 document: {key} is missing or of the wrong type"
    assert not path.exists()

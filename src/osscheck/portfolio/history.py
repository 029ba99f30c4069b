"""The portfolio's history: one row per ``osscheck portfolio --history FILE.sqlite`` run.

An SQLite database of the standard library. It marks itself as osscheck's (``application_id``) and
carries its schema version (``user_version``): a file that is not ours is refused, a newer schema is
refused, an older one is migrated step by step (``MIGRATIONS``). Each run is written in one
transaction, so that a run interrupted halfway leaves the database as it was.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

from osscheck.errors import InputError, printable_lines
from osscheck.messages import Message, label, render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

#: "OSCK": what ``PRAGMA application_id`` says in every osscheck history database
APPLICATION_ID = 0x4F53434B
#: the documents :func:`record` takes
PORTFOLIO_SCHEMA = "osscheck-portfolio/1"

# Migration N brings a database from version N-1 to N; version 0 is the empty file. A new database
# runs them all, so the path an old database takes is the path every database has taken.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (  # 1: runs and their projects
        """CREATE TABLE run (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL,
            tool_version TEXT NOT NULL,
            projects INTEGER NOT NULL,
            checked INTEGER NOT NULL,
            open_source_share REAL,
            unjustified INTEGER NOT NULL,
            violations INTEGER NOT NULL,
            expired INTEGER NOT NULL
        )""",
        """CREATE TABLE project (
            run INTEGER NOT NULL REFERENCES run(id),
            name TEXT NOT NULL,
            checked INTEGER NOT NULL,
            passed INTEGER,
            components INTEGER,
            unjustified INTEGER,
            violations INTEGER,
            expired INTEGER,
            PRIMARY KEY (run, name)
        )""",
        "CREATE INDEX run_by_date ON run (date, id)",
    ),
    (  # 2: components and justified components; NULL in runs recorded before (not known, not 0)
        "ALTER TABLE run ADD COLUMN components INTEGER",
        "ALTER TABLE run ADD COLUMN justified INTEGER",
        "ALTER TABLE project ADD COLUMN justified INTEGER",
    ),
)
#: the ``PRAGMA user_version`` this code writes: the number of migrations
SCHEMA_VERSION = len(MIGRATIONS)

_HEADER = b"SQLite format 3\x00"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: the columns of :func:`runs`, in order
RUN_KEYS = ("id", "date", "projects", "checked", "open_source_share", "unjustified", "violations", "expired")
#: the trends of :func:`series` (the dashboard's lines)
SERIES_KEYS = ("open_source_share", "unjustified", "violations", "expired")
#: the totals :func:`compare` subtracts
CHANGE_KEYS = (
    "projects",
    "checked",
    "components",
    "open_source_share",
    "unjustified",
    "justified",
    "violations",
    "expired",
)


# --- recording ------------------------------------------------------------------------------------


def record(path: str | Path, document: Mapping[str, object]) -> int:
    """Append the run of an ``osscheck-portfolio/1`` document; its id. Creates the database if missing."""
    run, projects = _figures(document)
    with closing(_connect(path, create=True)) as db:
        try:
            db.execute(
                "BEGIN IMMEDIATE"
            )  # the write lock first: a second writer waits, then sees our version
            _prepare(db, path)
            cursor = db.execute(
                "INSERT INTO run (date, tool_version, projects, checked, open_source_share, unjustified,"
                " violations, expired, components, justified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                run,
            )
            run_id = cursor.lastrowid
            assert run_id is not None
            for project in projects:
                _insert_project(db, run_id, project)
            db.execute("COMMIT")
        except BaseException as exc:  # an interrupt too: nothing of this run stays
            if db.in_transaction:
                db.rollback()
            if isinstance(exc, sqlite3.Error):
                raise _unusable(exc, path) from None
            raise
    return run_id


def _insert_project(db: sqlite3.Connection, run_id: int, project: tuple[object, ...]) -> None:
    db.execute(
        "INSERT INTO project (run, name, checked, passed, components, unjustified, violations, expired,"
        " justified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (run_id, *project),
    )


def _figures(document: Mapping[str, object]) -> tuple[tuple[object, ...], list[tuple[object, ...]]]:
    """The run's row and its projects' rows, or one error naming the first key that is wrong."""
    if not isinstance(document, dict) or document.get("schema") != PORTFOLIO_SCHEMA:
        raise _bad("schema")
    date = document.get("date")
    if not isinstance(date, str) or not _DATE.fullmatch(date):
        raise _bad("date")
    tool = document.get("tool")
    version = tool.get("version") if isinstance(tool, dict) else None
    if not isinstance(version, str):
        raise _bad("tool.version")
    totals = _mapping(document, "totals", "totals")
    share = totals.get("open_source_share")
    if share is not None and (isinstance(share, bool) or not isinstance(share, (int, float))):
        raise _bad("totals.open_source_share")
    exceptions = _mapping(totals, "exceptions", "totals.exceptions")
    run = (
        date,
        version,
        _count(totals, "projects", "totals"),
        _count(totals, "checked", "totals"),
        None if share is None else float(share),
        _count(totals, "unjustified", "totals"),
        _count(totals, "violations", "totals"),
        _count(exceptions, "expired", "totals.exceptions"),
        _count(totals, "components", "totals"),
        _count(totals, "justified", "totals"),
    )
    listed = document.get("projects")
    if not isinstance(listed, list):
        raise _bad("projects")
    projects: list[tuple[object, ...]] = []
    names: set[str] = set()
    for index, project in enumerate(listed):
        where = f"projects[{index}]"
        if not isinstance(project, dict):
            raise _bad(where)
        name = project.get("name")
        if not isinstance(name, str) or name in names:  # one row per project and run
            raise _bad(f"{where}.name")
        names.add(name)
        checked = project.get("checked")
        passed = project.get("passed")
        if not isinstance(checked, bool) or not (passed is None or isinstance(passed, bool)):
            raise _bad(f"{where}.checked")
        # a project named in portfolio.toml without a report has no figures: NULL, not 0
        status = _mapping(project, "by_status", where, optional=True)
        held = _mapping(project, "exceptions", where, optional=True)
        projects.append(
            (
                name,
                checked,
                passed,
                _count(project, "components", where, optional=True),
                _count(project, "unjustified", where, optional=True),
                _count(status, "denied", f"{where}.by_status", optional=True),
                _count(held, "expired", f"{where}.exceptions", optional=True),
                _count(project, "justified", where, optional=True),
            )
        )
    return run, projects


def _mapping(parent: Mapping[str, object], key: str, where: str, optional: bool = False) -> dict:
    value = parent.get(key)
    if value is None and optional:
        return {}
    if not isinstance(value, dict):
        raise _bad(f"{where}.{key}" if where != key else key)
    return value


def _count(parent: Mapping[str, object], key: str, where: str, optional: bool = False) -> int | None:
    value = parent.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _bad(f"{where}.{key}")
    return value


def _bad(key: str) -> InputError:
    return InputError(Message("history.bad-document", key=key))


# --- opening --------------------------------------------------------------------------------------


def _connect(path: str | Path, create: bool) -> sqlite3.Connection:
    """A connection in autocommit mode (we say BEGIN ourselves), to an SQLite file or a new one."""
    try:
        with open(path, "rb") as file:
            head = file.read(len(_HEADER))
    except FileNotFoundError:
        if not create:
            raise InputError(Message("history.missing"), path) from None
        head = b""
    except OSError as exc:
        raise InputError(Message("history.unusable", reason=str(exc.strerror or exc)), path) from None
    if head and head != _HEADER:  # sqlite3 would say "file is not a database" only at the first query
        raise InputError(Message("history.not-sqlite"), path)
    uri = Path(path).resolve().as_uri() + ("?mode=rwc" if create else "?mode=rw")
    try:
        return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10)
    except sqlite3.Error as exc:
        raise _unusable(exc, path) from None


def _version(db: sqlite3.Connection, path: str | Path) -> int:
    """The schema version of an osscheck history (0: an empty file), or the error why it is not one."""
    application = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if application == 0 and version == 0 and not db.execute("SELECT 1 FROM sqlite_master").fetchone():
        return 0
    if application != APPLICATION_ID:
        raise InputError(Message("history.foreign"), path)
    if version > SCHEMA_VERSION:
        raise InputError(Message("history.newer", found=version, known=SCHEMA_VERSION), path)
    return version


def _prepare(db: sqlite3.Connection, path: str | Path) -> None:
    """Create or migrate the schema, inside the caller's transaction."""
    version = _version(db, path)
    if version == 0:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for statements in MIGRATIONS[version:]:
        for statement in statements:
            db.execute(statement)
    if version < SCHEMA_VERSION:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _reader(path: str | Path) -> sqlite3.Connection | None:
    """A connection to read from, the schema migrated first; ``None`` for an empty file (no runs)."""
    db = _connect(path, create=False)
    try:
        version = _version(db, path)
        if version == 0:
            db.close()
            return None  # what a first run that failed leaves: nothing recorded, nothing to write
        if version < SCHEMA_VERSION:
            db.execute("BEGIN IMMEDIATE")
            try:
                _prepare(db, path)  # again under the lock: another process may have migrated it
                db.execute("COMMIT")
            except BaseException:
                db.rollback()
                raise
        return db
    except sqlite3.Error as exc:
        db.close()
        raise _unusable(exc, path) from None
    except BaseException:
        db.close()
        raise


def _unusable(exc: sqlite3.Error, path: str | Path) -> InputError:
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in str(exc):
        return InputError(Message("history.not-sqlite"), path)
    return InputError(Message("history.unusable", reason=str(exc)), path)


def _query(path: str | Path, sql: str, args: tuple[object, ...] = ()) -> list[sqlite3.Row]:
    db = _reader(path)
    if db is None:
        return []
    with closing(db):
        db.row_factory = sqlite3.Row
        try:
            return db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise _unusable(exc, path) from None


# --- reading --------------------------------------------------------------------------------------


def runs(path: str | Path) -> list[dict[str, object]]:
    """Every run, oldest first (by date, then by the order they were recorded)."""
    rows = _query(path, f"SELECT {', '.join(RUN_KEYS)} FROM run ORDER BY date, id")
    return [{key: row[key] for key in RUN_KEYS} for row in rows]


def series(path: str | Path) -> dict[str, list[tuple[str, float]]]:
    """The trends by run date; of several runs on one day the last counts (one point per day)."""
    last: dict[str, dict[str, object]] = {}
    for run in runs(path):
        last[str(run["date"])] = run
    trends: dict[str, list[tuple[str, float]]] = {key: [] for key in SERIES_KEYS}
    for date, run in last.items():
        for key in SERIES_KEYS:
            value = run[key]
            if isinstance(value, (int, float)):  # no share without judged components: no point
                trends[key].append((date, float(value)))
    return trends


def compare(path: str | Path, run_id: int, earlier_id: int | None = None) -> dict[str, object]:
    """The changes of the totals from ``earlier_id`` (by default the run before) to ``run_id``."""
    columns = "id, date, " + ", ".join(CHANGE_KEYS)
    rows = _query(path, f"SELECT {columns} FROM run ORDER BY date, id")
    order = [row["id"] for row in rows]
    if run_id not in order:
        raise InputError(Message("history.unknown-run", run=run_id), path)
    if earlier_id is None:
        position = order.index(run_id)
        if position == 0:
            raise InputError(Message("history.no-earlier", run=run_id), path)
        earlier_id = order[position - 1]
    elif earlier_id not in order:
        raise InputError(Message("history.unknown-run", run=earlier_id), path)
    now, before = rows[order.index(run_id)], rows[order.index(earlier_id)]
    names = _query(
        path, "SELECT run, name FROM project WHERE run IN (?, ?) ORDER BY name", (run_id, earlier_id)
    )
    now_names = {row["name"] for row in names if row["run"] == run_id}
    before_names = {row["name"] for row in names if row["run"] == earlier_id}
    return {
        "run": {"id": run_id, "date": now["date"]},
        "earlier": {"id": earlier_id, "date": before["date"]},
        "changes": {key: _difference(now[key], before[key]) for key in CHANGE_KEYS},
        "added": sorted(now_names - before_names),
        "removed": sorted(before_names - now_names),
    }


_compare = compare  # command's parameter of that name hides it


def _difference(now: object, before: object) -> int | float | None:
    """``now - before``; ``None`` where either run did not record the figure."""
    if isinstance(now, int) and isinstance(before, int):
        return now - before
    if isinstance(now, (int, float)) and isinstance(before, (int, float)):
        return round(float(now) - float(before), 6)  # the same bytes for the same runs
    return None


# --- text -----------------------------------------------------------------------------------------

# one message for one and one for many of each figure (written out: the catalogue test reads them)
_WORDS: tuple[tuple[str, Callable[[str], Message], Callable[[str], Message]], ...] = (
    (
        "projects",
        lambda d: Message("history.projects.one", delta=d),
        lambda d: Message("history.projects.other", delta=d),
    ),
    (
        "checked",
        lambda d: Message("history.checked.one", delta=d),
        lambda d: Message("history.checked.other", delta=d),
    ),
    (
        "unjustified",
        lambda d: Message("history.unjustified.one", delta=d),
        lambda d: Message("history.unjustified.other", delta=d),
    ),
    (
        "violations",
        lambda d: Message("history.violations.one", delta=d),
        lambda d: Message("history.violations.other", delta=d),
    ),
    (
        "expired",
        lambda d: Message("history.expired.one", delta=d),
        lambda d: Message("history.expired.other", delta=d),
    ),
)


def compare_text(comparison: Mapping[str, object], lang: str = "en") -> str:
    """``since 2026-09-01: +3 projects, -12 unjustified components`` and the projects added and removed."""
    changes = comparison["changes"]
    earlier = comparison["earlier"]
    assert isinstance(changes, dict) and isinstance(earlier, dict)
    parts: list[str] = []
    for key, one, other in _WORDS:
        delta = changes.get(key)
        if isinstance(delta, int) and delta:
            parts.append(render((one if abs(delta) == 1 else other)(f"{delta:+d}"), lang))
        if key == "checked":  # the share after the projects, as the dashboard shows it
            share = changes.get("open_source_share")
            if isinstance(share, float) and round(share * 100, 1):
                parts.append(render(Message("history.share", delta=_decimal(share * 100, lang, "+")), lang))
    said = ", ".join(parts) if parts else render(Message("history.no-change"), lang)
    lines = [render(Message("history.since", date=earlier["date"], changes=said), lang)]
    for key, line in (
        ("added", lambda names: Message("history.added", names=names)),
        ("removed", lambda names: Message("history.removed", names=names)),
    ):
        names = comparison.get(key)
        if isinstance(names, list) and names:
            lines.append(render(line(", ".join(str(name) for name in names)), lang))
    return "\n".join(lines)


def _decimal(value: float, lang: str, sign: str = "") -> str:
    text = f"{value:{sign}.1f}"
    return text.replace(".", ",") if lang == "de" else text


def runs_text(listed: list[dict[str, object]], lang: str = "en") -> str:
    """The runs as a table with a heading line, or the sentence that there are none."""
    if not listed:
        return render(Message("history.no-runs"), lang)
    headings = ("Run", "Date", "Projects", "Checked", "Open source", "Unjustified", "Violations", "Expired")
    table = [[label(heading, lang) for heading in headings]]
    for run in listed:
        share = run["open_source_share"]
        shown = f"{_decimal(share * 100, lang)} %" if isinstance(share, (int, float)) else "-"
        table.append([str(run[key]) if key != "open_source_share" else shown for key in RUN_KEYS])
    widths = [max(len(row[i]) for row in table) for i in range(len(headings))]
    lines = []
    for number, row in enumerate(table):
        cells = [
            cell.ljust(width) if i == 1 or number == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def command(path: str | Path, compare: int | None = None, fmt: str = "text", lang: str | None = None) -> int:
    """``osscheck portfolio history FILE [--compare RUN] [-f text|json]``: print, exit code 0.

    Errors are raised (an :class:`InputError`); the command line shows them as one line, exit 2.
    """
    from osscheck import i18n, runner  # lazy: start-up
    from osscheck.reports import json_report  # lazy: start-up

    language = i18n.detect(lang)
    document: object
    if compare is None:
        listed = runs(path)
        document, text = {"runs": listed}, runs_text(listed, language)
    else:
        comparison = _compare(path, compare)
        document, text = comparison, compare_text(comparison, language)
    if fmt == "json":
        runner.write_output(json_report.dumps(document, large=False), None)
    else:
        runner.write_output(printable_lines(text) + "\n", None)  # project names are inputs
    return 0

"""``osscheck exception list``: the merged register, each entry with its id, file:line, what it covers,
its status and its expiry, as text, CSV (the inventory's cell rules) or JSON (``osscheck-exceptions/1``).
"""

from __future__ import annotations

import re
import sys

from osscheck.errors import UsageError, printable_lines
from osscheck.messages import Message, render
from osscheck.register import entries

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence
    from typing import Any

SCHEMA = "osscheck-exceptions/1"

COLUMNS: tuple[Message, ...] = (
    Message("register.column.id"),
    Message("register.column.file"),
    Message("register.column.line"),
    Message("register.column.covers"),
    Message("register.column.package"),
    Message("register.column.license"),
    Message("register.column.status"),
    Message("register.column.expires"),
    Message("register.column.expiry"),
    Message("register.column.justification"),
    Message("register.column.basis"),
    Message("register.column.requested-by"),
    Message("register.column.approved-by"),
    Message("register.column.decided-on"),
)


def command(
    registers: Sequence[str],
    expiring: str | None = None,
    expired: bool = False,
    pending: bool = False,
    fmt: str = "text",
    lang: str | None = None,
) -> int:
    from osscheck import i18n, runner

    runner.set_error_language(lang)
    language = i18n.detect(lang)
    window = _days(expiring) if expiring is not None else None
    urls: tuple[str, ...] = ()
    files = list(registers)
    if not files:
        sources = entries.project_sources()
        files, urls = list(sources.files), sources.urls
    if not files and not urls:
        raise UsageError(Message("register.no-register"))
    today = entries.today()
    listed = [e for e in entries.merged(files) if _wanted(e, today, window, expired, pending)]
    if fmt == "json":
        text = _json(listed, today)
    elif fmt == "csv":
        text = _csv(listed, today, language)
    else:
        text = _text(listed, today, language)
    print(text, end="")
    if urls:  # fail closed: what the list could not look at is not shown as an empty register
        for url in urls:
            print(runner.error_line(UsageError(Message("register.url-not-read", url=url))), file=sys.stderr)
        return 2
    return 0


def _days(given: str) -> int:
    m = re.fullmatch(r"\s*(\d+)\s*d?\s*", given)
    if not m:
        raise UsageError(Message("register.bad-window", value=given))
    return int(m.group(1))


def expiry(entry: entries.Entry, today: dt.date) -> str:
    """``expired``, ``expires`` or ``no-expiry``."""
    expires = entry.day("expires")
    if expires is None:
        return "no-expiry"
    return "expired" if expires < today else "expires"


def _wanted(entry: entries.Entry, today: dt.date, window: int | None, expired: bool, pending: bool) -> bool:
    """With no filter every entry; with filters, the entries any of them selects."""
    if window is None and not expired and not pending:
        return True
    expires = entry.day("expires")
    if expired and expires is not None and expires < today:
        return True
    if window is not None and expires is not None and 0 <= (expires - today).days <= window:
        return True
    return pending and entry.status == "requested"


def covers(entry: entries.Entry) -> Message:
    """What the entry covers, in the register's words (``pkg:npm/x 1.x under MIT``)."""
    from osscheck.policy.model import PolicyException

    return PolicyException(
        entry.text("justification") or "",
        package=entry.text("package"),
        version=entry.text("version"),
        license=entry.text("license"),
        name=entry.text("name"),
    ).describe()


def _state(entry: entries.Entry, today: dt.date) -> Message:
    expires = entry.day("expires")
    state = expiry(entry, today)
    if state == "expired":
        return Message("register.expiry.expired", date=str(expires))
    if state == "expires":
        return Message("register.expiry.expires", date=str(expires))
    return Message("register.expiry.none")


def _status(entry: entries.Entry) -> Message:
    if entry.status == "requested":
        return Message("register.status.requested")
    if entry.status == "rejected":
        return Message("register.status.rejected")
    return Message("register.status.approved")


def _text(listed: Sequence[entries.Entry], today: dt.date, lang: str) -> str:
    if not listed:
        return render(Message("register.none"), lang) + "\n"
    lines = []
    for e in listed:
        line = Message(
            "register.line",
            id=e.id or "-",
            where=e.where,
            what=covers(e),
            status=_status(e),
            expiry=_state(e, today),
        )
        lines.append(printable_lines(render(line, lang)))
    return "\n".join(lines) + "\n"


def _record(e: entries.Entry, today: dt.date) -> dict[str, Any]:
    def day(key: str) -> str | None:
        found = e.day(key)
        return found.isoformat() if found is not None else None

    expires = e.day("expires")
    scope = e.values.get("scope")
    return {
        "id": e.id,
        "file": e.source,
        "line": e.line,
        "covers": render(covers(e), "en"),
        "name": e.text("name"),
        "package": e.text("package"),
        "version": e.text("version"),
        "license": e.text("license"),
        "status": e.status,
        "pending": e.status == "requested",
        "expires": day("expires"),
        "expiry": expiry(e, today),
        "days-left": (expires - today).days if expires is not None else None,
        "justification": e.text("justification"),
        "basis": e.text("basis"),
        "alternatives": e.text("alternatives"),
        "exit-strategy": e.text("exit-strategy"),
        "exit-by": day("exit-by"),
        "requested-by": e.text("requested-by"),
        "approved-by": e.text("approved-by"),
        "decided-on": day("decided-on"),
        "reference": e.text("reference"),
        "scope": [s for s in scope if isinstance(s, str)] if isinstance(scope, list) else [],
    }


def _json(listed: Sequence[entries.Entry], today: dt.date) -> str:
    import json

    document = {
        "schema": SCHEMA,
        "date": today.isoformat(),
        "exceptions": [_record(e, today) for e in listed],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _csv(listed: Sequence[entries.Entry], today: dt.date, lang: str) -> str:
    import csv
    import io

    from osscheck.reports.csv_report import _cell  # the inventory's guard against formulas

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([render(column, lang) for column in COLUMNS])
    for e in listed:
        r = _record(e, today)
        cells = [
            r["id"],
            r["file"],
            r["line"],
            render(covers(e), lang),
            r["package"],
            r["license"],
            r["status"],
            r["expires"],
            r["expiry"],
            r["justification"],
            r["basis"],
            r["requested-by"],
            r["approved-by"],
            r["decided-on"],
        ]
        writer.writerow([_cell("" if c is None else str(c)) for c in cells])
    return out.getvalue()

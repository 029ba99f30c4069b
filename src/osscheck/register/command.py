"""``osscheck exception add`` and ``exception approve | reject``: a request written into a register
file, and the decision on it, each as a line-stable edit of that file.

``add`` appends one ``[[exceptions]]`` table with the next free id of the year (``2026-007``) and
``status = "requested"``; ``approve`` and ``reject`` set ``status``, ``approved-by`` (who decided)
and ``decided-on`` in that entry's table alone. Every edit is read back before it is written: what
does not parse as the intended register is refused, and the file stays as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from osscheck.errors import InputError, UsageError, printable_lines
from osscheck.messages import Message, render
from osscheck.register import entries, toml_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from osscheck.register.toml_text import Value


def add(
    purl: str,
    license: str,
    justification: str,
    basis: str,
    expires: str | None = None,
    alternatives: str | None = None,
    exit_strategy: str | None = None,
    exit_by: str | None = None,
    requested_by: str | None = None,
    reference: str | None = None,
    scope: Sequence[str] = (),
    register: str | None = None,
    lang: str | None = None,
) -> int:
    """Append a requested exception to the register file; say where it was written."""
    language = _language(lang)
    package, version = _package(purl)
    expression = _license(license)
    if not justification.strip():
        raise UsageError(Message("register.empty-justification"))
    if basis not in entries.BASES:
        raise UsageError(Message("register.bad-basis", basis=basis, known=", ".join(entries.BASES)))
    days = {
        option: _date(option, given) for option, given in (("--expires", expires), ("--exit-by", exit_by))
    }
    path = entries.target(register)
    # a register file the configuration names may not be there yet: the first request creates it
    new_ok = register is not None or path in entries.project_sources().registers
    current = entries.read(path, missing_ok=new_ok)
    known = [e.id for e in current.entries] + [e.id for e in _project_entries(path)]
    pairs: list[tuple[str, Value]] = [("id", next_id(known)), ("status", "requested"), ("package", package)]
    if version:
        pairs.append(("version", version))
    pairs += [("license", expression), ("basis", basis), ("justification", justification)]
    optional: list[tuple[str, Value | None]] = [
        ("alternatives", alternatives),
        ("exit-strategy", exit_strategy),
        ("exit-by", days["--exit-by"]),
        ("requested-by", requested_by),
        ("reference", reference),
        ("expires", days["--expires"]),
        ("scope", list(scope) if scope else None),
    ]
    pairs += [(k, v) for k, v in optional if v is not None]
    text, line = toml_text.appended(current.text, pairs)
    toml_text.checked(path, current.data, text, len(current.entries), dict(pairs))
    _write(path, text)
    from osscheck.policy.model import PolicyException

    what = PolicyException(justification, package=package, version=version, license=expression).describe()
    _say(Message("register.added", where=f"{path}:{line}", id=pairs[0][1], what=what), language)
    return 0


def decide(
    address: str,
    by: str,
    status: str,
    on: str | None = None,
    register: str | None = None,
    lang: str | None = None,
) -> int:
    """Approve or reject the requested exception ``address`` (its id, or FILE:LINE)."""
    language = _language(lang)
    who = by.strip()
    if not who:
        raise UsageError(Message("register.empty-who"))
    day = _date("--on", on) or entries.today()
    sources = entries.project_sources() if register is None else None
    files = [register] if register is not None else list(sources.files if sources else ())
    if not files:
        raise UsageError(Message("register.no-register"))
    found = [e for e in entries.merged(files) if address in (e.id, e.where)]
    if not found:
        raise UsageError(Message("register.unknown-id", id=address))
    if len(found) > 1:
        raise UsageError(Message("register.id-twice", id=address, where=", ".join(e.where for e in found)))
    entry = found[0]
    if entry.status != "requested":
        raise UsageError(
            Message("register.already-decided", id=address, status=entry.status), entry.source, entry.line
        )
    requester = entry.text("requested-by")
    if requester and same_person(requester, who) and _separate_approver(entry.source, sources):
        raise UsageError(Message("register.same-approver", who=who, id=address), entry.source, entry.line)
    current = entries.read(entry.source)
    changes: list[tuple[str, Value]] = [("status", status), ("approved-by", who), ("decided-on", day)]
    text = toml_text.with_keys(current.text, entry.index, changes)
    toml_text.checked(entry.source, current.data, text, entry.index, dict(changes))
    _write(entry.source, text)
    said = {"who": who, "where": entry.where, "id": address, "date": day.isoformat()}
    done = (
        Message("register.approved", **said) if status == "approved" else Message("register.rejected", **said)
    )
    _say(done, language)
    return 0


def next_id(known: Sequence[str | None], year: int | None = None) -> str:
    """``YYYY-NNN``: one more than the highest number of the year any entry has."""
    if year is None:
        from osscheck.reports._stamp import stamp_time

        year = stamp_time().year
    numbers = [int(m.group(1)) for i in known if i and (m := re.fullmatch(rf"{year}-(\d+)", i))]
    return f"{year}-{max(numbers, default=0) + 1:03d}"


def same_person(a: str, b: str) -> bool:
    """Names compared without case and spacing; ``Name <mail>`` matches the name or the mail."""
    return bool(_identities(a) & _identities(b))


def _identities(who: str) -> set[str]:
    found = {" ".join(who.casefold().split())}
    m = re.fullmatch(r"\s*(.*?)\s*<([^>]*)>\s*", who)
    if m:
        found |= {" ".join(m.group(1).casefold().split()), m.group(2).strip().casefold()} - {""}
    return found


def _separate_approver(source: str, sources: entries.Sources | None) -> bool:
    """``require-separate-approver = true`` in the entry's file or the project's policy (or one it extends).

    With --register too the project's policy is read: a rule it sets is not escaped by naming the file.
    """
    if sources is None:
        sources = entries.project_sources()
    files = [source] + [f for f in (sources.chain if sources else ()) if Path(f).exists()]
    for path in dict.fromkeys(files):
        section = entries.read(path).data.get("policy")
        if isinstance(section, dict) and section.get("require-separate-approver") is True:
            return True
    return False


def _project_entries(path: str) -> list[entries.Entry]:
    """The rest of the project's register, so that a new id is unique across the merged register."""
    try:
        sources = entries.project_sources()
    except (UsageError, InputError):
        return []  # the project's configuration is the check's to report; the file's own ids are known
    same = Path(path).resolve()
    return entries.merged([f for f in sources.files if Path(f).resolve() != same and Path(f).exists()])


def _package(purl: str) -> tuple[str, str | None]:
    """The purl without its version (and the version it named, kept as the entry's ``version``)."""
    from packageurl import PackageURL

    if not purl.startswith("pkg:"):
        raise UsageError(Message("register.not-purl", purl=purl, reason="it must start with pkg:"))
    try:
        parsed = PackageURL.from_string(purl)
    except ValueError as exc:
        raise UsageError(Message("register.not-purl", purl=purl, reason=str(exc))) from None
    bare = PackageURL(type=parsed.type, namespace=parsed.namespace, name=parsed.name).to_string()
    return bare, parsed.version


def _license(text: str) -> str:
    """The expression normalised; one that names nothing, or a licence not on the SPDX list, is refused."""
    from osscheck.errors import ExpressionError
    from osscheck.licenses.expression import parse

    try:
        parsed = parse(text)
    except ExpressionError as exc:
        raise UsageError(Message("register.bad-license", text=text, problem=exc.message)) from None
    if parsed.normalized is None:
        raise UsageError(Message("register.no-license", text=text))
    unlisted = [i for i in parsed.unknown if not i.startswith(("LicenseRef-", "DocumentRef-"))]
    if unlisted:
        raise UsageError(Message("register.unknown-license", ids=", ".join(unlisted)))
    return parsed.normalized


def _date(option: str, given: str | None) -> dt.date | None:
    if given is None:
        return None
    try:
        return dt.date.fromisoformat(given.strip())
    except ValueError:
        raise UsageError(Message("register.bad-date", option=option, value=given)) from None


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(Message("register.cannot-write", reason=str(exc.strerror or exc)), path) from None


def _language(lang: str | None) -> str:
    from osscheck import i18n, runner

    runner.set_error_language(lang)
    return i18n.detect(lang)


def _say(text: Message, lang: str) -> None:
    print(printable_lines(render(text, lang)))

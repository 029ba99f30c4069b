"""Register files: ``[[exceptions]]`` kept apart from the policy, beside it or at a pinned URL.

A policy (or ``[tool.osscheck]``) names them in ``registers = [...]``; they are merged in order
after the policy's own entries, each entry keeping its file and line. A URL register is pinned by
its SHA-256: it is fetched only with ``--online``, kept in the cache folder under its digest, and
refused when the digest differs. Without ``--online`` an uncached URL register is an error: the
check could not look at it, so it has not passed.
"""

from __future__ import annotations

from pathlib import Path

from osscheck.digest import sha256
from osscheck.errors import PolicyError
from osscheck.messages import Message
from osscheck.model import FrozenRecord
from osscheck.snapshot import Memo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from osscheck.policy.model import PolicyException
    from osscheck.toml_lines import TomlLines

#: the tables a register file may hold
REGISTER_TABLES = ("register", "exceptions")
#: a URL register larger than this is refused (a register is text written by people)
MAX_REGISTER_BYTES = 16 * 1024 * 1024
_HEX = frozenset("0123456789abcdef")


class Register(FrozenRecord):
    """One register as read: where it is (as shown), its bytes' digest and its entries."""

    def __init__(self, shown: str, digest: str, entries: tuple[PolicyException, ...]) -> None:
        self.shown = shown
        self.digest = digest
        self.entries = entries


def is_sha256(text: object) -> bool:
    return isinstance(text, str) and len(text) == 64 and set(text.lower()) <= _HEX


def read_all(
    refs: Any,
    base: Path,
    shown_base: str,
    where: tuple[str, int | None],
    online: bool,
) -> list[Register]:
    """The registers ``refs`` names (the value of ``registers``), in order.

    ``base``: the folder relative paths are read from; ``shown_base``: how that folder is shown
    (the policy's folder as the policy was named); ``where``: the ``registers`` key's file and line.
    """
    if not isinstance(refs, list):
        raise PolicyError(Message("policy.registers-not-list"), *where)
    out = []
    for ref in refs:
        if isinstance(ref, str) and ref.strip():
            out.append(_read_file(base / ref, _join(shown_base, ref)))
        elif isinstance(ref, dict) and set(ref) == {"url", "sha256"}:
            out.append(_read_url(ref["url"], ref["sha256"], where, online))
        else:
            raise PolicyError(Message("policy.register-entry", value=repr(ref)), *where)
    return out


def _join(shown_base: str, ref: str) -> str:
    if Path(ref).is_absolute() or shown_base in ("", "."):
        return ref
    return str(Path(shown_base) / ref)


def _read_file(path: Path, shown: str) -> Register:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PolicyError(Message("policy.cannot-read", reason=str(exc.strerror or exc)), shown) from None
    return parse(raw, shown)


def _read_url(url: Any, digest: Any, where: tuple[str, int | None], online: bool) -> Register:
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise PolicyError(Message("policy.register-url", value=repr(url)), *where)
    if not is_sha256(digest):
        raise PolicyError(Message("policy.register-sha256", url=url), *where)
    digest = digest.lower()
    from osscheck.cache_folder import default_cache_dir  # lazy: start-up

    kept = default_cache_dir() / "registers" / f"{digest}.toml"
    raw = _cached(kept, digest)
    if raw is None:
        if not online:
            raise PolicyError(Message("policy.register-not-cached", url=url), *where)
        raw = _fetch(url, where)
        found = sha256(raw)
        if found != digest:
            raise PolicyError(
                Message("policy.register-digest", url=url, expected=digest, found=found), *where
            )
        _keep(kept, raw)
    return parse(raw, url)


def _cached(path: Path, digest: str) -> bytes | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    return raw if sha256(raw) == digest else None  # a damaged copy is fetched again


def _fetch(url: str, where: tuple[str, int | None]) -> bytes:
    import urllib.request  # lazy: start-up (only a URL register needs it)

    try:
        with urllib.request.urlopen(url, timeout=30) as answer:  # http(s) only: checked above
            raw = answer.read(MAX_REGISTER_BYTES + 1)
    except (OSError, ValueError) as exc:
        raise PolicyError(Message("policy.register-fetch", url=url, reason=str(exc)), *where) from None
    if len(raw) > MAX_REGISTER_BYTES:
        raise PolicyError(Message("policy.register-too-large", url=url), *where)
    return raw


def _keep(path: Path, raw: bytes) -> None:
    """Into the cache, atomically; a cache that cannot be written only costs the next fetch."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
        os.replace(name, path)
    except OSError:
        pass


def parse(raw: bytes, shown: str) -> Register:
    """A register file's entries; errors at ``shown``:LINE.

    A register read before (the same bytes, shown the same way) is taken from the cache folder: a
    city's register of 10,000 entries takes longer to parse than a large SBOM takes to judge.
    """
    digest = sha256(raw)
    key = f"{digest} {shown}"
    kept = _KEPT.get(key)
    if isinstance(kept, list):
        try:
            return Register(shown, digest, tuple(_entry(e) for e in kept))
        except (KeyError, TypeError, ValueError):
            pass  # written by another version: read the file
    register = _parse(raw, shown, digest)
    _KEPT.put(key, [_kept(e) for e in register.entries])
    return register


def _kept(entry: PolicyException) -> dict[str, Any]:
    """The fields an entry sets (the others take their defaults again): small to keep and to read."""
    kept: dict[str, Any] = {}
    for field in entry._fields:
        value = getattr(entry, field)
        if value is None or value == () or (field == "status" and value == "approved"):
            continue
        kept[field] = value.isoformat() if field in _DATES else value
    return kept


def _entry(kept: dict[str, Any]) -> PolicyException:
    import datetime as dt  # lazy: start-up

    from osscheck.policy.model import PolicyException

    values = dict(kept)
    for field in _DATES:
        if field in values:
            values[field] = dt.date.fromisoformat(values[field])
    if "scope" in values:
        values["scope"] = tuple(values["scope"])
    if values.keys() - _defaults().keys() - {"justification"}:
        return PolicyException(**values)  # a field this version does not know: __init__ says so
    # set as __init__ would, without its frozen-field check per field: 10,000 entries a run
    entry = PolicyException.__new__(PolicyException)
    for field, default in _defaults().items():
        object.__setattr__(entry, field, values.get(field, default))
    return entry


def _defaults() -> dict[str, Any]:
    """PolicyException's fields with their defaults (``justification``, which has none: ``""``)."""
    if not _DEFAULTS:
        from osscheck.policy.model import PolicyException

        code = PolicyException.__init__.__code__
        names = code.co_varnames[1 : code.co_argcount]
        given = PolicyException.__init__.__defaults__ or ()
        _DEFAULTS.update(dict.fromkeys(names[: len(names) - len(given)], ""))
        _DEFAULTS.update(zip(names[len(names) - len(given) :], given, strict=True))
    return _DEFAULTS


_DEFAULTS: dict[str, Any] = {}


_DATES = ("expires", "exit_by", "decided_on")


def _sources() -> list[str | None]:
    from osscheck.policy import loader, model, schema  # lazy: start-up

    return [__file__, loader.__file__, model.__file__, schema.__file__]


def _parse(raw: bytes, shown: str, digest: str) -> Register:
    from osscheck.policy import loader  # lazy: the loader imports this module's caller
    from osscheck.toml_lines import TomlLines, parsed  # lazy: start-up

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyError(Message("policy.not-utf8"), shown) from None
    data = parsed(text, lambda t: loader._parse(t, shown))
    index: list[TomlLines] = []

    def lines() -> TomlLines:
        if not index:
            index.append(TomlLines(text))
        return index[0]

    def fail(message: Message, table: str, key: str | None = None, at: int = 0) -> PolicyError:
        return PolicyError(message, shown, loader._line(lines, table, key, at))

    for top in data:
        if top not in REGISTER_TABLES:
            known = ", ".join(REGISTER_TABLES)
            raise fail(Message("policy.unknown-table", key=repr(top), known=known), top, top)
    head = data.get("register", {})
    if not isinstance(head, dict) or any(k != "name" or not isinstance(v, str) for k, v in head.items()):
        raise fail(Message("policy.register-table"), "register")
    entries = data.get("exceptions", [])
    if not isinstance(entries, list):
        raise fail(Message("policy.exceptions-not-tables"), "exceptions")
    read: Callable[[Any, int], PolicyException] = lambda entry, at: loader._exception(  # noqa: E731
        entry, at, fail, lines, shown
    )
    return Register(shown, digest, tuple(read(entry, at) for at, entry in enumerate(entries)))


_KEPT = Memo("registers", _sources, limit=16)

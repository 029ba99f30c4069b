"""Data derived from files that rarely change, kept in the cache folder so that a short run stays short.

Deriving the licence catalogue and the OSADL matrix from their sources costs more than the rest
of a pre-commit run (the ScanCode index that license-expression ships is a megabyte of JSON; the
SPDX list is a module of 700 objects). So the results are written once, as compact JSON, stamped
with what they were made from (this module's format, osscheck's version, and each source file's
path, size and modification time), and made again whenever the stamp no longer matches: after an
upgrade of osscheck or of a library, or an edit of a source.

``Memo`` does the same for answers that accumulate: licence expressions parsed, declarations
recognised, purls split in earlier runs, so that a project's next pre-commit run loads neither
license-expression, the normaliser's tables nor packageurl for what it has seen before. Policies and
the configuration are not kept (toml_lines.parsed): nothing in a file proves it was made from a
given text, and a cache folder shared with merge-request jobs must not decide verdicts.

Every file is sealed (HMAC-SHA-256) with a key kept beside osscheck's own modules, not in the cache
folder: that folder may be shared with merge-request jobs (a CI cache), and a table or an answer
edited there must not decide a verdict. Whoever can change the key can change osscheck's code as
well. A file whose seal does not match is not used, and is made again. Without a place for the key
(a read-only installation and no configuration folder), nothing is kept.

Nothing depends on the folder being there: without a writable cache folder, or for data that is
not plain JSON, everything is derived on every run, as before.
``OSSCHECK_NO_SNAPSHOT=1`` forces that.
"""

from __future__ import annotations

import json
import os

from osscheck import __version__
from osscheck.cache_folder import default_cache_dir
from osscheck.digest import hmac_sha256, sha256

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

#: Raised when the shape of the stored tables changes, so that old files are not trusted.
FORMAT = 2
_SEAL = b"seal:"  # the first line of a file: its HMAC over the rest
_KEY_BYTES = 32


def load(name: str, sources: Sequence[str | None], build: Callable[[], dict]) -> dict:
    """The tables ``build()`` derives from ``sources``, from the cache folder when still current.

    ``build`` must return plain JSON data (dicts, lists, strings, numbers, booleans), so that a
    table read back from the folder is the same as a freshly built one. A source given as
    ``None`` (a file that could not be located) turns the snapshot off for this name.
    """
    stamp = _stamp(sources)
    path = _path(name) if stamp is not None else None
    if path is not None:
        stored = _current(path, stamp)
        if stored is not None:
            return stored
    data = build()
    if path is not None:
        _write(path, {"stamp": stamp, "data": data})
    return data


def _stamp(sources: Sequence[str | None]) -> list | None:
    if os.environ.get("OSSCHECK_NO_SNAPSHOT"):
        return None
    files = []
    for source in sources:
        if source is None:
            return None
        try:
            st = os.stat(source)
        except OSError:
            return None
        files.append([os.path.abspath(source), st.st_size, st.st_mtime_ns])
    return [FORMAT, __version__, files]


def _path(name: str) -> str | None:
    try:
        return os.path.join(default_cache_dir(), f"snapshot-{name}-{_installation()}.json")
    except RuntimeError:  # no home folder to put a cache folder in
        return None


def _installation() -> str:
    """A short name for this installation of osscheck.

    Two installations (pre-commit's and a project's virtual environment, say) share the user's
    cache folder; with one file each, neither makes the other's snapshots again on every run.
    """
    return sha256(os.path.dirname(os.path.abspath(__file__)).encode("utf-8", "surrogatepass"))[:12]


def _current(path: str, stamp: list | None) -> dict | None:
    """The data stored at ``path`` if this installation sealed it and it was made from what ``stamp``
    names, else ``None``."""
    key = _key()
    if key is None:
        return None
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except OSError:  # missing or unreadable: build again
        return None
    seal, _, body = raw.partition(b"\n")
    if not seal.startswith(_SEAL) or seal[len(_SEAL) :].decode("ascii", "replace") != hmac_sha256(key, body):
        return None  # written by someone else, edited, or cut short by a crash: build again
    try:
        stored = json.loads(body)
    except ValueError:
        return None
    if (
        not isinstance(stored, dict)
        or stored.get("stamp") != stamp
        or not isinstance(stored.get("data"), dict)
    ):
        return None
    return stored["data"]


def _write(path: str, document: dict) -> None:
    # written beside the target and renamed over it, so that a parallel run never reads half a file
    key = _key()
    if key is None:
        return
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        body = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as file:
            file.write(_SEAL + hmac_sha256(key, body).encode("ascii") + b"\n" + body)
        os.replace(temporary, path)
    except (OSError, TypeError, ValueError):  # read-only or full folder, or not plain JSON: only time
        from contextlib import suppress

        with suppress(OSError):
            os.unlink(temporary)


_keys: list[bytes | None] = []  # the key, once looked for


def _key() -> bytes | None:
    """This installation's sealing key: made once, beside osscheck's modules, else in the user's
    configuration folder; never in the cache folder. ``None`` where neither can hold it."""
    if not _keys:
        _keys.append(next(filter(None, map(_key_at, _key_places())), None))
    return _keys[0]


def _key_places() -> list[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return [
        os.path.join(here, ".snapshot-key"),
        os.path.join(config, "osscheck", f"snapshot-key-{_installation()}"),
    ]


def _key_at(path: str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            key: bytes | None = file.read(_KEY_BYTES + 1)
    except FileNotFoundError:
        key = _new_key(path)
    except OSError:
        return None
    return key if key is not None and len(key) == _KEY_BYTES else None  # half written by a parallel run


def _new_key(path: str) -> bytes | None:
    key = os.urandom(_KEY_BYTES)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # a parallel run made it first: this run keeps nothing
        return None
    except OSError:
        return None
    with os.fdopen(descriptor, "wb") as file:
        file.write(key)
    return key


class Memo:
    """Answers of a pure function of a string, kept across runs in the cache folder.

    For reading licence declarations: a project's pre-commit runs see the same few strings every
    time, and the parser behind the unusual ones (license-expression, with its symbol table) takes
    longer to load than the whole rest of a run. Stamped like a snapshot (``sources`` gives the
    files the answers depend on); new answers are written when the process ends, at most ``limit``
    of them, the oldest dropped first. Values must be plain JSON data.
    """

    def __init__(
        self,
        name: str,
        sources: Callable[[], Sequence[str | None]],
        limit: int = 4096,
        settings: Callable[[], list] | None = None,
    ) -> None:
        self.name = name
        self.sources = sources
        self.limit = limit
        # settings the answers depend on besides the files (a limit from the environment, say)
        self.settings = settings
        self._known: dict[str, object] | None = None  # read on the first look-up
        self._new: dict[str, object] = {}
        self._stamp: list | None = None
        self._path: str | None = None

    def get(self, key: str) -> object | None:
        """The answer kept for ``key``, or ``None``."""
        if self._known is None:
            self._open()
        return self._new.get(key, self._known.get(key))  # type: ignore[union-attr]

    def put(self, key: str, value: object) -> None:
        if self._known is None:
            self._open()
        if self._path is None:
            return
        if not self._new:
            import atexit

            atexit.register(self.save)
        self._new[key] = value

    def save(self) -> None:
        """Write the new answers (merged with what other runs wrote meanwhile)."""
        if not self._new or self._path is None:
            return
        known = _current(self._path, self._stamp) or {}
        for key, value in self._new.items():
            known.pop(key, None)
            known[key] = value  # the newest last
        if len(known) > self.limit:
            known = dict(list(known.items())[-self.limit :])
        self._new = {}
        _write(self._path, {"stamp": self._stamp, "data": known})

    def _open(self) -> None:
        self._known = {}
        self._stamp = _stamp(self.sources())
        if self._stamp is None:
            return
        if self.settings is not None:
            self._stamp.append(self.settings())
        self._path = _path(f"memo-{self.name}")
        if self._path is None:
            return
        self._known = _current(self._path, self._stamp) or {}

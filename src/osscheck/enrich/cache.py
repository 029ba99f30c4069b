"""The one HTTP session of a run, behind a persistent SQLite cache (requests-cache).

Online, answers are cached for ``cache_days``; an expired answer is used again if the service
fails. Offline, the session answers from the cache alone (a miss is a 504 from requests-cache) and
cannot open a connection at all: its transport adapters refuse every request.
"""

from __future__ import annotations

from pathlib import Path

from osscheck import __version__
from osscheck.cache_folder import HTTP_CACHE_NAME as CACHE_NAME
from osscheck.errors import CacheError, UsageError
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    import requests
    from requests.adapters import BaseAdapter

    from osscheck.enrich.settings import Settings

USER_AGENT = f"osscheck/{__version__} (licence compliance; +https://opencode.de/osscheck)"


def require_libraries() -> None:
    """Fail with the install hint unless requests and requests-cache are installed (not importing them)."""
    import importlib.util
    import sys

    for name in ("requests", "requests_cache"):
        try:
            found = name not in sys.modules or sys.modules[name] is not None
            found = found and importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            raise UsageError(Message("usage.online-needs-libraries"))


def open_session(settings: Settings, online: bool) -> requests.Session | None:
    """A cached session, or ``None`` offline when there is no cache yet (every look-up is a miss)."""
    try:
        import requests_cache  # lazy: start-up
        from requests.adapters import HTTPAdapter  # lazy: start-up
    except ImportError:
        raise UsageError(Message("usage.online-needs-libraries")) from None
    path = settings.cache_dir / CACHE_NAME
    if not online and not path.is_file():
        return None  # nothing cached, and offline must not create files
    if online:
        try:
            settings.cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            reason = str(exc.strerror or exc)
            raise UsageError(
                Message("cache.cannot-create-folder", reason=reason), settings.cache_dir
            ) from None
    import sqlite3  # lazy: start-up

    try:
        session = _cached_session(requests_cache, path, settings, online)
        session.cache.responses.get("-")  # type: ignore[attr-defined]  # opens the database: a damaged file shows here, not per look-up
    except (sqlite3.Error, OSError) as exc:
        raise CacheError(Message("cache.unusable", reason=str(exc)), path) from None
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
    adapter: BaseAdapter
    if online:
        # one pooled connection per worker thread; retries are ours (with Retry-After and a budget)
        adapter = HTTPAdapter(
            pool_connections=4, pool_maxsize=settings.concurrency, max_retries=0, pool_block=False
        )
    else:
        adapter = _no_network()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _cached_session(requests_cache, path: Path, settings: Settings, online: bool) -> requests.Session:  # type: ignore[no-untyped-def]
    import datetime as dt  # lazy: start-up

    return requests_cache.CachedSession(
        str(path),
        backend="sqlite",
        expire_after=dt.timedelta(days=settings.cache_days),
        allowable_codes=(200, 404),  # "no such package" is an answer too
        allowable_methods=("GET", "POST"),  # ClearlyDefined is asked in batches by POST
        stale_if_error=True,
        only_if_cached=not online,
        read_only=not online,
        # a cache may lose its last answers in a crash; an fsync per answer would cost ~10 ms each
        fast_save=True,
        wal=True,
    )


def _no_network() -> requests.adapters.BaseAdapter:
    import requests  # lazy: start-up
    from requests.adapters import BaseAdapter  # lazy: start-up

    class NoNetwork(BaseAdapter):
        """Offline: a request that gets past the cache is refused here, never sent."""

        def send(self, request, *args, **kwargs):  # type: ignore[no-untyped-def]
            raise requests.ConnectionError(f"offline: not sending {request.method} {request.url}")

        def close(self) -> None:
            pass

    return NoNetwork()

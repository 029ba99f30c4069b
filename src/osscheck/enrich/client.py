"""One look-up over HTTP: timeouts, retries with back-off that honour Retry-After, a time budget.

A source that fails several look-ups in a row (timeouts, 5xx, refused connections) is not asked
again in the same run: a service that is down costs a few timeouts, not one per component.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from osscheck.enrich.coordinates import Package
from osscheck.messages import Message

if TYPE_CHECKING:
    import requests

    from osscheck.enrich.settings import Settings

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
NOT_ASKED = "lookup.not-asked"  # the code of the failure of a call the breaker held back
MAX_RETRY_AFTER = 120.0  # seconds; a longer Retry-After is not waited for


@dataclass(frozen=True)
class Call:
    """One request of a source, answering for one or more packages."""

    source: str
    url: str
    packages: tuple[Package, ...]
    body: Any = None  # a JSON body makes it a POST

    @property
    def method(self) -> str:
        return "GET" if self.body is None else "POST"


@dataclass(frozen=True)
class Fetched:
    status: int | None = None
    data: Any = None  # the JSON answer of a 200
    failure: Message | None = None  # why there is no usable answer
    transport: bool = False  # the service failed (not: it answered "no such package")


@dataclass
class _Breaker:
    failures: int = 0
    last: Message | str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)


class Client:
    def __init__(self, session: requests.Session | None, settings: Settings, online: bool) -> None:
        self.session = session
        self.settings = settings
        self.online = online
        self._breakers: dict[str, _Breaker] = {s: _Breaker() for s in settings.urls}
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        """Stop retrying and waiting (Ctrl-C): a request in flight still ends at its timeout."""
        self._cancelled.set()

    def fetch(self, call: Call) -> Fetched:
        if self.session is None:
            return Fetched(failure=Message("lookup.not-in-cache"))
        if self._cancelled.is_set():
            return Fetched(failure=Message("lookup.cancelled"))
        breaker = self._breakers[call.source]
        if breaker.failures >= self.settings.breaker:
            return Fetched(
                failure=Message(
                    "lookup.not-asked", source=call.source, count=breaker.failures, last=breaker.last
                ),
                transport=True,
            )
        result = self._fetch(call)
        with breaker.lock:
            if result.transport:
                breaker.failures += 1
                breaker.last = result.failure or ""
            else:
                breaker.failures = 0
        return result

    def _fetch(self, call: Call) -> Fetched:
        import requests  # lazy: start-up

        assert self.session is not None
        s = self.settings
        deadline = time.monotonic() + s.budget
        attempt = 0
        while True:
            wait: float | None = None
            try:
                response = self.session.request(
                    call.method,
                    call.url,
                    json=call.body,
                    timeout=(s.connect_timeout, s.read_timeout),
                )
            except requests.Timeout as exc:
                if isinstance(exc, requests.ConnectTimeout):
                    timeout = Message("lookup.timeout-connect", limit=f"{s.connect_timeout:g}")
                else:
                    timeout = Message("lookup.timeout-read", limit=f"{s.read_timeout:g}")
                failure = Fetched(failure=timeout, transport=True)
            except requests.ConnectionError as exc:
                reason = _connection_reason(exc)
                if not self.online:
                    return Fetched(failure=Message("lookup.not-in-cache"))
                failure = Fetched(failure=reason, transport=True)
                if reason.code == "lookup.connection-refused":
                    return failure  # nothing listens there; waiting will not change that soon
            except requests.RequestException as exc:
                return Fetched(
                    failure=Message("lookup.request-failed", error=type(exc).__name__), transport=True
                )
            else:
                with response:
                    fetched = self._answer(response)
                if fetched.status not in _RETRY_STATUS or not self.online:
                    return fetched
                failure = fetched
                wait = _retry_after(response.headers.get("Retry-After"))
            if attempt >= s.retries:
                return _after(failure, attempt)
            if wait is None:
                wait = s.backoff * (2**attempt)
            if wait > MAX_RETRY_AFTER or time.monotonic() + wait > deadline:
                return Fetched(
                    failure.status,
                    failure=Message("lookup.beyond-budget", failure=failure.failure, wait=f"{wait:g}"),
                    transport=True,
                )
            if self._cancelled.wait(wait):
                cancelled = Message("lookup.then-cancelled", failure=failure.failure)
                return Fetched(failure.status, failure=cancelled, transport=True)
            attempt += 1

    def _answer(self, response: requests.Response) -> Fetched:
        code = response.status_code
        if code == 200:
            try:
                return Fetched(200, response.json())
            except ValueError:
                return Fetched(200, failure=Message("lookup.not-json"), transport=True)
        if code == 504 and not self.online:
            return Fetched(failure=Message("lookup.not-in-cache"))  # requests-cache's answer to a miss
        reason = f"{code} {response.reason}".strip() if response.reason else str(code)
        if code == 404:
            return Fetched(404, failure=Message("lookup.not-found", status=reason))
        return Fetched(code, failure=Message("lookup.http-status", status=reason), transport=True)


def _after(failure: Fetched, attempt: int) -> Fetched:
    if attempt == 0:
        return failure
    after = Message("lookup.after-attempts", failure=failure.failure, attempts=attempt + 1)
    return Fetched(failure.status, failure=after, transport=True)


def _connection_reason(exc: Exception) -> Message:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ConnectionRefusedError):
            return Message("lookup.connection-refused")
        name = type(current).__name__
        if name == "NameResolutionError" or "Name or service not known" in str(current):
            return Message("lookup.host-not-found")
        if name in ("SSLError", "SSLCertVerificationError"):
            return Message("lookup.tls-error")
        current = current.__cause__ or current.__context__ or _first_arg(current)
    text = str(exc)
    if "refused" in text.lower():
        return Message("lookup.connection-refused")
    return Message("lookup.connection-failed")


def _first_arg(exc: BaseException) -> BaseException | None:
    # requests wraps urllib3's MaxRetryError in args, not as __cause__
    for arg in exc.args:
        if isinstance(arg, BaseException):
            return arg
        reason = getattr(arg, "reason", None)
        if isinstance(reason, BaseException):
            return reason
    reason = getattr(exc, "reason", None)
    return reason if isinstance(reason, BaseException) else None


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), if it says."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    from email.utils import parsedate_to_datetime  # lazy: start-up

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    import datetime as dt  # lazy: start-up

    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())

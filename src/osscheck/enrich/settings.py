"""Where and how enrichment looks licences up: sources, base URLs, timeouts, cache.

Precedence: environment (``OSSCHECK_DEPSDEV_URL`` ...; set per machine, e.g. a CI runner behind a
Nexus or Artifactory mirror) over the project configuration (``[tool.osscheck]``) over defaults.
"""

from __future__ import annotations

import os
from pathlib import Path

from osscheck.cache_folder import default_cache_dir
from osscheck.errors import UsageError
from osscheck.messages import Message
from osscheck.model import FrozenRecord

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from osscheck.config import Config

#: source name -> (configuration key, environment variable, public default)
SOURCES: dict[str, tuple[str, str, str]] = {
    "deps.dev": ("depsdev-url", "OSSCHECK_DEPSDEV_URL", "https://api.deps.dev"),
    "clearlydefined": ("clearlydefined-url", "OSSCHECK_CLEARLYDEFINED_URL", "https://api.clearlydefined.io"),
    "pypi": ("pypi-url", "OSSCHECK_PYPI_URL", "https://pypi.org"),
    "npm": ("npm-url", "OSSCHECK_NPM_URL", "https://registry.npmjs.org"),
}
# deps.dev covers every ecosystem in one request per package; the registries answer for their own
# packages; ClearlyDefined (curated, batched) last
DEFAULT_ORDER = ("deps.dev", "pypi", "npm", "clearlydefined")


class Settings(FrozenRecord):
    """Immutable; ``urls`` defaults to the public services, ``cache_dir`` to :func:`default_cache_dir`.

    ``replace(**changes)`` makes a changed copy.
    """

    def __init__(
        self,
        sources: tuple[str, ...] = DEFAULT_ORDER,
        urls: Mapping[str, str] | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 0.5,
        budget: float = 60.0,
        breaker: int = 8,
        concurrency: int = 16,
        cache_dir: Path | None = None,
        cache_days: float = 7.0,
    ) -> None:
        self.sources = sources
        self.urls = {k: v[2] for k, v in SOURCES.items()} if urls is None else urls
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        # further attempts after a 429, a 5xx, a timeout or a dropped connection
        self.retries = retries
        self.backoff = backoff  # first wait between attempts, doubled each time
        self.budget = budget  # most seconds one look-up may take, waits included
        # a source failing this many look-ups in a row is not asked again in this run
        self.breaker = breaker
        self.concurrency = concurrency
        self.cache_dir = default_cache_dir() if cache_dir is None else cache_dir
        self.cache_days = cache_days

    @classmethod
    def load(cls, config: Config | None = None, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        where = config.source if config is not None else None
        values: dict[str, Any] = {}
        sources = getattr(config, "sources", None)
        if sources is not None:
            unknown = [s for s in sources if s not in SOURCES]
            if unknown or not all(isinstance(s, str) for s in sources):
                source = repr(unknown[0] if unknown else sources)
                raise UsageError(
                    Message("config.unknown-source", source=source, known=", ".join(SOURCES)), where
                )
            values["sources"] = tuple(dict.fromkeys(sources))
        urls = {}
        for name, (key, variable, default) in SOURCES.items():
            url = env.get(variable) or getattr(config, key.replace("-", "_"), None) or default
            if not url.startswith(("http://", "https://")):
                name = variable if env.get(variable) else key
                raise UsageError(Message("config.not-http-url", name=name, url=repr(url)))
            urls[name] = url.rstrip("/")
        values["urls"] = urls
        for key, attr, minimum in (
            ("timeout", "read_timeout", 0.001),
            ("connect-timeout", "connect_timeout", 0.001),
            ("cache-days", "cache_days", 0.0),
            ("concurrency", "concurrency", 1),
            ("retries", "retries", 0),
        ):
            value = getattr(config, key.replace("-", "_"), None)
            if value is None:
                continue
            if isinstance(value, bool) or value < minimum:
                raise UsageError(Message("config.number-too-small", key=key, minimum=minimum), where)
            values[attr] = int(value) if attr in ("concurrency", "retries") else float(value)
        values["cache_dir"] = default_cache_dir(env)
        return cls(**values)

    def url(self, source: str) -> str:
        return self.urls[source]

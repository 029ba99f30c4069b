"""The cache folder and the names of what is kept in it.

Below both of its users: :mod:`osscheck.snapshot` keeps derived licence data and earlier answers
there on every run, :mod:`osscheck.enrich` its look-up cache. Here, so that a pre-commit run
finds the folder without loading the enrichment modules.
"""

from __future__ import annotations

import os
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

#: the look-up cache of enrichment (SQLite, requests-cache) in the cache folder
HTTP_CACHE_NAME = "http-cache.sqlite"


def default_cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``OSSCHECK_CACHE_DIR``, else the user cache directory (XDG_CACHE_HOME, ~/.cache, %LOCALAPPDATA%)."""
    env = os.environ if environ is None else environ
    if env.get("OSSCHECK_CACHE_DIR"):
        return Path(env["OSSCHECK_CACHE_DIR"])
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]) / "osscheck"
    if os.name == "nt" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "osscheck" / "Cache"
    return Path.home() / ".cache" / "osscheck"

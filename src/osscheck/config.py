"""Project configuration: ``[tool.osscheck]`` in pyproject.toml, or ``.osscheck.toml``.

Command-line options override it; it overrides the built-in defaults.
"""

from __future__ import annotations

import sys
from pathlib import Path

from osscheck.errors import UsageError
from osscheck.model import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_KEYS = {
    "policy": str,
    "outbound": str,
    "fail-on": str,
    "include-dev": bool,
    "exclude": list,
    "online": bool,
    "lang": str,
    # the dependency groups that are for development (readers.pyproject.DEV_GROUPS when not set)
    "dev-groups": list,
    # enrichment (osscheck.enrich.settings checks the values)
    "sources": list,
    "depsdev-url": str,
    "clearlydefined-url": str,
    "pypi-url": str,
    "npm-url": str,
    "timeout": (int, float),
    "connect-timeout": (int, float),
    "cache-days": (int, float),
    "concurrency": int,
    "retries": int,
}


class Config(Record):
    """One project's configuration; ``None`` where it leaves a setting to the command line or defaults.

    ``source`` is the file it was read from, ``base`` the project folder.
    """

    _fields = (
        "policy",
        "outbound",
        "fail_on",
        "include_dev",
        "exclude",
        "online",
        "lang",
        "dev_groups",
        "sources",
        "depsdev_url",
        "clearlydefined_url",
        "pypi_url",
        "npm_url",
        "timeout",
        "connect_timeout",
        "cache_days",
        "concurrency",
        "retries",
        "source",
        "base",
    )
    __slots__ = _fields

    def __init__(
        self,
        policy: str | None = None,
        outbound: str | None = None,
        fail_on: str | None = None,
        include_dev: bool | None = None,
        exclude: list[str] | None = None,
        online: bool | None = None,
        lang: str | None = None,
        dev_groups: list[str] | None = None,
        sources: list[str] | None = None,
        depsdev_url: str | None = None,
        clearlydefined_url: str | None = None,
        pypi_url: str | None = None,
        npm_url: str | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        cache_days: float | None = None,
        concurrency: int | None = None,
        retries: int | None = None,
        source: str | None = None,
        base: Path | None = None,
    ) -> None:
        self.policy = policy
        self.outbound = outbound
        self.fail_on = fail_on
        self.include_dev = include_dev
        self.exclude = [] if exclude is None else exclude
        self.online = online
        self.lang = lang
        self.dev_groups = dev_groups
        self.sources = sources
        self.depsdev_url = depsdev_url
        self.clearlydefined_url = clearlydefined_url
        self.pypi_url = pypi_url
        self.npm_url = npm_url
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.cache_days = cache_days
        self.concurrency = concurrency
        self.retries = retries
        self.source = source
        self.base = base


def find_config(start: Path) -> Config:
    """The configuration of the project at ``start`` (a folder), or an empty one."""
    dotfile = start / ".osscheck.toml"
    if dotfile.is_file():
        return _load(dotfile, _read(dotfile), start)
    pyproject = start / "pyproject.toml"
    if pyproject.is_file():
        try:
            text = pyproject.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return Config()  # an unreadable pyproject.toml is the pyproject reader's to report
        if "osscheck" not in text:
            return Config()  # no [tool.osscheck]: not worth loading a TOML parser for
        try:
            data = _parse(pyproject, text)
        except UsageError:
            return Config()  # a broken pyproject.toml is the pyproject reader's to report
        section = data.get("tool", {}).get("osscheck") if isinstance(data.get("tool"), dict) else None
        if isinstance(section, dict):
            return _load(pyproject, {"osscheck": section}, start)
    return Config()


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the configuration: {exc}", path) from None
    return _parse(path, text)


def _parse(path: Path, text: str) -> dict[str, Any]:
    from osscheck.toml_lines import parsed

    return parsed(text, lambda t: _parse_now(path, t))  # or an earlier run's parse of the same text


def _parse_now(path: Path, text: str) -> dict[str, Any]:
    # imported here: tomllib imports typing, which a project without a TOML file never needs
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"cannot read the configuration: {exc}", path) from None


def _load(path: Path, data: dict[str, Any], base: Path) -> Config:
    section = data.get("osscheck", data)
    config = Config(source=str(path), base=base)
    for key, value in section.items():
        kind = _KEYS.get(key)
        if kind is None:
            raise UsageError(
                f"unknown key {key!r} in the osscheck configuration (known: {', '.join(_KEYS)})", path
            )
        names = key != "dev-groups" or not isinstance(value, list) or all(isinstance(v, str) for v in value)
        if not isinstance(value, kind) or not names:
            raise UsageError(f"osscheck configuration: {key} has the wrong type", path)
        setattr(config, key.replace("-", "_"), value)
    if config.policy and (base / config.policy).is_file():
        config.policy = str(base / config.policy)  # a policy file named relative to the project
    return config

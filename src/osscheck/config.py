"""Project configuration: ``[tool.osscheck]`` in pyproject.toml, or ``.osscheck.toml``.

Command-line options override it; it overrides the built-in defaults. Its keys, their types and
choices are the option table's (options.CONFIG); a wrong one is an error at its FILE:LINE.
"""

from __future__ import annotations

from pathlib import Path

from osscheck.errors import InputError, UsageError
from osscheck.messages import Message
from osscheck.model import Record
from osscheck.options import CHOICE, CONFIG, FLAG, INTEGER, LIST, NUMBER, STRINGS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from osscheck.options import Option

# the Python types a key's kind takes (a FLAG is a TOML boolean, every other kind a string)
_TYPES: dict[str, type | tuple[type, ...]] = {
    FLAG: bool,
    STRINGS: list,
    LIST: list,
    NUMBER: (int, float),
    INTEGER: int,
}


class Config(Record):
    """One project's configuration; ``None`` where it leaves a setting to the command line or defaults.

    ``source`` is the file it was read from, ``base`` the project folder.
    """

    # the keys of the option table (options.CONFIG), then where the configuration was found
    _fields = (*(o.name for o in CONFIG.values()), "source", "base", "lines")

    def __init__(
        self,
        policy: str | None = None,
        outbound: str | None = None,
        fail_on: str | None = None,
        baseline: str | None = None,
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
        drift: str | None = None,
        registers: list | None = None,
        reuse: bool | None = None,
        reuse_headers: bool | None = None,
        source: str | None = None,
        base: Path | None = None,
        lines: dict[str, int] | None = None,
    ) -> None:
        self.policy = policy
        self.outbound = outbound
        self.fail_on = fail_on
        self.baseline = baseline  # as written: relative to ``base``, the configuration's folder
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
        self.drift = drift  # the hook's licence drift check: warn | fail | off
        self.registers = registers  # register files, relative to ``base``; URLs pinned by sha256
        self.reuse = reuse  # run reuse lint --json where reuse is installed
        self.reuse_headers = reuse_headers  # scan SPDX-License-Identifier headers (None: folders only)
        self.source = source
        self.base = base
        # the line of each key in ``source``, for errors about its value
        self.lines: dict[str, int] = {} if lines is None else lines


def find_config(start: Path) -> Config:
    """The configuration of the project at ``start`` (a folder), or an empty one."""
    dotfile = start / ".osscheck.toml"
    if dotfile.is_file():
        text = _read(dotfile)
        data = _parse(dotfile, text)
        return _load(dotfile, data, start, ("osscheck",) if "osscheck" in data else (), text)
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
            return _load(pyproject, {"osscheck": section}, start, ("tool", "osscheck"), text)
    return Config()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(Message("config.cannot-read", reason=str(exc)), path) from None


def _parse(path: Path, text: str) -> dict[str, Any]:
    from osscheck.toml_lines import loads, parsed  # lazy: start-up

    try:
        return parsed(text, lambda t: loads(path, t))  # never an earlier run's parse (see parsed)
    except InputError as exc:  # the configuration is the command line's, so a usage error
        raise UsageError(exc.message, exc.path, exc.line) from None


def _load(path: Path, data: dict[str, Any], base: Path, table: tuple[str, ...], text: str) -> Config:
    from osscheck.toml_lines import TomlLines  # lazy: start-up

    section = data.get("osscheck", data)
    lines = TomlLines(text)
    config = Config(source=str(path), base=base)
    for key, value in section.items():
        option = CONFIG.get(key)
        line = lines.line(table, key)
        if option is None:
            raise UsageError(
                Message("config.unknown-key", key=repr(key), known=", ".join(CONFIG)), path, line
            )
        _check_value(option, value, path, line)
        setattr(config, option.name, value)
        if line is not None:
            config.lines[key] = line
    if config.policy and (base / config.policy).is_file():
        config.policy = str(base / config.policy)  # a policy file named relative to the project
    return config


def _check_value(option: Option, value: object, path: Path, line: int | None) -> None:
    """``UsageError`` at the key's line for a value of the wrong type, or not one of its choices."""
    kind = _TYPES.get(option.kind, str)
    strings = option.kind != STRINGS or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    if not isinstance(value, kind) or not strings:
        raise UsageError(Message("config.wrong-type", key=option.key), path, line)
    if option.kind == CHOICE and value not in option.choices:
        choices = ", ".join(option.choices)
        message = Message("config.not-a-choice", key=option.key, choices=choices, value=repr(value))
        raise UsageError(message, path, line)

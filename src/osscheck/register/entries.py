"""The entries of register files as the commands see them: read from the TOML text with tomllib, each
with its file and line, and the files a project's register is made of.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from osscheck.errors import InputError, UsageError
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from osscheck.config import Config

STATUSES = ("requested", "approved", "rejected")
BASES = ("technical", "financial", "organisational")
_DATES = ("expires", "exit-by", "decided-on")
_STRINGS = ("id", "status", "requested-by", "approved-by", "package", "name", "version", "license")


@dataclass(frozen=True)
class Entry:
    """One ``[[exceptions]]`` table: ``index`` is its place among the file's tables, ``line`` its header's."""

    source: str
    line: int | None
    index: int
    values: dict[str, Any] = field(hash=False)

    @property
    def id(self) -> str | None:
        return self.values.get("id")

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    @property
    def address(self) -> str:
        """How the register names the entry: its id, else FILE:LINE."""
        return self.id or self.where

    @property
    def status(self) -> str:
        return str(self.values.get("status", "approved"))  # today's entries, written before statuses

    def day(self, key: str) -> dt.date | None:
        return self.values.get(key)

    def text(self, key: str) -> str | None:
        found = self.values.get(key)
        return found if isinstance(found, str) else None


@dataclass(frozen=True)
class RegisterFile:
    path: str
    text: str
    data: dict[str, Any]
    entries: tuple[Entry, ...]


def read(path: str | Path, missing_ok: bool = False) -> RegisterFile:
    """A register (or policy) file's entries; ``missing_ok``: a file not there yet is an empty register."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        if missing_ok:
            return RegisterFile(shown, "", {}, ())
        raise UsageError(Message("register.cannot-read", reason="no such file"), shown) from None
    except OSError as exc:
        raise UsageError(Message("register.cannot-read", reason=str(exc.strerror or exc)), shown) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(Message("register.not-utf8"), shown) from None
    from osscheck.toml_lines import TomlLines, loads

    data = loads(shown, text)
    tables = data.get("exceptions", [])
    lines = TomlLines(text)
    if not isinstance(tables, list):
        raise InputError(Message("policy.exceptions-not-tables"), shown, lines.line((), "exceptions"))
    entries = []
    for index, values in enumerate(tables):
        line = lines.entry_line(("exceptions",), index)
        if not isinstance(values, dict):
            raise InputError(Message("policy.exceptions-not-tables"), shown, lines.line((), "exceptions"))
        _check(values, shown, lambda key, i=index: lines.entry_line(("exceptions",), i, key))
        entries.append(Entry(shown, line, index, {k: _day(v) for k, v in values.items()}))
    return RegisterFile(shown, text, data, tuple(entries))


def _day(value: Any) -> Any:
    return value.date() if isinstance(value, dt.datetime) else value


def _check(values: dict[str, Any], path: str, line: Any) -> None:
    """The keys the commands rely on, of the type they need: anything else is the check's to judge."""
    for key in _STRINGS:
        if key in values and not isinstance(values[key], str):
            raise InputError(Message("register.not-a-string", key=key), path, line(key))
    for key in _DATES:
        if key in values and not isinstance(values[key], dt.date):
            raise InputError(Message("register.not-a-date", key=key), path, line(key))
    if values.get("status", "approved") not in STATUSES:
        status = values["status"]
        raise InputError(
            Message("register.bad-status", status=status, known=", ".join(STATUSES)), path, line("status")
        )


@dataclass(frozen=True)
class Sources:
    """Where a project's register is: its policy file (if not a shipped one) and its register files."""

    policy: str | None
    chain: tuple[str, ...]  # the policies it extends (files), each followed by its registers; itself
    registers: tuple[str, ...]  # the register files of the policy and of [tool.osscheck]
    urls: tuple[str, ...]  # registers at a URL: the commands do not read them

    @property
    def files(self) -> tuple[str, ...]:
        """Every file, in the order the check merges them."""
        return tuple(dict.fromkeys(self.chain + self.registers))


def project_sources(config: Config | None = None) -> Sources:
    """The policy file and register files named by the configuration of the current folder."""
    if config is None:
        from osscheck.config import find_config

        config = find_config(Path("."))
    base = config.base or Path(".")
    policy = _policy_file(config.policy, base)
    chain: list[str] = []
    registers: list[str] = []
    urls: list[str] = []
    if policy is not None:
        _policy_chain(policy, chain, urls, ())
        section = read(policy).data.get("policy")
        if isinstance(section, dict):
            _named(section.get("registers"), Path(policy).parent, registers, [])
    _named(getattr(config, "registers", None), base, registers, urls)  # [tool.osscheck] registers (R1)
    return Sources(policy, tuple(chain), tuple(dict.fromkeys(registers)), tuple(urls))


def _policy_chain(policy: str, files: list[str], urls: list[str], seen: tuple[str, ...]) -> None:
    """A policy's register in the loader's order: what it extends (a file), its own entries, its registers."""
    key = str(Path(policy).resolve())
    if key in seen:
        return  # a circle is the policy loader's to report
    section = read(policy).data.get("policy")
    section = section if isinstance(section, dict) else {}
    parent = section.get("extends")
    if isinstance(parent, str):
        found = _policy_file(parent, Path(policy).parent)
        if found is not None:
            _policy_chain(found, files, urls, (*seen, key))
    files.append(policy)
    _named(section.get("registers"), Path(policy).parent, files, urls)


def _policy_file(ref: str | None, base: Path) -> str | None:
    if not ref:
        return None
    from osscheck.policy.loader import builtin_names

    if ref in builtin_names():
        return None
    path = Path(ref)
    if not path.is_absolute() and not path.exists() and (base / path).exists():
        path = base / path
    return str(path)


def _named(listed: Any, base: Path, registers: list[str], urls: list[str]) -> None:
    for item in listed or ():
        if isinstance(item, str):
            path = Path(item)
            registers.append(str(base / path))
        elif isinstance(item, dict) and isinstance(item.get("url"), str):
            urls.append(item["url"])


def target(explicit: str | None, config: Config | None = None) -> str:
    """The file ``add`` writes to: --register, else the first register file, else the policy file."""
    if explicit:
        return explicit
    if config is None:
        from osscheck.config import find_config

        config = find_config(Path("."))
    sources = project_sources(config)
    if sources.registers:
        return sources.registers[0]
    if sources.policy:
        return sources.policy
    if config.policy:
        raise UsageError(Message("register.shipped-policy", policy=config.policy))
    raise UsageError(Message("register.no-register"))


def merged(files: Sequence[str]) -> list[Entry]:
    """The entries of ``files`` in order, as the check merges them."""
    return [entry for path in dict.fromkeys(files) for entry in read(path).entries]


def today() -> dt.date:
    from osscheck.reports._stamp import stamp_time  # SOURCE_DATE_EPOCH, else today (UTC)

    return stamp_time().date()

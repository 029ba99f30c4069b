"""The acceptance profiles: what a guideline requires of a delivered SBOM, loaded from data.

A profile is a TOML file in accept/profiles/ (shipped with the package), one table per version of
the guideline. ``bsi-tr-03183-2`` is its current version, ``bsi-tr-03183-2@2.1.0`` a named one.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from importlib.resources import files

from osscheck.errors import UsageError
from osscheck.messages import Message

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: the profile ``accept`` uses when none is named
DEFAULT_PROFILE = "bsi-tr-03183-2"
#: how binding a field is (see the profile files)
LEVELS = ("required", "additional", "optional", "prohibited")
SCOPES = ("document", "component")
#: the encodings a probe can be written for (the readers' format names)
ENCODINGS = ("cyclonedx-json", "cyclonedx-xml", "spdx3")


class Field:
    __slots__ = ("allowed", "id", "level", "name", "probes", "refused", "scope", "section")

    def __init__(self, raw: dict[str, Any]) -> None:
        self.id: str = raw["id"]
        self.name: str = raw["name"]
        self.scope: str = raw["scope"]
        self.level: str = raw["level"]
        self.section: str = raw.get("section", "")
        self.probes: dict[str, str] = {e: raw[e] for e in ENCODINGS if e in raw}
        self.allowed: tuple[str, ...] = tuple(raw.get("values", ()))
        self.refused: tuple[str, ...] = tuple(raw.get("not-values", ()))


class Format:
    __slots__ = ("encodings", "family", "minimum")

    def __init__(self, raw: dict[str, Any]) -> None:
        self.family: str = raw["family"]
        self.encodings: tuple[str, ...] = tuple(raw["encodings"])
        self.minimum: str = raw["minimum"]


class Profile:
    """One version of a guideline: the formats it accepts and the fields it asks for."""

    def __init__(self, id: str, title: str, version: str, table: dict[str, Any]) -> None:
        self.id = id
        self.title = title
        self.version = version
        published = table.get("published")
        self.published = published.isoformat() if isinstance(published, dt.date) else None
        self.source: str | None = table.get("source")
        self.formats = [Format(f) for f in table.get("formats", [])]
        self.fields = [Field(f) for f in table.get("fields", [])]

    @property
    def label(self) -> str:
        """``BSI TR-03183-2 2.1.0``: how records and messages name it."""
        return f"{self.title} {self.version}"

    @property
    def name(self) -> str:
        """``bsi-tr-03183-2@2.1.0``: the profile and its version, as records name it."""
        return f"{self.id}@{self.version}"

    def of(self, scope: str, level: str | None = None) -> list[Field]:
        return [f for f in self.fields if f.scope == scope and (level is None or f.level == level)]


def available() -> list[str]:
    """The names of the shipped profiles."""
    folder = files(__package__).joinpath("profiles")
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_profile(name: str | None = None) -> Profile:
    """The profile ``name`` (``ID`` or ``ID@VERSION``); a :class:`UsageError` for an unknown one."""
    ident, _, version = (name or DEFAULT_PROFILE).partition("@")
    return _load(ident, version or None)


@lru_cache(maxsize=8)
def _load(ident: str, version: str | None) -> Profile:
    known = available()
    if ident not in known:
        raise UsageError(Message("accept.unknown-profile", profile=ident, known=", ".join(known)))
    from osscheck.toml_lines import loads  # lazy: start-up

    where = f"osscheck/accept/profiles/{ident}.toml"
    text = files(__package__).joinpath("profiles").joinpath(f"{ident}.toml").read_text(encoding="utf-8")
    data = loads(where, text)
    head = data.get("profile", {})
    versions: dict[str, Any] = data.get("versions", {})
    chosen = version or head.get("current")
    if chosen not in versions:
        raise UsageError(
            Message(
                "accept.unknown-profile-version", profile=ident, version=chosen, known=", ".join(versions)
            )
        )
    profile = Profile(head.get("id", ident), head.get("title", ident), str(chosen), versions[chosen])
    _validate(profile)
    return profile


def _validate(profile: Profile) -> None:
    """A shipped profile that contradicts itself is a bug, found by the tests at once."""
    from osscheck.accept import probe

    for field in profile.fields:
        if field.level not in LEVELS or field.scope not in SCOPES:
            raise ValueError(f"profile {profile.name}: field {field.id}: bad level or scope")
        probe.check(field.probes)

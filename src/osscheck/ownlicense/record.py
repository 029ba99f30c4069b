"""One declaration of the project's own licence: where it is, what it says, what that is in SPDX."""

from __future__ import annotations

from osscheck.model import FrozenRecord

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from osscheck.model import Location

#: ``source`` of a LICENSE / LICENCE / COPYING file in the project's root
LICENSE_FILE = "license-file"
#: ``source`` of a REUSE licence text, ``LICENSES/<id>.txt``
REUSE_TEXT = "LICENSES"
#: the longest ``raw`` a report shows
_RAW_SHOWN = 80


class ProjectLicence(FrozenRecord):
    """``source``: the manifest's file name ("pyproject.toml"), "publiccode.yml", :data:`LICENSE_FILE`,
    :data:`REUSE_TEXT`, "REUSE.toml" or ".reuse/dep5"; ``license``: the SPDX expression it comes to,
    ``None`` when it cannot be told; ``raw``: what was written (a text's title, a file's name)."""

    def __init__(self, source: str, license: str | None, location: Location, raw: str) -> None:
        self.source = source
        self.license = license
        self.location = location
        self.raw = raw

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "license": self.license,
            "declared": short(self.raw),
            "location": self.location.to_dict(),
        }


def short(raw: str) -> str:
    """One line of at most 80 characters: a pasted licence text is not repeated in the report."""
    line = " ".join(raw.split())
    return line if len(line) <= _RAW_SHOWN else line[: _RAW_SHOWN - 3] + "..."

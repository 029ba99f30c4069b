"""The result of recognising one licence declaration, and the shortcuts around the normaliser.

Apart from normalize.py so that the common cases are recognised without loading the name, URL,
classifier and text tables (the pre-commit path): a clean SPDX id or expression, and any
declaration recognised in an earlier run (kept in the cache folder, see snapshot.Memo).
"""

from __future__ import annotations

import os

from osscheck.licenses.expression import leaf_license, leaves, try_parse
from osscheck.snapshot import Memo


class Normalized:
    """``license`` is ``None`` when the text does not say enough to tell safely.

    Immutable in practice: a hashable value compared by its fields.
    """

    __slots__ = ("confidence", "license", "method", "notes")

    def __init__(
        self, license: str | None, method: str, confidence: float, notes: tuple[str, ...] = ()
    ) -> None:
        self.license = license
        self.method = method
        self.confidence = confidence
        self.notes = notes

    def _fields(self) -> tuple[object, ...]:
        return (self.license, self.method, self.confidence, self.notes)

    def __repr__(self) -> str:
        return (
            f"Normalized(license={self.license!r}, method={self.method!r}, "
            f"confidence={self.confidence!r}, notes={self.notes!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Normalized:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())


def clean_spdx(text: str) -> Normalized | None:
    """The answer for text that is already a canonical SPDX expression, else ``None``."""
    stripped = text.strip()
    parsed = try_parse(stripped)
    if parsed is None or parsed.expression is None or parsed.notes or parsed.normalized != stripped:
        return None
    for leaf in leaves(parsed.expression):
        symbol = leaf_license(leaf)
        if not symbol.known and "LicenseRef-" not in symbol.key:
            return None  # not on the list: normalize() decides what it is
    return Normalized(stripped, "spdx", 1.0)


def _key(kind: str, text: str) -> str:
    # a pasted licence text is kept under its digest: the file would grow by kilobytes each
    if len(text) <= 200:
        return f"{kind}:{text}"
    from osscheck.digest import sha256

    return f"{kind}#sha256:{sha256(text.encode('utf-8', 'surrogatepass'))}"


def recognised(text: str, kind: str) -> Normalized:
    """``normalize.normalize(text, kind)``, from the answers of earlier runs where there is one."""
    key = _key(kind, text)
    kept = _RECOGNISED.get(key)
    if isinstance(kept, list) and len(kept) == 4:
        return Normalized(kept[0], kept[1], kept[2], tuple(kept[3]))
    from osscheck.licenses.normalize import normalize

    result = normalize(text, kind)
    _RECOGNISED.put(key, [result.license, result.method, result.confidence, list(result.notes)])
    return result


def family(text: str, kind: str) -> tuple[str, ...] | None:
    """``normalize.family_of(text, kind)``, from the answers of earlier runs where there is one."""
    key = _key(f"family-{kind}", text)
    kept = _RECOGNISED.get(key)
    if isinstance(kept, dict) and "family" in kept:
        return tuple(kept["family"]) if kept["family"] is not None else None
    from osscheck.licenses.normalize import family_of

    result = family_of(text, kind)
    _RECOGNISED.put(key, {"family": list(result) if result is not None else None})
    return result


def _sources() -> list[str | None]:
    from osscheck.licenses import catalog

    here = os.path.dirname(__file__)  # the normaliser and its tables
    return [
        *catalog.data_sources(),
        catalog.package_file("license_expression", "__init__.py"),
        *(os.path.join(here, name) for name in sorted(os.listdir(here)) if name.endswith(".py")),
    ]


def _settings() -> list:
    from osscheck.limits import max_expression_length

    return [max_expression_length()]  # a longer expression is not parsed, so not recognised


_RECOGNISED = Memo("declarations", _sources, limit=2048, settings=_settings)

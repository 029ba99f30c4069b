"""The shortcuts around the normaliser (the result, ``Normalized``, lives in recognition.py).

Apart from normalize.py so that the common cases are recognised without loading the name, URL,
classifier and text tables (the pre-commit path): a clean SPDX id or expression, and any
declaration recognised in an earlier run (kept in the cache folder, see snapshot.Memo).
"""

from __future__ import annotations

import os

from osscheck.digest import sha256
from osscheck.licenses.expression import decoded_notes, leaf_license, leaves, try_parse
from osscheck.licenses.recognition import Normalized
from osscheck.snapshot import Memo


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
    return f"{kind}#sha256:{sha256(text.encode('utf-8', 'surrogatepass'))}"


def recognised(text: str, kind: str) -> Normalized:
    """``normalize.normalize(text, kind)``, from the answers of earlier runs where there is one."""
    key = _key(kind, text)
    kept = _RECOGNISED.get(key)
    if isinstance(kept, list) and len(kept) == 4:
        notes = decoded_notes(kept[3])
        if notes is not None:  # else an older run's English notes, or damaged: recognised again
            return Normalized(kept[0], kept[1], kept[2], notes)
    from osscheck.licenses.normalize import normalize  # lazy: start-up (the name, URL and text tables)

    result = normalize(text, kind)
    notes_data = [note.to_data() for note in result.notes]  # messages as data, never English text
    _RECOGNISED.put(key, [result.license, result.method, result.confidence, notes_data])
    return result


def family(text: str, kind: str) -> tuple[str, ...] | None:
    """``normalize.family_of(text, kind)``, from the answers of earlier runs where there is one."""
    key = _key(f"family-{kind}", text)
    kept = _RECOGNISED.get(key)
    if isinstance(kept, dict) and "family" in kept:
        return tuple(kept["family"]) if kept["family"] is not None else None
    from osscheck.licenses.normalize import family_of  # lazy: start-up

    result = family_of(text, kind)
    _RECOGNISED.put(key, {"family": list(result) if result is not None else None})
    return result


def _sources() -> list[str | None]:
    from osscheck.licenses import catalog  # lazy: start-up (asked only when the memo is stamped)

    here = os.path.dirname(__file__)  # the normaliser and its tables
    return [
        *catalog.data_sources(),
        catalog.package_file("license_expression", "__init__.py"),
        *(os.path.join(here, name) for name in sorted(os.listdir(here)) if name.endswith(".py")),
    ]


def _settings() -> list:
    from osscheck.limits import max_expression_length  # lazy: start-up

    # a longer expression is not parsed, so not recognised
    return [max_expression_length(), _MEMO_FORMAT]


#: the shape of the kept answers: raised when it changes, so that an older file is not misread
#: (2: the notes are kept as their messages' data, Message.to_data, no longer as English text)
_MEMO_FORMAT = 2
_RECOGNISED = Memo("declarations", _sources, limit=2048, settings=_settings)

"""Lines of JSON text where ids are defined, for the SPDX 2 and SPDX 3 JSON readers.

Apart from both readers, so that the SPDX 3 reader does not import the SPDX 2 one, which imports it.
"""

from __future__ import annotations

import json
import re


def key_lines(text: str, *keys: str) -> dict[str, int]:
    """Line where each id is defined as ``"KEY": "id"`` in JSON text, found in one pass.

    An id is also written where it is used (documentDescribes, relationships), often before the
    element itself, so a plain search for the id finds the wrong line.
    """
    names = "|".join(map(re.escape, keys))
    pattern = re.compile(r'"(?:' + names + r')"\s*:\s*"((?:[^"\\]|\\.)*)"')
    out: dict[str, int] = {}
    line, offset = 1, 0
    for match in pattern.finditer(text):
        line += text.count("\n", offset, match.start())
        offset = match.start()
        out.setdefault(_unescape(match.group(1)), line)
    return out


def _unescape(raw: str) -> str:
    if "\\" not in raw:
        return raw
    try:
        return str(json.loads(f'"{raw}"'))
    except ValueError:
        return raw

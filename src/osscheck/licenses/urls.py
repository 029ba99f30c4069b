"""Licence URLs: the canonical pages of the SPDX list, OSI, GNU, Apache, Eclipse, Mozilla, Creative
Commons and a few well-known project pages, in all their http/https, www, trailing-slash and
.html/.txt/.php variants.

A URL says only what its page says: ``gnu.org/licenses/gpl.txt`` is "the current GPL", which has
been version 2 and version 3 at different times, so it names a family and stays unknown.
"""

from __future__ import annotations

import re
from collections import namedtuple

from osscheck.messages import Message


class UrlMatch(
    namedtuple(
        "UrlMatch",
        (
            "license",  # str | None: SPDX expression, or an id still to be checked (``id_like``)
            "confidence",  # float
            "id_like",  # bool: the path segment is meant to be an SPDX id: check it against the list
            "family",  # tuple[str, ...]
            "note",  # Message | None: why the URL reads as it does
        ),
        defaults=(False, (), None),
    )
):
    __slots__ = ()


_SCHEME_RE = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)
_EXT_RE = re.compile(r"\.(?:html?|txt|php|json|md|en\.html|xml)$", re.IGNORECASE)

# (host and path pattern on the normalised URL "host/path", result); first match wins
_GNU = r"(?:www\.)?gnu\.org/(?:licenses|copyleft)/(?:old-licenses/)?"
_PATTERNS: tuple[tuple[str, UrlMatch], ...] = (
    (r"spdx\.org/licenses/(?P<id>[A-Za-z0-9.+\-]+)", UrlMatch(None, 0.95, id_like=True)),
    (
        r"(?:www\.)?opensource\.org/licenses?/(?:bsd-license|bsd)",
        UrlMatch(None, 0.0, family=("BSD-", "0BSD")),
    ),
    (r"(?:www\.)?opensource\.org/licenses?/mit-license", UrlMatch("MIT", 0.9)),
    (r"(?:www\.)?opensource\.org/licenses?/apache2\.0", UrlMatch("Apache-2.0", 0.9)),
    (r"(?:www\.)?opensource\.org/licenses?/cddl1", UrlMatch("CDDL-1.0", 0.9)),
    (r"(?:www\.)?opensource\.org/licenses?/cpl1\.0", UrlMatch("CPL-1.0", 0.9)),
    (r"(?:www\.)?opensource\.org/licenses?/(?:eclipse-1\.0|epl-1\.0)", UrlMatch("EPL-1.0", 0.9)),
    (r"(?:www\.)?opensource\.org/licenses?/isc-license", UrlMatch("ISC", 0.9)),
    (r"(?:www\.)?opensource\.org/licenses?/zlib-license", UrlMatch("Zlib", 0.9)),
    (r"(?:www\.)?opensource\.org/licenses?/artistic-license-2\.0", UrlMatch("Artistic-2.0", 0.9)),
    (
        r"(?:www\.)?opensource\.org/licenses?/(?:gpl-license|lgpl-license)",
        UrlMatch(None, 0.0, family=("GPL-", "LGPL-")),
    ),
    (r"(?:www\.)?opensource\.org/licenses?/(?P<id>[A-Za-z0-9.+\-]+)", UrlMatch(None, 0.9, id_like=True)),
    (r"(?:www\.)?choosealicense\.com/licenses/(?P<id>[A-Za-z0-9.+\-]+)", UrlMatch(None, 0.9, id_like=True)),
    (r"(?:www\.)?apache\.org/licenses/LICENSE-2\.0", UrlMatch("Apache-2.0", 0.95)),
    (r"(?:www\.)?apache\.org/licenses/LICENSE-1\.1", UrlMatch("Apache-1.1", 0.95)),
    (r"(?:www\.)?apache\.org/licenses/LICENSE-1\.0", UrlMatch("Apache-1.0", 0.95)),
    (r"(?:www\.)?apache\.org/licenses", UrlMatch(None, 0.0, family=("Apache-",))),
    (_GNU + r"(?P<fam>agpl|lgpl|gpl|fdl)-(?P<ver>[123]\.[0-9])(?:-standalone)?", UrlMatch(None, 0.9)),
    (_GNU + r"(?P<fam>agpl|lgpl|gpl|fdl)(?:-howto)?", UrlMatch(None, 0.0)),
    (r"(?:www\.)?gnu\.org/software/classpath/license", UrlMatch(None, 0.0, family=("GPL-",))),
    (r"creativecommons\.org/licenses/(?P<fam>gpl|lgpl)/(?P<ver>[123]\.[0-9])", UrlMatch(None, 0.85)),
    (r"creativecommons\.org/publicdomain/zero/1\.0", UrlMatch("CC0-1.0", 0.95)),
    (
        r"creativecommons\.org/licenses/(?P<cc>by(?:-nc)?(?:-sa|-nd)?)/(?P<ver>[1-4]\.[0-9])(?:/(?P<port>[a-z]{2}))?",
        UrlMatch(None, 0.9),
    ),
    (r"(?:www\.)?eclipse\.org/legal/epl-v10", UrlMatch("EPL-1.0", 0.95)),
    (r"(?:www\.)?eclipse\.org/legal/epl-(?:v20|2\.0)", UrlMatch("EPL-2.0", 0.95)),
    (
        r"(?:www\.)?eclipse\.org/(?:org/documents|legal)/edl-v10",
        UrlMatch("BSD-3-Clause", 0.9, note=Message("note.edl")),
    ),
    (
        r"projects\.eclipse\.org/license/secondary-gpl-2\.0-cp",
        UrlMatch("GPL-2.0-only WITH Classpath-exception-2.0", 0.9),
    ),
    (r"(?:www\.)?mozilla\.org/(?:en-US/)?MPL/2\.0", UrlMatch("MPL-2.0", 0.95)),
    (r"(?:www\.)?mozilla\.org/(?:en-US/)?MPL/(?:MPL-)?1\.1", UrlMatch("MPL-1.1", 0.95)),
    (r"(?:www\.)?mozilla\.org/(?:en-US/)?MPL/(?:NPL/)?(?:MPL-)?1\.0", UrlMatch("MPL-1.0", 0.9)),
    (
        r"openjdk\.(?:java\.net|org)/legal/gplv2\+ce",
        UrlMatch("GPL-2.0-only WITH Classpath-exception-2.0", 0.9),
    ),
    (
        r"glassfish\.(?:dev\.)?java\.net/public/CDDL\+GPL_1_1",
        UrlMatch("CDDL-1.1 OR GPL-2.0-only WITH Classpath-exception-2.0", 0.9),
    ),
    (r"glassfish\.(?:dev\.)?java\.net/public/CDDL\+GPL", UrlMatch(None, 0.0, family=("CDDL-", "GPL-"))),
    (r"glassfish\.(?:dev\.)?java\.net/public/CDDLv1\.0", UrlMatch("CDDL-1.0", 0.9)),
    (r"(?:www\.)?sun\.com/cddl(?:/cddl)?", UrlMatch("CDDL-1.0", 0.85)),
    (
        r"repository\.jboss\.(?:org|com)/licenses/gpl-2\.0-ce",
        UrlMatch("GPL-2.0-only WITH Classpath-exception-2.0", 0.9),
    ),
    (
        r"repository\.jboss\.(?:org|com)/licenses/(?:lgpl|gpl|cddl)",
        UrlMatch(None, 0.0, family=("LGPL-", "GPL-", "CDDL-")),
    ),
    (r"repository\.jboss\.(?:org|com)/licenses/(?P<id>[A-Za-z0-9.+\-]+)", UrlMatch(None, 0.9, id_like=True)),
    (r"(?:www\.)?json\.org/license", UrlMatch("JSON", 0.9)),
    (r"(?:www\.)?w3\.org/Consortium/Legal/copyright-software-19980720", UrlMatch("W3C-19980720", 0.95)),
    (r"(?:www\.)?w3\.org/Consortium/Legal/2002/copyright-software-20021231", UrlMatch("W3C", 0.95)),
    (
        r"(?:www\.)?w3\.org/Consortium/Legal/2015/copyright-software-and-document",
        UrlMatch("W3C-20150513", 0.95),
    ),
    (r"(?:www\.)?unlicense\.org", UrlMatch("Unlicense", 0.95)),
    (r"(?:www\.)?wtfpl\.net", UrlMatch("WTFPL", 0.9)),
    (r"(?:www\.)?boost\.org/LICENSE_1_0", UrlMatch("BSL-1.0", 0.95)),
    (
        r"(?:www\.)?bouncycastle\.org/licen[cs]e",
        UrlMatch("MIT", 0.85, note=Message("note.bouncy-castle")),
    ),
    (
        r"(?:www\.)?python\.org/(?:download/releases/[0-9.]+/)?license",
        UrlMatch(None, 0.0, family=("Python-", "PSF-")),
    ),
    (
        r"joinup\.ec\.europa\.eu/(?:software/page/)?(?:collection/eupl/)?eupl-text-(?:eupl-)?1[.-]?2",
        UrlMatch("EUPL-1.2", 0.9),
    ),
    (
        r"joinup\.ec\.europa\.eu/(?:software/page/)?(?:collection/eupl/)?eupl-text-(?:eupl-)?1[.-]?1",
        UrlMatch("EUPL-1.1", 0.9),
    ),
    # the Commission Implementing Decision that published EUPL 1.2
    (r"eur-lex\.europa\.eu/eli/dec_impl/2017/863(?:/oj)?", UrlMatch("EUPL-1.2", 0.9)),
    (r"(?:www\.)?govdata\.de/dl-de/by-2-0", UrlMatch("DL-DE-BY-2.0", 0.95)),
    (r"(?:www\.)?govdata\.de/dl-de/zero-2-0", UrlMatch("DL-DE-ZERO-2.0", 0.95)),
)
_COMPILED: list[tuple[re.Pattern[str], UrlMatch]] = []

_GNU_STEMS = {"gpl": "GPL", "lgpl": "LGPL", "agpl": "AGPL", "fdl": "GFDL"}


def looks_like_url(text: str) -> bool:
    return bool(_SCHEME_RE.match(text.strip())) or text.strip().lower().startswith("www.")


def match(url: str) -> UrlMatch | None:
    """What a licence URL names; ``None`` for a URL that is not a known licence page."""
    if not _COMPILED:
        _COMPILED.extend((re.compile(p + r"/?$", re.IGNORECASE), m) for p, m in _PATTERNS)
    bare = _SCHEME_RE.sub("", url.strip()).split("#", 1)[0].split("?", 1)[0].rstrip("/")
    bare = _EXT_RE.sub("", bare)
    for pattern, result in _COMPILED:
        m = pattern.match(bare)
        if m is None:
            continue
        groups = m.groupdict()
        if groups.get("id"):
            return result._replace(license=groups["id"])
        if groups.get("fam"):
            stem = _GNU_STEMS[groups["fam"].lower()]
            if groups.get("ver"):
                return result._replace(license=f"{stem}-{groups['ver']}-only")
            return UrlMatch(None, 0.0, family=(stem + "-",), note=Message("note.page-shows-current-version"))
        if groups.get("cc"):
            cc = "CC-" + groups["cc"].upper() + "-" + groups["ver"]
            if groups.get("port"):
                cc += "-" + groups["port"].upper()
            return result._replace(license=cc, id_like=True)
        return result
    return None

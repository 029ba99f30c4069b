"""Licence texts pasted into a licence field: recognised by the wording that sets each licence apart.

Only the common licences, and never by a single generic phrase: a BSD text is told apart from MIT
by its "Redistribution and use in source and binary forms" grant, and BSD-2-Clause from
BSD-3-Clause by the clause about endorsement. A text that holds much more than the licence (extra
terms, a second licence) is recognised with a confidence below the policy threshold, so that a
person looks at it. The GNU licence texts do not say "only" or "or later" (a program's notice does):
without such a notice the version is reported as -only, below the threshold.

A variant that is the plainer licence minus a clause (MIT-0, BSD-2-Clause, 0BSD) is concluded only from
a complete text, one that reaches its warranty disclaimer: a text cut short is read by its title, or
as the fuller licence below the threshold. Wording that offers a choice ("dual licensed", "tri-license",
"at your option") makes an OR of the licences it names.
"""

from __future__ import annotations

import re
from collections import namedtuple

from osscheck.messages import Message


class TextMatch(namedtuple("TextMatch", ("license", "confidence", "note"), defaults=(None,))):
    """``license`` (str | None), ``confidence`` (float), ``note`` (Message | None)."""

    __slots__ = ()


def _norm(text: str) -> str:
    text = text.lower().replace("licence", "license").replace("\u2019", "'")
    text = re.sub(r"[\"`*#>|]", " ", text)
    return " ".join(text.split())


# Distinctive phrases (after _norm).
_MIT_GRANT = "permission is hereby granted, free of charge, to any person obtaining a copy"
_MIT_CONDITION = "the above copyright notice and this permission notice shall be included"
_BSD_GRANT = "redistribution and use in source and binary forms, with or without modification, are permitted"
_BSD_SOURCE = "redistributions of source code must retain"
_BSD_BINARY = "redistributions in binary form must reproduce"
_BSD_ENDORSE = re.compile(r"(?:neither the name|the names? of .{0,120}? may not be used) .{0,200}?endorse")
_BSD_ADVERTISING = "all advertising materials mentioning features or use of this software"
#: BSD texts with an extra clause that makes them a different licence on the SPDX list
_BSD_VARIANTS = (
    ("nuclear", Message("note.bsd-nuclear")),
    ("under no obligation whatsoever to provide any bug fixes", Message("note.bsd-lbnl")),
)
_ISC_GRANT = re.compile(
    r"permission to use, copy, modify, and(?:/or)? distribute this software for any purpose "
    r"with or without fee is hereby granted"
)
_ISC_CONDITION = "provided that the above copyright notice and this permission notice appear in all copies"
# every short permissive text ends with its warranty disclaimer ("provided as is ... warranties")
_DISCLAIMER = re.compile(r"\bas[ -]is\b.{0,300}?warrant")
#: the variant a text without a clause would be, and the fuller licence the clause may have been cut from
_FULLER = {"MIT-0": "MIT", "BSD-2-Clause": "BSD-3-Clause", "0BSD": "ISC"}
_FAMILIES = {
    "MIT": ("MIT", "MIT-0"),
    "BSD-3-Clause": ("BSD-2-Clause", "BSD-3-Clause", "BSD-4-Clause"),
    "ISC": ("ISC", "0BSD"),
}
# wording that offers a choice between licences; "(at your option) any later version" is a GNU notice
_CHOICE = re.compile(
    r"\b(?:dual|tri|triple|multi)[- ]?licen[cs](?:ed|es|e|ing)\b"
    r"|\b(?:at|under) (?:your|the user's) (?:option|choice)\b(?!\)?,? (?:of )?any later)"
    r"|\byour choice of\b"
)
_CHOICE_LEAD = re.compile(
    r"^.*?\b(?:licen[cs]ed|released|distributed|available|licensable)(?: (?:for use|to you))? under "
    r"(?:the )?(?:terms of )?(?:the )?(?:either (?:of )?)?"
)
_CHOICE_NOISE = re.compile(
    r"\b(?:(?:dual|tri|triple|multi)[- ]?licen[cs](?:ed|es|e|ing)|(?:at|under) (?:your|the user's) "
    r"(?:option|choice)|your choice of|either(?: of)?|the terms of|licenses)\b"
)
_CHOICE_SPLIT = re.compile(r"\s*/\s*|\s*,(?!\s*v(?:ersion)?\.? ?\d)\s*|\s+(?:and/or|or|and)\s+|\s*;\s*")
_ZLIB = "the origin of this software must not be misrepresented"
_UNLICENSE = "this is free and unencumbered software released into the public domain"
_WTFPL = "do what the fuck you want to public license"
_BOOST = "boost software license - version 1.0"
_PSF = "python software foundation license version 2"
_APACHE2 = re.compile(r"apache license,? version 2\.0")
_APACHE_TERMS = "terms and conditions for use, reproduction, and distribution"
_CC0 = "cc0 1.0 universal"
# the Creative Commons legal code starts with its title (international 4.0 and unported 3.0 only); the
# SPDX list's copy (what REUSE puts into LICENSES/) names "Creative Commons" in it
_CC_TITLE = re.compile(
    r"^(?:creative commons (?:legal code )?)?attribution(?P<nc>-noncommercial)?"
    r"(?P<kind>-sharealike|-noderivatives|-noderivs)? (?P<version>4\.0|3\.0) (?:international|unported)\b"
)
_GNU_NOTICE = re.compile(
    r"under the terms of the gnu (?P<kind>lesser |library |affero )?general public license"
    r"(?: \([a-z]+\))? as published by the free software foundation[,;]? (?:either )?"
    r"version (?P<ver>[123](?:\.[0-9])?)"
    r"(?P<later>(?: of the license)?,? or \(at your option\) any later version)?"
)
_GNU_TITLES = (
    ("gnu affero general public license version 3", "AGPL-3.0"),
    ("gnu lesser general public license version 3", "LGPL-3.0"),
    ("gnu lesser general public license version 2.1", "LGPL-2.1"),
    ("gnu library general public license version 2", "LGPL-2.0"),
    ("gnu general public license version 3", "GPL-3.0"),
    ("gnu general public license version 2", "GPL-2.0"),
    ("gnu general public license version 1", "GPL-1.0"),
    ("gnu free documentation license version 1.3", "GFDL-1.3"),
    ("gnu free documentation license version 1.2", "GFDL-1.2"),
    ("gnu free documentation license version 1.1", "GFDL-1.1"),
)
_TITLED = (
    ("mozilla public license version 2.0", "MPL-2.0"),
    ("mozilla public license, version 2.0", "MPL-2.0"),
    ("mozilla public license version 1.1", "MPL-1.1"),
    ("eclipse public license - v 2.0", "EPL-2.0"),
    ("eclipse public license - v 1.0", "EPL-1.0"),
    ("european union public license v. 1.2", "EUPL-1.2"),
    ("european union public license v.1.2", "EUPL-1.2"),
    ("european union public license v. 1.1", "EUPL-1.1"),
    ("european union public license v.1.1", "EUPL-1.1"),
    ("common development and distribution license (cddl) version 1.1", "CDDL-1.1"),
    ("common development and distribution license (cddl) version 1.0", "CDDL-1.0"),
)
#: typical length in words of the short permissive texts; much more than this means extra terms
_TYPICAL_WORDS = {
    "MIT": 170,
    "MIT-0": 130,
    "BSD-2-Clause": 200,
    "BSD-3-Clause": 230,
    "JSON": 180,
    "BSD-4-Clause": 280,
    "ISC": 130,
    "0BSD": 110,
    "Zlib": 150,
    "Unlicense": 230,
}
#: typical length in words of the long licence texts (measured on the licence texts themselves)
_TYPICAL_LONG_WORDS = {
    "Apache-2.0": 1600,
    "MPL-2.0": 2450,
    "MPL-1.1": 4200,
    "GPL-2.0": 2950,
    "GPL-3.0": 5650,
    "LGPL-2.0": 4600,
    "LGPL-2.1": 4350,
    "LGPL-3.0": 1150,
    "AGPL-3.0": 5650,
    "EPL-1.0": 1750,
    "EPL-2.0": 2300,
    "EUPL-1.2": 2600,
    "CDDL-1.0": 2900,
    "PSF-2.0": 500,
    "BSL-1.0": 200,
    "CC0-1.0": 1000,
}
#: wording that adds use restrictions to an open source licence text (Commons Clause and the like)
_RESTRICTIONS = (
    "commons clause",
    "business source license",
    "server side public license",
    "elastic license 2.0",
)
_TEXT = 0.85
_LOOSE = 0.6


def recognise(text: str) -> TextMatch | None:
    """The licence a pasted text is, or ``None`` when it is not one of the common licences."""
    t = _norm(text)
    for marker in _RESTRICTIONS:
        if marker in t:
            return TextMatch(None, 0.0, Message("note.text-adds-terms", terms=marker))
    offered = _choice(t)
    found = _licences(t, text)
    if offered is None or (found is not None and found.license is None):
        return found  # a part nobody can name hides nothing
    if found is None or set(families(found.license)) <= set(families(offered.license)):
        return offered  # the texts of the licences offered, after the statement that offers them
    return TextMatch(
        f"({offered.license}) AND ({found.license})",
        _LOOSE,
        Message("note.text-choice-and-others"),
    )


def families(expression: str | None) -> list[str]:
    """The licence families an expression names, without versions ("GPL-2.0+ OR MPL-1.1": GPL, MPL)."""
    words = re.findall(r"[A-Za-z0-9.+\-]+", expression or "")
    return [re.sub(r"[-.]?\d.*$", "", w) or w for w in words if w not in ("AND", "OR", "WITH")]


def _licences(t: str, text: str) -> TextMatch | None:
    """The licences a text holds (``t`` normalised, ``text`` as written)."""
    head = t[:600]
    long_texts = [m for m in (_gnu(t, head), _titled(head), _python(t)) if m is not None]
    hits = [_with_exception(t, _long_sized(t, m)) for m in long_texts] + _permissive(t, _title(text))
    named = list({m.license: m for m in hits if m.license is not None}.values())
    variants = [m for m in hits if m.license is None]
    if variants and named:
        # a licence nobody can name beside ones that can be named: the file as a whole is unknown
        beside = ", ".join(m.license for m in named)
        return TextMatch(None, 0.0, Message("note.variant-beside", variant=variants[0].note, licences=beside))
    if len(named) > 1:
        # one file with several licences (dual-licensed parts, bundled third-party code)
        return TextMatch(
            " AND ".join(m.license for m in named),
            _LOOSE,
            Message("note.text-several-licences"),
        )
    return named[0] if named else (hits[0] if hits else None)


def _choice(t: str) -> TextMatch | None:
    """A statement that offers several licences to choose from ("released under the A/B/C tri-license")."""
    for marker in _CHOICE.finditer(t):
        stop = t.rfind(". ", 0, marker.start())
        start = max(stop + 2 if stop != -1 else 0, marker.start() - 300)
        end = t.find(". ", marker.end())
        sentence = t[start : end if -1 < end < marker.end() + 300 else marker.end() + 300]
        named = _named(_CHOICE_NOISE.sub(" ", _CHOICE_LEAD.sub("", sentence, count=1)))
        if len(named) > 1:
            return TextMatch(" OR ".join(named), _TEXT, Message("note.text-offers-choice"))
    return None


def _named(part: str) -> list[str]:
    """The licences a list of names names ("gpl 2.0+/lgpl 2.1+/mpl 1.1"), each once, in order."""
    from osscheck.licenses.normalize import normalize  # the name tables, only for a choice statement

    found: list[str] = []
    for piece in _CHOICE_SPLIT.split(part):
        piece = piece.strip(" .:()")
        if not piece or len(piece) > 80:
            continue
        n = normalize(piece, "name")
        if n.license is not None and " " not in n.license and n.license not in found:
            found.append(n.license)
    return found


def _long_sized(t: str, found: TextMatch) -> TextMatch:
    """A long licence text with much more besides it (bundled licences, extra terms) goes to review."""
    typical = _TYPICAL_LONG_WORDS.get((found.license or "").removesuffix("-only").removesuffix("-or-later"))
    if typical and found.confidence > _LOOSE and len(t.split()) > 2 * typical + 200:
        return TextMatch(found.license, _LOOSE, Message("note.text-holds-more", license=found.license))
    return found


def _with_exception(t: str, found: TextMatch) -> TextMatch:
    """The exceptions that are appended to a licence text."""
    if found.license == "Apache-2.0" and "llvm exceptions to the apache 2.0 license" in t:
        return found._replace(license="Apache-2.0 WITH LLVM-exception")
    if (
        found.license is not None
        and found.license.startswith("GPL-2.0")
        and "classpath" in t
        and "as a special exception, the copyright holders of this library give you permission to link" in t
    ):
        return found._replace(license=f"{found.license} WITH Classpath-exception-2.0")
    return found


def _gnu(t: str, head: str) -> TextMatch | None:
    # the licence texts end with a sample notice ("How to Apply These Terms"): that is not this program's
    notice = _GNU_NOTICE.search(t.split("how to apply these terms", 1)[0])
    if notice:
        stem = {"lesser ": "LGPL", "library ": "LGPL", "affero ": "AGPL"}.get(
            notice.group("kind") or "", "GPL"
        )
        version = notice.group("ver")
        version = version if "." in version else version + ".0"
        if stem == "LGPL" and version == "2.0" and (notice.group("kind") or "") == "lesser ":
            version = "2.1"  # "Lesser" appeared with 2.1
        suffix = "-or-later" if notice.group("later") else "-only"
        return TextMatch(f"{stem}-{version}{suffix}", _TEXT)
    for title, stem in _GNU_TITLES:
        if title in head.replace(",", ""):
            return TextMatch(f"{stem}-only", 0.7, Message("note.gnu-text-read-as-only"))
    return None


def _titled(head: str) -> TextMatch | None:
    for title, key in _TITLED:
        if title in head:
            return TextMatch(key, _TEXT)
    if _APACHE2.search(head) and (_APACHE_TERMS in head or "www.apache.org/licenses" in head):
        return TextMatch("Apache-2.0", _TEXT)
    if _APACHE2.search(head) and "you may not use this file except in compliance" in head:
        return TextMatch("Apache-2.0", _TEXT, Message("note.apache-notice"))
    cc = _CC_TITLE.search(head[:200])
    if cc and "creative commons" in head:
        key = "CC-BY" + {"-noncommercial": "-NC"}.get(cc.group("nc") or "", "")
        key += {"-sharealike": "-SA", "-noderivatives": "-ND", "-noderivs": "-ND"}.get(
            cc.group("kind") or "", ""
        )
        return TextMatch(f"{key}-{cc.group('version')}", _TEXT)
    if _BOOST in head:
        return TextMatch("BSL-1.0", _TEXT)
    if _CC0 in head:
        return TextMatch("CC0-1.0", _TEXT)
    if _WTFPL in head:
        return TextMatch("WTFPL", _TEXT)
    return None


def _python(t: str) -> TextMatch | None:
    if _PSF not in t:
        return None
    if "beopen.com license agreement" in t and "cnri license agreement" in t:
        return TextMatch("Python-2.0", _TEXT, Message("note.python-licence-stack"))
    return TextMatch("PSF-2.0", _TEXT)


def _permissive(t: str, title: str) -> list[TextMatch]:
    """Every short permissive licence in the text (a file may hold several)."""
    found: list[TextMatch] = []
    if _BSD_GRANT in t and (_BSD_SOURCE in t or _BSD_BINARY in t):
        found.append(_complete(t, _bsd(t), _BSD_GRANT, title))
    if _MIT_GRANT in t:
        found.append(_complete(t, _mit(t), _MIT_GRANT, title))
    isc = _ISC_GRANT.search(t)
    if isc:
        found.append(_complete(t, _sized(t, "ISC" if _ISC_CONDITION in t else "0BSD"), isc.group(), title))
    if _ZLIB in t and "altered source versions must be plainly marked" in t:
        found.append(_sized(t, "Zlib"))
    if _UNLICENSE in t and "anyone is free to copy, modify, publish, use, compile, sell" in t:
        found.append(_sized(t, "Unlicense"))
    return found


def _title(text: str) -> str:
    """The first line of a text when it is short enough to be a title ("Two-clause BSD license")."""
    first = next((line.strip(" \t#*=-") for line in text.splitlines() if line.strip(" \t#*=-")), "")
    return first if len(first) <= 80 else ""


def _complete(t: str, found: TextMatch, grant: str, title: str) -> TextMatch:
    """A variant without a clause only from a text that reaches its disclaimer: the clause may be cut off."""
    fuller = _FULLER.get(found.license or "")
    if fuller is None or _DISCLAIMER.search(t, t.find(grant)):
        return found
    named = _named(title) if title else []
    if len(named) == 1 and named[0] in _FAMILIES[fuller]:
        return TextMatch(named[0], _TEXT, Message("note.incomplete-text-by-title", family=fuller))
    return TextMatch(fuller, 0.5, Message("note.incomplete-text", license=found.license, fuller=fuller))


def _bsd(t: str) -> TextMatch:
    for marker, note in _BSD_VARIANTS:
        if marker in t:
            return TextMatch(None, 0.0, note)
    if "hereby grants to those receiving rights under this license" in t:
        return _sized(t, "BSD-2-Clause-Patent")
    if _BSD_ADVERTISING in t:
        return _sized(t, "BSD-4-Clause")
    if _BSD_ENDORSE.search(t):
        if "patent rights are granted by this license" in t:
            return _sized(t, "BSD-3-Clause-Clear")
        return _sized(t, "BSD-3-Clause")
    return _sized(t, "BSD-2-Clause")


def _mit(t: str) -> TextMatch:
    if "shall be used for good, not evil" in t:
        return _sized(t, "JSON")
    if "shall not be used in advertising or otherwise to promote" in t:
        return TextMatch(None, 0.0, Message("note.mit-name-clause"))
    return _sized(t, "MIT" if _MIT_CONDITION in t else "MIT-0")


def _sized(t: str, key: str) -> TextMatch:
    """Full confidence only when the text is about as long as the licence itself."""
    if len(t.split()) > 2 * _TYPICAL_WORDS.get(key, 250) + 80:
        return TextMatch(key, _LOOSE, Message("note.text-holds-more-look", license=key))
    return TextMatch(key, _TEXT)


#: the wording each long licence text closes its terms with (after _norm): a text without it is cut short
_ENDINGS = {
    "Apache-2.0": "end of terms and conditions",
    "GPL-2.0": "end of terms and conditions",
    "GPL-3.0": "end of terms and conditions",
    "AGPL-3.0": "end of terms and conditions",
    "LGPL-2.0": "end of terms and conditions",
    "LGPL-2.1": "end of terms and conditions",
    "LGPL-3.0": "permanent authorization for you to choose that version for the library",
    "MPL-2.0": "incompatible with secondary licenses notice",
    "EUPL-1.2": "all other changes or additions to this appendix require the production of a new eupl",
}
#: the grant each short permissive licence begins with: its warranty disclaimer must follow it
_GRANTS = {
    "MIT": _MIT_GRANT,
    "MIT-0": _MIT_GRANT,
    "BSD-2-Clause": _BSD_GRANT,
    "BSD-3-Clause": _BSD_GRANT,
    "BSD-4-Clause": _BSD_GRANT,
}


def complete(text: str, license: str) -> bool:
    """Whether ``text`` reaches the end of ``license``'s terms (a project's LICENSE file, say).

    For the short permissive texts the notion :func:`recognise` uses (the warranty disclaimer after
    the grant, see ``_complete``); for the long texts the wording that closes their terms ("END OF
    TERMS AND CONDITIONS", the EUPL's appendix). A licence without a known ending counts as complete:
    nothing tells otherwise.
    """
    t = _norm(text)
    stem = license.removesuffix("-only").removesuffix("-or-later")
    ending = _ENDINGS.get(stem)
    if stem.startswith("CC-BY") and stem.endswith("-4.0"):  # every 4.0 licence ends with Section 8 d.
        ending = "legal processes of any jurisdiction or authority"
    if ending is not None:
        return ending in t
    if stem in ("ISC", "0BSD"):
        grant = _ISC_GRANT.search(t)
        return grant is not None and _DISCLAIMER.search(t, grant.end()) is not None
    grant_text = _GRANTS.get(stem)
    if grant_text is not None:
        at = t.find(grant_text)
        return at != -1 and _DISCLAIMER.search(t, at) is not None
    return True

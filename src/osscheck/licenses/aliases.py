"""Licence names as people write them: folding, the hand-written alias table, licence families.

Everything here is data plus one folding function. The tables are written in the spellings found in
real metadata and folded once, on first use, with :func:`fold`, so that an entry matches all the
variants that differ only in case, punctuation, "licence"/"license", "version 2.0"/"v2"/"2".

The rules behind the table, where it had to choose:

* a bare version means that version only ("GPL v2" -> GPL-2.0-only); "+", "or later", "or greater"
  mean -or-later. A GNU name without any version names a family and is never guessed.
* a name shared by several licences ("BSD", "Apache", "Mozilla", "Creative Commons", "CDDL", ...)
  names a family: it is unknown, and :data:`FAMILIES` tells :mod:`osscheck.resolve` which ids it
  could stand for, so that it can be dropped beside the exact id.
* "Public Domain" is a claim, not a licence, and under German copyright law an author cannot waive
  all rights: it is recognised as ScanCode's public-domain marker with a confidence below the
  policy threshold, so that a person reviews it instead of the tool allowing or denying it blindly.
"""

from __future__ import annotations

import re
from functools import lru_cache

from osscheck.messages import Message

_VERSION_WORD_RE = re.compile(r"\b(?:version|ver|v)\s*\.?\s*(?=\d)")
_LETTER_V_DIGIT_RE = re.compile(r"(?<=[a-z])v(?=\d)")
_LETTER_DIGIT_RE = re.compile(r"(?<=[a-z])(?=\d)")
_OR_LATER_RE = re.compile(
    r"\b(?:or|and)[\s-]+(?:any[\s-]+)?(?:later|greater|newer|higher|above)(?:[\s-]+versions?)?\b"
    r"|\band\s+(?:any\s+)?subsequent\s+versions?\b|\bor\s+any\s+later\b"
)
_LATER_WORDS = ("later", "greater", "newer", "higher", "above", "subsequent")
_UNDERSCORE_VERSION_RE = re.compile(r"(?<=\d)_(?=\d)")
_PLUS_WORD_RE = re.compile(r"(?<=[a-z0-9])[\s-]*plus\b")
_V_SPACE_RE = re.compile(r"(?<=\bv) (?=\d)")
_AT_LEAST_RE = re.compile(r"(?:>=|=>|\u2265)\s*(\d[\d.]*)")
# dots only survive inside numbers; comparison and similar signs stay words, so that "GPL (< 3)" or
# "MIT?" never fold into a plain licence name
_PUNCTUATION_RE = re.compile(r"(?<!\d)\.|\.(?!\d)|[^a-z0-9.+*<>=!?~^ ]")
_SIGN_RE = re.compile(r"([<>=!?~^]+)")
_VERSION_RE = re.compile(r"v?(\d+(?:\.\d+)*)")
_DROP_WORDS = frozenset({"the", "license", "licenses", "version", "v"})


def fold(text: str) -> str:
    """A canonical key for a licence name: ``"GNU GPL, Version 2.0 or later"`` -> ``"gnu gpl v2 +"``."""
    s = text.lower().replace("licence", "license")
    if "_" in s:
        s = _UNDERSCORE_VERSION_RE.sub(".", s)  # lgpl_v2_1
    if any(word in s for word in _LATER_WORDS):
        s = _OR_LATER_RE.sub(" + ", s)
    if "plus" in s:
        s = _PLUS_WORD_RE.sub(" + ", s)  # ScanCode's "gpl-2.0-plus"
    if ">" in s or "\u2265" in s:
        s = _AT_LEAST_RE.sub(r"\1 + ", s)  # R's "GPL (>= 2)" is GPL-2.0-or-later
    s = s.replace("+", " + ").replace("*", " * ")  # "MIT*" is not MIT: keep the star
    if any(ch.isdigit() for ch in s):
        s = _LETTER_V_DIGIT_RE.sub(" v", s)  # gplv2 -> gpl v2
        s = _VERSION_WORD_RE.sub(" v", s)  # version 2 -> v2
        s = _V_SPACE_RE.sub("", s)
        s = _LETTER_DIGIT_RE.sub(" ", s)  # gpl2 -> gpl 2
    s = _PUNCTUATION_RE.sub(" ", s)
    if any(ch in s for ch in "<>=!?~^"):
        s = _SIGN_RE.sub(r" \1 ", s)
    words = []
    for word in s.split():
        m = _VERSION_RE.fullmatch(word) if word[0] in "v0123456789" else None
        if m:
            number = m.group(1)
            while number.endswith(".0"):
                number = number[:-2]
            words.append("v" + number)
        elif word not in _DROP_WORDS:
            words.append(word)
    return " ".join(words)


#: Hand-written aliases: spelling -> (SPDX expression, confidence). Only spellings that say enough to
#: tell the licence; the confidence is below 0.9 where the spelling is commonly used loosely.
ALIASES: dict[str, tuple[str, float]] = {
    # Apache
    "Apache 2": ("Apache-2.0", 0.9),
    "Apache License 2": ("Apache-2.0", 0.9),
    "Apache Software License 2.0": ("Apache-2.0", 0.9),
    "Apache Software License, Version 2.0": ("Apache-2.0", 0.9),
    "Apache Public License 2.0": ("Apache-2.0", 0.9),
    "Apache License Version 2.0, January 2004": ("Apache-2.0", 0.9),
    "ASL 2.0": ("Apache-2.0", 0.9),
    "ASL, version 2": ("Apache-2.0", 0.9),
    "ASF 2.0": ("Apache-2.0", 0.9),
    "AL 2.0": ("Apache-2.0", 0.9),
    "ALv2": ("Apache-2.0", 0.9),
    "AL2": ("Apache-2.0", 0.9),
    "Apache License 1.1": ("Apache-1.1", 0.9),
    "Apache 1.1": ("Apache-1.1", 0.9),
    "Apache License 1.0": ("Apache-1.0", 0.9),
    # MIT family
    "MIT": ("MIT", 0.95),
    "MIT License": ("MIT", 0.95),
    "The MIT License (MIT)": ("MIT", 0.95),
    # "MIT/X11" is written for MIT and for the X11 text (MIT plus a name clause): review it
    "MIT/X11": ("MIT", 0.7),
    "MIT X11": ("MIT", 0.7),
    "X11/MIT": ("MIT", 0.7),
    "Expat": ("MIT", 0.9),
    "Expat License": ("MIT", 0.9),
    "MIT (Expat)": ("MIT", 0.9),
    "MIT No Attribution": ("MIT-0", 0.9),
    # the Bouncy Castle licence is the MIT text with the Legion of the Bouncy Castle as copyright holder
    "Bouncy Castle Licence": ("MIT", 0.85),
    "Bouncy Castle License": ("MIT", 0.85),
    # BSD: only spellings that say which clauses
    "BSD 2-Clause": ("BSD-2-Clause", 0.9),
    "BSD 2-Clause License": ("BSD-2-Clause", 0.9),
    "2-Clause BSD": ("BSD-2-Clause", 0.9),
    "2-clause BSD License": ("BSD-2-Clause", 0.9),
    "Two-clause BSD": ("BSD-2-Clause", 0.9),
    "Two-clause BSD License": ("BSD-2-Clause", 0.9),
    "BSD-2": ("BSD-2-Clause", 0.9),
    "Simplified BSD": ("BSD-2-Clause", 0.9),
    "Simplified BSD License": ("BSD-2-Clause", 0.9),
    "BSD Simplified": ("BSD-2-Clause", 0.9),
    "BSD (2 clause)": ("BSD-2-Clause", 0.9),
    "BSD 3-Clause": ("BSD-3-Clause", 0.9),
    "BSD 3-Clause License": ("BSD-3-Clause", 0.9),
    "BSD 3-clause New License": ("BSD-3-Clause", 0.9),
    "3-Clause BSD": ("BSD-3-Clause", 0.9),
    "3-clause BSD License": ("BSD-3-Clause", 0.9),
    "Three-clause BSD": ("BSD-3-Clause", 0.9),
    "Three-clause BSD License": ("BSD-3-Clause", 0.9),
    "BSD-3": ("BSD-3-Clause", 0.9),
    "BSD (3 clause)": ("BSD-3-Clause", 0.9),
    "New BSD": ("BSD-3-Clause", 0.9),
    "New BSD License": ("BSD-3-Clause", 0.9),
    "BSD New": ("BSD-3-Clause", 0.9),
    "Modified BSD": ("BSD-3-Clause", 0.9),
    "Modified BSD License": ("BSD-3-Clause", 0.9),
    "Revised BSD": ("BSD-3-Clause", 0.9),
    "Revised BSD License": ("BSD-3-Clause", 0.9),
    "BSD 4-Clause": ("BSD-4-Clause", 0.9),
    "Original BSD": ("BSD-4-Clause", 0.85),
    "BSD Zero Clause": ("0BSD", 0.9),
    "Zero-Clause BSD": ("0BSD", 0.9),
    # the Eclipse Foundation publishes EDL-1.0 under the SPDX id BSD-3-Clause
    "EDL 1.0": ("BSD-3-Clause", 0.9),
    "EDL-1.0": ("BSD-3-Clause", 0.9),
    "Eclipse Distribution License 1.0": ("BSD-3-Clause", 0.9),
    "Eclipse Distribution License - v 1.0": ("BSD-3-Clause", 0.9),
    "Eclipse Distribution License v. 1.0": ("BSD-3-Clause", 0.9),
    # ISC, zlib, others
    "ISC License": ("ISC", 0.95),
    "ISCL": ("ISC", 0.9),
    "zlib/libpng": ("Zlib", 0.85),
    "zlib/libpng License": ("Zlib", 0.85),
    "zlib License": ("Zlib", 0.95),
    "Boost": ("BSL-1.0", 0.85),
    "Boost Software License": ("BSL-1.0", 0.9),
    "Boost License 1.0": ("BSL-1.0", 0.9),
    "WTFPL": ("WTFPL", 0.95),
    "Do What The F*ck You Want To Public License": ("WTFPL", 0.9),
    "The Unlicense": ("Unlicense", 0.95),
    "Unlicense": ("Unlicense", 0.95),
    "CC0": ("CC0-1.0", 0.9),
    "CC0 1.0": ("CC0-1.0", 0.95),
    "CC0 1.0 Universal": ("CC0-1.0", 0.95),
    "Creative Commons Zero": ("CC0-1.0", 0.9),
    "JSON License": ("JSON", 0.9),
    # the XPP licence on the SPDX list is this licence (XmlPull parser)
    "Indiana University Extreme! Lab Software License 1.1.1": ("xpp", 0.85),
    "Indiana University Extreme! Lab Software License": ("xpp", 0.8),
    "The JSON License": ("JSON", 0.9),
    "PostgreSQL License": ("PostgreSQL", 0.95),
    "OpenSSL License": ("OpenSSL", 0.9),
    # Python
    "PSF": ("PSF-2.0", 0.9),
    "PSFL": ("PSF-2.0", 0.9),
    "PSF License": ("PSF-2.0", 0.9),
    "PSF-2": ("PSF-2.0", 0.9),
    "Python Software Foundation License": ("PSF-2.0", 0.9),
    "Python Software Foundation License 2": ("PSF-2.0", 0.9),
    "Python Software Foundation License Version 2": ("PSF-2.0", 0.9),
    "CNRI Python License": ("CNRI-Python", 0.9),
    # Mozilla, Eclipse, CDDL, EUPL
    "MPL 1.0": ("MPL-1.0", 0.9),
    "MPL 1.1": ("MPL-1.1", 0.9),
    "MPL 2.0": ("MPL-2.0", 0.9),
    "MPL2": ("MPL-2.0", 0.9),
    "Mozilla 2.0": ("MPL-2.0", 0.9),
    "Mozilla Public License 2": ("MPL-2.0", 0.9),
    "EPL 1.0": ("EPL-1.0", 0.9),
    "EPL 2.0": ("EPL-2.0", 0.9),
    "Eclipse Public License 1": ("EPL-1.0", 0.9),
    "Eclipse Public License 2": ("EPL-2.0", 0.9),
    "CDDL 1.0": ("CDDL-1.0", 0.9),
    "CDDL 1.1": ("CDDL-1.1", 0.9),
    "CDDL v1.0": ("CDDL-1.0", 0.9),
    "Common Development and Distribution License 1": ("CDDL-1.0", 0.95),
    "EUPL 1.0": ("EUPL-1.0", 0.9),
    "EUPL 1.1": ("EUPL-1.1", 0.9),
    "EUPL 1.2": ("EUPL-1.2", 0.9),
    "European Union Public Licence 1.2": ("EUPL-1.2", 0.95),
    "European Union Public Licence 1.1": ("EUPL-1.1", 0.95),
    "European Union Public Licence 1.0": ("EUPL-1.0", 0.95),
    "CPL 1.0": ("CPL-1.0", 0.9),
    "Common Public License": ("CPL-1.0", 0.85),  # only version 1.0 was ever published
    "IBM Public License": ("IPL-1.0", 0.85),
    "Sun Public License": ("SPL-1.0", 0.85),
    "Universal Permissive License": ("UPL-1.0", 0.85),
    "University of Illinois/NCSA Open Source License": ("NCSA", 0.95),
    "NCSA": ("NCSA", 0.9),
    "Artistic 2.0": ("Artistic-2.0", 0.9),
    # "Artistic 1.0" by name is often Perl's variant (Artistic-1.0-Perl): review it
    "Artistic 1": ("Artistic-1.0", 0.7),
    "Artistic License 1": ("Artistic-1.0", 0.7),
    "Artistic License 2": ("Artistic-2.0", 0.9),
    "OFL 1.1": ("OFL-1.1", 0.9),
    "SIL OFL 1.1": ("OFL-1.1", 0.9),
    "SIL Open Font License 1.1": ("OFL-1.1", 0.95),
    # Creative Commons short forms
    "CC BY 3.0": ("CC-BY-3.0", 0.9),
    "CC BY 4.0": ("CC-BY-4.0", 0.9),
    "CC BY-SA 3.0": ("CC-BY-SA-3.0", 0.9),
    "CC BY-SA 4.0": ("CC-BY-SA-4.0", 0.9),
    "CC BY-NC 4.0": ("CC-BY-NC-4.0", 0.9),
    "CC BY-NC-SA 4.0": ("CC-BY-NC-SA-4.0", 0.9),
    "CC BY-ND 4.0": ("CC-BY-ND-4.0", 0.9),
    "Creative Commons Attribution 4.0": ("CC-BY-4.0", 0.9),
    "Creative Commons Attribution 3.0": ("CC-BY-3.0", 0.9),
    "Creative Commons Attribution-ShareAlike 4.0": ("CC-BY-SA-4.0", 0.9),
    # German and French public-sector spellings
    "Datenlizenz Deutschland – Namensnennung – Version 2.0": ("DL-DE-BY-2.0", 0.95),
    "Datenlizenz Deutschland Namensnennung 2.0": ("DL-DE-BY-2.0", 0.95),
    "dl-de/by-2-0": ("DL-DE-BY-2.0", 0.9),
    "dl-by-de/2.0": ("DL-DE-BY-2.0", 0.9),
    "Datenlizenz Deutschland – Zero – Version 2.0": ("DL-DE-ZERO-2.0", 0.95),
    "Datenlizenz Deutschland Zero 2.0": ("DL-DE-ZERO-2.0", 0.95),
    "dl-de/zero-2-0": ("DL-DE-ZERO-2.0", 0.9),
    "Open-Source-Lizenz für die Europäische Union 1.2": ("EUPL-1.2", 0.95),
    "Open-Source-Lizenz für die Europäische Union 1.1": ("EUPL-1.1", 0.95),
    "Licence Ouverte 2.0": ("etalab-2.0", 0.9),
    "Licence Ouverte / Open Licence 2.0": ("etalab-2.0", 0.9),
    "Creative Commons Namensnennung 4.0": ("CC-BY-4.0", 0.9),
    "Creative Commons Namensnennung 4.0 International": ("CC-BY-4.0", 0.9),
    "Creative Commons Namensnennung - Weitergabe unter gleichen Bedingungen 4.0": ("CC-BY-SA-4.0", 0.9),
    "Creative Commons Namensnennung - Weitergabe unter gleichen Bedingungen 4.0 International": (
        "CC-BY-SA-4.0",
        0.9,
    ),
    # markers that are not licences
    "Public Domain": ("LicenseRef-scancode-public-domain", 0.6),
    "Public-Domain": ("LicenseRef-scancode-public-domain", 0.6),
    "PD": ("LicenseRef-scancode-public-domain", 0.5),
    "Proprietary": ("LicenseRef-scancode-proprietary-license", 0.85),
    "Proprietary License": ("LicenseRef-scancode-proprietary-license", 0.85),
    "Commercial": ("LicenseRef-scancode-commercial-license", 0.8),
    "Commercial License": ("LicenseRef-scancode-commercial-license", 0.8),
    "All rights reserved": ("LicenseRef-scancode-proprietary-license", 0.8),
}

_PUBLIC_DOMAIN_NOTE = Message("note.public-domain-claim")
_EDL_NOTE = Message("note.edl-spdx-id")
_MIT_X11_NOTE = Message("note.mit-or-x11")
_ARTISTIC_NOTE = Message("note.artistic-perl")
_BOUNCY_CASTLE_NOTE = Message("note.bouncy-castle")

#: Why an alias reads as it does, where that is not obvious (shown with the result).
ALIAS_NOTES: dict[str, Message] = {
    "MIT/X11": _MIT_X11_NOTE,
    "MIT X11": _MIT_X11_NOTE,
    "X11/MIT": _MIT_X11_NOTE,
    "Artistic 1": _ARTISTIC_NOTE,
    "Artistic License 1": _ARTISTIC_NOTE,
    "Bouncy Castle Licence": _BOUNCY_CASTLE_NOTE,
    "Bouncy Castle License": _BOUNCY_CASTLE_NOTE,
    "EDL 1.0": _EDL_NOTE,
    "EDL-1.0": _EDL_NOTE,
    "Public Domain": _PUBLIC_DOMAIN_NOTE,
    "Public-Domain": _PUBLIC_DOMAIN_NOTE,
    "PD": _PUBLIC_DOMAIN_NOTE,
    "Common Public License": Message("note.only-version-published", version="CPL 1.0"),
    "LGPL v2": Message("note.lesser-gpl-2"),
}

#: GNU families: abbreviation -> (SPDX id stem, versions that exist).
GNU_FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "gpl": ("GPL", ("1.0", "2.0", "3.0")),
    "lgpl": ("LGPL", ("2.0", "2.1", "3.0")),
    "agpl": ("AGPL", ("1.0", "3.0")),
    "fdl": ("GFDL", ("1.1", "1.2", "1.3")),
    "gfdl": ("GFDL", ("1.1", "1.2", "1.3")),
}
#: the long GNU names, for "<name> v2" spellings the SPDX list does not carry
GNU_LONG_NAMES: dict[str, str] = {
    "general public": "gpl",
    "gnu public": "",  # "GNU Public License": GPL or LGPL? never guessed
    "lesser general public": "lgpl",
    "library general public": "lgpl",
    "lesser gpl": "lgpl",
    "library gpl": "lgpl",
    "affero general public": "agpl",
    "affero gpl": "agpl",
    "free documentation": "gfdl",
}

#: "Lesser" did not exist in version 2.0 (it was "Library"): "LGPL v2" is often written for 2.1
LGPL2_CONFIDENCE = 0.75

#: Spellings that name a family of licences or an unclear combination: never guessed. The value
#: lists the id prefixes the name could stand for (used to drop it beside an exact id).
FAMILIES: dict[str, tuple[str, ...]] = {
    "BSD": ("BSD-", "0BSD"),
    "BSD License": ("BSD-", "0BSD"),
    "BSD-like": ("BSD-", "0BSD"),
    "BSD style": ("BSD-", "0BSD"),
    "Berkeley Software Distribution": ("BSD-", "0BSD"),
    "GPL": ("GPL-",),
    "GNU GPL": ("GPL-",),
    "GNU General Public License": ("GPL-",),
    "General Public License": ("GPL-",),
    "GNU Public License": ("GPL-", "LGPL-"),
    "GNU General Public Library": ("GPL-", "LGPL-"),
    "LGPL": ("LGPL-",),
    "GNU LGPL": ("LGPL-",),
    "GNU Lesser General Public License": ("LGPL-",),
    "Lesser General Public License": ("LGPL-",),
    "GNU Library General Public License": ("LGPL-",),
    "GNU Library or Lesser General Public License": ("LGPL-",),
    "Lesser GPL": ("LGPL-",),
    "AGPL": ("AGPL-",),
    "GNU AGPL": ("AGPL-",),
    "GNU Affero General Public License": ("AGPL-",),
    "Affero General Public License": ("AGPL-",),
    "GFDL": ("GFDL-",),
    "FDL": ("GFDL-",),
    "GNU Free Documentation License": ("GFDL-",),
    "Apache": ("Apache-",),
    "Apache License": ("Apache-",),
    "Apache Software License": ("Apache-",),
    "Apache Software Licenses": ("Apache-",),
    "Apache Public License": ("Apache-",),
    "ASL": ("Apache-",),
    "ASF": ("Apache-",),
    "Mozilla": ("MPL-",),
    "Mozilla Public License": ("MPL-",),
    "MPL": ("MPL-",),
    "Eclipse": ("EPL-", "BSD-3-Clause"),
    "Eclipse Public License": ("EPL-",),
    "EPL": ("EPL-",),
    "Eclipse Distribution License": ("BSD-3-Clause",),
    "EDL": ("BSD-3-Clause",),
    "CDDL": ("CDDL-",),
    "Common Development and Distribution License": ("CDDL-",),
    "CPL": ("CPL-",),
    "EUPL": ("EUPL-",),
    "European Union Public Licence": ("EUPL-",),
    "Artistic": ("Artistic-", "ClArtistic"),
    "Artistic License": ("Artistic-", "ClArtistic"),
    "Perl": ("Artistic-", "GPL-"),
    "Creative Commons": ("CC-", "CC0-"),
    "Datenlizenz Deutschland": ("DL-DE-",),
    "Licence Ouverte": ("etalab-",),
    "Creative Commons Namensnennung": ("CC-BY-",),
    "CC": ("CC-", "CC0-"),
    "CC BY": ("CC-BY-",),
    "CC-BY": ("CC-BY-",),
    "CC BY-SA": ("CC-BY-SA-",),
    "CC-BY-SA": ("CC-BY-SA-",),
    "Creative Commons Attribution": ("CC-BY-",),
    "Python": ("Python-", "PSF-", "CNRI-Python"),
    "Python License": ("Python-", "PSF-", "CNRI-Python"),
    "Zope": ("ZPL-",),
    "Zope Public License": ("ZPL-",),
    "ZPL": ("ZPL-",),
    "OFL": ("OFL-",),
    "SIL Open Font License": ("OFL-",),
    "AFL": ("AFL-",),
    "Academic Free License": ("AFL-",),
    "OSL": ("OSL-",),
    "Open Software License": ("OSL-",),
    "Apple Public Source License": ("APSL-",),
    "APSL": ("APSL-",),
    "Eiffel Forum License": ("EFL-",),
    "Netscape Public License": ("NPL-",),
    "Q Public License": ("QPL-",),
    "QPL": ("QPL-",),
    "W3C": ("W3C",),
    "W3C License": ("W3C",),
    "The W3C License": ("W3C",),
    "W3C Software License": ("W3C",),
    "Unlicensed": (),  # npm UNLICENSED (proprietary) or the Unlicense? handled before, never by name
    "Other": (),
    "Other/Proprietary License": (),
    "OSI Approved": (),
    "Open Source": (),
    "Freeware": (),
    "Free": (),
    "Dual License": (),
    "Custom": (),
    "Commercial or GPL": (),
    "CDDL+GPL": ("CDDL-", "GPL-"),
    "CDDL + GPLv2 with classpath exception": ("CDDL-", "GPL-"),
    "CDDL/GPLv2+CE": ("CDDL-", "GPL-"),
}

#: Licence exceptions as they are named after "with": folded spelling -> SPDX exception id. An id
#: that depends on the GPL version is resolved by :func:`exception_for`.
EXCEPTIONS: dict[str, str] = {
    "classpath": "Classpath-exception-2.0",
    "classpath exception": "Classpath-exception-2.0",
    "gnu classpath exception": "Classpath-exception-2.0",
    "classpath exception 2.0": "Classpath-exception-2.0",
    "cpe": "Classpath-exception-2.0",
    "ce": "Classpath-exception-2.0",
    "llvm exception": "LLVM-exception",
    "llvm exceptions": "LLVM-exception",
    "llvm": "LLVM-exception",
    "gcc runtime library exception": "GCC-exception",
    "gcc runtime exception": "GCC-exception",
    "gcc exception": "GCC-exception",
    "runtime library exception": "GCC-exception",
    "autoconf exception": "Autoconf-exception",
    "bison exception": "Bison-exception-2.2",
    "font exception": "Font-exception-2.0",
    "universal foss exception": "Universal-FOSS-exception-1.0",
    "wxwindows exception": "WxWindows-exception-3.1",
    "ocaml linking exception": "OCaml-LGPL-linking-exception",
    "u boot exception": "u-boot-exception-2.0",
    "swift exception": "Swift-exception",
    "qt lgpl exception": "Qt-LGPL-exception-1.1",
}


def exception_for(name: str, license_key: str) -> str | None:
    """The SPDX exception id a name after "with" stands for, given the licence it attaches to."""
    key = EXCEPTIONS.get(fold(name).removeprefix("the ").strip())
    if key is None:
        key = EXCEPTIONS.get(fold(name).removesuffix(" exception").strip() + " exception")
    if key is None:
        return None
    gpl3 = license_key.startswith(("GPL-3.0", "LGPL-3.0", "AGPL-3.0"))
    if key == "GCC-exception":
        return "GCC-exception-3.1" if gpl3 else "GCC-exception-2.0"
    if key == "Autoconf-exception":
        return "Autoconf-exception-3.0" if gpl3 else "Autoconf-exception-2.0"
    return key


@lru_cache(maxsize=1)
def folded_aliases() -> dict[str, tuple[str, float]]:
    """:data:`ALIASES` and the generated GNU spellings, by folded key."""
    table: dict[str, tuple[str, float]] = {}
    for abbr, (stem, versions) in GNU_FAMILIES.items():
        for version in versions:
            v = fold(version)
            confidence = LGPL2_CONFIDENCE if (stem, version) == ("LGPL", "2.0") else 0.9
            for prefix in ("", "gnu "):
                table[f"{prefix}{abbr} {v}"] = (f"{stem}-{version}-only", confidence)
                table[f"{prefix}{abbr} {v} only"] = (f"{stem}-{version}-only", 0.9)
                table[f"{prefix}{abbr} {v} +"] = (f"{stem}-{version}-or-later", 0.9)
    for spelling, value in ALIASES.items():
        table[fold(spelling)] = value
    return table


@lru_cache(maxsize=1)
def folded_families() -> dict[str, tuple[str, ...]]:
    return {fold(name): prefixes for name, prefixes in FAMILIES.items()}


@lru_cache(maxsize=1)
def folded_notes() -> dict[str, Message]:
    return {fold(spelling): note for spelling, note in ALIAS_NOTES.items()}

"""Every ``License ::`` trove classifier of PyPI, and what it tells.

A classifier that names a licence family without a version ("BSD License", "Apache Software
License", "GNU General Public License (GPL)", "GNU Library or Lesser General Public License (LGPL)")
is unknown: it maps to ``None`` and lists, in :data:`CLASSIFIER_FAMILIES`, the ids it could stand
for, so that it is dropped beside an exact id and never decides a licence on its own.
"""

from __future__ import annotations

PREFIX = "License :: "

#: classifier (after "License :: ") -> (SPDX id or None, confidence, note)
CLASSIFIERS: dict[str, tuple[str | None, float, str]] = {
    "Aladdin Free Public License (AFPL)": (
        None,
        0.0,
        "several AFPL versions exist; the classifier names none",
    ),
    "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": ("CC0-1.0", 0.95, ""),
    "CeCILL-B Free Software License Agreement (CECILL-B)": ("CECILL-B", 0.95, ""),
    "CeCILL-C Free Software License Agreement (CECILL-C)": ("CECILL-C", 0.95, ""),
    "DFSG approved": (None, 0.0, "says only that the licence meets the Debian guidelines"),
    "Eiffel Forum License (EFL)": (None, 0.0, "EFL-1.0 or EFL-2.0: the classifier does not say"),
    "Free For Educational Use": (None, 0.0, "a usage permission, not a licence"),
    "Free For Home Use": (None, 0.0, "a usage permission, not a licence"),
    "Free To Use But Restricted": (None, 0.0, "a usage permission, not a licence"),
    "Free for non-commercial use": (None, 0.0, "a usage permission, not a licence"),
    "Freely Distributable": (None, 0.0, "a usage permission, not a licence"),
    "Freeware": (None, 0.0, "a usage permission, not a licence"),
    "GUST Font License 1.0": ("LicenseRef-scancode-gust-font-1.0", 0.9, ""),
    "GUST Font License 2006-09-30": ("LicenseRef-scancode-gust-font-2006-09-30", 0.9, ""),
    "Netscape Public License (NPL)": (None, 0.0, "NPL-1.0 or NPL-1.1: the classifier does not say"),
    "Nokia Open Source License (NOKOS)": ("Nokia", 0.9, ""),
    "OSI Approved": (None, 0.0, "says only that the licence is OSI-approved"),
    "OSI Approved :: Academic Free License (AFL)": (None, 0.0, "several AFL versions exist"),
    "OSI Approved :: Apache Software License": (
        None,
        0.0,
        "Apache-1.0, 1.1 or 2.0: the classifier does not say",
    ),
    "OSI Approved :: Apple Public Source License": (None, 0.0, "several APSL versions exist"),
    "OSI Approved :: Artistic License": (None, 0.0, "Artistic-1.0 or 2.0: the classifier does not say"),
    "OSI Approved :: Attribution Assurance License": ("AAL", 0.95, ""),
    "OSI Approved :: BSD License": (
        None,
        0.0,
        "BSD-2-Clause, BSD-3-Clause, ...: the classifier does not say",
    ),
    "OSI Approved :: Blue Oak Model License (BlueOak-1.0.0)": ("BlueOak-1.0.0", 0.95, ""),
    "OSI Approved :: Boost Software License 1.0 (BSL-1.0)": ("BSL-1.0", 0.95, ""),
    "OSI Approved :: CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)": (
        "CECILL-2.1",
        0.95,
        "",
    ),
    "OSI Approved :: CMU License (MIT-CMU)": ("MIT-CMU", 0.95, ""),
    "OSI Approved :: Common Development and Distribution License 1.0 (CDDL-1.0)": ("CDDL-1.0", 0.95, ""),
    "OSI Approved :: Common Public License": ("CPL-1.0", 0.9, "only CPL 1.0 was ever published"),
    "OSI Approved :: Eclipse Public License 1.0 (EPL-1.0)": ("EPL-1.0", 0.95, ""),
    "OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)": ("EPL-2.0", 0.95, ""),
    "OSI Approved :: Educational Community License, Version 2.0 (ECL-2.0)": ("ECL-2.0", 0.95, ""),
    "OSI Approved :: Eiffel Forum License": (None, 0.0, "EFL-1.0 or EFL-2.0: the classifier does not say"),
    "OSI Approved :: European Union Public Licence 1.0 (EUPL 1.0)": ("EUPL-1.0", 0.95, ""),
    "OSI Approved :: European Union Public Licence 1.1 (EUPL 1.1)": ("EUPL-1.1", 0.95, ""),
    "OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)": ("EUPL-1.2", 0.95, ""),
    "OSI Approved :: GNU Affero General Public License v3": ("AGPL-3.0-only", 0.95, ""),
    "OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)": (
        "AGPL-3.0-or-later",
        0.95,
        "",
    ),
    "OSI Approved :: GNU Free Documentation License (FDL)": (None, 0.0, "GFDL 1.1, 1.2 or 1.3: not said"),
    "OSI Approved :: GNU General Public License (GPL)": (None, 0.0, "the GPL version is not said"),
    "OSI Approved :: GNU General Public License v2 (GPLv2)": ("GPL-2.0-only", 0.95, ""),
    "OSI Approved :: GNU General Public License v2 or later (GPLv2+)": ("GPL-2.0-or-later", 0.95, ""),
    "OSI Approved :: GNU General Public License v3 (GPLv3)": ("GPL-3.0-only", 0.95, ""),
    "OSI Approved :: GNU General Public License v3 or later (GPLv3+)": ("GPL-3.0-or-later", 0.95, ""),
    "OSI Approved :: GNU Lesser General Public License v2 (LGPLv2)": (
        "LGPL-2.0-only",
        0.75,
        "'Lesser' GPL version 2 is often written for version 2.1 (2.0 was the 'Library' GPL)",
    ),
    "OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)": (
        "LGPL-2.0-or-later",
        0.85,
        "'Lesser' GPL version 2 is often written for version 2.1 (2.0 was the 'Library' GPL)",
    ),
    "OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)": ("LGPL-3.0-only", 0.95, ""),
    "OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)": (
        "LGPL-3.0-or-later",
        0.95,
        "",
    ),
    "OSI Approved :: GNU Library or Lesser General Public License (LGPL)": (
        None,
        0.0,
        "the LGPL version is not said",
    ),
    "OSI Approved :: Historical Permission Notice and Disclaimer (HPND)": ("HPND", 0.9, ""),
    "OSI Approved :: IBM Public License": ("IPL-1.0", 0.9, "only IPL 1.0 was ever published"),
    "OSI Approved :: ISC License (ISCL)": ("ISC", 0.95, ""),
    "OSI Approved :: MIT License": ("MIT", 0.95, ""),
    "OSI Approved :: MIT No Attribution License (MIT-0)": ("MIT-0", 0.95, ""),
    "OSI Approved :: MirOS License (MirOS)": ("MirOS", 0.95, ""),
    "OSI Approved :: Motosoto License": ("Motosoto", 0.95, ""),
    "OSI Approved :: Mozilla Public License 1.0 (MPL)": ("MPL-1.0", 0.95, ""),
    "OSI Approved :: Mozilla Public License 1.1 (MPL 1.1)": ("MPL-1.1", 0.95, ""),
    "OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)": ("MPL-2.0", 0.95, ""),
    "OSI Approved :: Mulan Permissive Software License v2 (MulanPSL-2.0)": ("MulanPSL-2.0", 0.95, ""),
    "OSI Approved :: NASA Open Source Agreement v1.3 (NASA-1.3)": ("NASA-1.3", 0.95, ""),
    "OSI Approved :: Nethack General Public License": ("NGPL", 0.95, ""),
    "OSI Approved :: Nokia Open Source License": ("Nokia", 0.9, ""),
    "OSI Approved :: Open Group Test Suite License": ("OGTSL", 0.95, ""),
    "OSI Approved :: Open Software License 3.0 (OSL-3.0)": ("OSL-3.0", 0.95, ""),
    "OSI Approved :: PostgreSQL License": ("PostgreSQL", 0.95, ""),
    "OSI Approved :: Python License (CNRI Python License)": ("CNRI-Python", 0.9, ""),
    "OSI Approved :: Python Software Foundation License": ("PSF-2.0", 0.9, ""),
    "OSI Approved :: Qt Public License (QPL)": (None, 0.0, "QPL-1.0 or its INRIA variant: not said"),
    "OSI Approved :: Ricoh Source Code Public License": ("RSCPL", 0.95, ""),
    "OSI Approved :: SIL Open Font License 1.1 (OFL-1.1)": ("OFL-1.1", 0.95, ""),
    "OSI Approved :: Sleepycat License": ("Sleepycat", 0.95, ""),
    "OSI Approved :: Sun Public License": ("SPL-1.0", 0.9, "only SPL 1.0 was ever published"),
    "OSI Approved :: The Unlicense (Unlicense)": ("Unlicense", 0.95, ""),
    "OSI Approved :: Universal Permissive License (UPL)": ("UPL-1.0", 0.9, "only UPL 1.0 was ever published"),
    "OSI Approved :: University of Illinois/NCSA Open Source License": ("NCSA", 0.95, ""),
    "OSI Approved :: Vovida Software License 1.0": ("VSL-1.0", 0.95, ""),
    "OSI Approved :: W3C License": (None, 0.0, "W3C's 1998, 2002 and 2015 notices differ: not said"),
    "OSI Approved :: Zero-Clause BSD (0BSD)": ("0BSD", 0.95, ""),
    "OSI Approved :: Zope Public License": (None, 0.0, "ZPL 1.1, 2.0 or 2.1: not said"),
    "OSI Approved :: zlib/libpng License": ("Zlib", 0.9, ""),
    "Other/Proprietary License": (None, 0.0, "says only that the licence is not one of the listed ones"),
    "Public Domain": (
        "LicenseRef-scancode-public-domain",
        0.6,
        "a public-domain claim, not a licence; German law knows no waiver of all rights: review it",
    ),
    "Repoze Public License": ("BSD-3-Clause-Modification", 0.85, ""),
}

#: classifiers that name a family: the ids they could stand for
CLASSIFIER_FAMILIES: dict[str, tuple[str, ...]] = {
    "Aladdin Free Public License (AFPL)": ("Aladdin",),
    "Eiffel Forum License (EFL)": ("EFL-",),
    "Netscape Public License (NPL)": ("NPL-",),
    "OSI Approved :: Academic Free License (AFL)": ("AFL-",),
    "OSI Approved :: Apache Software License": ("Apache-",),
    "OSI Approved :: Apple Public Source License": ("APSL-",),
    "OSI Approved :: Artistic License": ("Artistic-", "ClArtistic"),
    "OSI Approved :: BSD License": ("BSD-", "0BSD"),
    "OSI Approved :: Eiffel Forum License": ("EFL-",),
    "OSI Approved :: GNU Free Documentation License (FDL)": ("GFDL-",),
    "OSI Approved :: GNU General Public License (GPL)": ("GPL-",),
    "OSI Approved :: GNU Library or Lesser General Public License (LGPL)": ("LGPL-",),
    "OSI Approved :: Qt Public License (QPL)": ("QPL-",),
    "OSI Approved :: W3C License": ("W3C",),
    "OSI Approved :: Zope Public License": ("ZPL-",),
    # these say something about a licence without naming one: any licence makes them redundant
    "OSI Approved": ("",),
    "DFSG approved": ("",),
    "Other/Proprietary License": ("",),
}


def lookup(classifier: str) -> tuple[str | None, float, str] | None:
    """What a ``License ::`` classifier says; ``None`` for a classifier this table does not know."""
    return CLASSIFIERS.get(_body(classifier))


def family(classifier: str) -> tuple[str, ...] | None:
    """The ids a family classifier could stand for; ``None`` for any other classifier."""
    return CLASSIFIER_FAMILIES.get(_body(classifier))


def _body(classifier: str) -> str:
    """ "License :: OSI Approved :: MIT License" -> "OSI Approved :: MIT License" (spacing folded)."""
    body = " ".join(classifier.split())
    head = PREFIX.strip()
    if body.startswith(head):
        body = body[len(head) :].strip().lstrip(":").strip()
    return body

"""Every ``License ::`` trove classifier of PyPI, and what it tells.

A classifier that names a licence family without a version ("BSD License", "Apache Software
License", "GNU General Public License (GPL)", "GNU Library or Lesser General Public License (LGPL)")
is unknown: it maps to ``None`` and lists, in :data:`CLASSIFIER_FAMILIES`, the ids it could stand
for, so that it is dropped beside an exact id and never decides a licence on its own.
"""

from __future__ import annotations

from osscheck.messages import Message

PREFIX = "License :: "

# notes several classifiers share
_EFL = Message("note.classifier-two-choices", first="EFL-1.0", second="EFL-2.0")
_USAGE = Message("note.usage-permission")
_LESSER_GPL_2 = Message("note.lesser-gpl-2")

#: classifier (after "License :: ") -> (SPDX id or None, confidence, note or None)
CLASSIFIERS: dict[str, tuple[str | None, float, Message | None]] = {
    "Aladdin Free Public License (AFPL)": (
        None,
        0.0,
        Message("note.several-versions-none-named", family="AFPL"),
    ),
    "CC0 1.0 Universal (CC0 1.0) Public Domain Dedication": ("CC0-1.0", 0.95, None),
    "CeCILL-B Free Software License Agreement (CECILL-B)": ("CECILL-B", 0.95, None),
    "CeCILL-C Free Software License Agreement (CECILL-C)": ("CECILL-C", 0.95, None),
    "DFSG approved": (None, 0.0, Message("note.classifier-dfsg")),
    "Eiffel Forum License (EFL)": (None, 0.0, _EFL),
    "Free For Educational Use": (None, 0.0, _USAGE),
    "Free For Home Use": (None, 0.0, _USAGE),
    "Free To Use But Restricted": (None, 0.0, _USAGE),
    "Free for non-commercial use": (None, 0.0, _USAGE),
    "Freely Distributable": (None, 0.0, _USAGE),
    "Freeware": (None, 0.0, _USAGE),
    "GUST Font License 1.0": ("LicenseRef-scancode-gust-font-1.0", 0.9, None),
    "GUST Font License 2006-09-30": ("LicenseRef-scancode-gust-font-2006-09-30", 0.9, None),
    "Netscape Public License (NPL)": (
        None,
        0.0,
        Message("note.classifier-two-choices", first="NPL-1.0", second="NPL-1.1"),
    ),
    "Nokia Open Source License (NOKOS)": ("Nokia", 0.9, None),
    "OSI Approved": (None, 0.0, Message("note.classifier-osi-approved")),
    "OSI Approved :: Academic Free License (AFL)": (
        None,
        0.0,
        Message("note.several-versions", family="AFL"),
    ),
    "OSI Approved :: Apache Software License": (
        None,
        0.0,
        Message("note.classifier-three-choices", first="Apache-1.0", second="1.1", third="2.0"),
    ),
    "OSI Approved :: Apple Public Source License": (
        None,
        0.0,
        Message("note.several-versions", family="APSL"),
    ),
    "OSI Approved :: Artistic License": (
        None,
        0.0,
        Message("note.classifier-two-choices", first="Artistic-1.0", second="2.0"),
    ),
    "OSI Approved :: Attribution Assurance License": ("AAL", 0.95, None),
    "OSI Approved :: BSD License": (
        None,
        0.0,
        Message("note.classifier-does-not-say", choices="BSD-2-Clause, BSD-3-Clause, ..."),
    ),
    "OSI Approved :: Blue Oak Model License (BlueOak-1.0.0)": ("BlueOak-1.0.0", 0.95, None),
    "OSI Approved :: Boost Software License 1.0 (BSL-1.0)": ("BSL-1.0", 0.95, None),
    "OSI Approved :: CEA CNRS Inria Logiciel Libre License, version 2.1 (CeCILL-2.1)": (
        "CECILL-2.1",
        0.95,
        None,
    ),
    "OSI Approved :: CMU License (MIT-CMU)": ("MIT-CMU", 0.95, None),
    "OSI Approved :: Common Development and Distribution License 1.0 (CDDL-1.0)": ("CDDL-1.0", 0.95, None),
    "OSI Approved :: Common Public License": (
        "CPL-1.0",
        0.9,
        Message("note.only-version-published", version="CPL 1.0"),
    ),
    "OSI Approved :: Eclipse Public License 1.0 (EPL-1.0)": ("EPL-1.0", 0.95, None),
    "OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)": ("EPL-2.0", 0.95, None),
    "OSI Approved :: Educational Community License, Version 2.0 (ECL-2.0)": ("ECL-2.0", 0.95, None),
    "OSI Approved :: Eiffel Forum License": (None, 0.0, _EFL),
    "OSI Approved :: European Union Public Licence 1.0 (EUPL 1.0)": ("EUPL-1.0", 0.95, None),
    "OSI Approved :: European Union Public Licence 1.1 (EUPL 1.1)": ("EUPL-1.1", 0.95, None),
    "OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)": ("EUPL-1.2", 0.95, None),
    "OSI Approved :: GNU Affero General Public License v3": ("AGPL-3.0-only", 0.95, None),
    "OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)": (
        "AGPL-3.0-or-later",
        0.95,
        None,
    ),
    "OSI Approved :: GNU Free Documentation License (FDL)": (
        None,
        0.0,
        Message("note.three-versions-not-said", first="GFDL 1.1", second="1.2", third="1.3"),
    ),
    "OSI Approved :: GNU General Public License (GPL)": (
        None,
        0.0,
        Message("note.version-not-said", family="GPL"),
    ),
    "OSI Approved :: GNU General Public License v2 (GPLv2)": ("GPL-2.0-only", 0.95, None),
    "OSI Approved :: GNU General Public License v2 or later (GPLv2+)": ("GPL-2.0-or-later", 0.95, None),
    "OSI Approved :: GNU General Public License v3 (GPLv3)": ("GPL-3.0-only", 0.95, None),
    "OSI Approved :: GNU General Public License v3 or later (GPLv3+)": ("GPL-3.0-or-later", 0.95, None),
    "OSI Approved :: GNU Lesser General Public License v2 (LGPLv2)": (
        "LGPL-2.0-only",
        0.75,
        _LESSER_GPL_2,
    ),
    "OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)": (
        "LGPL-2.0-or-later",
        0.85,
        _LESSER_GPL_2,
    ),
    "OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)": ("LGPL-3.0-only", 0.95, None),
    "OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)": (
        "LGPL-3.0-or-later",
        0.95,
        None,
    ),
    "OSI Approved :: GNU Library or Lesser General Public License (LGPL)": (
        None,
        0.0,
        Message("note.version-not-said", family="LGPL"),
    ),
    "OSI Approved :: Historical Permission Notice and Disclaimer (HPND)": ("HPND", 0.9, None),
    "OSI Approved :: IBM Public License": (
        "IPL-1.0",
        0.9,
        Message("note.only-version-published", version="IPL 1.0"),
    ),
    "OSI Approved :: ISC License (ISCL)": ("ISC", 0.95, None),
    "OSI Approved :: MIT License": ("MIT", 0.95, None),
    "OSI Approved :: MIT No Attribution License (MIT-0)": ("MIT-0", 0.95, None),
    "OSI Approved :: MirOS License (MirOS)": ("MirOS", 0.95, None),
    "OSI Approved :: Motosoto License": ("Motosoto", 0.95, None),
    "OSI Approved :: Mozilla Public License 1.0 (MPL)": ("MPL-1.0", 0.95, None),
    "OSI Approved :: Mozilla Public License 1.1 (MPL 1.1)": ("MPL-1.1", 0.95, None),
    "OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)": ("MPL-2.0", 0.95, None),
    "OSI Approved :: Mulan Permissive Software License v2 (MulanPSL-2.0)": ("MulanPSL-2.0", 0.95, None),
    "OSI Approved :: NASA Open Source Agreement v1.3 (NASA-1.3)": ("NASA-1.3", 0.95, None),
    "OSI Approved :: Nethack General Public License": ("NGPL", 0.95, None),
    "OSI Approved :: Nokia Open Source License": ("Nokia", 0.9, None),
    "OSI Approved :: Open Group Test Suite License": ("OGTSL", 0.95, None),
    "OSI Approved :: Open Software License 3.0 (OSL-3.0)": ("OSL-3.0", 0.95, None),
    "OSI Approved :: PostgreSQL License": ("PostgreSQL", 0.95, None),
    "OSI Approved :: Python License (CNRI Python License)": ("CNRI-Python", 0.9, None),
    "OSI Approved :: Python Software Foundation License": ("PSF-2.0", 0.9, None),
    "OSI Approved :: Qt Public License (QPL)": (None, 0.0, Message("note.qpl-variant-not-said")),
    "OSI Approved :: Ricoh Source Code Public License": ("RSCPL", 0.95, None),
    "OSI Approved :: SIL Open Font License 1.1 (OFL-1.1)": ("OFL-1.1", 0.95, None),
    "OSI Approved :: Sleepycat License": ("Sleepycat", 0.95, None),
    "OSI Approved :: Sun Public License": (
        "SPL-1.0",
        0.9,
        Message("note.only-version-published", version="SPL 1.0"),
    ),
    "OSI Approved :: The Unlicense (Unlicense)": ("Unlicense", 0.95, None),
    "OSI Approved :: Universal Permissive License (UPL)": (
        "UPL-1.0",
        0.9,
        Message("note.only-version-published", version="UPL 1.0"),
    ),
    "OSI Approved :: University of Illinois/NCSA Open Source License": ("NCSA", 0.95, None),
    "OSI Approved :: Vovida Software License 1.0": ("VSL-1.0", 0.95, None),
    "OSI Approved :: W3C License": (None, 0.0, Message("note.w3c-notices-not-said")),
    "OSI Approved :: Zero-Clause BSD (0BSD)": ("0BSD", 0.95, None),
    "OSI Approved :: Zope Public License": (
        None,
        0.0,
        Message("note.three-versions-not-said", first="ZPL 1.1", second="2.0", third="2.1"),
    ),
    "OSI Approved :: zlib/libpng License": ("Zlib", 0.9, None),
    "Other/Proprietary License": (None, 0.0, Message("note.classifier-other")),
    "Public Domain": (
        "LicenseRef-scancode-public-domain",
        0.6,
        Message("note.public-domain-claim"),
    ),
    "Repoze Public License": ("BSD-3-Clause-Modification", 0.85, None),
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


def lookup(classifier: str) -> tuple[str | None, float, Message | None] | None:
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

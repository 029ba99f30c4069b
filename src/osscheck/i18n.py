"""The language of a run, and the report words in it.

English is the source language, German is for the users. Every text is in the catalogues
(osscheck.catalogue): findings and errors are messages (osscheck.messages) rendered in the report's
language, and report words are looked up here by their English text, the way gettext keys by msgid.
"""

from __future__ import annotations

import os

from osscheck.messages import LANGUAGES, translator

__all__ = ["LANGUAGES", "detect", "translator"]


def detect(explicit: str | None = None) -> str:
    """The language to use: an explicit choice, else LANGUAGE / LC_ALL / LC_MESSAGES / LANG."""
    if explicit:
        return explicit if explicit in LANGUAGES else "en"
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "de" if value.lower().startswith("de") else "en"
    return "en"

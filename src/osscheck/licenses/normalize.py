"""Messy licence text -> SPDX expression, with the method used and a confidence.

Real metadata says "Apache 2.0", "GPLv2+", "BSD", a trove classifier, a URL, "SEE LICENSE IN
LICENSE" or a whole pasted licence text. :func:`normalize` recognises what can be recognised and
says "unknown" (``license`` is ``None``) where the text does not say enough: a wrong licence is
worse than none, because an unknown licence goes to a person and a wrong one passes silently.

Order of recognition: clean SPDX (also with deprecated ids and case slips) -> npm markers
(UNLICENSED, SEE LICENSE IN) -> trove classifier -> URL -> licence name (hand-written aliases, SPDX
full names, ScanCode keys, GNU spellings) -> combinations of names (or / and / with; a comma or
slash is ambiguous and says so) -> pasted licence text.

Confidence: clean SPDX 1.0; corrected SPDX 0.95; names and aliases 0.85-0.95; URLs 0.85-0.95;
texts 0.85 at most; anything the policy should not accept without a look is below 0.8.
Tables are built on first use; results are cached by (text, kind).
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from pathlib import Path

from osscheck.errors import ExpressionError
from osscheck.licenses import aliases, catalog, classifiers, texts, urls
from osscheck.licenses.expression import (
    And,
    Or,
    bracket_readings,
    is_no_assertion,
    leaf_license,
    leaves,
    parse,
)
from osscheck.licenses.recognition import Normalized
from osscheck.messages import Message

UNKNOWN = Normalized(None, "unrecognised", 0.0)
NONE = Normalized(None, "none", 0.0)

#: npm's "UNLICENSED": the package grants no licence at all. Categorised as proprietary by the catalogue.
PROPRIETARY = "LicenseRef-scancode-proprietary-license"

#: how much of a pasted text is looked at (licence texts are a few kB; the rest is noise)
MAX_TEXT = 200_000
#: a name longer than this (its white space collapsed) is read as a licence text
_NAME_LIMIT = 200
#: the most connectors (or, and, comma, ...) a name may hold before it is not taken apart
_MAX_PARTS = 16

_SEE_LICENSE_RE = re.compile(r"^see\s+licen[cs]e\s+in\s+(?P<file>.+)$", re.IGNORECASE)
_SPDX_CHARS_RE = re.compile(r"^[A-Za-z0-9.+\-:() ]+$")
_SPDX_TOKEN_RE = re.compile(r"[()\s]+")
_OPERATORS = frozenset({"and", "or", "with"})
_WITH_RE = re.compile(r"\s+with\s+(?:the\s+)?|\s*\bw/\s*", re.IGNORECASE)
_CONNECTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # ", and" / ", or" bind loosest (Debian: "GPL-2+ or AFL-2.1, and Expat" = (GPL-2+ or AFL-2.1) and Expat)
    ("AND", re.compile(r"\s*,\s*and\s+", re.IGNORECASE)),
    ("OR", re.compile(r"\s*,\s*or\s+", re.IGNORECASE)),
    ("OR", re.compile(r"\s+(?:and/or|or)\s+", re.IGNORECASE)),
    ("AND", re.compile(r"\s+and\s+|\s*&\s*", re.IGNORECASE)),
    ("AMBIGUOUS", re.compile(r"\s*[,;]\s*|\s*/\s*|\s*\+\s*(?=[A-Za-z])")),
)
_PARENS_RE = re.compile(r"\s*\([^()]*\)")
_PARENS_CONTENT_RE = re.compile(r"\(([^()]*)\)")
_HOST_PATH_RE = re.compile(r"^[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+/\S*$")
_SENTENCE_RE = re.compile(
    r"^(?:(?:this|the)\s+(?:software|program|package|library|project|code|work)\s+is\s+)?"
    r"(?:(?:(?:dual[- ])?licen[cs]ed|released|distributed|made\s+available|available)\s+under\s+"
    r"(?:the\s+)?(?:terms\s+of\s+(?:the\s+)?)?|(?:at\s+)?your\s+choice\s+of\s+(?:the\s+)?)(?P<name>.+)$",
    re.IGNORECASE,
)
_SENTENCE_TAIL_RE = re.compile(
    r"(?:\s*\((?:the\s+\W?license\W?|see)\b.*|,?\s+(?:see|by|please)\s.*|\.\s+(?:please\s+)?see\s.*|\.$)$",
    re.IGNORECASE,
)

_UNMATCHED_NOTE = Message("note.unmatched-brackets")
_AMBIGUOUS_NOTE = Message("note.ambiguous-separator")


@lru_cache(maxsize=65536)
def normalize(text: str, kind: str = "expression") -> Normalized:
    """Recognise one declaration. ``kind`` is what sort of field it came from (see Declaration)."""
    if not isinstance(text, str) or is_no_assertion(text):
        return NONE
    try:
        return _normalize(text, kind)
    except ExpressionError as exc:  # too long or too deeply nested for the expression parser
        return Normalized(None, "unrecognised", 0.0, (exc.message,))


def _normalize(text: str, kind: str) -> Normalized:
    stripped = text.strip()[:MAX_TEXT]
    if kind == "text":
        return _from_text(stripped)
    # an XML or YAML field wraps a long name over lines: it is still a name, not a pasted text
    name = _collapsed(stripped)
    if len(name) > _NAME_LIMIT:
        # a long but clean expression ("(MIT OR ...)" over 200 characters) is still an expression
        spdx = _from_spdx(name) if _SPDX_CHARS_RE.match(name) else None
        return spdx or _from_text(stripped)
    found = _from_short(name, kind)
    if "\n" in stripped and found.license is None and found.method == "unrecognised":
        return _from_text(stripped)  # a short text of several lines may still be a licence text
    return found


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def _from_short(text: str, kind: str) -> Normalized:
    """A name, id, expression, classifier or URL on one line."""
    stripped = text.strip("\"'` ")
    if stripped.startswith("License ::"):
        return _from_classifier(stripped)
    if urls.looks_like_url(stripped):
        return _from_url(stripped)
    if kind == "url" and _HOST_PATH_RE.match(stripped):
        return _from_url("https://" + stripped)  # "opensource.org/licenses/MIT" without a scheme
    # a classifier or URL field holding something else (a name, an id) is read as what it is
    return _npm_marker(stripped) or _from_spdx(stripped) or _from_name(stripped)


def family_of(text: str, kind: str = "name") -> tuple[str, ...] | None:
    """The id prefixes a declaration that only names a licence family could stand for.

    ``("BSD-", "0BSD")`` for "BSD" or the classifier "BSD License"; ``("",)`` for a statement that
    names no licence at all ("OSI Approved"); ``None`` when the text is not such a vague form.
    """
    if not isinstance(text, str):
        return None
    stripped = _collapsed(text).strip("\"'` ")
    if stripped.startswith("License ::"):
        return classifiers.family(stripped)
    if urls.looks_like_url(stripped) or (kind == "url" and _HOST_PATH_RE.match(stripped)):
        found = urls.match(stripped)
        return found.family if found is not None and found.family else None
    return _family(stripped)


def normalize_file_reference(text: str, package_dir: str | Path) -> Normalized:
    """npm's ``"SEE LICENSE IN <file>"``, read from the package folder when the file is at hand.

    Readers that know the package's folder (node_modules, an unpacked archive) call this instead of
    :func:`normalize`. The file must lie inside ``package_dir``; it is recognised as a licence text.
    """
    m = _SEE_LICENSE_RE.match(text.strip()) if isinstance(text, str) else None
    if m is None:
        return normalize(text, "expression")
    name = m.group("file").strip().strip("\"'")
    if urls.looks_like_url(name):
        return _from_url(name)
    missing = Normalized(None, "file-reference", 0.0, (Message("note.licence-file-missing", file=name),))
    try:
        base = Path(package_dir).resolve()
        target = (base / name).resolve()
        if base not in target.parents or not target.is_file():
            return missing
        with target.open("rb") as fh:
            content = fh.read(MAX_TEXT).decode("utf-8", errors="replace")
    except ValueError:  # a name no file system accepts (a NUL byte)
        return missing
    except OSError as exc:
        unreadable = Message("input.cannot-read-named", name=name, problem=exc.strerror or str(exc))
        return Normalized(None, "file-reference", 0.0, (unreadable,))
    found = normalize(content, "text")
    read = Message("note.read-from-file", file=name)
    return Normalized(found.license, found.method, found.confidence, (read, *found.notes))


# --- npm markers -----------------------------------------------------------------------------


def _npm_marker(text: str) -> Normalized | None:
    if text == "UNLICENSED":
        return Normalized(PROPRIETARY, "npm", 0.95, (Message("note.npm-unlicensed"),))
    if text.lower() == "unlicensed":
        return Normalized(None, "ambiguous", 0.0, (Message("note.unlicensed-ambiguous"),))
    m = _SEE_LICENSE_RE.match(text)
    if m:
        name = m.group("file").strip()
        return Normalized(None, "file-reference", 0.0, (Message("note.licence-in-package-file", file=name),))
    return None


# --- SPDX expressions, with slips ------------------------------------------------------------


def _from_spdx(text: str) -> Normalized | None:
    """A (nearly) clean SPDX expression; ``None`` when it is not one, so that names are tried."""
    if not _SPDX_CHARS_RE.match(text):
        return None
    substituted: list[Message] = []
    confidence = 1.0
    notes: list[Message] = []
    parts: list[str] = []
    tokens = [t for t in _SPDX_TOKEN_RE.split(text) if t]
    symbols = [t.lower() not in _OPERATORS for t in tokens]
    if any(a and b for a, b in itertools.pairwise(symbols)):
        return None  # two names side by side ("GPL v2", "Apache License 2.0"): not an expression
    after_with = False
    for token in tokens:
        if token.lower() in _OPERATORS:
            after_with = token.lower() == "with"
            parts.append(token.upper())
            continue
        if after_with or _is_spdx_symbol(token):
            parts.append(token)
            after_with = False
            continue
        if token.endswith("+") and _is_spdx_symbol(token[:-1]):
            parts.append(token)
            continue
        if len(tokens) > 1 and _family(token) is not None:
            return _ambiguous(token)
        found = _lookup_name(token)
        if found is None or found.license is None:
            return None  # not an SPDX expression: the name path may still read it
        # brackets only where there is something around: "PSFL" alone stays a single id, which
        # expression.parse reads without building license-expression's symbol table
        parts.append(f"({found.license})" if len(tokens) > 1 else found.license)
        substituted.append(Message("note.read-as", written=token, reading=found.license))
        substituted.extend(found.notes)
        confidence = min(confidence, found.confidence)
    rebuilt = _rebuild(text, parts)
    if not _balanced(rebuilt):
        return _repaired(rebuilt, confidence, tuple(substituted))
    try:
        parsed = parse(rebuilt)
    except ExpressionError:
        return None
    if parsed.expression is None:
        return NONE
    if parsed.unknown and not all(u.startswith(("LicenseRef-", "DocumentRef-")) for u in parsed.unknown):
        return None
    notes.extend(parsed.notes)
    notes.extend(substituted)
    if any(n.code == "note.not-an-spdx-exception" for n in parsed.notes):
        confidence = min(confidence, 0.7)  # an exception nobody can look up: a person reads it
    if substituted:
        return Normalized(parsed.normalized, "alias", confidence, tuple(notes))
    if not parsed.notes and _tokens(parsed.normalized) == _tokens(text):  # type: ignore[arg-type]
        return Normalized(parsed.normalized, "spdx", 1.0)  # as written, brackets aside
    return Normalized(parsed.normalized, "spdx-corrected", min(confidence, 0.95), tuple(notes))


def _repaired(expression: str, confidence: float, notes: tuple[Message, ...]) -> Normalized | None:
    """An expression whose brackets do not match: kept only where every repair reads alike.

    Reading the brackets the lenient way could turn "MIT OR SSPL-1.0) AND GPL-3.0-only" into a
    choice of MIT; which licences the author meant to group is for a person to say.
    """
    readings = bracket_readings(expression)
    if readings is None:
        return Normalized(None, "ambiguous", 0.0, (_UNMATCHED_NOTE,))
    if not readings:
        return None  # no repair is an expression: the name path may still read it
    if len(readings) > 1:
        shown = sorted(readings)[:3]  # the first three readings are named
        if len(shown) == 2:
            unclear = Message("note.unmatched-brackets-two-readings", first=shown[0], second=shown[1])
        else:
            unclear = Message(
                "note.unmatched-brackets-three-readings", first=shown[0], second=shown[1], third=shown[2]
            )
        return Normalized(None, "ambiguous", 0.0, (unclear,))
    (reading,) = readings
    note = Message("note.brackets-repaired", reading=reading)
    return Normalized(reading, "spdx-corrected", min(confidence, 0.9), (*notes, note))


def _tokens(expression: str) -> list[str]:
    return [t for t in _SPDX_TOKEN_RE.split(expression) if t]


def _rebuild(text: str, parts: list[str]) -> str:
    """Put substituted symbols back, keeping the brackets of the original text."""
    out: list[str] = []
    pieces = iter(parts)
    for chunk in re.split(r"([()\s]+)", text):
        if not chunk:
            continue
        if re.fullmatch(r"[()\s]+", chunk):
            out.append(chunk)
        else:
            out.append(next(pieces))
    return "".join(out)


def _is_spdx_symbol(token: str) -> bool:
    """An id of the SPDX list (current or deprecated, any case), an exception, or a LicenseRef."""
    if token.startswith(("LicenseRef-", "DocumentRef-")):
        return True
    return token.lower() in _spdx_ids() or catalog.lookup_exception(token) is not None


@lru_cache(maxsize=1)
def _spdx_ids() -> frozenset[str]:
    ids = {k.lower() for k in catalog.spdx_ids()}
    ids.update(k.lower() for k in catalog.all_keys() if k.startswith("LicenseRef-scancode-"))
    ids.update(k.lower() for k in _DEPRECATED_WITH_IDS)
    return frozenset(ids)


_DEPRECATED_WITH_IDS = (
    "GPL-2.0-with-autoconf-exception",
    "GPL-2.0-with-bison-exception",
    "GPL-2.0-with-classpath-exception",
    "GPL-2.0-with-font-exception",
    "GPL-2.0-with-GCC-exception",
    "GPL-3.0-with-autoconf-exception",
    "GPL-3.0-with-GCC-exception",
)


# --- classifiers and URLs ---------------------------------------------------------------------


def _from_classifier(text: str) -> Normalized:
    found = classifiers.lookup(text)
    if found is None:
        # a classifier newer than the table: its "(ID)" suffix may still be an SPDX id
        m = re.search(r"\(([A-Za-z0-9.+\-]+)\)\s*$", text)
        if m and _is_spdx_symbol(m.group(1)):
            spdx = _from_spdx(m.group(1))
            if spdx is not None and spdx.license is not None:
                return Normalized(
                    spdx.license, "classifier", 0.85, (Message("note.classifier-not-in-table"),)
                )
        return Normalized(None, "unrecognised", 0.0, (Message("note.unknown-classifier"),))
    license_key, confidence, note = found
    notes = (note,) if note else ()
    if license_key is None:
        return Normalized(None, "ambiguous", 0.0, notes)
    return Normalized(parse(license_key).normalized, "classifier", confidence, notes)


def _from_url(text: str) -> Normalized:
    pieces = re.split(r"\s+(?:and|&)\s+|\s*,\s*|\s+", text.strip())
    if len(pieces) > 1 and all(urls.looks_like_url(p) for p in pieces):
        results = [_from_url(p) for p in pieces]
        return _join(results, "AND", (Message("note.several-urls"),))
    found = urls.match(text)
    if found is None:
        return Normalized(None, "unrecognised", 0.0, (Message("note.unknown-url"),))
    notes = (found.note,) if found.note else ()
    if found.license is None:
        return Normalized(None, "ambiguous", 0.0, notes or (Message("note.url-names-family"),))
    if found.id_like:
        if not _is_spdx_symbol(found.license):
            return Normalized(None, "unrecognised", 0.0, (Message("note.not-an-spdx-id", id=found.license),))
        spdx = _from_spdx(found.license)
        if spdx is None or spdx.license is None:
            return Normalized(None, "unrecognised", 0.0)
        return Normalized(spdx.license, "url", found.confidence, notes)
    return Normalized(parse(found.license).normalized, "url", found.confidence, notes)


# --- names ------------------------------------------------------------------------------------


def _from_name(text: str) -> Normalized:
    text = _unwrap(text)
    found = _recognise(text)
    if found is not None:
        return found
    family = _family(text)
    if family is not None:
        return _ambiguous(text)
    sentence = _from_sentence(text)
    if sentence is not None:
        return sentence
    if len(text) > 60:
        from_text = texts.recognise(text)
        if from_text is not None and from_text.license is not None:
            return _text_result(from_text)
    return UNKNOWN


def _from_sentence(text: str) -> Normalized | None:
    """ "Licensed under the Apache License, Version 2.0 (the "License")", "Your choice of MIT or ..."."""
    m = _SENTENCE_RE.match(text)
    if m is None:
        return None
    name = _SENTENCE_TAIL_RE.sub("", m.group("name")).strip(" .;:,\"'`")
    if not name or name == text:
        return None
    found = _recognise(name)
    if found is None or found.license is None:
        return _ambiguous(name) if _family(name) is not None else None
    note = Message("note.read-from-sentence", sentence=text)
    return Normalized(found.license, found.method, min(found.confidence, 0.85), (*found.notes, note))


def _recognise(text: str) -> Normalized | None:
    """A name, a name WITH an exception, or names joined by or / and / comma."""
    connectors = sum(len(pattern.findall(text)) for _, pattern in _CONNECTORS)
    if connectors > _MAX_PARTS:
        return _single(text)  # too many parts to take apart safely (and cheaply)
    if connectors and not _balanced(text):
        # "MIT License or SSPL) and GPL v3": the parts cannot be told without the brackets
        return _single(text) or Normalized(None, "ambiguous", 0.0, (_UNMATCHED_NOTE,))
    return _combination(text)


@lru_cache(maxsize=4096)
def _combination(text: str) -> Normalized | None:
    single = _single(text)
    if single is not None:
        return single
    for operator, pattern in _CONNECTORS:
        for m in pattern.finditer(text):
            left, right = text[: m.start()].strip(), text[m.end() :].strip()
            if not left or not right:
                continue
            first = _combination(left) if pattern.pattern.startswith("\\s*,") else _single(left)
            if first is None or first.license is None:
                continue
            rest = _combination(right)
            if rest is None or rest.license is None:
                continue
            if operator == "AMBIGUOUS":
                joined = _join([first, rest], "AND", (_AMBIGUOUS_NOTE,))
                return Normalized(joined.license, joined.method, min(joined.confidence, 0.6), joined.notes)
            return _join([first, rest], operator)
    return None


@lru_cache(maxsize=4096)
def _single(text: str) -> Normalized | None:
    """One licence name, possibly with an exception ("GPL v2 with the Classpath exception")."""
    found = _lookup_name(text)
    if found is not None:
        return found
    parts = _WITH_RE.split(text, maxsplit=1)
    if len(parts) != 2:
        return None
    base = _lookup_name(parts[0].strip(" ,"))
    if base is None or base.license is None:
        return None
    parsed = parse(base.license).expression
    if parsed is None or " " in base.license:
        return None
    exception = aliases.exception_for(parts[1], base.license)
    if exception is None:
        unknown = Message("note.unknown-exception", exception=parts[1].strip(), license=base.license)
        return Normalized(None, "unrecognised", 0.0, (unknown,))
    expression = parse(f"{base.license} WITH {exception}").normalized
    return Normalized(expression, base.method, min(base.confidence, 0.9), base.notes)


def _lookup_name(text: str) -> Normalized | None:
    """One licence by name: alias, SPDX full name or id in other spelling, ScanCode key."""
    families = aliases.folded_families()
    key = aliases.fold(text)
    if key in families:
        return None
    found = _lookup_key(key)
    if found is not None or "(" not in text:
        return found
    # "GNU General Public License (GPL), version 2": a bracket may only repeat the licence's name
    bare = aliases.fold(_PARENS_RE.sub(" ", text))
    if not bare or bare == key or bare in families:
        return None
    found = _lookup_key(bare)
    if found is None:
        return None
    for inside in _PARENS_CONTENT_RE.findall(text):
        folded = aliases.fold(inside)
        if folded in families:
            if not _in_family(found.license, families[folded]):
                return None
            continue
        repeated = _lookup_key(folded)
        if repeated is None or repeated.license != found.license:
            return None  # "MIT (with modifications)", "MIT (Apache-2.0)": not the same licence
    return found


def _in_family(expression: str | None, prefixes: tuple[str, ...]) -> bool:
    if expression is None:
        return False
    parsed = parse(expression).expression
    keys = [str(leaf_license(x).key) for x in leaves(parsed)] if parsed is not None else []
    return bool(keys) and all(any(k.startswith(p) for p in prefixes) for k in keys)


def _keys(text: str) -> list[str]:
    """Folded keys a family is looked up by: as written, and without brackets."""
    keys = [aliases.fold(text)]
    bare = _PARENS_RE.sub(" ", text).strip()
    if bare and bare != text:
        keys.append(aliases.fold(bare))
    return [k for k in dict.fromkeys(keys) if k]


def _lookup_key(key: str) -> Normalized | None:
    alias = aliases.folded_aliases().get(key)
    if alias is not None:
        expression, confidence = alias
        note = aliases.folded_notes().get(key)
        return Normalized(parse(expression).normalized, "alias", confidence, (note,) if note else ())
    names = _spdx_names()
    if key in names:
        return Normalized(names[key], "name", 0.95)
    if key + " only" in names and names[key + " only"].endswith("-only"):
        # a bare version means that version only
        return Normalized(names[key + " only"], "name", 0.9)
    ids = _folded_ids()
    if key in ids:
        canonical, deprecated = ids[key]
        return Normalized(canonical, "alias", 0.9 if deprecated else 0.95)
    scancode = _scancode_keys()
    if key in scancode:
        # a ScanCode key names one text, but short unversioned keys ("hp", "unicode") are also what
        # people call their own licences: those go to review
        versioned = re.search(r"\bv\d", key) is not None
        return Normalized(scancode[key], "name", 0.85 if versioned else 0.75)
    gnu = _gnu_long_name(key)
    if gnu is not None and gnu != key:
        return _lookup_key(gnu)
    return None


def _gnu_long_name(key: str) -> str | None:
    """ "gnu lesser general public v3 +" -> "lgpl v3 +" (the SPDX list has no "v3 +" spellings)."""
    body = key.removeprefix("gnu ")
    for long, abbr in aliases.GNU_LONG_NAMES.items():
        if body.startswith(long + " ") and re.match(r"v\d", body[len(long) + 1 :]):
            return f"{abbr} {body[len(long) + 1 :]}" if abbr else None
    return None


def _family(text: str) -> tuple[str, ...] | None:
    families = aliases.folded_families()
    for key in _keys(_unwrap(text)):
        if key in families:
            return families[key]
    return None


def _ambiguous(text: str) -> Normalized:
    return Normalized(None, "ambiguous", 0.0, (Message("note.licence-family", name=text),))


def _unwrap(text: str) -> str:
    text = text.strip().strip("\"'` ")
    while text.startswith("(") and text.endswith(")") and _balanced(text[1:-1]):
        text = text[1:-1].strip()
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if depth < 0:
            return False
    return depth == 0


def _join(results: list[Normalized], operator: str, notes: tuple[Message, ...] = ()) -> Normalized:
    if any(r.license is None for r in results):
        return Normalized(None, "unrecognised", 0.0, notes)
    operands: list[str] = []
    for r in results:
        node = parse(r.license).expression  # type: ignore[arg-type]
        same = And if operator == "AND" else Or
        for part in node.args if isinstance(node, same) else (node,):
            if str(part) not in operands:  # "MIT / MIT" is MIT
                operands.append(str(part))
    expression = parse(f" {operator} ".join(f"({o})" for o in operands)).normalized
    method = "+".join(dict.fromkeys(r.method for r in results))
    merged = tuple(dict.fromkeys(n for r in results for n in r.notes)) + notes
    return Normalized(expression, method, min(r.confidence for r in results), merged)


# --- texts ------------------------------------------------------------------------------------


def _from_text(text: str) -> Normalized:
    found = texts.recognise(text)
    if found is not None:
        if found.license is None:
            return Normalized(None, "text", 0.0, (found.note,) if found.note else ())
        return _text_result(found)
    name = _collapsed(text)
    if len(name) <= _NAME_LIMIT:
        short = _from_short(name, "name")
        if "\n" not in text or short.method != "unrecognised":
            return short  # a "text" field holding a name, or a name wrapped over lines
    return Normalized(None, "unrecognised", 0.0, (Message("note.uncommon-licence-text"),))


def _text_result(found: texts.TextMatch) -> Normalized:
    notes = (found.note,) if found.note else ()
    return Normalized(parse(found.license).normalized, "text", found.confidence, notes)


# --- tables built on first use ----------------------------------------------------------------


@lru_cache(maxsize=1)
def _spdx_names() -> dict[str, str]:
    """SPDX full names, folded -> current id. Names that fold alike for different ids are dropped."""
    return _unique((aliases.fold(name), _canonical(key)) for key, name in catalog.spdx_names().items())


@lru_cache(maxsize=1)
def _folded_ids() -> dict[str, tuple[str, bool]]:
    """SPDX ids written with spaces or other punctuation ("Apache 2.0"), folded -> (id, deprecated)."""
    listed = catalog.spdx_ids()  # id -> deprecated
    table = _unique((aliases.fold(key), _canonical(key)) for key in listed)
    return {k: (v, listed.get(v, True)) for k, v in table.items()}


@lru_cache(maxsize=1)
def _scancode_keys() -> dict[str, str]:
    """ScanCode licence keys ("bsd-new", "gpl-2.0-plus"), folded -> SPDX id."""
    pairs = []
    for entry in catalog._index():
        spdx = entry.get("spdx_license_key")
        key = entry.get("license_key") or ""
        if not spdx or entry.get("is_deprecated") or entry.get("is_exception") or "unknown" in key:
            continue
        pairs.append((aliases.fold(key), spdx))
    return _unique(pairs)


def _canonical(key: str) -> str:
    """The current id an SPDX id stands for, without the full expression parser (tables stay cheap)."""
    found = catalog.lookup(key)
    if found is not None:
        return found.key
    if key.endswith("+") and catalog.lookup(key[:-1]) is not None:
        return catalog.or_later_id(catalog.lookup(key[:-1]).key) or key  # type: ignore[union-attr]
    return ""  # an id that folds a licence and an exception together: read by the expression path


def _unique(pairs) -> dict[str, str]:  # type: ignore[no-untyped-def]
    table: dict[str, str] = {}
    clashes: set[str] = set()
    for folded, key in pairs:
        if not folded or not key:
            continue
        if folded in table and table[folded] != key:
            clashes.add(folded)
        table.setdefault(folded, key)
    for folded in clashes:
        del table[folded]
    return table

"""SPDX licence expressions: parse, validate and normalise, behind a small typed API.

license-expression does the parsing and knows the ids and their aliases; this module keeps its
quirks inside (some malformed input raises AttributeError or IndexError there), rewrites deprecated
ids and says so, accepts ``+`` on any id, keeps ``LicenseRef-*`` as valid but unknown symbols, and
caches results by input string: a large SBOM repeats a few hundred distinct strings.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from osscheck.errors import ExpressionError
from osscheck.messages import Message
from osscheck.snapshot import Memo

#: Values that mean "nobody said": they are unknown, never a licence.
NO_ASSERTION = frozenset({"", "NOASSERTION", "NONE", "UNKNOWN", "NOT SPECIFIED"})

_ID_RE = re.compile(r"^(?:DocumentRef-[A-Za-z0-9.\-]+:)?[A-Za-z0-9.\-]+\+?$")
_OPERATORS = frozenset({"AND", "OR", "WITH"})
_REF_RE = re.compile(r"^(?:DocumentRef-[A-Za-z0-9.\-]+:)?LicenseRef-[A-Za-z0-9.\-]+$")
_EMPTY_BRACKETS_RE = re.compile(r"\(\s*\)")
_BRACKET_TOKEN_RE = re.compile(r"[()]|[^()\s]+")
#: unmatched brackets a repair looks at, and the readings it tries (each is one parse), at most;
#: the characters parsed in all are bounded too, so that a hostile field costs a tenth of a second
_MAX_UNMATCHED = 2
_MAX_READINGS = 256
_MAX_REPAIR_CHARACTERS = 40_000

# Deprecated SPDX ids that fold a licence and an exception into one id; the SPDX list replaced
# them with ``X WITH exception``. license-expression would otherwise reject them as an exception
# used without WITH.
_DEPRECATED_WITH = {
    "GPL-2.0-with-autoconf-exception": "GPL-2.0-only WITH Autoconf-exception-2.0",
    "GPL-2.0-with-bison-exception": "GPL-2.0-or-later WITH Bison-exception-2.2",
    "GPL-2.0-with-classpath-exception": "GPL-2.0-only WITH Classpath-exception-2.0",
    "GPL-2.0-with-font-exception": "GPL-2.0-only WITH Font-exception-2.0",
    "GPL-2.0-with-GCC-exception": "GPL-2.0-or-later WITH GCC-exception-2.0",
    "GPL-3.0-with-autoconf-exception": "GPL-3.0-only WITH Autoconf-exception-3.0",
    "GPL-3.0-with-GCC-exception": "GPL-3.0-only WITH GCC-exception-3.1",
    "eCos-2.0": "GPL-2.0-or-later WITH eCos-exception-2.0",
    "wxWindows": "LGPL-2.0-or-later WITH WxWindows-exception-3.1",
}
_DEPRECATED_WITH_LOWER = {k.lower(): v for k, v in _DEPRECATED_WITH.items()}


@lru_cache(maxsize=1)
def _deprecated_with_re() -> re.Pattern[str]:
    """Compiled on first use: only expressions that need the parser look for these ids."""
    return re.compile(
        r"(?<![A-Za-z0-9.\-])(" + "|".join(re.escape(k) for k in _DEPRECATED_WITH) + r")(?![A-Za-z0-9.\-+])",
        re.IGNORECASE,
    )


class LicenseId:
    """One licence: an SPDX id (``or_later`` for a ``+`` on an id without an -or-later form) or a ref.

    Immutable in practice (a hashable value, compared by its fields), like the classes below: plain
    classes rather than frozen dataclasses, so that the pre-commit path does not import dataclasses.
    """

    __slots__ = ("key", "known", "or_later")

    def __init__(self, key: str, or_later: bool = False, known: bool = True) -> None:
        self.key = key
        self.or_later = or_later
        self.known = known

    def __str__(self) -> str:
        return self.key + ("+" if self.or_later else "")

    def __repr__(self) -> str:
        return f"LicenseId(key={self.key!r}, or_later={self.or_later!r}, known={self.known!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not LicenseId:
            return NotImplemented
        return (self.key, self.or_later, self.known) == (other.key, other.or_later, other.known)

    def __hash__(self) -> int:
        return hash((self.key, self.or_later, self.known))


class WithException:
    __slots__ = ("exception", "license")

    def __init__(self, license: LicenseId, exception: str) -> None:
        self.license = license
        self.exception = exception

    def __str__(self) -> str:
        return f"{self.license} WITH {self.exception}"

    def __repr__(self) -> str:
        return f"WithException(license={self.license!r}, exception={self.exception!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not WithException:
            return NotImplemented
        return (self.license, self.exception) == (other.license, other.exception)

    def __hash__(self) -> int:
        return hash((self.license, self.exception))


class _Operator:
    """``And`` and ``Or``: an operator over two or more operands, compared by type and operands."""

    __slots__ = ("args",)

    def __init__(self, args: tuple[Node, ...]) -> None:
        self.args = args

    def __repr__(self) -> str:
        return f"{type(self).__name__}(args={self.args!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.args == other.args

    def __hash__(self) -> int:
        return hash((self.args,))


class And(_Operator):
    __slots__ = ()

    def __str__(self) -> str:
        return " AND ".join(_wrap(a, Or) for a in self.args)


class Or(_Operator):
    __slots__ = ()

    def __str__(self) -> str:
        return " OR ".join(_wrap(a, And) for a in self.args)


Node = LicenseId | WithException | And | Or
Leaf = LicenseId | WithException


def _wrap(node: Node, other: type) -> str:
    return f"({node})" if isinstance(node, other) else str(node)


class Parsed:
    """A parsed expression. ``expression`` is ``None`` when the input says nothing (NOASSERTION, "")."""

    __slots__ = ("expression", "notes")

    def __init__(self, expression: Node | None, notes: tuple[Message, ...] = ()) -> None:
        self.expression = expression
        self.notes = notes

    def __repr__(self) -> str:
        return f"Parsed(expression={self.expression!r}, notes={self.notes!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Parsed:
            return NotImplemented
        return (self.expression, self.notes) == (other.expression, other.notes)

    def __hash__(self) -> int:
        return hash((self.expression, self.notes))

    @property
    def normalized(self) -> str | None:
        return None if self.expression is None else str(self.expression)

    @property
    def unknown(self) -> tuple[str, ...]:
        """Symbols that are not on the SPDX licence list (LicenseRef-*, misspellings)."""
        if self.expression is None:
            return ()
        return tuple(str(leaf_license(x)) for x in leaves(self.expression) if not leaf_license(x).known)


def leaves(node: Node) -> list[Leaf]:
    """The licences (and licence-with-exception pairs) of an expression, left to right."""
    if isinstance(node, (And, Or)):
        out: list[Leaf] = []
        for a in node.args:
            out.extend(leaves(a))
        return out
    return [node]


def leaf_license(leaf: Leaf) -> LicenseId:
    return leaf.license if isinstance(leaf, WithException) else leaf


def is_no_assertion(text: str | None) -> bool:
    return text is None or text.strip().upper() in NO_ASSERTION


def parse(text: str) -> Parsed:
    """Parse ``text`` as an SPDX expression, or raise :class:`ExpressionError`."""
    if not isinstance(text, str):
        raise ExpressionError(Message("expression.not-text", type=type(text).__name__))
    from osscheck.limits import max_expression_length

    if len(text) > max_expression_length():
        # the parser's cost grows with length: a longer "expression" is refused, not parsed
        raise ExpressionError(Message("expression.too-long", limit=max_expression_length()))
    return _parse_cached(text)


def try_parse(text: str) -> Parsed | None:
    """Like :func:`parse`, but ``None`` instead of an error."""
    try:
        return parse(text)
    except ExpressionError:
        return None


def normalize(text: str) -> str | None:
    """The canonical SPDX form of ``text`` (``None`` for NOASSERTION and the like)."""
    return parse(text).normalized


@lru_cache(maxsize=65536)
def _parse_cached(text: str) -> Parsed:
    stripped = text.strip()
    if stripped.upper() in NO_ASSERTION:
        return Parsed(None)
    from osscheck.licenses import catalog

    if _ID_RE.match(stripped) and stripped.upper() not in _OPERATORS:
        # the common case, a single id: no parser needed (building license-expression's
        # symbol table costs more than a pre-commit run should)
        notes: list[Message] = []
        if stripped.lower() not in _DEPRECATED_WITH_LOWER:
            symbol = _symbol(stripped, notes)
            if not symbol.known and catalog.lookup_exception(stripped):
                raise ExpressionError(Message("expression.exception-without-with", id=stripped))
            return Parsed(symbol, tuple(notes))

    if len(text) > _KEPT_LENGTH:  # rare, and the kept answers are read on every run: not kept
        return _parse_with_library(text, stripped)
    kept = _decoded(_PARSED.get(text))
    if kept is not None:  # parsed in an earlier run: no need to load license-expression
        return kept
    try:
        parsed = _parse_with_library(text, stripped)
    except ExpressionError as exc:
        _PARSED.put(text, _encoded_error(exc))
        raise
    _PARSED.put(text, _encoded(parsed))
    return parsed


def _parse_with_library(text: str, stripped: str) -> Parsed:
    notes: list[Message] = []

    def rewrite(m: re.Match[str]) -> str:
        new = _DEPRECATED_WITH_LOWER[m.group(1).lower()]
        notes.append(Message("note.deprecated-with-id", id=m.group(1), reading=new))
        return f"({new})"

    if _EMPTY_BRACKETS_RE.search(stripped):  # license-expression fails on "()" with an IndexError
        raise ExpressionError(Message("expression.empty-brackets", text=repr(_short(text))))
    source = _deprecated_with_re().sub(rewrite, stripped)
    try:
        raw = _licensing().parse(source, validate=False, simple=False)
    except RecursionError:
        raise ExpressionError(Message("expression.nested-too-deeply")) from None
    except Exception as exc:  # license-expression raises several types, some of them not its own
        message = Message("expression.invalid", text=repr(_short(text)), reason=_reason(exc))
        raise ExpressionError(message) from None
    if raw is None:
        return Parsed(None)
    try:
        node = _convert(raw, notes)
    except RecursionError:
        raise ExpressionError(Message("expression.nested-too-deeply")) from None
    return Parsed(node, tuple(dict.fromkeys(notes)))


def _max_length() -> int:
    from osscheck.limits import max_expression_length

    return max_expression_length()


def _memo_sources() -> list[str | None]:
    from osscheck.licenses import catalog

    return [*catalog.data_sources(), catalog.package_file("license_expression", "__init__.py"), __file__]


#: the shape of the kept answers: raised when it changes, so that an older file is not misread
#: (2: an error is kept as its message's data, Message.to_data, no longer as an English str;
#: 3: so are the notes)
_MEMO_FORMAT = 3
#: results of the parser (and its errors) from earlier runs; see snapshot.Memo
_PARSED = Memo("expressions", _memo_sources, limit=2048, settings=lambda: [_max_length(), _MEMO_FORMAT])
_KEPT_LENGTH = 300


def _encoded(parsed: Parsed) -> dict:
    return {"expression": _node_data(parsed.expression), "notes": [n.to_data() for n in parsed.notes]}


def _encoded_error(exc: ExpressionError) -> dict:
    """An error as the memo keeps it: its message as data (``Message.to_data``), never English text."""
    return {"error": exc.message.to_data()}


def _node_data(node: Node | None) -> object:
    if node is None:
        return None
    if isinstance(node, LicenseId):
        return [node.key, node.or_later, node.known]
    if isinstance(node, WithException):
        return {"with": [_node_data(node.license), node.exception]}
    return {"and" if isinstance(node, And) else "or": [_node_data(a) for a in node.args]}


def _decoded(kept: object) -> Parsed | None:
    """The kept result (an error is raised again); ``None`` if there is none, or it is damaged."""
    if isinstance(kept, dict) and "error" in kept:
        message = _message(kept["error"])
        if message is None:
            return None  # an older run's English text, or damaged: parsed again
        raise ExpressionError(message)
    try:
        notes = decoded_notes(kept["notes"])  # type: ignore[index]
        if notes is None:
            return None  # an older run's English notes, or damaged: parsed again
        return Parsed(_node(kept["expression"]), notes)  # type: ignore[index]
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def decoded_notes(data: object) -> tuple[Message, ...] | None:
    """Kept notes (each ``Message.to_data``); ``None`` if one is not a message (older English text)."""
    if not isinstance(data, list):
        return None
    notes: list[Message] = []
    for item in data:
        message = _message(item)
        if message is None:
            return None
        notes.append(message)
    return tuple(notes)


def _message(data: object) -> Message | None:
    """A kept error's or note's message (``[code, {name: value}]``); ``None`` if it is not one."""
    from osscheck.catalogue.en import MESSAGES  # lazy: start-up (only a kept error needs it)

    try:
        message = Message.from_data(data)  # type: ignore[arg-type]
    except (TypeError, ValueError, AttributeError):
        return None
    return message if isinstance(message.code, str) and message.code in MESSAGES else None


def _node(data: object) -> Node | None:
    if data is None:
        return None
    if isinstance(data, list):
        return LicenseId(data[0], data[1], data[2])
    ((kind, value),) = data.items()  # type: ignore[attr-defined]
    if kind == "with":
        return WithException(_node(value[0]), value[1])  # type: ignore[arg-type]
    args = tuple(_node(a) for a in value)
    return And(args) if kind == "and" else Or(args)  # type: ignore[arg-type]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _reason(exc: Exception) -> str:
    msg = str(exc).split(" for token", 1)[0].strip() or type(exc).__name__
    return msg[:120]


@lru_cache(maxsize=1)
def _licensing():  # type: ignore[no-untyped-def]
    from license_expression import get_spdx_licensing  # lazy: start-up

    return get_spdx_licensing()


def _convert(raw: object, notes: list[Message]) -> Node:
    lic = _licensing()
    if isinstance(raw, (lic.AND, lic.OR)):
        args = tuple(_flatten(type(raw), (_convert(a, notes) for a in raw.args), lic))
        if len(args) == 1:
            return args[0]
        return And(args) if isinstance(raw, lic.AND) else Or(args)
    license_symbol = getattr(raw, "license_symbol", None)
    if license_symbol is not None:
        base = _symbol(license_symbol.key, notes)
        exception = raw.exception_symbol.key  # type: ignore[attr-defined]
        from osscheck.licenses import catalog

        known = None if spdx_listed(exception) else catalog.lookup_exception(exception)
        if known is None:
            if not _ID_RE.match(exception):
                raise ExpressionError(Message("expression.not-an-exception-id", id=repr(exception)))
            notes.append(Message("note.not-an-spdx-exception", exception=exception))
        else:
            exception = known
        return WithException(base, exception)
    key = getattr(raw, "key", None)
    if not isinstance(key, str):
        raise ExpressionError(Message("expression.unexpected-part", part=repr(raw)))
    if getattr(raw, "is_exception", False) and spdx_listed(key) is None:
        raise ExpressionError(Message("expression.exception-without-with", id=key))
    return _symbol(key, notes)


def _flatten(kind: type, args, lic) -> list[Node]:  # type: ignore[no-untyped-def]
    target = And if kind is lic.AND else Or
    out: list[Node] = []
    for a in args:
        if isinstance(a, target):
            out.extend(a.args)
        elif a not in out:  # "MIT AND MIT" is MIT
            out.append(a)
    return out


def _symbol(key: str, notes: list[Message]) -> LicenseId:
    from osscheck.licenses import catalog

    found = catalog.lookup(key)
    if found is not None:
        notes.extend(_deprecation_notes(key, found.key))
        return LicenseId(found.key)
    if key.endswith("+"):
        base = catalog.lookup(key[:-1])
        if base is not None:
            later = catalog.or_later_id(base.key)
            if later is not None:
                return LicenseId(later)
            return LicenseId(base.key, or_later=True)
    listed = spdx_listed(key)
    if listed is not None:
        notes.extend(_deprecation_notes(key, listed))
        return LicenseId(listed)
    if _REF_RE.match(key):
        return LicenseId(key, known=False)
    if not _ID_RE.match(key):
        raise ExpressionError(Message("expression.not-an-id", id=repr(_short(key))))
    return LicenseId(key, known=False)


def _deprecation_notes(written: str, key: str) -> tuple[Message, ...]:
    if written != key and written.lower() != key.lower():
        return (Message("note.not-a-current-id", id=written, reading=key),)
    return ()


def spdx_listed(key: str) -> str | None:
    """The id as the SPDX licence list spells it, for ids the ScanCode index does not have.

    The catalogue's licences come from license-expression's ScanCode index, which lags behind the
    SPDX list that ships with osscheck (OSSP, MIT-STK, ...); an id on the list is still an SPDX id.
    """
    return _spdx_listed().get(key.lower())


@lru_cache(maxsize=1)
def _spdx_listed() -> dict[str, str]:
    from osscheck.licenses import catalog

    return {key.lower(): key for key in catalog.spdx_ids()}


def bracket_readings(text: str) -> frozenset[str] | None:
    """Every expression ``text`` stands for once its unmatched brackets are matched or dropped.

    ``MIT OR SSPL-1.0) AND GPL-3.0-only`` gives two readings, ``(MIT OR SSPL-1.0) AND GPL-3.0-only``
    and ``MIT OR (SSPL-1.0 AND GPL-3.0-only)``: only a single reading is a safe repair. ``None``
    when the brackets are unmatched in too many places to try every repair.
    """
    tokens = _BRACKET_TOKEN_RE.findall(text)
    choices = [_bracket_repairs(tokens, i) for i in _unmatched(tokens)]
    if len(choices) > _MAX_UNMATCHED or len(text) > _max_length():
        return None
    total = 1
    for options in choices:
        total *= len(options)
    if total > _MAX_READINGS or total * len(text) > _MAX_REPAIR_CHARACTERS:
        return None
    readings: set[str] = set()
    for edits in itertools.product(*choices):
        candidate = _edited(tokens, edits)
        try:
            parsed = _parse_with_library(candidate, candidate)
        except ExpressionError:
            continue
        if parsed.normalized is not None:
            readings.add(parsed.normalized)
    return frozenset(readings)


def _unmatched(tokens: list[str]) -> list[int]:
    opened: list[int] = []
    stray: list[int] = []
    for i, token in enumerate(tokens):
        if token == "(":
            opened.append(i)
        elif token == ")":
            if opened:
                opened.pop()
            else:
                stray.append(i)
    return stray + opened


def _bracket_repairs(tokens: list[str], at: int) -> list[tuple[int, str]]:
    """The edits that match the bracket at ``at``: drop it, or add its partner at an operand.

    The partner goes only where the brackets in between stay matched as written: the repair
    adds what is missing and leaves the pairs the author did write alone.
    """
    closing = tokens[at] == ")"
    partner = "(" if closing else ")"
    repairs = [(at, "drop")]
    depth = 0
    for i in range(at - 1, -1, -1) if closing else range(at + 1, len(tokens)):
        inward, outward = (")", "(") if closing else ("(", ")")
        depth += (tokens[i] == inward) - (tokens[i] == outward)
        if depth < 0:
            break
        if depth == 0 and tokens[i].upper() not in _OPERATORS:
            repairs.append((i, partner))
    return repairs


def _edited(tokens: list[str], edits: tuple[tuple[int, str], ...]) -> str:
    """``tokens`` with brackets dropped, or "(" put before and ")" after the tokens the edits name."""
    out: list[str] = []
    for i, token in enumerate(tokens):
        kinds = [kind for at, kind in edits if at == i]
        out.extend("(" for kind in kinds if kind == "(")
        if "drop" not in kinds:
            out.append(token)
        out.extend(")" for kind in kinds if kind == ")")
    return " ".join(out)

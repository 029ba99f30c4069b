"""How a component's licence and version changed between two states of a project.

Small on purpose: the pre-commit hook's drift check calls :func:`license_change` for every component
of a lockfile, so this module imports nothing beyond the expression parser the hook already loads.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from osscheck.licenses.expression import And, LicenseId, Node, Or, WithException, is_no_assertion, try_parse
from osscheck.purls import versionless

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from osscheck.model import Component

#: an alternative: licences that apply together (AND), each ``(licence, exception or "")``
Alternative = frozenset[tuple[str, str]]

#: beyond this many alternatives an expression is not expanded: it is compared as written
_MAX_ALTERNATIVES = 1024

#: compiled when first used (:func:`_re`): the hook's drift check imports this module and most
#: of its runs need none of them
_PATTERNS = {
    "or-later": r"^(?P<family>.+)-(?P<version>\d+(?:\.\d+)*)-or-later$",
    "versioned": r"^(?P<family>.+)-(?P<version>\d+(?:\.\d+)*)$",
    "hash": r"^[0-9a-f]{7,64}$",
    "token": r"\d+|[a-z]+",  # the parts of a version for the partial order of version_change
    "number-or-word": r"\d+|[^\d.\-_+]+",  # the parts of a version for a total order (sorting)
}


@cache
def _re(name: str) -> re.Pattern[str]:
    return re.compile(_PATTERNS[name])


#: words of a version, in their order against the release itself (``_RELEASE``); other words are
#: only equal to themselves and cannot be ordered against anything else
_RELEASE = 40
_WORDS = {
    "dev": 0,
    "snapshot": 5,
    "alpha": 10,
    "a": 10,
    "beta": 20,
    "b": 20,
    "milestone": 25,
    "m": 25,
    "pre": 30,
    "preview": 30,
    "c": 30,
    "rc": 30,
    "cr": 30,
    "final": _RELEASE,
    "ga": _RELEASE,
    "release": _RELEASE,
    "post": 50,
    "patch": 50,
    "p": 50,
    "r": 50,
    "rev": 50,
    "sp": 50,
}


def license_change(old: str | None, new: str | None) -> str:
    """``same``, ``wider``, ``narrower``, ``relicensed``, ``found`` or ``lost`` (see docs/diff.md).

    Each expression is read as its set of choices (its OR branches, each the licences that apply
    together); a newer offer that keeps every old choice and adds some is wider, the reverse narrower.
    """
    if old == new:
        return "same"
    if old is None or not _says_something(old):
        return "found" if new is not None and _says_something(new) else "same"
    if new is None or not _says_something(new):
        return "lost"
    before, after = _choices(old), _choices(new)
    if before == after:
        return "same"
    if isinstance(before, frozenset) and isinstance(after, frozenset):
        if before < after:
            return "wider"
        if after < before:
            return "narrower"
    return "relicensed"


def _says_something(text: str) -> bool:
    """False for text that names no licence (NOASSERTION, ""); an unreadable expression says something."""
    if is_no_assertion(text):
        return False
    parsed = try_parse(text)
    return parsed is None or parsed.expression is not None


@lru_cache(maxsize=8192)
def _choices(text: str) -> frozenset[Alternative] | str:
    """The alternatives of ``text``; when it cannot be expanded, a canonical string of it instead.

    The canonical string ignores the order of AND and OR operands, so such expressions still compare
    equal when they differ only in order; an unreadable expression is compared as written.
    """
    parsed = try_parse(text)
    if parsed is None or parsed.expression is None:
        return " ".join(text.split())
    expanded = _alternatives(parsed.expression)
    return _canonical(parsed.expression) if expanded is None else expanded


def _alternatives(node: Node) -> frozenset[Alternative] | None:
    if isinstance(node, Or):
        out: set[Alternative] = set()
        for arg in node.args:
            part = _alternatives(arg)
            if part is None:
                return None
            out |= part
            if len(out) > _MAX_ALTERNATIVES:
                return None
        return frozenset(out)
    if isinstance(node, And):
        product: set[Alternative] = {frozenset()}
        for arg in node.args:
            part = _alternatives(arg)
            if part is None or len(product) * len(part) > _MAX_ALTERNATIVES:
                return None
            product = {a | b for a in product for b in part}
        return frozenset(product)
    if isinstance(node, WithException):
        return frozenset(frozenset({(key, node.exception)}) for key in _versions(node.license))
    return frozenset(frozenset({(key, "")}) for key in _versions(node))


@lru_cache(maxsize=1024)
def _versions(licence: LicenseId) -> tuple[str, ...]:
    """The licences a licence offers: itself, or for "this version or later" each version from it on.

    An or-later licence is an OR of the published versions from it on, plus the versions not yet
    published (``<family>-later``). Only where that is simple: a family whose versions the licence
    list names in the same pattern; else the licence stands for itself alone.
    """
    if licence.or_later:
        pattern, suffix = _re("versioned").match(licence.key), ""
    elif licence.key.endswith("-or-later"):
        pattern, suffix = _re("or-later").match(licence.key), "-only"
    else:  # nearly every licence: no versions to offer
        return (str(licence),)
    if pattern is None:
        return (str(licence),)
    family, since = pattern["family"], _number(pattern["version"])
    from osscheck.licenses import catalog  # lazy: start-up (only an or-later licence needs it)

    same_family = re.compile(re.escape(family) + r"-(\d+(?:\.\d+)*)" + re.escape(suffix) + "$")
    versions = sorted(
        (_number(m[1]), key) for key in catalog.all_keys() if (m := same_family.match(key)) is not None
    )
    offered = [key for number, key in versions if number >= since]
    if not offered or _number(pattern["version"]) not in {number for number, _ in versions}:
        return (str(licence),)
    return (*offered, f"{family}-later")


def _number(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _canonical(node: Node) -> str:
    if isinstance(node, (And, Or)):
        operator = " AND " if isinstance(node, And) else " OR "
        return "(" + operator.join(sorted({_canonical(a) for a in node.args})) + ")"
    return str(node)


def version_change(old: str | None, new: str | None) -> str:
    """``same``, ``upgraded``, ``downgraded`` or ``changed`` (the two cannot be ordered).

    A natural order: numbers as numbers (``1.10`` after ``1.9``), a pre-release (``-rc1``, ``b2``)
    before its release, a post-release after it; a commit hash or a branch name cannot be ordered.
    """
    if old == new:
        return "same"
    if old is None or new is None:
        return "changed"
    order = _compare(_version_key(old), _version_key(new))
    if order is None or order == 0:  # equal in order but written differently ("1.0", "1.0.0"): changed
        return "changed"
    return "upgraded" if order < 0 else "downgraded"


def _version_key(version: str) -> list[int | str] | None:
    text = version.strip().lower()
    if text[:1] == "v" and text[1:2].isdigit():
        text = text[1:]
    if not text[:1].isdigit() or (_re("hash").match(text) and not text.isdigit()):
        return None
    return [int(t) if t.isdigit() else t for t in _re("token").findall(text)]


def _compare(old: list[int | str] | None, new: list[int | str] | None) -> int | None:
    """-1, 0 or 1; ``None`` when the two cannot be ordered."""
    if old is None or new is None:
        return None
    for i in range(max(len(old), len(new))):
        a = old[i] if i < len(old) else None
        b = new[i] if i < len(new) else None
        order = _compare_part(a, b)
        if order != 0:
            return order
    return 0


def _compare_part(a: int | str | None, b: int | str | None) -> int | None:
    if a == b:
        return 0
    if isinstance(a, int) and isinstance(b, int):
        return -1 if a < b else 1
    # a missing part: 0 against a number ("1.0" = "1.0.0"), the release itself against a word
    if a is None:
        return _compare_part(0 if isinstance(b, int) else _RELEASE_WORD, b)
    if b is None:
        return _compare_part(a, 0 if isinstance(a, int) else _RELEASE_WORD)
    if isinstance(a, int):  # a number after any word: "1.0.1" > "1.0rc1", "1.0.1" > "1.0.post1"
        return 1
    if isinstance(b, int):
        return -1
    rank_a, rank_b = _WORDS.get(a), _WORDS.get(b)
    if rank_a is None or rank_b is None or rank_a == rank_b:
        return None
    return -1 if rank_a < rank_b else 1


_RELEASE_WORD = "final"


def identity(c: Component) -> str:
    """How a component is matched across two states: its purl without version, qualifiers and
    subpath (an upgrade keeps it), else its name; an npm alias (``installed_as``) stays apart."""
    alias = c.extra.get("installed_as")
    if not c.purl:
        return f"{alias or c.name}"
    bare = versionless(c.purl)
    return f"{bare}#{alias}" if alias else bare


def version_order(version: str | None) -> tuple[Any, ...]:
    """A sort key in natural order (numbers as numbers); total, so any two versions sort the same way."""
    if version is None:
        return ()
    return tuple(
        (0, int(t), "") if t.isdigit() else (1, 0, t) for t in _re("number-or-word").findall(version.lower())
    )


def by_version(c: Component) -> tuple[Any, ...]:
    return (version_order(c.version), c.version or "", c.name, c.license or "")


def paired(
    old: list[Component], new: list[Component]
) -> tuple[list[tuple[Component, Component]], list[Component], list[Component]]:
    """Pair one component's entries of both sides: equal versions first, then the rest in version
    order; what is left over was removed (old) or added (new)."""
    if len(old) == 1 and len(new) == 1:  # nearly always: one version on each side
        return [(old[0], new[0])], [], []
    left = sorted(old, key=by_version)
    right = sorted(new, key=by_version)
    pairs: list[tuple[Component, Component]] = []
    rest_old: list[Component] = []
    for c in left:
        same = next((i for i, n in enumerate(right) if n.version == c.version), None)
        if same is None:
            rest_old.append(c)
        else:
            pairs.append((c, right.pop(same)))
    count = min(len(rest_old), len(right))
    pairs.extend(zip(rest_old[:count], right[:count], strict=True))
    return pairs, rest_old[count:], right[count:]

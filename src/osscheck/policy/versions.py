"""Version ranges for the exception register: ``1.2.3``, ``>=2.0,<3``, ``2.*``.

Deliberately small: ecosystems differ in their version rules, and an exception is written by a
person for one package; numeric parts compare as numbers, other parts as text.
"""

from __future__ import annotations

import re

_CLAUSE = re.compile(r"^\s*(==|!=|>=|<=|>|<|=|~=|\^)?\s*v?([^\s,]+)\s*$")


def _key(version: str) -> tuple[tuple[int, int | str], ...]:
    parts = re.split(r"[.\-+_]", version.lstrip("vV"))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p)


def _cmp(a: str, b: str) -> int:
    ka, kb = _key(a), _key(b)
    # pad with zeros so that 2.0 == 2.0.0
    width = max(len(ka), len(kb))
    ka += ((0, 0),) * (width - len(ka))
    kb += ((0, 0),) * (width - len(kb))
    return (ka > kb) - (ka < kb)


def matches(version: str | None, spec: str | None) -> bool:
    """Does ``version`` satisfy ``spec``? No spec matches every version; no version matches none."""
    if not spec or spec.strip() in ("*", ""):
        return True
    if version is None:
        return False
    for clause in re.split(r"[,|]| and ", spec):
        if not clause.strip():
            continue
        m = _CLAUSE.match(clause)
        if not m:
            return False
        op, want = m.group(1) or "==", m.group(2)
        if want.endswith("*"):
            prefix = want.rstrip("*").rstrip(".")
            ok = version == prefix or version.startswith(prefix + ".")
            if (op in ("==", "=")) != ok:
                return False
            continue
        c = _cmp(version, want)
        if op in ("~=", "^"):
            # compatible release: same leading part, not older
            head = want.split(".")[:-1] if op == "~=" else want.split(".")[:1]
            if c < 0 or version.split(".")[: len(head)] != head:
                return False
            continue
        ok = {"==": c == 0, "=": c == 0, "!=": c != 0, ">=": c >= 0, "<=": c <= 0, ">": c > 0, "<": c < 0}[op]
        if not ok:
            return False
    return True

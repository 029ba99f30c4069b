"""Package URLs compared across versions (a module of its own: the hook's drift check imports it)."""

from __future__ import annotations


def versionless(purl: str) -> str:
    """``pkg:npm/left-pad`` for ``pkg:npm/left-pad@1.3.0?x=y#sub``: a component across its versions.

    The version's ``@`` is the last one after the last ``/`` (a scoped npm name is ``%40``-encoded).
    """
    if "?" in purl or "#" in purl:
        purl = purl.split("#", 1)[0].split("?", 1)[0]
    at = purl.rfind("@")
    return purl[:at] if at > purl.rfind("/") else purl

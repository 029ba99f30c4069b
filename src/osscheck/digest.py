"""SHA-256 of inputs and policies, for the report's audit stamp, and HMAC-SHA-256 for sealed files.

``hashlib`` loads OpenSSL, which takes longer than reading and hashing a lockfile; for small data
the interpreter's own SHA-256 module is used instead. Large data goes to OpenSSL, which is faster
per byte. Both give the same digest.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

_SMALL = 1 << 20  # bytes
_BLOCK = 64  # SHA-256's block size, for HMAC (RFC 2104)


def _builtin() -> Callable[[bytes], Any] | None:
    try:
        from _sha256 import sha256 as builtin  # type: ignore[import-not-found]  # CPython 3.10, 3.11
    except ImportError:
        try:
            from _sha2 import sha256 as builtin  # type: ignore[import-not-found]  # CPython 3.12+
        except ImportError:  # another interpreter, or a build without it
            return None
    return builtin


def _hasher(size: int) -> Callable[[bytes], Any]:
    builtin = _builtin() if size <= _SMALL else None
    if builtin is not None:
        return builtin
    import hashlib  # lazy: start-up

    return hashlib.sha256


def sha256(data: bytes) -> str:
    """The hex SHA-256 digest of ``data``."""
    return _hasher(len(data))(data).hexdigest()


def hmac_sha256(key: bytes, data: bytes) -> str:
    """The hex HMAC-SHA-256 of ``data`` under ``key`` (RFC 2104; the ``hmac`` module loads OpenSSL)."""
    new = _hasher(len(data))
    if len(key) > _BLOCK:
        key = new(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    inner = new(bytes(b ^ 0x36 for b in key) + data).digest()
    return new(bytes(b ^ 0x5C for b in key) + inner).hexdigest()

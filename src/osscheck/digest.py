"""SHA-256 of inputs and policies, for the report's audit stamp.

``hashlib`` loads OpenSSL, which takes longer than reading and hashing a lockfile; for small data
the interpreter's own SHA-256 module is used instead. Large data goes to OpenSSL, which is faster
per byte. Both give the same digest.
"""

from __future__ import annotations

_SMALL = 1 << 20  # bytes


def sha256(data: bytes) -> str:
    """The hex SHA-256 digest of ``data``."""
    if len(data) <= _SMALL:
        try:
            from _sha256 import sha256 as builtin  # CPython 3.10, 3.11
        except ImportError:
            try:
                from _sha2 import sha256 as builtin  # type: ignore[no-redef]  # CPython 3.12+
            except ImportError:  # another interpreter, or a build without it
                builtin = None  # type: ignore[assignment]
        if builtin is not None:
            return builtin(data).hexdigest()
    import hashlib

    return hashlib.sha256(data).hexdigest()

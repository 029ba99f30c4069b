"""osscheck: licence compliance for public administrations.

Reads licence declarations from SBOMs and manifests, normalises them to SPDX expressions and
judges them against a licence policy. The heavy parts are imported on first use, so that the
pre-commit hook starts quickly.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = [
    "OsscheckError",
    "Policy",
    "Report",
    "__version__",
    "accept",
    "check",
    "diff",
    "load_policy",
    "portfolio",
    "scan",
]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from osscheck.accept import accept
    from osscheck.api import check, scan
    from osscheck.diff import diff
    from osscheck.errors import OsscheckError
    from osscheck.policy import Policy, load_policy
    from osscheck.portfolio import portfolio
    from osscheck.report import Report

_LAZY = {
    "check": "osscheck.api",
    "scan": "osscheck.api",
    "OsscheckError": "osscheck.errors",
    "Policy": "osscheck.policy",
    "load_policy": "osscheck.policy",
    "Report": "osscheck.report",
    "portfolio": "osscheck.portfolio",
    "diff": "osscheck.diff",
    "accept": "osscheck.accept",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'osscheck' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)

"""The shipped policies, parsed when osscheck was built: a pre-commit run needs no TOML parser.

Parsing a policy needs tomllib, whose import (with typing, which it imports) costs a pre-commit run
more than reading a small lockfile. Keeping the parse in the cache folder is not safe: that folder
may be shared with merge-request jobs, and nothing in a cached file proves it was made from a
given text. The parse of each shipped policy is part of the package instead (``_shipped_data``,
made by ``python -m osscheck.policy.shipped``), with the SHA-256 digest of the text it was made
from: it is used only while the policy file has that digest, and tests/test_policy_files.py keeps it
current.
"""

from __future__ import annotations

from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def parsed(path: Path, raw: bytes) -> dict[str, Any] | None:
    """The shipped parse of the shipped policy at ``path``, if it was made from exactly ``raw``."""
    from osscheck.digest import sha256
    from osscheck.policy._shipped_data import POLICIES

    kept = POLICIES.get(path.stem)
    if kept is None or kept[0] != sha256(raw):
        return None  # an edited or added policy file: parsed as any other
    return _copy(kept[1])


def _copy(value: Any) -> Any:
    """A fresh copy, so that no caller can change what the next load returns."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def source() -> str:
    """The text of ``_shipped_data.py`` for the policy files as they are now."""
    from osscheck.digest import sha256
    from osscheck.policy.loader import builtin_dir
    from osscheck.toml_lines import loads

    entries = []
    for toml in sorted(builtin_dir().glob("*.toml")):
        raw = toml.read_bytes()
        data = loads(toml, raw.decode("utf-8"))
        entries.append(f"    {toml.stem!r}: ({sha256(raw)!r}, {data!r}),\n")
    return (
        '"""Made by ``python -m osscheck.policy.shipped`` from policies/*.toml: do not edit."""\n'
        "# ruff: noqa: E501\n\n"
        "POLICIES = {\n" + "".join(entries) + "}\n"
    )


if __name__ == "__main__":
    target = Path(__file__).with_name("_shipped_data.py")
    target.write_text(source(), encoding="utf-8")
    print(f"wrote {target}")

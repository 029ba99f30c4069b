"""The policy and the register as used, written as TOML: deterministic, and loaded back to the same.

Written from the schema's key table (osscheck.policy.schema), so that a key the schema gains is
archived too; ``extends`` is resolved already and register files are archived beside the policy.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from osscheck.policy import schema
from osscheck.policy.model import Policy, PolicyException

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_BARE = re.compile(r"[A-Za-z0-9_-]+")
# resolved before archiving: the parent is merged in, the register entries go to register.toml
_NOT_ARCHIVED = ("extends", "registers")
REGISTER_FILE = "register.toml"


def policy_toml(policy: Policy) -> str:
    """The policy's tables without its register: with ``registers = ["register.toml"]`` where known."""
    lines = ["[policy]"]
    for key in schema.POLICY_KEYS:
        if key.toml in _NOT_ARCHIVED or key.attr is None:
            continue
        value = getattr(policy, key.attr, None)
        if value is not None:
            lines.append(f"{_key(key.toml)} = {value_toml(value)}")
    lines.append(f"registers = {value_toml([REGISTER_FILE])}")
    lines += ["", "[categories]"]
    lines += [f"{_key(c)} = {value_toml(v)}" for c, v in sorted(policy.categories.items())]
    lines += ["", "[licenses]"]
    lines += [f"{name} = {value_toml(list(getattr(policy, name)))}" for name in schema.LICENSE_LISTS]
    if policy.obligations:
        lines += ["", "[obligations]"]
        lines += [f"{_key(k)} = {value_toml(list(v))}" for k, v in sorted(policy.obligations.items())]
    for table, staged in sorted(policy.deny_from.items()):
        if staged:
            lines += ["", f"[deny-from.{_key(table)}]"]
            lines += [f"{_key(k)} = {value_toml(day)}" for k, day in sorted(staged.items())]
    return "\n".join(lines) + "\n"


def register_toml(exceptions: tuple[PolicyException, ...]) -> str:
    """The register entries in the order they were merged (the first that matches clears)."""
    blocks = []
    for entry in exceptions:
        lines = []
        where = getattr(entry, "source", None)
        if where or entry.line:  # where the decision was recorded: a comment, not a key
            lines.append(f"# {json.dumps(str(where or ''))[1:-1]}:{entry.line or ''}")
        lines.append("[[exceptions]]")
        for key in schema.EXCEPTION_KEYS:
            value = getattr(entry, key.attr, None) if key.attr else None
            if value is None or value == () or value == []:
                continue
            lines.append(f"{_key(key.toml)} = {value_toml(value)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def value_toml(value: Any) -> str:
    """One TOML value: a string, boolean, number, date or a list of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        # JSON's escapes are TOML's; DEL is a control character TOML wants escaped too
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(value_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {value_toml(v)}" for k, v in sorted(value.items())) + "}"
    raise TypeError(f"no TOML for {type(value).__name__}")


def _key(name: str) -> str:
    return name if _BARE.fullmatch(name) else value_toml(name)

"""``osscheck policy show``: a policy as a person reads it, after ``extends`` is resolved."""

from __future__ import annotations

from osscheck.licenses.catalog import CATEGORIES
from osscheck.policy.model import Policy
from osscheck.policy.schema import LICENSE_LISTS, POLICY_KEYS


def render(p: Policy) -> str:
    lines = [f"{p.name}: {p.title}", ""]
    if p.description:
        lines += [p.description.strip(), ""]
    for key in POLICY_KEYS:  # the keys with a label, in the schema's order
        if key.shown is not None:
            # a second value (outbound's "must be OSI-approved") goes on a line of its own
            lines += [f"{key.label if n == 0 else '':<18}{text}" for n, text in enumerate(key.shown(p))]
    lines.append("")
    lines.append("categories")
    for category in CATEGORIES:
        lines.append(f"  {category:<18} {p.verdict_for(category)}")
    for label in LICENSE_LISTS:
        listed = getattr(p, label)
        if listed:
            lines.append(f"{label:<18}{', '.join(listed)}")
    if p.deny_from:  # staged enforcement: the day each deny starts
        lines.append("")
        lines.append("deny from")
        for table, word in (("categories", "category"), ("licenses", "licence"), ("rules", "rule")):
            for staged, day in p.deny_from.get(table, {}).items():
                lines.append(f"  {word + ' ' + staged:<30} {day.isoformat()}")
    if p.exceptions:
        lines.append("")
        lines.append("exceptions")
        for exc in p.exceptions:
            until = f" until {exc.expires}" if exc.expires else ""
            lines.append(f"  {exc.describe()}{until}: {exc.justification}")
    for note in p.notes:
        lines.append(f"note: {note}")
    lines.append(f"source            {p.source}")
    return "\n".join(lines) + "\n"

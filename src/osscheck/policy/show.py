"""``osscheck policy show``: a policy as a person reads it, after ``extends`` is resolved."""

from __future__ import annotations

from osscheck.licenses.catalog import CATEGORIES
from osscheck.policy.model import Policy


def render(p: Policy) -> str:
    lines = [f"{p.name}: {p.title}", ""]
    if p.description:
        lines += [p.description.strip(), ""]
    lines.append(f"context           {p.context}")
    lines.append(f"outbound          {p.outbound or '(the project must declare one)'}")
    if p.outbound_osi:
        lines.append("                  must be OSI-approved")
    lines.append(f"unknown licences  {p.unknown}")
    lines.append(f"dev dependencies  {'judged' if p.dev_dependencies else 'not judged'}")
    lines.append(f"combination mode  {p.mode}")
    if p.non_osi != "allow":
        lines.append(f"non-OSI licences  {p.non_osi}")
    lines.append("")
    lines.append("categories")
    for category in CATEGORIES:
        lines.append(f"  {category:<18} {p.verdict_for(category)}")
    for label, listed in (("allow", p.allow), ("review", p.review), ("deny", p.deny)):
        if listed:
            lines.append(f"{label:<18}{', '.join(listed)}")
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

"""Escaping and the table cells the sections share: every text from the inputs passes ``e``."""

from __future__ import annotations

from html import escape

from osscheck.errors import printable
from osscheck.model import Component, Status
from osscheck.reports.html.words import Translate


def e(value: object) -> str:
    # control characters from inputs are not written raw: shown as \x1b
    return escape(printable(str(value)), quote=True)


def short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def ths(*labels: str) -> str:
    return "".join(f'<th scope="col">{e(label)}</th>' for label in labels)


def badge(status: Status | None, _: Translate) -> str:
    if status is None:
        return ""
    return f'<span class="badge {status.value}">{e(_(status.value))}</span>'


def component_cell(c: Component) -> str:
    cell = f"<b>{e(c.name)}</b>"
    if c.purl:
        cell += f'<span class="detail mono">{e(c.purl)}</span>'
    return cell


def licence_cell(c: Component, _: Translate) -> str:
    if not c.license:
        shown = "; ".join(short(d.value, 60) for d in c.declared[:2])
        return f'<span class="empty">{e(_("unknown"))}</span>' + (
            f'<span class="detail">{e(shown)}</span>' if shown else ""
        )
    cell = f'<span class="mono">{e(c.license)}</span>'
    if c.chosen and c.chosen != c.license:
        cell += f'<span class="detail">{e(_("chosen"))}: <span class="mono">{e(c.chosen)}</span></span>'
    return cell

"""The summary's charts as inline SVG: a donut of the verdicts and bars of the licence categories.

Coordinates are rounded to two decimals, so the same data draws the same bytes.
"""

from __future__ import annotations

import math

from osscheck.model import Status
from osscheck.reports.html.markup import e

STATUS_ORDER = (
    Status.DENIED,
    Status.REVIEW,
    Status.EXEMPTED,
    Status.ALLOWED,
    Status.IGNORED,
)
STATUS_COLOURS = {
    Status.ALLOWED: "#2e7d32",
    Status.EXEMPTED: "#1565c0",
    Status.REVIEW: "#b26a00",
    Status.DENIED: "#c62828",
    Status.IGNORED: "#78909c",
}
CATEGORY_COLOURS = {
    "permissive": "#43a047",
    "public-domain": "#00897b",
    "weak-copyleft": "#7cb342",
    "strong-copyleft": "#f9a825",
    "network-copyleft": "#ef6c00",
    "source-available": "#8e24aa",
    "non-commercial": "#6d4c41",
    "proprietary": "#c62828",
    "unknown": "#78909c",
}

#: one slice or bar: its label, its count and its colour
Datum = tuple[str, int, str]


def _num(x: float) -> str:
    """Coordinates with two decimals at most: deterministic and short."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def donut(ident: str, title: str, desc: str, data: list[Datum], unit: str) -> str:
    total = sum(n for _, n, _ in data)
    size, cx, cy, r, width = 200, 100, 100, 70, 34
    arcs: list[str] = []
    if total == 0:
        arcs.append(
            f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="#d0d7de" stroke-width="{width}"/>'
        )
    angle = -math.pi / 2  # start at twelve o'clock
    for label, n, colour in data:
        if n == 0:
            continue
        share = n / total
        tip = f"{label}: {n} ({share:.0%})"
        if n == total:
            arcs.append(
                f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{colour}" stroke-width="{width}">'
                f"<title>{e(tip)}</title></circle>"
            )
            break
        end = angle + share * 2 * math.pi
        x1, y1 = cx + r * math.cos(angle), cy + r * math.sin(angle)
        x2, y2 = cx + r * math.cos(end), cy + r * math.sin(end)
        large = 1 if share > 0.5 else 0
        arcs.append(
            f'<path d="M{_num(x1)} {_num(y1)}A{r} {r} 0 {large} 1 {_num(x2)} {_num(y2)}" fill="none" '
            f'stroke="{colour}" stroke-width="{width}"><title>{e(tip)}</title></path>'
        )
        angle = end
    centre = (
        f'<text x="{cx}" y="{cy - 4}" text-anchor="middle" font-size="28" font-weight="700">{total}</text>'
        f'<text x="{cx}" y="{cy + 18}" text-anchor="middle" font-size="12">{e(unit)}</text>'
    )
    legend = "".join(
        f'<li><span class="swatch" style="background:{colour}"></span>{e(label)}: <b>{n}</b>'
        f" ({n / total:.0%})</li>"
        for label, n, colour in data
        if total
    )
    return (
        f'<figure aria-labelledby="{ident}-t">\n<figcaption id="{ident}-t">{e(title)}</figcaption>\n'
        '<div style="display:flex;gap:16px;align-items:center;flex-wrap:wrap">'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
        f'role="img" aria-labelledby="{ident}-st {ident}-sd"><title id="{ident}-st">{e(title)}</title>'
        f'<desc id="{ident}-sd">{e(desc)}: '
        + e(", ".join(f"{label} {n}" for label, n, _ in data))
        + f"</desc>{''.join(arcs)}{centre}</svg>"
        f'<ul class="legend">{legend}</ul></div>\n</figure>'
    )


def bars(ident: str, title: str, desc: str, data: list[Datum]) -> str:
    # room for the longest label (about 7.5 px per character at 13 px), so none is cut off
    label_w = 16 + round(7.5 * max((len(label) for label, _, _ in data), default=8))
    bar_w, row_h, top = 240, 26, 4
    height = top * 2 + row_h * max(len(data), 1)
    width = label_w + bar_w + 60
    most = max((n for _, n, _ in data), default=0) or 1
    rows: list[str] = []
    for i, (label, n, colour) in enumerate(data):
        y = top + i * row_h
        w = max(bar_w * n / most, 2)
        rows.append(
            f"<g><title>{e(f'{label}: {n}')}</title>"
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" font-size="13">{e(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{_num(w)}" height="{row_h - 8}" rx="3" fill="{colour}"/>'
            f'<text x="{_num(label_w + w + 6)}" y="{y + 17}" font-size="13" font-weight="600">{n}</text></g>'
        )
    return (
        f'<figure aria-labelledby="{ident}-t">\n<figcaption id="{ident}-t">{e(title)}</figcaption>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-st {ident}-sd">'
        f'<title id="{ident}-st">{e(title)}</title><desc id="{ident}-sd">{e(desc)}: '
        + e(", ".join(f"{label} {n}" for label, n, _ in data))
        + f"</desc>{''.join(rows)}</svg>\n</figure>"
    )

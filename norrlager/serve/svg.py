"""Small charts as inline SVG for pages that must open anywhere without a script: bars per
label and lines per month. Every label is escaped; values are plain floats."""

from __future__ import annotations

import html

BLUE, RED, GREY, GREEN = "#1565c0", "#c62828", "#9e9e9e", "#2e7d32"
COLOURS = (BLUE, GREEN, GREY, RED)
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f").replace("-", "−")


def _frame(chart_id: str, title: str, width: int, height: int, parts: list[str]) -> str:
    return (f'<figure id="{html.escape(chart_id)}"><svg xmlns="http://www.w3.org/2000/svg" '
            f'role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'font-family="Helvetica, Arial, sans-serif" font-size="12">'
            f"<title>{html.escape(title)}</title>{''.join(parts)}</svg>"
            f"<figcaption>{html.escape(title)}</figcaption></figure>")


def horizontal_bars(items: list[tuple[str, float]], title: str, chart_id: str,
                    width: int = 900) -> str:
    """One bar per (label, value) around a zero line: negative red, positive blue."""
    row, left, right = 26, 280, 90
    height = row * len(items) + 30
    span = max((abs(v) for _, v in items), default=0.0) or 1.0
    half = (width - left - right) / 2
    zero = left + half
    parts = [f'<line x1="{zero:.1f}" y1="5" x2="{zero:.1f}" y2="{height - 20}" '
             f'stroke="{GREY}"/>']
    for i, (label, value) in enumerate(items):
        y = 10 + i * row
        length = abs(value) / span * half
        x = zero - length if value < 0 else zero
        colour = RED if value < 0 else BLUE
        parts.append(f'<text x="{left - 8}" y="{y + 14}" text-anchor="end">'
                     f"{html.escape(label)}</text>")
        parts.append(f'<rect x="{x:.1f}" y="{y}" width="{max(length, 0.5):.1f}" height="18" '
                     f'fill="{colour}"><title>{html.escape(label)}: {_number(value)}</title>'
                     "</rect>")
        parts.append(f'<text x="{width - 8}" y="{y + 14}" text-anchor="end">'
                     f"{_number(value)}</text>")
    return _frame(chart_id, title, width, height, parts)


def month_lines(series: dict[str, list[tuple[int, float]]], title: str, chart_id: str,
                width: int = 900, height: int = 320) -> str:
    """One line per series over the months 1–12 (points (month, value))."""
    left, right, top, bottom = 80, 200, 15, 40
    values = [v for points in series.values() for _, v in points] or [0.0]
    pad = (max(values) - min(values)) * 0.1 or abs(values[0]) * 0.05 or 1.0
    low, high = min(values) - pad, max(values) + pad
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(month: int) -> float:
        return left + (month - 1) / 11 * plot_w

    def y(value: float) -> float:
        return top + (high - value) / (high - low) * plot_h

    parts = [f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
             f'stroke="{GREY}"/>']
    for value in (low, high):
        parts.append(f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end">'
                     f"{_number(value)}</text>")
    for month in range(1, 13):
        parts.append(f'<text x="{x(month):.1f}" y="{height - 15}" text-anchor="middle">'
                     f"{MONTHS[month - 1]}</text>")
    for i, (name, points) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        if points:
            path = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in points)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" '
                         'stroke-width="2"/>')
            for m, v in points:
                parts.append(f'<circle cx="{x(m):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}">'
                             f"<title>{html.escape(name)} {MONTHS[m - 1]}: {_number(v)}</title>"
                             "</circle>")
        parts.append(f'<text x="{left + plot_w + 10}" y="{top + 14 + 18 * i}" '
                     f'fill="{colour}">{html.escape(name)}</text>')
    return _frame(chart_id, title, width, height, parts)

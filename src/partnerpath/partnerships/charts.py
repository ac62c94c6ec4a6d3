"""The health trend chart of a partnership as inline SVG, built as escaped markup so it reads
without JavaScript and prints with the page: one row per aspect and one column per check, each
cell coloured by its light and lettered (G, A, R) so colour is never the only cue, an overall
row, and below it the overall score line over time. The chart carries a <title> and a <desc>
that says everything it shows; the page's table holds the same lights."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from partnerpath.core.wording import plural

LABEL_WIDTH = 150  # pixels left of the grid for the aspect names
COLUMN = 64  # pixels per check
ROW = 26
HEADER = 34  # pixels above the grid for the dates
SCORE_HEIGHT = 100  # pixels of the score band (0 to 100)
GAP = 34  # pixels between the grid and the score band
CHECK_LIMIT = 40  # checks drawn (the latest); the page's table lists them all
COLOURS: Mapping[str, str] = {"green": "#2e9d52", "amber": "#e8a317", "red": "#d0362b"}
LETTERS: Mapping[str, str] = {"green": "G", "amber": "A", "red": "R"}
NOT_RATED_COLOUR = "#e3e6ec"
LINE_COLOUR = "#12325a"


@dataclass(frozen=True)
class TrendColumn:
    """One check: its date, the light per aspect (None: not rated), overall, and its score."""

    held_on: date
    lights: Mapping[str, str | None]
    overall: str | None
    score: float | None


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}">'
        f"{escape(text)}</text>"
    )


def _cell(x: float, y: float, light: str | None, tip: str) -> str:
    colour = COLOURS.get(light or "", NOT_RATED_COLOUR)
    letter = LETTERS.get(light or "", "-")
    ink = "#fff" if light in ("green", "red") else "#1d2433"
    return (
        f"<g><title>{escape(tip)}</title>"
        f'<rect x="{x + 2:.1f}" y="{y + 2:.1f}" width="{COLUMN - 4}" height="{ROW - 4}" '
        f'fill="{colour}" data-light="{escape(light or "none")}"/>'
        f'<text x="{x + COLUMN / 2:.1f}" y="{y + ROW / 2 + 4:.1f}" text-anchor="middle" '
        f'font-size="12" font-weight="600" fill="{ink}">{letter}</text></g>'
    )


def _words(light: str | None) -> str:
    return light or "not rated"


def health_trend_svg(
    aspects: Sequence[tuple[str, str]], columns: Sequence[TrendColumn]
) -> SafeString:
    """The lights of every aspect at every check (oldest left), the overall light, and the
    overall score line (green 100, amber 50, red 0) under them."""
    if not columns:
        return format_html(
            '<p class="muted chart-empty">{}</p>',
            "No health checks yet: the trend appears after the first check.",
        )
    ordered = sorted(columns, key=lambda c: c.held_on)
    shown = ordered[-CHECK_LIMIT:]
    rows = [*aspects, ("overall", "Overall")]
    grid_bottom = HEADER + ROW * len(rows)
    band_top = grid_bottom + GAP
    width = LABEL_WIDTH + COLUMN * len(shown) + 20
    height = band_top + SCORE_HEIGHT + 16
    body = []
    for i, column in enumerate(shown):
        x = LABEL_WIDTH + i * COLUMN
        body.append(
            _text(x + COLUMN / 2, 14, f"{column.held_on.day} {column.held_on:%b}", "middle", 11)
        )
        body.append(_text(x + COLUMN / 2, 28, f"{column.held_on:%Y}", "middle", 11))
        for j, (key, label) in enumerate(rows):
            light = column.overall if key == "overall" else column.lights.get(key)
            tip = f"{label} on {_day(column.held_on)}: {_words(light)}"
            body.append(_cell(x, HEADER + j * ROW, light, tip))
    for j, (_, label) in enumerate(rows):
        body.append(_text(LABEL_WIDTH - 8, HEADER + j * ROW + ROW / 2 + 4, label, "end"))
    body.append(
        f'<line x1="{LABEL_WIDTH}" y1="{HEADER + ROW * len(aspects) + 1}" '
        f'x2="{width - 20}" y2="{HEADER + ROW * len(aspects) + 1}" stroke="#1d2433"/>'
    )
    body.append(_text(LABEL_WIDTH - 8, band_top - 10, "Overall score", "end", 11))
    for tick in (0, 50, 100):
        level = band_top + (100 - tick) / 100 * SCORE_HEIGHT
        body.append(
            f'<line x1="{LABEL_WIDTH}" y1="{level:.1f}" x2="{width - 20}" y2="{level:.1f}" '
            'stroke="#d9dee8" stroke-width="1"/>'
        )
        body.append(_text(LABEL_WIDTH - 8, level + 4, str(tick), "end", 11))
    points = []
    for i, column in enumerate(shown):
        if column.score is None:
            continue
        points.append(
            (
                LABEL_WIDTH + i * COLUMN + COLUMN / 2,
                band_top + (100 - column.score) / 100 * SCORE_HEIGHT,
                column,
            )
        )
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{LINE_COLOUR}" stroke-width="2"/>'
        )
    for cx, cy, point in points:
        body.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{LINE_COLOUR}">'
            f"<title>Score on {escape(_day(point.held_on))}: {point.score:.0f}</title></circle>"
        )
    more = len(ordered) - len(shown)
    note = f" The {more} oldest checks are left out here; the table lists them." if more else ""
    summaries = "; ".join(
        f"{_day(c.held_on)}: overall {_words(c.overall)}"
        + (f", score {c.score:.0f}" if c.score is not None else "")
        + " ("
        + ", ".join(f"{label.lower()} {_words(c.lights.get(key))}" for key, label in aspects)
        + ")"
        for c in shown
    )
    desc = (
        f"Health of the partnership over {plural(len(shown), 'check')}, oldest first: for each "
        "check the light of every aspect, the overall light (the worst any partner gave) and "
        "the score (the average of all ratings from every partner: green 100, amber 50, red 0)."
        f"{note} {summaries}"
    )
    head = format_html(
        '<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="100%" '
        'font-family="system-ui, sans-serif" '
        'viewBox="0 0 {} {}" style="max-width:{}px" preserveAspectRatio="xMinYMin meet">'
        "<title>{}</title><desc>{}</desc>",
        width,
        height,
        width,
        "Health trend",
        desc,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # every part is escaped

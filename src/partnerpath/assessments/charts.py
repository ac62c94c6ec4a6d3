"""Geometry of the inline SVG charts (no JavaScript): an organisation's level over time and the
portfolio pyramid. Plain functions returning coordinates the templates draw."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# One assessment on the level chart: (date, level, assessment id), optionally with whether the
# level is only a floor ("at least": answers unknown could lift it).
Entry = tuple[date, int, int] | tuple[date, int, int, bool]


@dataclass(frozen=True)
class Point:
    """A dot of the level chart; a floor ("at least this level") is drawn hollow."""

    x: float
    y: float
    level: int
    on: date
    pk: int
    at_least: bool = False


@dataclass(frozen=True)
class LevelChart:
    """The level-over-time line: its dots, the polyline and the level gridlines."""

    width: int
    height: int
    points: list[Point]
    polyline: str
    grid: list[tuple[float, int, str]]

    @property
    def has_floors(self) -> bool:
        """Some dot is only a floor (the chart then explains the hollow dots)."""
        return any(p.at_least for p in self.points)


def level_chart(
    history: Sequence[Entry],
    labels: dict[int, str],
    width: int = 480,
    height: int = 180,
) -> LevelChart | None:
    """Dots for each assessment, oldest first, evenly spaced; None when empty.

    The vertical scale spans the labelled levels and every level in the history, so a level the
    labels lack (a rubric with more levels) still sits inside the picture, on its own gridline.
    """
    if not history:
        return None
    left, right, top, bottom = 120, 30, 12, 24
    levels = sorted(set(labels) | {entry[1] for entry in history})
    low, span = levels[0], levels[-1] - levels[0]
    inner_w, inner_h = width - left - right, height - top - bottom

    def y_of(level: int) -> float:
        share = (level - low) / span if span else 0.5
        return round(top + inner_h * (1 - share), 1)

    step = inner_w / (len(history) - 1) if len(history) > 1 else 0
    points = []
    for i, entry in enumerate(history):
        on, level, pk = entry[0], entry[1], entry[2]
        x = round(left + (i * step if len(history) > 1 else inner_w / 2), 1)
        points.append(Point(x, y_of(level), level, on, pk, len(entry) > 3 and bool(entry[3])))
    grid = [(y_of(n), n, labels.get(n, "")) for n in levels]
    polyline = " ".join(f"{p.x},{p.y}" for p in points)
    return LevelChart(width, height, points, polyline, grid)


@dataclass(frozen=True)
class Tier:
    """One level of the pyramid: a trapezoid with its count (``at_least`` of them floors)."""

    level: int
    label: str
    count: int
    points: str
    text_y: float
    at_least: int = 0


def pyramid(
    counts: dict[int, int],
    labels: dict[int, str],
    width: int = 520,
    row: int = 56,
    at_least: dict[int, int] | None = None,
) -> list[Tier]:
    """Stacked trapezoids, the highest level narrowest at the top, the base level widest.

    Every labelled level gets a tier, and so does any counted level the labels lack: no
    organisation counted falls outside the pyramid.
    """
    levels = sorted(set(labels) | set(counts), reverse=True)
    n = len(levels)
    centre, min_half, max_half = width / 2, width * 0.08, width / 2
    tiers: list[Tier] = []
    for i, level in enumerate(levels):
        top_half = min_half + (max_half - min_half) * i / n
        bottom_half = min_half + (max_half - min_half) * (i + 1) / n
        y0, y1 = i * row, (i + 1) * row - 4
        pts = [
            (centre - top_half, y0),
            (centre + top_half, y0),
            (centre + bottom_half, y1),
            (centre - bottom_half, y1),
        ]
        points = " ".join(f"{round(x, 1)},{y}" for x, y in pts)
        floors = (at_least or {}).get(level, 0)
        label = labels.get(level, "")
        tiers.append(Tier(level, label, counts.get(level, 0), points, y0 + row / 2, floors))
    return tiers


@dataclass(frozen=True)
class Spoke:
    """One axis of the radar chart."""

    title: str
    score: float | None
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class Radar:
    """Radar chart of section scores (0-100): axes, rings and the score polygon(s)."""

    size: int
    centre: float
    spokes: list[Spoke]
    rings: list[str]
    polygon: str
    previous: str


def _polygon(scores: Sequence[float | None], c: float, r: float) -> str:
    n = len(scores)
    pts = []
    for i, s in enumerate(scores):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        d = r * (s or 0.0) / 100
        pts.append(f"{round(c + d * math.cos(angle), 1)},{round(c + d * math.sin(angle), 1)}")
    return " ".join(pts)


def radar(
    sections: Sequence[tuple[str, float | None]],
    previous: Sequence[float | None] | None = None,
    size: int = 360,
) -> Radar | None:
    """A radar of (title, score 0-100 or None) per section; None below three sections."""
    n = len(sections)
    if n < 3:
        return None
    c, r = size / 2, size / 2 - 70
    spokes = []
    for i, (title, score) in enumerate(sections):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        cos, sin = math.cos(angle), math.sin(angle)
        spokes.append(
            Spoke(
                title,
                score,
                round(c + r * cos, 1),
                round(c + r * sin, 1),
                round(c + (r + 12) * cos, 1),
                round(c + (r + 12) * sin + 4, 1),
                "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end"),
            )
        )
    rings = [_polygon([pct] * n, c, r) for pct in (25.0, 50.0, 75.0, 100.0)]
    scores = [s for _, s in sections]
    prev = _polygon(previous, c, r) if previous else ""
    return Radar(size, c, spokes, rings, _polygon(scores, c, r), prev)

"""Inline SVG charts of the results pages, built as escaped markup so they read without
JavaScript and print with the page: a tornado of the weights that move one opportunity most, the
rank stability of every opportunity, and a slope chart of ranks across rounds. Each chart carries
a <title> and <desc>; the page's tables hold the same figures. Empty inputs give a sentence
instead of a chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

LABEL_WIDTH = 240  # pixels left of the bars for the labels
PLOT_WIDTH = 420  # pixels for the bars' full scale
NOTE_WIDTH = 150  # pixels right of the bars for values
ROW = 24
LOW_COLOUR = "#c0504d"  # weight lowered
HIGH_COLOUR = "#1f6fb2"  # weight raised
TOP_COLOUR = "#1f6fb2"
FIRST_COLOUR = "#b07a12"
UP_COLOUR = "#2e7d32"
DOWN_COLOUR = "#c62828"
SAME_COLOUR = "#777777"
STABILITY_LIMIT = 40  # opportunities drawn in the stability chart; the table has them all
SLOPE_LIMIT = 30  # opportunities drawn in the slope chart; the table has them all


def _empty(message: str) -> SafeString:
    return format_html('<p class="muted chart-empty">{}</p>', message)


def _short(text: str, size: int = 34) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _svg(width: int, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    """An SVG image with its text alternative; width scales with the page."""
    head = format_html(
        '<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="100%" '
        'viewBox="0 0 {} {}" style="max-width:{}px" preserveAspectRatio="xMinYMin meet">'
        "<title>{}</title><desc>{}</desc>",
        width,
        height,
        width,
        title,
        desc,
    )
    return mark_safe(head + "".join(body) + "</svg>")  # every part is escaped


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}">'
        f"{escape(text)}</text>"
    )


def _rect(x: float, y: float, width: float, height: float, colour: str, tip: str) -> str:
    return (
        f'<rect x="{x:.2f}" y="{y:.1f}" width="{width:.2f}" height="{height:.1f}" '
        f'fill="{colour}"><title>{escape(tip)}</title></rect>'
    )


@dataclass(frozen=True)
class TornadoLine:
    """One weight of the tornado: the opportunity's total and rank with it lowered and raised."""

    label: str
    total_low: float
    total_high: float
    rank_low: int
    rank_high: int


def tornado_svg(
    title: str, total: float, rank: int, lines: Sequence[TornadoLine], swing: float
) -> SafeString:
    """Bars left and right of the opportunity's total: how far it moves when each weight is
    lowered (red) and raised (blue) by the swing, widest first; ranks at the right."""
    if not lines:
        return _empty(f"No weights to vary for {title}.")
    pct = f"{100 * swing:.0f}%"
    values = [total] + [v for line in lines for v in (line.total_low, line.total_high)]
    spread = max(abs(v - total) for v in values)
    scale = (PLOT_WIDTH / 2) / spread if spread > 0 else 0.0
    centre = LABEL_WIDTH + PLOT_WIDTH / 2
    top = 30
    height = top + ROW * len(lines) + 10
    body = [
        _text(centre, 12, f"{title}: total {total:.2f} (rank {rank})", "middle"),
        _text(centre - 4, 26, "← lower total", "end", 11),
        _text(centre + 4, 26, "higher total →", "start", 11),
        _rect(8, 18, 10, 10, LOW_COLOUR, f"weight lowered {pct}"),
        _text(22, 27, f"weight -{pct}", "start", 11),
        _rect(92, 18, 10, 10, HIGH_COLOUR, f"weight raised {pct}"),
        _text(106, 27, f"weight +{pct}", "start", 11),
    ]
    for i, line in enumerate(lines):
        y = top + i * ROW
        body.append(_text(LABEL_WIDTH - 8, y + 15, _short(line.label), "end"))
        for value, colour, way, place in (
            (line.total_low, LOW_COLOUR, f"lowered {pct}", line.rank_low),
            (line.total_high, HIGH_COLOUR, f"raised {pct}", line.rank_high),
        ):
            delta = value - total
            width = abs(delta) * scale
            x = centre if delta >= 0 else centre - width
            tip = f"{line.label} {way}: total {value:.2f} ({delta:+.2f}), rank {place}"
            body.append(_rect(x, y + 2, width, ROW - 6, colour, tip))
        ranks = f"rank {line.rank_low} / {line.rank_high}"
        moved = f"{line.total_low - total:+.2f} / {line.total_high - total:+.2f}"
        body.append(_text(LABEL_WIDTH + PLOT_WIDTH + 8, y + 15, f"{moved} · {ranks}", "start", 11))
    body.append(
        f'<line x1="{centre:.1f}" y1="{top - 2}" x2="{centre:.1f}" y2="{height - 6}" '
        'stroke="#333" stroke-width="1"/>'
    )
    desc = (
        f"Tornado chart for {title}: change of its total when each weight is lowered or raised "
        f"by {pct}, the other weights rescaled to keep the sum at 100. "
        + "; ".join(
            f"{line.label}: {line.total_low - total:+.2f} / {line.total_high - total:+.2f}"
            for line in lines
        )
    )
    return _svg(LABEL_WIDTH + PLOT_WIDTH + NOTE_WIDTH, height, f"Tornado: {title}", desc, body)


@dataclass(frozen=True)
class StabilityLine:
    """One opportunity's share of weight draws in the top k and at rank 1 (0 to 1)."""

    title: str
    p_top_k: float
    p_first: float


def stability_svg(
    lines: Sequence[StabilityLine], top_k: int, concentration: float, samples: int
) -> SafeString:
    """Two bars per opportunity, most stable first: P(top k) (thick) and P(rank 1) (thin)."""
    if not lines:
        return _empty("No rank stability to show: the weights were not varied for this round.")
    ordered = sorted(lines, key=lambda s: (-s.p_top_k, -s.p_first, s.title))
    shown = ordered[:STABILITY_LIMIT]
    top = 34
    height = top + ROW * len(shown) + 10
    left, width = LABEL_WIDTH, PLOT_WIDTH
    body = [
        _text(
            left,
            12,
            f"P(top {top_k}) and P(rank 1) over {samples} weight draws "
            f"(Dirichlet, concentration {concentration:g})",
            "start",
            11,
        ),
        _rect(left, 18, 10, 10, TOP_COLOUR, f"P(top {top_k})"),
        _text(left + 14, 27, f"P(top {top_k})", "start", 11),
        _rect(left + 110, 18, 10, 10, FIRST_COLOUR, "P(rank 1)"),
        _text(left + 124, 27, "P(rank 1)", "start", 11),
    ]
    for tick in (0.0, 0.5, 1.0):
        x = left + tick * width
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 2}" x2="{x:.1f}" y2="{height - 6}" '
            'stroke="#bbb" stroke-width="1"/>'
        )
    for i, line in enumerate(shown):
        y = top + i * ROW
        body.append(_text(left - 8, y + 15, _short(line.title), "end"))
        body.append(
            _rect(
                left,
                y + 2,
                line.p_top_k * width,
                11,
                TOP_COLOUR,
                f"{line.title}: P(top {top_k}) {100 * line.p_top_k:.1f}%",
            )
        )
        body.append(
            _rect(
                left,
                y + 13,
                line.p_first * width,
                6,
                FIRST_COLOUR,
                f"{line.title}: P(rank 1) {100 * line.p_first:.1f}%",
            )
        )
        body.append(
            _text(
                left + width + 8,
                y + 15,
                f"{100 * line.p_top_k:.0f}% · {100 * line.p_first:.0f}%",
                "start",
                11,
            )
        )
    more = len(ordered) - len(shown)
    note = f" The {more} least stable are left out here; the table lists them." if more else ""
    desc = (
        f"Rank stability: for each opportunity the share of {samples} random weight sets "
        f"(Dirichlet around the agreed weights, concentration {concentration:g}) in which it is "
        f"in the top {top_k}, and ranks first.{note} "
        + "; ".join(
            f"{s.title}: {100 * s.p_top_k:.0f}% top {top_k}, {100 * s.p_first:.0f}% first"
            for s in shown
        )
    )
    return _svg(left + width + NOTE_WIDTH, height, "Rank stability", desc, body)


@dataclass(frozen=True)
class SlopeLine:
    """One opportunity's rank per round (None where the round did not score it)."""

    title: str
    ranks: tuple[int | None, ...]


def slope_svg(rounds: Sequence[str], lines: Sequence[SlopeLine]) -> SafeString:
    """Ranks per round as columns joined by lines: green moved up, red moved down, grey
    unchanged; titles at the first and last round each opportunity was scored in."""
    if len(rounds) < 2 or not lines:
        return _empty("A chart needs at least two rounds with results.")
    shown = list(lines[:SLOPE_LIMIT])
    worst = max((r for line in shown for r in line.ranks if r), default=1)
    step = max(6.0, min(22.0, 600 / worst))
    top, label = 40, 200
    gap = max(120, 560 // (len(rounds) - 1))
    width = 2 * label + gap * (len(rounds) - 1)
    height = int(top + step * (worst - 1) + 30)

    def x_of(i: int) -> float:
        return label + i * gap

    def y_of(rank: int) -> float:
        return top + step * (rank - 1)

    body = []
    for i, name in enumerate(rounds):
        body.append(_text(x_of(i), 14, _short(name, 22), "middle"))
        body.append(
            f'<line x1="{x_of(i):.1f}" y1="{top - 10}" x2="{x_of(i):.1f}" y2="{height - 14}" '
            'stroke="#ddd" stroke-width="1"/>'
        )
    moves: list[str] = []
    for line in shown:
        scored = [(i, r) for i, r in enumerate(line.ranks) if r]
        if not scored:
            continue
        for (i, a), (j, b) in pairwise(scored):
            colour = UP_COLOUR if b < a else DOWN_COLOUR if b > a else SAME_COLOUR
            way = "up" if b < a else "down" if b > a else "unchanged"
            body.append(
                f'<line x1="{x_of(i):.1f}" y1="{y_of(a):.1f}" x2="{x_of(j):.1f}" '
                f'y2="{y_of(b):.1f}" stroke="{colour}" stroke-width="2.5">'
                f"<title>{escape(line.title)}: {escape(rounds[i])} rank {a} → "
                f"{escape(rounds[j])} rank {b} ({way})</title></line>"
            )
        for i, r in scored:
            body.append(f'<circle cx="{x_of(i):.1f}" cy="{y_of(r):.1f}" r="3.5" fill="#333"/>')
        (first, a), (last, b) = scored[0], scored[-1]
        if first != last:
            body.append(
                _text(x_of(first) - 8, y_of(a) + 4, f"{a}. {_short(line.title, 26)}", "end", 11)
            )
        body.append(
            _text(x_of(last) + 8, y_of(b) + 4, f"{b}. {_short(line.title, 26)}", "start", 11)
        )
        moves.append(
            f"{line.title}: " + " → ".join(str(r) if r else "not scored" for r in line.ranks)
        )
    more = len(lines) - len(shown)
    note = f" {more} more opportunities are in the table only." if more else ""
    desc = (
        "Rank of each opportunity per round (" + ", ".join(rounds) + "); green lines moved up, "
        f"red moved down, grey kept their rank.{note} " + "; ".join(moves)
    )
    return _svg(width, height, "Rank per round", desc, body)

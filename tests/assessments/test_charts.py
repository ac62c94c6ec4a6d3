"""Geometry of the inline SVG charts: the level line, the pyramid and the radar."""

from __future__ import annotations

import datetime as dt

import pytest

from partnerpath.assessments import charts

LABELS = {0: "Not yet engaged", 1: "Follower", 2: "Mature", 3: "Leader", 4: "Innovator"}


def test_no_history_draws_no_level_chart():
    assert charts.level_chart([], LABELS) is None


def test_higher_levels_sit_higher_and_dates_run_left_to_right():
    chart = charts.level_chart([(dt.date(2025, 1, 1), 1, 10), (dt.date(2026, 1, 1), 3, 11)], LABELS)
    assert chart is not None
    first, second = chart.points
    assert first.x < second.x and first.y > second.y
    assert [n for _, n, _ in chart.grid] == [0, 1, 2, 3, 4]


def test_the_pyramid_puts_the_highest_level_on_top_and_narrowest():
    tiers = charts.pyramid({1: 7, 4: 1}, LABELS)
    assert [t.level for t in tiers] == [4, 3, 2, 1, 0]
    assert tiers[0].count == 1 and tiers[3].count == 7 and tiers[1].count == 0

    def width(t: charts.Tier) -> float:
        xs = [float(p.split(",")[0]) for p in t.points.split()]
        return max(xs) - min(xs)

    assert width(tiers[0]) < width(tiers[-1])


@pytest.mark.parametrize(
    ("sections", "drawn"),
    [([("a", 50.0), ("b", 50.0)], False), ([("a", 0.0), ("b", None), ("c", 100.0)], True)],
)
def test_the_radar_needs_three_learnings(sections, drawn):
    assert (charts.radar(sections) is not None) is drawn


def test_a_full_score_reaches_the_outer_ring():
    radar = charts.radar([("a", 100.0), ("b", 100.0), ("c", 100.0)])
    assert radar is not None
    assert radar.polygon == radar.rings[-1]

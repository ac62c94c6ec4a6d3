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


@pytest.mark.parametrize(
    ("labels", "levels"),
    [
        (LABELS, [1, 5]),  # a programme rubric's level 5 the labels lack
        ({**LABELS, 5: "Champion"}, [5, 5]),
        ({}, [2, 3]),  # a rubric no longer there: levels by number only
        ({3: "Base", 4: "Top"}, [3, 4]),  # a ladder whose base is not level 0
        (LABELS, [2]),
    ],
)
def test_every_dot_sits_inside_the_picture_on_a_gridline(labels, levels):
    history = [(dt.date(2025, 1, 1 + i), lv, i) for i, lv in enumerate(levels)]
    chart = charts.level_chart(history, labels)
    assert chart is not None
    rows = {n: y for y, n, _ in chart.grid}
    for p in chart.points:
        assert 0 <= p.y <= chart.height and 0 <= p.x <= chart.width
        assert rows[p.level] == p.y
    assert [n for _, n, _ in chart.grid] == sorted(set(labels) | set(levels))


def test_a_floor_is_marked_at_least_on_the_level_chart():
    history = [(dt.date(2025, 1, 1), 1, 10, False), (dt.date(2026, 1, 1), 2, 11, True)]
    chart = charts.level_chart(history, LABELS)
    assert chart is not None
    assert [p.at_least for p in chart.points] == [False, True] and chart.has_floors
    plain = charts.level_chart([(dt.date(2025, 1, 1), 1, 10)], LABELS)
    assert plain is not None and not plain.has_floors


def test_the_pyramid_gives_every_counted_level_a_tier_and_counts_floors():
    tiers = charts.pyramid({1: 2, 5: 1}, LABELS, at_least={1: 1})
    assert [t.level for t in tiers] == [5, 4, 3, 2, 1, 0]
    assert sum(t.count for t in tiers) == 3
    assert {t.level: t.at_least for t in tiers if t.at_least} == {1: 1}
    assert tiers[0].label == ""

"""Time in stage: per stage (visits add up), the current stage's age, averages across
partnerships."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from partnerpath.core.lifecycle.stages import Stage
from partnerpath.core.lifecycle.timing import (
    StageChange,
    average_time_in_stage,
    time_in_stages,
)

S = Stage
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def day(n: int) -> datetime:
    return T0 + timedelta(days=n)


def changes(*steps: tuple[int, Stage]) -> list[StageChange]:
    return [StageChange(day(n), s) for n, s in steps]


# (case, changes, now (day), days spent per stage, current stage, its age in days, visits)
CASES: list[
    tuple[str, list[StageChange], int, dict[Stage, int], Stage | None, int, dict[Stage, int]]
] = [
    (
        "never moved",
        changes((0, S.IDENTIFIED)),
        10,
        {S.IDENTIFIED: 10},
        S.IDENTIFIED,
        10,
        {S.IDENTIFIED: 1},
    ),
    (
        "straight along the path",
        changes((0, S.IDENTIFIED), (30, S.CULTIVATING), (120, S.CO_CREATION)),
        200,
        {S.IDENTIFIED: 30, S.CULTIVATING: 90, S.CO_CREATION: 80},
        S.CO_CREATION,
        80,
        {S.IDENTIFIED: 1, S.CULTIVATING: 1, S.CO_CREATION: 1},
    ),
    (
        "back to co-creation: the visits add up, the age restarts",
        changes((0, S.CO_CREATION), (60, S.AGREEMENT), (90, S.CO_CREATION)),
        100,
        {S.CO_CREATION: 70, S.AGREEMENT: 30},
        S.CO_CREATION,
        10,
        {S.CO_CREATION: 2, S.AGREEMENT: 1},
    ),
    (
        "a repeated change into the same stage is one visit",
        changes((0, S.AGREEMENT), (5, S.AGREEMENT)),
        20,
        {S.AGREEMENT: 20},
        S.AGREEMENT,
        20,
        {S.AGREEMENT: 1},
    ),
    (
        "changes given out of order",
        list(reversed(changes((0, S.IDENTIFIED), (10, S.CLOSED)))),
        15,
        {S.IDENTIFIED: 10, S.CLOSED: 5},
        S.CLOSED,
        5,
        {S.IDENTIFIED: 1, S.CLOSED: 1},
    ),
    ("no changes", [], 15, {}, None, 0, {}),
]


@pytest.mark.parametrize(
    ("steps", "now", "spent", "current", "age", "visits"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_it_adds_up_the_time_in_each_stage(
    steps: list[StageChange],
    now: int,
    spent: dict[Stage, int],
    current: Stage | None,
    age: int,
    visits: dict[Stage, int],
) -> None:
    times = time_in_stages(steps, day(now))
    assert dict(times.spent) == {s: timedelta(days=d) for s, d in spent.items()}
    assert times.current is current
    assert times.current_age == timedelta(days=age)
    assert dict(times.visits) == visits


def test_a_change_after_now_is_an_error() -> None:
    with pytest.raises(ValueError, match="later than now"):
        time_in_stages(changes((5, S.IDENTIFIED)), day(1))


def test_averages_cover_only_partnerships_that_were_in_the_stage() -> None:
    now = day(100)
    times = [
        time_in_stages(changes((0, S.IDENTIFIED), (10, S.CULTIVATING)), now),
        time_in_stages(changes((0, S.IDENTIFIED), (30, S.CULTIVATING)), now),
        time_in_stages(changes((0, S.IDENTIFIED)), now),
    ]
    averages = average_time_in_stage(times)
    assert set(averages) == {S.IDENTIFIED, S.CULTIVATING}
    identified = averages[S.IDENTIFIED]
    assert (identified.partnerships, identified.mean, identified.median) == (
        3,
        timedelta(days=140 / 3),
        timedelta(days=30),
    )
    assert averages[S.CULTIVATING].mean == timedelta(days=80)


def test_no_partnerships_no_averages() -> None:
    assert average_time_in_stage([]) == {}

"""Time in stage: from a partnership's stage changes, the time spent in each stage (visits back
to a stage add up) and the age of the current stage; averages across partnerships."""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from partnerpath.core.lifecycle.stages import Stage


@dataclass(frozen=True)
class StageChange:
    """The partnership entered ``stage`` at ``at`` (its creation is the first change)."""

    at: datetime
    stage: Stage


@dataclass(frozen=True)
class StageTimes:
    """Time spent per stage, visits per stage, the current stage and how long it has lasted."""

    spent: Mapping[Stage, timedelta]
    visits: Mapping[Stage, int]
    current: Stage | None
    current_since: datetime | None
    current_age: timedelta


def time_in_stages(changes: Sequence[StageChange], now: datetime) -> StageTimes:
    """Each change starts the time in its stage, which runs until the next change (or ``now``
    for the current stage). A change into the stage the partnership is already in is not a new
    visit. Changes are taken in time order; one after ``now`` is an error (ValueError)."""
    ordered = sorted(changes, key=lambda c: c.at)
    if ordered and ordered[-1].at > now:
        raise ValueError(f"A stage change at {ordered[-1].at} is later than now ({now}).")
    spent: dict[Stage, timedelta] = {}
    visits: dict[Stage, int] = {}
    current: Stage | None = None
    since: datetime | None = None
    ends = [c.at for c in ordered[1:]] + [now]
    for change, end in zip(ordered, ends, strict=False):
        spent[change.stage] = spent.get(change.stage, timedelta()) + (end - change.at)
        if change.stage is not current:
            visits[change.stage] = visits.get(change.stage, 0) + 1
            current, since = change.stage, change.at
    age = now - since if since else timedelta()
    return StageTimes(spent, visits, current, since, age)


@dataclass(frozen=True)
class StageAverage:
    """Time in one stage across the partnerships that have been in it."""

    stage: Stage
    partnerships: int
    mean: timedelta
    median: timedelta


def average_time_in_stage(times: Sequence[StageTimes]) -> Mapping[Stage, StageAverage]:
    """Per stage, the mean and median time over the partnerships that have spent time in it
    (current stays included, so the figure grows with stuck partnerships). Stages nobody has
    been in are left out."""
    averages: dict[Stage, StageAverage] = {}
    for stage in Stage:
        seconds = [t.spent[stage].total_seconds() for t in times if stage in t.spent]
        if seconds:
            mean = timedelta(seconds=statistics.fmean(seconds))
            median = timedelta(seconds=statistics.median(seconds))
            averages[stage] = StageAverage(stage, len(seconds), mean, median)
    return averages

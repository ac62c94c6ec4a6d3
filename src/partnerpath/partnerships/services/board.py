"""The partnerships board: the programme's partnerships by stage, each card with its partners,
type, time in its current stage, open deal-breakers and last health light, and the average and
median time spent in each stage. A fixed number of queries however many partnerships."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from partnerpath.accounts.models import Programme
from partnerpath.core.lifecycle import health
from partnerpath.core.lifecycle import timing as core_timing
from partnerpath.core.lifecycle.dealbreakers import DealBreakerFlag
from partnerpath.core.lifecycle.stages import PATH, Stage, label
from partnerpath.partnerships.choices import Type
from partnerpath.partnerships.models import (
    Concern,
    HealthCheck,
    HealthRating,
    Partner,
    Partnership,
    StageChange,
)
from partnerpath.partnerships.services.flags import flag_for
from partnerpath.partnerships.services.health import LATEST_FIRST, Rated, result_of

# Columns in journey order; closed partnerships come last.
COLUMNS: tuple[Stage, ...] = (*PATH, Stage.CLOSED)
DAY = timedelta(days=1)
TYPE_LABELS: dict[str, str] = dict(Type.choices)


def days(span: timedelta) -> int:
    """Whole days in ``span`` (what the pages show)."""
    return span // DAY


def days_in_stage(stage_since: datetime, now: datetime) -> int:
    """Whole days a partnership has been in its current stage (since its last move)."""
    return days(now - stage_since)


def stage_changes_of(
    programme_id: int, partnership_id: int | None = None
) -> dict[int, list[core_timing.StageChange]]:
    """Every stage change of the programme's partnerships (or of one) as the core reads them,
    in one query."""
    found: dict[int, list[core_timing.StageChange]] = {}
    rows = StageChange.objects.filter(programme_id=programme_id)
    if partnership_id is not None:
        rows = rows.filter(partnership_id=partnership_id)
    values = rows.order_by("at", "id").values_list("partnership_id", "to_stage", "at")
    for partnership, stage, at in values:
        found.setdefault(partnership, []).append(core_timing.StageChange(at, Stage(stage)))
    return found


def stage_times_of(partnership: Partnership, now: datetime | None = None) -> core_timing.StageTimes:
    """Time the partnership has spent in each stage, from its stage changes."""
    found = stage_changes_of(partnership.programme_id, partnership.pk)
    changes = found.get(partnership.pk, [])
    return core_timing.time_in_stages(changes, _not_before(now or timezone.now(), changes))


def _not_before(now: datetime, changes: list[core_timing.StageChange]) -> datetime:
    """``now``, or the latest change when a clock put it later (the core refuses the future)."""
    return max([now, *(c.at for c in changes)])


def check_lights(check_ids: Sequence[int]) -> dict[int, health.CheckResult]:
    """The health-check-v1 result of each rated check, from plain values in one query."""
    ratings: dict[int, list[Rated]] = {}
    held: dict[int, date] = {}
    rows = HealthRating.objects.filter(health_check_id__in=list(check_ids)).values_list(
        "health_check_id", "health_check__held_on", "partner_id", "aspect", "light"
    )
    for check_id, held_on, partner_id, aspect, light in rows:
        held[check_id] = held_on
        ratings.setdefault(check_id, []).append((partner_id, aspect, light, ""))
    return {pk: result_of(held[pk], found, {}) for pk, found in ratings.items()}


# How a card words and styles its open deal-breakers, by loudness (0 quiet .. 3 alarm).
LOUDNESS_WORDS = {0: "On record", 1: "Note", 2: "Warning", 3: "Alarm"}
LOUDNESS_CLASSES = {0: "tag", 1: "tag", 2: "tag warn", 3: "tag bad"}


@dataclass(frozen=True)
class Card:
    """One partnership on the board, with every text its card shows worked out beforehand (a
    board of hundreds of cards must render fast)."""

    pk: int
    title: str
    url: str
    stage: str
    partners: str
    type_label: str
    days_in_stage: int
    days_text: str
    flag: DealBreakerFlag | None
    flag_class: str
    flag_text: str
    light: str


def _plural(count: int, word: str) -> str:
    """ "1 day", "2 days"."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def card(
    row: dict[str, Any],
    url: str,
    partners: list[str],
    days_in_stage: int,
    flag: DealBreakerFlag | None,
    light: str,
) -> Card:
    """A card from a partnership's values and what was worked out about it."""
    level = int(flag.level) if flag else 0
    return Card(
        pk=row["id"],
        title=row["title"],
        url=url,
        stage=row["stage"],
        partners=", ".join(partners),
        type_label=TYPE_LABELS.get(row["partnership_type"], ""),
        days_in_stage=days_in_stage,
        days_text=f"{_plural(days_in_stage, 'day')} in stage",
        flag=flag,
        flag_class=f"{LOUDNESS_CLASSES[level]} deal-breakers" if flag else "",
        flag_text=(
            f"{LOUDNESS_WORDS[level]}: {_plural(flag.count, 'open deal-breaker')}" if flag else ""
        ),
        light=light,
    )


@dataclass(frozen=True)
class Column:
    """The cards of one stage."""

    stage: str
    label: str
    cards: list[Card]


@dataclass(frozen=True)
class AverageRow:
    """Average and median days spent in one stage across the partnerships shown."""

    stage: str
    label: str
    partnerships: int
    mean_days: float
    median_days: float


@dataclass(frozen=True)
class Board:
    """The board: its columns, the time-in-stage figures and how many partnerships it shows."""

    columns: list[Column]
    averages: list[AverageRow]
    total: int


def partnership_rows(programme: Programme, stage: str = "", kind: str = "") -> list[dict[str, Any]]:
    """The programme's partnerships as plain values with the id of their last health check,
    optionally of one stage or type, in one query."""
    latest = HealthCheck.objects.filter(partnership=OuterRef("pk")).order_by(*LATEST_FIRST)
    rows = (
        Partnership.objects.filter(programme=programme)
        .annotate(last_check_id=Subquery(latest.values("pk")[:1]))
        .order_by("title", "id")
    )
    if stage:
        rows = rows.filter(stage=stage)
    if kind:
        rows = rows.filter(partnership_type=kind)
    fields = ("id", "title", "stage", "stage_since", "partnership_type", "last_check_id")
    return list(rows.values(*fields))


def partner_names(programme: Programme) -> dict[int, list[str]]:
    """The names of each partnership's partners, in the order they joined, in one query."""
    found: dict[int, list[str]] = {}
    rows = Partner.objects.filter(programme=programme).order_by("id")
    for partnership_id, name in rows.values_list("partnership_id", "organisation__name"):
        found.setdefault(partnership_id, []).append(name)
    return found


def open_deal_breakers_by_partnership(programme: Programme) -> dict[int, list[Concern]]:
    """Each partnership's deal-breakers not yet resolved or accepted, in one query."""
    found: dict[int, list[Concern]] = {}
    for concern in Concern.objects.filter(programme=programme).open_deal_breakers():
        found.setdefault(concern.partnership_id, []).append(concern)
    return found


def board_of(
    programme: Programme, stage: str = "", kind: str = "", now: datetime | None = None
) -> Board:
    """The board of ``programme`` (filtered by stage and type when given), in six queries."""
    now = now or timezone.now()
    rows = partnership_rows(programme, stage, kind)
    names = partner_names(programme)
    concerns = open_deal_breakers_by_partnership(programme)
    changes = stage_changes_of(programme.pk)
    results = check_lights([r["last_check_id"] for r in rows if r["last_check_id"]])
    board_url = reverse("partnerships:board", args=[programme.slug])
    times: list[core_timing.StageTimes] = []
    by_stage: dict[str, list[Card]] = {s.value: [] for s in COLUMNS}
    for row in rows:
        pk = row["id"]
        found = changes.get(pk, [])
        spent = core_timing.time_in_stages(found, _not_before(now, found))
        times.append(spent)
        result = results.get(row["last_check_id"])
        overall = result.overall.value if result and result.overall else ""
        by_stage.setdefault(row["stage"], []).append(
            card(
                row,
                f"{board_url}{pk}/",
                names.get(pk, []),
                days_in_stage(row["stage_since"], now),
                flag_for(row["stage"], concerns.get(pk, [])),
                overall,
            )
        )
    columns = [
        Column(s.value, label(s), by_stage[s.value]) for s in COLUMNS if not stage or s == stage
    ]
    averages = [
        AverageRow(s.value, label(s), a.partnerships, a.mean / DAY, a.median / DAY)
        for s, a in core_timing.average_time_in_stage(times).items()
    ]
    return Board(columns, averages, len(rows))

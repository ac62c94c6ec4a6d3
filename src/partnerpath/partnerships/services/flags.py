"""Flags a partnership shows on every page and the dashboard shows across the programme: open
deal-breakers (louder the later the stage) and overdue health checks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Prefetch

from partnerpath.accounts.models import Programme
from partnerpath.core.lifecycle.cadence import Cadence, DueStatus, NextCheck, next_check
from partnerpath.core.lifecycle.dealbreakers import DealBreakerFlag, deal_breaker_flag
from partnerpath.core.lifecycle.stages import Stage as CoreStage
from partnerpath.partnerships.choices import Stage
from partnerpath.partnerships.models import Concern, Partnership
from partnerpath.partnerships.services.facts import core_concern

# Stages in which the partners run the partnership, so health checks fall due.
RUNNING = (Stage.IMPLEMENTATION, Stage.REVIEW, Stage.SUSTAINED)


def flag_for(stage: str, open_deal_breakers: list[Concern]) -> DealBreakerFlag | None:
    """The flag for these open deal-breakers at ``stage`` (None: none open)."""
    concerns = tuple(core_concern(c) for c in open_deal_breakers)
    return deal_breaker_flag(CoreStage(stage), concerns)


def open_deal_breakers(partnership: Partnership) -> list[Concern]:
    """The partnership's deal-breakers not yet resolved or accepted."""
    return list(partnership.concerns.open_deal_breakers())


def deal_breaker_flag_of(partnership: Partnership) -> DealBreakerFlag | None:
    """The flag shown on every page of ``partnership``."""
    return flag_for(partnership.stage, open_deal_breakers(partnership))


def next_check_of(
    partnership: Partnership, last_check: date | None, cadence: str, today: date
) -> NextCheck | None:
    """When the next health check is due (None: the partnership is not running)."""
    if partnership.stage not in RUNNING:
        return None
    started = partnership.started_on or partnership.stage_since.date()
    return next_check(last_check, started, Cadence(cadence) if cadence else None, today)


@dataclass(frozen=True)
class FlaggedPartnership:
    """One partnership the dashboard draws attention to."""

    partnership: Partnership
    deal_breakers: DealBreakerFlag | None
    check: NextCheck | None


def dashboard_flags(programme: Programme, today: date) -> list[FlaggedPartnership]:
    """Partnerships with open deal-breakers or an overdue health check, loudest first, in a
    fixed number of queries."""
    unsettled = Concern.objects.open_deal_breakers()
    rows = (
        Partnership.objects.filter(programme=programme)
        .exclude(stage=Stage.CLOSED)
        .select_related("agreement")
        .annotate(last_check=Max("health_checks__held_on"))
        .prefetch_related(Prefetch("concerns", queryset=unsettled, to_attr="open_deal_breakers"))
    )
    found = []
    for row in rows:
        flag = flag_for(row.stage, row.open_deal_breakers)
        agreement = getattr(row, "agreement", None)
        check = next_check_of(row, row.last_check, agreement.cadence if agreement else "", today)
        overdue = check if check is not None and check.status is DueStatus.OVERDUE else None
        if flag or overdue:
            found.append(FlaggedPartnership(row, flag, overdue))
    found.sort(
        key=lambda f: (
            -(f.deal_breakers.level if f.deal_breakers else -1),
            -(f.check.days_overdue if f.check else 0),
            f.partnership.title,
        )
    )
    return found

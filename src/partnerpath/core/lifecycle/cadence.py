"""When the next health check is due, from the governance cadence the partners agreed, and
whether it is late."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from partnerpath.core.risk.checklist import add_months
from partnerpath.core.wording import day, plural

DUE_SOON_DAYS = 14


class Cadence(StrEnum):
    """How often the partners meet and check the partnership's health."""

    MONTHLY = "monthly"
    EVERY_2_MONTHS = "every_2_months"
    QUARTERLY = "quarterly"
    SIX_MONTHLY = "six_monthly"
    YEARLY = "yearly"


CADENCE_MONTHS: Mapping[Cadence, int] = {
    Cadence.MONTHLY: 1,
    Cadence.EVERY_2_MONTHS: 2,
    Cadence.QUARTERLY: 3,
    Cadence.SIX_MONTHLY: 6,
    Cadence.YEARLY: 12,
}
CADENCE_LABELS: Mapping[Cadence, str] = {
    Cadence.MONTHLY: "monthly",
    Cadence.EVERY_2_MONTHS: "every 2 months",
    Cadence.QUARTERLY: "quarterly",
    Cadence.SIX_MONTHLY: "every 6 months",
    Cadence.YEARLY: "yearly",
}
# Without an agreed cadence: the informal rhythm of the partnering references (about 2 months).
DEFAULT_CADENCE = Cadence.EVERY_2_MONTHS


class DueStatus(StrEnum):
    """Where a partnership stands against its health-check cadence."""

    NOT_DUE = "not due"
    DUE_SOON = "due soon"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class NextCheck:
    """The next health check's due date, its status on a given day, and why."""

    cadence: Cadence
    due_on: date
    status: DueStatus
    days_overdue: int
    reason: str


def next_check(
    last_check: date | None,
    started_on: date,
    cadence: Cadence | None,
    today: date,
    due_soon_days: int = DUE_SOON_DAYS,
) -> NextCheck:
    """The next check falls one cadence period after the last check, or after the start (the
    agreement or the first day of implementation) when no check was held yet. Without an agreed
    cadence, every 2 months. It is overdue the day after its due date and due soon within
    ``due_soon_days`` of it."""
    used = cadence or DEFAULT_CADENCE
    since, what = (last_check, "the last check") if last_check else (started_on, "the start")
    what = f"{what} ({day(since)})"
    due = add_months(since, CADENCE_MONTHS[used])
    every = CADENCE_LABELS[used] + ("" if cadence else " (no cadence agreed; the default)")
    late = (today - due).days
    if late > 0:
        reason = f"Overdue by {plural(late, 'day')}: due {day(due)}, {every} after {what}."
        return NextCheck(used, due, DueStatus.OVERDUE, late, reason)
    if -late <= due_soon_days:
        reason = f"Due soon: on {day(due)}, {every} after {what}."
        return NextCheck(used, due, DueStatus.DUE_SOON, 0, reason)
    reason = f"Next check due {day(due)}, {every} after {what}."
    return NextCheck(used, due, DueStatus.NOT_DUE, 0, reason)

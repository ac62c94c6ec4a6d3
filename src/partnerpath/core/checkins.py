"""'Engage early and often': when each organisation is next due a check-in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# Days between check-ins by organisation kind, when the organisation sets none.
DEFAULT_CADENCE_DAYS: Mapping[str, int] = {
    "company": 90,
    "association": 90,
    "ngo": 60,
    "government": 120,
    "international": 120,
    "union": 90,
    "recruitment": 90,
}
FALLBACK_CADENCE_DAYS = 90
DUE_SOON_DAYS = 14


class CheckinStatus(StrEnum):
    """Where an organisation stands against its check-in cadence."""

    NEVER = "never contacted"
    OVERDUE = "overdue"
    DUE_SOON = "due soon"
    OK = "on track"


@dataclass(frozen=True)
class CheckinInput:
    """What the rule needs about one organisation."""

    organisation_id: int
    kind: str
    cadence_override: int | None
    last_contact: date | None


@dataclass(frozen=True)
class Checkin:
    """One organisation's check-in state, with the reason in words."""

    organisation_id: int
    cadence_days: int
    last_contact: date | None
    due_on: date | None
    status: CheckinStatus
    days_overdue: int
    reason: str


def cadence_for(
    kind: str, override: int | None, defaults: Mapping[str, int] = DEFAULT_CADENCE_DAYS
) -> int:
    """The organisation's own cadence, else the default for its kind."""
    if override:
        return override
    return defaults.get(kind, FALLBACK_CADENCE_DAYS)


def checkin(item: CheckinInput, today: date, due_soon_days: int = DUE_SOON_DAYS) -> Checkin:
    """Work out when the next check-in is due and whether it is late."""
    cadence = cadence_for(item.kind, item.cadence_override)
    if item.last_contact is None:
        return Checkin(
            item.organisation_id,
            cadence,
            None,
            None,
            CheckinStatus.NEVER,
            0,
            "No interaction is logged yet.",
        )
    due = item.last_contact + timedelta(days=cadence)
    late = (today - due).days
    if late > 0:
        status, reason = CheckinStatus.OVERDUE, f"{late} days past the {cadence}-day check-in."
    elif -late <= due_soon_days:
        status, reason = CheckinStatus.DUE_SOON, f"Due in {-late} days ({cadence}-day cadence)."
    else:
        status, reason = CheckinStatus.OK, f"Next check-in in {-late} days."
    return Checkin(
        item.organisation_id, cadence, item.last_contact, due, status, max(late, 0), reason
    )


def due_checkins(items: Iterable[CheckinInput], today: date) -> list[Checkin]:
    """Overdue first (most late first), then never contacted, then due soon."""
    order = {CheckinStatus.OVERDUE: 0, CheckinStatus.NEVER: 1, CheckinStatus.DUE_SOON: 2}
    results = [c for c in (checkin(i, today) for i in items) if c.status in order]
    return sorted(results, key=lambda c: (order[c.status], -c.days_overdue, c.due_on or today))


def is_stale(last_contact: date | None, today: date, stale_after_days: int) -> bool:
    """Not contacted for more than ``stale_after_days`` (or never)."""
    return last_contact is None or (today - last_contact).days > stale_after_days

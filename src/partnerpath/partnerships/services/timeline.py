"""The partnership's timeline: every service that changes a partnership writes one entry here, so
the timeline reads in one query however long it grows, and exports as it reads. An entry is dated
when the thing happened (a meeting's date, a check's date) and keeps who entered it and when."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from partnerpath.audit.context import current_actor
from partnerpath.partnerships.choices import EventKind
from partnerpath.partnerships.models import Partnership, TimelineEvent

# Things entered with a date only (meetings, health checks) are placed at midday of that date.
MIDDAY = time(12, 0)


def moment(day: date, now: datetime | None = None) -> datetime:
    """When something that happened on ``day`` goes on the timeline: midday of that day in the
    local time zone, or now when that is still to come (a meeting entered the same morning)."""
    now = now or timezone.now()
    return min(timezone.make_aware(datetime.combine(day, MIDDAY)), now)


def record(
    partnership: Partnership,
    kind: EventKind,
    summary: str,
    detail: str = "",
    flagged: bool = False,
    at: datetime | None = None,
    actor: str | None = None,
) -> TimelineEvent:
    """Add an entry to the partnership's timeline, dated ``at`` (default: now) and attributed to
    ``actor`` (default: the current actor); it keeps when it was entered."""
    entered = timezone.now()
    return TimelineEvent.objects.create(
        programme_id=partnership.programme_id,
        partnership=partnership,
        kind=kind,
        summary=summary[:500],
        detail=detail,
        flagged=flagged,
        at=at or entered,
        recorded_at=entered,
        actor_label=(actor or current_actor().label)[:150],
    )


def timeline_of(
    partnership: Partnership, kinds: list[str] | None = None
) -> QuerySet[TimelineEvent]:
    """The partnership's timeline, newest first, optionally only some kinds of entry."""
    events = TimelineEvent.objects.filter(partnership=partnership)
    if kinds:
        events = events.filter(kind__in=kinds)
    return events.order_by("-at", "-id")

"""The partnership's timeline: every service that changes a partnership writes one entry here, so
the timeline reads in one query however long it grows, and exports as it reads."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from partnerpath.audit.context import current_actor
from partnerpath.partnerships.choices import EventKind
from partnerpath.partnerships.models import Partnership, TimelineEvent


def record(
    partnership: Partnership,
    kind: EventKind,
    summary: str,
    detail: str = "",
    flagged: bool = False,
    at: datetime | None = None,
) -> TimelineEvent:
    """Add an entry to the partnership's timeline, attributed to the current actor."""
    return TimelineEvent.objects.create(
        programme_id=partnership.programme_id,
        partnership=partnership,
        kind=kind,
        summary=summary[:500],
        detail=detail,
        flagged=flagged,
        at=at or timezone.now(),
        actor_label=current_actor().label,
    )


def timeline_of(
    partnership: Partnership, kinds: list[str] | None = None
) -> QuerySet[TimelineEvent]:
    """The partnership's timeline, newest first, optionally only some kinds of entry."""
    events = TimelineEvent.objects.filter(partnership=partnership)
    if kinds:
        events = events.filter(kind__in=kinds)
    return events.order_by("-at", "-id")

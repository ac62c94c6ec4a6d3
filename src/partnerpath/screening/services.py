"""Use-cases of watch-list screening, for the pages, the API, the command line and other apps:
import a list version, start and run screenings, decide on hits, and read what needs attention."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from partnerpath.accounts.models import Programme
from partnerpath.registry.models import Organisation
from partnerpath.screening.choices import HitStatus, ScreeningStatus
from partnerpath.screening.decisions import (
    DecisionError,
    DecisionOutcome,
    SamePersonError,
    can_confirm,
    confirm_clearance,
    decide,
)
from partnerpath.screening.lists import (
    ImportOutcome,
    ListImportRefused,
    ListNameError,
    current_versions,
    import_list,
    index_for,
    lists_with_versions,
)
from partnerpath.screening.models import Hit, Screening
from partnerpath.screening.runs import (
    ScreeningRequestError,
    rescreen_after_list_update,
    run_screening,
    start_screening,
)

__all__ = [
    "DecisionError",
    "DecisionOutcome",
    "HitFilter",
    "ImportOutcome",
    "ListImportRefused",
    "ListNameError",
    "NewHits",
    "OrganisationPanel",
    "SamePersonError",
    "ScreeningRequestError",
    "can_confirm",
    "confirm_clearance",
    "current_versions",
    "decide",
    "filter_hits",
    "hits_queryset",
    "import_list",
    "index_for",
    "lists_with_versions",
    "new_hits",
    "panel_for",
    "recent_screenings",
    "rescreen_after_list_update",
    "run_screening",
    "start_screening",
]

OPEN = "open"
_AWAITING = Q(adjudication__isnull=False) & ~Q(adjudication__proposed_decision="")
_ESCALATED = Q(
    adjudication__decision=HitStatus.NEEDS_ESCALATION, adjudication__proposed_decision=""
)
_STATUS_FILTERS: dict[str, Q] = {
    HitStatus.NEW: Q(adjudication__isnull=True),
    HitStatus.AWAITING_SECOND_PERSON: _AWAITING,
    # An escalated hit is not settled: it stays in view until someone decides it.
    OPEN: Q(adjudication__isnull=True) | _AWAITING | _ESCALATED,
    **{
        status: Q(adjudication__decision=status, adjudication__proposed_decision="")
        for status in (
            HitStatus.TRUE_MATCH,
            HitStatus.FALSE_POSITIVE,
            HitStatus.NEEDS_ESCALATION,
        )
    },
}
STATUS_CHOICES = [
    (OPEN, "Open: needs a decision, is escalated or awaits a second person"),
    *HitStatus.choices,
]


def hits_queryset() -> QuerySet[Hit]:
    """Hits with everything a page or API list shows, in a fixed number of queries."""
    return Hit.objects.select_related(
        "programme",
        "screening",
        "organisation",
        "key_individual",
        "list_entry__version__watch_list",
        "adjudication__decided_by",
        "adjudication__proposed_by",
        "adjudication__confirmed_by",
        "previous_adjudication__decided_by",
    )


@dataclass(frozen=True)
class HitFilter:
    """Which hits a list shows."""

    status: str = ""
    new: bool | None = None
    organisation: int | None = None
    screening: int | None = None
    latest: bool | None = None

    @classmethod
    def from_params(cls, params: Any) -> HitFilter:
        """From a page's query string; unknown values are ignored."""

        def yes_no(value: str | None) -> bool | None:
            return {"yes": True, "no": False}.get(value or "")

        def number(value: str | None) -> int | None:
            return int(value) if value and value.isdigit() else None

        status = params.get("status", "")
        return cls(
            status=status if status in _STATUS_FILTERS else "",
            new=yes_no(params.get("new")),
            organisation=number(params.get("organisation")),
            screening=number(params.get("screening")),
            latest=yes_no(params.get("latest")),
        )

    def as_params(self) -> dict[str, str]:
        """Back to a query string (for pager links)."""
        out: dict[str, str] = {}
        if self.status:
            out["status"] = self.status
        for key in ("new", "latest"):
            value = getattr(self, key)
            if value is not None:
                out[key] = "yes" if value else "no"
        for key in ("organisation", "screening"):
            if getattr(self, key):
                out[key] = str(getattr(self, key))
        return out


def filter_hits(queryset: QuerySet[Hit], flt: HitFilter) -> QuerySet[Hit]:
    """Apply a hit filter."""
    if flt.status:
        queryset = queryset.filter(_STATUS_FILTERS[flt.status])
    if flt.new is not None:
        queryset = queryset.filter(is_new=flt.new)
    if flt.organisation:
        queryset = queryset.filter(organisation_id=flt.organisation)
    if flt.screening:
        queryset = queryset.filter(screening_id=flt.screening)
    if flt.latest is not None:
        queryset = queryset.filter(is_latest=flt.latest)
    return queryset


def open_hits(programme: Programme) -> QuerySet[Hit]:
    """Hits of the latest screenings that need a decision, are escalated or await a second
    person, best score first."""
    return filter_hits(
        hits_queryset().filter(programme=programme), HitFilter(status=OPEN, latest=True)
    ).order_by("-score", "-id")


def recent_screenings(programme: Programme, limit: int = 10) -> list[Screening]:
    """The programme's latest screenings."""
    return list(
        Screening.objects.filter(programme=programme)
        .select_related("organisation", "requested_by")
        .order_by("-created_at", "-id")[:limit]
    )


@dataclass(frozen=True)
class NewHits:
    """Hits that need someone's attention, for the dashboard."""

    hits: list[Hit]
    count: int


def new_hits(programme: Programme, limit: int = 10) -> NewHits:
    """The best-scoring open hits and how many there are in all."""
    queryset = open_hits(programme)
    return NewHits(list(queryset[:limit]), queryset.count())


@dataclass
class OrganisationPanel:
    """Screening on an organisation's page: the last run, one in progress, its latest hits."""

    organisation: Organisation
    running: Screening | None = None
    last_done: Screening | None = None
    hits: list[Hit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def open_count(self) -> int:
        """Hits that need a decision or a second person."""
        return self.counts.get(HitStatus.NEW, 0) + self.counts.get(
            HitStatus.AWAITING_SECOND_PERSON, 0
        )

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        """(status, label, count) of the statuses present, in a fixed order."""
        return [(s.value, str(s.label), self.counts[s]) for s in HitStatus if self.counts.get(s)]


def panel_for(organisation: Organisation) -> OrganisationPanel:
    """What the organisation page shows about screening it and its key individuals."""
    covering = (
        Screening.objects.filter(Q(organisation=organisation) | Q(organisations=organisation))
        .distinct()
        .order_by("-created_at", "-id")
    )
    running = covering.filter(status__in=[ScreeningStatus.QUEUED, ScreeningStatus.RUNNING]).first()
    last_done = covering.filter(status=ScreeningStatus.DONE).first()
    hits = list(hits_queryset().filter(organisation=organisation, is_latest=True))
    counts = Counter(h.status for h in hits)
    return OrganisationPanel(organisation, running, last_done, hits, dict(counts))

"""The one-page summary of a partnership: partners, type, stage, vision, open concerns, internal
buy-in, agreement essentials, success indicators, the latest decisions and the open action
items, the latest health check and the last stage moves, read from the rows in a fixed number of
queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from partnerpath.core.lifecycle import health as core
from partnerpath.core.lifecycle.agreement import AgreementSummary
from partnerpath.core.lifecycle.alignment import Alignment
from partnerpath.core.lifecycle.cadence import NextCheck
from partnerpath.engagement.models import FollowUp
from partnerpath.partnerships.choices import Aspect
from partnerpath.partnerships.models import (
    Agreement,
    BuyIn,
    Concern,
    Contribution,
    Decision,
    HealthCheck,
    Partner,
    Partnership,
    StageChange,
    SuccessIndicator,
)
from partnerpath.partnerships.services.agreement import (
    agreement_of,
    checklist_summary,
    signature_of,
)
from partnerpath.partnerships.services.board import days_in_stage
from partnerpath.partnerships.services.facts import partners_of
from partnerpath.partnerships.services.flags import next_check_of
from partnerpath.partnerships.services.health import LATEST_FIRST, results_of
from partnerpath.partnerships.services.partners import alignment_of
from partnerpath.partnerships.services.trust import buy_in_summary

LAST_MOVES = 5
LAST_DECISIONS = 10
ASPECT_LABELS = dict(Aspect.choices)


@dataclass(frozen=True)
class Light:
    """One aspect's light in the latest check, and why."""

    aspect: str
    light: str
    reason: str


@dataclass(frozen=True)
class Health:
    """The latest health check, its lights, and the trend since the check before."""

    check: HealthCheck
    overall: str
    score: float | None
    lights: list[Light]
    trend: core.Trend


@dataclass(frozen=True)
class PartnerBuyIn:
    """Where one company partner's departments stand, in a line and row by row."""

    partner: Partner
    line: str
    rows: list[BuyIn]


@dataclass(frozen=True)
class Summary:
    """Everything the printable summary shows."""

    partners: list[Partner]
    alignment: Alignment
    days_in_stage: int
    open_concerns: list[Concern]
    buy_in: list[PartnerBuyIn]
    decisions: list[Decision]
    decision_count: int
    open_actions: list[FollowUp]
    agreement: Agreement | None
    signed: bool
    signature: str
    checklist: AgreementSummary | None
    contributions: list[Contribution]
    indicators: list[SuccessIndicator]
    health: Health | None
    next_check: NextCheck | None
    moves: list[StageChange]


def _health(partnership: Partnership, partners: list[Partner]) -> Health | None:
    latest = list(partnership.health_checks.prefetch_related("ratings").order_by(*LATEST_FIRST)[:2])
    if not latest:
        return None
    results = results_of(latest, partners)
    result = results[0]
    lights = [
        Light(
            ASPECT_LABELS[a.value],
            found.light.value if found.light else "",
            found.reason,
        )
        for a, found in result.aspects.items()
    ]
    return Health(
        latest[0],
        result.overall.value if result.overall else "",
        result.score,
        lights,
        core.trend(list(reversed(results))),  # oldest first, as every page reads it
    )


def _buy_in(partners: list[Partner]) -> list[PartnerBuyIn]:
    """Each partner with buy-in on record (company partners), in one query."""
    rows: dict[int, list[BuyIn]] = {}
    found = BuyIn.objects.filter(partner__in=partners).select_related("champion")
    for row in found.order_by("partner_id", "department"):
        rows.setdefault(row.partner_id, []).append(row)
    return [
        PartnerBuyIn(p, buy_in_summary(rows[p.pk]), rows[p.pk]) for p in partners if p.pk in rows
    ]


def summary_of(partnership: Partnership, today: date | None = None) -> Summary:
    """The partnership's summary (about ten queries, however much it holds)."""
    today = today or timezone.localdate()
    partners = partners_of(partnership)
    agreement = agreement_of(partnership)
    open_concerns = list(
        partnership.concerns.unsettled()
        .select_related("raised_by__organisation")
        .order_by("-is_deal_breaker", "raised_on", "id")
    )
    health = _health(partnership, partners)
    last = health.check.held_on if health else None
    moves = list(partnership.stage_changes.select_related("by").order_by("-at", "-id")[:LAST_MOVES])
    decisions = Decision.objects.filter(meeting__partnership=partnership)
    open_actions = FollowUp.objects.filter(
        interaction__partnership_meeting__partnership=partnership, done_on__isnull=True
    )
    return Summary(
        partners=partners,
        alignment=alignment_of(partnership, partners),
        days_in_stage=days_in_stage(partnership.stage_since, timezone.now()),
        open_concerns=open_concerns,
        buy_in=_buy_in(partners),
        decisions=list(
            decisions.select_related("meeting__interaction").order_by(
                "-meeting__interaction__occurred_on", "-id"
            )[:LAST_DECISIONS]
        ),
        decision_count=decisions.count(),
        open_actions=list(
            open_actions.select_related("owner", "interaction").order_by("due_on", "id")
        ),
        agreement=agreement,
        signed=bool(agreement and agreement.is_signed),
        signature=signature_of(agreement),
        checklist=checklist_summary(agreement) if agreement else None,
        contributions=list(
            partnership.contributions.select_related("partner__organisation").order_by(
                "partner_id", "id"
            )
        ),
        indicators=list(partnership.success_indicators.order_by("id")),
        health=health,
        next_check=next_check_of(partnership, last, agreement.cadence if agreement else "", today),
        moves=moves,
    )

"""What a partnership's overview page shows: time in each stage, its partners with their due
diligence and maturity, whether they agree on the type, what the next stage's gate still needs,
the agreement, the latest health check and the latest timeline entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from partnerpath.assessments.models import Assessment
from partnerpath.assessments.portfolio import PortfolioFilter, latest_levels
from partnerpath.assessments.services import level_labels
from partnerpath.core.lifecycle.alignment import Alignment
from partnerpath.core.lifecycle.gates import GateResult
from partnerpath.core.lifecycle.stages import PATH, Stage, label
from partnerpath.diligence.services.checklists import ChecklistSummary, current_checklists
from partnerpath.partnerships.models import (
    Agreement,
    HealthCheck,
    Partner,
    Partnership,
    TimelineEvent,
)
from partnerpath.partnerships.services.agreement import agreement_of, signature_of
from partnerpath.partnerships.services.board import (
    check_lights,
    days,
    days_in_stage,
    stage_times_of,
)
from partnerpath.partnerships.services.facts import partners_of
from partnerpath.partnerships.services.health import LATEST_FIRST
from partnerpath.partnerships.services.partners import alignment_of
from partnerpath.partnerships.services.stages import check_advance
from partnerpath.partnerships.services.timeline import timeline_of

LATEST_EVENTS = 10


def next_stage(stage: str) -> str:
    """The next stage of the journey ("" when closed or at its end)."""
    current = Stage(stage)
    if current not in PATH or current is PATH[-1]:
        return ""
    return PATH[PATH.index(current) + 1].value


@dataclass(frozen=True)
class PartnerLine:
    """A partner with its current due-diligence checklist and latest maturity level."""

    partner: Partner
    diligence: ChecklistSummary | None
    maturity: int | None
    maturity_label: str


@dataclass(frozen=True)
class StageTime:
    """Days spent in one stage (visits back add up)."""

    stage: str
    label: str
    days: int
    visits: int
    current: bool


@dataclass(frozen=True)
class Overview:
    """Everything the overview page shows about one partnership."""

    partners: list[PartnerLine]
    times: list[StageTime]
    days_in_stage: int
    alignment: Alignment
    next_stage: str
    next_label: str
    next_gate: GateResult | None
    agreement: Agreement | None
    signature: str
    health_check: HealthCheck | None
    light: str
    events: list[TimelineEvent]


def partner_lines(partnership: Partnership, partners: list[Partner]) -> list[PartnerLine]:
    """The partners with due diligence and maturity, in a fixed number of queries."""
    ids = [p.organisation_id for p in partners]
    checklists = current_checklists(partnership.programme, ids)
    levels: dict[int, tuple[int, int]] = {}
    for org in latest_levels(partnership.programme, PortfolioFilter()).filter(pk__in=ids):
        levels[org.pk] = (int(org.latest_level), org.latest_assessment)  # type: ignore[attr-defined]
    # Each level named as the rubric of that assessment names it (a programme's own rubric may
    # rename levels); the packaged names where a stored result has no label.
    named = dict(
        Assessment.objects.filter(pk__in=[a for _, a in levels.values()]).values_list(
            "pk", "result__label"
        )
    )
    labels = level_labels() if levels else {}
    lines = []
    for p in partners:
        found = levels.get(p.organisation_id)
        level = found[0] if found else None
        name = ""
        if found is not None:
            name = str(named.get(found[1]) or labels.get(found[0], ""))
        lines.append(PartnerLine(p, checklists.get(p.organisation_id), level, name))
    return lines


def overview_of(partnership: Partnership, now: datetime | None = None) -> Overview:
    """The overview of ``partnership`` as it stands ``now``."""
    now = now or timezone.now()
    partners = partners_of(partnership)
    spent = stage_times_of(partnership, now)
    current = Stage(partnership.stage)
    times = [
        StageTime(s.value, label(s), days(spent.spent[s]), spent.visits.get(s, 0), s is current)
        for s in Stage
        if s in spent.spent
    ]
    upcoming = next_stage(partnership.stage)
    agreement = agreement_of(partnership)
    check = HealthCheck.objects.filter(partnership=partnership).order_by(*LATEST_FIRST).first()
    result = check_lights([check.pk]).get(check.pk) if check else None
    return Overview(
        partners=partner_lines(partnership, partners),
        times=times,
        days_in_stage=days_in_stage(partnership.stage_since, now),
        alignment=alignment_of(partnership, partners),
        next_stage=upcoming,
        next_label=label(Stage(upcoming)) if upcoming else "",
        next_gate=check_advance(partnership, upcoming) if upcoming else None,
        agreement=agreement,
        signature=signature_of(agreement),
        health_check=check,
        light=result.overall.value if result and result.overall else "",
        events=list(timeline_of(partnership)[:LATEST_EVENTS]),
    )

"""The programme's own PSE readiness: the radar of learnings, weakest first with next steps, and
the comparison with the previous assessment (footnote 14 of the brief: for the programme only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from partnerpath.assessments import charts, services
from partnerpath.assessments.choices import Kind, Status
from partnerpath.assessments.models import Assessment
from partnerpath.core.rubric import Comparison, ReadinessResult, compare


def previous_of(assessment: Assessment) -> Assessment | None:
    """The programme's latest final PSE readiness assessment made before this one."""
    return (
        Assessment.objects.filter(
            programme_id=assessment.programme_id, kind=Kind.PSE, status=Status.FINAL
        )
        .exclude(pk=assessment.pk)
        .filter(assessed_on__lte=assessment.assessed_on)
        .exclude(assessed_on=assessment.assessed_on, id__gt=assessment.pk)
        .order_by("-assessed_on", "-id")
        .first()
    )


@dataclass(frozen=True)
class Readiness:
    """What the PSE result page shows beyond the core's result."""

    radar: charts.Radar | None
    weakest: tuple[Any, ...]
    previous: Assessment | None
    comparison: Comparison | None


def readiness(assessment: Assessment, result: ReadinessResult) -> Readiness:
    """Radar, weakest learnings first, and the comparison with the previous assessment."""
    previous = previous_of(assessment)
    comparison = None
    before_scores: list[float | None] | None = None
    if previous is not None:
        before = services.compute(previous)
        assert isinstance(before, ReadinessResult)
        comparison = compare(before, result)
        old = {s.id: s.score for s in before.sections}
        before_scores = [old.get(s.id) for s in result.sections]
    radar = charts.radar([(s.title, s.score) for s in result.sections], before_scores)
    return Readiness(radar, result.weakest_first(), previous, comparison)

"""Use-cases of assessments: start one, record answers, compute and cache the result with the
assessment's own rubric version, finalise, and read an organisation's level over time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet

from partnerpath.accounts.models import Programme
from partnerpath.assessments import rubrics
from partnerpath.assessments.choices import RUBRIC_NAMES, Kind, Review, Source, Status
from partnerpath.assessments.models import AnswerRecord, Assessment, SelfAssessmentInvite
from partnerpath.audit.context import acting_as
from partnerpath.audit.models import Change
from partnerpath.core.rubric import (
    Answer,
    LadderResult,
    ReadinessResult,
    Rubric,
    as_dict,
    evaluate,
    latest,
    load_packaged,
)
from partnerpath.core.rubric.model import Indicator, Level, Section
from partnerpath.registry.models import Organisation

ANSWER_FIELDS = ("value", "note", "evidence_url", "evidence_document", "quote", "evidence_date")


@lru_cache(maxsize=32)
def rubric(key: str) -> Rubric:
    """A packaged rubric by its exact key (loaded and validated once per process)."""
    return load_packaged(key)


def newest_rubric(kind: str) -> Rubric:
    """The rubric new assessments of this kind use: the newest packaged version."""
    return latest(RUBRIC_NAMES[Kind(kind)])


def rubric_of(assessment: Assessment) -> Rubric:
    """The exact rubric version the assessment was made with (the programme's own rubrics first,
    then the packaged ones)."""
    return rubrics.rubric_for(assessment.programme_id, assessment.rubric_key)


def start_assessment(
    programme: Programme,
    user: Any,
    organisation: Organisation | None = None,
    rubric_key: str | None = None,
) -> Assessment:
    """A new draft assessment (maturity of an organisation, else PSE) on the chosen rubric (a
    packaged or programme rubric of the matching kind), by default the newest packaged one."""
    if organisation is not None and organisation.programme_id != programme.pk:
        raise ValueError("The organisation belongs to another programme.")
    kind = Kind.MATURITY if organisation is not None else Kind.PSE
    chosen = rubrics.for_new_assessment(programme, kind, rubric_key) if rubric_key else None
    with transaction.atomic(), acting_as(user):
        assessment = Assessment(
            programme=programme,
            organisation=organisation,
            kind=kind,
            rubric_key=(chosen or newest_rubric(kind)).key,
            created_by=user,
        )
        _store_result(assessment, [])
        assessment.save()
    return assessment


def answers_of(assessment: Assessment, records: Iterable[AnswerRecord]) -> dict[str, Answer]:
    """Stored answer rows as the core's answers (indicators the rubric lacks are left out)."""
    known = {ind.id for ind in rubric_of(assessment).indicators()}
    return {
        r.indicator_id: Answer(r.value, evidence=r.has_evidence)
        for r in records
        if r.indicator_id in known
    }


def compute(
    assessment: Assessment, records: Iterable[AnswerRecord] | None = None
) -> LadderResult | ReadinessResult:
    """The result of the stored answers, computed with the assessment's own rubric version."""
    rows = assessment.answers.all() if records is None else records
    return evaluate(rubric_of(assessment), answers_of(assessment, rows))


def _store_result(assessment: Assessment, records: Iterable[AnswerRecord]) -> None:
    result = compute(assessment, records)
    assessment.result = as_dict(result)
    assessment.confidence = round(result.confidence, 1)
    if isinstance(result, LadderResult):
        assessment.level = result.level
    else:
        assessment.score = None if result.overall is None else round(result.overall, 1)


def refresh_result(assessment: Assessment) -> None:
    """Compute the result again from the stored answers and cache it on the assessment."""
    _store_result(assessment, list(AnswerRecord.objects.filter(assessment=assessment)))
    assessment.save(update_fields=["result", "level", "score", "confidence", "updated_at"])


class AssessmentIsFinal(ValueError):
    """A final assessment no longer changes (reopen it first)."""


def ensure_draft(assessment: Assessment) -> None:
    """AssessmentIsFinal (a ValueError) when the assessment is final and so no longer changes."""
    if assessment.is_final:
        raise AssessmentIsFinal("A final assessment no longer changes.")


def save_answers(
    assessment: Assessment, changed: Mapping[str, Mapping[str, Any]], user: Any
) -> int:
    """Create or update the answers that changed (keyed by indicator id); return how many."""
    ensure_draft(assessment)
    existing = {a.indicator_id: a for a in AnswerRecord.objects.filter(assessment=assessment)}
    with transaction.atomic(), acting_as(user):
        for indicator_id, data in changed.items():
            record = existing.get(indicator_id)
            if not data.get("value"):
                if record is not None:  # cleared: the answer goes, its history stays
                    record.delete()
                continue
            record = record or AnswerRecord(
                programme=assessment.programme, assessment=assessment, indicator_id=indicator_id
            )
            for name in ANSWER_FIELDS:
                value = data.get(name)
                if name == "evidence_document":
                    if value is None:  # no new file: keep the stored one
                        continue
                    value = value or ""  # False: the "clear" box was ticked
                if name in data:
                    setattr(record, name, value)
            record.recorded_by = user
            record.save()
        refresh_result(assessment)
    return len(changed)


def finalise_problem(assessment: Assessment) -> str:
    """Why the assessment cannot be made final now ("" when it can)."""
    if assessment.is_final:
        return "The assessment is already final."
    if assessment.source != Source.COMPANY:
        return ""
    invite = SelfAssessmentInvite.objects.filter(assessment=assessment).first()
    if invite is not None and invite.submitted_at is None:
        return "The company has not submitted its self-assessment yet."
    pending = AnswerRecord.objects.filter(assessment=assessment, review=Review.PENDING).count()
    if pending:
        return f"Review the company's answers first: {pending} still to review."
    return ""


def finalise(assessment: Assessment, user: Any) -> None:
    """Lock the assessment (it then counts on the chart and the pyramid); ValueError if not."""
    problem = finalise_problem(assessment)
    if problem:
        raise ValueError(problem)
    with transaction.atomic(), acting_as(user):
        refresh_result(assessment)
        assessment.status = Status.FINAL
        assessment.save(update_fields=["status", "updated_at"])


def reopen(assessment: Assessment, user: Any) -> None:
    """Make a final assessment a draft again (to correct an answer); ValueError on a draft."""
    if not assessment.is_final:
        raise ValueError("The assessment is a draft already.")
    with transaction.atomic(), acting_as(user):
        assessment.status = Status.DRAFT
        assessment.save(update_fields=["status", "updated_at"])


@dataclass(frozen=True)
class Item:
    """One indicator of the rubric with its stored answer (None when unanswered)."""

    indicator: Indicator
    answer: AnswerRecord | None
    scale_label: str


@dataclass(frozen=True)
class Group:
    """A level (maturity) or a section (PSE readiness) with its items."""

    number: int | None
    title: str
    description: str
    items: list[Item]


def grouped_items(assessment: Assessment, records: Iterable[AnswerRecord]) -> list[Group]:
    """The rubric's indicators by level or section, each with its answer, in rubric order."""
    rub = rubric_of(assessment)
    by_id = {r.indicator_id: r for r in records}
    groups: list[Group] = []
    for g in rub.groups():
        items = []
        for ind in g.indicators:
            answer = by_id.get(ind.id)
            label = ""
            if answer is not None:
                opt = rub.scales[ind.scale].option(answer.value)
                label = opt.label if opt else answer.value
            items.append(Item(ind, answer, label))
        if isinstance(g, Level):
            groups.append(Group(g.level, f"Level {g.level}: {g.label}", g.description, items))
        elif isinstance(g, Section):
            groups.append(Group(None, g.title, g.description, items))
    return groups


def level_labels(key: str | None = None, programme_id: int | None = None) -> dict[int, str]:
    """Level number -> label of a maturity rubric (newest by default), base level included."""
    if key and programme_id is not None:
        rub = rubrics.rubric_for(programme_id, key)
    else:
        rub = rubric(key) if key else newest_rubric(Kind.MATURITY)
    labels = {lv.level: lv.label for lv in rub.levels}
    if rub.base_level is not None:
        labels[rub.base_level.level] = rub.base_level.label
    return dict(sorted(labels.items()))


def final_maturity(organisation: Organisation) -> list[Assessment]:
    """The organisation's final maturity assessments, oldest first (its level over time)."""
    return list(
        Assessment.objects.filter(
            organisation=organisation, kind=Kind.MATURITY, status=Status.FINAL
        ).order_by("assessed_on", "id")
    )


@dataclass(frozen=True)
class Panel:
    """What the organisation page shows: the latest level and the level over time."""

    latest: Assessment | None
    history: list[Assessment]
    drafts: int


def panel_for(organisation: Organisation) -> Panel:
    """The assessments panel of an organisation's page."""
    history = final_maturity(organisation)
    drafts = Assessment.objects.filter(organisation=organisation, status=Status.DRAFT).count()
    return Panel(history[-1] if history else None, history, drafts)


def answer_history(assessment: Assessment) -> QuerySet[Change]:
    """Changes of the assessment and of its answers, deleted answers included, newest first."""
    answer_type = ContentType.objects.get_for_model(AnswerRecord)
    created = Change.objects.filter(
        programme_id=assessment.programme_id,
        content_type=answer_type,
        action="create",
        changes__assessment__new=assessment.pk,
    ).values("object_id")
    own = ContentType.objects.get_for_model(Assessment)
    return (
        Change.objects.filter(
            Q(content_type=own, object_id=str(assessment.pk))
            | Q(content_type=answer_type, object_id__in=created)
        )
        .select_related("actor", "content_type")
        .order_by("-at", "-id")
    )


def panel_context(organisation: Organisation) -> dict[str, Any]:
    """Template context of the organisation page's maturity panel (the panel and its chart)."""
    from partnerpath.assessments import charts

    panel = panel_for(organisation)
    history = [(a.assessed_on, a.level or 0, a.pk) for a in panel.history]
    return {"assessments_panel": panel, "panel_chart": charts.level_chart(history, level_labels())}

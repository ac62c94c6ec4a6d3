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
from django.utils import timezone

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
from partnerpath.core.rubric.model import Indicator, Level, Scale, Section
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


class AssessmentIsDiscarded(ValueError):
    """A discarded self-assessment draft no longer changes."""


class CompanyStillAnswering(ValueError):
    """The company has not submitted its self-assessment: only its own answers come first."""


def ensure_draft(assessment: Assessment) -> None:
    """AssessmentIsFinal (a ValueError) when the assessment is final and so no longer changes;
    AssessmentIsDiscarded when it was discarded."""
    if assessment.is_final:
        raise AssessmentIsFinal("A final assessment no longer changes.")
    if assessment.is_discarded:
        raise AssessmentIsDiscarded("A discarded assessment no longer changes.")


def ensure_answerable(assessment: Assessment) -> None:
    """ensure_draft, and CompanyStillAnswering while the company has not submitted its
    self-assessment (the programme answers and reviews only after the company is done)."""
    ensure_draft(assessment)
    if assessment.source != Source.COMPANY:
        return
    invite = SelfAssessmentInvite.objects.filter(assessment=assessment).first()
    if invite is not None and invite.submitted_at is None:
        raise CompanyStillAnswering(
            "The company has not submitted its self-assessment yet: the programme answers and "
            "reviews only after it has (a link that no longer works can be discarded)."
        )


def lock(assessment: Assessment) -> None:
    """Hold the assessment's row until the transaction ends, so that answers to it are written
    one transaction at a time (the company's submit included); its status is read afresh."""
    found = Assessment.objects.select_for_update().filter(pk=assessment.pk)
    assessment.status, assessment.discarded_at = found.values_list("status", "discarded_at").get()


def _cleared(record: AnswerRecord) -> None:
    """A cleared answer goes (its history stays), except the company's own: that one returns to
    the company's answer, to be reviewed again, so its claimed value is never lost."""
    if not record.claimed_value:
        record.delete()
        return
    record.value, record.review = record.claimed_value, Review.PENDING
    record.reviewed_by, record.reviewed_at = None, None
    record.save()


def save_answers(
    assessment: Assessment, changed: Mapping[str, Mapping[str, Any]], user: Any
) -> int:
    """Create or update the answers that changed (keyed by indicator id); return how many.
    Changing the value of a company's answer reviews it (accepted or adjusted)."""
    with transaction.atomic(), acting_as(user):
        lock(assessment)
        ensure_answerable(assessment)
        existing = {a.indicator_id: a for a in AnswerRecord.objects.filter(assessment=assessment)}
        now = timezone.now()
        for indicator_id, data in changed.items():
            record = existing.get(indicator_id)
            if not data.get("value"):
                if record is not None:
                    _cleared(record)
                continue
            record = record or AnswerRecord(
                programme=assessment.programme, assessment=assessment, indicator_id=indicator_id
            )
            if record.claimed_value and data["value"] != record.value:
                same = data["value"] == record.claimed_value
                record.review = Review.ACCEPTED if same else Review.ADJUSTED
                record.reviewed_by, record.reviewed_at = user, now
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
    if assessment.is_discarded:
        return "A discarded assessment no longer changes."
    if assessment.source != Source.COMPANY:
        return ""
    invite = SelfAssessmentInvite.objects.filter(assessment=assessment).first()
    if invite is not None and invite.submitted_at is None:
        if not invite.is_live(timezone.now()):
            return (
                f"The company did not submit its self-assessment and its link is "
                f"{invite.state(timezone.now())}: discard this draft instead."
            )
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
    if assessment.is_discarded:
        raise AssessmentIsDiscarded("A discarded assessment no longer changes.")
    if not assessment.is_final:
        raise ValueError("The assessment is a draft already.")
    with transaction.atomic(), acting_as(user):
        assessment.status = Status.DRAFT
        assessment.save(update_fields=["status", "updated_at"])


@dataclass(frozen=True)
class Item:
    """One indicator of the rubric with its stored answer (None when unanswered), the answer's
    label and the label of the company's own answer ('' when the company gave none)."""

    indicator: Indicator
    answer: AnswerRecord | None
    scale_label: str
    claimed_label: str = ""


@dataclass(frozen=True)
class Group:
    """A level (maturity) or a section (PSE readiness) with its items."""

    number: int | None
    title: str
    description: str
    items: list[Item]


def _option_label(scale: Scale, value: str) -> str:
    """How the scale names a stored value ("not_met" -> "Not in place"); '' for no value."""
    if not value:
        return ""
    opt = scale.option(value)
    return opt.label if opt else value


def grouped_items(assessment: Assessment, records: Iterable[AnswerRecord]) -> list[Group]:
    """The rubric's indicators by level or section, each with its answer, in rubric order."""
    rub = rubric_of(assessment)
    by_id = {r.indicator_id: r for r in records}
    groups: list[Group] = []
    for g in rub.groups():
        items = []
        for ind in g.indicators:
            answer = by_id.get(ind.id)
            label = claimed = ""
            if answer is not None:
                label = _option_label(rub.scales[ind.scale], answer.value)
                claimed = _option_label(rub.scales[ind.scale], answer.claimed_value)
            items.append(Item(ind, answer, label, claimed))
        if isinstance(g, Level):
            groups.append(Group(g.level, f"Level {g.level}: {g.label}", g.description, items))
        elif isinstance(g, Section):
            groups.append(Group(None, g.title, g.description, items))
    return groups


def level_labels(
    key: str | None = None, programme_id: int | None = None, used: Iterable[str] = ()
) -> dict[int, str]:
    """Level number -> label of a maturity rubric (newest packaged by default), base level
    included. With the programme and ``used`` (the rubric keys of its assessments, oldest
    first): the levels of all of them merged by number, as the latest rubric names them."""
    if programme_id is not None and (used := list(used)):
        return rubrics.merged_labels(programme_id, used)
    if key and programme_id is not None:
        rub = rubrics.rubric_for(programme_id, key)
    else:
        rub = rubric(key) if key else newest_rubric(Kind.MATURITY)
    return rubrics.labels_of(rub)


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
    drafts = Assessment.objects.filter(
        organisation=organisation, status=Status.DRAFT, discarded_at__isnull=True
    ).count()
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
    """Template context of the organisation page's maturity panel: the panel, its chart (on the
    levels of the rubrics the organisation was assessed with; a floor drawn as "at least") and
    those levels' labels."""
    from partnerpath.assessments import charts

    panel = panel_for(organisation)
    used = [a.rubric_key for a in panel.history]
    labels = level_labels(programme_id=organisation.programme_id, used=used) if used else {}
    history = [
        (a.assessed_on, a.level or 0, a.pk, (a.result or {}).get("determinable") is False)
        for a in panel.history
    ]
    return {
        "assessments_panel": panel,
        "panel_chart": charts.level_chart(history, labels),
        "panel_labels": labels,
    }

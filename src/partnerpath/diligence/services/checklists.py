"""Use-cases of the due-diligence checklist: start one (copying the previous answers for review),
answer a question, rate it by the core's rule, sign it off as a second person, and find each
organisation's current checklist."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from partnerpath.accounts.models import Programme
from partnerpath.audit.context import acting_as
from partnerpath.core.risk import checklist as rule
from partnerpath.core.risk.profile import RiskLevel
from partnerpath.diligence.models import Checklist, ChecklistAnswer, DiligenceSettings
from partnerpath.diligence.services.profiles import profile_of, today
from partnerpath.registry.models import Organisation

ANSWER_FIELDS = ("answer", "remediated", "note", "evidence_url", "evidence_document")


class ChecklistLocked(Exception):
    """The checklist is signed off or replaced; start a new one to change answers."""


class SignOffRefused(Exception):
    """The checklist cannot be signed off yet, or not by this person."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def valid_months(programme: Programme) -> int:
    """How many months a signed-off checklist holds in this programme."""
    found = (
        DiligenceSettings.objects.filter(programme=programme)
        .values_list("checklist_valid_months", flat=True)
        .first()
    )
    return found or rule.DEFAULT_VALID_MONTHS


def with_answers(queryset: QuerySet[Checklist]) -> QuerySet[Checklist]:
    """Checklists with their answers and people, in a fixed number of queries."""
    return queryset.select_related(
        "programme", "organisation", "created_by", "last_edited_by", "signed_off_by"
    ).prefetch_related(
        Prefetch("answers", queryset=ChecklistAnswer.objects.select_related("reviewed_by"))
    )


def latest_checklist(organisation: Organisation) -> Checklist | None:
    """The organisation's newest checklist, if any."""
    return with_answers(Checklist.objects.filter(organisation=organisation)).first()


def rating_of(checklist: Checklist) -> rule.ChecklistRating:
    """The rule's verdict on the answers as they stand, with the stored inherent level."""
    answers = {a.question: a.as_given() for a in checklist.answers.all()}
    inherent = RiskLevel(checklist.inherent_level) if checklist.inherent_level else None
    return rule.rate_checklist(answers, inherent)


def _rate(checklist: Checklist) -> None:
    """Take the organisation's inherent risk now and store the rating with its reasons."""
    profile = profile_of(checklist.organisation)
    checklist.inherent_level = profile.level.value if profile.level else ""
    checklist.inherent_rule = profile.rule
    verdict = rating_of(checklist)
    checklist.rating = verdict.rating.value if verdict.rating else ""
    checklist.rating_rule = verdict.rule
    checklist.rating_reasons = list(verdict.reasons)


@transaction.atomic
def start_checklist(organisation: Organisation, user: Any) -> Checklist:
    """A new checklist for the organisation. An unfinished one is returned as it is; otherwise
    the newest one is superseded and its answers are copied, each marked for review."""
    previous = latest_checklist(organisation)
    if previous is not None and previous.signed_off_at is None and previous.superseded_on is None:
        return previous
    with acting_as(user):
        checklist = Checklist.objects.create(
            programme_id=organisation.programme_id,
            organisation=organisation,
            previous=previous,
            created_by=user,
            last_edited_by=user,
        )
        if previous is not None:
            previous.superseded_on = today()
            previous.save(update_fields=["superseded_on", "updated_at"])
            for old in previous.answers.all():
                ChecklistAnswer.objects.create(
                    programme_id=checklist.programme_id,
                    checklist=checklist,
                    question=old.question,
                    carried_over=True,
                    reviewed_by=old.reviewed_by,
                    reviewed_at=old.reviewed_at,
                    **{f: getattr(old, f) for f in ANSWER_FIELDS},
                )
        checklist = latest_checklist(organisation) or checklist
        _rate(checklist)
        checklist.save()
    return checklist


@transaction.atomic
def answer_question(
    checklist: Checklist, question: str, values: dict[str, Any], user: Any
) -> ChecklistAnswer:
    """Record (or change) one answer with its evidence, as reviewed by ``user``; re-rate."""
    if checklist.is_locked:
        raise ChecklistLocked(
            "This checklist is signed off or replaced; start a new one to change it."
        )
    if question not in rule.QUESTION_BY_KEY:
        raise ValueError(f"No question {question!r}.")
    with acting_as(user):
        answer = ChecklistAnswer.objects.filter(checklist=checklist, question=question).first()
        answer = answer or ChecklistAnswer(
            programme_id=checklist.programme_id, checklist=checklist, question=question
        )
        for name in ANSWER_FIELDS:
            if name in values:
                value = values[name]
                if name == "evidence_document" and value is False:
                    value = ""  # "clear" ticked on the form
                setattr(answer, name, value if value is not None else getattr(answer, name))
        answer.reviewed_by, answer.reviewed_at, answer.carried_over = user, timezone.now(), False
        answer.save()
        refreshed = with_answers(Checklist.objects.filter(pk=checklist.pk)).get()
        refreshed.last_edited_by = user
        _rate(refreshed)
        refreshed.save()
    return answer


def recompute(checklist: Checklist, user: Any) -> Checklist:
    """Re-rate an unlocked checklist, e.g. after the organisation's countries or goods changed."""
    if checklist.is_locked:
        raise ChecklistLocked("A signed-off checklist keeps the rating it was signed off with.")
    checklist = with_answers(Checklist.objects.filter(pk=checklist.pk)).get()
    with acting_as(user):
        _rate(checklist)
        checklist.save()
    return checklist


def sign_off_problems(checklist: Checklist, user: Any) -> list[str]:
    """Why ``user`` may not sign the checklist off now (empty: they may)."""
    if checklist.is_locked:
        return ["This checklist is already signed off or replaced."]
    answers = list(checklist.answers.all())
    return rule.sign_off_problems(
        rating_of(checklist),
        user.pk,
        [a.reviewed_by_id for a in answers if not a.carried_over],
        checklist.last_edited_by_id,
        [a.question for a in answers if a.carried_over],
    )


@transaction.atomic
def sign_off(checklist: Checklist, user: Any, note: str = "") -> Checklist:
    """A second person confirms the checklist; it holds for the programme's validity months."""
    problems = sign_off_problems(checklist, user)
    if problems:
        raise SignOffRefused(problems)
    with acting_as(user):
        _rate(checklist)
        now = timezone.now()
        checklist.signed_off_by, checklist.signed_off_at, checklist.sign_off_note = user, now, note
        months = valid_months(checklist.organisation.programme)
        checklist.expires_on = rule.add_months(timezone.localdate(now), months)
        checklist.save()
    return checklist


@dataclass(frozen=True)
class ChecklistSummary:
    """What lists show about an organisation's current checklist."""

    checklist: Checklist | None
    status: rule.Status | None

    @property
    def rating(self) -> str:
        """The stored rating, or empty."""
        return self.checklist.rating if self.checklist else ""


def current_checklists(
    programme: Programme, organisation_ids: list[int]
) -> dict[int, ChecklistSummary]:
    """The newest checklist of each organisation, in one query."""
    rows = Checklist.objects.filter(
        programme=programme, organisation_id__in=organisation_ids, superseded_on__isnull=True
    ).order_by("organisation_id", "-created_at", "-id")
    found: dict[int, ChecklistSummary] = {}
    now = today()
    for row in rows:
        found.setdefault(row.organisation_id, ChecklistSummary(row, row.status(now)))
    return found

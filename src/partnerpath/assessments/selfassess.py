"""Company self-assessment through a private link: invite a contact, open the link without an
account, submit, see the result with an anonymous benchmark; the programme then reviews each
answer and accepts or adjusts it (the company's own answer is kept next to the reviewed one)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from partnerpath.accounts.models import Membership
from partnerpath.assessments import services
from partnerpath.assessments.choices import Kind, Review, Source
from partnerpath.assessments.models import AnswerRecord, Assessment, SelfAssessmentInvite
from partnerpath.assessments.portfolio import sector_counts
from partnerpath.audit.context import acting_as, because
from partnerpath.core.rubric import Answer, LadderResult, evaluate
from partnerpath.registry.choices import Sector
from partnerpath.registry.models import Contact, Organisation

COMPANY_FIELDS = ("value", "note", "evidence_url", "quote", "evidence_date")


class LinkGone(Exception):
    """The link was revoked or has expired (or, when submitting, was submitted already)."""

    def __init__(self, state: str) -> None:
        super().__init__(state)
        self.state = state


def invite(
    organisation: Organisation,
    user: Any,
    contact: Contact | None = None,
    days: int | None = None,
    rubric_key: str | None = None,
) -> SelfAssessmentInvite:
    """A new private link and its draft assessment on the chosen maturity rubric (a packaged or
    the programme's own; the newest packaged one by default); ValueError unless for an active
    contact of the organisation and a maturity rubric of the programme."""
    if contact is not None and contact.organisation_id != organisation.pk:
        raise ValueError(f"Contact {contact.pk} works at another organisation.")
    if contact is not None and not contact.is_active:
        raise ValueError(f"Contact {contact.pk} no longer works at the organisation.")
    valid = days or settings.SELF_ASSESSMENT_LINK_DAYS
    with transaction.atomic(), acting_as(user):
        assessment = services.start_assessment(
            organisation.programme, user, organisation, rubric_key or None
        )
        assessment.source = Source.COMPANY
        assessment.save(update_fields=["source", "updated_at"])
        return SelfAssessmentInvite.objects.create(
            programme=organisation.programme,
            organisation=organisation,
            contact=contact,
            assessment=assessment,
            expires_at=timezone.now() + timedelta(days=valid),
            created_by=user,
        )


def private_url(
    request: HttpRequest,
    link: SelfAssessmentInvite,
    membership: Membership | None,
    now: datetime | None = None,
) -> str | None:
    """The link to send to the contact: only for roles that change records, only while live."""
    if membership is None or not membership.can_edit or not link.is_live(now or timezone.now()):
        return None
    return request.build_absolute_uri(reverse("self_assessment", args=[link.token]))


def revoke(link: SelfAssessmentInvite, user: Any) -> None:
    """The link stops working at once; ValueError when it was revoked already."""
    if link.revoked_at is not None:
        raise ValueError("This link was revoked already.")
    with acting_as(user):
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])


def open_link(token: str, now: datetime | None = None) -> SelfAssessmentInvite:
    """The invite of a token; SelfAssessmentInvite.DoesNotExist when unknown, LinkGone when
    revoked or expired."""
    link = SelfAssessmentInvite.objects.select_related(
        "organisation", "contact", "assessment", "programme"
    ).get(token=token)
    now = now or timezone.now()
    if not link.is_live(now):
        raise LinkGone(link.state(now))
    return link


def _company_label(link: SelfAssessmentInvite) -> str:
    who = link.contact.name if link.contact else link.organisation.name
    return f"self-assessment: {who}"[:150]


class NothingAnswered(ValueError):
    """The company's form came back without a single answer."""


def submit(link: SelfAssessmentInvite, given: Mapping[str, Mapping[str, Any]]) -> None:
    """Store the company's answers (each to be reviewed) and close the form.

    NothingAnswered when no indicator has an answer; LinkGone when the link no longer works or
    was submitted already (two submits at once: the second waits for the first and finds it
    submitted). An answer the programme recorded on the draft before is taken over by the
    company's (its history keeps the earlier one)."""
    answered = {ind: data for ind, data in given.items() if data.get("value")}
    if not answered:
        raise NothingAnswered(
            "Answer at least one question before submitting (“Unknown” counts as an answer)."
        )
    assessment = link.assessment
    with transaction.atomic(), acting_as(None, _company_label(link)):
        fresh = SelfAssessmentInvite.objects.select_for_update().get(pk=link.pk)
        state = fresh.state(timezone.now())
        if state != "open":
            raise LinkGone(state)
        services.lock(assessment)
        existing = {r.indicator_id: r for r in AnswerRecord.objects.filter(assessment=assessment)}
        for indicator_id, data in answered.items():
            record = existing.get(indicator_id) or AnswerRecord(
                programme=assessment.programme, assessment=assessment, indicator_id=indicator_id
            )
            record.value = record.claimed_value = data["value"]
            record.review = Review.PENDING
            record.recorded_by = record.reviewed_by = record.reviewed_at = None
            for name in COMPANY_FIELDS:
                if data.get(name) is not None:
                    setattr(record, name, data[name])
            record.save()
        services.refresh_result(assessment)
        fresh.submitted_at = timezone.now()
        fresh.save(update_fields=["submitted_at", "updated_at"])
    link.submitted_at = fresh.submitted_at


def company_result(link: SelfAssessmentInvite) -> LadderResult:
    """The result of the company's own answers (before the programme's review; answers the
    programme gave where the company left blanks are left out)."""
    assessment = link.assessment
    rubric = services.rubric_of(assessment)
    answers = {
        r.indicator_id: Answer(r.claimed_value, evidence=r.has_evidence)
        for r in AnswerRecord.objects.filter(assessment=assessment).exclude(claimed_value="")
    }
    result = evaluate(rubric, answers)
    assert isinstance(result, LadderResult)
    return result


@dataclass(frozen=True)
class Benchmark:
    """Counts per level among other assessed organisations of one sector, or withheld."""

    sector: str
    sector_label: str
    group_size: int
    counts: list[tuple[int, str, int]]
    withheld: bool


def benchmark_min_group() -> int:
    """Below this many other assessed organisations in the sector the benchmark is withheld, so
    that no single company's level can be inferred (SELF_ASSESSMENT_BENCHMARK_MIN_GROUP)."""
    return int(settings.SELF_ASSESSMENT_BENCHMARK_MIN_GROUP)


def benchmarks(link: SelfAssessmentInvite) -> list[Benchmark]:
    """The anonymous benchmark (no names) for each of the organisation's sectors."""
    org = link.organisation
    by_sector = sector_counts(link.programme, org.sectors, exclude=org.pk)
    labels = services.level_labels(link.assessment.rubric_key, link.programme_id)
    found = []
    for sector in org.sectors:
        counts = by_sector.get(sector, {})
        total = sum(counts.values())
        withheld = total < benchmark_min_group()
        rows = [] if withheld else [(n, label, counts.get(n, 0)) for n, label in labels.items()]
        label = str(dict(Sector.choices).get(sector, sector))
        found.append(Benchmark(sector, label, total, rows, withheld))
    return found


class Reviewed(NamedTuple):
    """What a review did: company answers accepted and adjusted, indicators the company left
    blank answered by the programme."""

    accepted: int
    adjusted: int
    answered: int


def review(assessment: Assessment, decisions: Mapping[str, str], user: Any) -> Reviewed:
    """Accept (same value) or adjust (another) each answer of a submitted self-assessment, and
    answer the indicators the company left blank (an empty value there clears the programme's
    answer; a company's answer is never cleared)."""
    services.ensure_draft(assessment)
    if assessment.source != Source.COMPANY or assessment.kind != Kind.MATURITY:
        raise ValueError("Only company self-assessments are reviewed.")
    accepted = adjusted = 0
    now = timezone.now()
    with transaction.atomic(), acting_as(user):
        services.lock(assessment)
        services.ensure_answerable(assessment)
        records = {r.indicator_id: r for r in AnswerRecord.objects.filter(assessment=assessment)}
        blanks: dict[str, dict[str, Any]] = {}
        for indicator_id, value in decisions.items():
            record = records.get(indicator_id)
            if record is None or not record.claimed_value:
                if value != (record.value if record else ""):
                    blanks[indicator_id] = {"value": value}
                continue
            if not value:
                continue
            same = value == record.claimed_value
            record.value = value
            record.review = Review.ACCEPTED if same else Review.ADJUSTED
            record.reviewed_by, record.reviewed_at = user, now
            record.save()
            accepted, adjusted = accepted + same, adjusted + (not same)
        if blanks:
            services.save_answers(assessment, blanks, user)
        services.refresh_result(assessment)
    return Reviewed(accepted, adjusted, sum(1 for b in blanks.values() if b["value"]))


def discard_problem(assessment: Assessment, now: datetime | None = None) -> str:
    """Why the draft cannot be discarded ("" when it can): only a company self-assessment that
    was never submitted and whose link no longer works (revoked or expired) is discarded."""
    if assessment.is_discarded:
        return "The assessment was discarded already."
    if assessment.is_final:
        return "A final assessment is kept; reopen it to correct it."
    link = SelfAssessmentInvite.objects.filter(assessment=assessment).first()
    if assessment.source != Source.COMPANY or link is None:
        return "Only a company self-assessment that was never submitted can be discarded."
    if link.submitted_at is not None:
        return "The company submitted its answers: review them and make the assessment final."
    if link.is_live(now or timezone.now()):
        return "The company can still answer through its link: revoke the link first."
    return ""


def discard(assessment: Assessment, user: Any, reason: str) -> None:
    """Set aside a self-assessment the company never submitted (its link revoked or expired):
    it no longer changes or counts as a draft; who, when and why are kept (and in the history).
    ValueError with the reason when it cannot be discarded or no reason is given."""
    reason = reason.strip()
    if not reason:
        raise ValueError("Say why the draft is discarded.")
    with transaction.atomic(), acting_as(user), because(reason):
        services.lock(assessment)
        problem = discard_problem(assessment)
        if problem:
            raise ValueError(problem)
        assessment.discarded_at = timezone.now()
        assessment.discarded_by = user
        assessment.discard_reason = reason
        assessment.save(
            update_fields=["discarded_at", "discarded_by", "discard_reason", "updated_at"]
        )

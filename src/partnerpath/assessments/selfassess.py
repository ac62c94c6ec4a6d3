"""Company self-assessment through a private link: invite a contact, open the link without an
account, submit, see the result with an anonymous benchmark; the programme then reviews each
answer and accepts or adjusts it (the company's own answer is kept next to the reviewed one)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

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
from partnerpath.audit.context import acting_as
from partnerpath.core.rubric import Answer, LadderResult, evaluate
from partnerpath.registry.choices import Sector
from partnerpath.registry.models import Contact, Organisation

# Below this many other assessed organisations in the sector, the benchmark is withheld so that
# no single company's level can be inferred.
BENCHMARK_MIN_GROUP = 5
COMPANY_FIELDS = ("value", "note", "evidence_url", "quote", "evidence_date")


class LinkGone(Exception):
    """The link was revoked or has expired."""

    def __init__(self, state: str) -> None:
        super().__init__(state)
        self.state = state


def invite(
    organisation: Organisation, user: Any, contact: Contact | None = None, days: int | None = None
) -> SelfAssessmentInvite:
    """A new private link and its draft assessment; ValueError unless for an active contact."""
    if contact is not None and contact.organisation_id != organisation.pk:
        raise ValueError(f"Contact {contact.pk} works at another organisation.")
    if contact is not None and not contact.is_active:
        raise ValueError(f"Contact {contact.pk} no longer works at the organisation.")
    valid = days or settings.SELF_ASSESSMENT_LINK_DAYS
    with transaction.atomic(), acting_as(user):
        assessment = services.start_assessment(organisation.programme, user, organisation)
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


def submit(link: SelfAssessmentInvite, given: Mapping[str, Mapping[str, Any]]) -> None:
    """Store the company's answers (each to be reviewed) and close the form."""
    if link.submitted_at is not None:
        raise ValueError("This self-assessment was already submitted.")
    assessment = link.assessment
    with transaction.atomic(), acting_as(None, _company_label(link)):
        for indicator_id, data in given.items():
            if not data.get("value"):
                continue
            record = AnswerRecord(
                programme=assessment.programme,
                assessment=assessment,
                indicator_id=indicator_id,
                claimed_value=data["value"],
                review=Review.PENDING,
            )
            for name in COMPANY_FIELDS:
                if data.get(name) is not None:
                    setattr(record, name, data[name])
            record.save()
        services.refresh_result(assessment)
        link.submitted_at = timezone.now()
        link.save(update_fields=["submitted_at", "updated_at"])


def company_result(link: SelfAssessmentInvite) -> LadderResult:
    """The result of the company's own answers (before the programme's review)."""
    assessment = link.assessment
    rubric = services.rubric_of(assessment)
    answers = {
        r.indicator_id: Answer(r.claimed_value or r.value, evidence=r.has_evidence)
        for r in AnswerRecord.objects.filter(assessment=assessment)
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


def benchmarks(link: SelfAssessmentInvite) -> list[Benchmark]:
    """The anonymous benchmark (no names) for each of the organisation's sectors."""
    org = link.organisation
    by_sector = sector_counts(link.programme, org.sectors, exclude=org.pk)
    labels = services.level_labels(link.assessment.rubric_key, link.programme_id)
    found = []
    for sector in org.sectors:
        counts = by_sector.get(sector, {})
        total = sum(counts.values())
        withheld = total < BENCHMARK_MIN_GROUP
        rows = [] if withheld else [(n, label, counts.get(n, 0)) for n, label in labels.items()]
        label = str(dict(Sector.choices).get(sector, sector))
        found.append(Benchmark(sector, label, total, rows, withheld))
    return found


def review(assessment: Assessment, decisions: Mapping[str, str], user: Any) -> tuple[int, int]:
    """Accept (same value) or adjust (another) each answer of a draft self-assessment; counts."""
    services.ensure_draft(assessment)
    if assessment.source != Source.COMPANY or assessment.kind != Kind.MATURITY:
        raise ValueError("Only company self-assessments are reviewed.")
    accepted = adjusted = 0
    now = timezone.now()
    with transaction.atomic(), acting_as(user):
        for record in AnswerRecord.objects.filter(assessment=assessment):
            value = decisions.get(record.indicator_id)
            if not value:
                continue
            same = value == (record.claimed_value or record.value)
            record.value = value
            record.review = Review.ACCEPTED if same else Review.ADJUSTED
            record.reviewed_by, record.reviewed_at = user, now
            record.save()
            accepted, adjusted = accepted + same, adjusted + (not same)
        services.refresh_result(assessment)
    return accepted, adjusted

"""The checklist as people use it: answering re-rates it with the organisation's inherent risk,
sign-off needs a second person and evidence, it expires after the programme's months, and a new
round copies the answers for review. History keeps every change."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile

from tests.diligence.conftest import answer_all

pytestmark = pytest.mark.django_db


def _services() -> Any:
    from partnerpath.diligence import services

    return services


def test_answering_every_question_rates_the_checklist_with_the_inherent_risk(cast, org, reference):
    services = _services()
    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    # Thailand is Tier 2 (2024) but fish from Thailand is on the DOL List for forced labour.
    assert checklist.inherent_level == "very high"
    assert checklist.inherent_rule == "inherent-risk-v1"
    assert (checklist.rating, checklist.rating_rule) == ("medium", "dd-checklist-v1")
    assert (
        "Inherent risk is very high, so the rating is at least medium." in checklist.rating_reasons
    )


def test_a_serious_trafficking_finding_makes_it_unacceptable(cast, org, reference):
    services = _services()
    checklist = answer_all(
        services.start_checklist(org, cast.member),
        cast.member,
        company_trafficking="serious_concern",
    )
    assert checklist.rating == "unacceptable"
    services.answer_question(checklist, "company_trafficking", {"remediated": True}, cast.member)
    assert services.latest_checklist(org).rating == "high"


def test_an_unfinished_checklist_is_not_rated(cast, org):
    services = _services()
    checklist = services.start_checklist(org, cast.member)
    services.answer_question(checklist, "policy", {"answer": "yes", "note": "Seen."}, cast.member)
    checklist = services.latest_checklist(org)
    assert checklist.rating == ""
    assert checklist.rating_reasons[0].startswith("Not rated (dd-checklist-v1): 7 questions")


def test_sign_off_needs_a_second_person(cast, org, reference, pse_lead):
    services = _services()
    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    with pytest.raises(services.SignOffRefused) as refused:
        services.sign_off(checklist, cast.member)
    assert refused.value.problems == [
        "A second person must sign off: you answered questions on this checklist."
    ]
    services.sign_off(checklist, pse_lead, "Proceed; check recruitment fees in 6 months.")
    checklist.refresh_from_db()
    assert checklist.signed_off_by == pse_lead and checklist.sign_off_note.startswith("Proceed")


def test_the_last_editor_cannot_sign_off_even_without_answers_of_their_own(cast, org, pse_lead):
    services = _services()
    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    checklist.last_edited_by = pse_lead
    assert "A second person must sign off" in services.sign_off_problems(checklist, pse_lead)[0]


def test_sign_off_needs_evidence_for_every_answer(cast, org, pse_lead):
    services = _services()
    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    services.answer_question(checklist, "policy", {"answer": "yes", "note": ""}, cast.member)
    problems = services.sign_off_problems(services.latest_checklist(org), pse_lead)
    assert problems == [
        "Give evidence (a note, a web address or a document) for: a human-rights policy or "
        "modern slavery statement."
    ]


def test_a_signed_off_checklist_is_locked_and_expires_after_the_programmes_months(
    cast, org, pse_lead
):
    from partnerpath.core.risk.checklist import add_months
    from partnerpath.diligence.models import DiligenceSettings

    services = _services()
    DiligenceSettings.objects.create(programme=cast.programme, checklist_valid_months=6)
    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    services.sign_off(checklist, pse_lead)
    today = services.today()
    assert checklist.expires_on == add_months(today, 6)
    assert checklist.status(today).value == "signed off"
    assert checklist.status(checklist.expires_on).value == "expired"
    with pytest.raises(services.ChecklistLocked):
        services.answer_question(checklist, "policy", {"answer": "no"}, cast.member)


def test_the_default_validity_is_twelve_months(cast, org, pse_lead):
    from partnerpath.core.risk.checklist import add_months

    services = _services()
    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    services.sign_off(checklist, pse_lead)
    assert checklist.expires_on == add_months(services.today(), 12)


def test_a_new_round_copies_the_answers_for_review_and_supersedes_the_old(cast, org, pse_lead):
    services = _services()
    first = answer_all(services.start_checklist(org, cast.member), cast.member)
    services.sign_off(first, pse_lead)
    second = services.start_checklist(org, cast.owner)
    first.refresh_from_db()
    assert second.previous == first and first.superseded_on == services.today()
    copied = {a.question: a for a in second.answers.all()}
    assert len(copied) == 8 and all(a.carried_over for a in copied.values())
    assert copied["policy"].note == "Checked policy."
    assert second.rating == "low"  # rated on the copied answers (no reference data here)
    problems = services.sign_off_problems(second, pse_lead)
    assert problems[0].startswith("Review the answers copied from the previous checklist")
    assert services.start_checklist(org, cast.owner) == second  # an open round is reused


def test_copied_documents_stay_attached(cast, org, pse_lead):
    services = _services()
    first = answer_all(services.start_checklist(org, cast.member), cast.member)
    answer = first.answers.get(question="policy")
    answer.evidence_document.save("msa-2025.pdf", ContentFile(b"%PDF-1.4"))
    services.sign_off(first, pse_lead)
    second = services.start_checklist(org, cast.member)
    assert (
        second.answers.get(question="policy").evidence_document.name
        == answer.evidence_document.name
    )


def test_recompute_follows_a_changed_footprint(cast, org, reference):
    services = _services()
    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    org.hq_country, org.countries_of_operation, org.sectors = "GB", [], []
    org.save()
    checklist = services.recompute(checklist, cast.member)
    assert (checklist.inherent_level, checklist.rating) == ("low", "low")


def test_every_answer_and_sign_off_is_in_the_history(cast, org, pse_lead):
    from partnerpath.audit.services import history_of

    services = _services()
    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    services.sign_off(checklist, pse_lead)
    changes = list(history_of(checklist, *checklist.answers.all()))
    assert sum(1 for c in changes if c.action == "create") == 9
    sign = next(c for c in changes if "signed_off_by" in c.changes)
    assert sign.actor == pse_lead and sign.changes["signed_off_by"]["new"] == pse_lead.pk

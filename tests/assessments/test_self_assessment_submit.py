"""The company's submit and what surrounds it: an answer the programme saved on the draft before
is taken over (no 500, nothing lost), a second submit goes to the result, an all-blank form is
refused, the programme's pages and API refuse answers while the company is answering, the help
text asks for what the company can give, and the link is made on the rubric its creator chose."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests import factories
from tests.assessments.conftest import indicator_ids

pytestmark = pytest.mark.django_db

P = "/p/mekong/assessments"
A = "/api/v1/assessments"
L = "/api/v1/self-assessment-links"


@pytest.fixture
def link(cast: Any, org: Any) -> Any:
    from partnerpath.assessments import selfassess

    return selfassess.invite(org, cast.member, factories.contact(org))


def _company_form(values: dict[str, str], **extra: str) -> dict[str, str]:
    return {**{f"{ind}-value": v for ind, v in values.items()}, **extra}


def test_an_answer_saved_on_the_draft_before_the_company_submits_is_taken_over(cast, link):
    """Before the fix, an answer row on the draft made the company's submit a 500 (UNIQUE)."""
    from partnerpath.assessments.models import AnswerRecord

    first, second = indicator_ids(1)[:2]
    AnswerRecord.objects.create(  # as a team member's save through the old pages left it
        programme=cast.programme,
        assessment=link.assessment,
        indicator_id=first,
        value="not_met",
        note="our guess",
        recorded_by=cast.member,
    )
    company = Client()
    response = company.post(
        f"/self-assessment/{link.token}/", _company_form({first: "met", second: "partly"})
    )
    assert response.status_code == 302
    assert response["Location"] == f"/self-assessment/{link.token}/result/"
    answers = {a.indicator_id: a for a in link.assessment.answers.all()}
    assert (answers[first].claimed_value, answers[first].value) == ("met", "met")
    assert answers[first].review == "pending" and answers[first].recorded_by is None
    assert (answers[second].claimed_value, answers[second].review) == ("partly", "pending")
    link.refresh_from_db()
    assert link.submitted_at is not None


def test_a_second_submit_of_the_same_link_goes_to_the_result_and_counts_once(cast, link):
    from partnerpath.assessments import selfassess

    first = indicator_ids(1)[0]
    company = Client()
    url = f"/self-assessment/{link.token}/"
    assert company.post(url, _company_form({first: "met"})).status_code == 302
    again = company.post(url, _company_form({first: "not_met"}))
    assert again.status_code == 302 and again["Location"].endswith("/result/")
    assert link.assessment.answers.get().claimed_value == "met"
    with pytest.raises(selfassess.LinkGone) as gone:
        selfassess.submit(link, {first: {"value": "partly"}})
    assert gone.value.state == "submitted"


def test_an_all_blank_company_form_is_refused_and_the_link_stays_open(cast, link):
    company = Client()
    response = company.post(f"/self-assessment/{link.token}/", {})
    assert response.status_code == 200
    assert "Answer at least one question" in response.content.decode()
    link.refresh_from_db()
    assert link.submitted_at is None and not link.assessment.answers.exists()
    assert company.get(f"/self-assessment/{link.token}/").status_code == 200


def test_the_programme_pages_refuse_answers_while_the_company_is_answering(cast, link, client_for):
    first = indicator_ids(1)[0]
    member = client_for(cast.member)
    for url in (f"{P}/{link.assessment.pk}/answers/", f"{P}/{link.assessment.pk}/review/"):
        page = member.get(url, follow=True)
        assert page.redirect_chain[-1][0] == f"{P}/{link.assessment.pk}/"
        assert "has not submitted its self-assessment yet" in page.content.decode()
    member.post(f"{P}/{link.assessment.pk}/answers/", {f"{first}-value": "met"})
    member.post(f"{P}/{link.assessment.pk}/review/", {f"review-{first}": "met"})
    assert not link.assessment.answers.exists()
    detail = member.get(f"{P}/{link.assessment.pk}/").content.decode()
    assert "The company is still answering" in detail
    assert f"{P}/{link.assessment.pk}/answers/" not in detail
    # the company then submits without a 500
    company = Client()
    assert (
        company.post(f"/self-assessment/{link.token}/", {f"{first}-value": "met"}).status_code
        == 302
    )


def test_the_api_refuses_answers_documents_and_reviews_while_the_company_is_answering(
    cast, link, api_for
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    first = indicator_ids(1)[0]
    api = api_for(cast.member)
    pk = link.assessment.pk
    answers = api.post(f"{A}/{pk}/answers/", [{"indicator": first, "value": "met"}], format="json")
    assert answers.status_code == 400
    message = answers.json()
    assert "has not submitted its self-assessment yet" in message["status"][0]
    document = api.post(
        f"{A}/{pk}/answers/{first}/document/",
        {"document": SimpleUploadedFile("a.txt", b"x")},
        format="multipart",
    )
    assert (document.status_code, document.json()) == (400, message)
    review = api.post(f"{A}/{pk}/review/", [{"indicator": first, "value": "met"}], format="json")
    assert (review.status_code, review.json()) == (400, message)
    assert not link.assessment.answers.exists()


def test_the_company_form_asks_for_a_link_as_evidence_never_a_document(link):
    page = Client().get(f"/self-assessment/{link.token}/").content.decode()
    assert "a web address or a document" not in page
    assert "until you give a link to where you show it" in page
    assert "this form takes no documents" in page
    assert 'type="file"' not in page


def test_a_link_uses_the_rubric_its_creator_chose_on_the_page(cast, org, client_for):
    from partnerpath.assessments import rubrics
    from partnerpath.assessments.models import SelfAssessmentInvite

    rubrics.clone_rubric(cast.programme, cast.owner, "maturity-v1", "maturity-mekong", 1)
    member = client_for(cast.member)
    page = member.get(f"{P}/organisations/{org.pk}/").content.decode()
    invite_choice = page.split('id="id_rubric"')[1].split("</select>")[0]
    assert "maturity-v1 (newest packaged)" in invite_choice
    assert "maturity-mekong-v1" in invite_choice and "pse-readiness" not in invite_choice
    member.post(f"{P}/organisations/{org.pk}/invite/", {"rubric": "maturity-mekong-v1"})
    member.post(f"{P}/organisations/{org.pk}/invite/", {})
    keys = [i.assessment.rubric_key for i in SelfAssessmentInvite.objects.order_by("id")]
    assert keys == ["maturity-mekong-v1", "maturity-v1"]
    refused = member.post(
        f"{P}/organisations/{org.pk}/invite/", {"rubric": "pse-readiness-v1"}, follow=True
    )
    assert "maturity rubrics" in refused.content.decode()
    assert SelfAssessmentInvite.objects.count() == 2


@pytest.mark.parametrize(
    ("rubric", "status", "error"),
    [
        ("maturity-mekong-v1", 201, None),
        ("", 201, None),
        ("pse-readiness-v1", 400, "pse-readiness-v1 is not a Maturity Spectrum rubric."),
        ("maturity-v99", 400, "No rubric 'maturity-v99' in this programme."),
    ],
)
def test_a_link_made_through_the_api_uses_the_chosen_rubric(
    cast, org, api_for, rubric, status, error
):
    from partnerpath.assessments import rubrics
    from partnerpath.assessments.models import SelfAssessmentInvite

    rubrics.clone_rubric(cast.programme, cast.owner, "maturity-v1", "maturity-mekong", 1)
    body = {"programme": "mekong", "organisation": org.pk, "rubric": rubric}
    response = api_for(cast.member).post(f"{L}/", body, format="json")
    assert response.status_code == status
    if error:
        assert response.json() == {"rubric": [error]}
        assert not SelfAssessmentInvite.objects.exists()
    else:
        assert response.json()["rubric"] == (rubric or "maturity-v1")
        link = SelfAssessmentInvite.objects.get()
        assert link.assessment.rubric_key == (rubric or "maturity-v1")

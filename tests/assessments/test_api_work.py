"""The work on an assessment through the API, without the pages: date it, attach evidence
documents, review a company's answers, finalise and reopen, each through the pages' services, with
400s that say why, the pages' permissions, and every write in the history under the API user."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from tests.assessments.conftest import assessed, indicator_ids

pytestmark = pytest.mark.django_db

A = "/api/v1/assessments"


def _changes_of(assessment: Any) -> list[Any]:
    from django.contrib.contenttypes.models import ContentType

    from partnerpath.audit.models import Change

    ct = ContentType.objects.get_for_model(type(assessment))
    return list(Change.objects.filter(content_type=ct, object_id=str(assessment.pk)).order_by("id"))


def _submitted_link(cast: Any, org: Any) -> Any:
    from partnerpath.assessments import selfassess

    link = selfassess.invite(org, cast.member)
    given = {i: {"value": "met", "evidence_url": "https://example.org/x"} for i in indicator_ids(1)}
    selfassess.submit(link, given)
    return link


def test_a_member_finalises_a_draft_and_the_history_names_them(cast, org, api_for):
    draft = assessed(cast, org, {1: "met"}, final=False)
    response = api_for(cast.member).post(f"{A}/{draft.pk}/finalise/")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["level"]) == ("final", 1)
    last = _changes_of(draft)[-1]
    assert last.changes["status"] == {"old": "draft", "new": "final"}
    assert last.actor == cast.member


def test_finalising_twice_or_reopening_a_draft_says_why_it_cannot(cast, org, api_for):
    client = api_for(cast.member)
    done = assessed(cast, org, {1: "met"})
    again = client.post(f"{A}/{done.pk}/finalise/")
    assert again.status_code == 400
    assert again.json() == {"status": ["The assessment is already final."]}
    assert client.post(f"{A}/{done.pk}/reopen/").json()["status"] == "draft"
    twice = client.post(f"{A}/{done.pk}/reopen/")
    assert twice.status_code == 400
    assert twice.json() == {"status": ["The assessment is a draft already."]}


def test_a_final_assessment_refuses_answers_and_a_new_date(cast, org, api_for):
    done = assessed(cast, org, {1: "met"})
    client = api_for(cast.member)
    body = [{"indicator": indicator_ids(2)[0], "value": "met"}]
    assert client.post(f"{A}/{done.pk}/answers/", body, format="json").status_code == 400
    dated = client.patch(f"{A}/{done.pk}/", {"assessed_on": "2025-01-31"}, format="json")
    assert dated.status_code == 400
    assert dated.json() == {"status": ["A final assessment no longer changes."]}


def test_a_member_dates_a_draft(cast, org, api_for):
    draft = assessed(cast, org, {}, final=False)
    client = api_for(cast.member)
    response = client.patch(f"{A}/{draft.pk}/", {"assessed_on": "2025-01-31"}, format="json")
    assert response.status_code == 200 and response.json()["assessed_on"] == "2025-01-31"
    assert _changes_of(draft)[-1].changes["assessed_on"]["new"] == "2025-01-31"
    wrong = client.patch(f"{A}/{draft.pk}/", {"assessed_on": "31/01/2025"}, format="json")
    assert wrong.status_code == 400 and "assessed_on" in wrong.json()
    assert client.put(f"{A}/{draft.pk}/", {"assessed_on": "2025-01-31"}).status_code == 405


def test_an_evidence_document_is_attached_to_an_answer_and_downloaded(cast, org, api_for):
    draft = assessed(cast, org, {}, final=False)
    ind = indicator_ids(1)[0]
    client = api_for(cast.member)
    client.post(f"{A}/{draft.pk}/answers/", [{"indicator": ind, "value": "met"}], format="json")
    url = f"{A}/{draft.pk}/answers/{ind}/document/"
    upload = SimpleUploadedFile("csr-report.txt", b"our CSR report", content_type="text/plain")
    response = client.post(url, {"document": upload}, format="multipart")
    assert response.status_code == 200
    answer = next(a for a in response.json()["answers"] if a["indicator"] == ind)
    assert answer["has_document"] is True and answer["has_evidence"] is True
    download = api_for(cast.viewer).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"our CSR report"


def test_a_document_needs_an_answer_and_an_allowed_file(cast, org, api_for):
    draft = assessed(cast, org, {1: "met"}, final=False)
    client = api_for(cast.member)
    unanswered = indicator_ids(2)[0]
    upload = SimpleUploadedFile("a.txt", b"x")
    response = client.post(
        f"{A}/{draft.pk}/answers/{unanswered}/document/", {"document": upload}, format="multipart"
    )
    assert response.status_code == 400 and "indicator" in response.json()
    script = SimpleUploadedFile("run.exe", b"MZ")
    response = client.post(
        f"{A}/{draft.pk}/answers/{indicator_ids(1)[0]}/document/",
        {"document": script},
        format="multipart",
    )
    assert response.status_code == 400 and "document" in response.json()
    assert client.get(f"{A}/{draft.pk}/answers/{unanswered}/document/").status_code == 404


def test_a_self_assessment_is_final_only_after_submission_and_review(cast, org, api_for):
    from partnerpath.assessments import selfassess

    client = api_for(cast.member)
    waiting = selfassess.invite(org, cast.member)
    response = client.post(f"{A}/{waiting.assessment.pk}/finalise/")
    assert response.status_code == 400
    assert response.json() == {"status": ["The company has not submitted its self-assessment yet."]}
    link = _submitted_link(cast, org)
    pk = link.assessment.pk
    pending = client.post(f"{A}/{pk}/finalise/")
    assert pending.status_code == 400
    assert f"{len(indicator_ids(1))} still to review" in pending.json()["status"][0]
    first, second = indicator_ids(1)[:2]
    decisions = [{"indicator": i, "value": "met"} for i in indicator_ids(1)]
    decisions[1] = {"indicator": second, "value": "partly"}
    reviewed = client.post(f"{A}/{pk}/review/", decisions, format="json")
    assert reviewed.status_code == 200
    answers = {a.indicator_id: a for a in link.assessment.answers.all()}
    assert (answers[first].review, answers[first].value) == ("accepted", "met")
    assert (answers[second].claimed_value, answers[second].value) == ("met", "partly")
    assert answers[second].reviewed_by == cast.member
    assert client.post(f"{A}/{pk}/finalise/").json()["status"] == "final"


def test_a_review_is_checked_and_only_for_company_self_assessments(cast, org, api_for):
    client = api_for(cast.member)
    link = _submitted_link(cast, org)
    url = f"{A}/{link.assessment.pk}/review/"
    wrong = client.post(url, [{"indicator": indicator_ids(1)[0], "value": "3"}], format="json")
    assert wrong.status_code == 400
    assert wrong.json() == {"0": {"value": ["Choose one of: met, partly, not_met, unknown."]}}
    own = assessed(cast, org, {1: "met"}, final=False)
    decisions = [{"indicator": indicator_ids(1)[0], "value": "met"}]
    refused = client.post(f"{A}/{own.pk}/review/", decisions, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"assessment": ["Only company self-assessments are reviewed."]}


WRITES = [
    ("post", "finalise/", None),
    ("post", "reopen/", None),
    ("post", "review/", []),
    ("post", "answers/", []),
    ("post", "discard/", {"reason": "The company never answered."}),
    ("patch", "", {"assessed_on": "2025-01-31"}),
]


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=[w[1] or "patch" for w in WRITES])
def test_read_only_roles_get_403_on_every_write(cast, org, api_for, role, method, path, body):
    draft = assessed(cast, org, {1: "met"}, final=False)
    client = api_for(getattr(cast, role))
    response = getattr(client, method)(f"{A}/{draft.pk}/{path}", body, format="json")
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft"


@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=[w[1] or "patch" for w in WRITES])
def test_an_outsider_gets_404_on_every_write(cast, org, api_for, method, path, body):
    draft = assessed(cast, org, {1: "met"}, final=False)
    client = api_for(cast.outsider)
    assert getattr(client, method)(f"{A}/{draft.pk}/{path}", body, format="json").status_code == 404
    document = f"{A}/{draft.pk}/answers/{indicator_ids(1)[0]}/document/"
    assert client.get(document).status_code == 404


def test_read_only_roles_cannot_attach_a_document(cast, org, api_for):
    draft = assessed(cast, org, {1: "met"}, final=False)
    upload = SimpleUploadedFile("a.txt", b"x")
    response = api_for(cast.viewer).post(
        f"{A}/{draft.pk}/answers/{indicator_ids(1)[0]}/document/",
        {"document": upload},
        format="multipart",
    )
    assert response.status_code == 403


def test_the_web_page_shows_why_an_assessment_cannot_be_finalised(cast, org, client_for):
    link = _submitted_link(cast, org)
    url = f"/p/mekong/assessments/{link.assessment.pk}/finalise/"
    page = client_for(cast.member).post(url, follow=True).content.decode()
    assert "still to review" in page
    link.assessment.refresh_from_db()
    assert link.assessment.status == "draft"


def test_another_programmes_organisation_stays_out_of_reach(cast, api_for):
    other = factories.organisation(cast.other_programme, name="Other Co")
    from partnerpath.assessments import services

    theirs = services.start_assessment(cast.other_programme, cast.outsider, other)
    assert api_for(cast.owner).post(f"{A}/{theirs.pk}/finalise/").status_code == 404


def test_an_evidence_document_missing_from_storage_is_a_404(cast, org, api_for):
    draft = assessed(cast, org, {1: "met"}, final=False)
    ind = indicator_ids(1)[0]
    url = f"{A}/{draft.pk}/answers/{ind}/document/"
    upload = SimpleUploadedFile("csr-report.txt", b"our CSR report", content_type="text/plain")
    api_for(cast.member).post(url, {"document": upload}, format="multipart")
    answer = draft.answers.get(indicator_id=ind)
    answer.evidence_document.storage.delete(answer.evidence_document.name)
    response = api_for(cast.viewer).get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": "The document's file is missing from the server."}
    assert api_for(cast.outsider).get(url).status_code == 404


def test_a_final_self_assessment_refuses_a_review_and_keeps_its_answers(cast, org, api_for):
    from partnerpath.assessments import selfassess, services

    link = _submitted_link(cast, org)
    assessment = link.assessment
    first = indicator_ids(1)[0]
    selfassess.review(assessment, {i: "met" for i in indicator_ids(1)}, cast.member)
    services.finalise(assessment, cast.member)
    response = api_for(cast.member).post(
        f"{A}/{assessment.pk}/review/", [{"indicator": first, "value": "not_met"}], format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"status": ["A final assessment no longer changes."]}
    assert assessment.answers.get(indicator_id=first).value == "met"
    with pytest.raises(ValueError, match="final"):
        selfassess.review(assessment, {first: "not_met"}, cast.member)

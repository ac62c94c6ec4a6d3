"""Maturity assessments: the answer form, the cached result, history of answer changes, the
result page, the printable page, the XLSX export and the organisation's level over time."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.assessments.conftest import EVIDENCE, assessed, indicator_ids

pytestmark = pytest.mark.django_db

P = "/p/mekong/assessments"


def _form_data(assessment: Any, answers: dict[str, dict[str, str]]) -> dict[str, str]:
    data = {"details-assessed_on": assessment.assessed_on.isoformat()}
    for ind, fields in answers.items():
        for name, value in fields.items():
            data[f"{ind}-{name}"] = value
    return data


def test_a_member_starts_an_assessment_on_the_newest_rubric(cast, org, client_for):
    from partnerpath.assessments.models import Assessment

    response = client_for(cast.member).post(f"{P}/organisations/{org.pk}/new/")
    assessment = Assessment.objects.get(organisation=org)
    assert response["Location"] == f"{P}/{assessment.pk}/answers/"
    assert assessment.rubric_key == "maturity-v1"
    assert assessment.level == 0 and assessment.status == "draft"
    assert assessment.created_by == cast.member


def test_the_answer_form_shows_every_indicator_grouped_by_level_with_guidance(
    cast, org, client_for
):
    draft = assessed(cast, org, {}, final=False)
    page = client_for(cast.member).get(f"{P}/{draft.pk}/answers/").content.decode()
    for level in range(1, 5):
        for ind in indicator_ids(level):
            assert f'name="{ind}-value"' in page
    assert "Level 1: Follower" in page and "Level 4: Innovator" in page
    assert "Guidance: Look for a statement" in page


def test_saving_answers_computes_and_caches_the_level(cast, org, client_for):
    draft = assessed(cast, org, {}, final=False)
    answers = {ind: {"value": "met", **EVIDENCE} for ind in indicator_ids(1)}
    response = client_for(cast.member).post(f"{P}/{draft.pk}/answers/", _form_data(draft, answers))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.level == 1
    assert draft.result["label"] == "Follower"
    assert draft.answers.count() == len(indicator_ids(1))
    assert draft.answers.first().recorded_by == cast.member


def test_a_positive_answer_without_required_evidence_does_not_count(cast, org):
    from partnerpath.assessments import services

    draft = assessed(cast, org, {}, final=False)
    services.save_answers(draft, {i: {"value": "met"} for i in indicator_ids(1)}, cast.member)
    draft.refresh_from_db()
    assert draft.confidence == 0
    level_1 = draft.result["levels"][0]
    assert level_1["coverage"] < 100  # the claims without evidence count as unknown
    assert "follower-acknowledges-risk" in level_1["reason"]


def test_unknown_answers_lower_confidence_but_are_not_no(cast, org):
    sure = assessed(cast, org, {1: "met", 2: "met"})
    unsure = assessed(cast, org, {1: "met", 2: "met", 3: "unknown"})
    assert sure.level == unsure.level == 2
    assert sure.confidence == pytest.approx(unsure.confidence)
    partly = assessed(cast, org, {1: "met", 2: "not_met"})
    assert partly.level == 1


def test_the_result_page_explains_level_gaps_offers_and_partnerships(cast, org, client_for):
    done = assessed(cast, org, {1: "met", 2: "partly"})
    page = client_for(cast.viewer).get(f"{P}/{done.pk}/").content.decode()
    assert "1 Follower" in page
    assert "Gaps to level 2" in page
    assert "Coverage per level" in page
    assert "CSR / philanthropy" in page  # a partnership type of level 1, with its reason
    assert "How the result was reached" in page and "Result: level 1 Follower" in page


def test_every_answer_change_shows_in_the_history_with_old_and_new_value(cast, org, client_for):
    from partnerpath.assessments import services

    draft = assessed(cast, org, {1: "met"}, final=False)
    first = indicator_ids(1)[0]
    services.save_answers(draft, {first: {"value": "partly"}}, cast.owner)
    services.save_answers(draft, {indicator_ids(1)[1]: {"value": ""}}, cast.owner)
    page = client_for(cast.viewer).get(f"{P}/{draft.pk}/").content.decode()
    assert "“met” → “partly”" in page
    assert "deleted" in page.lower()  # the cleared answer's removal stays in the history
    assert "<strong>owner</strong>" in page


def test_a_final_assessment_is_locked_until_reopened(cast, org, client_for):
    done = assessed(cast, org, {1: "met"})
    response = client_for(cast.member).get(f"{P}/{done.pk}/answers/")
    assert response.status_code == 302 and response["Location"] == f"{P}/{done.pk}/"
    client_for(cast.member).post(f"{P}/{done.pk}/finalise/", {"reopen": "1"})
    done.refresh_from_db()
    assert done.status == "draft"


def test_the_export_holds_every_indicator_with_its_answer_and_evidence(cast, org, client_for):
    done = assessed(cast, org, {1: "met"})
    response = client_for(cast.viewer).get(f"{P}/{done.pk}/export.xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    wb = load_workbook(io.BytesIO(response.content))
    rows = list(wb["Answers"].iter_rows(values_only=True))
    assert rows[0][:3] == ("group", "indicator", "question")
    assert len(rows) == 1 + 24
    first = next(r for r in rows if r[1] == indicator_ids(1)[0])
    assert first[5] == "met" and first[7] == "https://example.org/report"
    summary = [r[0] for r in wb["Result"].iter_rows(values_only=True)]
    assert "How the result was reached" in summary


def test_the_printable_page_has_the_result_and_answers(cast, org, client_for):
    done = assessed(cast, org, {1: "met"})
    page = client_for(cast.viewer).get(f"{P}/{done.pk}/print/").content.decode()
    assert "window.print()" in page and "Coverage per level" in page
    assert "https://example.org/report" in page


def test_an_old_assessment_keeps_computing_with_its_stored_rubric_version(
    cast, org, client_for, monkeypatch
):
    from partnerpath.assessments import services
    from partnerpath.core.rubric import clone, load_packaged

    done = assessed(cast, org, {1: "met", 2: "partly"})
    stricter = clone(load_packaged("maturity-v1"), "maturity", 2, {"rule": {"threshold": 100}})
    monkeypatch.setattr(services, "newest_rubric", lambda kind: stricter)
    assert services.compute(done).rubric == "maturity-v1"
    assert services.compute(done).level == 1
    assert client_for(cast.viewer).get(f"{P}/{done.pk}/").status_code == 200


def test_the_organisation_page_shows_the_level_over_time_as_a_chart(cast, org, client_for):
    import datetime as dt

    first = assessed(cast, org, {1: "met"})
    first.assessed_on = dt.date(2025, 3, 1)
    first.save()
    assessed(cast, org, {1: "met", 2: "met"})
    page = client_for(cast.viewer).get(f"/p/mekong/organisations/{org.pk}/").content.decode()
    assert 'class="level-chart"' in page
    assert "Mar 2025" in page
    assert "Level <strong>2 Mature</strong>" in page
    listing = client_for(cast.viewer).get(f"{P}/organisations/{org.pk}/").content.decode()
    assert listing.count("<circle") == 2


def test_answers_reject_a_value_the_scale_does_not_have(cast, org, client_for):
    draft = assessed(cast, org, {}, final=False)
    ind = indicator_ids(1)[0]
    response = client_for(cast.member).post(
        f"{P}/{draft.pk}/answers/", _form_data(draft, {ind: {"value": "3"}})
    )
    assert response.status_code == 200
    assert draft.answers.count() == 0


def test_an_oversized_evidence_document_is_refused(cast, org, client_for, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_MAX_BYTES = 1024
    draft = assessed(cast, org, {}, final=False)
    ind = indicator_ids(1)[0]
    data: dict[str, Any] = _form_data(draft, {ind: {"value": "met"}})
    data[f"{ind}-evidence_document"] = SimpleUploadedFile("big.txt", b"x" * 2048)
    response = client_for(cast.member).post(f"{P}/{draft.pk}/answers/", data)
    assert response.status_code == 200
    assert "larger than the limit" in response.content.decode()


def test_an_evidence_document_missing_from_storage_is_a_404_not_a_500(cast, org, client_for):
    from django.core.files.base import ContentFile

    draft = assessed(cast, org, {1: "met"}, final=False)
    answer = draft.answers.first()
    answer.evidence_document.save("report.txt", ContentFile(b"x"))
    url = f"{P}/{draft.pk}/answers/{answer.pk}/document/"
    assert client_for(cast.viewer).get(url).status_code == 200
    answer.evidence_document.storage.delete(answer.evidence_document.name)
    assert client_for(cast.viewer).get(url).status_code == 404
    assert client_for(cast.outsider).get(url).status_code == 404

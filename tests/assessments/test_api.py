"""The assessments API: packaged rubrics with definitions, assessments with answers, result and
explanation; the pages' access rules; constant query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.assessments.conftest import assessed, indicator_ids

pytestmark = pytest.mark.django_db

A = "/api/v1"


def test_rubrics_list_every_packaged_rubric_with_its_definition(cast, api_for):
    body = api_for(cast.viewer).get(f"{A}/rubrics/").json()
    keys = [r["key"] for r in body]
    assert "maturity-v1" in keys and "pse-readiness-v1" in keys
    maturity = next(r for r in body if r["key"] == "maturity-v1")
    assert maturity["rule"] == "ladder"
    assert len(maturity["definition"]["levels"]) == 4
    one = api_for(cast.outsider).get(f"{A}/rubrics/pse-readiness-v1/").json()
    assert one["rule"] == "weighted_sections"
    assert api_for(cast.viewer).get(f"{A}/rubrics/nothing-v9/").status_code == 404


def test_rubrics_need_a_signed_in_user(client):
    assert client.get(f"{A}/rubrics/").status_code in (401, 403)


def test_an_assessment_carries_answers_result_and_explanation(cast, org, api_for):
    done = assessed(cast, org, {1: "met", 2: "partly"})
    body = api_for(cast.viewer).get(f"{A}/assessments/{done.pk}/").json()
    assert body["rubric"] == "maturity-v1" and body["level"] == 1
    assert body["programme"] == "mekong" and body["organisation"] == org.pk
    assert len(body["answers"]) == len(indicator_ids(1)) + len(indicator_ids(2))
    assert body["answers"][0]["has_evidence"] is True
    assert body["result"]["steps"][-1].startswith("Result: level 1 Follower")
    assert body["result"]["gaps"]


def test_an_outsider_sees_no_assessment(cast, org, api_for):
    done = assessed(cast, org, {1: "met"})
    client = api_for(cast.outsider)
    assert client.get(f"{A}/assessments/{done.pk}/").status_code == 404
    assert client.get(f"{A}/assessments/").json()["count"] == 0
    response = client.post(f"{A}/assessments/{done.pk}/answers/", [], format="json")
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
def test_read_only_roles_read_but_cannot_start_or_answer(cast, org, api_for, role):
    draft = assessed(cast, org, {}, final=False)
    client = api_for(getattr(cast, role))
    assert client.get(f"{A}/assessments/").json()["count"] == 1
    started = client.post(
        f"{A}/assessments/", {"programme": "mekong", "organisation": org.pk}, format="json"
    )
    assert started.status_code == 403
    body = [{"indicator": indicator_ids(1)[0], "value": "met"}]
    answered = client.post(f"{A}/assessments/{draft.pk}/answers/", body, format="json")
    assert answered.status_code == 403


def test_a_member_starts_and_answers_an_assessment(cast, org, api_for):
    client = api_for(cast.member)
    started = client.post(
        f"{A}/assessments/", {"programme": "mekong", "organisation": org.pk}, format="json"
    )
    assert started.status_code == 201
    pk = started.json()["id"]
    body = [
        {"indicator": ind, "value": "met", "evidence_url": "https://example.org/a"}
        for ind in indicator_ids(1)
    ]
    answered = client.post(f"{A}/assessments/{pk}/answers/", body, format="json")
    assert answered.status_code == 200
    assert answered.json()["level"] == 1


def test_answers_are_checked_against_the_rubric(cast, org, api_for):
    draft = assessed(cast, org, {}, final=False)
    client = api_for(cast.member)
    url = f"{A}/assessments/{draft.pk}/answers/"
    wrong_value = client.post(
        url, [{"indicator": indicator_ids(1)[0], "value": "2"}], format="json"
    )
    assert wrong_value.status_code == 400
    wrong_id = client.post(url, [{"indicator": "nope", "value": "met"}], format="json")
    assert wrong_id.status_code == 400


def test_a_member_cannot_start_an_assessment_of_another_programmes_organisation(cast, api_for):
    other = factories.organisation(cast.other_programme, name="Other Co")
    response = api_for(cast.member).post(
        f"{A}/assessments/", {"programme": "mekong", "organisation": other.pk}, format="json"
    )
    assert response.status_code == 400


def test_the_assessment_list_runs_the_same_queries_for_3_and_30(cast, api_for):
    client = api_for(cast.viewer)

    def grow(n: int) -> None:
        for i in range(n):
            org = factories.organisation(cast.programme, name=f"Org {i}-{n}")
            assessed(cast, org, {1: "met"})

    grow(3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"{A}/assessments/?programme=mekong").status_code == 200
    grow(27)
    with CaptureQueriesContext(connection) as large:
        body = client.get(f"{A}/assessments/?programme=mekong&page_size=50").json()
    assert body["count"] == 30
    assert len(large) == len(small)

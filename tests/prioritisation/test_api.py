"""The prioritisation API: templates, opportunities, rounds with results, and scores, under the
pages' rules (outsider 404, read-only roles 403 on management, raters score their own sheet and
see the others' scores only after submitting), with constant query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.prioritisation.conftest import fill_all, grow, opportunity, raters

pytestmark = pytest.mark.django_db
A = "/api/v1"


def test_the_template_list_holds_the_default_card_with_4_groups_and_15_factors(cast, api_for):
    body = api_for(cast.viewer).get(f"{A}/scorecard-templates/").json()
    (card,) = body["results"]
    assert (card["template_id"], card["programme"]) == ("scorecard-default-v1", "mekong")
    assert len(card["groups"]) == 4
    assert sum(len(g["factors"]) for g in card["groups"]) == 15
    risk = card["groups"][3]["factors"][1]
    assert (risk["key"], risk["direction"], len(risk["anchors"])) == ("risk", "lower", 5)
    outsider = api_for(cast.outsider)
    assert [
        c["programme"] for c in outsider.get(f"{A}/scorecard-templates/").json()["results"]
    ] == ["other"]
    assert outsider.get(f"{A}/scorecard-templates/{card['id']}/").status_code == 404


def test_a_member_records_an_opportunity_and_read_only_roles_cannot(cast, api_for):
    org = factories.organisation(cast.programme)
    body = {
        "programme": "mekong",
        "title": "Worker voice at sea",
        "countries": ["th"],
        "partnership_type": "shared_value",
        "organisations": [{"organisation": org.pk, "role": "partner"}],
    }
    created = api_for(cast.member).post(f"{A}/opportunities/", body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert data["countries"] == ["TH"] and data["organisations"][0]["organisation_name"] == org.name
    for role in ("viewer", "reviewer"):
        client = api_for(getattr(cast, role))
        assert client.post(f"{A}/opportunities/", body, format="json").status_code == 403
        assert client.get(f"{A}/opportunities/{data['id']}/").status_code == 200
    assert api_for(cast.outsider).get(f"{A}/opportunities/{data['id']}/").status_code == 404
    dropped = api_for(cast.member).patch(
        f"{A}/opportunities/{data['id']}/", {"status": "dropped"}, format="json"
    )
    assert dropped.status_code == 400 and "Say why" in str(dropped.json())


def test_an_organisation_of_another_programme_is_refused(cast, api_for):
    elsewhere = factories.organisation(cast.other_programme)
    body = {
        "programme": "mekong",
        "title": "X",
        "organisations": [{"organisation": elsewhere.pk, "role": "partner"}],
    }
    assert api_for(cast.member).post(f"{A}/opportunities/", body, format="json").status_code == 400


def test_a_reviewer_rater_scores_through_the_api_and_sees_others_only_after_submitting(
    cast, round_, opps, api_for
):
    from partnerpath.prioritisation.services import rounds

    rounds.submit_sheet(fill_all(round_, cast.member, {}), cast.member)
    reviewer = api_for(cast.reviewer)
    one = {"round": round_.pk, "opportunity": opps[0].pk, "factor": "risk", "score": 2}
    created = reviewer.post(f"{A}/scores/", one, format="json")
    assert created.status_code == 201 and created.json()["score"] == 2
    seen = reviewer.get(f"{A}/scores/?page_size=200").json()
    assert {s["rater"] for s in seen["results"]} == {cast.reviewer.pk}
    assert reviewer.get(f"{A}/rounds/{round_.pk}/results/").status_code == 403
    fill_all(round_, cast.reviewer, {})
    assert reviewer.post(f"{A}/rounds/{round_.pk}/submit/").status_code == 200
    seen = reviewer.get(f"{A}/scores/?page_size=200").json()
    assert {s["rater"] for s in seen["results"]} == {cast.member.pk, cast.reviewer.pk}
    results = reviewer.get(f"{A}/rounds/{round_.pk}/results/").json()
    assert len(results["rounds"][0]["ranking"]) == 3
    again = reviewer.post(f"{A}/scores/", one, format="json")
    assert again.status_code == 400 and "locked" in str(again.json())


def test_a_viewer_neither_scores_nor_closes_and_the_outsider_sees_nothing(
    cast, round_, opps, api_for
):
    one = {"round": round_.pk, "opportunity": opps[0].pk, "factor": "risk", "score": 2}
    viewer = api_for(cast.viewer)
    assert viewer.post(f"{A}/scores/", one, format="json").status_code == 403
    assert viewer.post(f"{A}/rounds/{round_.pk}/close/").status_code == 403
    assert api_for(cast.reviewer).post(f"{A}/rounds/{round_.pk}/close/").status_code == 403
    outsider = api_for(cast.outsider)
    assert outsider.get(f"{A}/rounds/{round_.pk}/").status_code == 404
    assert outsider.get(f"{A}/rounds/{round_.pk}/results/").status_code == 404
    assert outsider.post(f"{A}/scores/", one, format="json").status_code == 400
    assert outsider.get(f"{A}/rounds/").json()["results"] == []
    assert api_for(cast.member).post(f"{A}/rounds/{round_.pk}/close/").status_code == 200


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "rounds/{pk}/results/",
        "rounds/?page_size=200",
        "scores/?page_size=200",
        "opportunities/?page_size=200",
        "scorecard-templates/",
    ],
)
def test_api_lists_and_results_run_the_same_number_of_queries_for_20_and_60(cast, api_for, url):
    from django.utils import timezone

    from partnerpath.prioritisation.models import RaterSheet
    from partnerpath.prioritisation.services import rounds, templates

    people = raters(cast, 10)
    version = templates.default_template_version(cast.programme)
    first = opportunity(cast.programme, "Seed")
    found = rounds.create_round(cast.programme, "Donor", version, None, people, [first], cast.owner)
    RaterSheet.objects.filter(round=found).update(submitted_at=timezone.now())
    client = api_for(cast.viewer)
    path = f"{A}/{url.format(pk=found.pk)}"
    grow(cast, found, 20)
    few = _count(client, path)
    grow(cast, found, 60)
    assert _count(client, path) == few

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
from tests.prioritisation.conftest import sheet as sheet_of

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


def test_listing_the_templates_stores_nothing_and_shows_the_packaged_card_without_an_id(
    cast, api_for
):
    from partnerpath.audit.models import Change
    from partnerpath.prioritisation.models import ScorecardTemplateVersion

    # A programme without its default card (every programme stores it when it is created).
    ScorecardTemplateVersion.objects.all().delete()
    before = Change.objects.count()
    body = api_for(cast.member).get(f"{A}/scorecard-templates/?programme=mekong").json()
    (card,) = body["results"]
    assert (card["id"], card["template_id"], card["programme"]) == (
        None,
        "scorecard-default-v1",
        "mekong",
    )
    assert sum(len(g["factors"]) for g in card["groups"]) == 15
    assert not ScorecardTemplateVersion.objects.exists() and Change.objects.count() == before


def test_a_stored_default_card_is_listed_once_with_its_id(cast, api_for):
    from partnerpath.prioritisation.services import templates

    stored = templates.default_template_version(cast.programme)
    templates.default_template_version(cast.other_programme)
    body = api_for(cast.member).get(f"{A}/scorecard-templates/").json()
    assert [(c["id"], c["programme"]) for c in body["results"]] == [(stored.pk, "mekong")]


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


def test_an_opportunity_without_organisations_is_recorded(cast, api_for):
    from partnerpath.audit.services import history_of
    from partnerpath.prioritisation.models import Opportunity

    body = {"programme": "mekong", "title": "Minimal"}
    created = api_for(cast.member).post(f"{A}/opportunities/", body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["title"], data["organisations"], data["status"]) == ("Minimal", [], "idea")
    found = Opportunity.objects.get(pk=data["id"])
    assert history_of(found).get().actor == cast.member


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"status": "selected"}, "status_reason", "Say why the opportunity is selected"),
        ({"status": "selected", "status_reason": " "}, "status_reason", "Say why"),
        ({"status": "dropped"}, "status_reason", "Say why the opportunity is dropped."),
        ({"estimated_cost": "120000"}, "currency", "Give the currency of the estimated cost."),
        ({"estimated_cost": "5", "currency": " "}, "currency", "Give the currency"),
    ],
)
def test_the_api_refuses_what_the_form_refuses(cast, opps, api_for, change, field, message):
    from partnerpath.audit.models import Change

    opps[0].status, opps[0].status_reason = "parked", "Waiting for the donor"
    opps[0].save()
    before = Change.objects.count()
    url = f"{A}/opportunities/{opps[0].pk}/"
    refused = api_for(cast.member).patch(url, change, format="json")
    assert refused.status_code == 400 and message in " ".join(refused.json()[field])
    opps[0].refresh_from_db()
    assert (opps[0].status, opps[0].estimated_cost) == ("parked", None)
    assert Change.objects.count() == before
    new = {"programme": "mekong", "title": "New"} | change
    assert api_for(cast.member).post(f"{A}/opportunities/", new, format="json").status_code == 400


def test_selecting_through_the_api_records_the_reason_as_the_pipeline_does(cast, opps, api_for):
    from partnerpath.audit.services import history_of

    url = f"{A}/opportunities/{opps[0].pk}/"
    body = {"status": "selected", "status_reason": "Donor pick", "estimated_cost": "120000"}
    refused = api_for(cast.member).patch(url, body, format="json")
    assert refused.status_code == 400  # no currency: nothing changes
    selected = api_for(cast.member).patch(url, body | {"currency": "usd"}, format="json")
    assert selected.status_code == 200, selected.json()
    data = selected.json()
    assert (data["status"], data["status_reason"], data["currency"]) == (
        "selected",
        "Donor pick",
        "USD",
    )
    change = history_of(opps[0]).filter(action="update").latest("id")
    assert change.reason == "Donor pick" and change.changes["status"]["new"] == "selected"
    assert change.actor == cast.member
    # The title alone changes without a reason: the opportunity stays selected.
    renamed = api_for(cast.member).patch(url, {"title": "Worker voice"}, format="json")
    assert renamed.status_code == 200 and renamed.json()["status"] == "selected"


def test_an_opportunity_in_a_round_cannot_be_deleted_through_the_api(cast, round_, opps, api_for):
    from partnerpath.prioritisation.models import Opportunity, Score
    from tests.prioritisation.conftest import fill

    fill(sheet_of(round_, cast.member), opps[0], 4, "Seen it")
    refused = api_for(cast.member).delete(f"{A}/opportunities/{opps[0].pk}/")
    assert refused.status_code == 409
    assert "“Donor”" in refused.json()["detail"] and "Drop or park it" in refused.json()["detail"]
    assert Opportunity.objects.filter(pk=opps[0].pk).exists()
    assert Score.objects.filter(opportunity=opps[0]).count() == 15
    assert round_.opportunities.count() == 3


def test_an_opportunity_never_put_in_a_round_is_deleted_on_record(cast, api_for):
    from partnerpath.audit.services import history_of
    from partnerpath.prioritisation.models import Opportunity

    idea = opportunity(cast.programme, "Loose idea")
    for user in (cast.viewer, cast.reviewer):
        assert api_for(user).delete(f"{A}/opportunities/{idea.pk}/").status_code == 403
    assert api_for(cast.outsider).delete(f"{A}/opportunities/{idea.pk}/").status_code == 404
    assert api_for(cast.member).delete(f"{A}/opportunities/{idea.pk}/").status_code == 204
    assert not Opportunity.objects.filter(pk=idea.pk).exists()
    deleted = history_of(Opportunity(pk=idea.pk)).get(action="delete")
    assert (deleted.actor, deleted.object_repr) == (cast.member, "Loose idea")


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
    assert api_for(cast.owner).post(f"{A}/rounds/{round_.pk}/close/").status_code == 200


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

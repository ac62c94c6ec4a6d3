"""The screening API: lists, screenings (start one: 202), hits with their explanation, decisions
and second-person confirmation; the pages' access rules; constant query counts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from partnerpath.core.matching.scoring import ALGORITHM_ID
from partnerpath.screening.choices import Decision, HitStatus
from partnerpath.screening.models import Adjudication, Screening
from tests.screening.conftest import hit_on, many_hits

pytestmark = pytest.mark.django_db

A = "/api/v1"


@pytest.fixture
def api_for(db: Any) -> Callable[[Any], APIClient]:
    """An API client signed in with the user's token."""
    from rest_framework.authtoken.models import Token

    def sign_in(user: Any) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return sign_in


@pytest.fixture
def screened(listed: Any, imported_lists: Any, screen: Any) -> Any:
    return screen(listed.org)


# (name, method, url, body, need): need "read" (any member) or "edit" (team members).
ENDPOINTS: list[tuple[str, str, Callable[[Any], str], Callable[[Any], dict[str, Any]], str]] = [
    ("screening_detail", "get", lambda s: f"{A}/screenings/{s.pk}/", lambda s: {}, "read"),
    ("hit_detail", "get", lambda s: f"{A}/hits/{hit_on(s, 'ofac-173').pk}/", lambda s: {}, "read"),
    (
        "screening_start",
        "post",
        lambda s: f"{A}/screenings/",
        lambda s: {"programme": "mekong", "organisation": s.organisation_id},
        "edit",
    ),
    (
        "hit_decide",
        "post",
        lambda s: f"{A}/hits/{hit_on(s, 'ofac-173').pk}/decide/",
        lambda s: {"decision": "false_positive", "reason": "Other firm"},
        "edit",
    ),
    (
        "hit_confirm_clearance",
        "post",
        lambda s: f"{A}/hits/{hit_on(s, 'ofac-173').pk}/confirm-clearance/",
        lambda s: {},
        "edit",
    ),
]
IDS = [e[0] for e in ENDPOINTS]


def _call(client: APIClient, method: str, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, format="json") if method == "post" else client.get(url)


@pytest.mark.parametrize(("name", "method", "url", "body", "need"), ENDPOINTS, ids=IDS)
def test_an_outsider_sees_nothing(cast, screened, api_for, name, method, url, body, need):
    status = _call(api_for(cast.outsider), method, url(screened), body(screened)).status_code
    # Starting a screening names the programme in the body: a 400 that does not confirm it exists.
    assert status == (400 if name == "screening_start" else 404)


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize(("name", "method", "url", "body", "need"), ENDPOINTS, ids=IDS)
def test_read_only_roles_read_but_cannot_act(
    cast, screened, api_for, role, name, method, url, body, need
):
    client = api_for(getattr(cast, role))
    status = _call(client, method, url(screened), body(screened)).status_code
    assert status == (200 if need == "read" else 403)


@pytest.mark.parametrize(("name", "method", "url", "body", "need"), ENDPOINTS, ids=IDS)
def test_a_team_member_may_act(cast, screened, api_for, name, method, url, body, need):
    status = _call(api_for(cast.member), method, url(screened), body(screened)).status_code
    # Confirming needs something waiting for a second person: 400 says there is nothing.
    assert status == {"screening_start": 202, "hit_confirm_clearance": 400}.get(name, 200)


def test_anonymous_requests_are_refused(client: Any, screened: Any) -> None:
    for url in (f"{A}/lists/", f"{A}/screenings/", f"{A}/hits/"):
        assert client.get(url).status_code == 401


def test_lists_are_shared_data_every_signed_in_user_reads(cast, imported_lists, api_for):
    body = api_for(cast.outsider).get(f"{A}/lists/").json()
    assert [row["name"] for row in body["results"]] == ["OFAC SDN", "UN consolidated"]
    un = body["results"][1]["versions"][0]
    assert un["publication_date"] == "2026-02-27" and un["entity_count"] == 2
    assert un["checksum"].startswith("sha256:") and un["is_current"] is True


def test_lists_of_other_programmes_records_are_empty_for_an_outsider(cast, screened, api_for):
    client = api_for(cast.outsider)
    assert client.get(f"{A}/hits/").json()["count"] == 0
    assert client.get(f"{A}/screenings/").json()["count"] == 0


def test_starting_a_screening_answers_202_with_the_screening(cast, listed, imported_lists, api_for):
    response = api_for(cast.member).post(
        f"{A}/screenings/", {"programme": "mekong", "organisation": listed.org.pk}, format="json"
    )
    assert response.status_code == 202
    body = response.json()
    assert body["organisation_name"] == listed.org.name and body["scope"] == "organisation"
    assert body["status"] == "done" and body["hit_count"] == 2 and body["requested_by"] == "member"
    assert {v["list"] for v in body["list_versions"]} == {"OFAC SDN", "UN consolidated"}
    everything = api_for(cast.member).post(
        f"{A}/screenings/", {"programme": "mekong"}, format="json"
    )
    assert everything.status_code == 202 and everything.json()["total_count"] == 2


def test_an_organisation_of_another_programme_is_a_400(cast, imported_lists, api_for):
    from partnerpath.accounts.models import Membership
    from tests import factories

    Membership.objects.create(programme=cast.other_programme, user=cast.member, role="member")
    foreign = factories.organisation(cast.other_programme, "Anglo Caribbean Co Ltd")
    response = api_for(cast.member).post(
        f"{A}/screenings/", {"programme": "mekong", "organisation": foreign.pk}, format="json"
    )
    assert response.status_code == 400 and "organisation" in response.json()
    assert not Screening.objects.exists()


def test_a_hit_carries_its_list_entry_explanation_and_decision(cast, screened, api_for):
    hit = hit_on(screened, "ofac-6365")
    body = api_for(cast.viewer).get(f"{A}/hits/{hit.pk}/").json()
    assert body["subject_name"] == "Usama bin Laden" and body["status"] == "new"
    assert body["list_entry"]["list"] == "OFAC SDN" and body["list_entry"]["countries"] == [
        "af",
        "sa",
    ]
    assert body["list_entry"]["birth_dates"] == ["1957-07-30", "1958"]
    assert {f["feature"] for f in body["explanation"]} >= {"name_similarity", "birth_date"}
    assert body["algorithm"] == ALGORITHM_ID and body["threshold"] == 0.7
    assert body["adjudication"] is None and body["is_new"] is True


def test_deciding_needs_a_reason_and_clearing_a_true_match_needs_a_second_person(
    cast, screened, api_for
):
    hit = hit_on(screened, "ofac-6365")
    url = f"{A}/hits/{hit.pk}/"
    member, owner = api_for(cast.member), api_for(cast.owner)
    missing = member.post(f"{url}decide/", {"decision": "true_match", "reason": " "}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()
    member.post(f"{url}decide/", {"decision": "true_match", "reason": "Same DOB"}, format="json")
    body = member.post(
        f"{url}decide/", {"decision": "false_positive", "reason": "Other man"}, format="json"
    ).json()
    assert body["status"] == HitStatus.AWAITING_SECOND_PERSON
    assert body["adjudication"]["decision"] == "true_match"
    assert body["adjudication"]["proposed_decision"] == "false_positive"
    assert member.post(f"{url}confirm-clearance/").status_code == 403
    confirmed = owner.post(f"{url}confirm-clearance/")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "false_positive"
    assert confirmed.json()["adjudication"]["confirmed_by"] == "owner"
    assert Adjudication.objects.get().decision == Decision.FALSE_POSITIVE


def test_hits_filter_by_status_newness_organisation_and_latest(
    cast, listed, screened, screen, api_for
):
    client = api_for(cast.member)
    hit = hit_on(screened, "ofac-173")
    client.post(
        f"{A}/hits/{hit.pk}/decide/", {"decision": "false_positive", "reason": "x"}, format="json"
    )
    again = screen(listed.org)

    def ids(query: str) -> set[str]:
        return {h["entity_id"] for h in client.get(f"{A}/hits/?{query}").json()["results"]}

    assert ids("status=open&latest=yes") == {"ofac-6365"}
    assert ids("status=false_positive&latest=yes") == {"ofac-173"}
    assert ids(f"new=no&screening={again.pk}") == {"ofac-173"}
    assert ids(f"organisation={listed.clean.pk}") == set()
    assert client.get(f"{A}/hits/?latest=no").json()["count"] == 2
    assert client.get(f"{A}/hits/?status=maybe").status_code == 400
    assert client.get(f"{A}/hits/?organisation=abc").status_code == 400


def _queries(client: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_the_hit_and_screening_lists_run_the_same_queries_for_10_and_100_hits(
    cast, listed, imported_lists, api_for, screen
):
    client = api_for(cast.member)
    screening = many_hits(cast.programme, listed.org, 10)
    screen(listed.org)
    urls = [f"{A}/hits/?page_size=200", f"{A}/screenings/", f"{A}/lists/"]
    few = [_queries(client, url) for url in urls]
    many_hits(cast.programme, listed.org, 90, screening)
    for _ in range(3):
        screen(listed.clean)
    assert [_queries(client, url) for url in urls] == few

"""Interactions are logged once they happened (a date more than a day ahead is refused, and a
future date never counts as the last contact); warm introductions read each link the way it was
recorded, start from the team (admins, PSE leads, team members), reach only contacts still at the
organisation and say how many more there are; a pair of people is connected once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from partnerpath.engagement import services
from partnerpath.engagement.models import Connection, Interaction
from tests import factories

pytestmark = pytest.mark.django_db
P = "/p/mekong"


def _interaction_form(org: Any, day: dt.date) -> dict[str, Any]:
    return {
        "kind": "meeting",
        "occurred_on": day.isoformat(),
        "title": "Planned visit",
        "organisations": [org.pk],
        "followups-TOTAL_FORMS": "0",
        "followups-INITIAL_FORMS": "0",
    }


@pytest.mark.parametrize(("days_ahead", "saved"), [(0, True), (1, True), (2, False), (30, False)])
def test_the_form_refuses_dates_more_than_a_day_ahead(cast, client_for, days_ahead, saved):
    org = factories.organisation(cast.programme)
    day = services.today() + dt.timedelta(days=days_ahead)
    response = client_for(cast.member).post(f"{P}/interactions/new/", _interaction_form(org, day))
    assert Interaction.objects.exists() is saved
    if not saved:
        assert response.status_code == 200
        assert "is in the future" in response.content.decode()


def test_the_api_refuses_a_date_in_2099_with_the_reason(cast, api_for_engagement):
    org = factories.organisation(cast.programme)
    payload = {
        "programme": "mekong",
        "kind": "meeting",
        "occurred_on": "2099-01-01",
        "title": "Planned",
        "organisations": [org.pk],
    }
    response = api_for_engagement(cast.member).post("/api/v1/interactions/", payload, format="json")
    assert response.status_code == 400
    assert "is in the future" in response.json()["occurred_on"][0]
    assert not Interaction.objects.exists()


def test_a_future_dated_entry_does_not_count_as_the_last_contact(cast, client_for):
    org = factories.organisation(cast.programme, "Andaman Catch Co., Ltd.")
    factories.interaction(cast.programme, [org], dt.date(2099, 1, 1))  # e.g. an old import
    assert services.checkin_of(org).last_contact is None
    board = services.dashboard(cast.programme)
    assert [o.name for o, _ in board.stale] == ["Andaman Catch Co., Ltd."]
    assert [d.organisation for d in board.due_checkins] == [org]
    listing = client_for(cast.viewer).get(f"{P}/organisations/")
    assert listing.context["page_obj"][0].last_contact is None


@pytest.fixture
def api_for_engagement(db: Any) -> Any:
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def sign_in(user: Any) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return sign_in


def _labels(org: Any) -> list[list[tuple[str, str]]]:
    return [
        [(step.label, step.link) for step in chain]
        for chain in services.warm_introductions_to(org).chains
    ]


def test_introduced_by_reads_in_the_direction_it_was_recorded(cast):
    target_org = factories.organisation(cast.programme, "Target Co")
    target = factories.contact(target_org, "Ms Target")
    # Recorded: Ms Target was introduced by the member; walked from the member it reads
    # "member introduced Ms Target", not "member was introduced by Ms Target".
    factories.connection(cast.programme, target, cast.member, kind="introduced_by")
    assert _labels(target_org) == [[("member", "introduced"), ("Ms Target (Target Co)", "")]]
    Connection.objects.all().delete()
    factories.connection(cast.programme, cast.member, target, kind="introduced_by")
    assert _labels(target_org) == [[("member", "was introduced by"), ("Ms Target (Target Co)", "")]]


def test_contacts_who_left_are_not_targets_but_still_pass_introductions_on(cast):
    target_org = factories.organisation(cast.programme, "Target Co")
    left = factories.contact(target_org, "Mr Left", is_active=False)
    stays = factories.contact(target_org, "Ms Stays")
    factories.connection(cast.programme, cast.member, left)
    factories.connection(cast.programme, left, stays, kind="worked_with")
    chains = _labels(target_org)
    assert [chain[-1][0] for chain in chains] == ["Ms Stays (Target Co)"]
    assert chains[0][1] == ("Mr Left (Target Co)", "worked with")


@pytest.mark.parametrize("role", ["reviewer", "viewer"])
def test_reviewers_and_viewers_are_not_our_team(cast, role):
    target_org = factories.organisation(cast.programme, "Target Co")
    target = factories.contact(target_org, "Ms Target")
    factories.connection(cast.programme, getattr(cast, role), target)
    assert services.warm_introductions_to(target_org).chains == []


def test_an_inactive_user_is_not_our_team(cast):
    target_org = factories.organisation(cast.programme, "Target Co")
    factories.connection(cast.programme, cast.member, factories.contact(target_org))
    cast.member.is_active = False
    cast.member.save()
    assert services.warm_introductions_to(target_org).chains == []


def test_the_page_says_how_many_more_contacts_can_be_reached(cast, client_for):
    target_org = factories.organisation(cast.programme, "Target Co")
    for i in range(7):
        factories.connection(
            cast.programme, cast.member, factories.contact(target_org, f"Person {i}")
        )
    response = client_for(cast.viewer).get(f"{P}/organisations/{target_org.pk}/")
    found = response.context["introductions"]
    assert (len(found.chains), found.reachable, found.more) == (5, 7, 2)
    assert "And 2 more of its contacts can be reached" in response.content.decode()


@pytest.mark.parametrize("reverse", [False, True])
def test_the_same_connection_cannot_be_recorded_twice_either_way(cast, client_for, reverse):
    org = factories.organisation(cast.programme)
    person = factories.contact(org, "Anong S.")
    factories.connection(cast.programme, cast.member, person)
    a, b = f"user:{cast.member.pk}", f"contact:{person.pk}"
    if reverse:
        a, b = b, a
    response = client_for(cast.member).post(
        f"{P}/connections/", {"from_person": a, "kind": "worked_with", "to_person": b}
    )
    assert response.status_code == 200
    assert "already connected" in response.content.decode()
    assert Connection.objects.count() == 1


@pytest.mark.parametrize("reverse", [False, True])
def test_the_api_refuses_a_repeated_connection(cast, api_for_engagement, reverse):
    org = factories.organisation(cast.programme)
    person = factories.contact(org, "Anong S.")
    factories.connection(cast.programme, cast.member, person)
    sides = {"from_user": cast.member.pk, "to_contact": person.pk}
    if reverse:
        sides = {"from_contact": person.pk, "to_user": cast.member.pk}
    response = api_for_engagement(cast.member).post(
        "/api/v1/connections/", {"programme": "mekong", "kind": "knows", **sides}, format="json"
    )
    assert response.status_code == 400
    assert "already connected" in str(response.json())
    assert Connection.objects.count() == 1

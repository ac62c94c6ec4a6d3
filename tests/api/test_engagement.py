"""Interactions with nested follow-ups, connections and follow-ups through the API."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/interactions/"


def _interaction(cast, records, **extra):
    return {
        "programme": "mekong",
        "kind": "meeting",
        "occurred_on": "2026-03-02",
        "title": "Roundtable",
        "organisations": [records.org.pk],
        **extra,
    }


def test_an_interaction_is_logged_with_participants_and_follow_ups(cast, records, api_for):
    payload = _interaction(
        cast,
        records,
        contacts=[records.contact.pk],
        team=[cast.member.pk, cast.reviewer.pk],
        follow_ups=[
            {"description": "Send the toolkit", "owner": cast.member.pk, "due_on": "2026-03-20"},
            {"description": "Book the site visit"},
        ],
    )
    response = api_for(cast.member).post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["created_by"] == cast.member.pk
    assert sorted(body["team"]) == sorted([cast.member.pk, cast.reviewer.pk])
    descriptions = sorted(f["description"] for f in body["follow_ups"])
    assert descriptions == ["Book the site visit", "Send the toolkit"]
    assert all(f["is_done"] is False for f in body["follow_ups"])


def test_follow_ups_given_on_update_replace_the_old_ones(cast, records, api_for):
    url = f"{URL}{records.interaction.pk}/"
    kept = {"id": records.follow_up.pk, "description": "Send the brief", "done_on": "2026-01-20"}
    added = {"description": "Call back in May"}
    response = api_for(cast.member).patch(url, {"follow_ups": [kept, added]}, format="json")
    assert response.status_code == 200, response.json()
    rows = {f["description"]: f for f in response.json()["follow_ups"]}
    assert rows["Send the brief"]["id"] == records.follow_up.pk
    assert rows["Send the brief"]["is_done"] is True
    assert "Call back in May" in rows
    emptied = api_for(cast.member).patch(url, {"follow_ups": []}, format="json")
    assert emptied.json()["follow_ups"] == []


def test_leaving_follow_ups_out_of_a_change_keeps_them(cast, records, api_for):
    url = f"{URL}{records.interaction.pk}/"
    response = api_for(cast.member).patch(url, {"title": "Intro call (rescheduled)"}, format="json")
    assert [f["id"] for f in response.json()["follow_ups"]] == [records.follow_up.pk]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"occurred_on": "2026-02-30"}, "occurred_on"),
        ({"occurred_on": "next tuesday"}, "occurred_on"),
        ({"kind": "telepathy"}, "kind"),
        ({"organisations": []}, "organisations"),
        ({"organisations": "1"}, "organisations"),
        ({"organisations": [999999]}, "organisations"),
        ({"title": None}, "title"),
        ({"follow_ups": [{"description": "x", "due_on": "soon"}]}, "follow_ups"),
        ({"follow_ups": [{"id": 999999, "description": "x"}]}, "follow_ups"),
        ({"follow_ups": "call them"}, "follow_ups"),
    ],
)
def test_bad_interactions_are_400_naming_the_field(cast, records, api_for, extra, field):
    response = api_for(cast.member).post(URL, _interaction(cast, records, **extra), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_participants_from_another_programme_are_refused_by_field(cast, records, api_for):
    from partnerpath.accounts.models import Membership

    Membership.objects.create(programme=cast.other_programme, user=cast.member, role="member")
    payload = _interaction(
        cast,
        records,
        organisations=[records.org.pk, records.foreign_org.pk],
        contacts=[records.foreign_contact.pk],
        team=[cast.outsider.pk],
        follow_ups=[{"description": "x", "owner": cast.outsider.pk}],
    )
    response = api_for(cast.member).post(URL, payload, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) >= {"organisations", "contacts", "team", "follow_ups"}
    assert "outsider" not in str(errors)  # ids, not names, of people elsewhere


def test_team_members_must_share_a_programme_with_the_user(cast, records, api_for):
    payload = _interaction(cast, records, team=[cast.outsider.pk])
    response = api_for(cast.member).post(URL, payload, format="json")
    assert response.status_code == 400
    assert "No team member with id" in response.json()["team"][0]


def test_a_follow_up_of_another_interaction_cannot_be_taken_over(cast, records, api_for):
    other = factories.interaction(cast.programme, [records.org], dt.date(2026, 2, 1))
    url = f"{URL}{other.pk}/"
    body = {"follow_ups": [{"id": records.follow_up.pk, "description": "Mine now"}]}
    response = api_for(cast.member).patch(url, body, format="json")
    assert response.status_code == 400
    records.follow_up.refresh_from_db()
    assert records.follow_up.interaction_id == records.interaction.pk


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Workshop", "Intro call", "Site visit"]),
        ("?kind=workshop", ["Workshop"]),
        ("?search=garments", ["Workshop", "Site visit"]),
        ("?search=intro", ["Intro call"]),
        ("?from=2026-01-01&to=2026-01-31", ["Intro call"]),
        ("?from=2026-02-01", ["Workshop"]),
    ],
)
def test_the_engagement_log_filters(cast, records, api_for, query, expected):
    factories.interaction(
        cast.programme, [records.sister], dt.date(2025, 12, 1), title="Site visit"
    )
    factories.interaction(
        cast.programme,
        [records.org, records.sister],
        dt.date(2026, 2, 5),
        title="Workshop",
        kind="workshop",
    )
    body = api_for(cast.viewer).get(URL + query).json()
    assert [r["title"] for r in body["results"]] == expected


def test_the_engagement_log_filters_by_organisation_without_repeating_rows(cast, records, api_for):
    factories.interaction(
        cast.programme, [records.org, records.sister], dt.date(2026, 2, 5), title="Workshop"
    )
    body = api_for(cast.viewer).get(f"{URL}?organisation={records.sister.pk}&search=o").json()
    assert [r["title"] for r in body["results"]] == ["Workshop"]


@pytest.mark.parametrize(
    "query", ["?from=yesterday", "?to=2026-13-01", "?kind=chat", "?organisation=x"]
)
def test_bad_log_filters_are_400(cast, api_for, query):
    response = api_for(cast.viewer).get(URL + query)
    assert response.status_code == 400


def test_a_connection_shows_both_people_by_name(cast, records, api_for):
    body = api_for(cast.viewer).get(f"/api/v1/connections/{records.connection.pk}/").json()
    assert body["from_person"] == "member"
    assert body["to_person"] == "Anong S. (Siam Seafood Co., Ltd.)"


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"to_contact": "CONTACT"}, "from_user"),
        ({"from_user": "OWNER", "from_contact": "CONTACT", "to_user": "MEMBER"}, "from_user"),
        ({"from_user": "OWNER", "to_user": "OWNER"}, "to_user"),
        ({"from_contact": "CONTACT", "to_contact": "CONTACT"}, "to_contact"),
        ({"from_user": "OWNER"}, "to_user"),
        ({"from_user": "OWNER", "to_contact": "FOREIGN"}, "to_contact"),
        ({"from_user": "OUTSIDER", "to_contact": "CONTACT"}, "from_user"),
        ({"from_user": "OWNER", "to_contact": "CONTACT", "kind": "enemies"}, "kind"),
    ],
)
def test_bad_connections_are_400_naming_the_side(cast, records, api_for, payload, field):
    ids = {
        "OWNER": cast.owner.pk,
        "MEMBER": cast.member.pk,
        "OUTSIDER": cast.outsider.pk,
        "CONTACT": records.contact.pk,
        "FOREIGN": records.foreign_contact.pk,
    }
    body = {"programme": "mekong", **{k: ids.get(v, v) for k, v in payload.items()}}
    response = api_for(cast.member).post("/api/v1/connections/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_connections_filter_by_person(cast, records, api_for):
    other = factories.connection(cast.programme, cast.owner, cast.reviewer, kind="worked_with")
    api = api_for(cast.viewer)
    by_contact = api.get(f"/api/v1/connections/?contact={records.contact.pk}").json()
    assert [r["id"] for r in by_contact["results"]] == [records.connection.pk]
    by_user = api.get(f"/api/v1/connections/?user={cast.reviewer.pk}").json()
    assert [r["id"] for r in by_user["results"]] == [other.pk]
    assert api.get("/api/v1/connections/?kind=worked_with").json()["count"] == 1


def test_open_follow_ups_are_listed_and_ticked_done(cast, records, api_for):
    done = factories.follow_up(records.interaction, "Already sent", done_on=dt.date(2026, 1, 12))
    api = api_for(cast.member)
    open_ones = api.get("/api/v1/follow-ups/?open=yes").json()
    assert [r["id"] for r in open_ones["results"]] == [records.follow_up.pk]
    assert [r["id"] for r in api.get("/api/v1/follow-ups/?open=no").json()["results"]] == [done.pk]
    mine = api.get(f"/api/v1/follow-ups/?owner={cast.member.pk}").json()
    assert mine["count"] == 1
    url = f"/api/v1/follow-ups/{records.follow_up.pk}/"
    assert api.patch(url, {"done_on": "2026-01-25"}, format="json").json()["is_done"] is True
    assert api.patch(url, {"owner": cast.outsider.pk}, format="json").status_code == 400

"""Input of the wrong type or out of range is a 400 that names the field, never a 500."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

HUGE = 10**30
ORG = {"programme": "mekong", "name": "X", "kind": "company"}


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("organisations", {**ORG, "programme": ["mekong"]}, "programme"),
        ("organisations", {**ORG, "programme": {"slug": "mekong"}}, "programme"),
        ("organisations", {**ORG, "programme": None}, "programme"),
        ("organisations", {**ORG, "employees": 1.5}, "employees"),
        ("organisations", {**ORG, "sectors": [["fisheries"]]}, "sectors"),
        ("organisations", {**ORG, "sectors": None}, "sectors"),
        ("organisations", {**ORG, "countries_of_operation": [None]}, "countries_of_operation"),
        ("organisations", {**ORG, "checkin_every_days": HUGE}, "checkin_every_days"),
        ("contacts", {"programme": "mekong", "name": "A", "organisation": HUGE}, "organisation"),
        ("contacts", {"programme": "mekong", "name": "A", "organisation": True}, "organisation"),
        ("contacts", {"programme": "mekong", "name": "A", "organisation": 1.5}, "organisation"),
        (
            "contacts",
            {"programme": "mekong", "name": "A", "organisation": {"id": 1}},
            "organisation",
        ),
        ("contacts", {"programme": "mekong", "name": "A", "organisation": -1}, "organisation"),
        (
            "policies",
            {"programme": "mekong", "organisation": "ORG", "kind": "other", "year": HUGE},
            "year",
        ),
    ],
)
def test_wrong_types_and_ranges_in_a_new_record(cast, records, api_for, url, body, field):
    body = {k: records.org.pk if v == "ORG" else v for k, v in body.items()}
    response = api_for(cast.member).post(f"/api/v1/{url}/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"follow_ups": [{"id": None, "description": "x"}]}, "follow_ups"),
        ({"follow_ups": [{"id": "abc", "description": "x"}]}, "follow_ups"),
        ({"follow_ups": [{"description": "x", "owner": HUGE}]}, "follow_ups"),
        ({"follow_ups": [None]}, "follow_ups"),
        ({"team": [None]}, "team"),
        ({"organisations": [HUGE]}, "organisations"),
        ({"contacts": [1.5]}, "contacts"),
    ],
)
def test_wrong_types_in_a_change_of_an_interaction(cast, records, api_for, body, field):
    url = f"/api/v1/interactions/{records.interaction.pk}/"
    response = api_for(cast.member).patch(url, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("contacts/?organisation=99999999999999999999999", "organisation"),
        ("organisations/?search=%00", "search"),
        ("interactions/?from=99999-01-01", "from"),
        ("connections/?user=-2", "user"),
        ("follow-ups/?owner=1.5", "owner"),
    ],
)
def test_bad_filter_values_are_400(cast, api_for, url, field):
    response = api_for(cast.viewer).get(f"/api/v1/{url}")
    assert response.status_code == 400
    assert field in response.json()


def test_a_source_document_must_be_a_file(cast, records, api_for):
    url = f"/api/v1/sources/{records.source.pk}/"
    for value in (None, "text"):
        response = api_for(cast.member).patch(url, {"document": value}, format="json")
        assert response.status_code == 400
        assert "document" in response.json()


def test_other_media_types_are_415(cast, api_for):
    response = api_for(cast.member).post(
        "/api/v1/organisations/", b"<xml/>", content_type="application/xml"
    )
    assert response.status_code == 415

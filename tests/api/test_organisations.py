"""Organisations through the API: filters, the nested profile, and validation that answers
400 with a message on the field at fault (never a 500)."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

URL = "/api/v1/organisations/"


def _names(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["name"] for row in response.json()["results"]]


@pytest.fixture
def landscape(cast):
    p = cast.programme
    factories.organisation(p, name="Siam Seafood", hq_country="TH", sectors=["fisheries"])
    factories.organisation(
        p, name="Saigon Stitch", hq_country="VN", sectors=["apparel"], countries_of_sourcing=["KH"]
    )
    factories.organisation(p, name="Labour Ministry", kind="government", hq_country="KH")
    factories.organisation(p, name="Dormant Builders", sectors=["construction"], is_active=False)
    factories.organisation(
        cast.other_programme, name="Siam Seafood (other programme)", hq_country="TH"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Dormant Builders", "Labour Ministry", "Saigon Stitch", "Siam Seafood"]),
        ("?search=siam", ["Siam Seafood"]),
        ("?kind=government", ["Labour Ministry"]),
        ("?sector=apparel", ["Saigon Stitch"]),
        ("?country=KH", ["Labour Ministry", "Saigon Stitch"]),
        ("?country=kh", ["Labour Ministry", "Saigon Stitch"]),
        ("?active=no", ["Dormant Builders"]),
        ("?programme=mekong&sector=fisheries", ["Siam Seafood"]),
        ("?search=", ["Dormant Builders", "Labour Ministry", "Saigon Stitch", "Siam Seafood"]),
    ],
)
def test_the_list_filters_like_the_web_list(cast, landscape, api_for, query, expected):
    assert _names(api_for(cast.viewer).get(URL + query)) == expected


def test_a_user_of_two_programmes_sees_both_and_can_narrow_to_one(cast, landscape, api_for):
    from partnerpath.accounts.models import Membership

    Membership.objects.create(programme=cast.programme, user=cast.outsider, role="viewer")
    api = api_for(cast.outsider)
    assert len(_names(api.get(URL + "?search=siam"))) == 2
    assert _names(api.get(URL + "?search=siam&programme=other")) == [
        "Siam Seafood (other programme)"
    ]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?sector=shipbuilding", "sector"),
        ("?kind=pirate", "kind"),
        ("?country=XX", "country"),
        ("?country=Thailand", "country"),
        ("?active=maybe", "active"),
        ("?programme=other", "programme"),
        ("?programme=nonexistent", "programme"),
    ],
)
def test_bad_filters_are_400_with_the_parameter_named(cast, landscape, api_for, query, field):
    response = api_for(cast.owner).get(URL + query)
    assert response.status_code == 400
    assert field in response.json()


def test_lists_are_paginated(cast, landscape, api_for):
    body = api_for(cast.viewer).get(URL + "?page_size=3").json()
    assert body["count"] == 4 and len(body["results"]) == 3 and body["next"]
    assert len(api_for(cast.viewer).get(URL + "?page_size=3&page=2").json()["results"]) == 1
    assert api_for(cast.viewer).get(URL + "?page=99").status_code == 404


def test_the_detail_nests_key_individuals_policies_sources_and_links(cast, records, api_for):
    body = api_for(cast.viewer).get(f"{URL}{records.org.pk}/").json()
    assert body["hq_country"] == "TH"
    assert body["countries_of_operation"] == ["TH", "MM"]
    assert body["sectors"] == ["fisheries"]
    assert [k["name"] for k in body["key_individuals"]] == ["Somchai P."]
    assert [p["kind"] for p in body["policies"]] == ["modern_slavery"]
    assert [s["title"] for s in body["sources"]] == ["Annual report"]
    assert body["links_out"][0]["kind"] == "parent_of"
    assert body["links_out"][0]["to_organisation_name"] == "Bangkok Garments Ltd"
    sister = api_for(cast.viewer).get(f"{URL}{records.sister.pk}/").json()
    assert sister["links_in"][0]["from_organisation"] == records.org.pk


def test_a_new_organisation_keeps_countries_upper_case_and_drops_repeats(cast, api_for):
    payload = {
        "programme": "mekong",
        "name": "Delta Rice",
        "kind": "company",
        "hq_country": "vn",
        "countries_of_operation": ["vn", "KH", "VN"],
        "sectors": ["agriculture", "agriculture"],
        "lei": "5493001kjtiigc8y1r12",
    }
    response = api_for(cast.member).post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["hq_country"] == "VN"
    assert body["countries_of_operation"] == ["VN", "KH"]
    assert body["sectors"] == ["agriculture"]
    assert body["lei"] == "5493001KJTIIGC8Y1R12"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sectors": ["shipbuilding"]}, "sectors"),
        ({"sectors": "fisheries"}, "sectors"),
        ({"countries_of_operation": ["XX"]}, "countries_of_operation"),
        ({"countries_of_sourcing": [42]}, "countries_of_sourcing"),
        ({"hq_country": "Thailand"}, "hq_country"),
        ({"kind": "pirate"}, "kind"),
        ({"employees": -3}, "employees"),
        ({"employees": "many"}, "employees"),
        ({"employees": 10**30}, "employees"),
        ({"checkin_every_days": 0}, "checkin_every_days"),
        ({"lei": "12345"}, "lei"),
        ({"website": "not a url"}, "website"),
        ({"name": ""}, "name"),
        ({"name": "x" * 301}, "name"),
        ({"name": "nul\x00byte"}, "name"),
        ({"is_active": "perhaps"}, "is_active"),
        ({"programme": "other"}, "programme"),
        ({"programme": 7}, "programme"),
    ],
)
def test_bad_input_is_400_naming_the_field(cast, records, api_for, change, field):
    api = api_for(cast.member)
    base = {"programme": "mekong", "name": "New Co", "kind": "company"}
    created = api.post(URL, {**base, **change}, format="json")
    assert created.status_code == 400, created.content
    assert field in created.json()
    changed = api.patch(f"{URL}{records.org.pk}/", change, format="json")
    assert changed.status_code == 400
    assert field in changed.json()


def test_a_record_cannot_move_to_another_programme(cast, records, api_for):
    from partnerpath.accounts.models import Membership

    Membership.objects.create(programme=cast.other_programme, user=cast.member, role="member")
    response = api_for(cast.member).patch(
        f"{URL}{records.org.pk}/", {"programme": "other"}, format="json"
    )
    assert response.status_code == 400
    assert "another programme" in response.json()["programme"][0]


@pytest.mark.parametrize(
    "body", [["a", "list"], "just text", {"programme": "mekong", "name": ["a"], "kind": "company"}]
)
def test_bodies_of_the_wrong_shape_are_400(cast, api_for, body):
    assert api_for(cast.member).post(URL, body, format="json").status_code == 400


def test_a_malformed_id_in_the_url_is_404(cast, api_for):
    api = api_for(cast.member)
    assert api.get(f"{URL}abc/").status_code == 404
    assert api.get(f"{URL}99999999999999999999999/").status_code == 404


def test_put_replaces_the_profile(cast, records, api_for):
    payload = {"programme": "mekong", "name": "Siam Seafood Group", "kind": "company"}
    response = api_for(cast.member).put(f"{URL}{records.org.pk}/", payload, format="json")
    assert response.status_code == 200, response.json()
    records.org.refresh_from_db()
    assert records.org.name == "Siam Seafood Group"
    assert records.org.hq_country == "TH"  # left out of a PUT: optional fields keep their value

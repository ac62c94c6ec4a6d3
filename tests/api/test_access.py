"""Every endpoint against the cast: outsiders see nothing, read-only roles read but cannot
change, team members change. Anonymous requests are refused."""

from __future__ import annotations

import pytest

from tests.api.conftest import ENDPOINTS, Endpoint

pytestmark = pytest.mark.django_db

IDS = [e.name for e in ENDPOINTS]


def _ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_an_outsider_gets_404_on_a_record_and_does_not_see_it_in_the_list(
    cast, records, api_for, endpoint: Endpoint
):
    api = api_for(cast.outsider)
    url = endpoint.detail(records)
    assert api.get(url).status_code == 404
    assert api.patch(url, endpoint.change, format="json").status_code == 404
    assert api.delete(url).status_code == 404
    listing = api.get(endpoint.url)
    assert listing.status_code == 200
    assert getattr(records, endpoint.record).pk not in _ids(listing)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_an_outsider_cannot_create_in_a_programme_they_do_not_belong_to(
    cast, records, api_for, endpoint: Endpoint
):
    response = api_for(cast.outsider).post(
        endpoint.url, endpoint.create(cast, records), format="json"
    )
    assert response.status_code == 400
    assert "programme" in response.json()


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_read_only_roles_read_but_get_403_on_every_write(
    cast, records, api_for, endpoint: Endpoint, role: str
):
    api = api_for(getattr(cast, role))
    url = endpoint.detail(records)
    assert api.get(url).status_code == 200
    listing = api.get(endpoint.url)
    assert listing.status_code == 200
    assert getattr(records, endpoint.record).pk in _ids(listing)
    assert api.post(endpoint.url, endpoint.create(cast, records), format="json").status_code == 403
    assert api.patch(url, endpoint.change, format="json").status_code == 403
    assert api.delete(url).status_code == 403
    assert api.get(url).status_code == 200  # still there


@pytest.mark.parametrize("role", ["member", "owner"])
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_team_members_create_change_and_delete(
    cast, records, api_for, endpoint: Endpoint, role: str
):
    api = api_for(getattr(cast, role))
    created = api.post(endpoint.url, endpoint.create(cast, records), format="json")
    assert created.status_code == 201, created.json()
    new_url = f"{endpoint.url}{created.json()['id']}/"
    assert created.json()["programme"] == "mekong"
    changed = api.patch(new_url, endpoint.change, format="json")
    assert changed.status_code == 200, changed.json()
    for key, value in endpoint.change.items():
        assert changed.json()[key] == value
    assert api.delete(new_url).status_code == 204
    assert api.get(new_url).status_code == 404


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=IDS)
def test_anonymous_requests_get_401(records, client, endpoint: Endpoint):
    assert client.get(endpoint.url).status_code == 401
    assert client.get(endpoint.detail(records)).status_code == 401


def test_a_user_with_editing_and_read_only_roles_gets_403_only_where_they_read(
    cast, records, api_for
):
    from partnerpath.accounts.models import Membership

    Membership.objects.create(programme=cast.programme, user=cast.outsider, role="viewer")
    api = api_for(cast.outsider)
    payload = {"programme": "mekong", "name": "Viewer's Co", "kind": "company"}
    assert api.post("/api/v1/organisations/", payload, format="json").status_code == 403
    payload["programme"] = "other"
    assert api.post("/api/v1/organisations/", payload, format="json").status_code == 201
    assert api.get(f"/api/v1/organisations/{records.org.pk}/").status_code == 200


def test_the_programme_list_shows_only_the_users_programmes_with_their_role(cast, api_for):
    body = api_for(cast.reviewer).get("/api/v1/programmes/").json()
    assert body["count"] == 1
    assert body["results"][0]["slug"] == "mekong"
    assert body["results"][0]["role"] == "reviewer"
    assert body["results"][0]["can_edit"] is False
    owner = api_for(cast.owner).get("/api/v1/programmes/mekong/").json()
    assert owner["role"] == "admin" and owner["can_manage"] is True


def test_another_programme_answers_404_and_programmes_are_read_only(cast, api_for):
    api = api_for(cast.owner)
    assert api.get("/api/v1/programmes/other/").status_code == 404
    assert api.get("/api/v1/programmes/nonexistent/").status_code == 404
    assert api.post("/api/v1/programmes/", {"slug": "x"}, format="json").status_code == 405
    assert api.delete("/api/v1/programmes/mekong/").status_code == 405


def test_the_web_session_works_for_the_api_too(cast, records, client_for):
    response = client_for(cast.viewer).get("/api/v1/organisations/")
    assert response.status_code == 200
    assert response.json()["count"] == 2

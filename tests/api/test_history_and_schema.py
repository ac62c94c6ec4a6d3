"""Writes through the API land in the records' history under the API user; the OpenAPI schema
and the docs page answer, and the schema generates without warnings."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from tests.api.conftest import ENDPOINTS, Endpoint

pytestmark = pytest.mark.django_db


def _changes(obj_or_model, pk):
    from partnerpath.audit.models import Change

    ct = ContentType.objects.get_for_model(obj_or_model)
    return Change.objects.filter(content_type=ct, object_id=str(pk)).order_by("id")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_creates_changes_and_deletes_are_recorded_with_the_token_user_as_actor(
    cast, records, api_for, endpoint: Endpoint
):
    api = api_for(cast.member)
    created = api.post(endpoint.url, endpoint.create(cast, records), format="json")
    pk = created.json()["id"]
    model = type(getattr(records, endpoint.record))
    api.patch(f"{endpoint.url}{pk}/", endpoint.change, format="json")
    api.delete(f"{endpoint.url}{pk}/")
    changes = list(_changes(model, pk))
    assert {c.action for c in changes} >= {"create", "update", "delete"}
    assert all(c.actor == cast.member and c.actor_label == "member" for c in changes)
    assert all(c.programme_id == cast.programme.pk for c in changes)
    update = next(
        c for c in changes if c.action == "update" and set(endpoint.change) <= set(c.changes)
    )
    for field, value in endpoint.change.items():
        assert update.changes[field]["new"] == value


def test_the_participants_of_an_interaction_are_recorded_too(cast, records, api_for):
    url = f"/api/v1/interactions/{records.interaction.pk}/"
    before = _changes(type(records.interaction), records.interaction.pk).count()
    api_for(cast.owner).patch(url, {"team": [cast.owner.pk]}, format="json")
    changes = list(_changes(type(records.interaction), records.interaction.pk))[before:]
    assert [c.changes["team"] for c in changes] == [
        {"removed": [cast.member.pk]},
        {"added": [cast.owner.pk]},
    ]
    assert all(c.actor == cast.owner for c in changes)


def test_a_refused_write_records_nothing(cast, records, api_for):
    from partnerpath.audit.models import Change

    before = Change.objects.count()
    api_for(cast.viewer).patch(
        f"/api/v1/organisations/{records.org.pk}/", {"notes": "x"}, format="json"
    )
    api_for(cast.member).patch(
        f"/api/v1/organisations/{records.org.pk}/", {"kind": "x"}, format="json"
    )
    assert Change.objects.count() == before


def test_the_schema_and_the_docs_page_answer(cast, client_for, api_for):
    schema = api_for(cast.viewer).get("/api/v1/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/v1/auth/token/", "/api/v1/organisations/", "/api/v1/interactions/"} <= set(paths)
    assert "tokenAuth" in schema.json()["components"]["securitySchemes"]
    docs = client_for(cast.viewer).get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content


def test_the_schema_generates_and_validates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "api.yaml")
    )
    assert "/api/v1/organisations/{id}/" in (tmp_path / "api.yaml").read_text()

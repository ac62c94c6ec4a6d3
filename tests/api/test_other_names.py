"""Other names of organisations and key individuals through the API: a list of strings in and
out, tidied, recorded in the history, and a 400 naming the field (never a 500) when wrong."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from partnerpath.audit.models import Change

pytestmark = pytest.mark.django_db

ORGS = "/api/v1/organisations/"
PEOPLE = "/api/v1/key-individuals/"


def test_an_organisation_is_created_and_read_with_its_other_names(cast: Any, api_for: Any) -> None:
    payload = {
        "programme": "mekong",
        "name": "Thai Union Group PCL",
        "other_names": ["ไทยยูเนี่ยน กรุ๊ป", " Thai  Union Frozen ", "", "thai union frozen", "TUF"],
    }
    api = api_for(cast.member)
    created = api.post(ORGS, payload, format="json")
    assert created.status_code == 201, created.json()
    names = ["ไทยยูเนี่ยน กรุ๊ป", "Thai Union Frozen", "TUF"]
    assert created.json()["other_names"] == names
    assert api.get(f"{ORGS}{created.json()['id']}/").json()["other_names"] == names
    assert api_for(cast.outsider).get(f"{ORGS}{created.json()['id']}/").status_code == 404


def test_patching_other_names_is_recorded_in_the_history(
    cast: Any, records: Any, api_for: Any
) -> None:
    response = api_for(cast.member).patch(
        f"{ORGS}{records.org.pk}/", {"other_names": ["สยามซีฟู้ด"]}, format="json"
    )
    assert response.status_code == 200 and response.json()["other_names"] == ["สยามซีฟู้ด"]
    change = Change.objects.get(
        content_type=ContentType.objects.get_for_model(type(records.org)),
        object_id=str(records.org.pk),
        action="update",
    )
    assert change.changes["other_names"] == {"old": [], "new": ["สยามซีฟู้ด"]}
    assert change.actor == cast.member


def test_a_key_individual_takes_other_names(cast: Any, records: Any, api_for: Any) -> None:
    api = api_for(cast.member)
    body = {
        "programme": "mekong",
        "organisation": records.org.pk,
        "name": "Somchai Prasert",
        "other_names": ["สมชาย ประเสริฐ"],
    }
    created = api.post(PEOPLE, body, format="json")
    assert created.status_code == 201 and created.json()["other_names"] == ["สมชาย ประเสริฐ"]
    changed = api.patch(
        f"{PEOPLE}{records.key_individual.pk}/", {"other_names": ["Somchai P"]}, format="json"
    )
    assert changed.json()["other_names"] == ["Somchai P"]
    listed = api.get(f"{ORGS}{records.org.pk}/").json()["key_individuals"]
    assert {tuple(k["other_names"]) for k in listed} == {("สมชาย ประเสริฐ",), ("Somchai P",)}


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("Thai Union Frozen", "Expected a list of items"),
        (None, "may not be null"),
        ([{"name": "TUF"}], "Not a valid string"),
        (["TUF", "x" * 301], "This name is 301 characters long; the limit is 300."),
        (["TUF; Thai Union"], "separates names in spreadsheets"),
        ([f"Name {n}" for n in range(21)], "21 other names given; at most 20 are allowed."),
    ],
    ids=["string", "null", "object", "too-long", "separator", "too-many"],
)
@pytest.mark.parametrize("url", [ORGS, PEOPLE])
def test_bad_other_names_are_a_400_naming_the_field(
    cast: Any, records: Any, api_for: Any, value: Any, says: str, url: str
) -> None:
    record = records.org if url == ORGS else records.key_individual
    before = list(type(record).objects.values_list("pk", "other_names"))
    response = api_for(cast.member).patch(
        f"{url}{record.pk}/", {"other_names": value}, format="json"
    )
    assert response.status_code == 400, response.content
    assert says in str(response.json()["other_names"])
    assert list(type(record).objects.values_list("pk", "other_names")) == before

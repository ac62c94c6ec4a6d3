"""Every API list runs the same number of SQL queries for 10 rows as for 200 (no N+1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

LISTS = [
    "organisations",
    "contacts",
    "key-individuals",
    "policies",
    "sources",
    "organisation-links",
    "connections",
    "interactions",
    "follow-ups",
    "programmes",
]


def _grow(cast: Any, start: int, stop: int) -> None:
    """Add rows start..stop-1 of every kind, each with its related records filled in."""
    from partnerpath.accounts.models import Membership, Programme
    from partnerpath.engagement.models import Connection, FollowUp, Interaction
    from partnerpath.registry.models import (
        Contact,
        KeyIndividual,
        Organisation,
        OrganisationLink,
        Policy,
        Source,
    )

    p, rng = cast.programme, range(start, stop)
    orgs = Organisation.objects.bulk_create(
        Organisation(
            programme=p, name=f"Org {i}", sectors=["fisheries"], countries_of_operation=["TH"]
        )
        for i in rng
    )
    anchor, _ = Organisation.objects.get_or_create(programme=p, name="Anchor")
    KeyIndividual.objects.bulk_create(
        KeyIndividual(programme=p, organisation=o, name="K") for o in orgs
    )
    Policy.objects.bulk_create(Policy(programme=p, organisation=o, kind="other") for o in orgs)
    Source.objects.bulk_create(
        Source(
            programme=p,
            organisation=o,
            title="S",
            url="https://example.org",
            accessed_on=dt.date(2026, 1, 1),
        )
        for o in orgs
    )
    OrganisationLink.objects.bulk_create(
        OrganisationLink(
            programme=p, from_organisation=o, kind="supplier_of", to_organisation=anchor
        )
        for o in orgs
    )
    contacts = Contact.objects.bulk_create(
        Contact(programme=p, organisation=o, name="C") for o in orgs
    )
    Connection.objects.bulk_create(
        [Connection(programme=p, from_user=cast.member, to_contact=c) for c in contacts]
        + [Connection(programme=p, from_contact=c, to_contact=contacts[0]) for c in contacts[1:]]
    )
    items = Interaction.objects.bulk_create(
        Interaction(programme=p, occurred_on=dt.date(2026, 1, 1), title=f"I {i}") for i in rng
    )
    through = Interaction.organisations.through
    through.objects.bulk_create(
        through(interaction=it, organisation=o) for it, o in zip(items, orgs, strict=True)
    )
    Interaction.contacts.through.objects.bulk_create(
        Interaction.contacts.through(interaction=it, contact=c)
        for it, c in zip(items, contacts, strict=True)
    )
    Interaction.team.through.objects.bulk_create(
        Interaction.team.through(interaction=it, user=u)
        for it in items
        for u in (cast.member, cast.owner)
    )
    FollowUp.objects.bulk_create(
        FollowUp(programme=p, interaction=it, description="F", owner=cast.member) for it in items
    )
    programmes = Programme.objects.bulk_create(Programme(name=f"P {i}", slug=f"p-{i}") for i in rng)
    Membership.objects.bulk_create(Membership(programme=pr, user=cast.viewer) for pr in programmes)


def _count_queries(client: Any, url: str, rows: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["results"]) >= rows
    return len(queries)


@pytest.mark.parametrize("name", LISTS)
def test_a_list_runs_the_same_number_of_queries_for_10_and_200_rows(cast, api_for, name):
    api = api_for(cast.viewer)
    url = f"/api/v1/{name}/?page_size=200"
    _grow(cast, 0, 10)
    few = _count_queries(api, url, 10)
    _grow(cast, 10, 200)
    many = _count_queries(api, url, 200)
    assert few == many, f"{name}: {few} queries for 10 rows, {many} for 200"


def test_filters_do_not_add_queries_per_row(cast, api_for):
    api = api_for(cast.viewer)
    query = "page_size=200&programme=mekong&sector=fisheries&country=TH&search=org"
    url = f"/api/v1/organisations/?{query}"
    _grow(cast, 0, 10)
    few = _count_queries(api, url, 10)
    _grow(cast, 10, 200)
    assert _count_queries(api, url, 200) == few

"""Fixtures of the API tests: token clients for the cast, and one record of every kind."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests import factories


@pytest.fixture(autouse=True)
def _fresh_throttles() -> Iterator[None]:
    """Rate-limit counters live in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_for(db: Any) -> Callable[[Any], APIClient]:
    """A function that returns an API client signed in with the user's token."""
    from rest_framework.authtoken.models import Token

    def sign_in(user: Any) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return sign_in


@dataclass
class Records:
    """One record of every kind in the cast's programme, and an organisation of another one."""

    org: Any
    sister: Any
    contact: Any
    key_individual: Any
    policy: Any
    source: Any
    link: Any
    interaction: Any
    follow_up: Any
    connection: Any
    foreign_org: Any
    foreign_contact: Any


@pytest.fixture
def records(cast: Any) -> Records:
    """Records of every kind, in the programme "mekong" and (a few) in "other"."""
    from partnerpath.registry.models import KeyIndividual, OrganisationLink, Policy, Source

    p = cast.programme
    org = factories.organisation(
        p, hq_country="TH", sectors=["fisheries"], countries_of_operation=["TH", "MM"]
    )
    sister = factories.organisation(
        p, name="Bangkok Garments Ltd", kind="company", hq_country="VN", sectors=["apparel"]
    )
    contact = factories.contact(org, department="sustainability", is_champion=True)
    key = KeyIndividual.objects.create(programme=p, organisation=org, name="Somchai P.", role="CEO")
    policy = Policy.objects.create(
        programme=p, organisation=org, kind="modern_slavery", year=2024, url="https://example.org/m"
    )
    source = Source.objects.create(
        programme=p,
        organisation=org,
        field="reputation",
        title="Annual report",
        url="https://example.org/ar",
        accessed_on=dt.date(2026, 1, 5),
    )
    link = OrganisationLink.objects.create(
        programme=p, from_organisation=org, kind="parent_of", to_organisation=sister
    )
    item = factories.interaction(p, [org], dt.date(2026, 1, 10))
    item.contacts.set([contact])
    item.team.set([cast.member])
    follow = factories.follow_up(item, owner=cast.member, due_on=dt.date(2026, 2, 1))
    conn = factories.connection(p, cast.member, contact)
    foreign_org = factories.organisation(
        cast.other_programme, name="Other Programme Co", hq_country="TH"
    )
    foreign_contact = factories.contact(foreign_org, name="Outsider's contact")
    return Records(
        org,
        sister,
        contact,
        key,
        policy,
        source,
        link,
        item,
        follow,
        conn,
        foreign_org,
        foreign_contact,
    )


@dataclass(frozen=True)
class Endpoint:
    """An API resource, with a valid new record and a valid change for tests to send."""

    name: str
    record: str  # attribute of Records
    create: Callable[[Any, Records], dict[str, Any]]
    change: dict[str, Any]

    @property
    def url(self) -> str:
        return f"/api/v1/{self.name}/"

    def detail(self, records: Records) -> str:
        return f"{self.url}{getattr(records, self.record).pk}/"


ENDPOINTS = [
    Endpoint(
        "organisations",
        "org",
        lambda c, r: {
            "programme": "mekong",
            "name": "Mekong Shrimp Co",
            "kind": "company",
            "hq_country": "vn",
            "sectors": ["fisheries"],
            "countries_of_operation": ["KH"],
        },
        {"notes": "Met at the seafood roundtable."},
    ),
    Endpoint(
        "contacts",
        "contact",
        lambda c, r: {
            "programme": "mekong",
            "organisation": r.org.pk,
            "name": "Lan N.",
            "department": "legal",
            "email": "lan@example.org",
        },
        {"title": "General counsel"},
    ),
    Endpoint(
        "key-individuals",
        "key_individual",
        lambda c, r: {
            "programme": "mekong",
            "organisation": r.org.pk,
            "name": "Arun K.",
            "nationality": "TH",
            "date_of_birth": "1970-03-01",
        },
        {"role": "Chair"},
    ),
    Endpoint(
        "policies",
        "policy",
        lambda c, r: {
            "programme": "mekong",
            "organisation": r.org.pk,
            "kind": "code_of_conduct",
            "year": 2023,
            "url": "https://example.org/coc",
        },
        {"title": "Supplier code 2023"},
    ),
    Endpoint(
        "sources",
        "source",
        lambda c, r: {
            "programme": "mekong",
            "organisation": r.org.pk,
            "title": "News article",
            "url": "https://example.org/news",
            "accessed_on": "2026-02-01",
        },
        {"quote": "The company audits its recruiters."},
    ),
    Endpoint(
        "organisation-links",
        "link",
        lambda c, r: {
            "programme": "mekong",
            "from_organisation": r.sister.pk,
            "kind": "supplier_of",
            "to_organisation": r.org.pk,
        },
        {"note": "Since 2020"},
    ),
    Endpoint(
        "connections",
        "connection",
        lambda c, r: {
            "programme": "mekong",
            "from_user": c.owner.pk,
            "kind": "worked_with",
            "to_contact": r.contact.pk,
        },
        {"note": "Former colleagues"},
    ),
    Endpoint(
        "interactions",
        "interaction",
        lambda c, r: {
            "programme": "mekong",
            "kind": "meeting",
            "occurred_on": "2026-03-02",
            "title": "Roundtable",
            "organisations": [r.org.pk, r.sister.pk],
        },
        {"summary": "Agreed to share the audit plan."},
    ),
    Endpoint(
        "follow-ups",
        "follow_up",
        lambda c, r: {
            "programme": "mekong",
            "interaction": r.interaction.pk,
            "description": "Send the toolkit",
            "due_on": "2026-04-01",
        },
        {"done_on": "2026-03-20"},
    ),
]

"""One of every programme record, for tests that walk every page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from partnerpath.registry.models import KeyIndividual, OrganisationLink, Policy, Source
from tests import factories


@dataclass
class World:
    """Records of the cast's programme."""

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


def build(cast: Any) -> World:
    """Create one record of each kind in the cast's programme."""
    p = cast.programme
    org = factories.organisation(
        p, hq_country="TH", sectors=["fisheries"], countries_of_operation=["TH", "MM"]
    )
    sister = factories.organisation(p, name="Siam Seafood Canning Co., Ltd.", hq_country="TH")
    contact = factories.contact(org, is_champion=True)
    key = KeyIndividual.objects.create(
        programme=p, organisation=org, name="Somchai P.", role="Director"
    )
    policy = Policy.objects.create(
        programme=p,
        organisation=org,
        kind="modern_slavery",
        year=2024,
        url="https://example.org/msa-2024.pdf",
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
    follow = factories.follow_up(item, owner=cast.member, due_on=dt.date(2026, 2, 1))
    conn = factories.connection(p, cast.member, contact)
    return World(org, sister, contact, key, policy, source, link, item, follow, conn)

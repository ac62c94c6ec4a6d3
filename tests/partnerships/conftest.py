"""Fixtures of the partnerships tests: a partnership of the cast's programme with a company
partner and an NGO partner, each with a contact who can be named point-person."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from tests.factories import contact, organisation


@dataclass
class Deal:
    """A partnership, its two partners and their contacts."""

    partnership: Any
    company: Any
    ngo: Any
    company_contact: Any
    ngo_contact: Any


# The day the test partnerships were created: checks held in 2025 and 2026 come after it.
CREATED = dt.datetime(2024, 1, 1, 9, 0, tzinfo=dt.UTC)


def make_deal(programme: Any, owner: Any, title: str = "Fair recruitment corridor") -> Deal:
    """A partnership in the first stage (created on CREATED, in it since today) with a company
    partner and an NGO partner."""
    from partnerpath.partnerships.models import Partner
    from partnerpath.partnerships.services.stages import create_partnership

    company_org = organisation(programme, f"{title} Seafood Co., Ltd.")
    ngo_org = organisation(programme, f"{title} Workers' Rights Network", kind="ngo")
    partnership = create_partnership(programme, title, owner)
    partnership.stage_changes.filter(kind="created").update(at=CREATED)
    company = Partner.objects.create(
        programme=programme,
        partnership=partnership,
        organisation=company_org,
        role="company_partner",
    )
    ngo = Partner.objects.create(
        programme=programme, partnership=partnership, organisation=ngo_org, role="ngo"
    )
    return Deal(
        partnership,
        company,
        ngo,
        contact(company_org, "Somchai P."),
        contact(ngo_org, "Dara K."),
    )


def name_point_persons(deal: Deal, owner: Any) -> None:
    """Name a point-person on every side, so the co-creation gate's first rule passes."""
    deal.company.point_person = deal.company_contact
    deal.company.save()
    deal.ngo.point_person = deal.ngo_contact
    deal.ngo.save()
    deal.partnership.programme_point_person = owner
    deal.partnership.save()


@pytest.fixture
def deal(cast: Any) -> Deal:
    """A partnership of the cast's programme, in the first stage."""
    return make_deal(cast.programme, cast.owner)


@pytest.fixture
def other_deal(cast: Any) -> Deal:
    """A partnership of the outsider's programme."""
    return make_deal(cast.other_programme, cast.outsider, "Other corridor")

"""Fixtures of the due-diligence tests: a PSE lead in the cast's programme, small reference data
imported through the service, an organisation with a footprint, and helpers to fill checklists."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories
from tests.core.risk.helpers import fixture


@pytest.fixture
def pse_lead(cast: Any) -> Any:
    """A PSE lead of the cast's programme."""
    from partnerpath.accounts.choices import Role
    from partnerpath.accounts.models import Membership, User

    user = User.objects.create_user("lead", email="lead@example.org", password="pw-lead-secret")
    Membership.objects.create(programme=cast.programme, user=user, role=Role.PSE_LEAD)
    return user


@pytest.fixture
def reference(db: Any) -> list[Any]:
    """The DOL List, TIP tiers (2024) and GSI prevalence fixtures, imported."""
    from partnerpath.diligence.services import import_reference

    return [
        import_reference("dol-goods", "dol_goods.csv", fixture("dol_goods.csv"), edition="2022"),
        import_reference("tip-tiers", "tip_tiers_plain.csv", fixture("tip_tiers_plain.csv")),
        import_reference("prevalence", "gsi_2023.csv", fixture("gsi_2023.csv"), edition="2023"),
    ]


@pytest.fixture
def org(cast: Any) -> Any:
    """A Thai seafood company operating in Thailand and Myanmar."""
    return factories.organisation(
        cast.programme, hq_country="TH", sectors=["fisheries"], countries_of_operation=["TH", "MM"]
    )


CLEAN_ANSWERS = {
    "company_trafficking": "no_concern",
    "company_other_crimes": "no_concern",
    "people_trafficking": "no_concern",
    "people_other_crimes": "no_concern",
    "policy": "yes",
    "goals_and_progress": "yes",
    "relationships_and_reputation": "no_concern",
    "development_value": "high_value",
}


def answer_all(checklist: Any, user: Any, **changes: str) -> Any:
    """Answer every question (clean answers unless changed), each with an evidence note."""
    from partnerpath.diligence import services

    for question, answer in {**CLEAN_ANSWERS, **changes}.items():
        services.answer_question(
            checklist, question, {"answer": answer, "note": f"Checked {question}."}, user
        )
    return services.latest_checklist(checklist.organisation)


@pytest.fixture
def api_for(db: Any) -> Any:
    """A function that returns an API client signed in with the user's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def sign_in(user: Any) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return sign_in

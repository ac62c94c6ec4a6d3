"""Fixtures of the assessment tests: an organisation, and helpers that answer maturity-v1."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories

# maturity-v1 indicators of levels 1 and 2 (enough to reach level 2 when all are met with evidence)
EVIDENCE = {"evidence_url": "https://example.org/report"}


@pytest.fixture
def api_for(db: Any) -> Any:
    """A function that gives an API client signed in with the user's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def sign_in(user: Any) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return sign_in


@pytest.fixture
def org(cast: Any) -> Any:
    """A Thai seafood company."""
    return factories.organisation(
        cast.programme, hq_country="TH", sectors=["fisheries"], countries_of_operation=["MM"]
    )


def indicator_ids(level: int) -> list[str]:
    """Indicator ids of one level of maturity-v1."""
    from partnerpath.core.rubric import load_packaged

    return [i.id for i in load_packaged("maturity-v1").level(level).indicators]


def answer_levels(assessment: Any, user: Any, levels: dict[int, str]) -> None:
    """Answer every indicator of the given levels with one value, evidence attached."""
    from partnerpath.assessments import services

    changed = {
        ind: {"value": value, **EVIDENCE}
        for level, value in levels.items()
        for ind in indicator_ids(level)
    }
    services.save_answers(assessment, changed, user)


def assessed(cast: Any, org: Any, levels: dict[int, str], final: bool = True) -> Any:
    """A maturity assessment of ``org`` answered level by level (final by default)."""
    from partnerpath.assessments import services

    assessment = services.start_assessment(cast.programme, cast.member, org)
    answer_levels(assessment, cast.member, levels)
    if final:
        services.finalise(assessment, cast.member)
    assessment.refresh_from_db()
    return assessment

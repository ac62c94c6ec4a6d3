"""Fixtures of the prioritisation tests: opportunities, a round rated by the team member and the
reviewer (as in the brief's donor round), and helpers to fill and submit sheets."""

from __future__ import annotations

from typing import Any

import pytest

from partnerpath.core.scorecard.template_files import default_template

FACTORS = [f.key for f in default_template().factors]


def opportunity(programme: Any, title: str, **fields: Any) -> Any:
    """An opportunity of the programme."""
    from partnerpath.prioritisation.models import Opportunity

    return Opportunity.objects.create(programme=programme, title=title, **fields)


@pytest.fixture
def opps(cast: Any) -> list[Any]:
    """Three opportunities of the cast's programme."""
    return [
        opportunity(cast.programme, "Worker voice at sea"),
        opportunity(cast.programme, "Ethical recruitment pilot"),
        opportunity(cast.programme, "Shelter equipment"),
    ]


@pytest.fixture
def round_(cast: Any, opps: list[Any]) -> Any:
    """An open round on the default card, rated by the team member and the reviewer."""
    from partnerpath.prioritisation.services import rounds, templates

    version = templates.default_template_version(cast.programme)
    return rounds.create_round(
        cast.programme, "Donor", version, None, [cast.member, cast.reviewer], opps, cast.owner
    )


def fill(sheet: Any, opp: Any, value: str | int, rationale: str = "", **cells: Any) -> None:
    """Give every factor of an opportunity the same score (cells override single factors)."""
    from partnerpath.prioritisation.services import rounds

    given = {f: rounds.Cell(str(cells.get(f, value)), rationale) for f in FACTORS}
    rounds.save_scores(sheet, opp, given)


def sheet(round_: Any, user: Any) -> Any:
    """The user's sheet in the round."""
    from partnerpath.prioritisation.models import RaterSheet

    return RaterSheet.objects.get(round=round_, rater=user)


def fill_all(round_: Any, user: Any, values: dict[str, Any], rationale: str = "") -> Any:
    """Fill the user's sheet for every opportunity (by title; default 3) and return it."""
    found = sheet(round_, user)
    for opp in round_.opportunities.all():
        fill(found, opp, values.get(opp.title, 3), rationale)
    return found


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


def grow(cast: Any, round_: Any, count: int) -> None:
    """Add selected opportunities to the round until it has `count`, scored by every rater."""
    from partnerpath.prioritisation.models import Opportunity, RaterSheet, Score

    have = round_.opportunities.count()
    new = Opportunity.objects.bulk_create(
        Opportunity(
            programme=cast.programme,
            title=f"Opportunity {i:03}",
            status="selected",
            status_reason="x",
        )
        for i in range(have, count)
    )
    round_.opportunities.add(*new)
    sheets = RaterSheet.objects.filter(round=round_)
    Score.objects.bulk_create(
        Score(
            programme=cast.programme,
            sheet=s,
            opportunity=o,
            factor=f,
            score=1 + (o.pk * 7 + s.rater_id * 3 + i) % 5,
            rationale="r",
        )
        for s in sheets
        for o in new
        for i, f in enumerate(FACTORS)
    )


def raters(cast: Any, count: int) -> list[Any]:
    """`count` reviewers of the cast's programme."""
    from partnerpath.accounts.models import Membership, User

    users = [User.objects.create_user(f"rater{i}") for i in range(count)]
    for user in users:
        Membership.objects.create(programme=cast.programme, user=user, role="reviewer")
    return users


def scored_round(cast: Any, name: str, count: int, rater_count: int) -> Any:
    """A round of `count` new opportunities, scored and submitted by `rater_count` new reviewers;
    rows are bulk-created so that a round of 200 x 10 (30,000 scores) takes a second."""
    from django.utils import timezone

    from partnerpath.accounts.models import Membership, User
    from partnerpath.prioritisation.models import Opportunity, RaterSheet, Round, Score
    from partnerpath.prioritisation.services import templates

    people = User.objects.bulk_create(
        User(username=f"{name}-rater-{i}".lower().replace(" ", "-")) for i in range(rater_count)
    )
    Membership.objects.bulk_create(
        Membership(programme=cast.programme, user=u, role="reviewer") for u in people
    )
    scope = Opportunity.objects.bulk_create(
        Opportunity(programme=cast.programme, title=f"{name} {i:03}", status="scoring")
        for i in range(count)
    )
    version = templates.default_template_version(cast.programme)
    found = Round.objects.create(
        programme=cast.programme, name=name, template_version=version, created_by=cast.owner
    )
    found.raters.set(people)
    found.opportunities.set(scope)
    sheets = RaterSheet.objects.bulk_create(
        RaterSheet(programme=cast.programme, round=found, rater=u, submitted_at=timezone.now())
        for u in people
    )
    Score.objects.bulk_create(
        Score(
            programme=cast.programme,
            sheet=s,
            opportunity=o,
            factor=f,
            # Raters differ by one point at most, except on the first factor of every fifth
            # opportunity, where the first rater disagrees (so disagreements are shown too).
            score=1 if (r == 0 and i == 0 and n % 5 == 0) else 2 + (n + i) % 3 + r % 2,
            rationale=f"Rater {r}",
        )
        for r, s in enumerate(sheets)
        for n, o in enumerate(scope)
        for i, f in enumerate(FACTORS)
    )
    return found

"""The partnerships board: columns in journey order with closed last, cards with partners, type,
days in stage, open deal-breakers by loudness and the last health light, the time-in-stage
figures, filters, and a constant number of queries however many partnerships."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerpath.partnerships.models import (
    Concern,
    HealthCheck,
    HealthRating,
    Partnership,
    StageChange,
)
from partnerpath.partnerships.services.board import board_of
from tests.partnerships.conftest import make_deal

pytestmark = pytest.mark.django_db
P = "/p/mekong/partnerships"


def move(partnership: Any, stage: str, days_ago: int) -> None:
    """Record a stage change ``days_ago`` days back, as the stages service would."""
    at = timezone.now() - timedelta(days=days_ago)
    StageChange.objects.create(
        programme_id=partnership.programme_id,
        partnership=partnership,
        from_stage=partnership.stage,
        to_stage=stage,
        kind="forward",
        at=at,
    )
    reason = "Ended by the partners." if stage == "closed" else ""
    Partnership.objects.filter(pk=partnership.pk).update(
        stage=stage, stage_since=at, closed_reason=reason
    )
    partnership.refresh_from_db()


def deal_breaker(deal: Any, title: str = "No naming of suppliers") -> Concern:
    """An open deal-breaker raised by the deal's company."""
    return Concern.objects.create(
        programme_id=deal.partnership.programme_id,
        partnership=deal.partnership,
        raised_by=deal.company,
        title=title,
        category="reputation",
        is_deal_breaker=True,
    )


def health_check(deal: Any, held_on: date, lights: list[str]) -> HealthCheck:
    """A health check in which the company rates aspects with ``lights``."""
    check = HealthCheck.objects.create(
        programme_id=deal.partnership.programme_id, partnership=deal.partnership, held_on=held_on
    )
    for aspect, light in zip(("trust", "communication", "progress"), lights, strict=False):
        HealthRating.objects.create(
            programme_id=check.programme_id,
            health_check=check,
            partner=deal.company,
            aspect=aspect,
            light=light,
        )
    return check


def grow(cast: Any, start: int, end: int) -> None:
    """Partnerships with partners, moves, a deal-breaker and a health check each."""
    for n in range(start, end):
        deal = make_deal(cast.programme, cast.owner, f"Partnership {n:03d}")
        move(deal.partnership, "cultivating", 40)
        move(deal.partnership, ("agreement", "implementation", "closed")[n % 3], 10)
        deal_breaker(deal)
        health_check(deal, date(2025, 1, 1), ["green", "amber"])


def test_columns_follow_the_journey_with_closed_last(cast: Any) -> None:
    columns = [c.stage for c in board_of(cast.programme).columns]
    assert columns[0] == "identified" and columns[-1] == "closed"
    assert (
        columns.index("co_creation")
        < columns.index("agreement")
        < columns.index("sustained_scaled")
    )


def test_a_card_shows_partners_type_days_in_stage_deal_breakers_and_the_last_light(
    cast: Any, client_for: Any
) -> None:
    deal = make_deal(cast.programme, cast.owner, "Worker voice")
    Partnership.objects.filter(pk=deal.partnership.pk).update(partnership_type="shared_value")
    move(deal.partnership, "cultivating", 30)
    move(deal.partnership, "agreement", 12)
    deal_breaker(deal)
    health_check(deal, date(2025, 1, 1), ["red"])
    health_check(deal, date(2025, 3, 1), ["green", "amber"])
    text = client_for(cast.viewer).get(f"{P}/").content.decode()
    card = text[text.index(f'id="card-{deal.partnership.pk}"') :]
    card = card[: card.index("</article>")]
    assert "Worker voice Seafood Co., Ltd., Worker voice Workers" in card
    assert "Shared value" in card and "12 days in stage" in card
    assert "tag bad deal-breakers" in card and "Alarm: 1 open deal-breaker" in card
    assert "Last health check: amber" in card


def test_an_open_deal_breaker_is_a_note_early_and_an_alarm_late(cast: Any) -> None:
    early = make_deal(cast.programme, cast.owner, "Early")
    late = make_deal(cast.programme, cast.owner, "Late")
    move(late.partnership, "implementation", 5)
    deal_breaker(early)
    deal_breaker(late)
    cards = {c.title: c for column in board_of(cast.programme).columns for c in column.cards}
    assert cards["Early"].flag is not None and cards["Early"].flag.level == 1
    assert cards["Late"].flag is not None and cards["Late"].flag.level == 3


def test_the_board_gives_average_and_median_days_in_each_stage(cast: Any) -> None:
    for title, days_in_cultivating in (("A", 10), ("B", 20), ("C", 60)):
        deal = make_deal(cast.programme, cast.owner, title)
        move(deal.partnership, "cultivating", days_in_cultivating + 1)
        move(deal.partnership, "co_creation", 1)
    rows = {a.stage: a for a in board_of(cast.programme).averages}
    assert rows["cultivating"].partnerships == 3
    assert round(rows["cultivating"].mean_days) == 30
    assert round(rows["cultivating"].median_days) == 20


def test_the_board_filters_by_stage_and_type(cast: Any, client_for: Any) -> None:
    found = make_deal(cast.programme, cast.owner, "Shelter equipment")
    make_deal(cast.programme, cast.owner, "Worker voice")
    Partnership.objects.filter(pk=found.partnership.pk).update(partnership_type="csr_philanthropy")
    client = client_for(cast.member)
    text = client.get(f"{P}/?type=csr_philanthropy").content.decode()
    assert "Shelter equipment" in text and "Worker voice" not in text
    only = client.get(f"{P}/?stage=cultivating").content.decode()
    assert "Shelter equipment" not in only and 'id="col-identified"' not in only
    ignored = client.get(f"{P}/?stage=nowhere").content.decode()
    assert "Shelter equipment" in ignored and "Worker voice" in ignored


def test_an_outsider_does_not_see_the_board(cast: Any, client_for: Any) -> None:
    make_deal(cast.programme, cast.owner, "Worker voice")
    assert client_for(cast.outsider).get(f"{P}/").status_code == 404


def _count(client: Any) -> int:
    """The number of queries the board page runs."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{P}/")
    assert response.status_code == 200
    return len(queries)


def test_the_board_runs_the_same_number_of_queries_for_3_and_30_partnerships(
    cast: Any, client_for: Any
) -> None:
    client = client_for(cast.viewer)
    grow(cast, 0, 3)
    few = _count(client)
    grow(cast, 3, 30)
    assert _count(client) == few
    assert few <= 12


def test_the_dashboard_lists_open_deal_breakers_loudest_first_and_overdue_health_checks(
    cast: Any, client_for: Any
) -> None:
    early = make_deal(cast.programme, cast.owner, "Early talks")
    late = make_deal(cast.programme, cast.owner, "Running pilot")
    overdue = make_deal(cast.programme, cast.owner, "Quiet pilot")
    move(late.partnership, "implementation", 5)
    move(overdue.partnership, "implementation", 200)
    deal_breaker(early, "Naming of suppliers")
    deal_breaker(late, "Who owns the data")
    text = client_for(cast.viewer).get("/p/mekong/").content.decode()
    section = text[text.index('id="partnership-flags"') :]
    assert section.index("Running pilot") < section.index("Early talks")
    assert "Alarm: 1 open deal-breaker: Who owns the data." in section
    assert "Quiet pilot" in section and "health check overdue" in section


def test_the_dashboard_runs_the_same_number_of_queries_for_3_and_30_partnerships(
    cast: Any, client_for: Any
) -> None:
    client = client_for(cast.viewer)

    def count() -> int:
        """The number of queries the dashboard runs."""
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/p/mekong/").status_code == 200
        return len(queries)

    grow(cast, 0, 3)
    few = count()
    grow(cast, 3, 30)
    assert count() == few

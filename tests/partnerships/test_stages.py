"""Moving partnerships between stages through the programme's gates: blocked moves name every
unmet requirement, overrides need the right role and a reason, and everything is on the timeline."""

from __future__ import annotations

from typing import Any

import pytest

from partnerpath.accounts.models import Membership
from partnerpath.partnerships.models import Concern, StageChange, TimelineEvent
from partnerpath.partnerships.services import stages
from tests.partnerships.conftest import name_point_persons

pytestmark = pytest.mark.django_db


def membership(cast: Any, user: Any) -> Membership:
    return Membership.objects.get(programme=cast.programme, user=user)


def test_it_blocks_co_creation_until_every_side_names_a_point_person(cast: Any, deal: Any) -> None:
    with pytest.raises(stages.GateBlocked) as blocked:
        stages.advance(deal.partnership, "co_creation", membership(cast, cast.member))
    codes = [u.code for u in blocked.value.result.unmet]
    assert codes == ["point_person_missing"] * 3
    name_point_persons(deal, cast.owner)
    stages.advance(deal.partnership, "co_creation", membership(cast, cast.member))
    deal.partnership.refresh_from_db()
    assert deal.partnership.stage == "co_creation"
    assert StageChange.objects.filter(partnership=deal.partnership).count() == 2


def test_an_open_deal_breaker_blocks_the_agreement_gate(cast: Any, deal: Any) -> None:
    name_point_persons(deal, cast.owner)
    Concern.objects.create(
        programme=cast.programme,
        partnership=deal.partnership,
        raised_by=deal.company,
        title="No public naming of suppliers",
        category="reputation",
        is_deal_breaker=True,
    )
    result = stages.check_advance(deal.partnership, "agreement")
    assert "open_deal_breaker" in [u.code for u in result.unmet]


def test_a_team_member_may_not_override_but_the_pse_lead_may_with_a_reason(
    cast: Any, deal: Any
) -> None:
    with pytest.raises(stages.OverrideRefused) as refused:
        stages.advance(
            deal.partnership, "co_creation", membership(cast, cast.member), "urgent", True
        )
    assert any("may not override" in p for p in refused.value.problems)
    done = stages.advance(
        deal.partnership, "co_creation", membership(cast, cast.owner), "Donor visit", True
    )
    assert done.change.is_override and done.change.override_role == "admin"
    event = TimelineEvent.objects.filter(partnership=deal.partnership, kind="override").get()
    assert event.flagged and "Donor visit" in event.summary


def test_moving_back_needs_no_gate_and_closing_needs_a_reason(cast: Any, deal: Any) -> None:
    name_point_persons(deal, cast.owner)
    lead = membership(cast, cast.owner)
    stages.advance(deal.partnership, "co_creation", lead)
    stages.advance(deal.partnership, "cultivating", lead)
    with pytest.raises(stages.GateBlocked):
        stages.advance(deal.partnership, "closed", lead)
    stages.advance(deal.partnership, "closed", lead, "The company was sold.")
    deal.partnership.refresh_from_db()
    assert deal.partnership.closed_reason == "The company was sold."

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


@pytest.fixture
def blocked_by_due_diligence(cast: Any, deal: Any, monkeypatch: Any) -> Any:
    """A partnership whose company partner is rated unacceptable (never overridable)."""
    from partnerpath.core.risk.checklist import Rating
    from partnerpath.partnerships.services import facts

    real = facts._due_diligence

    def rated(partnership: Any, partners: list[Any]) -> dict[str, Any]:
        found = real(partnership, partners)
        found[facts.partner_key(deal.company)] = Rating.UNACCEPTABLE
        return found

    monkeypatch.setattr(facts, "_due_diligence", rated)
    name_point_persons(deal, cast.owner)
    return deal


def test_closing_then_reopening_never_skips_a_gate(
    cast: Any, blocked_by_due_diligence: Any
) -> None:
    deal = blocked_by_due_diligence
    member = membership(cast, cast.member)
    with pytest.raises(stages.GateBlocked):
        stages.advance(deal.partnership, "co_creation", member)
    stages.advance(deal.partnership, "closed", member, "Parked until the audit is redone.")
    for target in ("review_and_learning", "sustained_scaled", "co_creation"):
        result = stages.check_advance(deal.partnership, target, "Back on")
        assert [u.code for u in result.unmet] == ["move_not_allowed"], target
        assert "closed from (Identified)" in result.unmet[0].message
        with pytest.raises(stages.GateBlocked):
            stages.advance(deal.partnership, target, member, "Back on")
    deal.partnership.refresh_from_db()
    assert deal.partnership.stage == "closed"


def test_reopening_into_the_stage_it_closed_from_passes_every_gate_up_to_it(
    cast: Any, deal: Any, monkeypatch: Any
) -> None:
    name_point_persons(deal, cast.owner)
    admin = membership(cast, cast.owner)
    stages.advance(deal.partnership, "co_creation", admin)
    stages.advance(deal.partnership, "closed", admin, "The company was sold.")
    assert stages.closed_from_of(deal.partnership) is not None
    # Meanwhile the company's due diligence came back unacceptable: never overridable.
    from partnerpath.core.risk.checklist import Rating
    from partnerpath.partnerships.services import facts

    real = facts._due_diligence
    monkeypatch.setattr(
        facts,
        "_due_diligence",
        lambda p, ps: {**real(p, ps), facts.partner_key(deal.company): Rating.UNACCEPTABLE},
    )
    result = stages.check_advance(deal.partnership, "co_creation", "The buyer wants to go on.")
    assert [u.code for u in result.unmet] == ["due_diligence_blocking"]
    assert not result.overridable
    with pytest.raises(stages.OverrideRefused) as refused:
        stages.advance(deal.partnership, "co_creation", admin, "Go on", override=True)
    assert any("never overrides" in p for p in refused.value.problems)
    stages.advance(deal.partnership, "cultivating", admin, "Start again with the new owner.")
    deal.partnership.refresh_from_db()
    assert deal.partnership.stage == "cultivating"


def test_the_timeline_names_the_mover_and_the_overriding_role_in_words(
    cast: Any, deal: Any
) -> None:
    from partnerpath.audit.context import acting_as

    with acting_as(None, "demo loader"):  # whoever runs the code, the mover is named
        stages.advance(
            deal.partnership, "co_creation", membership(cast, cast.owner), "Donor visit", True
        )
    event = TimelineEvent.objects.get(partnership=deal.partnership, kind="override")
    assert event.actor_label == "owner"
    assert "by owner (Programme admin) despite 3 unmet requirements" in event.summary
    assert "admin)" not in event.summary.replace("Programme admin)", "")
    lines = event.detail.splitlines()
    assert lines[0] == "Unmet (gates-v1):"
    assert all(line.startswith("- ") and ".;" not in line for line in lines[1:])

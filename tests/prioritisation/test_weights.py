"""Weights agreed on record: direct entry must sum to 100, AHP shows its consistency ratio and
is refused above 0.10; who agreed them, when and why is kept."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db
P = "/p/mekong/prioritisation"
GROUPS = {"development": 40, "business": 25, "government": 15, "risk_costs": 20}
FACTORS = {
    "alignment": 30, "scalable_regionally": 15, "innovative_approach": 15, "sustainability": 20,
    "systemic_change": 20, "business_goals": 40, "partner_champion": 30, "csr_reputation": 30,
    "local_priorities": 50, "law_enforcement": 50, "difficulty": 20, "risk": 20,
    "staff_intensity": 20, "additional_resources": 20, "time_horizon": 20,
}  # fmt: skip
AGREED = {"agreed_on": "2026-11-20", "reason": "Team workshop: development value first."}


def _direct(groups=GROUPS, factors=FACTORS, **extra):
    data = {f"group_{k}": v for k, v in groups.items()}
    data |= {f"factor_{k}": v for k, v in factors.items()}
    return data | AGREED | extra


def _ahp(**judgements):
    pairs = {
        "development__business": "3",
        "development__government": "5",
        "development__risk_costs": "3",
        "business__government": "3",
        "business__risk_costs": "1",
        "government__risk_costs": "1/3",
    } | judgements
    return {f"pair_{k}": v for k, v in pairs.items()} | AGREED


def test_it_records_direct_weights_with_who_when_and_why(cast, client_for):
    from partnerpath.audit.models import Change
    from partnerpath.prioritisation.models import WeightDecision

    groups = GROUPS | {"development": 50, "business": 15}
    response = client_for(cast.member).post(f"{P}/weights/direct/", _direct(groups=groups))
    assert response.status_code == 302
    decision = WeightDecision.objects.get()
    assert (decision.agreed_by, str(decision.agreed_on), decision.method) == (
        cast.member,
        "2026-11-20",
        "direct",
    )
    assert decision.group_weights["development"] == pytest.approx(0.5)
    assert decision.factor_weights["alignment"] == pytest.approx(0.15)
    change = Change.objects.filter(object_id=str(decision.pk), action="create").latest("id")
    assert change.reason == AGREED["reason"] and change.actor == cast.member


def test_it_rejects_weights_that_do_not_sum_to_100(cast, client_for):
    from partnerpath.prioritisation.models import WeightDecision

    response = client_for(cast.member).post(
        f"{P}/weights/direct/", _direct(groups=GROUPS | {"development": 30})
    )
    assert response.status_code == 200
    assert "group weights must sum to 100, got 90" in response.content.decode()
    assert not WeightDecision.objects.exists()


def test_it_rejects_factor_weights_that_do_not_sum_to_100_within_a_group(cast, client_for):
    response = client_for(cast.member).post(
        f"{P}/weights/direct/", _direct(factors=FACTORS | {"risk": 30})
    )
    assert "within group risk_costs must sum to 100, got 110" in response.content.decode()


def test_weights_need_a_reason(cast, client_for):
    response = client_for(cast.member).post(f"{P}/weights/direct/", _direct(reason=""))
    assert response.status_code == 200 and "This field is required." in response.content.decode()


def test_consistent_pairwise_comparisons_give_weights_and_show_the_ratio(cast, client_for):
    from partnerpath.prioritisation.models import WeightDecision

    response = client_for(cast.member).post(f"{P}/weights/ahp/", _ahp(), follow=True)
    decision = WeightDecision.objects.get()
    assert decision.method == "ahp" and decision.consistency_ratio < 0.10
    assert f"consistency ratio {decision.consistency_ratio:.3f}" in response.content.decode()
    groups = decision.group_weights
    assert max(groups, key=groups.get) == "development"
    assert sum(decision.factor_weights.values()) == pytest.approx(1.0)


def test_inconsistent_pairwise_comparisons_are_refused_with_the_ratio(cast, client_for):
    from partnerpath.prioritisation.models import WeightDecision

    contradictory = _ahp(
        development__business="9", business__government="9", development__government="1/9"
    )
    response = client_for(cast.member).post(f"{P}/weights/ahp/", contradictory)
    text = response.content.decode()
    assert response.status_code == 200 and "above 0.10: refused" in text
    assert "are inconsistent: consistency ratio" in text
    assert not WeightDecision.objects.exists()


def test_a_round_ranks_with_its_agreed_weights(cast, opps, client_for):
    from partnerpath.prioritisation.services import results, rounds, templates, weights
    from tests.prioritisation.conftest import fill

    version = templates.default_template_version(cast.programme)
    only_risk = {"development": 0, "business": 0, "government": 0, "risk_costs": 100}
    decision = weights.record_direct(
        version, only_risk, None, cast.owner, __import__("datetime").date(2026, 11, 20), "Test"
    )
    found = rounds.create_round(
        cast.programme, "Internal", version, decision, [cast.member], opps[:2], cast.owner
    )
    mine = rounds.sheet_of(found, cast.member)
    fill(mine, opps[0], 5, risk=5)  # great value, very risky
    fill(mine, opps[1], 1, risk=1)  # no value, no risk
    rounds.submit_sheet(mine, cast.member)
    ranked = results.rank(found)
    assert [r.opportunity for r in ranked.ranking] == [str(opps[1].pk), str(opps[0].pk)]

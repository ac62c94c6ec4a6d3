"""Weights agreed on record: direct entry must sum to 100; AHP compares the groups and the factors
within each group, shows every matrix's consistency ratio and is refused above 0.10, naming the
group; who agreed them, when and why is kept with the matrices."""

from __future__ import annotations

import re

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
    text = response.content.decode()
    assert "within Risk and transaction costs must sum to 100, got 110" in text
    assert "(Degree of difficulty 20, Risk 30, Staff intensity 20," in text
    assert "risk_costs" not in text.split("errorlist")[1][:400]  # labels, not internal keys


def test_the_sum_error_names_the_groups_by_their_labels(cast, client_for):
    response = client_for(cast.member).post(
        f"{P}/weights/direct/", _direct(groups=GROUPS | {"risk_costs": 30})
    )
    text = response.content.decode()
    assert (
        "group weights must sum to 100, got 110 (Development value 40, Business value 25," in text
    )
    assert "Risk and transaction costs 30)" in text


@pytest.mark.parametrize("page", ["direct", "ahp"])
def test_weights_cannot_be_agreed_after_today(cast, client_for, page):
    from partnerpath.prioritisation.models import WeightDecision

    later = {"agreed_on": "2099-01-01"}
    data = _direct(**later) if page == "direct" else _ahp() | later
    response = client_for(cast.member).post(f"{P}/weights/{page}/", data)
    assert response.status_code == 200
    assert "the date cannot be after today" in response.content.decode()
    assert not WeightDecision.objects.exists()


def test_the_service_refuses_an_agreement_date_after_today(cast):
    import datetime as dt

    from django.utils import timezone

    from partnerpath.prioritisation.services import templates, weights

    version = templates.default_template_version(cast.programme)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(weights.WeightsError, match="after today"):
        weights.record_direct(version, GROUPS, None, cast.owner, tomorrow, "Too early")
    today = weights.record_direct(version, GROUPS, None, cast.owner, timezone.localdate(), "Now")
    assert today.agreed_on == timezone.localdate()


def test_the_weights_list_shows_group_labels_not_keys(cast, client_for):
    client_for(cast.member).post(f"{P}/weights/direct/", _direct())
    page = client_for(cast.outsider).get(f"{P}/weights/")
    assert page.status_code == 404
    text = client_for(cast.viewer).get(f"{P}/weights/").content.decode()
    row = text[text.index("Entered directly") :]
    assert "Development value 40, Business value 25, Government value 15" in row
    assert "Risk and transaction costs 20" in row and "risk_costs 20" not in row


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


def _within(group, **judgements):
    return {f"compare_{group}": "on"} | {
        f"within_{group}__{pair}": value for pair, value in judgements.items()
    }


BUSINESS_YARD = {  # Saaty's yard-space matrix: consistency ratio 0.074
    "business_goals__partner_champion": "5",
    "business_goals__csr_reputation": "4",
    "partner_champion__csr_reputation": "1/3",
}
BUSINESS_SIZE = {  # Saaty's size-of-house matrix: consistency ratio 0.117
    "business_goals__partner_champion": "6",
    "business_goals__csr_reputation": "8",
    "partner_champion__csr_reputation": "4",
}


def test_factors_within_a_group_are_compared_and_kept_with_their_matrix(cast, client_for):
    from partnerpath.prioritisation.models import WeightDecision

    data = (
        _ahp()
        | _within("business", **BUSINESS_YARD)
        | _within("government", local_priorities__law_enforcement="3")
    )
    response = client_for(cast.member).post(f"{P}/weights/ahp/", data, follow=True)
    decision = WeightDecision.objects.get()
    business = decision.group_weights["business"]
    assert decision.factor_weights["business_goals"] == pytest.approx(business * 0.674, abs=1e-3)
    government = decision.group_weights["government"]
    assert decision.factor_weights["local_priorities"] == pytest.approx(government * 0.75)
    development = decision.group_weights["development"]  # not ticked: the template's shares
    assert decision.factor_weights["alignment"] == pytest.approx(development * 0.30)
    stored = {c["group"]: c for c in decision.consistency}
    assert set(stored) == {"", "business", "government"}
    assert stored["business"]["matrix"][0] == pytest.approx([1, 5, 4])
    assert stored["business"]["ratio"] == pytest.approx(0.074, abs=1e-3)
    assert decision.entered["factors"]["business"][0] == ["business_goals", "partner_champion", "5"]
    assert decision.consistency_ratio == pytest.approx(max(c["ratio"] for c in stored.values()))
    page = response.content.decode()
    assert "Business value: 0.074" in page  # each matrix's ratio on the weights list


def test_an_inconsistent_group_is_refused_by_name_with_every_ratio_shown(cast, client_for):
    from partnerpath.prioritisation.models import WeightDecision

    data = _ahp() | _within("business", **BUSINESS_SIZE)
    response = client_for(cast.member).post(f"{P}/weights/ahp/", data)
    text = response.content.decode()
    assert response.status_code == 200 and not WeightDecision.objects.exists()
    assert "the factors of Business value are inconsistent: consistency ratio 0.117" in text
    assert "Consistency ratio: 0.117" in text and "above 0.10: refused" in text
    assert "Local weights: Business goals 75.4%" in text
    assert re.search(r'name="compare_business"[^>]* checked>', text)  # the box stays ticked


def test_a_ticked_group_needs_every_pair_judged(cast, client_for):
    data = _ahp() | {"compare_risk_costs": "on", "within_risk_costs__difficulty__risk": "3"}
    response = client_for(cast.member).post(f"{P}/weights/ahp/", data)
    assert response.status_code == 200
    assert "Judge this pair, or untick the group&#x27;s box." in response.content.decode()


def test_the_ahp_page_has_a_section_per_group(cast, client_for):
    page = client_for(cast.member).get(f"{P}/weights/ahp/").content.decode()
    for legend in ("The groups", "Factors of Development value", "Factors of Government value"):
        assert f"<legend>{legend}</legend>" in page
    assert "Two factors: one comparison" in page
    assert page.count("<select") == 6 + 10 + 3 + 1 + 10


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

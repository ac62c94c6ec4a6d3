"""Weights: direct percentages and AHP pairwise comparisons with the consistency ratio."""

from __future__ import annotations

import pytest

from partnerpath.core.scorecard.weights import (
    WeightsError,
    ahp_priorities,
    ahp_weights,
    direct_weights,
    template_weights,
    weights_from_data,
)

GROUPS = {"development": 40, "business": 30, "government": 10, "risk_costs": 20}


def test_the_template_weights_sum_to_one(card):
    weights = template_weights(card)
    assert sum(weights.factors.values()) == pytest.approx(1)
    assert weights.factors["alignment"] == pytest.approx(0.40 * 0.30)


def test_group_weights_keep_the_templates_shares_within_each_group(card):
    weights = direct_weights(card, groups=GROUPS)
    assert weights.groups["business"] == pytest.approx(0.30)
    assert weights.factors["business_goals"] == pytest.approx(0.30 * 0.40)
    assert sum(weights.factors.values()) == pytest.approx(1)


def test_factor_weights_alone_are_shares_of_the_total(card):
    factors = {f.key: 100 / 15 for f in card.factors}
    weights = direct_weights(card, factors=factors)
    assert weights.groups["development"] == pytest.approx(5 / 15)


def test_group_and_factor_weights_together_are_shares_within_each_group(card):
    factors = {f.key: 100 / len(g.factors) for g in card.groups for f in g.factors}
    factors["Alignment to program objectives"] = factors.pop("alignment")  # any name works
    weights = direct_weights(card, groups=GROUPS, factors=factors)
    assert weights.factors["alignment"] == pytest.approx(0.40 / 5)
    assert weights.factors["local_priorities"] == pytest.approx(0.05)


@pytest.mark.parametrize(
    ("groups", "factors", "message"),
    [
        ({**GROUPS, "business": 20}, None, "group weights must sum to 100, got 90"),
        ({**GROUPS, "business": 40}, None, "group weights must sum to 100, got 110"),
        ({"development": 100}, None, "group weights are missing for business"),
        ({**GROUPS, "Team": 0}, None, "unknown group 'Team'"),
        ({**GROUPS, "business": 50, "risk_costs": 0, "government": -20}, None, "negative"),
        (None, {"alignment": 100}, "factor weights are missing for scalable_regionally"),
        (None, None, "no weights given"),
    ],
)
def test_it_rejects_weights_that_do_not_sum_to_100(card, groups, factors, message):
    with pytest.raises(WeightsError, match=message):
        direct_weights(card, groups=groups, factors=factors)


def test_it_rejects_factor_weights_within_a_group_that_do_not_sum_to_100(card):
    factors = {f.key: 20 for f in card.factors}
    with pytest.raises(WeightsError, match="within group business must sum to 100, got 60"):
        direct_weights(card, groups=GROUPS, factors=factors)


@pytest.mark.parametrize(
    ("comparisons", "expected", "ratio"),
    [
        # Perfectly consistent: a = 2b, b = 2c, a = 4c.
        ([("a", "b", 2), ("b", "c", 2), ("a", "c", 4)], [4 / 7, 2 / 7, 1 / 7], 0.0),
        # Saaty-style textbook matrix; weights and CR from the eigenvector method.
        ([("a", "b", 3), ("a", "c", 5), ("b", "c", 3)], [0.6370, 0.2583, 0.1047], 0.0332),
        # Reciprocal judgements written as text.
        ([("b", "a", "1/2"), ("c", "b", "1/2"), ("c", "a", "1/4")], [4 / 7, 2 / 7, 1 / 7], 0.0),
        # All equal.
        ([("a", "b", 1), ("a", "c", 1), ("b", "c", 1)], [1 / 3, 1 / 3, 1 / 3], 0.0),
    ],
)
def test_ahp_priorities_are_the_principal_eigenvector_with_saatys_ratio(
    comparisons, expected, ratio
):
    priorities, consistency = ahp_priorities(["a", "b", "c"], comparisons)
    assert list(priorities.values()) == pytest.approx(expected, abs=1e-3)
    assert consistency.ratio == pytest.approx(ratio, abs=1e-3)


@pytest.mark.parametrize(
    ("comparisons", "message"),
    [
        ([("a", "b", 2), ("b", "c", 2)], "missing for a vs c"),
        ([("a", "b", 2), ("b", "a", 2), ("a", "c", 1), ("b", "c", 1)], "judged twice"),
        ([("a", "b", 10), ("a", "c", 1), ("b", "c", 1)], "outside Saaty's scale"),
        ([("a", "b", "much"), ("a", "c", 1), ("b", "c", 1)], "not a number"),
        ([("a", "d", 2), ("a", "c", 1), ("b", "c", 1)], "unknown 'd'"),
    ],
)
def test_ahp_rejects_incomplete_or_malformed_comparisons(comparisons, message):
    with pytest.raises(WeightsError, match=message):
        ahp_priorities(["a", "b", "c"], comparisons)


# development > business > government > risk, but risk is said to beat development: circular.
INCONSISTENT = [
    ("development", "business", 5),
    ("business", "government", 5),
    ("government", "risk_costs", 5),
    ("development", "government", 7),
    ("business", "risk_costs", 7),
    ("risk_costs", "development", 9),
]
CONSISTENT = [
    ("development", "business", 2),
    ("development", "government", 4),
    ("development", "risk_costs", 2),
    ("business", "government", 2),
    ("business", "risk_costs", 1),
    ("government", "risk_costs", "1/2"),
]


def test_ahp_refuses_weights_when_the_consistency_ratio_is_above_0_10(card):
    with pytest.raises(WeightsError, match=r"consistency ratio \d\.\d{3} is above 0\.10"):
        ahp_weights(card, INCONSISTENT)


def test_ahp_group_weights_keep_the_templates_shares_within_groups(card):
    weights = ahp_weights(card, CONSISTENT)
    assert weights.method == "ahp"
    assert weights.groups["development"] == pytest.approx(4 / 9, abs=1e-6)  # 4 : 2 : 1 : 2
    assert weights.factors["alignment"] == pytest.approx(4 / 9 * 0.3, abs=1e-6)
    assert weights.consistency[0].ratio < 0.01


def test_a_weights_file_can_hold_ahp_comparisons_within_a_group(card):
    data = {
        "ahp": {
            "groups": [list(c) for c in CONSISTENT],
            "factors": {"Government value": [["local_priorities", "law_enforcement", 3]]},
        }
    }
    weights = weights_from_data(card, data)
    assert weights.factors["local_priorities"] == pytest.approx(1 / 9 * 0.75, abs=1e-6)
    assert len(weights.consistency) == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "holds a mapping"),
        ({"grups": {}}, "unknown section"),
        ({"groups": [40, 60]}, "groups: a mapping"),
        ({"ahp": {"groups": [["development", "business"]]}}, r"ahp.groups\[0\]"),
        ({"groups": {**GROUPS, "business": "thirty"}}, "must be a number"),
    ],
)
def test_a_malformed_weights_file_gets_a_clear_error(card, data, message):
    with pytest.raises(WeightsError, match=message):
        weights_from_data(card, data)

"""Weights: direct percentages and AHP pairwise comparisons with the consistency ratio, between
the groups and within each group (hierarchical AHP)."""

from __future__ import annotations

import pytest
import yaml

from partnerpath.core.scorecard.template import tailor
from partnerpath.core.scorecard.template_files import default_template
from partnerpath.core.scorecard.weights import (
    WeightsError,
    ahp_derive,
    ahp_priorities,
    ahp_weights,
    consistency_data,
    consistency_from_data,
    direct_weights,
    template_weights,
    weights_from_data,
)

GROUPS = {"development": 40, "business": 30, "government": 10, "risk_costs": 20}
CARD = default_template()


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
        ({**GROUPS, "development": float("nan")}, None, "'development': weight must be a finite"),
        ({**GROUPS, "business": float("inf")}, None, "'business': weight must be a finite"),
        ({**GROUPS, "business": -30, "government": 70}, None, "'business': weight must not be neg"),
        (None, {**{f.key: 5 for f in CARD.factors}, "risk": float("nan")}, "'risk': weight must"),
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
        (
            yaml.safe_load(
                "groups: {development: .nan, business: 30, government: 10, risk_costs: 20}"
            ),
            "group 'development': weight must be a finite percentage, got nan",
        ),
        (
            yaml.safe_load("factors: {alignment: .inf}"),
            "factor 'alignment': weight must be a finite percentage, got inf",
        ),
    ],
)
def test_a_malformed_weights_file_gets_a_clear_error(card, data, message):
    with pytest.raises(WeightsError, match=message):
        weights_from_data(card, data)


def _upper(matrix: str) -> tuple[list[str], list[tuple[str, str, str]]]:
    """Items i1..in and the comparisons above the diagonal of a matrix written row by row."""
    rows = [line.split() for line in matrix.strip().splitlines()]
    items = [f"i{n}" for n in range(1, len(rows) + 1)]
    pairs = [
        (items[i], items[j], rows[i][j]) for i in range(len(rows)) for j in range(i + 1, len(rows))
    ]
    return items, pairs


# Textbook matrices with their published priorities, lambda max and consistency ratio.
SAATY_1990_HOUSE = """
1 5 3 7 6 6 1/3 1/4
1/5 1 1/3 5 3 3 1/5 1/7
1/3 3 1 6 3 4 6 1/5
1/7 1/5 1/6 1 1/3 1/4 1/7 1/8
1/6 1/3 1/3 3 1 1/2 1/5 1/6
1/6 1/3 1/4 4 2 1 1/5 1/6
3 5 1/6 7 5 5 1 1/2
4 7 5 8 6 6 2 1
"""
TEXTBOOK = [
    # Saaty (1990), "How to make a decision", EJOR 48: the eight criteria for buying a house.
    (SAATY_1990_HOUSE, [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333], 9.669, 0.169),
    # Same paper: the three houses compared on the size of house (just above 0.10).
    ("1 6 8\n1/6 1 4\n1/8 1/4 1", [0.754, 0.181, 0.065], 3.136, 0.117),
    # Same paper: the three houses compared on yard space (consistent enough).
    ("1 5 4\n1/5 1 1/3\n1/4 3 1", [0.674, 0.101, 0.226], 3.086, 0.074),
    # The usual 3 x 3 teaching example.
    ("1 3 5\n1/3 1 3\n1/5 1/3 1", [0.637, 0.258, 0.105], 3.039, 0.033),
    # Two items: one comparison, consistent by definition.
    ("1 3\n1/3 1", [0.75, 0.25], 2.0, 0.0),
    # One item: nothing to compare.
    ("1", [1.0], 1.0, 0.0),
]


@pytest.mark.parametrize(
    ("matrix", "priorities", "lambda_max", "ratio"),
    TEXTBOOK,
    ids=["house-8", "size-of-house", "yard-space", "teaching-3", "two-items", "one-item"],
)
def test_ahp_reproduces_the_textbook_priorities_and_consistency_ratios(
    matrix, priorities, lambda_max, ratio
):
    items, pairs = _upper(matrix)
    found, consistency = ahp_priorities(items, pairs)
    assert list(found.values()) == pytest.approx(priorities, abs=1.5e-3)
    assert consistency.lambda_max == pytest.approx(lambda_max, abs=1e-3)
    assert consistency.ratio == pytest.approx(ratio, abs=1e-3)
    assert consistency.acceptable is (ratio <= 0.10)
    assert len(consistency.matrix) == len(items) and consistency.matrix[0][0] == 1.0


def _factors(matrix: str, keys: list[str]) -> list[tuple[str, str, str]]:
    """The comparisons of a textbook matrix applied to a group's factor keys."""
    _, pairs = _upper(matrix)
    return [(keys[int(a[1:]) - 1], keys[int(b[1:]) - 1], v) for a, b, v in pairs]


GOVERNMENT = [("local_priorities", "law_enforcement", 3)]
BUSINESS = ["business_goals", "partner_champion", "csr_reputation"]
RISK = ["difficulty", "risk", "staff_intensity", "additional_resources", "time_horizon"]
FIVE_EQUAL = [(a, b, 1) for i, a in enumerate(RISK) for b in RISK[i + 1 :]]
# difficulty > risk > staff intensity > difficulty, each extremely: circular judgements.
CIRCLE: dict[tuple[str, str], object] = {
    ("difficulty", "risk"): 9,
    ("risk", "staff_intensity"): 9,
    ("difficulty", "staff_intensity"): "1/9",
}
RISK_CIRCULAR = [(a, b, CIRCLE.get((a, b), 1)) for a, b, _ in FIVE_EQUAL]


def test_hierarchical_ahp_multiplies_group_weights_by_local_factor_weights(card):
    business = _factors("1 5 4\n1/5 1 1/3\n1/4 3 1", BUSINESS)  # yard space: CR 0.074
    weights = ahp_weights(
        card, CONSISTENT, {"business": business, "government": GOVERNMENT, "risk_costs": FIVE_EQUAL}
    )
    business_share = weights.groups["business"]
    assert business_share == pytest.approx(2 / 9, abs=1e-6)
    assert weights.factors["business_goals"] == pytest.approx(business_share * 0.674, abs=1e-3)
    assert weights.factors["local_priorities"] == pytest.approx(1 / 9 * 0.75, abs=1e-6)
    assert weights.factors["risk"] == pytest.approx(2 / 9 / 5, abs=1e-6)
    assert weights.factors["alignment"] == pytest.approx(4 / 9 * 0.30, abs=1e-6)  # template share
    assert sum(weights.factors.values()) == pytest.approx(1)
    ratios = {c.group: round(c.ratio, 3) for c in weights.consistency}
    assert ratios == {"": 0.0, "business": 0.074, "government": 0.0, "risk_costs": 0.0}


@pytest.mark.parametrize(
    ("factors", "named"),
    [
        # Size of house (CR 0.117) on the business factors: refused, naming Business value.
        ({"business": _factors("1 6 8\n1/6 1 4\n1/8 1/4 1", BUSINESS)}, ["Business value"]),
        # Two groups inconsistent at once: both are named.
        (
            {
                "business": _factors("1 6 8\n1/6 1 4\n1/8 1/4 1", BUSINESS),
                "Risk and transaction costs": RISK_CIRCULAR,
            },
            ["Business value", "Risk and transaction costs"],
        ),
    ],
    ids=["one-group", "two-groups"],
)
def test_every_inconsistent_matrix_is_refused_with_its_group_named(card, factors, named):
    with pytest.raises(WeightsError) as refused:
        ahp_weights(card, CONSISTENT, factors)
    message = str(refused.value)
    for label in named:
        assert f"the factors of {label} are inconsistent: consistency ratio" in message
    assert "the groups are inconsistent" not in message
    derived = ahp_derive(card, CONSISTENT, factors)  # the ratios can still be shown
    assert [c.label for c in derived.consistency if not c.acceptable] == named


def test_a_group_with_one_factor_needs_no_comparison_and_has_ratio_0(card):
    lone = tailor(card, drop=["law_enforcement"])
    weights = ahp_weights(lone, CONSISTENT)
    government = next(c for c in weights.consistency if c.group == "government")
    assert (government.items, government.ratio, government.priorities) == (
        ("local_priorities",),
        0.0,
        (1.0,),
    )
    assert weights.factors["local_priorities"] == pytest.approx(weights.groups["government"])


@pytest.mark.parametrize(
    ("factors", "message"),
    [
        (
            {"government": [("local_priorities", "alignment", 3)]},
            "factors of Government value: .*unknown 'alignment'",
        ),
        ({"business": [("business_goals", "partner_champion", 3)]}, "missing for business_goals"),
        ({"Team": GOVERNMENT}, "unknown group 'Team'"),
    ],
)
def test_within_group_comparisons_must_be_complete_and_of_that_group(card, factors, message):
    with pytest.raises(WeightsError, match=message):
        ahp_weights(card, CONSISTENT, factors)


def test_a_comparison_matrix_survives_storage(card):
    weights = ahp_weights(card, CONSISTENT, {"government": GOVERNMENT})
    for check in weights.consistency:
        assert consistency_from_data(consistency_data(check)) == check

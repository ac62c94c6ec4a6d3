"""Results of a round: the total's formula, abstentions, ties, disagreement and round comparison."""

from __future__ import annotations

import pytest

from partnerpath.core.scorecard.results import compare_rounds, rank_round
from partnerpath.core.scorecard.weights import direct_weights, template_weights

from .conftest import table, uniform

HEADER = "opportunity,rater,factor,score,rationale\n"


def ranked(card, text, weights=None):
    (scores,) = table(HEADER + text)
    return rank_round(card, scores, weights or template_weights(card))


@pytest.mark.parametrize(
    ("benefit", "cost", "total"),
    [(5, 1, 100.0), (1, 5, 0.0), (3, 3, 50.0), (5, 5, 80.0), (1, 1, 20.0), (4, 2, 75.0)],
)
def test_the_total_is_weighted_value_minus_weighted_cost_scaled_0_to_100(
    card, benefit, cost, total
):
    # Risk and transaction costs weigh 20 of 100: a score of 5 there costs all 20 points.
    result = ranked(card, uniform("A", benefit, cost))
    assert result.ranking[0].total == total
    assert sum(g.points for g in result.ranking[0].groups) == pytest.approx(total)


def test_higher_risk_and_costs_lower_the_rank(card):
    result = ranked(card, uniform("Risky", 4, 5) + "\n" + uniform("Safe", 4, 2))
    assert [r.opportunity for r in result.ranking] == ["Safe", "Risky"]
    risk = result.ranking[1].groups[3]
    assert risk.value == 5 and risk.points == 0


def test_group_values_are_weighted_means_on_the_cards_scale(card):
    rows = "A,a,alignment,5\nA,a,scalable_regionally,1\nA,a,business_goals,4"
    result = ranked(card, rows)
    development = result.ranking[0].groups[0]
    # alignment 30 and scalable 15 of the group: (5 * 30 + 1 * 15) / 45
    assert development.value == pytest.approx(165 / 45)


def test_an_abstention_does_not_pull_the_mean_down(card):
    result = ranked(card, "A,a,risk,4,\nA,b,risk,NA,no data yet\nA,c,alignment,5,")
    risk = result.ranking[0].factors[11]
    assert (risk.mean, risk.raters, risk.abstentions) == (4.0, 1, 1)


def test_a_factor_everyone_abstained_on_is_left_out_and_its_weight_shared_in_its_group(card):
    rows = [f"A,a,{f.key},5" for f in card.factors if f.key != "partner_champion"]
    result = ranked(card, "\n".join(rows) + "\nA,a,partner_champion,NA\nA,b,partner_champion,NA")
    line = result.ranking[0]
    champion = next(f for f in line.factors if f.key == "partner_champion")
    assert champion.missing and champion.weight == 0
    assert sum(f.weight for f in line.factors) == pytest.approx(1)
    business = [f.weight for f in line.factors if f.key in {"business_goals", "csr_reputation"}]
    assert sum(business) == pytest.approx(0.25)  # the group keeps its 25
    assert "Partner champion" in line.notes[0] and "shared among the other" in line.notes[0]
    assert line.total == 80.0  # 5 everywhere, risk at 5 costs its 20


def test_a_group_nobody_scored_is_left_out_and_the_others_scaled_up(card):
    rows = [f"A,a,{f.key},5" for f in card.factors if f.group != "government"]
    line = ranked(card, "\n".join(rows)).ranking[0]
    assert line.groups[2].value is None
    assert line.total == pytest.approx(100 * 0.65 / 0.85, abs=0.005)
    assert "Government value" in line.notes[0]


def test_equal_totals_share_a_rank_and_are_ordered_by_name(card):
    text = "\n".join([uniform("Zeta", 4, 2), uniform("Alpha", 4, 2), uniform("Mid", 3, 3)])
    result = ranked(card, text)
    assert [(r.opportunity, r.rank_label) for r in result.ranking] == [
        ("Alpha", "=1"),
        ("Zeta", "=1"),
        ("Mid", "3"),
    ]


def test_totals_are_rounded_to_two_decimals_and_equal_shown_totals_are_ties(card):
    # Alignment weighs 0.01% here, so one point on it moves the total by only 0.0025.
    factors = {f.key: (100 - 0.01) / 14 for f in card.factors}
    weights = direct_weights(card, factors={**factors, "alignment": 0.01})
    text = uniform("A", 3, 3).replace("A,r0,alignment,3", "A,r0,alignment,4")
    result = ranked(card, text + "\n" + uniform("B", 3, 3), weights)
    exact = result.model.totals(weights.vector(card))
    assert exact[0] - exact[1] == pytest.approx(0.0025)
    assert [(r.opportunity, r.rank_label, r.total) for r in result.ranking] == [
        ("A", "=1", 50.0),
        ("B", "=1", 50.0),
    ]


@pytest.mark.parametrize(
    ("scores", "flagged"),
    [((3, 4), False), ((3, 5), True), ((1, 5), True), ((2, 3, 4), True), ((4, "NA"), False)],
)
def test_disagreement_is_flagged_when_raters_differ_by_two_points_or_more(card, scores, flagged):
    rows = "\n".join(f"A,r{i},risk,{s},why {i}" for i, s in enumerate(scores))
    result = ranked(card, rows)
    assert bool(result.disagreements) is flagged
    if flagged:
        found = result.disagreements[0]
        assert found.factor == "risk" and found.spread >= 2
        assert [s.rationale for s in found.scores] == [f"why {i}" for i in range(len(scores))]


def test_an_abstaining_rater_is_shown_in_a_disagreement(card):
    result = ranked(card, "A,a,risk,1,\nA,b,risk,5,\nA,c,risk,NA,cannot tell")
    assert [(s.rater, s.score) for s in result.disagreements[0].scores] == [
        ("a", 1.0),
        ("b", 5.0),
        ("c", None),
    ]


def test_round_comparison_shows_rank_and_total_per_round_with_movements(card):
    text = (
        "round,opportunity,rater,factor,score\n"
        "internal,A,a,alignment,5\ninternal,B,a,alignment,3\ninternal,C,a,alignment,1\n"
        "donor,A,d,alignment,2\ndonor,B,d,alignment,4\n"
    )
    results = [rank_round(card, r, template_weights(card)) for r in table(text)]
    rows = {row.opportunity: row.places for row in compare_rounds(results)}
    assert list(rows) == ["B", "A", "C"]  # the latest round's order, then the rest
    assert [(p.rank, p.movement) for p in rows["B"]] == [(2, None), (1, 1)]
    assert [(p.rank, p.movement) for p in rows["A"]] == [(1, None), (2, -1)]
    assert rows["C"][1].rank is None

"""Results of a round: the total's formula, abstentions, ties, disagreement and round comparison."""

from __future__ import annotations

import pytest

from partnerpath.core.scorecard.results import compare_rounds, rank_round
from partnerpath.core.scorecard.template_files import default_template
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
    assert rows["C"][1].rank is None and not rows["C"][1].scored


def test_round_comparison_tells_unranked_from_not_scored_and_skips_it_in_movements(card):
    text = (
        "round,opportunity,rater,factor,score\n"
        "internal,A,a,alignment,5\ninternal,B,a,alignment,3\n"
        "programme,A,p,alignment,NA\nprogramme,B,p,alignment,4\n"
        "donor,A,d,alignment,1\ndonor,B,d,alignment,4\n"
    )
    results = [rank_round(card, r, template_weights(card)) for r in table(text)]
    rows = {row.opportunity: row.places for row in compare_rounds(results)}
    assert [(p.rank, p.scored, p.movement) for p in rows["A"]] == [
        (1, True, None),
        (None, True, None),  # scored in the programme round, but all NA: not ranked
        (2, True, -1),  # moved down since internal, the last round that ranked it
    ]


@pytest.mark.parametrize(
    ("rows", "why"),
    [
        (
            "\n".join(f"Blank,a,{f.key},NA" for f in default_template().factors),
            "No score on any factor: every score is NA for insufficient information. Not enough",
        ),
        (
            "Blank,a,risk,NA\nBlank,b,alignment,NA",
            "No score on any factor: NA for insufficient information on 2 factors, no score rows "
            "for the other 13.",
        ),
        ("Blank,a,risk,NA", ": NA for insufficient information on 1 factor, no score rows for"),
    ],
)
def test_an_opportunity_with_no_usable_score_is_left_unranked_not_given_zero(card, rows, why):
    result = ranked(card, uniform("Scored", 2, 4) + "\n" + rows)
    scored, blank = result.ranking
    assert (scored.opportunity, scored.rank, blank.opportunity) == ("Scored", 1, "Blank")
    assert (blank.total, blank.rank, blank.ranked, blank.rank_label) == (
        None,
        None,
        False,
        "not ranked",
    )
    assert blank.coverage == 0 and not blank.low_coverage  # unranked, not merely low
    assert len(blank.notes) == 1 and "Not enough scores to rank" in blank.notes[0]
    assert why in blank.notes[0]
    assert result.unranked == (blank,) and result.ranked == (scored,)
    assert result.model.opportunities == ("Scored",)  # the sensitivity never sees it


def test_unranked_opportunities_come_last_by_name_and_ties_ignore_them(card):
    text = "\n".join(["Zed,a,risk,NA", "Abe,a,risk,NA", uniform("One", 3, 3), uniform("Two", 3, 3)])
    result = ranked(card, text)
    assert [(r.opportunity, r.rank_label) for r in result.ranking] == [
        ("One", "=1"),
        ("Two", "=1"),
        ("Abe", "not ranked"),
        ("Zed", "not ranked"),
    ]


def _only(card, keys, name="Thin"):
    return "\n".join(f"{name},a,{key},5" for key in keys)


@pytest.mark.parametrize(
    ("keys", "coverage", "low"),
    [
        ([f.key for f in default_template().factors], 1.0, False),
        (["alignment", "business_goals"], 0.40 * 0.30 + 0.25 * 0.40, True),  # 2 of 15: 22%
        (["alignment"], 0.12, True),
        ([f.key for f in default_template().factors if f.group != "risk_costs"], 0.80, False),
        ([f.key for f in default_template().factors if f.group == "development"], 0.40, True),
    ],
)
def test_each_opportunity_has_the_share_of_the_weight_scored_and_low_coverage_is_flagged(
    card, keys, coverage, low
):
    result = ranked(card, _only(card, keys) + "\n" + uniform("Full", 4, 2))
    thin = result.by_opportunity()["Thin"]
    assert thin.coverage == pytest.approx(coverage)
    assert thin.low_coverage is low and thin.ranked  # still ranked: the flag says how little
    assert any("Low coverage" in note for note in thin.notes) is low
    assert result.by_opportunity()["Full"].coverage == 1.0
    assert result.low_coverage == ((thin,) if low else ())


def test_low_coverage_is_measured_on_the_agreed_weights_and_states_the_threshold(card):
    weights = direct_weights(card, groups={"development": 70, "business": 10,
                                           "government": 10, "risk_costs": 10})  # fmt: skip
    keys = [f.key for f in card.factors if f.group == "development"]
    thin = ranked(card, _only(card, keys), weights).ranking[0]
    assert thin.coverage == pytest.approx(0.70) and not thin.low_coverage
    (scores,) = table(HEADER + _only(card, keys))
    strict = rank_round(card, scores, weights, min_coverage=0.75)
    assert strict.ranking[0].low_coverage and "below 75%" in strict.ranking[0].notes[0]
    assert "only 70% of the weight was scored (5 of 15 factors)" in strict.ranking[0].notes[0]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # Both raters wrote NA for partner champion: an abstention.
        (
            "A,a,partner_champion,NA\nA,b,partner_champion,NA",
            "No score for Partner champion (every rater marked NA for insufficient information)",
        ),
        # Rater b gave no row for partner champion and a wrote NA: both reasons, counted.
        (
            "A,a,partner_champion,NA",
            "No score for Partner champion (1 marked NA for insufficient information, 1 score "
            "row missing)",
        ),
        # Nobody gave a row: a gap in the file, not insufficient information.
        ("", "No score for Partner champion (no rater gave a score row)"),
    ],
)
def test_notes_tell_missing_rows_from_na(card, rows, expected):
    scored = [f"A,{r},{f.key},4" for f in card.factors for r in "ab" if f.key != "partner_champion"]
    line = ranked(card, "\n".join(scored) + ("\n" + rows if rows else "")).ranking[0]
    assert line.notes == (
        f"{expected}: its weight is shared among the other Business value factors.",
    )
    champion = next(f for f in line.factors if f.key == "partner_champion")
    assert champion.abstentions + champion.no_row == 2


def test_a_missing_group_note_says_how_much_weight_moves_to_the_other_groups(card):
    rows = [f"A,a,{f.key},5" for f in card.factors if f.group != "government"]
    line = ranked(card, "\n".join(rows)).ranking[0]
    assert line.notes == (
        "No score for any Government value factor: no rater gave a score row. The group's 15% "
        "of the weight is left out and the other groups' weights are scaled up to fill it.",
    )
    assert not line.low_coverage  # 85% scored


def test_the_documented_low_coverage_threshold_is_the_one_applied():
    from pathlib import Path

    from partnerpath.core.scorecard.results import LOW_COVERAGE

    docs = (Path(__file__).parents[3] / "docs" / "scorecard.md").read_text(encoding="utf-8")
    assert f"coverage **below {LOW_COVERAGE:.0%}**" in docs

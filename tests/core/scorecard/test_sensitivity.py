"""Sensitivity to the weights: Dirichlet samples, rank stability, tornado, least top-k change."""

from __future__ import annotations

import numpy as np
import pytest

from partnerpath.core.scorecard.analysis import analyse, analysis_data
from partnerpath.core.scorecard.results import rank_round
from partnerpath.core.scorecard.sensitivity import (
    rank_stability,
    smallest_top_change,
    swung,
    weight_samples,
)
from partnerpath.core.scorecard.weights import template_weights

from .conftest import table

W = np.array([0.5, 0.3, 0.2, 0.0])


@pytest.mark.parametrize("concentration", [10.0, 100.0, 1000.0])
def test_dirichlet_samples_are_centred_on_the_agreed_weights(concentration):
    draws = weight_samples(W, 20_000, concentration, np.random.default_rng(1))
    assert np.allclose(draws.sum(axis=1), 1)
    assert np.allclose(draws.mean(axis=0), W, atol=0.01)
    assert (draws[:, 3] == 0).all()  # a weight of 0 stays 0
    expected_sd = np.sqrt(W[0] * (1 - W[0]) / (concentration + 1))
    assert draws[:, 0].std() == pytest.approx(expected_sd, rel=0.05)


@pytest.mark.parametrize("factor", [0.8, 1.2, 1.5])
def test_swinging_one_weight_rescales_the_others_to_keep_the_sum(factor):
    out = swung(W, np.array([True, False, False, False]), factor)
    assert out.sum() == pytest.approx(1) and out[0] == pytest.approx(0.5 * factor)
    assert out[1] / out[2] == pytest.approx(1.5)


def _round(card, profiles):
    """One rater per opportunity; profiles maps name -> {factor: score}."""
    rows = [
        f"{name},a,{factor},{score}"
        for name, scores in profiles.items()
        for factor, score in scores.items()
    ]
    (scores,) = table("opportunity,rater,factor,score\n" + "\n".join(rows))
    return rank_round(card, scores, template_weights(card))


def _full(card, **overrides):
    base = {f.key: 3 for f in card.factors}
    return base | overrides


def test_an_opportunity_better_on_every_factor_is_always_first(card):
    result = _round(card, {"Best": _full(card, alignment=5, risk=1), "Other": _full(card)})
    found = rank_stability(result.model, result.weights.vector(card), top_k=1, samples=500)
    assert [(s.opportunity, s.p_first, s.p_top_k) for s in found] == [
        ("Best", 1.0, 1.0),
        ("Other", 0.0, 0.0),
    ]


def test_the_same_seed_gives_the_same_figures_and_closer_contests_are_less_stable(card):
    result = _round(
        card,
        {
            "Aligned": _full(card, alignment=5, business_goals=2),
            "Business": _full(card, alignment=3, business_goals=5),
        },
    )
    w = result.weights.vector(card)
    first = rank_stability(result.model, w, top_k=1, samples=2000, seed=3)
    assert first == rank_stability(result.model, w, top_k=1, samples=2000, seed=3)
    loose = rank_stability(result.model, w, top_k=1, samples=2000, concentration=5)
    assert 0 < first[0].p_first < 1
    assert sum(s.p_first for s in first) == pytest.approx(1)
    assert loose[0].p_first != first[0].p_first


def _brute_force_least_move(model, w, k, draws):
    """Half-L1 distance of the nearest random weight vector that changes the top k."""
    totals = model.totals(draws)
    top = set(np.argsort(-model.totals(w), kind="stable")[:k])
    best = np.inf
    for row, vector in zip(totals, draws, strict=True):
        kth = np.sort(row)[-k]
        if any(row[j] >= kth for j in range(len(row)) if j not in top):
            best = min(best, 0.5 * np.abs(vector - w).sum())
    return 100 * best


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_the_least_top_k_change_is_exact_and_no_random_reweighting_beats_it(card, seed):
    rng = np.random.default_rng(seed)
    keys = [f.key for f in card.factors]
    profiles = {
        f"O{i}": dict(zip(keys, rng.integers(1, 6, 15).tolist(), strict=True)) for i in range(6)
    }
    result = _round(card, profiles)
    w = result.weights.vector(card)
    names = result.model.opportunities
    order = np.array([names.index(r.opportunity) for r in result.ranking])
    change = smallest_top_change(result.model, w, order, 2)
    assert change is not None and change.exact
    moved = np.array([dict(change.changes).get(f, 0.0) for f in result.model.factors]) / 100
    assert moved.sum() == pytest.approx(0, abs=1e-9)
    assert 0.5 * np.abs(moved).sum() * 100 == pytest.approx(change.moved, abs=1e-6)
    new = w + moved
    assert (new >= -1e-9).all()
    totals = result.model.totals(new)
    i, j = names.index(change.leaving), names.index(change.entering)
    assert totals[j] == pytest.approx(totals[i], abs=1e-3)  # they meet there (changes rounded)
    draws = weight_samples(w, 20_000, 20.0, rng)
    assert _brute_force_least_move(result.model, w, 2, draws) >= change.moved - 1e-6


def test_no_reweighting_can_change_a_top_k_that_leads_on_every_factor(card):
    best = {f.key: 2 if f.direction == "lower" else 4 for f in card.factors}
    result = _round(card, {"Best": best, "Other": _full(card)})
    assert (
        smallest_top_change(result.model, result.weights.vector(card), np.array([0, 1]), 1) is None
    )


def test_the_tornado_puts_the_weight_that_moves_an_opportunity_most_first(card):
    result = _round(card, {"A": _full(card, alignment=5), "B": _full(card, law_enforcement=5)})
    analysis = analyse(card, [table("opportunity,rater,factor,score\nA,a,alignment,5")[0]],
                       result.weights, samples=0)  # fmt: skip
    assert analysis.stability == {}
    from partnerpath.core.scorecard.sensitivity import tornado

    bars = tornado(result.model, result.weights.vector(card), [0], 0.2)["A"]
    assert bars[0].width >= bars[-1].width
    alignment = next(b for b in bars if b.item == "alignment")
    assert alignment.total_high > alignment.total_low  # more weight on its strength helps it


def test_the_analysis_as_data_states_the_method_of_the_sensitivity(card):
    rounds = table("opportunity,rater,factor,score\nA,a,alignment,5\nB,a,alignment,3\nB,a,risk,1")
    data = analysis_data(analyse(card, rounds, template_weights(card), top_k=1, samples=100))
    sensitivity = data["sensitivity"]
    assert sensitivity["distribution"] == "dirichlet" and sensitivity["concentration"] == 100
    assert set(sensitivity["stability"]) == {"A", "B"}
    assert data["rounds"][0]["ranking"][0]["opportunity"] in {"A", "B"}


@pytest.mark.parametrize(
    ("rows", "ranked"),
    [
        ("A,a,alignment,5\nB,a,alignment,3\nBlank,a,alignment,NA\nBlank,a,risk,NA", {"A", "B"}),
        ("A,a,alignment,5\nBlank,a,alignment,NA", {"A"}),
        ("Blank,a,alignment,NA\nEmpty,a,risk,NA", set()),
    ],
)
def test_unranked_opportunities_take_no_part_in_the_sensitivity(card, rows, ranked):
    rounds = table("opportunity,rater,factor,score\n" + rows)
    analysis = analyse(card, rounds, template_weights(card), top_k=1, samples=200)
    assert set(analysis.stability) == ranked  # no P(top k) for an opportunity without a total
    assert set(analysis.tornado) <= ranked
    assert sum(s.p_first for s in analysis.stability.values()) == pytest.approx(float(bool(ranked)))
    change = analysis.top_change
    assert change is None or {change.leaving, change.entering} <= ranked
    data = analysis_data(analysis)
    blank = next(r for r in data["rounds"][0]["ranking"] if r["opportunity"] == "Blank")
    assert (blank["ranked"], blank["rank"], blank["total"], blank["coverage"]) == (
        False,
        None,
        None,
        0,
    )

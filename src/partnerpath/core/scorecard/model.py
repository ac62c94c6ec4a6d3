"""The score card's arithmetic as arrays, so one formula serves the ranking and the 10,000 weight
samples of the sensitivity analysis.

For opportunity o and factor f, the raters' mean score m (ignoring abstentions) is normalised to
n = (m - lowest) / (highest - lowest), between 0 and 1. A value factor contributes c = n; a risk or
cost factor (direction `lower`) contributes c = 1 - n. With factor weights w summing to 1:

    total = 100 * sum_f w_f * c_f = 100 * (sum_value w_f n_f - sum_cost w_f n_f + sum_cost w_f)

i.e. weighted value minus weighted cost, shifted by the cost groups' weight so every total lies
between 0 (worst on every factor) and 100 (best on every factor). Risk and costs lower the total.

A factor nobody scored (every rater wrote NA or gave no row) is left out for that opportunity and
its weight is shared among the other factors of its group in proportion to their weights, so the
group keeps its weight. If a whole group has no scores, the other groups' weights are scaled up
likewise. An opportunity with no score on any weighted factor has no total at all: it is left
unranked (see results.py), never counted as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from partnerpath.core.scorecard.scores import RoundScores
from partnerpath.core.scorecard.template import Direction, Template

RANK_DIGITS = 2  # totals are shown and ranked at 2 decimals: equal shown totals are ties


@dataclass(frozen=True)
class FactorStats:
    """Per opportunity and factor, across raters ignoring abstentions: arrays of shape (O, F)."""

    count: np.ndarray  # raters who gave a score
    abstentions: np.ndarray  # raters who wrote NA
    mean: np.ndarray  # NaN where count == 0
    low: np.ndarray
    high: np.ndarray
    std: np.ndarray  # population standard deviation (ddof=0)


def factor_stats(scores: RoundScores) -> FactorStats:
    """Mean and spread of each factor's scores, abstentions and missing rows ignored."""
    values = scores.scores
    valid = ~np.isnan(values)
    count = valid.sum(axis=1)
    filled = np.where(valid, values, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, filled.sum(axis=1) / count, np.nan)
        low = np.where(count > 0, np.where(valid, values, np.inf).min(axis=1), np.nan)
        high = np.where(count > 0, np.where(valid, values, -np.inf).max(axis=1), np.nan)
        squares = np.where(valid, (values - mean[:, None, :]) ** 2, 0.0).sum(axis=1)
        std = np.where(count > 0, np.sqrt(squares / np.maximum(count, 1)), np.nan)
    return FactorStats(count, scores.abstained.sum(axis=1), mean, low, high, std)


@dataclass(frozen=True)
class ScoreModel:
    """Everything the totals depend on besides the weights: contributions c (O, F) in 0-1, which
    factors have any score, and which group each factor belongs to."""

    opportunities: tuple[str, ...]
    factors: tuple[str, ...]
    group_of: np.ndarray  # (F,) group index
    groups: tuple[str, ...]
    contributions: np.ndarray  # (O, F), 0 where missing
    present: np.ndarray  # (O, F) bool

    @classmethod
    def build(cls, template: Template, scores: RoundScores, stats: FactorStats) -> ScoreModel:
        """The model of one round's scores under a template."""
        low, high = template.scale
        normalised = (stats.mean - low) / (high - low)
        lower = np.array([f.direction is Direction.LOWER for f in template.factors])
        contributions = np.where(lower, 1.0 - normalised, normalised)
        present = stats.count > 0
        groups = tuple(g.key for g in template.groups)
        group_of = np.array([groups.index(f.group) for f in template.factors], dtype=np.intp)
        return cls(
            scores.opportunities,
            tuple(f.key for f in template.factors),
            group_of,
            groups,
            np.where(present, contributions, 0.0),
            present,
        )

    def coverage(self, weights: np.ndarray) -> np.ndarray:
        """Each opportunity's share (0-1) of the weight on factors at least one rater scored."""
        covered: np.ndarray = (self.present * weights).sum(axis=1) / max(weights.sum(), 1e-300)
        return covered

    def only(self, rows: np.ndarray) -> ScoreModel:
        """The model of some opportunities only (by index), e.g. those that can be ranked."""
        return ScoreModel(
            tuple(self.opportunities[i] for i in rows.tolist()),
            self.factors,
            self.group_of,
            self.groups,
            self.contributions[rows],
            self.present[rows],
        )

    def effective_weights(self, weights: np.ndarray) -> np.ndarray:
        """Each opportunity's factor weights (O, F) after missing factors' weights are shared
        within their group, and missing groups' weights across groups; rows sum to 1 (or 0
        when nothing at all was scored)."""
        onehot = np.eye(len(self.groups))[self.group_of]  # (F, G)
        group_weight = weights @ onehot  # (G,)
        present_weight = (self.present * weights) @ onehot  # (O, G)
        group_ok = present_weight > 0
        with np.errstate(invalid="ignore", divide="ignore"):
            scale = np.where(group_ok, group_weight / present_weight, 0.0)  # (O, G)
            kept = (group_ok * group_weight).sum(axis=1, keepdims=True)  # (O, 1)
            scale = np.where(kept > 0, scale / kept, 0.0)
        effective: np.ndarray = self.present * weights * scale[:, self.group_of]
        return effective

    def totals(self, weights: np.ndarray) -> np.ndarray:
        """Totals (0-100) for one weight vector (F,) -> (O,), or many (S, F) -> (S, O)."""
        single = weights.ndim == 1
        matrix = np.atleast_2d(weights)
        out: np.ndarray = 100.0 * (matrix @ self.contributions.T)
        gaps = np.flatnonzero(~self.present.all(axis=1))
        if gaps.size:
            out[:, gaps] = self._totals_with_gaps(matrix, gaps)
        if single:
            first: np.ndarray = out[0]
            return first
        return out

    def _totals_with_gaps(self, matrix: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """The renormalised formula for opportunities with missing factors, for many weights."""
        contributions, present = self.contributions[rows], self.present[rows]
        numerator = np.zeros((matrix.shape[0], rows.size))
        denominator = np.zeros_like(numerator)
        for g in range(len(self.groups)):
            cols = self.group_of == g
            w = matrix[:, cols]
            value = w @ contributions[:, cols].T
            weight = w @ present[:, cols].T
            with np.errstate(invalid="ignore", divide="ignore"):
                group_value = np.where(weight > 0, value / weight, 0.0)
            share = w.sum(axis=1, keepdims=True) * (weight > 0)
            numerator += share * group_value
            denominator += share
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(denominator > 0, 100.0 * numerator / denominator, 0.0)

    def imputed(self, weights: np.ndarray) -> np.ndarray:
        """Contributions with each missing factor filled by what renormalisation implies at these
        weights (its group's weighted mean, else the opportunity's), so that
        100 * imputed @ weights equals the totals: the linear model used for exact weight-change
        thresholds."""
        effective = self.effective_weights(weights)
        onehot = np.eye(len(self.groups))[self.group_of]
        filled = self.contributions.copy()
        with np.errstate(invalid="ignore", divide="ignore"):
            group_mean = ((effective * self.contributions) @ onehot) / (effective @ onehot)
            overall = (effective * self.contributions).sum(axis=1, keepdims=True)
        group_fill = np.where(np.isnan(group_mean), overall, group_mean)[:, self.group_of]
        return np.where(self.present, filled, group_fill)


def competition_ranks(totals: np.ndarray, names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Order (best first; ties by name) and ranks "1224" style on totals rounded to
    RANK_DIGITS, so opportunities whose shown totals are equal share a rank."""
    shown = np.round(totals, RANK_DIGITS)
    order = np.lexsort((np.array(names, dtype=object).argsort().argsort(), -shown))
    ranks = np.empty(len(totals), dtype=np.intp)
    sorted_totals = shown[order]
    first = np.r_[True, sorted_totals[1:] != sorted_totals[:-1]]
    position = np.arange(1, len(totals) + 1)
    ranks[order] = np.maximum.accumulate(np.where(first, position, 0))
    return order, ranks

"""A round's results: per factor the raters' mean and spread, each group's aggregated value, the
total, the rank, and where raters disagree; and several rounds side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from partnerpath.core.scorecard.model import (
    RANK_DIGITS,
    FactorStats,
    ScoreModel,
    competition_ranks,
    factor_stats,
)
from partnerpath.core.scorecard.scores import RoundScores
from partnerpath.core.scorecard.template import Template
from partnerpath.core.scorecard.weights import Weights

DISAGREEMENT_POINTS = 2


@dataclass(frozen=True)
class FactorResult:
    """One factor of one opportunity across raters; `missing` when every rater abstained."""

    key: str
    mean: float | None
    low: float | None
    high: float | None
    std: float | None
    raters: int
    abstentions: int
    weight: float  # share of the total actually used for this opportunity (0-1)

    @property
    def missing(self) -> bool:
        """No rater could score this factor: it is left out and its weight shared."""
        return self.mean is None


@dataclass(frozen=True)
class GroupResult:
    """A group's aggregated value: the weighted mean of its factor means on the card's scale
    (for risk and costs, higher means riskier), and the points it adds to the total."""

    key: str
    label: str
    value: float | None
    points: float


@dataclass(frozen=True)
class RaterScore:
    """One rater's score (None: abstained) and rationale in a disagreement."""

    rater: str
    score: float | None
    rationale: str


@dataclass(frozen=True)
class Disagreement:
    """Raters whose scores on a factor differ by 2 points or more, side by side."""

    opportunity: str
    factor: str
    spread: float
    scores: tuple[RaterScore, ...]


@dataclass(frozen=True)
class OpportunityResult:
    """An opportunity's line in the ranking, with the reasons for anything unusual."""

    opportunity: str
    total: float
    rank: int
    tied: bool
    groups: tuple[GroupResult, ...]
    factors: tuple[FactorResult, ...]
    notes: tuple[str, ...]

    @property
    def rank_label(self) -> str:
        """The rank as shown: `=2` when shared."""
        return f"={self.rank}" if self.tied else str(self.rank)


@dataclass(frozen=True)
class RoundResult:
    """A round ranked under one template and set of weights, best first."""

    template_id: str
    round: str
    weights: Weights
    ranking: tuple[OpportunityResult, ...]
    disagreements: tuple[Disagreement, ...]
    model: ScoreModel
    stats: FactorStats

    def by_opportunity(self) -> dict[str, OpportunityResult]:
        """Results keyed by opportunity."""
        return {r.opportunity: r for r in self.ranking}


def _num(value: np.floating | float) -> float | None:
    number = float(value)
    return None if np.isnan(number) else number


def _nan(value: float) -> float | None:
    return None if value != value else value


def rank_round(template: Template, scores: RoundScores, weights: Weights) -> RoundResult:
    """Aggregate, total and rank one round's scores."""
    stats = factor_stats(scores)
    model = ScoreModel.build(template, scores, stats)
    w = weights.vector(template)
    effective = model.effective_weights(w)
    totals = model.totals(w)
    order, ranks = competition_ranks(totals, scores.opportunities)
    shown = np.round(totals, RANK_DIGITS)
    counts = np.bincount(ranks, minlength=len(ranks) + 1)
    onehot = np.eye(len(template.groups))[model.group_of]
    points = 100.0 * (effective * model.contributions) @ onehot  # (O, G)
    raw_w = model.present * w
    with np.errstate(invalid="ignore", divide="ignore"):
        group_values = (raw_w * np.nan_to_num(stats.mean)) @ onehot / (raw_w @ onehot)
    factors = template.factors
    columns = {f.key: i for i, f in enumerate(factors)}
    gaps = set(np.flatnonzero(~model.present.all(axis=1)).tolist())
    keys = [f.key for f in factors]
    spread = [a.tolist() for a in (stats.mean, stats.low, stats.high, stats.std)]
    per_factor = np.stack([stats.count, stats.abstentions, effective], axis=-1).tolist()
    ranking = []
    for o in order:
        notes = []
        for group in template.groups if o in gaps else ():
            gone = [f.label for f in group.factors if not model.present[o, columns[f.key]]]
            if len(gone) == len(group.factors):
                notes.append(
                    f"No rater could score any {group.label} factor; the group is left out and "
                    "the other groups' weights scaled up."
                )
            elif gone:
                notes.append(
                    f"No rater could score {', '.join(gone)} (insufficient information); "
                    f"{'its' if len(gone) == 1 else 'their'} weight is shared among the other "
                    f"{group.label} factors."
                )
        ranking.append(
            OpportunityResult(
                opportunity=scores.opportunities[o],
                total=float(shown[o]),
                rank=int(ranks[o]),
                tied=bool(counts[ranks[o]] > 1),
                groups=tuple(
                    GroupResult(g.key, g.label, _num(group_values[o, gi]), float(points[o, gi]))
                    for gi, g in enumerate(template.groups)
                ),
                factors=tuple(
                    FactorResult(key, _nan(m), _nan(lo), _nan(hi), _nan(sd), int(n), int(na), w)
                    for key, (m, lo, hi, sd), (n, na, w) in zip(
                        keys, zip(*(a[o] for a in spread), strict=True), per_factor[o], strict=True
                    )
                ),
                notes=tuple(notes),
            )
        )
    return RoundResult(
        template.id,
        scores.name,
        weights,
        tuple(ranking),
        disagreements(scores, stats),
        model,
        stats,
    )


def disagreements(scores: RoundScores, stats: FactorStats) -> tuple[Disagreement, ...]:
    """Factors where the highest and lowest rater differ by DISAGREEMENT_POINTS or more, with
    every rater's score (or abstention) and rationale, in opportunity and card order."""
    with np.errstate(invalid="ignore"):
        flagged = np.argwhere(stats.high - stats.low >= DISAGREEMENT_POINTS)
    if not flagged.size:
        return ()
    columns = scores.scores[flagged[:, 0], :, flagged[:, 1]].tolist()
    abstained = scores.abstained[flagged[:, 0], :, flagged[:, 1]].tolist()
    spreads = (stats.high - stats.low)[flagged[:, 0], flagged[:, 1]].tolist()
    notes, raters = scores.rationales, scores.raters
    out = []
    for (o, f), column, gave_na, spread in zip(
        flagged.tolist(), columns, abstained, spreads, strict=True
    ):
        marks = tuple(
            RaterScore(raters[r], None if value != value else value, notes.get((o, r, f), ""))
            for r, (value, na) in enumerate(zip(column, gave_na, strict=True))
            if value == value or na
        )
        out.append(Disagreement(scores.opportunities[o], scores.factors[f], spread, marks))
    return tuple(out)


@dataclass(frozen=True)
class RoundPlace:
    """An opportunity's rank and total in one round; movement is places gained since the
    previous round it was scored in (positive: moved up)."""

    round: str
    rank: int | None
    total: float | None
    movement: int | None


@dataclass(frozen=True)
class RoundComparison:
    """One opportunity across rounds, in round order."""

    opportunity: str
    places: tuple[RoundPlace, ...]


def compare_rounds(results: Sequence[RoundResult]) -> tuple[RoundComparison, ...]:
    """Rank and total per round side by side, ordered by the latest round's ranking (then the
    opportunities it did not score, by name), with each movement between rounds."""
    if not results:
        return ()
    maps = [r.by_opportunity() for r in results]
    names = [r.opportunity for r in results[-1].ranking]
    names += sorted({n for m in maps for n in m} - set(names))
    rows = []
    for name in names:
        places, previous = [], None
        for result, found in zip(results, maps, strict=True):
            item = found.get(name)
            if item is None:
                places.append(RoundPlace(result.round, None, None, None))
                continue
            moved: int | None = None if previous is None else previous - item.rank
            places.append(RoundPlace(result.round, item.rank, item.total, moved))
            previous = item.rank
        rows.append(RoundComparison(name, tuple(places)))
    return tuple(rows)

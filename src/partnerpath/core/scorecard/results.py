"""A round's results: per factor the raters' mean and spread, each group's aggregated value, the
total, the rank, how much of the weight was scored, and where raters disagree; and several rounds
side by side. An opportunity with no usable score is left unranked (no total, no rank), never
given 0: an abstention is not a zero."""

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
LOW_COVERAGE = 0.60  # an opportunity ranked on less than this share of the weight is flagged
NOT_RANKED = "not enough scores to rank"


@dataclass(frozen=True)
class FactorResult:
    """One factor of one opportunity across raters; `missing` when nobody scored it (every
    rater wrote NA, or gave no row for it)."""

    key: str
    mean: float | None
    low: float | None
    high: float | None
    std: float | None
    raters: int
    abstentions: int  # raters who wrote NA (insufficient information)
    weight: float  # share of the total actually used for this opportunity (0-1)
    no_row: int  # raters who gave no row at all for it (a gap in the file, not an NA)

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
    """An opportunity's line in the ranking, with the reasons for anything unusual. Without any
    usable score it has no total and no rank (`ranked` is False)."""

    opportunity: str
    total: float | None
    rank: int | None
    tied: bool
    groups: tuple[GroupResult, ...]
    factors: tuple[FactorResult, ...]
    notes: tuple[str, ...]
    coverage: float  # share of the weight (0-1) on factors at least one rater scored
    low_coverage: bool  # ranked on less than the round's minimum coverage: say so loudly

    @property
    def ranked(self) -> bool:
        """Whether it has a total and a rank."""
        return self.rank is not None

    @property
    def rank_label(self) -> str:
        """The rank as shown: `=2` when shared, `not ranked` without enough scores."""
        if self.rank is None:
            return "not ranked"
        return f"={self.rank}" if self.tied else str(self.rank)


@dataclass(frozen=True)
class RoundResult:
    """A round ranked under one template and set of weights, best first, then the opportunities
    without enough scores to rank (by name). `model` holds the ranked opportunities only, so the
    sensitivity figures leave the unranked out."""

    template_id: str
    round: str
    weights: Weights
    ranking: tuple[OpportunityResult, ...]
    disagreements: tuple[Disagreement, ...]
    model: ScoreModel
    stats: FactorStats
    min_coverage: float = LOW_COVERAGE

    def by_opportunity(self) -> dict[str, OpportunityResult]:
        """Results keyed by opportunity."""
        return {r.opportunity: r for r in self.ranking}

    @property
    def ranked(self) -> tuple[OpportunityResult, ...]:
        """The opportunities with a total and a rank, best first."""
        return tuple(r for r in self.ranking if r.ranked)

    @property
    def unranked(self) -> tuple[OpportunityResult, ...]:
        """The opportunities without enough scores to rank, by name."""
        return tuple(r for r in self.ranking if not r.ranked)

    @property
    def low_coverage(self) -> tuple[OpportunityResult, ...]:
        """Ranked opportunities scored on less than `min_coverage` of the weight."""
        return tuple(r for r in self.ranking if r.low_coverage)


def _num(value: np.floating | float) -> float | None:
    number = float(value)
    return None if np.isnan(number) else number


def _nan(value: float) -> float | None:
    return None if value != value else value


def rank_round(
    template: Template,
    scores: RoundScores,
    weights: Weights,
    *,
    min_coverage: float = LOW_COVERAGE,
) -> RoundResult:
    """Aggregate, total and rank one round's scores. An opportunity with no score on any weighted
    factor is left unranked; one ranked on less than `min_coverage` of the weight is flagged."""
    stats = factor_stats(scores)
    full = ScoreModel.build(template, scores, stats)
    w = weights.vector(template)
    coverage = full.coverage(w)
    rankable = np.flatnonzero(coverage > 0)
    model = full.only(rankable)
    effective = full.effective_weights(w)  # rows of unrankable opportunities are all 0
    order_in, ranks_in = competition_ranks(model.totals(w), model.opportunities)
    unrankable = sorted(
        np.flatnonzero(coverage <= 0).tolist(), key=scores.opportunities.__getitem__
    )
    order = [*rankable[order_in].tolist(), *unrankable]
    totals = np.full(len(scores.opportunities), np.nan)
    totals[rankable] = np.round(model.totals(w), RANK_DIGITS)
    ranks = np.zeros(len(scores.opportunities), dtype=np.intp)
    ranks[rankable] = ranks_in
    counts = np.bincount(ranks_in, minlength=len(ranks_in) + 1)
    onehot = np.eye(len(template.groups))[full.group_of]
    points = 100.0 * (effective * full.contributions) @ onehot  # (O, G)
    raw_w = full.present * w
    with np.errstate(invalid="ignore", divide="ignore"):
        group_values = (raw_w * np.nan_to_num(stats.mean)) @ onehot / (raw_w @ onehot)
    factors = template.factors
    gaps = set(np.flatnonzero(~full.present.all(axis=1)).tolist())
    keys = [f.key for f in factors]
    spread = [a.tolist() for a in (stats.mean, stats.low, stats.high, stats.std)]
    no_row = len(scores.raters) - stats.count - stats.abstentions
    per_factor = np.stack([stats.count, stats.abstentions, effective, no_row], axis=-1).tolist()
    gaps_in = _Gaps(template, weights, full.present, stats.abstentions, no_row)
    ranking = []
    for o in order:
        ranked = bool(coverage[o] > 0)
        low = ranked and bool(coverage[o] < min_coverage)
        notes = gaps_in.notes(o, ranked) if o in gaps else []
        if low:
            notes.insert(0, _low_coverage_note(coverage[o], full.present[o], min_coverage))
        ranking.append(
            OpportunityResult(
                opportunity=scores.opportunities[o],
                total=float(totals[o]) if ranked else None,
                rank=int(ranks[o]) if ranked else None,
                tied=ranked and bool(counts[ranks[o]] > 1),
                groups=tuple(
                    GroupResult(g.key, g.label, _num(group_values[o, gi]), float(points[o, gi]))
                    for gi, g in enumerate(template.groups)
                ),
                factors=tuple(
                    FactorResult(
                        key, _nan(m), _nan(lo), _nan(hi), _nan(sd), int(n), int(na), w, int(gone)
                    )
                    for key, (m, lo, hi, sd), (n, na, w, gone) in zip(
                        keys, zip(*(a[o] for a in spread), strict=True), per_factor[o], strict=True
                    )
                ),
                notes=tuple(notes),
                coverage=float(coverage[o]),
                low_coverage=low,
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
        min_coverage,
    )


def _low_coverage_note(coverage: float, present: np.ndarray, min_coverage: float) -> str:
    return (
        f"Low coverage: only {coverage:.0%} of the weight was scored ({int(present.sum())} of "
        f"{present.size} factors), below {min_coverage:.0%}; its total and rank rest on the few "
        "factors scored. Score the others before relying on it."
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _why_unscored(na: int, no_row: int) -> str:
    """Why one factor has no score: raters wrote NA (an abstention), or gave no row for it."""
    if not no_row:
        return f"{'the rater' if na == 1 else 'every rater'} marked NA for insufficient information"
    if not na:
        return "no rater gave a score row"
    return f"{na} marked NA for insufficient information, {_plural(no_row, 'score row')} missing"


def _why_none_scored(na: np.ndarray) -> str:
    """Why several factors have no score, from the NAs written on each (0: no rows at all)."""
    abstained = int((na > 0).sum())
    if abstained == na.size:
        return "every score is NA for insufficient information"
    if not abstained:
        return "no rater gave a score row"
    return (
        f"NA for insufficient information on {_plural(abstained, 'factor')}, no score rows for "
        f"the other {na.size - abstained}"
    )


@dataclass(frozen=True)
class _Gaps:
    """Notes, in words, on the factors an opportunity has no score for."""

    template: Template
    weights: Weights
    present: np.ndarray  # (O, F)
    abstentions: np.ndarray  # (O, F) NAs written
    no_row: np.ndarray  # (O, F) raters without a row

    def notes(self, o: int, ranked: bool) -> list[str]:
        """What is left out of opportunity o's total and what happens to its weight."""
        columns = {f.key: i for i, f in enumerate(self.template.factors)}
        na, gone_rows = self.abstentions[o], self.no_row[o]
        if not ranked:
            scored = self.present[o]
            why = "only factors weighted 0 were scored" if scored.any() else _why_none_scored(na)
            return [
                f"No score on any factor: {why}. Not enough scores to rank: it has no total and "
                "is left out of the ranking and of the sensitivity figures."
            ]
        notes = []
        for group in self.template.groups:
            cols = [columns[f.key] for f in group.factors]
            gone = [
                (f, c) for f, c in zip(group.factors, cols, strict=True) if not self.present[o, c]
            ]
            if not gone:
                continue
            if len(gone) == len(group.factors):
                why = _why_none_scored(na[cols])
                share = self.weights.groups.get(group.key, 0.0)
                notes.append(
                    f"No score for any {group.label} factor: {why}. The group's {share:.0%} of "
                    "the weight is left out and the other groups' weights are scaled up to fill it."
                )
                continue
            reasons: dict[str, list[str]] = {}
            for f, c in gone:
                reasons.setdefault(_why_unscored(int(na[c]), int(gone_rows[c])), []).append(f.label)
            listed = "; ".join(f"{', '.join(labels)} ({why})" for why, labels in reasons.items())
            notes.append(
                f"No score for {listed}: {'its' if len(gone) == 1 else 'their'} weight is shared "
                f"among the other {group.label} factors."
            )
        return notes


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
    previous round it was ranked in (positive: moved up). `scored` with no rank: the round has
    rows for it but not enough scores to rank it."""

    round: str
    rank: int | None
    total: float | None
    movement: int | None
    scored: bool


@dataclass(frozen=True)
class RoundComparison:
    """One opportunity across rounds, in round order."""

    opportunity: str
    places: tuple[RoundPlace, ...]


def compare_rounds(results: Sequence[RoundResult]) -> tuple[RoundComparison, ...]:
    """Rank and total per round side by side, ordered by the latest round's ranking (its unranked
    opportunities after the ranked ones, then the opportunities it did not score, by name), with
    each movement between the rounds that ranked it."""
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
            if item is None or item.rank is None:
                places.append(RoundPlace(result.round, None, None, None, item is not None))
                continue
            moved: int | None = None if previous is None else previous - item.rank
            places.append(RoundPlace(result.round, item.rank, item.total, moved, True))
            previous = item.rank
        rows.append(RoundComparison(name, tuple(places)))
    return tuple(rows)

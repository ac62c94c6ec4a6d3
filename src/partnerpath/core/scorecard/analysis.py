"""One call from scores to everything a prioritisation meeting looks at: each round ranked, the
rounds compared, and the latest round's sensitivity to the weights. Also the plain-data form the
CLI's JSON, the API and stored results use."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from partnerpath.core.scorecard.results import (
    RoundComparison,
    RoundResult,
    compare_rounds,
    rank_round,
)
from partnerpath.core.scorecard.scores import RoundScores
from partnerpath.core.scorecard.sensitivity import (
    DEFAULT_CONCENTRATION,
    DEFAULT_SAMPLES,
    DEFAULT_SWING,
    Progress,
    Stability,
    TopChange,
    TornadoBar,
    rank_stability,
    smallest_top_change,
    tornado,
)
from partnerpath.core.scorecard.template import Template
from partnerpath.core.scorecard.weights import Weights, consistency_data

DEFAULT_TOP_K = 5


@dataclass(frozen=True)
class Analysis:
    """Rounds ranked and compared; stability, tornado and top-k change for the latest round."""

    template: Template
    rounds: tuple[RoundResult, ...]
    comparison: tuple[RoundComparison, ...]
    stability: dict[str, Stability]
    tornado: dict[str, tuple[TornadoBar, ...]]
    top_change: TopChange | None
    top_k: int
    samples: int
    concentration: float
    seed: int
    swing: float

    @property
    def latest(self) -> RoundResult:
        """The last round: the one the sensitivity analysis is about."""
        return self.rounds[-1]


def analyse(
    template: Template,
    rounds: Sequence[RoundScores],
    weights: Weights,
    *,
    top_k: int = DEFAULT_TOP_K,
    samples: int = DEFAULT_SAMPLES,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
    swing: float = DEFAULT_SWING,
    progress: Progress | None = None,
) -> Analysis:
    """Rank every round with the same weights and test the latest round's ranking against them.
    samples=0 skips the random-weight part (the exact top-k change and tornado still run). Only
    ranked opportunities take part: the unranked have no total to vary."""
    if not rounds:
        raise ValueError("no rounds to rank")
    if top_k < 1:
        raise ValueError(f"k must be at least 1, got {top_k}")
    if not 0 < swing < 1:
        raise ValueError(f"the tornado swing must be between 0 and 1, got {swing:g}")
    results = tuple(rank_round(template, r, weights) for r in rounds)
    latest = results[-1]
    model, vector = latest.model, weights.vector(template)
    stability: dict[str, Stability] = {}
    if samples and model.opportunities:
        found = rank_stability(
            model,
            vector,
            top_k=top_k,
            samples=samples,
            concentration=concentration,
            seed=seed,
            progress=progress,
        )
        stability = {s.opportunity: s for s in found}
    index = {name: i for i, name in enumerate(model.opportunities)}
    order = [index[r.opportunity] for r in latest.ranked]
    return Analysis(
        template,
        results,
        compare_rounds(results),
        stability,
        tornado(model, vector, order[:top_k], swing) if order else {},
        smallest_top_change(model, vector, np.array(order, dtype=np.intp), top_k),
        top_k,
        samples,
        concentration,
        seed,
        swing,
    )


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def round_data(result: RoundResult) -> dict[str, Any]:
    """A round's results as plain data."""
    return {
        "round": result.round,
        "template": result.template_id,
        "min_coverage": round(100 * result.min_coverage, 4),
        "weights": {
            "method": result.weights.method,
            "factors": {k: round(100 * v, 4) for k, v in result.weights.factors.items()},
            "groups": {k: round(100 * v, 4) for k, v in result.weights.groups.items()},
            "consistency": [consistency_data(c, 4) for c in result.weights.consistency],
        },
        "ranking": [
            {
                "opportunity": r.opportunity,
                "ranked": r.ranked,
                "rank": r.rank,
                "tied": r.tied,
                "total": r.total,
                "coverage": round(100 * r.coverage, 2),
                "low_coverage": r.low_coverage,
                "groups": {
                    g.key: {"value": _round(g.value), "points": round(g.points, 4)}
                    for g in r.groups
                },
                "factors": {
                    f.key: {
                        "mean": _round(f.mean),
                        "min": f.low,
                        "max": f.high,
                        "std": _round(f.std),
                        "raters": f.raters,
                        "abstentions": f.abstentions,
                        "no_row": f.no_row,
                        "weight": round(100 * f.weight, 4),
                    }
                    for f in r.factors
                },
                "notes": list(r.notes),
            }
            for r in result.ranking
        ],
        "disagreements": [
            {
                "opportunity": d.opportunity,
                "factor": d.factor,
                "spread": d.spread,
                "scores": [
                    {"rater": s.rater, "score": s.score, "rationale": s.rationale} for s in d.scores
                ],
            }
            for d in result.disagreements
        ],
    }


def analysis_data(analysis: Analysis) -> dict[str, Any]:
    """The whole analysis as plain data (JSON-ready)."""
    change = analysis.top_change
    return {
        "template": analysis.template.id,
        "rounds": [round_data(r) for r in analysis.rounds],
        "comparison": [
            {
                "opportunity": c.opportunity,
                "rounds": [
                    {
                        "round": p.round,
                        "scored": p.scored,
                        "rank": p.rank,
                        "total": p.total,
                        "movement": p.movement,
                    }
                    for p in c.places
                ],
            }
            for c in analysis.comparison
        ],
        "sensitivity": {
            "round": analysis.latest.round,
            "top_k": analysis.top_k,
            "samples": analysis.samples,
            "distribution": "dirichlet",
            "concentration": analysis.concentration,
            "seed": analysis.seed,
            "stability": {
                name: {"p_top_k": round(s.p_top_k, 4), "p_first": round(s.p_first, 4)}
                for name, s in analysis.stability.items()
            },
            "tornado_swing": analysis.swing,
            "tornado": {
                name: [
                    {
                        "item": b.item,
                        "kind": b.kind,
                        "total_low": round(b.total_low, 4),
                        "total_high": round(b.total_high, 4),
                        "rank_low": b.rank_low,
                        "rank_high": b.rank_high,
                    }
                    for b in bars
                ]
                for name, bars in analysis.tornado.items()
            },
            "smallest_top_k_change": None
            if change is None
            else {
                "distance": "half L1: percentage points of weight moved",
                "moved": change.moved,
                "leaving": change.leaving,
                "entering": change.entering,
                "changes": dict(change.changes),
                "exact": change.exact,
            },
        },
    }

"""How robust a ranking is to the weights: rank stability under random weights around the agreed
ones, a tornado of the weights that move an opportunity most, and the smallest change of weights
that would change the top k. All vectorised with numpy over samples and opportunities."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from partnerpath.core.scorecard.model import ScoreModel

DEFAULT_SAMPLES = 10_000
DEFAULT_CONCENTRATION = 100.0
DEFAULT_SWING = 0.20
CHUNK = 1_000
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Stability:
    """Share of weight samples in which an opportunity is in the top k, and ranks first."""

    opportunity: str
    p_top_k: float
    p_first: float


def weight_samples(
    weights: np.ndarray, samples: int, concentration: float, rng: np.random.Generator
) -> np.ndarray:
    """Weight vectors (samples, F) from a Dirichlet centred on the agreed weights: alpha =
    concentration * w, so each weight's mean is w_f and its variance w_f (1 - w_f) /
    (concentration + 1). Factors weighted 0 stay at 0."""
    if concentration <= 0:
        raise ValueError(f"the concentration must be above 0, got {concentration:g}")
    used = weights > 0
    out = np.zeros((samples, weights.size))
    out[:, used] = rng.dirichlet(concentration * weights[used] / weights[used].sum(), samples)
    return out


def rank_stability(
    model: ScoreModel,
    weights: np.ndarray,
    *,
    top_k: int,
    samples: int = DEFAULT_SAMPLES,
    concentration: float = DEFAULT_CONCENTRATION,
    seed: int = 0,
    progress: Progress | None = None,
) -> tuple[Stability, ...]:
    """P(top k) and P(rank 1) per opportunity over `samples` Dirichlet weight draws (seeded, so
    the same inputs give the same figures). In a draw an opportunity is in the top k when its
    total is at least the k-th highest; ties for first count for each tied opportunity."""
    if samples < 1:
        raise ValueError(f"the number of samples must be at least 1, got {samples}")
    if top_k < 1:
        raise ValueError(f"k must be at least 1, got {top_k}")
    rng = np.random.default_rng(seed)
    count = len(model.opportunities)
    k = min(top_k, count)
    in_top = np.zeros(count)
    first = np.zeros(count)
    done = 0
    while done < samples:
        size = min(CHUNK, samples - done)
        totals = model.totals(weight_samples(weights, size, concentration, rng))
        threshold = np.partition(totals, count - k, axis=1)[:, count - k]
        in_top += (totals >= threshold[:, None]).sum(axis=0)
        first += (totals >= totals.max(axis=1, keepdims=True)).sum(axis=0)
        done += size
        if progress is not None:
            progress(done, samples)
    return tuple(
        Stability(name, float(in_top[i] / samples), float(first[i] / samples))
        for i, name in enumerate(model.opportunities)
    )


@dataclass(frozen=True)
class TornadoBar:
    """An opportunity's total and rank with one weight (a factor's or a whole group's) lowered
    and raised by the swing, the other weights scaled to keep the sum at 100."""

    item: str
    kind: str  # "factor" or "group"
    total_low: float  # at weight * (1 - swing)
    total_high: float  # at weight * (1 + swing)
    rank_low: int
    rank_high: int

    @property
    def width(self) -> float:
        """How far the total moves across the swing."""
        return abs(self.total_high - self.total_low)


def swung(weights: np.ndarray, mask: np.ndarray, factor: float) -> np.ndarray:
    """Weights with the masked ones multiplied by `factor` and the others rescaled so the sum
    stays 1 (unchanged when the masked weights are all the weight there is)."""
    part = weights[mask].sum()
    rest = 1.0 - part
    if rest <= 0 or part <= 0:
        return weights.copy()
    new_part = min(part * factor, 1.0)
    out: np.ndarray = weights * (1.0 - new_part) / rest
    out[mask] = weights[mask] * new_part / part
    return out


def tornado(
    model: ScoreModel,
    weights: np.ndarray,
    opportunities: Sequence[int],
    swing: float = DEFAULT_SWING,
) -> dict[str, tuple[TornadoBar, ...]]:
    """For each chosen opportunity (by index), one bar per factor and per group weight, widest
    first: which weights move its total and rank most."""
    keys = np.array(model.factors)
    items = [(key, "factor", keys == key) for key in model.factors]
    items += [(g, "group", model.group_of == i) for i, g in enumerate(model.groups)]
    vectors = np.array(
        [swung(weights, mask, 1 + s) for _, _, mask in items for s in (-swing, swing)]
    )
    totals = model.totals(vectors)  # (2 * items, O)
    ordered = -np.sort(-totals, axis=1)
    ranks = np.array(
        [np.searchsorted(-ordered[r], -totals[r], side="left") + 1 for r in range(len(totals))]
    )
    out = {}
    for o in opportunities:
        bars = [
            TornadoBar(
                key,
                kind,
                float(totals[2 * i, o]),
                float(totals[2 * i + 1, o]),
                int(ranks[2 * i, o]),
                int(ranks[2 * i + 1, o]),
            )
            for i, (key, kind, _) in enumerate(items)
        ]
        bars.sort(key=lambda b: (-b.width, -abs(b.rank_high - b.rank_low), b.item))
        out[model.opportunities[o]] = tuple(bars)
    return out


@dataclass(frozen=True)
class TopChange:
    """The least reweighting that changes the top k: `moved` percentage points of weight (half
    the L1 distance between the weight vectors) taken from some factors and given to one, after
    which `entering` ties with or overtakes `leaving`."""

    moved: float
    leaving: str
    entering: str
    changes: tuple[tuple[str, float], ...]  # (factor, change in percentage points)
    exact: bool  # False when missing factors make the totals only locally linear


def smallest_top_change(
    model: ScoreModel, weights: np.ndarray, order: np.ndarray, top_k: int
) -> TopChange | None:
    """Exact for the linear model total = 100 * w . c. The top k changes as soon as some
    opportunity j outside it reaches some i inside it, i.e. w . (c_i - c_j) <= 0. For one pair,
    with d = c_i - c_j, moving t of weight onto the factor with the smallest d and off the
    factors with the largest d (as far as their weight allows) closes the gap fastest per unit
    moved, so the least t is a greedy fill along d sorted downwards. The answer is the least t
    over all pairs. None when no reweighting can change the top k."""
    count = len(order)
    if top_k < 1 or top_k >= count:
        return None
    linear = model.imputed(weights)
    inside, outside = order[:top_k], order[top_k:]
    best: tuple[float, int, int, np.ndarray, np.ndarray] | None = None
    step = max(1, 2_000_000 // max(outside.size * weights.size, 1))
    for start in range(0, inside.size, step):
        block = inside[start : start + step]
        diff = (linear[block][:, None, :] - linear[outside][None, :, :]).reshape(-1, weights.size)
        gap = np.maximum(diff @ weights, 0.0)
        target = diff.argmin(axis=1)
        relief = diff - diff.min(axis=1, keepdims=True)
        sources = np.argsort(-relief, axis=1, kind="stable")
        relief_s = np.take_along_axis(relief, sources, axis=1)
        mass_s = weights[sources]
        closed = np.cumsum(mass_s * relief_s, axis=1)
        mass = np.cumsum(mass_s, axis=1)
        enough = closed >= gap[:, None] - 1e-12
        feasible = enough[:, -1]
        if not feasible.any():
            continue
        stop = enough.argmax(axis=1)
        rows = np.arange(diff.shape[0])
        prev_closed = np.where(stop > 0, closed[rows, stop - 1], 0.0)
        prev_mass = np.where(stop > 0, mass[rows, stop - 1], 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            partial = np.where(gap > prev_closed, (gap - prev_closed) / relief_s[rows, stop], 0.0)
        moved = np.where(feasible, prev_mass + partial, np.inf)
        pick = int(moved.argmin())
        if best is None or moved[pick] < best[0]:
            take = np.zeros(weights.size)
            s = int(stop[pick])
            take[sources[pick, :s]] = mass_s[pick, :s]
            take[sources[pick, s]] += moved[pick] - prev_mass[pick]
            take[target[pick]] -= moved[pick]
            i, j = divmod(pick, outside.size)
            best = (float(moved[pick]), int(block[i]), int(outside[j]), take, diff[pick])
    if best is None:
        return None
    moved_t, i, j, take, _ = best
    changes = tuple(
        (model.factors[f], round(-100.0 * float(take[f]), 4))
        for f in np.argsort(take)
        if abs(take[f]) > 1e-12
    )
    return TopChange(
        round(100.0 * moved_t, 4),
        model.opportunities[i],
        model.opportunities[j],
        changes,
        bool(model.present.all()),
    )

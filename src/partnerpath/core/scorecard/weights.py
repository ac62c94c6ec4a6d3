"""Weights of a score card: the template's defaults, entered directly (percentages summing to
100), or derived from pairwise comparisons with the Analytic Hierarchy Process (AHP)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from partnerpath.core.scorecard.template import Template, effective_weights

# Saaty's random consistency index by matrix size (Saaty 1980; 11-15 from Saaty 2008's table).
RANDOM_INDEX = (0.0, 0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56,
                1.57, 1.59)  # fmt: skip
MAX_CONSISTENCY_RATIO = 0.10
GROUPS = "the groups"  # the label of the groups' own comparison matrix
SUM_TOLERANCE = 0.01


class WeightsError(ValueError):
    """Weights that cannot be used; the message says what to change."""


@dataclass(frozen=True)
class Consistency:
    """How consistent one matrix of pairwise comparisons is. CR above 0.10 means the judgements
    contradict one another too much (e.g. A > B, B > C but C > A) for the weights to be used."""

    items: tuple[str, ...]
    lambda_max: float
    index: float  # CI = (lambda_max - n) / (n - 1)
    ratio: float  # CR = CI / RI(n); 0 for n <= 2
    group: str  # the group whose factors were compared; empty: the groups themselves
    label: str  # GROUPS, or the label of the group whose factors were compared
    matrix: tuple[tuple[float, ...], ...] = ()  # the reciprocal matrix, rows in `items` order
    priorities: tuple[float, ...] = ()  # the local weights, in `items` order

    @property
    def acceptable(self) -> bool:
        """Saaty's rule: a ratio of 0.10 or less is consistent enough."""
        return self.ratio <= MAX_CONSISTENCY_RATIO

    @property
    def compared(self) -> str:
        """What was compared, in words: the groups, or the factors of one group."""
        return f"the factors of {self.label}" if self.group else self.label


@dataclass(frozen=True)
class Weights:
    """Agreed weights: each factor's share of the total (summing to 1) and how they were set."""

    factors: Mapping[str, float]
    groups: Mapping[str, float]
    method: str  # "template", "direct" or "ahp"
    consistency: tuple[Consistency, ...] = field(default=())

    def vector(self, template: Template) -> np.ndarray:
        """Factor weights in the template's card order."""
        return np.array([self.factors[f.key] for f in template.factors], dtype=float)


def template_weights(template: Template) -> Weights:
    """The template's default weights."""
    factors = effective_weights(template)
    groups = {g.key: g.weight / 100 for g in template.groups}
    return Weights(factors, groups, "template")


def _check_sum(values: Mapping[str, float], what: str) -> None:
    negative = [k for k, v in values.items() if v < 0]
    if negative:
        raise WeightsError(f"{what}: weights must not be negative ({', '.join(negative)})")
    total = sum(values.values())
    if abs(total - 100) > SUM_TOLERANCE:
        shown = ", ".join(f"{k} {v:g}" for k, v in values.items())
        raise WeightsError(f"{what} must sum to 100, got {total:g} ({shown})")


def _keys(template: Template, given: Mapping[str, float], kind: str) -> dict[str, float]:
    """Map names written by people (key, label or alias) to keys; unknown names are errors."""
    out: dict[str, float] = {}
    for name, value in given.items():
        if kind == "group":
            matches = [
                g.key
                for g in template.groups
                if name.casefold()
                in {g.key.casefold(), g.label.casefold()} | {a.casefold() for a in g.aliases}
            ]
            key = matches[0] if matches else None
        else:
            key = template.resolve(name)
        if key is None:
            known = (
                [g.key for g in template.groups]
                if kind == "group"
                else [f.key for f in template.factors]
            )
            raise WeightsError(f"unknown {kind} {name!r}; known: {', '.join(known)}")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise WeightsError(f"{kind} {name!r}: weight must be a number, got {value!r}")
        if not math.isfinite(value):
            # NaN slips through every comparison (a NaN sum is never "off 100"), so say so here.
            raise WeightsError(
                f"{kind} {name!r}: weight must be a finite percentage, got {value!r}; write a "
                "number such as 25"
            )
        if value < 0:
            raise WeightsError(f"{kind} {name!r}: weight must not be negative, got {value:g}")
        out[key] = float(value)
    return out


def direct_weights(
    template: Template,
    groups: Mapping[str, float] | None = None,
    factors: Mapping[str, float] | None = None,
) -> Weights:
    """Weights entered as percentages. Groups only: group weights sum to 100 and factors keep the
    template's shares within their group. Factors only: all factor weights sum to 100. Both:
    groups sum to 100 and each group's factors sum to 100 within the group."""
    if not groups and not factors:
        raise WeightsError("no weights given: enter group weights, factor weights or both")
    group_pct = _keys(template, groups or {}, "group")
    factor_pct = _keys(template, factors or {}, "factor")
    if group_pct:
        missing = [g.key for g in template.groups if g.key not in group_pct]
        if missing:
            raise WeightsError(f"group weights are missing for {', '.join(missing)}")
        _check_sum(group_pct, "group weights")
    if factor_pct:
        missing = [f.key for f in template.factors if f.key not in factor_pct]
        if missing:
            raise WeightsError(f"factor weights are missing for {', '.join(missing)}")
    shares: dict[str, float] = {}
    if factor_pct and group_pct:
        for group in template.groups:
            _check_sum(
                {f.key: factor_pct[f.key] for f in group.factors},
                f"factor weights within group {group.key}",
            )
            for f in group.factors:
                shares[f.key] = group_pct[group.key] / 100 * factor_pct[f.key] / 100
    elif factor_pct:
        _check_sum(factor_pct, "factor weights")
        shares = {k: v / 100 for k, v in factor_pct.items()}
    else:
        shares = {
            f.key: group_pct[g.key] / 100 * f.weight / 100
            for g in template.groups
            for f in g.factors
        }
    group_share = {g.key: sum(shares[f.key] for f in g.factors) for g in template.groups}
    return Weights(shares, group_share, "direct")


def saaty_value(value: Any) -> float:
    """A pairwise judgement on Saaty's scale: 1-9, or its reciprocal written as `1/3` or 0.333."""
    if isinstance(value, str):
        try:
            number = float(Fraction(value.strip()))
        except (ValueError, ZeroDivisionError):
            raise WeightsError(f"judgement {value!r} is not a number such as 3 or 1/3") from None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        raise WeightsError(f"judgement {value!r} is not a number such as 3 or 1/3")
    if not 1 / 9 - 1e-3 <= number <= 9 + 1e-9:
        raise WeightsError(f"judgement {value!r} is outside Saaty's scale 1/9 to 9")
    return number


def ahp_priorities(
    items: Sequence[str],
    comparisons: Sequence[tuple[str, str, Any]],
    group: str = "",
    label: str = GROUPS,
) -> tuple[dict[str, float], Consistency]:
    """Priorities from pairwise comparisons `(a, b, v)`: a is v times as important as b. Every
    pair must be judged once. The priorities are the principal eigenvector of the reciprocal
    matrix (summing to 1); the consistency ratio compares its eigenvalue with random matrices."""
    n = len(items)
    index = {item: i for i, item in enumerate(items)}
    matrix = np.ones((n, n))
    seen: dict[frozenset[str], tuple[str, str]] = {}
    for a, b, raw in comparisons:
        for name in (a, b):
            if name not in index:
                raise WeightsError(
                    f"comparison {a} vs {b}: unknown {name!r}; known: {', '.join(items)}"
                )
        if a == b:
            raise WeightsError(f"comparison {a} vs {b}: compare two different items")
        pair = frozenset((a, b))
        if pair in seen:
            raise WeightsError(f"comparison {a} vs {b}: the pair is judged twice")
        seen[pair] = (a, b)
        value = saaty_value(raw)
        matrix[index[a], index[b]] = value
        matrix[index[b], index[a]] = 1 / value
    missing = [
        f"{items[i]} vs {items[j]}"
        for i in range(n)
        for j in range(i + 1, n)
        if frozenset((items[i], items[j])) not in seen
    ]
    if missing:
        raise WeightsError(f"pairwise comparisons are missing for {', '.join(missing)}")
    eigenvalues, eigenvectors = np.linalg.eig(matrix)
    principal = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, principal].real)
    vector = vector / vector.sum()
    lambda_max = float(eigenvalues[principal].real)
    ci = (lambda_max - n) / (n - 1) if n > 2 else 0.0  # n <= 2 is consistent by construction
    ri = RANDOM_INDEX[n] if n < len(RANDOM_INDEX) else RANDOM_INDEX[-1]
    cr = max(ci / ri, 0.0) if ri else 0.0
    consistency = Consistency(
        tuple(items),
        lambda_max,
        ci,
        cr,
        group,
        label,
        tuple(tuple(float(v) for v in row) for row in matrix),
        tuple(float(v) for v in vector),
    )
    return {item: float(vector[i]) for i, item in enumerate(items)}, consistency


def ahp_derive(
    template: Template,
    groups: Sequence[tuple[str, str, Any]],
    factors: Mapping[str, Sequence[tuple[str, str, Any]]] | None = None,
) -> Weights:
    """Hierarchical AHP weights (group priority x local factor priority), not yet refused."""
    # A group with one factor needs no comparison (ratio 0); a group left without comparisons
    # keeps the template's shares. Callers show every ratio, even those that will be refused.
    group_keys = [g.key for g in template.groups]
    named = [(_group_key(template, a), _group_key(template, b), v) for a, b, v in groups]
    group_share, consistency = ahp_priorities(group_keys, named, "", GROUPS)
    within_given = {_group_key(template, g): list(c) for g, c in (factors or {}).items()}
    checks = [consistency]
    shares: dict[str, float] = {}
    for group in template.groups:
        own = within_given.get(group.key)
        keys = [f.key for f in group.factors]
        if own or len(keys) == 1:
            try:
                names = [
                    (_factor_key(template, a), _factor_key(template, b), v) for a, b, v in own or []
                ]
                within, check = ahp_priorities(keys, names, group.key, group.label)
            except WeightsError as exc:
                raise WeightsError(f"factors of {group.label}: {exc}") from None
            checks.append(check)
        else:
            within = {f.key: f.weight / 100 for f in group.factors}
        for f in group.factors:
            shares[f.key] = group_share[group.key] * within[f.key]
    return Weights(shares, group_share, "ahp", tuple(checks))


def inconsistent(checks: Sequence[Consistency]) -> str:
    """Why comparisons are refused, naming every matrix above 0.10 ("" when none is)."""
    parts = [
        f"the comparisons of {c.compared} are inconsistent: consistency ratio {c.ratio:.3f} "
        f"is above {MAX_CONSISTENCY_RATIO:.2f}"
        for c in checks
        if not c.acceptable
    ]
    if not parts:
        return ""
    return "; ".join(parts) + "; revisit the judgements that contradict each other"


def ahp_weights(
    template: Template,
    groups: Sequence[tuple[str, str, Any]],
    factors: Mapping[str, Sequence[tuple[str, str, Any]]] | None = None,
) -> Weights:
    """Hierarchical AHP weights, refused when any matrix's consistency ratio is above 0.10."""
    # `factors` maps a group to the comparisons of its factors; the message names every
    # inconsistent matrix with its ratio.
    weights = ahp_derive(template, groups, factors)
    problem = inconsistent(weights.consistency)
    if problem:
        raise WeightsError(problem)
    return weights


def consistency_data(check: Consistency, digits: int | None = None) -> dict[str, Any]:
    """One comparison matrix with its priorities and ratios, as stored and shown (or rounded)."""

    def number(value: float) -> float:
        return value if digits is None else round(value, digits)

    return {
        "group": check.group,
        "label": check.label,
        "items": list(check.items),
        "matrix": [[number(v) for v in row] for row in check.matrix],
        "priorities": [number(v) for v in check.priorities],
        "lambda_max": number(check.lambda_max),
        "index": number(check.index),
        "ratio": number(check.ratio),
    }


def consistency_from_data(data: Mapping[str, Any]) -> Consistency:
    """A stored comparison matrix back as the core's consistency."""
    return Consistency(
        tuple(data["items"]),
        float(data["lambda_max"]),
        float(data["index"]),
        float(data["ratio"]),
        str(data.get("group", "")),
        str(data.get("label", GROUPS)),
        tuple(tuple(float(v) for v in row) for row in data.get("matrix", [])),
        tuple(float(v) for v in data.get("priorities", [])),
    )


def _group_key(template: Template, name: str) -> str:
    return next(iter(_keys(template, {name: 1.0}, "group")))


def _factor_key(template: Template, name: str) -> str:
    return next(iter(_keys(template, {name: 1.0}, "factor")))


def weights_from_data(template: Template, data: Any) -> Weights:
    """Weights from a parsed weights file: `{groups: {...}, factors: {...}}` with percentages,
    or `{ahp: {groups: [[a, b, 3], ...], factors: {group: [[a, b, 1/3], ...]}}}`."""
    if not isinstance(data, dict):
        raise WeightsError("a weights file holds a mapping with groups/factors or ahp")
    if "ahp" in data:
        ahp = data["ahp"]
        if not isinstance(ahp, dict) or not isinstance(ahp.get("groups"), list):
            raise WeightsError("ahp: needs groups: a list of [a, b, judgement] comparisons")
        factor_data = ahp.get("factors") or {}
        if not isinstance(factor_data, dict):
            raise WeightsError("ahp.factors: a mapping from group to its list of comparisons")
        within = {
            _group_key(template, g): _triples(v, f"ahp.factors.{g}") for g, v in factor_data.items()
        }
        return ahp_weights(template, _triples(ahp["groups"], "ahp.groups"), within)
    unknown = sorted(set(data) - {"groups", "factors"})
    if unknown:
        raise WeightsError(f"unknown section(s) {', '.join(unknown)}; use groups, factors or ahp")
    for section in ("groups", "factors"):
        if section in data and not isinstance(data[section], dict):
            raise WeightsError(f"{section}: a mapping from name to percentage")
    return direct_weights(template, data.get("groups"), data.get("factors"))


def _triples(value: Any, where: str) -> list[tuple[str, str, Any]]:
    if not isinstance(value, list):
        raise WeightsError(f"{where}: a list of [a, b, judgement] comparisons")
    out = []
    for i, item in enumerate(value):
        if not (isinstance(item, list) and len(item) == 3):
            raise WeightsError(f"{where}[{i}]: write [a, b, judgement], got {item!r}")
        out.append((str(item[0]), str(item[1]), item[2]))
    return out

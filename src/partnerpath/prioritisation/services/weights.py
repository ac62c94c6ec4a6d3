"""Weights agreed on record: entered directly (percentages summing to 100) or derived from
pairwise comparisons of the groups and of the factors within each group (hierarchical AHP,
refused when any matrix's consistency ratio is above 0.10). The core checks them; the decision
stores who agreed them, when and why, with every comparison matrix and its ratio."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from partnerpath.accounts.models import Programme
from partnerpath.audit.context import because
from partnerpath.core.scorecard.template import Template
from partnerpath.core.scorecard.weights import (
    SUM_TOLERANCE,
    Weights,
    WeightsError,
    ahp_derive,
    consistency_data,
    direct_weights,
    inconsistent,
)
from partnerpath.prioritisation.models import ScorecardTemplateVersion, WeightDecision

Comparison = tuple[str, str, Any]

__all__ = [
    "AhpRefused",
    "DecisionLine",
    "WeightsError",
    "decision_lines",
    "decisions_of",
    "record_ahp",
    "record_direct",
]


def decisions_of(programme: Programme) -> QuerySet[WeightDecision]:
    """The programme's weight decisions, newest first, with their template and who agreed."""
    return WeightDecision.objects.filter(programme=programme).select_related(
        "template_version", "agreed_by"
    )


@dataclass(frozen=True)
class DecisionLine:
    """A weight decision as the weights list shows it: group weights under their labels."""

    decision: WeightDecision
    groups: list[tuple[str, float]]  # (group label, percent of the total)


def decision_lines(programme: Programme) -> list[DecisionLine]:
    """The programme's weight decisions, newest first, with their groups' labels and weights."""
    lines = []
    cards: dict[int, Template] = {}  # each version's card is read once, however many decisions
    for decision in decisions_of(programme):
        version = decision.template_version
        template = cards.setdefault(version.pk, version.template)
        stored = decision.group_weights  # in card order: PostgreSQL's jsonb sorts its keys
        shares = [(g.label, 100 * float(stored[g.key])) for g in template.groups if g.key in stored]
        lines.append(DecisionLine(decision, shares))
    return lines


def _store(
    version: ScorecardTemplateVersion,
    weights: Weights,
    entered: dict[str, Any],
    user: Any,
    agreed_on: dt.date,
    reason: str,
) -> WeightDecision:
    if not reason.strip():
        raise WeightsError("say why these weights were agreed")
    if agreed_on > timezone.localdate():
        raise WeightsError(
            f"the weights were agreed on {agreed_on:%d %b %Y}, after today: record them once agreed"
        )
    ratio = max((c.ratio for c in weights.consistency), default=None)
    with transaction.atomic(), because(reason):
        return WeightDecision.objects.create(
            programme=version.programme,
            template_version=version,
            method=weights.method,
            entered=entered,
            factor_weights=dict(weights.factors),
            group_weights=dict(weights.groups),
            consistency_ratio=ratio,
            consistency=[consistency_data(c) for c in weights.consistency],
            agreed_by=user,
            agreed_on=agreed_on,
            reason=reason.strip(),
        )


def record_direct(
    version: ScorecardTemplateVersion,
    groups: Mapping[str, float],
    factors: Mapping[str, float] | None,
    user: Any,
    agreed_on: dt.date,
    reason: str,
) -> WeightDecision:
    """Weights entered as percentages; WeightsError (with the sums, by label) when they do not
    add up."""
    _check_sums(version.template, groups, factors or {})
    weights = direct_weights(version.template, groups, factors or None)
    entered = {"groups": dict(groups), "factors": dict(factors or {})}
    return _store(version, weights, entered, user, agreed_on, reason)


def _check_sums(
    template: Template, groups: Mapping[str, float], factors: Mapping[str, float]
) -> None:
    """The sums of weights entered by key, said with the labels people see (the core's own
    checks, which also take labels and aliases, name keys)."""

    def shown(values: Mapping[str, float]) -> str:
        return ", ".join(f"{labels[k]} {v:g}" for k, v in values.items())

    labels = {g.key: g.label for g in template.groups} | {f.key: f.label for f in template.factors}
    if groups and set(groups) == {g.key for g in template.groups}:
        total = sum(groups.values())
        if abs(total - 100) > SUM_TOLERANCE:
            raise WeightsError(f"group weights must sum to 100, got {total:g} ({shown(groups)})")
    if not (groups and set(factors) == {f.key for f in template.factors}):
        return
    for group in template.groups:
        shares = {f.key: factors[f.key] for f in group.factors}
        total = sum(shares.values())
        if abs(total - 100) > SUM_TOLERANCE:
            raise WeightsError(
                f"factor weights within {group.label} must sum to 100, got {total:g} "
                f"({shown(shares)})"
            )


class AhpRefused(WeightsError):
    """AHP weights not recorded, with those derived (every ratio, to show) if they could be."""

    def __init__(self, message: str, derived: Weights | None) -> None:
        super().__init__(message)
        self.derived = derived


def record_ahp(
    version: ScorecardTemplateVersion,
    comparisons: Sequence[Comparison],
    user: Any,
    agreed_on: dt.date,
    reason: str,
    factors: Mapping[str, Sequence[Comparison]] | None = None,
) -> WeightDecision:
    """Record AHP weights of the groups and of each group's factors; AhpRefused above CR 0.10."""
    entered: dict[str, Any] = {"groups": [[a, b, str(v)] for a, b, v in comparisons]}
    if factors:
        entered["factors"] = {g: [[a, b, str(v)] for a, b, v in c] for g, c in factors.items()}
    derived = None
    try:
        derived = ahp_derive(version.template, comparisons, factors)
        problem = inconsistent(derived.consistency)
        if problem:
            raise WeightsError(problem)
        return _store(version, derived, entered, user, agreed_on, reason)
    except WeightsError as exc:
        raise AhpRefused(str(exc), derived) from None

"""Weights agreed on record: entered directly (percentages summing to 100) or derived from
pairwise comparisons of the groups and of the factors within each group (hierarchical AHP,
refused when any matrix's consistency ratio is above 0.10). The core checks them; the decision
stores who agreed them, when and why, with every comparison matrix and its ratio."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from partnerpath.accounts.models import Programme
from partnerpath.audit.context import because
from partnerpath.core.scorecard.weights import (
    Weights,
    WeightsError,
    ahp_derive,
    consistency_data,
    direct_weights,
    inconsistent,
)
from partnerpath.prioritisation.models import ScorecardTemplateVersion, WeightDecision

Comparison = tuple[str, str, Any]

__all__ = ["AhpRefused", "WeightsError", "decisions_of", "record_ahp", "record_direct"]


def decisions_of(programme: Programme) -> QuerySet[WeightDecision]:
    """The programme's weight decisions, newest first, with their template and who agreed."""
    return WeightDecision.objects.filter(programme=programme).select_related(
        "template_version", "agreed_by"
    )


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
    """Weights entered as percentages; WeightsError (with the sums) when they do not add up."""
    weights = direct_weights(version.template, groups, factors or None)
    entered = {"groups": dict(groups), "factors": dict(factors or {})}
    return _store(version, weights, entered, user, agreed_on, reason)


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

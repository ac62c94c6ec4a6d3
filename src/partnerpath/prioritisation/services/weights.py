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
    ahp_weights,
    consistency_data,
    direct_weights,
)
from partnerpath.prioritisation.models import ScorecardTemplateVersion, WeightDecision

Comparison = tuple[str, str, Any]

__all__ = ["WeightsError", "ahp_preview", "decisions_of", "record_ahp", "record_direct"]


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


def ahp_preview(
    version: ScorecardTemplateVersion,
    groups: Sequence[Comparison],
    factors: Mapping[str, Sequence[Comparison]] | None = None,
) -> Weights:
    """AHP weights and every matrix's ratio, even inconsistent ones, for the page to show."""
    return ahp_derive(version.template, groups, factors)


def record_ahp(
    version: ScorecardTemplateVersion,
    comparisons: Sequence[Comparison],
    user: Any,
    agreed_on: dt.date,
    reason: str,
    factors: Mapping[str, Sequence[Comparison]] | None = None,
) -> WeightDecision:
    """Record AHP weights of the groups and of each group's factors, refused above CR 0.10."""
    weights = ahp_weights(version.template, comparisons, factors)
    entered: dict[str, Any] = {"groups": [[a, b, str(v)] for a, b, v in comparisons]}
    if factors:
        entered["factors"] = {g: [[a, b, str(v)] for a, b, v in c] for g, c in factors.items()}
    return _store(version, weights, entered, user, agreed_on, reason)

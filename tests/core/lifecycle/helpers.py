"""A partnership that passes every default gate, to change one fact at a time in the tables."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from partnerpath.core.lifecycle.cadence import Cadence
from partnerpath.core.lifecycle.facts import (
    Concern,
    ConcernCategory,
    ConcernStatus,
    Governance,
    Partner,
    PartnerRole,
    PartnershipFacts,
    Severity,
)
from partnerpath.core.risk.checklist import Rating

ACME = Partner("acme", "Acme Seafood", PartnerRole.COMPANY, "Dara")
LABOUR = Partner("moL", "Ministry of Labour", PartnerRole.GOVERNMENT, "Sok")

READY = PartnershipFacts(
    partners=(ACME, LABOUR),
    programme_point_person="Mai",
    due_diligence={"acme": Rating.LOW},
    contributions_agreed=True,
    contributions={"acme": 2, "moL": 1},
    governance=Governance(True, Cadence.QUARTERLY, True),
    risk_protocol=True,
    do_no_harm=True,
    success_indicators=2,
    signed_document=True,
)


def facts(**changes: Any) -> PartnershipFacts:
    """READY with some facts changed."""
    return replace(READY, **changes)


def deal_breaker(
    title: str = "No public naming of suppliers",
    status: ConcernStatus = ConcernStatus.OPEN,
    is_deal_breaker: bool = True,
) -> Concern:
    """A high-severity concern raised by Acme."""
    return Concern(
        title, "acme", ConcernCategory.REPUTATION, Severity.HIGH, status, is_deal_breaker
    )

"""What the gates and flags read about one partnership: plain values that the partnerships app
maps from its rows. A missing link (no due diligence, no agreement yet) is simply absent."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from partnerpath.core.lifecycle.cadence import Cadence
from partnerpath.core.risk.checklist import Rating


class PartnerRole(StrEnum):
    """An organisation's role in a partnership."""

    LEAD = "lead"
    COMPANY = "company_partner"
    GOVERNMENT = "government"
    NGO = "ngo"
    DONOR = "donor"
    BROKER = "broker"


class ConcernCategory(StrEnum):
    """What a concern, fear or deal-breaker is about."""

    VISION = "vision"
    RISK = "risk"
    RESOURCES = "resources"
    REPUTATION = "reputation"
    LEGAL = "legal"
    WORKERS_SAFETY = "workers_safety"
    OTHER = "other"


class Severity(StrEnum):
    """How much a concern weighs."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ConcernStatus(StrEnum):
    """Where a concern stands."""

    OPEN = "open"
    BEING_RESOLVED = "being_resolved"
    RESOLVED = "resolved"
    ACCEPTED = "accepted"


# A concern still needs work in these statuses; "accepted" means the partners chose to live with it.
UNSETTLED: frozenset[ConcernStatus] = frozenset({ConcernStatus.OPEN, ConcernStatus.BEING_RESOLVED})


@dataclass(frozen=True)
class Partner:
    """One side of the partnership and its named point-person (None: nobody named yet)."""

    key: str
    name: str
    role: PartnerRole
    point_person: str | None = None


@dataclass(frozen=True)
class Concern:
    """A concern, fear or deal-breaker raised by one partner."""

    title: str
    raised_by: str
    category: ConcernCategory
    severity: Severity
    status: ConcernStatus
    is_deal_breaker: bool = False

    @property
    def is_open(self) -> bool:
        """Open or being resolved: not yet settled."""
        return self.status in UNSETTLED


@dataclass(frozen=True)
class Governance:
    """The governance parts of the agreement that are filled in."""

    steering_body: bool = False
    cadence: Cadence | None = None
    decision_rule: bool = False

    @property
    def missing(self) -> tuple[str, ...]:
        """The parts not yet agreed, in words."""
        parts = (
            ("a steering body", self.steering_body),
            ("a meeting cadence", self.cadence is not None),
            ("a decision rule", self.decision_rule),
        )
        return tuple(name for name, present in parts if not present)


@dataclass(frozen=True)
class PartnershipFacts:
    """Everything the gate rules read. ``due_diligence`` maps a partner key to the rating of its
    latest signed-off checklist; a partner without a record is absent (or maps to None when a
    checklist exists but is not rated yet). ``contributions`` maps a partner key to the number
    of resource contributions recorded for it."""

    partners: tuple[Partner, ...]
    programme_point_person: str | None = None
    concerns: tuple[Concern, ...] = ()
    due_diligence: Mapping[str, Rating | None] = field(default_factory=dict)
    contributions_agreed: bool = False
    contributions: Mapping[str, int] = field(default_factory=dict)
    governance: Governance = Governance()
    risk_protocol: bool = False
    do_no_harm: bool = False
    success_indicators: int = 0
    signed_document: bool = False

    def partner_name(self, key: str) -> str:
        """The partner's name (the key itself when it names no partner)."""
        return next((p.name for p in self.partners if p.key == key), key)

    @property
    def open_deal_breakers(self) -> tuple[Concern, ...]:
        """Deal-breakers not yet resolved or accepted."""
        return tuple(c for c in self.concerns if c.is_deal_breaker and c.is_open)

"""Models of the partnerships app."""

from partnerpath.partnerships.models.agreement import (
    Agreement,
    AgreementVersion,
    Contribution,
    SuccessIndicator,
)
from partnerpath.partnerships.models.health import HealthCheck, HealthCheckLink, HealthRating
from partnerpath.partnerships.models.partnership import (
    GateSettings,
    Partner,
    Partnership,
    StageChange,
    TimelineEvent,
)
from partnerpath.partnerships.models.trust import BuyIn, Concern, Decision, Meeting

__all__ = [
    "Agreement",
    "AgreementVersion",
    "BuyIn",
    "Concern",
    "Contribution",
    "Decision",
    "GateSettings",
    "HealthCheck",
    "HealthCheckLink",
    "HealthRating",
    "Meeting",
    "Partner",
    "Partnership",
    "StageChange",
    "SuccessIndicator",
    "TimelineEvent",
]

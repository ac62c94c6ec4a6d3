"""Models of due diligence: reference data (global), goods named per organisation, checklists,
the programme's settings, its risk protocol and incident notes."""

from partnerpath.diligence.models.checklist import Checklist, ChecklistAnswer
from partnerpath.diligence.models.protocol import (
    DiligenceSettings,
    IncidentNote,
    OrganisationGoods,
    ProtocolStep,
    ReferralContact,
    RiskProtocol,
)
from partnerpath.diligence.models.reference import (
    GoodsListingRow,
    PrevalenceRow,
    ReferenceDataset,
    TierPlacementRow,
)

__all__ = [
    "Checklist",
    "ChecklistAnswer",
    "DiligenceSettings",
    "GoodsListingRow",
    "IncidentNote",
    "OrganisationGoods",
    "PrevalenceRow",
    "ProtocolStep",
    "ReferenceDataset",
    "ReferralContact",
    "RiskProtocol",
    "TierPlacementRow",
]

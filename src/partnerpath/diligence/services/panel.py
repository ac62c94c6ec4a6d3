"""The due-diligence panel on an organisation's page: its inherent risk, its current checklist
and, for those allowed, how many incident notes it has."""

from __future__ import annotations

from dataclasses import dataclass

from partnerpath.accounts.models import Membership
from partnerpath.core.risk.checklist import Status
from partnerpath.core.risk.profile import RiskProfile
from partnerpath.diligence.models import Checklist, IncidentNote
from partnerpath.diligence.services.checklists import latest_checklist
from partnerpath.diligence.services.incidents import may_read_incidents
from partnerpath.diligence.services.profiles import profile_of, today
from partnerpath.registry.models import Organisation


@dataclass(frozen=True)
class Panel:
    """What the organisation page shows about due diligence."""

    organisation: Organisation
    profile: RiskProfile
    checklist: Checklist | None
    status: Status | None
    incident_count: int | None  # None: the viewer may not know incident notes exist


def panel_for(organisation: Organisation, membership: Membership | None = None) -> Panel:
    """The panel's content; incident notes are counted only for roles allowed to read them."""
    checklist = latest_checklist(organisation)
    count = None
    if may_read_incidents(membership):
        count = IncidentNote.objects.filter(organisation=organisation).count()
    status = checklist.status(today()) if checklist else None
    return Panel(organisation, profile_of(organisation), checklist, status, count)

"""Who may see and change due-diligence pages: the programme's rules (404 for outsiders, 403 for
read-only roles on writes), and for incident notes a 404 for every role not allowed to read them."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from partnerpath.accounts.access import Need, ProgrammeAccess, check_need, programme_access
from partnerpath.diligence.services import may_read_incidents


def incident_access(request: HttpRequest, slug: str, need: Need = "read") -> ProgrammeAccess:
    """The programme, if the user's role may read incident notes there (else 404, as if the page
    did not exist) and may do ``need`` (else 403)."""
    access = programme_access(request, slug)
    if not may_read_incidents(access.membership):
        raise Http404("No such page.")
    check_need(access.membership, need)
    return access

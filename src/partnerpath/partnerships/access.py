"""The one place that decides who may see or change a partnership: 404 for outsiders and for
another programme's partnership, 403 for members whose role does not allow the action."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from partnerpath.accounts.access import Need, ProgrammeAccess, programme_access
from partnerpath.partnerships.models import Partnership
from partnerpath.partnerships.services.flags import deal_breaker_flag_of


@dataclass(frozen=True)
class PartnershipAccess:
    """The programme access and the partnership the URL names."""

    access: ProgrammeAccess
    partnership: Partnership


def partnership_access(
    request: HttpRequest, programme: str, pk: int, need: Need = "read"
) -> PartnershipAccess:
    """The partnership ``pk`` of the programme in the URL, for a user allowed ``need``."""
    access = programme_access(request, programme, need)
    partnership = get_object_or_404(
        Partnership.objects.select_related("programme_point_person", "opportunity"),
        pk=pk,
        programme=access.programme,
    )
    return PartnershipAccess(access, partnership)


def need_for(request: HttpRequest, change: Need = "edit") -> Need:
    """What a page needs: reading it needs membership; posting to it needs ``change``."""
    return change if request.method == "POST" else "read"


def render_page(
    request: HttpRequest, template: str, access: ProgrammeAccess, **context: Any
) -> TemplateResponse:
    """A programme-wide partnerships page with the programme, the access and the nav entry."""
    context.update(programme=access.programme, access=access, nav="partnerships")
    return TemplateResponse(request, template, context)


def render_partnership(
    request: HttpRequest, template: str, found: PartnershipAccess, tab: str, **context: Any
) -> TemplateResponse:
    """A page of one partnership: its tabs and, on every page, the open deal-breakers' flag."""
    context.update(
        partnership=found.partnership,
        tab=tab,
        deal_breaker_flag=deal_breaker_flag_of(found.partnership),
    )
    return render_page(request, template, found.access, **context)

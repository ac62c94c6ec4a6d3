"""The portfolio pyramid: organisations per maturity level, filterable by sector and country."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from partnerpath.accounts.access import programme_access
from partnerpath.assessments import charts, services
from partnerpath.assessments.portfolio import PortfolioFilter, portfolio
from partnerpath.assessments.views import _render
from partnerpath.registry.choices import Sector

ROW = 56  # height of one level of the pyramid


@login_required
def pyramid(request: HttpRequest, programme: str) -> HttpResponse:
    """How many organisations sit at each level (latest final assessment of each)."""
    access = programme_access(request, programme)
    flt = PortfolioFilter.from_params(request.GET.dict())
    found = portfolio(access.programme, flt)
    labels = services.level_labels()
    level = request.GET.get("level", "")
    chosen = int(level) if level.isdigit() and int(level) in labels else None
    query = urlencode({k: v for k, v in (("sector", flt.sector), ("country", flt.country)) if v})
    return _render(
        request,
        "assessments/pyramid.html",
        access,
        flt=flt,
        found=found,
        tiers=charts.pyramid(found.counts, labels, row=ROW),
        pyramid_height=ROW * len(labels),
        sectors=Sector.choices,
        chosen=chosen,
        chosen_label=labels.get(chosen, "") if chosen is not None else "",
        chosen_orgs=found.by_level.get(chosen, []) if chosen is not None else [],
        query=query,
    )

"""The portfolio pyramid: organisations per maturity level, filterable by sector and country,
drawn on the levels of the rubric they were assessed with."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from partnerpath.accounts.access import programme_access
from partnerpath.assessments import charts, rubrics, services
from partnerpath.assessments.choices import Kind
from partnerpath.assessments.portfolio import PortfolioFilter, parse_level, portfolio
from partnerpath.assessments.views import _render
from partnerpath.core.rubric import Rubric
from partnerpath.core.rubric.model import RuleKind
from partnerpath.registry.choices import Sector

ROW = 56  # height of one level of the pyramid


def _maturity_rubric(programme_id: int, key: str) -> Rubric | None:
    """The programme's (or a packaged) ladder rubric with this key; None when there is none."""
    found = rubrics.rubrics_for(programme_id, [key]).get(key)
    return found if found is not None and found.rule.kind is RuleKind.LADDER else None


@login_required
def pyramid(request: HttpRequest, programme: str) -> HttpResponse:
    """How many organisations sit at each level (latest final assessment of each), on one
    rubric's levels. A filter value the page does not know is ignored with a notice."""
    access = programme_access(request, programme)
    pk = access.programme.pk
    flt, notices = PortfolioFilter.read(request.GET)
    if flt.rubric and _maturity_rubric(pk, flt.rubric) is None:
        notices.append(f"No maturity rubric '{flt.rubric}': showing the one most used.")
        flt = replace(flt, rubric="")
    found = portfolio(access.programme, flt)
    key = found.rubric or services.newest_rubric(Kind.MATURITY).key
    drawn = _maturity_rubric(pk, key)
    # A rubric no longer there still shows its organisations, on levels by number only.
    labels = rubrics.labels_of(drawn) if drawn is not None else {}
    tiers = charts.pyramid(found.counts, labels, row=ROW, at_least=found.at_least)
    asked = request.GET.get("level", "")
    chosen = parse_level(asked)
    if asked and (chosen is None or chosen not in {t.level for t in tiers}):
        notices.append(f"No level '{asked[:30]}' on this pyramid.")
        chosen = None
    params = (("sector", flt.sector), ("country", flt.country), ("rubric", flt.rubric))
    return _render(
        request,
        "assessments/pyramid.html",
        access,
        flt=flt,
        found=found,
        rubric_key=key,
        notices=notices,
        tiers=tiers,
        pyramid_height=ROW * len(tiers),
        sectors=Sector.choices,
        chosen=chosen,
        chosen_label=labels.get(chosen, "") if chosen is not None else "",
        chosen_orgs=found.by_level.get(chosen, []) if chosen is not None else [],
        query=urlencode([(k, v) for k, v in params if v]),
    )

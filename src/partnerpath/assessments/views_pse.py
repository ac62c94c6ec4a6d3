"""The programme's own PSE readiness self-assessments: the list and starting a new one (the
answer, result, print and export pages are shared with maturity assessments)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import programme_access
from partnerpath.assessments import rubrics, services
from partnerpath.assessments.choices import Kind
from partnerpath.assessments.models import Assessment
from partnerpath.assessments.views import _render


@login_required
def pse_overview(request: HttpRequest, programme: str) -> HttpResponse:
    """The programme's PSE readiness assessments over time."""
    access = programme_access(request, programme)
    found = Assessment.objects.filter(programme=access.programme, kind=Kind.PSE).select_related(
        "created_by"
    )
    return _render(
        request,
        "assessments/pse_overview.html",
        access,
        assessments=list(found.order_by("-assessed_on", "-id")),
        rubric=services.newest_rubric(Kind.PSE),
        rubric_choices=rubrics.available(access.programme, Kind.PSE),
    )


@login_required
@require_POST
def pse_start(request: HttpRequest, programme: str) -> HttpResponse:
    """Start a new PSE readiness self-assessment of the programme."""
    access = programme_access(request, programme, "edit")
    try:
        assessment = services.start_assessment(
            access.programme, request.user, rubric_key=request.POST.get("rubric") or None
        )
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("assessments:pse_overview", programme)
    messages.success(request, f"PSE readiness self-assessment started on {assessment.rubric_key}.")
    return redirect("assessments:assessment_answer", programme, assessment.pk)

"""Pages of health checks: when the next check is due, every check with its lights and the
trend chart, recording a check (each partner rates each aspect), and one check's ratings and
comments. Any member reads; team members record checks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from partnerpath.partnerships.access import partnership_access
from partnerpath.partnerships.access import render_partnership as render
from partnerpath.partnerships.forms_health import HealthCheckForm
from partnerpath.partnerships.models import HealthCheck
from partnerpath.partnerships.services import health as service
from partnerpath.partnerships.services.facts import partners_of
from partnerpath.partnerships.services.flags import RUNNING


@login_required
def health(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The next check's due date and status, every check, and the trend chart."""
    found = partnership_access(request, programme, pk)
    overview = service.health_overview(found.partnership, timezone.localdate())
    return render(
        request,
        "partnerships/health.html",
        found,
        "health",
        overview=overview,
        aspects=service.ASPECTS,
        chart=service.trend_chart(overview),
        running_stages=", ".join(str(s.label).lower() for s in RUNNING),
    )


@login_required
def health_check_create(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Record a health check: each partner's light and comment per aspect."""
    found = partnership_access(request, programme, pk, "edit")
    partners = partners_of(found.partnership)
    form = HealthCheckForm(request.POST or None, partners=partners)
    if request.method == "POST" and form.is_valid():
        check = service.record_check(
            found.partnership,
            form.cleaned_data["held_on"],
            form.ratings(),
            form.cleaned_data["notes"],
            request.user,
        )
        messages.success(request, f"Health check of {check.held_on:%d %b %Y} recorded.")
        return redirect(
            "partnerships:health_check_detail", programme, found.partnership.pk, check.pk
        )
    return render(
        request, "partnerships/health_form.html", found, "health", form=form, partners=partners
    )


@login_required
def health_check_detail(request: HttpRequest, programme: str, pk: int, check: int) -> HttpResponse:
    """One check: each partner's ratings and comments, and what they combine to."""
    found = partnership_access(request, programme, pk)
    row = get_object_or_404(
        HealthCheck.objects.select_related("recorded_by").prefetch_related("ratings"),
        pk=check,
        partnership=found.partnership,
    )
    detail = service.check_detail(found.partnership, row)
    return render(
        request,
        "partnerships/health_check_detail.html",
        found,
        "health",
        detail=detail,
        overall=service.describe(detail.result),
    )

"""Pages of watch-list screening: the programme overview, screening results, hits and the
decisions on them. Any member reads; team members start screenings and decide."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import ProgrammeAccess, programme_access
from partnerpath.audit.services import history_of
from partnerpath.registry.models import Organisation
from partnerpath.screening import services
from partnerpath.screening.forms import DecisionForm
from partnerpath.screening.models import Hit, Screening

PAGE_SIZE = 50
HIT_CARD = "screening/screening_detail.html#hit-card"
PROGRESS = "screening/overview.html#screening-progress"


def _render(
    request: HttpRequest, template: str, access: ProgrammeAccess, **context: Any
) -> TemplateResponse:
    context.update(programme=access.programme, access=access, nav="screening")
    return TemplateResponse(request, template, context)


def _screening(access: ProgrammeAccess, pk: int) -> Screening:
    """A screening of this programme, or 404."""
    return get_object_or_404(
        Screening.objects.select_related("organisation", "requested_by"),
        pk=pk,
        programme=access.programme,
    )


def _hit(access: ProgrammeAccess, pk: int) -> Hit:
    """A hit of this programme, or 404."""
    return get_object_or_404(services.hits_queryset(), pk=pk, programme=access.programme)


def _with_forms(hits: Iterable[Hit], access: ProgrammeAccess) -> list[Hit]:
    """Attach an empty decision form to each hit when the user may decide."""
    found = list(hits)
    for hit in found:
        hit.form = DecisionForm(hit_id=hit.pk) if access.can_edit else None  # type: ignore[attr-defined]
    return found


def _hit_url(access: ProgrammeAccess, hit: Hit) -> str:
    return reverse("screening:hit_detail", args=[access.programme.slug, hit.pk])


def _next_or(request: HttpRequest, fallback: str) -> str:
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return nxt
    return fallback


@login_required
def overview(request: HttpRequest, programme: str) -> HttpResponse:
    """The lists and their dates, recent screenings with their progress, hits needing a decision."""
    access = programme_access(request, programme)
    return _render(
        request,
        "screening/overview.html",
        access,
        versions=services.current_versions(),
        screenings=services.recent_screenings(access.programme),
        open_hits=services.new_hits(access.programme, limit=20),
    )


@login_required
@require_POST
def screen_all(request: HttpRequest, programme: str) -> HttpResponse:
    """Start screening every active organisation and its key individuals."""
    access = programme_access(request, programme, "edit")
    screening = services.start_screening(access.programme, user=request.user)
    messages.success(request, "Screening of all active organisations started.")
    return redirect("screening:screening_detail", programme, screening.pk)


@login_required
@require_POST
def screen_organisation(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Start screening one organisation and its key individuals ("Screen now")."""
    access = programme_access(request, programme, "edit")
    org = get_object_or_404(Organisation, pk=pk, programme=access.programme)
    screening = services.start_screening(access.programme, organisation=org, user=request.user)
    messages.success(request, f"Screening of {org.name} started.")
    return redirect("screening:screening_detail", programme, screening.pk)


@login_required
def screening_detail(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """A screening's progress, the lists it used, and each hit with its explanation and decision."""
    access = programme_access(request, programme)
    screening = _screening(access, pk)
    hits = (
        services.hits_queryset()
        .filter(screening=screening)
        .order_by("organisation__name", "subject", "-score", "id")
    )
    page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(
        request,
        "screening/screening_detail.html",
        access,
        screening=screening,
        page_obj=page,
        hits=_with_forms(page.object_list, access),
        versions=list(screening.list_versions.select_related("watch_list")),
    )


@login_required
def screening_progress(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The progress of a screening (htmx polls it every 2 s while it runs)."""
    access = programme_access(request, programme)
    screening = _screening(access, pk)
    response = _render(request, PROGRESS, access, s=screening, refresh=request.GET.get("refresh"))
    if request.GET.get("refresh") and not screening.is_running:
        response["HX-Refresh"] = "true"  # the results page reloads to show the hits
    return response


@login_required
def hit_list(request: HttpRequest, programme: str) -> HttpResponse:
    """Hits of the programme, by default those of the latest screenings still needing attention."""
    access = programme_access(request, programme)
    params = request.GET.copy()
    if "status" not in params:
        params.update({"status": services.OPEN, "latest": "yes"})
    flt = services.HitFilter.from_params(params)
    hits = services.filter_hits(
        services.hits_queryset().filter(programme=access.programme), flt
    ).order_by("-screening__created_at", "-score", "id")
    page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(
        request,
        "screening/hit_list.html",
        access,
        page_obj=page,
        flt=flt,
        query=urlencode(flt.as_params()),
        statuses=services.STATUS_CHOICES,
    )


@login_required
def hit_detail(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """One hit with the list entry, the explanation of its score, the decision and its history."""
    access = programme_access(request, programme)
    hit = _hit(access, pk)
    return _hit_page(request, access, hit, DecisionForm(hit_id=hit.pk) if access.can_edit else None)


def _hit_page(
    request: HttpRequest, access: ProgrammeAccess, hit: Hit, form: DecisionForm | None
) -> HttpResponse:
    hit.form = form  # type: ignore[attr-defined]
    decisions = [a for a in (hit.adjudication, hit.previous_adjudication) if a is not None]
    return _render(
        request,
        "screening/hit_detail.html",
        access,
        hit=hit,
        changes=history_of(*decisions)[:50] if decisions else [],
    )


def _hit_response(
    request: HttpRequest,
    access: ProgrammeAccess,
    hit: Hit,
    form: DecisionForm | None,
    notice: str = "",
) -> HttpResponse:
    """The hit card for htmx; otherwise back to where the person came from."""
    if request.headers.get("HX-Request"):
        hit.form = form or DecisionForm(hit_id=hit.pk)  # type: ignore[attr-defined]
        return _render(
            request,
            HIT_CARD,
            access,
            hit=hit,
            notice=notice,
            next_url=_next_or(request, _hit_url(access, hit)),
        )
    if form is not None and form.errors:
        return _hit_page(request, access, hit, form)
    if notice:
        messages.success(request, notice)
    return redirect(_next_or(request, _hit_url(access, hit)))


@login_required
@require_POST
def hit_decide(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Record a decision on a hit; changing a true match waits for a second person."""
    access = programme_access(request, programme, "edit")
    hit = _hit(access, pk)
    form = DecisionForm(request.POST, hit_id=hit.pk)
    if not form.is_valid():
        return _hit_response(request, access, hit, form)
    try:
        outcome = services.decide(
            hit, form.cleaned_data["decision"], form.cleaned_data["reason"], request.user
        )
    except services.DecisionError as exc:
        form.add_error(None, str(exc))
        return _hit_response(request, access, hit, form)
    return _hit_response(request, access, _hit(access, pk), None, outcome.message)


@login_required
@require_POST
def hit_confirm(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """A second person confirms clearing a true match."""
    access = programme_access(request, programme, "edit")
    hit = _hit(access, pk)
    try:
        outcome = services.confirm_clearance(hit, request.user)
    except services.DecisionError as exc:
        if request.headers.get("HX-Request"):
            return _hit_response(request, access, hit, None, str(exc))
        messages.error(request, str(exc))
        return redirect(_next_or(request, _hit_url(access, hit)))
    return _hit_response(request, access, _hit(access, pk), None, outcome.message)

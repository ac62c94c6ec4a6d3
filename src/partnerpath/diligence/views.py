"""Pages of due diligence: the programme overview, an organisation's risk profile, the reference
data and the programme's settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import ProgrammeAccess, programme_access
from partnerpath.diligence import services
from partnerpath.diligence.forms import GoodsForm, SettingsForm
from partnerpath.registry.models import Organisation

PAGE_SIZE = 50


def render(
    request: HttpRequest, template: str, access: ProgrammeAccess, **context: Any
) -> HttpResponse:
    """A diligence page with the programme, the access and the nav entry."""
    context.update(
        programme=access.programme,
        access=access,
        nav="diligence",
        may_read_incidents=services.may_read_incidents(access.membership),
    )
    return TemplateResponse(request, template, context)


def organisation_of(access: ProgrammeAccess, pk: int) -> Organisation:
    """An organisation of this programme, or 404."""
    return get_object_or_404(Organisation, pk=pk, programme=access.programme)


@login_required
def overview(request: HttpRequest, programme: str) -> HttpResponse:
    """Every organisation with its inherent risk and its checklist's rating, status and expiry."""
    access = programme_access(request, programme)
    organisations = (
        Organisation.objects.filter(programme=access.programme)
        .select_related("diligence_goods")
        .order_by("name", "id")
    )
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    profiles = services.profiles_of(rows)
    checklists = services.current_checklists(access.programme, [o.pk for o in rows])
    table = [(o, profiles[o.pk], checklists.get(o.pk)) for o in rows]
    return render(
        request,
        "diligence/overview.html",
        access,
        page_obj=page,
        table=table,
        protocol=services.protocol_of(access.programme),
    )


@login_required
def organisation_risk(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """An organisation's inherent-risk profile with every figure's source and date."""
    access = programme_access(request, programme)
    organisation = organisation_of(access, pk)
    form = GoodsForm(initial={"goods": services.named_goods(organisation)})
    profile = services.profile_of(organisation)
    return render(
        request,
        "diligence/organisation_risk.html",
        access,
        organisation=organisation,
        profile=profile,
        guide=services.how_to_read(profile),
        goods_form=form if access.can_edit else None,
        checklist=services.latest_checklist(organisation),
    )


@login_required
@require_POST
def goods_save(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Record the goods an organisation deals in."""
    access = programme_access(request, programme, "edit")
    organisation = organisation_of(access, pk)
    form = GoodsForm(request.POST)
    if form.is_valid():
        services.save_goods(organisation, form.cleaned_data["goods"], request.user)
        messages.success(request, "Goods saved; the profile below uses them.")
    else:
        messages.error(request, "The goods were not saved: the list is too long.")
    return redirect("diligence:organisation_risk", programme, organisation.pk)


@login_required
def reference_list(request: HttpRequest, programme: str) -> HttpResponse:
    """The reference data versions imported, with their dates and checksums."""
    access = programme_access(request, programme)
    return render(
        request,
        "diligence/reference_list.html",
        access,
        datasets=list(services.datasets()),
        in_force=services.in_force_ids(),
    )


@login_required
def settings_page(request: HttpRequest, programme: str) -> HttpResponse:
    """Admins choose who reads incident notes and how long a checklist holds."""
    access = programme_access(request, programme, "manage")
    current = services.settings_of(access.programme)
    form = SettingsForm(
        request.POST or None,
        initial={
            "incident_roles": [r for r in current.incident_roles if r != "admin"],
            "checklist_valid_months": current.checklist_valid_months,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.save_settings(
            access.programme,
            form.cleaned_data["incident_roles"],
            form.cleaned_data["checklist_valid_months"],
        )
        messages.success(request, "Due-diligence settings saved.")
        return redirect("diligence:overview", programme)
    return render(request, "diligence/settings.html", access, form=form)

"""Pages of partnerships: the board, creating a partnership (from scratch or from a selected
opportunity), the overview of one partnership, its record and its partners. Any member reads;
team members change. The type advisor, stage moves and gate settings are in views_stage.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import programme_access
from partnerpath.core.wording import plural
from partnerpath.partnerships.access import (
    PartnershipAccess,
    partnership_access,
    render_page,
    render_partnership,
)
from partnerpath.partnerships.forms import BoardFilterForm, PartnerForm, PartnershipForm
from partnerpath.partnerships.models import Partner, Partnership
from partnerpath.partnerships.services import board as board_service
from partnerpath.partnerships.services import partners, stages
from partnerpath.partnerships.services.overview import overview_of
from partnerpath.prioritisation.models import Opportunity

PAGE_LAYOUT = "partnerships/_layout.html"
NEW_LAYOUT = "partnerships/_new_layout.html"


@login_required
def board(request: HttpRequest, programme: str) -> HttpResponse:
    """The programme's partnerships by stage, with the time spent in each stage."""
    access = programme_access(request, programme)
    filters = BoardFilterForm(request.GET)
    filters.is_valid()  # an unknown stage or type is ignored; the rest still filters
    data = getattr(filters, "cleaned_data", {})
    found = board_service.board_of(access.programme, data.get("stage", ""), data.get("type", ""))
    return render_page(
        request,
        "partnerships/board.html",
        access,
        board=found,
        filters=filters,
        filtered=any(data.values()),
    )


@login_required
def partnership_create(request: HttpRequest, programme: str) -> HttpResponse:
    """Start a partnership: title, shared vision, point-person, type and opportunity."""
    access = programme_access(request, programme, "edit")
    form = PartnershipForm(request.POST or None, programme=access.programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        made = stages.create_partnership(
            access.programme,
            data["title"],
            request.user,
            shared_vision=data["shared_vision"],
            programme_point_person=data["programme_point_person"],
            partnership_type=data["partnership_type"],
            opportunity=data["opportunity"],
        )
        messages.success(
            request, f"Partnership “{made.title}” started in {made.get_stage_display()}."
        )
        return redirect("partnerships:detail", programme, made.pk)
    return render_page(
        request, "partnerships/partnership_form.html", access, form=form, layout=NEW_LAYOUT
    )


@login_required
@require_POST
def create_from_opportunity(request: HttpRequest, programme: str, opportunity: int) -> HttpResponse:
    """Start the partnership of a selected opportunity, or open the one already started."""
    access = programme_access(request, programme, "edit")
    found = get_object_or_404(Opportunity, pk=opportunity, programme=access.programme)
    try:
        made, started = partners.start_from_opportunity(found, request.user)
    except partners.NotSelected as refused:
        messages.error(request, str(refused))
        return redirect("prioritisation:pipeline", programme)
    if started:
        count = made.partners.count()
        joined = plural(count, "partner")
        text = f"Partnership “{made.title}” started with {joined} from the opportunity."
        messages.success(request, text)
    else:
        messages.info(request, f"“{found.title}” already has a partnership: here it is.")
    return redirect("partnerships:detail", programme, made.pk)


@login_required
def detail(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """One partnership's overview: stage and time in it, partners, type alignment, the next
    gate, agreement, health and the latest timeline entries."""
    found = partnership_access(request, programme, pk)
    return render_partnership(
        request,
        "partnerships/detail.html",
        found,
        "overview",
        overview=overview_of(found.partnership),
    )


@login_required
def partnership_edit(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Change the record: title, shared vision, point-person, agreed type, opportunity."""
    found = partnership_access(request, programme, pk, "edit")
    # The form edits its own copy, so the page header keeps the saved title while errors show.
    copy = Partnership.objects.get(pk=found.partnership.pk)
    old_type = copy.partnership_type
    form = PartnershipForm(request.POST or None, instance=copy, programme=found.access.programme)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            partners.save_partnership(form.save(commit=False), form.changed_data, old_type)
            messages.success(request, "Partnership record saved.")
        return redirect("partnerships:detail", programme, pk)
    return render_partnership(
        request,
        "partnerships/partnership_form.html",
        found,
        "overview",
        form=form,
        layout=PAGE_LAYOUT,
    )


def _partner(found: PartnershipAccess, pk: int) -> Partner:
    """The partner ``pk`` of this partnership (404 for any other)."""
    return get_object_or_404(
        Partner.objects.select_related("organisation", "point_person"),
        pk=pk,
        partnership=found.partnership,
    )


@login_required
def partner_add(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Add an organisation of the programme as a partner."""
    found = partnership_access(request, programme, pk, "edit")
    blank = Partner(programme=found.access.programme, partnership=found.partnership)
    form = PartnerForm(request.POST or None, instance=blank)
    if request.method == "POST" and form.is_valid():
        added = partners.add_partner(form.save(commit=False))
        messages.success(request, f"{added.organisation} added as {added.get_role_display()}.")
        return redirect("partnerships:detail", programme, pk)
    return render_partnership(
        request, "partnerships/partner_form.html", found, "overview", form=form, partner=None
    )


@login_required
def partner_edit(request: HttpRequest, programme: str, pk: int, partner: int) -> HttpResponse:
    """Change a partner's role, point-person, objectives or preferred type."""
    found = partnership_access(request, programme, pk, "edit")
    row = _partner(found, partner)
    old_type = row.preferred_type
    form = PartnerForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            partners.update_partner(form.save(commit=False), form.changed_data, old_type)
            messages.success(request, f"{row.organisation} saved.")
        return redirect("partnerships:detail", programme, pk)
    return render_partnership(
        request,
        "partnerships/partner_form.html",
        found,
        "overview",
        form=form,
        partner=row,
        attached=partners.attachments_of(row),
    )


@login_required
@require_POST
def partner_remove(request: HttpRequest, programme: str, pk: int, partner: int) -> HttpResponse:
    """Remove a partner that has nothing on record; refused, with the reason, otherwise."""
    found = partnership_access(request, programme, pk, "edit")
    row = _partner(found, partner)
    try:
        partners.remove_partner(row)
    except partners.RemovalRefused as refused:
        for problem in refused.problems:
            messages.error(request, problem)
    else:
        messages.success(request, f"{row.organisation} removed from the partnership.")
    return redirect("partnerships:detail", programme, pk)

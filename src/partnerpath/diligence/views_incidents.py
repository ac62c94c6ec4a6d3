"""Pages of incident notes: suspected or identified cases linked to organisations. Only the roles
the programme allows read them; for everyone else these pages do not exist (404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from partnerpath.audit.services import history_of
from partnerpath.diligence import services
from partnerpath.diligence.access import incident_access
from partnerpath.diligence.forms import IncidentForm
from partnerpath.diligence.models import IncidentNote
from partnerpath.diligence.views import PAGE_SIZE, render


@login_required
def incident_list(request: HttpRequest, programme: str) -> HttpResponse:
    """The programme's incident notes, newest first; ?organisation= narrows to one."""
    access = incident_access(request, programme)
    notes = services.incidents_of(access.programme)
    organisation = request.GET.get("organisation", "")
    if organisation.isdigit():
        notes = notes.filter(organisation_id=int(organisation))
    page = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "diligence/incident_list.html",
        access,
        page_obj=page,
        protocol=services.protocol_of(access.programme),
    )


@login_required
def incident_detail(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """One incident note with its history."""
    access = incident_access(request, programme)
    note = get_object_or_404(services.incidents_of(access.programme), pk=pk)
    return render(
        request,
        "diligence/incident_detail.html",
        access,
        note=note,
        changes=history_of(note)[:30],
    )


@login_required
def incident_form(request: HttpRequest, programme: str, pk: int | None = None) -> HttpResponse:
    """Record or change an incident note."""
    access = incident_access(request, programme, "edit")
    note = get_object_or_404(IncidentNote, pk=pk, programme=access.programme) if pk else None
    initial = {}
    if note is None and request.GET.get("organisation", "").isdigit():
        initial["organisation"] = int(request.GET["organisation"])
    form = IncidentForm(
        request.POST or None, instance=note, initial=initial, programme=access.programme
    )
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.programme = access.programme
        if record.recorded_by_id is None:
            record.recorded_by = request.user
        record.save()
        messages.success(request, "Incident note saved.")
        return redirect("diligence:incident_detail", programme, record.pk)
    return render(request, "diligence/incident_form.html", access, form=form, note=note)


@login_required
@require_POST
def incident_delete(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Delete an incident note (its history stays, readable by the same roles)."""
    access = incident_access(request, programme, "edit")
    note = get_object_or_404(IncidentNote, pk=pk, programme=access.programme)
    note.delete()
    messages.success(request, "Incident note deleted.")
    return redirect("diligence:incident_list", programme)

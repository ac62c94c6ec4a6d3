"""Pages of the engagement log: dashboard, interactions with follow-ups, connections."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import ProgrammeAccess, programme_access
from partnerpath.engagement import services
from partnerpath.engagement.choices import InteractionKind
from partnerpath.engagement.forms import (
    ConnectionForm,
    FollowUpFormSet,
    InteractionFilterForm,
    InteractionForm,
)
from partnerpath.engagement.models import Connection, FollowUp, Interaction
from partnerpath.registry import history
from partnerpath.registry.models import Contact

PAGE_SIZE = 50


def _render(
    request: HttpRequest, template: str, access: ProgrammeAccess, nav: str, **context: Any
) -> HttpResponse:
    context.update(programme=access.programme, access=access, nav=nav)
    return TemplateResponse(request, template, context)


@login_required
def dashboard(request: HttpRequest, programme: str) -> HttpResponse:
    """Due and overdue check-ins, open follow-ups, organisations not contacted for a while, and
    partnerships needing attention."""
    from partnerpath.partnerships.services.flags import dashboard_flags
    from partnerpath.screening import services as screening_services

    access = programme_access(request, programme)
    days = request.GET.get("stale_after", "")
    board = services.dashboard(
        access.programme, int(days) if days.isdigit() and int(days) > 0 else None
    )
    return _render(
        request,
        "engagement/dashboard.html",
        access,
        "dashboard",
        board=board,
        today=services.today(),
        screening_hits=screening_services.new_hits(access.programme),
        partnership_flags=dashboard_flags(access.programme, services.today()),
    )


@login_required
def interaction_list(request: HttpRequest, programme: str) -> HttpResponse:
    """The engagement log, newest first, filterable and exportable."""
    access = programme_access(request, programme)
    filter_form = InteractionFilterForm(request.GET)
    filter_form.is_valid()  # errors are shown; only the valid parts filter
    qs = services.interactions_of(access.programme, filter_form.to_filter())
    export = request.GET.get("export")
    if export:
        from partnerpath.registry import exports

        return exports.interactions_response(qs, export, access.programme)
    keys = ("search", "kind", "organisation", "date_from", "date_to")
    params = {k: v for k, v in request.GET.items() if k in keys and v}
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(
        request,
        "engagement/interaction_list.html",
        access,
        "interactions",
        page_obj=page,
        params=params,
        query=urlencode(params),
        kinds=InteractionKind.choices,
        filter_form=filter_form,
    )


@login_required
def interaction_form(request: HttpRequest, programme: str, pk: int | None = None) -> HttpResponse:
    """Log or edit an interaction and its follow-up actions."""
    access = programme_access(request, programme, "edit")
    interaction = get_object_or_404(Interaction, pk=pk, programme=access.programme) if pk else None
    initial: dict[str, Any] = {}
    if interaction is None:
        initial["occurred_on"] = services.today()
        initial["team"] = [request.user.pk]
        if request.GET.get("organisation", "").isdigit():
            initial["organisations"] = [int(request.GET["organisation"])]
    form = InteractionForm(
        request.POST or None, instance=interaction, initial=initial, programme=access.programme
    )
    formset = FollowUpFormSet(
        request.POST or None, instance=interaction or Interaction(), prefix="followups"
    )
    team = services.team_of(access.programme)
    for sub in formset.forms:
        sub.fields["owner"].queryset = team  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            obj = form.save(commit=False)
            obj.programme = access.programme
            if obj.created_by_id is None:
                obj.created_by = request.user
            obj.save()
            form.save_m2m()
            formset.instance = obj
            for follow_up in formset.save(commit=False):
                follow_up.programme = access.programme
                follow_up.save()
            for gone in formset.deleted_objects:
                gone.delete()
        messages.success(request, "Interaction saved.")
        return redirect("engagement:interaction_detail", programme, obj.pk)
    return _render(
        request,
        "engagement/interaction_form.html",
        access,
        "interactions",
        form=form,
        formset=formset,
        interaction=interaction,
    )


@login_required
def interaction_detail(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """One interaction with its participants, follow-ups and history."""
    access = programme_access(request, programme)
    interaction = get_object_or_404(
        Interaction.objects.select_related("partnership_meeting__partnership").prefetch_related(
            "organisations", "contacts__organisation", "team"
        ),
        pk=pk,
        programme=access.programme,
    )
    follow_ups = list(interaction.follow_ups.select_related("owner"))
    return _render(
        request,
        "engagement/interaction_detail.html",
        access,
        "interactions",
        interaction=interaction,
        meeting=services.partnership_meeting_of(interaction),
        follow_ups=follow_ups,
        changes=history.record_history(interaction, access.membership),
        history_query=urlencode(history.history_params(interaction)),
        history_note="with its follow-ups, deleted ones included",
    )


@login_required
def interaction_delete(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Delete an interaction after confirmation; a partnership's meeting is kept, with why."""
    access = programme_access(request, programme, "edit")
    interaction = get_object_or_404(Interaction, pk=pk, programme=access.programme)
    why = services.kept_because(interaction)
    if why:
        messages.error(request, why)
        return redirect("engagement:interaction_detail", programme, pk)
    if request.method == "POST":
        services.delete_interaction(interaction)
        messages.success(request, "Interaction deleted. Its history stays on record.")
        return redirect("engagement:interaction_list", programme)
    return _render(
        request,
        "registry/confirm_delete.html",
        access,
        "interactions",
        object=interaction,
        what="this interaction and its follow-up actions",
    )


@login_required
@require_POST
def follow_up_toggle(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Tick or untick a follow-up (htmx swaps the row; without JavaScript, back to the page)."""
    access = programme_access(request, programme, "edit")
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("owner", "interaction"), pk=pk, programme=access.programme
    )
    services.set_follow_up_done(follow_up, request.POST.get("done") == "1")
    if request.headers.get("HX-Request"):
        return _render(
            request,
            "engagement/dashboard.html#follow-up-row",
            access,
            "dashboard",
            f=follow_up,
            today=services.today(),
        )
    messages.success(request, "Follow-up updated.")
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return redirect(nxt)
    return redirect("engagement:dashboard", programme)


@login_required
def connection_list(request: HttpRequest, programme: str) -> HttpResponse:
    """Everyone's connections, and a form to add one."""
    access = programme_access(request, programme)
    form = (
        ConnectionForm(request.POST or None, programme=access.programme)
        if access.can_edit
        else None
    )
    if request.method == "POST":
        access = programme_access(request, programme, "edit")
        assert form is not None
        if form.is_valid():
            people = [
                _person(access, form, side, form.cleaned_data[f"{side}_person"])
                for side in ("from", "to")
            ]
            if not form.errors:
                try:
                    services.record_connection(
                        access.programme,
                        people[0],
                        form.cleaned_data["kind"],
                        people[1],
                        form.cleaned_data["note"],
                    )
                except services.ConnectionExists as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(request, "Connection saved.")
                    return redirect("engagement:connection_list", programme)
    qs = (
        Connection.objects.filter(programme=access.programme)
        .select_related(
            "from_user", "to_user", "from_contact__organisation", "to_contact__organisation"
        )
        .order_by("-id")
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(
        request,
        "engagement/connection_list.html",
        access,
        "connections",
        page_obj=page,
        form=form,
        query="",
    )


def _person(access: ProgrammeAccess, form: ConnectionForm, side: str, value: str) -> Any:
    """The team member or contact a form side names, or None with an error on that side."""
    kind, pid = value.split(":")
    if kind == "user":
        found: Any = services.team_of(access.programme).filter(pk=pid).first()
        error = "Choose a member of this programme."
    else:
        found = Contact.objects.filter(pk=pid, programme=access.programme).first()
        error = "Choose a contact of this programme."
    if found is None:
        form.add_error(f"{side}_person", error)
    return found


@login_required
@require_POST
def connection_delete(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Remove a connection."""
    access = programme_access(request, programme, "edit")
    get_object_or_404(Connection, pk=pk, programme=access.programme).delete()
    messages.success(request, "Connection removed.")
    return redirect("engagement:connection_list", programme)

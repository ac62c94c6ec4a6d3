"""Pages of the registry: organisations with their profile, sources, people and links; contacts."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import ProgrammeAccess, programme_access
from partnerpath.accounts.services import programmes_of
from partnerpath.core.countries import country_choices, country_name
from partnerpath.core.wording import sentence_end
from partnerpath.downloads import attachment_response
from partnerpath.formtools import error_summary
from partnerpath.registry import deletion, history, services
from partnerpath.registry.choices import SOURCED_FIELDS, OrganisationKind, Sector
from partnerpath.registry.forms import (
    KeyIndividualForm,
    LinkForm,
    MergeForm,
    OrganisationForm,
    PolicyForm,
    SourceForm,
)
from partnerpath.registry.models import RESEARCH_FIELDS, KeyIndividual, Organisation, Policy, Source

PAGE_SIZE = 50


def _render(
    request: HttpRequest, template: str, access: ProgrammeAccess, nav: str, **context: Any
) -> HttpResponse:
    context.update(programme=access.programme, access=access, nav=nav)
    return TemplateResponse(request, template, context)


def _organisation(access: ProgrammeAccess, pk: int) -> Organisation:
    """An organisation of this programme, or 404."""
    return get_object_or_404(Organisation, pk=pk, programme=access.programme)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The programmes the user belongs to; straight to the dashboard when there is just one."""
    programmes = list(programmes_of(request.user))
    if len(programmes) == 1:
        return redirect("engagement:dashboard", programmes[0].slug)
    return TemplateResponse(request, "registry/home.html", {"programmes": programmes})


@login_required
def organisation_list(request: HttpRequest, programme: str) -> HttpResponse:
    """Filterable, paginated list of organisations, exportable as CSV or XLSX."""
    access = programme_access(request, programme)
    flt = services.OrganisationFilter.from_params(request.GET)
    qs = services.filter_organisations(services.organisations_of(access.programme), flt)
    export = request.GET.get("export")
    if export:
        from partnerpath.registry import exports

        return exports.organisations_response(qs, export, access.programme)
    from partnerpath.engagement.services import last_contact_expression

    qs = qs.annotate(
        contact_count=Count("contacts", distinct=True),
        last_contact=last_contact_expression(),
    ).order_by("name", "id")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return _render(
        request,
        "registry/organisation_list.html",
        access,
        "organisations",
        page_obj=page,
        flt=flt,
        query=urlencode(flt.as_params()),
        kinds=OrganisationKind.choices,
        sectors=Sector.choices,
        countries=country_choices(),
        sector_labels=dict(Sector.choices),
    )


@login_required
def organisation_create(request: HttpRequest, programme: str) -> HttpResponse:
    """Add an organisation; warns about a possible duplicate before saving."""
    access = programme_access(request, programme, "edit")
    form = OrganisationForm(request.POST or None)
    duplicates: list[Organisation] = []
    if request.method == "POST" and form.is_valid():
        duplicates = list(
            services.possible_duplicates(
                access.programme, form.cleaned_data["name"], form.cleaned_data["hq_country"]
            )
        )
        if not duplicates or request.POST.get("confirm_duplicate"):
            org = form.save(commit=False)
            org.programme = access.programme
            org.save()
            messages.success(request, f"{org.name} was added.")
            return redirect("registry:organisation_detail", programme, org.pk)
    return _render(
        request,
        "registry/organisation_form.html",
        access,
        "organisations",
        form=form,
        duplicates=duplicates,
    )


@login_required
def organisation_edit(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Change an organisation's profile."""
    access = programme_access(request, programme, "edit")
    org = _organisation(access, pk)
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect("registry:organisation_detail", programme, org.pk)
    return _render(
        request,
        "registry/organisation_form.html",
        access,
        "organisations",
        form=form,
        organisation=org,
    )


@login_required
def organisation_delete(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Delete an organisation and everything attached to it, after a confirmation page that
    lists all of it and says what forbids the delete, if anything does."""
    access = programme_access(request, programme, "edit")
    org = _organisation(access, pk)
    if request.method == "POST":
        name = org.name
        try:
            deletion.delete_organisation(org, access.membership)
        except deletion.DeletionRefused as exc:
            messages.error(request, str(exc))
            return redirect("registry:organisation_delete", programme, pk)
        messages.success(
            request, f"{name} was deleted. Its history stays on record in the History page."
        )
        return redirect("registry:organisation_list", programme)
    return _render(
        request,
        "registry/organisation_delete.html",
        access,
        "organisations",
        organisation=org,
        plan=deletion.deletion_plan(org, access.membership),
    )


@login_required
def organisation_detail(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Everything known about an organisation: sources, people, links, introductions, history."""
    from partnerpath.assessments import services as assessment_services
    from partnerpath.diligence import services as diligence_services
    from partnerpath.engagement import services as engagement
    from partnerpath.screening import services as screening_services

    access = programme_access(request, programme)
    org = _organisation(access, pk)
    sources = list(org.sources.select_related("key_individual"))
    by_field: dict[str, list[Source]] = {}
    for s in sources:
        by_field.setdefault(s.field, []).append(s)
    contacts = list(org.contacts.all())
    key_people = list(org.key_individuals.all())
    policies = list(org.policies.all())
    links_out = list(org.links_out.select_related("to_organisation"))
    links_in = list(org.links_in.select_related("from_organisation"))
    return _render(
        request,
        "registry/organisation_detail.html",
        access,
        "organisations",
        organisation=org,
        sources_by_field=by_field,
        all_sources=sources,
        contacts=contacts,
        research=[(key, SOURCED_FIELDS[key], getattr(org, key)) for key in RESEARCH_FIELDS],
        key_people=key_people,
        policies=policies,
        links_out=links_out,
        links_in=links_in,
        changes=history.record_history(org, access.membership),
        history_query=urlencode(history.history_params(org)),
        history_note="its contacts, people, sources and other records, deleted ones included",
        hq=country_name(org.hq_country) if org.hq_country else "",
        operations=[country_name(c) for c in org.countries_of_operation],
        sourcing=[country_name(c) for c in org.countries_of_sourcing],
        sector_labels=[dict(Sector.choices).get(s, s) for s in org.sectors],
        introductions=engagement.warm_introductions_to(org),
        checkin=engagement.checkin_of(org),
        interactions=engagement.recent_interactions(org, limit=10),
        duplicates=services.possible_duplicates(access.programme, org.name, org.hq_country, org.pk),
        merge_form=MergeForm(organisation=org) if access.can_edit else None,
        link_form=LinkForm(organisation=org) if access.can_edit else None,
        diligence_panel=diligence_services.panel_for(org, access.membership),
        screening_panel=screening_services.panel_for(org),
        **assessment_services.panel_context(org),
    )


def _child_form(
    request: HttpRequest,
    programme: str,
    pk: int,
    form_class: Any,
    model: Any,
    child_pk: int | None,
    title: str,
) -> HttpResponse:
    """Add or edit one record attached to an organisation (key individual, policy, source)."""
    access = programme_access(request, programme, "edit")
    org = _organisation(access, pk)
    instance = get_object_or_404(model, pk=child_pk, organisation=org) if child_pk else None
    kwargs: dict[str, Any] = {"instance": instance}
    if form_class is SourceForm:
        kwargs["organisation"] = org
    form = form_class(request.POST or None, request.FILES or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.organisation = org
        obj.programme = access.programme
        if isinstance(obj, Source) and obj.created_by_id is None:
            obj.created_by = request.user  # type: ignore[assignment]
        obj.save()
        messages.success(request, f"{title} saved.")
        return redirect("registry:organisation_detail", programme, org.pk)
    return _render(
        request,
        "registry/child_form.html",
        access,
        "organisations",
        form=form,
        organisation=org,
        title=title,
        instance=instance,
    )


@login_required
def key_individual_form(
    request: HttpRequest, programme: str, pk: int, child_pk: int | None = None
) -> HttpResponse:
    """Add or edit a key individual."""
    return _child_form(
        request, programme, pk, KeyIndividualForm, KeyIndividual, child_pk, "Key individual"
    )


@login_required
def policy_form(
    request: HttpRequest, programme: str, pk: int, child_pk: int | None = None
) -> HttpResponse:
    """Add or edit a policy."""
    return _child_form(request, programme, pk, PolicyForm, Policy, child_pk, "Policy")


@login_required
def source_form(
    request: HttpRequest, programme: str, pk: int, child_pk: int | None = None
) -> HttpResponse:
    """Add or edit a source."""
    return _child_form(request, programme, pk, SourceForm, Source, child_pk, "Source")


_CHILD_MODELS: dict[str, Any] = {
    "key-individual": KeyIndividual,
    "policy": Policy,
    "source": Source,
}


@login_required
@require_POST
def child_delete(
    request: HttpRequest, programme: str, pk: int, kind: str, child_pk: int
) -> HttpResponse:
    """Remove a key individual, policy or source."""
    access = programme_access(request, programme, "edit")
    org = _organisation(access, pk)
    model = _CHILD_MODELS.get(kind)
    if model is None:
        raise Http404("Unknown kind of record.")
    obj = get_object_or_404(model, pk=child_pk, organisation=org)
    obj.delete()
    messages.success(request, f"{obj} was removed.")
    return redirect("registry:organisation_detail", programme, org.pk)


@login_required
def source_document(request: HttpRequest, programme: str, pk: int, child_pk: int) -> FileResponse:
    """Download a source's document (never served publicly: members only)."""
    access = programme_access(request, programme)
    source = get_object_or_404(Source, pk=child_pk, organisation_id=pk, programme=access.programme)
    return attachment_response(source.document, "This source has no document.")


@login_required
@require_POST
def link_add(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Relate this organisation to another (parent, affiliate, member, supplier)."""
    access = programme_access(request, programme, "edit")
    org = _organisation(access, pk)
    form = LinkForm(request.POST, organisation=org)
    if form.is_valid():
        other = form.cleaned_data["other"]
        src, dst = (org, other) if form.cleaned_data["direction"] == "out" else (other, org)
        try:
            services.link_organisations(
                src, form.cleaned_data["kind"], dst, form.cleaned_data["note"]
            )
            messages.success(request, "Link saved.")
        except services.LinkError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(
            request,
            "The link was not saved: " + error_summary(form),
        )
    return redirect("registry:organisation_detail", programme, org.pk)


@login_required
@require_POST
def link_delete(request: HttpRequest, programme: str, pk: int, link_pk: int) -> HttpResponse:
    """Remove a link between two organisations."""
    access = programme_access(request, programme, "edit")
    org = _organisation(access, pk)
    link = get_object_or_404(org.links_out.model, pk=link_pk, programme=access.programme)
    if org.pk not in (link.from_organisation_id, link.to_organisation_id):
        raise Http404("No such link.")
    link.delete()
    messages.success(request, "Link removed.")
    return redirect("registry:organisation_detail", programme, org.pk)


@login_required
@require_POST
def organisation_merge(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Fold a duplicate into this organisation."""
    access = programme_access(request, programme, "edit")
    org = _organisation(access, pk)
    form = MergeForm(request.POST, organisation=org)
    if form.is_valid():
        dup = form.cleaned_data["duplicate"]
        services.merge_organisations(org, dup, form.cleaned_data["reason"])
        messages.success(request, sentence_end(f"{dup.name} was merged into {org.name}"))
    else:
        messages.error(request, "Not merged: " + error_summary(form))
    return redirect("registry:organisation_detail", programme, org.pk)

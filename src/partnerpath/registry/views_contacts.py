"""Pages for contacts: the people the programme talks to."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from partnerpath.accounts.access import programme_access
from partnerpath.registry import history, services
from partnerpath.registry.choices import Department
from partnerpath.registry.forms import ContactForm
from partnerpath.registry.models import Contact

PAGE_SIZE = 50


@login_required
def contact_list(request: HttpRequest, programme: str) -> HttpResponse:
    """All contacts, filterable by search, department and champions; exportable."""
    access = programme_access(request, programme)
    flt = services.ContactFilter.from_params(request.GET)
    qs = services.filter_contacts(Contact.objects.filter(programme=access.programme), flt)
    qs = qs.select_related("organisation").order_by("name", "id")
    export = request.GET.get("export")
    if export:
        from partnerpath.registry import exports

        return exports.contacts_response(qs, export, access.programme)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "registry/contact_list.html",
        {
            "programme": access.programme,
            "access": access,
            "nav": "contacts",
            "page_obj": page,
            "flt": flt,
            "query": urlencode(flt.as_params()),
            "departments": Department.choices,
        },
    )


@login_required
def contact_form(request: HttpRequest, programme: str, pk: int | None = None) -> HttpResponse:
    """Add or edit a contact."""
    access = programme_access(request, programme, "edit")
    contact = get_object_or_404(Contact, pk=pk, programme=access.programme) if pk else None
    initial = {"organisation": request.GET.get("organisation")} if not contact else None
    form = ContactForm(
        request.POST or None, instance=contact, initial=initial, programme=access.programme
    )
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.programme = access.programme
        obj.save()
        messages.success(request, f"{obj.name} saved.")
        return redirect("registry:contact_detail", programme, obj.pk)
    return TemplateResponse(
        request,
        "registry/contact_form.html",
        {
            "programme": access.programme,
            "access": access,
            "nav": "contacts",
            "form": form,
            "contact": contact,
        },
    )


@login_required
def contact_detail(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """A contact with their connections, interactions and history."""
    from partnerpath.engagement import services as engagement

    access = programme_access(request, programme)
    contact = get_object_or_404(
        Contact.objects.select_related("organisation"), pk=pk, programme=access.programme
    )
    return TemplateResponse(
        request,
        "registry/contact_detail.html",
        {
            "programme": access.programme,
            "access": access,
            "nav": "contacts",
            "contact": contact,
            "connections": engagement.connections_of_contact(contact),
            "interactions": contact.interactions.order_by("-occurred_on")[:20],
            "changes": history.record_history(contact, access.membership),
            "history_query": urlencode(history.history_params(contact)),
            "history_note": "with their connections, deleted ones included",
        },
    )


@login_required
def contact_delete(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Delete a contact after confirmation."""
    access = programme_access(request, programme, "edit")
    contact = get_object_or_404(Contact, pk=pk, programme=access.programme)
    if request.method == "POST":
        org_pk = contact.organisation_id
        contact.delete()
        messages.success(request, f"{contact.name} was deleted.")
        return redirect("registry:organisation_detail", programme, org_pk)
    return TemplateResponse(
        request,
        "registry/confirm_delete.html",
        {
            "programme": access.programme,
            "access": access,
            "nav": "contacts",
            "object": contact,
            "what": "this contact and their connections",
        },
    )

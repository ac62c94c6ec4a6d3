"""Pages of the risk protocol: what happens when a trafficking case is identified (referral
contacts, steps in order, who is told) and the programme's Do No Harm commitments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import RestrictedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import programme_access
from partnerpath.audit.services import history_of
from partnerpath.diligence import services
from partnerpath.diligence.forms import ProtocolForm, ProtocolStepForm, ReferralContactForm
from partnerpath.diligence.models import ProtocolStep, ReferralContact
from partnerpath.diligence.views import render

# Said to anyone, including roles that cannot read incident notes: it names no case.
_REFERRED_BY_A_CASE = (
    "{name} was not removed: an incident note records a case referred to them, and that record "
    "must keep saying who the case went to. Ask a programme admin or someone with the "
    "incident-notes right to change the note's referral first."
)

_PARTS: dict[str, tuple[Any, Any, str]] = {
    "contacts": (ReferralContact, ReferralContactForm, "Referral contact"),
    "steps": (ProtocolStep, ProtocolStepForm, "Step"),
}


def _part(part: str) -> tuple[Any, Any, str]:
    """The model, form and label of a part of the protocol, or 404."""
    if part not in _PARTS:
        raise Http404("No such part of the protocol.")
    return _PARTS[part]


@login_required
def protocol_detail(request: HttpRequest, programme: str) -> HttpResponse:
    """The programme's risk protocol, printable."""
    access = programme_access(request, programme)
    protocol = services.protocol_of(access.programme)
    parts = [*protocol.contacts.all(), *protocol.steps.all()] if protocol else []
    changes = history_of(protocol, *parts)[:30] if protocol else []
    return render(
        request, "diligence/protocol_detail.html", access, protocol=protocol, changes=changes
    )


@login_required
def protocol_edit(request: HttpRequest, programme: str) -> HttpResponse:
    """Write or change the protocol's text."""
    access = programme_access(request, programme, "edit")
    protocol = services.ensure_protocol(access.programme)
    form = ProtocolForm(request.POST or None, instance=protocol)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Protocol saved.")
        return redirect("diligence:protocol_detail", programme)
    return render(
        request, "diligence/protocol_form.html", access, form=form, title="Edit the protocol"
    )


@login_required
def protocol_part(
    request: HttpRequest, programme: str, part: str, pk: int | None = None
) -> HttpResponse:
    """Add or change a referral contact or a step."""
    access = programme_access(request, programme, "edit")
    model, form_class, label = _part(part)
    protocol = services.ensure_protocol(access.programme)
    instance = get_object_or_404(model, pk=pk, protocol=protocol) if pk else None
    initial = {"order": services.next_step_number(protocol)} if part == "steps" and not pk else {}
    form = form_class(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.protocol, record.programme = protocol, access.programme
        record.save()
        messages.success(request, f"{label} saved.")
        return redirect("diligence:protocol_detail", programme)
    title = f"{'Change' if instance else 'Add'} a {label.lower()}"
    return render(request, "diligence/protocol_form.html", access, form=form, title=title)


@login_required
@require_POST
def protocol_part_delete(request: HttpRequest, programme: str, part: str, pk: int) -> HttpResponse:
    """Remove a referral contact or a step."""
    access = programme_access(request, programme, "edit")
    model, _, label = _part(part)
    record = get_object_or_404(model, pk=pk, programme=access.programme)
    try:
        with transaction.atomic():
            record.delete()
    except RestrictedError:
        messages.error(request, _REFERRED_BY_A_CASE.format(name=record))
        return redirect("diligence:protocol_detail", programme)
    messages.success(request, f"{label} removed.")
    return redirect("diligence:protocol_detail", programme)

"""Pages of the agreement: the record with its checklist and versions, editing it in place until
it is signed, amending it with a reason, a stored version beside the current one, the signed
document (served only to the programme's members), resource contributions and success
indicators. Any member reads; team members change."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from partnerpath.core.lifecycle.agreement import INGREDIENTS
from partnerpath.downloads import attachment_response
from partnerpath.partnerships.access import (
    PartnershipAccess,
    need_for,
    partnership_access,
    render_partnership,
)
from partnerpath.partnerships.choices import InPlaceRating
from partnerpath.partnerships.forms_agreement import (
    AgreementForm,
    AmendForm,
    ContributionForm,
    IndicatorForm,
)
from partnerpath.partnerships.models import (
    Agreement,
    AgreementVersion,
    Contribution,
    SuccessIndicator,
)
from partnerpath.partnerships.services import agreement as service

IN_PLACE = dict(InPlaceRating.choices)


def _back(found: PartnershipAccess, name: str = "agreement") -> HttpResponse:
    return redirect(f"partnerships:{name}", found.access.programme.slug, found.partnership.pk)


@login_required
def agreement(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The agreement: its fields, contributions, checklist, indicators and earlier versions."""
    found = partnership_access(request, programme, pk)
    current = service.agreement_of(found.partnership)
    contributions = service.contributions_of(found.partnership)
    ratings = current.checklist if current is not None else {}
    checklist = [(i, IN_PLACE.get(ratings.get(i.key, ""), "Not rated yet")) for i in INGREDIENTS]
    return render_partnership(
        request,
        "partnerships/agreement.html",
        found,
        "agreement",
        agreement=current,
        document_name=service.file_name(current.signed_document.name) if current else "",
        contributions=contributions,
        totals=service.totals_by_currency(contributions),
        indicators=list(found.partnership.success_indicators.all()),
        checklist=checklist,
        summary=service.checklist_summary(current),
        versions=list(current.versions.select_related("replaced_by")) if current else [],
    )


@login_required
def agreement_edit(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Start the agreement, or edit it in place while it is not signed."""
    found = partnership_access(request, programme, pk, "edit")
    partnership = found.partnership
    current = service.agreement_of(partnership) or Agreement(
        programme_id=partnership.programme_id, partnership=partnership
    )
    if current.signed_document:
        messages.warning(
            request,
            "This agreement is signed, so it is no longer edited in place: amend it, with the "
            "reason, and the version it replaces is kept.",
        )
        return _back(found, "agreement_amend")
    form = AgreementForm(request.POST or None, request.FILES or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            service.save_agreement(form.agreement(), form.changed())
        except service.AgreementSigned as exc:
            messages.error(request, str(exc))
            return _back(found, "agreement_amend")
        messages.success(request, "Agreement saved.")
        return _back(found)
    return render_partnership(
        request,
        "partnerships/agreement_form.html",
        found,
        "agreement",
        form=form,
        agreement=current if current.pk else None,
        amending=False,
    )


@login_required
def agreement_amend(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Amend the agreement with a written reason; the version it replaces is kept whole."""
    found = partnership_access(request, programme, pk, "edit")
    current = service.agreement_of(found.partnership)
    if current is None:
        messages.info(request, "There is no agreement to amend yet: start one.")
        return _back(found, "agreement_edit")
    form = AmendForm(request.POST or None, request.FILES or None, instance=current)
    if request.method == "POST" and form.is_valid():
        kept = service.amend_agreement(
            form.agreement(), form.changed(), form.cleaned_data["amendment_reason"], request.user
        )
        messages.success(
            request,
            f"Agreement amended to version {kept.version + 1}; version {kept.version} kept.",
        )
        return _back(found)
    return render_partnership(
        request,
        "partnerships/agreement_form.html",
        found,
        "agreement",
        form=form,
        agreement=current,
        amending=True,
    )


@login_required
def agreement_version(request: HttpRequest, programme: str, pk: int, version: int) -> HttpResponse:
    """A stored version, read-only, and what differs from the current agreement."""
    found = partnership_access(request, programme, pk)
    current = service.agreement_of(found.partnership)
    if current is None:
        raise Http404("This partnership has no agreement.")
    kept = get_object_or_404(
        AgreementVersion.objects.select_related("replaced_by"), agreement=current, version=version
    )
    return render_partnership(
        request,
        "partnerships/agreement_version.html",
        found,
        "agreement",
        agreement=current,
        kept=kept,
        lines=service.lines_of(kept.snapshot),
        differences=service.differences(kept.snapshot, service.snapshot_of(current)),
    )


@login_required
def agreement_document(request: HttpRequest, programme: str, pk: int) -> FileResponse:
    """Download the signed document (of ``?version=N`` for a stored version): members only."""
    found = partnership_access(request, programme, pk)
    current = service.agreement_of(found.partnership)
    if current is None:
        raise Http404("This partnership has no agreement.")
    document = current.signed_document
    wanted = request.GET.get("version", "")
    if wanted and wanted != str(current.version):
        if not wanted.isdigit():
            raise Http404("No such version.")
        document = get_object_or_404(
            AgreementVersion, agreement=current, version=int(wanted)
        ).signed_document
    return attachment_response(document, "No signed document is attached.")


@login_required
def contributions(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Resource contributions per partner with totals per currency; team members add them."""
    found = partnership_access(request, programme, pk, need_for(request))
    partnership = found.partnership
    form = None
    if found.access.can_edit:
        form = ContributionForm(request.POST or None, partnership=partnership)
        if request.method == "POST" and form.is_valid():
            service.add_contribution(form.save(commit=False))
            messages.success(request, "Contribution added.")
            return _back(found, "contributions")
    rows = service.contributions_of(partnership)
    current = service.agreement_of(partnership)
    return render_partnership(
        request,
        "partnerships/contributions.html",
        found,
        "agreement",
        form=form,
        contributions=rows,
        totals=service.totals_by_currency(rows),
        agreed=bool(current and current.contributions_agreed),
        remove=found.access.can_edit,
    )


@login_required
@require_POST
def contribution_remove(
    request: HttpRequest, programme: str, pk: int, contribution: int
) -> HttpResponse:
    """Remove a contribution."""
    found = partnership_access(request, programme, pk, "edit")
    row = get_object_or_404(
        Contribution.objects.select_related("partner__organisation"),
        pk=contribution,
        partnership=found.partnership,
    )
    service.remove_contribution(row)
    messages.success(request, "Contribution removed.")
    return _back(found, "contributions")


@login_required
def indicators(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Success indicators with targets; team members add them."""
    found = partnership_access(request, programme, pk, need_for(request))
    form = None
    if found.access.can_edit:
        form = IndicatorForm(request.POST or None, partnership=found.partnership)
        if request.method == "POST" and form.is_valid():
            service.add_indicator(form.save(commit=False))
            messages.success(request, "Success indicator added.")
            return _back(found, "indicators")
    return render_partnership(
        request,
        "partnerships/indicators.html",
        found,
        "agreement",
        form=form,
        indicators=list(found.partnership.success_indicators.all()),
        remove=found.access.can_edit,
    )


@login_required
@require_POST
def indicator_remove(request: HttpRequest, programme: str, pk: int, indicator: int) -> HttpResponse:
    """Remove a success indicator."""
    found = partnership_access(request, programme, pk, "edit")
    row = get_object_or_404(SuccessIndicator, pk=indicator, partnership=found.partnership)
    service.remove_indicator(row)
    messages.success(request, "Success indicator removed.")
    return _back(found, "indicators")

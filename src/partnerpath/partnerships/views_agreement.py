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
    ContributionFormSet,
    IndicatorForm,
    IndicatorFormSet,
    removed_rows,
    saved_rows,
)
from partnerpath.partnerships.models import (
    Agreement,
    AgreementVersion,
    Contribution,
    SuccessIndicator,
)
from partnerpath.partnerships.services import agreement as service
from partnerpath.partnerships.services import amendments

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
        signature=service.signature_of(current),
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
    if current.is_signed:
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
    """Amend the agreement with a written reason: its fields, contributions and success
    indicators, and whether the amended version is signed; the version it replaces is kept."""
    found = partnership_access(request, programme, pk, "edit")
    partnership = found.partnership
    current = service.agreement_of(partnership)
    if current is None:
        messages.info(request, "There is no agreement to amend yet: start one.")
        return _back(found, "agreement_edit")
    data = request.POST or None
    contributions = ContributionFormSet(
        data,
        prefix="contributions",
        queryset=partnership.contributions.select_related("partner__organisation").order_by(
            "partner_id", "id"
        ),
        form_kwargs={"partnership": partnership},
    )
    indicators = IndicatorFormSet(
        data,
        prefix="indicators",
        queryset=partnership.success_indicators.order_by("id"),
        form_kwargs={"partnership": partnership},
    )
    rows_valid = data is not None and contributions.is_valid() and indicators.is_valid()
    rows = amendments.RowChanges()
    if rows_valid:
        rows = amendments.RowChanges(
            saved_rows(contributions),
            removed_rows(contributions),
            saved_rows(indicators),
            removed_rows(indicators),
        )
    form = AmendForm(data, request.FILES or None, instance=current, rows_changed=bool(rows))
    if request.method == "POST" and form.is_valid() and rows_valid:
        kept = amendments.amend_agreement(
            form.agreement(),
            form.changed(),
            form.cleaned_data["amendment_reason"],
            request.user,
            rows,
            form.covered_by(),
        )
        amended = service.agreement_of(partnership)
        text = f"Agreement amended to version {kept.version + 1}; version {kept.version} kept."
        if amended is not None and not amended.is_signed:
            messages.warning(
                request, text + " It counts as not signed until its signed document is attached."
            )
        else:
            messages.success(request, text)
        return _back(found)
    return render_partnership(
        request,
        "partnerships/agreement_form.html",
        found,
        "agreement",
        form=form,
        agreement=current,
        amending=True,
        contribution_forms=contributions,
        indicator_forms=indicators,
        signature=service.signature_of(current),
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
        lines=amendments.lines_of(kept.snapshot),
        differences=amendments.differences(kept.snapshot, amendments.snapshot_of(current)),
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


def _refused(request: HttpRequest, found: PartnershipAccess, page: str) -> HttpResponse:
    messages.error(request, service.SIGNED_ROWS)
    return _back(found, page)


@login_required
def contributions(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Resource contributions per partner with totals per currency; team members add them until
    the agreement is signed (then only an amendment changes them)."""
    found = partnership_access(request, programme, pk, need_for(request))
    partnership = found.partnership
    locked = service.rows_locked(partnership)
    form = None
    if found.access.can_edit and not locked:
        form = ContributionForm(request.POST or None, partnership=partnership)
        if request.method == "POST" and form.is_valid():
            try:
                service.add_contribution(form.save(commit=False))
            except service.AgreementSigned:
                return _refused(request, found, "contributions")
            messages.success(request, "Contribution added.")
            return _back(found, "contributions")
    elif request.method == "POST":
        return _refused(request, found, "contributions")
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
        remove=found.access.can_edit and not locked,
        locked=locked,
    )


@login_required
@require_POST
def contribution_remove(
    request: HttpRequest, programme: str, pk: int, contribution: int
) -> HttpResponse:
    """Remove a contribution (refused once the agreement is signed)."""
    found = partnership_access(request, programme, pk, "edit")
    row = get_object_or_404(
        Contribution.objects.select_related("partner__organisation"),
        pk=contribution,
        partnership=found.partnership,
    )
    try:
        service.remove_contribution(row)
    except service.AgreementSigned:
        return _refused(request, found, "contributions")
    messages.success(request, "Contribution removed.")
    return _back(found, "contributions")


@login_required
def indicators(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Success indicators with targets; team members add them until the agreement is signed
    (then only an amendment changes them)."""
    found = partnership_access(request, programme, pk, need_for(request))
    locked = service.rows_locked(found.partnership)
    form = None
    if found.access.can_edit and not locked:
        form = IndicatorForm(request.POST or None, partnership=found.partnership)
        if request.method == "POST" and form.is_valid():
            try:
                service.add_indicator(form.save(commit=False))
            except service.AgreementSigned:
                return _refused(request, found, "indicators")
            messages.success(request, "Success indicator added.")
            return _back(found, "indicators")
    elif request.method == "POST":
        return _refused(request, found, "indicators")
    return render_partnership(
        request,
        "partnerships/indicators.html",
        found,
        "agreement",
        form=form,
        indicators=list(found.partnership.success_indicators.all()),
        remove=found.access.can_edit and not locked,
        locked=locked,
    )


@login_required
@require_POST
def indicator_remove(request: HttpRequest, programme: str, pk: int, indicator: int) -> HttpResponse:
    """Remove a success indicator (refused once the agreement is signed)."""
    found = partnership_access(request, programme, pk, "edit")
    row = get_object_or_404(SuccessIndicator, pk=indicator, partnership=found.partnership)
    try:
        service.remove_indicator(row)
    except service.AgreementSigned:
        return _refused(request, found, "indicators")
    messages.success(request, "Success indicator removed.")
    return _back(found, "indicators")

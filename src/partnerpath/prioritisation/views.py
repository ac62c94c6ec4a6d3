"""Pages of prioritisation: the overview, opportunities, the pipeline and the weights agreed on
record. Any member reads; team members change; reviewers score only as raters of a round."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import ProgrammeAccess, programme_access
from partnerpath.audit.context import because
from partnerpath.audit.services import history_of
from partnerpath.prioritisation.choices import OpportunityStatus
from partnerpath.prioritisation.forms import (
    AhpForm,
    DirectWeightsForm,
    OpportunityForm,
    ReasonForm,
)
from partnerpath.prioritisation.forms_tailor import TailorForm
from partnerpath.prioritisation.models import Opportunity, ScorecardTemplateVersion
from partnerpath.prioritisation.services import opportunities, results, rounds, templates, weights


def render(
    request: HttpRequest, template: str, access: ProgrammeAccess, **context: Any
) -> TemplateResponse:
    """A prioritisation page with the programme, the access and the nav entry."""
    context.update(programme=access.programme, access=access, nav="prioritisation")
    return TemplateResponse(request, template, context)


def _opportunity(access: ProgrammeAccess, pk: int) -> Opportunity:
    return get_object_or_404(Opportunity, pk=pk, programme=access.programme)


@login_required
def overview(request: HttpRequest, programme: str) -> HttpResponse:
    """Opportunities with their status and organisations, and the rounds."""
    access = programme_access(request, programme)
    return render(
        request,
        "prioritisation/overview.html",
        access,
        opportunities=opportunities.opportunities_of(access.programme),
        rounds=rounds.rounds_of(access.programme),
    )


def _opportunity_form(
    request: HttpRequest, access: ProgrammeAccess, instance: Opportunity
) -> HttpResponse:
    form = OpportunityForm(request.POST or None, instance=instance, programme=access.programme)
    if request.method == "POST" and form.is_valid():
        # A status change is recorded with its reason, as selecting from the pipeline is.
        reason = form.cleaned_data["status_reason"] if "status" in form.changed_data else ""
        with because(reason):
            opportunities.save_opportunity(form.save(commit=False), form.roles())
        messages.success(request, f"Opportunity “{instance.title}” saved.")
        return redirect("prioritisation:overview", access.programme.slug)
    changes = history_of(instance)[:30] if instance.pk else []
    return render(
        request,
        "prioritisation/opportunity_form.html",
        access,
        form=form,
        opportunity=instance if instance.pk else None,
        changes=changes,
    )


@login_required
def opportunity_create(request: HttpRequest, programme: str) -> HttpResponse:
    """Record a new partnership opportunity."""
    access = programme_access(request, programme, "edit")
    return _opportunity_form(request, access, Opportunity(programme=access.programme))


@login_required
def opportunity_edit(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Change an opportunity, its organisations or its status."""
    access = programme_access(request, programme, "edit")
    return _opportunity_form(request, access, _opportunity(access, pk))


@login_required
@require_POST
def opportunity_select(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Select an opportunity for development, with the reason on record."""
    access = programme_access(request, programme, "edit")
    opportunity = _opportunity(access, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say why the opportunity is selected for development.")
    else:
        opportunities.set_status(
            opportunity, OpportunityStatus.SELECTED, form.cleaned_data["reason"], request.user
        )
        messages.success(request, f"“{opportunity.title}” is selected for development.")
    return redirect("prioritisation:pipeline", programme)


@login_required
def pipeline(request: HttpRequest, programme: str) -> HttpResponse:
    """Selected opportunities in rank order with their scores; candidates to select."""
    access = programme_access(request, programme)
    all_rounds = list(rounds.rounds_of(access.programme))
    found = list(opportunities.opportunities_of(access.programme))
    selected = {o.pk: o.title for o in found if o.status == OpportunityStatus.SELECTED}
    candidates = [
        o for o in found if o.status in (OpportunityStatus.SCORING, OpportunityStatus.IDEA)
    ]
    return render(
        request,
        "prioritisation/pipeline.html",
        access,
        lines=results.pipeline(all_rounds, selected, request.user),
        candidates=candidates,
        form=ReasonForm() if access.can_edit else None,
    )


def _version(access: ProgrammeAccess, request: HttpRequest) -> ScorecardTemplateVersion:
    """The template version named by ?template=, else the default card: as stored, or (for a
    programme without it) the packaged one, shown without storing and stored when posted."""
    pk = request.GET.get("template") or request.POST.get("template")
    if pk and str(pk).isdigit():
        return get_object_or_404(ScorecardTemplateVersion, pk=pk, programme=access.programme)
    if request.method == "POST":
        return templates.default_template_version(access.programme)
    return templates.default_version_shown(access.programme)


@login_required
def weight_list(request: HttpRequest, programme: str) -> HttpResponse:
    """Template versions with their default weights, and every weight decision on record."""
    access = programme_access(request, programme)
    return render(
        request,
        "prioritisation/weights.html",
        access,
        versions=templates.versions_shown(access.programme),
        decisions=weights.decision_lines(access.programme),
    )


@login_required
def weight_direct(request: HttpRequest, programme: str) -> HttpResponse:
    """Enter weights directly: groups sum to 100, each group's factors sum to 100."""
    access = programme_access(request, programme, "edit")
    version = _version(access, request)
    form = DirectWeightsForm(request.POST or None, template=version.template)
    if request.method == "POST" and form.is_valid():
        try:
            weights.record_direct(
                version,
                form.groups(),
                form.factors(),
                request.user,
                form.cleaned_data["agreed_on"],
                form.cleaned_data["reason"],
            )
        except weights.WeightsError as exc:
            form.add_error(None, f"Not saved: {exc}.")
        else:
            messages.success(request, "Weights recorded.")
            return redirect("prioritisation:weight_list", programme)
    return render(request, "prioritisation/weights_form.html", access, form=form, version=version)


@login_required
def weight_ahp(request: HttpRequest, programme: str) -> HttpResponse:
    """Derive weights by comparing groups and factors in pairs; refused when inconsistent."""
    access = programme_access(request, programme, "edit")
    version = _version(access, request)
    form = AhpForm(request.POST or None, template=version.template)
    preview = None
    if request.method == "POST" and form.is_valid():
        try:
            decision = weights.record_ahp(
                version,
                form.comparisons(),
                request.user,
                form.cleaned_data["agreed_on"],
                form.cleaned_data["reason"],
                form.factor_comparisons(),
            )
        except weights.AhpRefused as exc:
            preview = exc.derived  # every matrix's ratio, to show which judgements to revisit
            form.add_error(None, f"Not saved: {exc}.")
        else:
            messages.success(
                request,
                f"Weights recorded (highest consistency ratio {decision.consistency_ratio:.3f}).",
            )
            return redirect("prioritisation:weight_list", programme)
    checks = {c.group: c for c in preview.consistency} if preview else {}
    return render(
        request,
        "prioritisation/weights_ahp.html",
        access,
        form=form,
        version=version,
        sections=form.sections(checks),
        preview=preview,
    )


@login_required
def template_tailor(request: HttpRequest, programme: str) -> HttpResponse:
    """A programme admin tailors a template version into the next version of it: *Preview*
    shows the card that saving would store (weights shared out after a drop), *Save* stores it."""
    access = programme_access(request, programme, "manage")
    version = _version(access, request)
    form = TailorForm(request.POST or None, template=version.template)
    preview = None
    if request.method == "POST" and form.is_valid():
        wants_preview = request.POST.get("action") == "preview"
        try:
            if wants_preview:
                preview = templates.preview(version, form.changes())
            else:
                made = templates.tailor_version(
                    version, request.user, form.changes(), reason=form.cleaned_data["reason"]
                )
                messages.success(request, f"Template {made.template_id} saved.")
                return redirect("prioritisation:weight_list", programme)
        except templates.TailoringError as exc:
            form.add_error(None, f"{'Check the card' if wants_preview else 'Not saved'}: {exc}")
    return render(
        request, "prioritisation/tailor.html", access, form=form, version=version, preview=preview
    )

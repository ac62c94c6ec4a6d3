"""Pages of assessments: an organisation's assessments and level over time, starting one, the
answer form for every indicator, the result with its explanation and the history of answers.
Any member reads; team members start, answer and finalise."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import ProgrammeAccess, programme_access
from partnerpath.assessments import pse, rubrics, selfassess, services
from partnerpath.assessments.choices import Kind, Source
from partnerpath.assessments.forms import AnswerForm, AssessmentForm, InviteForm
from partnerpath.assessments.models import AnswerRecord, Assessment, SelfAssessmentInvite
from partnerpath.core.rubric import ReadinessResult
from partnerpath.core.wording import plural
from partnerpath.downloads import attachment_response
from partnerpath.registry.models import Organisation


def _render(
    request: HttpRequest, template: str, access: ProgrammeAccess, **context: Any
) -> TemplateResponse:
    context.update(programme=access.programme, access=access, nav="assessments")
    return TemplateResponse(request, template, context)


def _assessment(access: ProgrammeAccess, pk: int) -> Assessment:
    """An assessment of this programme, or 404."""
    return get_object_or_404(
        Assessment.objects.select_related("organisation", "created_by"),
        pk=pk,
        programme=access.programme,
    )


def _organisation(access: ProgrammeAccess, pk: int) -> Organisation:
    return get_object_or_404(Organisation, pk=pk, programme=access.programme)


@login_required
def overview(request: HttpRequest, programme: str) -> HttpResponse:
    """The programme's recent maturity assessments, with links to the pyramid."""
    access = programme_access(request, programme)
    recent = (
        Assessment.objects.filter(programme=access.programme, kind=Kind.MATURITY)
        .select_related("organisation")
        .order_by("-assessed_on", "-id")[:50]
    )
    return _render(
        request,
        "assessments/overview.html",
        access,
        recent=list(recent),
        labels=services.level_labels(),
    )


@login_required
def organisation_assessments(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """An organisation's assessments and its level over time."""
    access = programme_access(request, programme)
    org = _organisation(access, pk)
    assessments = list(org.assessments.select_related("created_by"))
    panel = services.panel_context(org)  # levels of the rubrics it was assessed with
    now = timezone.now()
    invites = [
        (i, i.state(now), selfassess.private_url(request, i, access.membership, now))
        for i in org.self_assessment_invites.select_related("contact", "assessment")
    ]
    return _render(
        request,
        "assessments/organisation_assessments.html",
        access,
        organisation=org,
        assessments=assessments,
        chart=panel["panel_chart"],
        labels=panel["panel_labels"],
        invites=invites,
        invite_form=InviteForm(organisation=org) if access.can_edit else None,
        rubric_choices=rubrics.available(access.programme, Kind.MATURITY),
    )


@login_required
@require_POST
def assessment_start(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Start a new draft maturity assessment of an organisation."""
    access = programme_access(request, programme, "edit")
    org = _organisation(access, pk)
    try:
        assessment = services.start_assessment(
            access.programme, request.user, org, request.POST.get("rubric") or None
        )
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("assessments:organisation_assessments", programme, org.pk)
    messages.success(request, f"Assessment started on {assessment.rubric_key}.")
    return redirect("assessments:assessment_answer", programme, assessment.pk)


@login_required
def assessment_detail(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The result (level, confidence, coverage, gaps, offers, partnership types, the steps),
    every answer with its evidence, and the history of answer changes."""
    access = programme_access(request, programme)
    assessment = _assessment(access, pk)
    records = list(assessment.answers.select_related("recorded_by", "reviewed_by"))
    context: dict[str, Any] = {}
    if assessment.source == Source.COMPANY and access.can_edit:
        link = SelfAssessmentInvite.objects.filter(assessment=assessment).first()
        context["company_submitted"] = link is None or link.submitted_at is not None
        context["discard_problem"] = selfassess.discard_problem(assessment)
    return _render(
        request,
        "assessments/assessment_detail.html",
        access,
        **result_context(assessment, records),
        **context,
        changes=services.answer_history(assessment)[:100],
    )


def result_context(assessment: Assessment, records: list[AnswerRecord]) -> dict[str, Any]:
    """The result, its template and (PSE readiness) radar, weakest first and comparison."""
    result = services.compute(assessment, records)
    context: dict[str, Any] = {
        "assessment": assessment,
        "result": result,
        "groups": services.grouped_items(assessment, records),
        "result_template": "assessments/_result.html",
    }
    if isinstance(result, ReadinessResult):
        context["readiness"] = pse.readiness(assessment, result)
        context["result_template"] = "assessments/_result_pse.html"
    return context


@login_required
def assessment_answer(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Answer every indicator, grouped by level (or section), with the assessor's guidance."""
    access = programme_access(request, programme, "edit")
    assessment = _assessment(access, pk)
    try:  # not offered when final, discarded or while the company answers (save_answers too)
        services.ensure_answerable(assessment)
    except services.AssessmentIsFinal as exc:
        messages.warning(request, f"{exc} Reopen it to change an answer.")
        return redirect("assessments:assessment_detail", programme, assessment.pk)
    except ValueError as exc:
        messages.warning(request, str(exc))
        return redirect("assessments:assessment_detail", programme, assessment.pk)
    rub = services.rubric_of(assessment)
    records = {r.indicator_id: r for r in assessment.answers.all()}
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    details = AssessmentForm(data, instance=assessment, prefix="details")
    groups = []
    forms: list[AnswerForm] = []
    for group in services.grouped_items(assessment, records.values()):
        rows = []
        for item in group.items:
            form = AnswerForm(
                data,
                files,
                instance=records.get(item.indicator.id),
                indicator=item.indicator,
                scale=rub.scales[item.indicator.scale],
            )
            forms.append(form)
            rows.append((item, form))
        groups.append((group, rows))
    if data is not None and details.is_valid() and all(f.is_valid() for f in forms):
        changed = {f.indicator.id: f.cleaned_data for f in forms if f.has_changed()}
        try:
            with transaction.atomic():
                if details.has_changed():
                    details.save()
                services.save_answers(assessment, changed, request.user)
        except ValueError as exc:  # finalised, discarded or submitted meanwhile
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{plural(len(changed), 'answer')} saved.")
        return redirect("assessments:assessment_detail", programme, assessment.pk)
    return _render(
        request,
        "assessments/assessment_answer.html",
        access,
        assessment=assessment,
        rubric=rub,
        details=details,
        groups=groups,
    )


# What each closing action of assessment_finalise says when it worked.
DONE = {
    "reopen": "The assessment is a draft again.",
    "discard": "The self-assessment draft was discarded.",
    "finalise": "The assessment is final.",
}


@login_required
@require_POST
def assessment_finalise(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Close the assessment: make it final (it then counts on the chart and the pyramid), or
    reopen it; a self-assessment the company never submitted is discarded instead, with a
    reason."""
    access = programme_access(request, programme, "edit")
    assessment = _assessment(access, pk)
    action = "reopen" if request.POST.get("reopen") else request.POST.get("action", "finalise")
    try:
        if action == "reopen":
            services.reopen(assessment, request.user)
        elif action == "discard":
            selfassess.discard(assessment, request.user, request.POST.get("reason", ""))
        else:
            services.finalise(assessment, request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, DONE.get(action, DONE["finalise"]))
    return redirect("assessments:assessment_detail", programme, assessment.pk)


@login_required
def evidence_document(
    request: HttpRequest, programme: str, pk: int, answer_pk: int
) -> FileResponse:
    """Download an answer's evidence document (members only)."""
    access = programme_access(request, programme)
    answer = get_object_or_404(
        AnswerRecord, pk=answer_pk, assessment_id=pk, programme=access.programme
    )
    return attachment_response(answer.evidence_document, "This answer has no document.")

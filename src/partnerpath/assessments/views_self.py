"""Company self-assessment. Public pages (no account, the private token is the only key): the
form, then the company's result with its anonymous benchmark. Programme pages: create and revoke
links, and review each submitted answer (accept or adjust)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import programme_access
from partnerpath.assessments import selfassess, services
from partnerpath.assessments.choices import Source
from partnerpath.assessments.forms import CompanyAnswerForm, InviteForm
from partnerpath.assessments.models import SelfAssessmentInvite
from partnerpath.assessments.views import _assessment, _organisation, _render


def _gone(request: HttpRequest, state: str) -> TemplateResponse:
    return TemplateResponse(request, "assessments/self_gone.html", {"state": state}, status=410)


@never_cache
def self_assessment(request: HttpRequest, token: str) -> HttpResponse:
    """The company's form: every indicator of the rubric with its answer scale."""
    try:
        link = selfassess.open_link(token)
    except SelfAssessmentInvite.DoesNotExist:
        raise Http404("No such link.") from None
    except selfassess.LinkGone as gone:
        return _gone(request, gone.state)
    if link.submitted_at is not None:
        return redirect("self_assessment_result", token)
    rub = services.rubric_of(link.assessment)
    data = request.POST if request.method == "POST" else None
    groups, forms = [], []
    for group in services.grouped_items(link.assessment, []):
        rows = []
        for item in group.items:
            form = CompanyAnswerForm(
                data, indicator=item.indicator, scale=rub.scales[item.indicator.scale]
            )
            forms.append(form)
            rows.append((item, form))
        groups.append((group, rows))
    if data is not None and all(f.is_valid() for f in forms):
        selfassess.submit(link, {f.indicator.id: f.cleaned_data for f in forms})
        return redirect("self_assessment_result", token)
    context = {"link": link, "rubric": rub, "groups": groups}
    return TemplateResponse(request, "assessments/self_form.html", context)


@never_cache
def self_assessment_result(request: HttpRequest, token: str) -> HttpResponse:
    """The company's level, its next-level goals and the anonymous benchmark per sector."""
    try:
        link = selfassess.open_link(token)
    except SelfAssessmentInvite.DoesNotExist:
        raise Http404("No such link.") from None
    except selfassess.LinkGone as gone:
        return _gone(request, gone.state)
    if link.submitted_at is None:
        return redirect("self_assessment", token)
    context = {
        "link": link,
        "result": selfassess.company_result(link),
        "benchmarks": selfassess.benchmarks(link),
        "min_group": selfassess.BENCHMARK_MIN_GROUP,
    }
    return TemplateResponse(request, "assessments/self_result.html", context)


@login_required
@require_POST
def invite_create(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Create a private self-assessment link for a contact of the organisation."""
    access = programme_access(request, programme, "edit")
    org = _organisation(access, pk)
    form = InviteForm(request.POST, organisation=org)
    if not form.is_valid():
        messages.error(request, "Choose one of the organisation's contacts and 1-90 days.")
    else:
        data = form.cleaned_data
        try:
            selfassess.invite(org, request.user, data.get("contact"), data.get("days"))
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Self-assessment link created: copy it from the list below.")
    return redirect("assessments:organisation_assessments", programme, org.pk)


@login_required
@require_POST
def invite_revoke(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Make a self-assessment link stop working."""
    access = programme_access(request, programme, "edit")
    link = get_object_or_404(SelfAssessmentInvite, pk=pk, programme=access.programme)
    try:
        selfassess.revoke(link, request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The link no longer works.")
    return redirect("assessments:organisation_assessments", programme, link.organisation_id)


@login_required
def assessment_review(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Review a company's submitted answers: accept each or adjust it (both values are kept)."""
    access = programme_access(request, programme, "edit")
    assessment = _assessment(access, pk)
    if assessment.source != Source.COMPANY:
        raise Http404("Only company self-assessments are reviewed.")
    try:  # a final assessment is not offered for review (selfassess.review refuses it too)
        services.ensure_draft(assessment)
    except ValueError as exc:
        messages.warning(request, f"{exc} Reopen it to change a review.")
        return redirect("assessments:assessment_detail", programme, assessment.pk)
    records = list(assessment.answers.select_related("reviewed_by"))
    rub = services.rubric_of(assessment)
    if request.method == "POST":
        decisions: dict[str, Any] = {}
        for r in records:
            value = request.POST.get(f"review-{r.indicator_id}", "")
            if value and rub.scales[rub.indicator(r.indicator_id).scale].option(value):
                decisions[r.indicator_id] = value
        accepted, adjusted = selfassess.review(assessment, decisions, request.user)
        messages.success(request, f"{accepted} answer(s) accepted, {adjusted} adjusted.")
        return redirect("assessments:assessment_detail", programme, assessment.pk)
    groups = [
        (group, [(item, rub.scales[item.indicator.scale].options) for item in group.items])
        for group in services.grouped_items(assessment, records)
    ]
    return _render(
        request, "assessments/assessment_review.html", access, assessment=assessment, groups=groups
    )

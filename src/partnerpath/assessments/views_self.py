"""Company self-assessment. Public pages (no account, the private token is the only key): the
form, then the company's result with its anonymous benchmark. Programme pages: create and revoke
links, and review each submitted answer (accept or adjust)."""

from __future__ import annotations

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
from partnerpath.core.wording import plural


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
    problem = ""
    if data is not None and all(f.is_valid() for f in forms):
        try:
            selfassess.submit(link, {f.indicator.id: f.cleaned_data for f in forms})
        except selfassess.NothingAnswered as exc:
            problem = str(exc)
        except selfassess.LinkGone as gone:  # submitted (a second click), revoked or expired
            if gone.state != "submitted":
                return _gone(request, gone.state)
            return redirect("self_assessment_result", token)
        else:
            return redirect("self_assessment_result", token)
    context = {"link": link, "rubric": rub, "groups": groups, "problem": problem}
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
        "min_group": selfassess.benchmark_min_group(),
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
        messages.error(
            request,
            "Choose one of the organisation's contacts, 1-90 days and one of the programme's "
            "maturity rubrics.",
        )
    else:
        data = form.cleaned_data
        try:
            selfassess.invite(
                org, request.user, data.get("contact"), data.get("days"), data.get("rubric")
            )
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
    """Review a company's submitted answers (accept each or adjust it; both values are kept) and
    answer the indicators the company left blank."""
    access = programme_access(request, programme, "edit")
    assessment = _assessment(access, pk)
    if assessment.source != Source.COMPANY:
        raise Http404("Only company self-assessments are reviewed.")
    try:  # not offered before the company submits, nor when final (selfassess.review refuses too)
        services.ensure_answerable(assessment)
    except services.AssessmentIsFinal as exc:
        messages.warning(request, f"{exc} Reopen it to change a review.")
        return redirect("assessments:assessment_detail", programme, assessment.pk)
    except ValueError as exc:
        messages.warning(request, str(exc))
        return redirect("assessments:assessment_detail", programme, assessment.pk)
    records = list(assessment.answers.select_related("reviewed_by", "recorded_by"))
    rub = services.rubric_of(assessment)
    if request.method == "POST":
        decisions: dict[str, str] = {}
        for ind in rub.indicators():
            name = f"review-{ind.id}"
            value = request.POST.get(name)
            if value is not None and (not value or rub.scales[ind.scale].option(value)):
                decisions[ind.id] = value
        try:
            done = selfassess.review(assessment, decisions, request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"{plural(done.accepted, 'answer')} accepted, {done.adjusted} adjusted; "
                f"{done.answered} left blank by the company answered.",
            )
        return redirect("assessments:assessment_detail", programme, assessment.pk)
    groups = [
        (group, [(item, rub.scales[item.indicator.scale].options) for item in group.items])
        for group in services.grouped_items(assessment, records)
    ]
    return _render(
        request, "assessments/assessment_review.html", access, assessment=assessment, groups=groups
    )

"""Pages of the due-diligence checklist: start or open an organisation's checklist, answer its
questions with evidence, re-rate it, and sign it off as a second person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import ProgrammeAccess, programme_access
from partnerpath.audit.services import history_of
from partnerpath.core.risk.checklist import QUESTION_BY_KEY, QUESTIONS
from partnerpath.diligence import services
from partnerpath.diligence.forms import AnswerForm, SignOffForm
from partnerpath.diligence.models import Checklist, ChecklistAnswer
from partnerpath.diligence.views import organisation_of, render
from partnerpath.downloads import attachment_response


def _checklist(access: ProgrammeAccess, pk: int) -> Checklist:
    """A checklist of this programme with its answers, or 404."""
    queryset = services.with_answers(Checklist.objects.filter(programme=access.programme))
    return get_object_or_404(queryset, pk=pk)


@login_required
def organisation_checklist(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The organisation's newest checklist, or a page offering to start the first one."""
    access = programme_access(request, programme)
    organisation = organisation_of(access, pk)
    checklist = services.latest_checklist(organisation)
    if checklist is not None:
        return redirect("diligence:checklist_detail", programme, checklist.pk)
    return render(request, "diligence/checklist_start.html", access, organisation=organisation)


@login_required
@require_POST
def checklist_start(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Start a checklist (or a new round, copying the previous answers for review)."""
    access = programme_access(request, programme, "edit")
    organisation = organisation_of(access, pk)
    checklist = services.start_checklist(organisation, request.user)
    return redirect("diligence:checklist_detail", programme, checklist.pk)


@login_required
def checklist_detail(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The questions, answers, evidence, rating with its reasons, status and sign-off."""
    access = programme_access(request, programme)
    checklist = _checklist(access, pk)
    answers = {a.question: a for a in checklist.answers.all()}
    today = services.today()
    verdict = services.rating_of(checklist)
    problems = services.sign_off_problems(checklist, request.user) if access.can_edit else []
    changes = history_of(checklist, *answers.values())[:40]
    return render(
        request,
        "diligence/checklist_detail.html",
        access,
        checklist=checklist,
        organisation=checklist.organisation,
        rows=[(q, answers.get(q.key)) for q in QUESTIONS],
        status=checklist.status(today),
        verdict=verdict,
        sign_off_problems=problems,
        sign_off_form=SignOffForm() if access.can_edit and not problems else None,
        changes=changes,
    )


@login_required
def checklist_answer(request: HttpRequest, programme: str, pk: int, question: str) -> HttpResponse:
    """Answer one question with its evidence."""
    access = programme_access(request, programme, "edit")
    checklist = _checklist(access, pk)
    asked = QUESTION_BY_KEY.get(question)
    if asked is None:
        raise Http404("No such question.")
    if checklist.is_locked:
        messages.error(
            request, "This checklist is signed off or replaced; start a new one to change it."
        )
        return redirect("diligence:checklist_detail", programme, checklist.pk)
    instance = next((a for a in checklist.answers.all() if a.question == question), None)
    form = AnswerForm(
        request.POST or None, request.FILES or None, instance=instance, question=asked
    )
    if request.method == "POST" and form.is_valid():
        services.answer_question(checklist, question, dict(form.cleaned_data), request.user)
        messages.success(request, "Answer saved; the rating is updated.")
        return redirect("diligence:checklist_detail", programme, checklist.pk)
    return render(
        request,
        "diligence/answer_form.html",
        access,
        form=form,
        checklist=checklist,
        organisation=checklist.organisation,
        question=asked,
    )


@login_required
@require_POST
def checklist_recompute(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Re-rate an open checklist on the organisation's current inherent risk."""
    access = programme_access(request, programme, "edit")
    checklist = _checklist(access, pk)
    try:
        services.recompute(checklist, request.user)
        messages.success(request, "Rating computed again.")
    except services.ChecklistLocked as exc:
        messages.error(request, str(exc))
    return redirect("diligence:checklist_detail", programme, checklist.pk)


@login_required
@require_POST
def checklist_sign_off(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """A second person signs the checklist off; it then holds until its expiry date."""
    access = programme_access(request, programme, "edit")
    checklist = _checklist(access, pk)
    form = SignOffForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.sign_off(checklist, request.user, note)
        messages.success(
            request,
            f"Signed off; it expires on {checklist.expires_on:%d %b %Y} (redo it before then).",
        )
    except services.SignOffRefused as exc:
        for problem in exc.problems:
            messages.error(request, problem)
    return redirect("diligence:checklist_detail", programme, checklist.pk)


@login_required
def evidence_document(
    request: HttpRequest, programme: str, pk: int, answer_pk: int
) -> FileResponse:
    """Download an answer's evidence document (members only)."""
    access = programme_access(request, programme)
    answer = get_object_or_404(
        ChecklistAnswer, pk=answer_pk, checklist_id=pk, programme=access.programme
    )
    return attachment_response(answer.evidence_document, "This answer has no document.")

"""XLSX downloads and uploads of rounds: a rater's sheet to score offline and import back (a
team member may do this for an offline rater, unless they have an unsubmitted sheet of their own
in the open round: no anchoring), and the results laid out like the brief's card."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify

from partnerpath.accounts.access import programme_access
from partnerpath.prioritisation.services import results, rounds, xlsx
from partnerpath.prioritisation.views import render
from partnerpath.prioritisation.views_rounds import round_of, target_sheet

MAX_UPLOAD = 5 * 1024 * 1024


class SheetUploadForm(forms.Form):
    """A filled-in sheet exported from this round."""

    file = forms.FileField(label="Filled-in sheet (.xlsx)")


def _download(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=xlsx.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def sheet_export(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Download a rater's sheet as XLSX to score offline."""
    access = programme_access(request, programme)
    round_ = round_of(access, pk)
    sheet = target_sheet(request, access, round_)
    name = slugify(f"{round_.name}-{sheet.rater}-sheet") or "sheet"
    return _download(xlsx.sheet_workbook(sheet), name)


@login_required
def sheet_import(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Upload a filled-in sheet: checked as a whole, saved only when nothing is wrong."""
    access = programme_access(request, programme)
    round_ = round_of(access, pk)
    sheet = target_sheet(request, access, round_)
    form = SheetUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            problems = ["The file is larger than 5 MB."]
        else:
            try:
                count = xlsx.import_sheet(sheet, upload.read())
            except xlsx.SheetImportError as exc:
                problems = exc.problems
            except rounds.ScoringError as exc:
                problems = [str(exc)]
            else:
                messages.success(request, f"Scores of {count} opportunities imported.")
                if sheet.rater_id == request.user.pk:
                    return redirect("prioritisation:sheet", programme, pk)
                return redirect("prioritisation:round_detail", programme, pk)
    return render(
        request,
        "prioritisation/sheet_import.html",
        access,
        round=round_,
        sheet=sheet,
        form=form,
        problems=problems,
    )


@login_required
def results_export(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Download the round's results as XLSX laid out like the brief's score card."""
    access = programme_access(request, programme)
    round_ = round_of(access, pk)
    if not results.may_see_results(round_, request.user):
        raise PermissionDenied("Submit your own sheet first; then the results open to you.")
    res = results.round_results(round_)
    if res is None:
        raise Http404("No sheet has been submitted yet.")
    return _download(xlsx.results_workbook(res), slugify(f"{round_.name}-results") or "results")

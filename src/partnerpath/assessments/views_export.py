"""The printable page and the XLSX export of an assessment (any member)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify

from partnerpath.accounts.access import programme_access
from partnerpath.assessments import exports
from partnerpath.assessments.views import _assessment, _render, result_context

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def assessment_print(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The result and every answer with its evidence, laid out for paper."""
    access = programme_access(request, programme)
    assessment = _assessment(access, pk)
    records = list(assessment.answers.select_related("recorded_by"))
    return _render(
        request, "assessments/assessment_print.html", access, **result_context(assessment, records)
    )


@login_required
def assessment_export(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Download the answers and evidence as a spreadsheet."""
    access = programme_access(request, programme)
    assessment = _assessment(access, pk)
    about = assessment.organisation.name if assessment.organisation else "programme"
    name = f"assessment-{slugify(about)}-{assessment.assessed_on:%Y-%m-%d}.xlsx"
    response = HttpResponse(exports.assessment_xlsx(assessment), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

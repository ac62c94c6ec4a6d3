"""XLSX export of an assessment: its result and every indicator with its answer and evidence."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from partnerpath.assessments import services
from partnerpath.assessments.models import Assessment

ANSWER_COLUMNS = [
    "group",
    "indicator",
    "question",
    "weight",
    "evidence required",
    "answer",
    "note",
    "evidence web address",
    "evidence document",
    "quote",
    "evidence date",
    "recorded by",
    "updated",
]


def _clean(value: object) -> object:
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def assessment_xlsx(assessment: Assessment) -> bytes:
    """A workbook with a Result sheet (summary and steps) and an Answers sheet."""
    records = list(assessment.answers.select_related("recorded_by"))
    result = services.compute(assessment, records)
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "Result"
    about = assessment.organisation.name if assessment.organisation else "the programme"
    rows: list[tuple[object, object]] = [
        ("Assessment", str(assessment)),
        ("About", about),
        ("Rubric", assessment.rubric_key),
        ("Status", assessment.get_status_display()),
        ("Assessed on", assessment.assessed_on),
        ("Confidence (%)", round(result.confidence, 1)),
    ]
    if assessment.level is not None:
        rows.append(("Level", f"{assessment.level} {assessment.result.get('label', '')}"))
    if assessment.score is not None:
        rows.append(("Overall score", assessment.score))
    for label, value in rows:
        summary.append([label, _clean(value)])
    summary.append([])
    summary.append(["How the result was reached"])
    for step in result.steps:
        summary.append([_clean(step)])
    sheet = wb.create_sheet("Answers")
    sheet.append(ANSWER_COLUMNS)
    for group in services.grouped_items(assessment, records):
        for item in group.items:
            a = item.answer
            ind = item.indicator
            sheet.append(
                [
                    _clean(group.title),
                    ind.id,
                    _clean(ind.question),
                    ind.weight,
                    "yes" if ind.evidence_required else "no",
                    item.scale_label,
                    _clean(a.note) if a else "",
                    a.evidence_url if a else "",
                    (a.evidence_document.name or "").rsplit("/", 1)[-1] if a else "",
                    _clean(a.quote) if a else "",
                    a.evidence_date if a else None,
                    a.recorded_by.get_username() if a and a.recorded_by else "",
                    a.updated_at.replace(tzinfo=None) if a else None,
                ]
            )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

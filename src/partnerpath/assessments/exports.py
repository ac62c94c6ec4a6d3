"""XLSX export of an assessment: its result and every indicator with its answer and evidence,
the company's own answer next to the reviewed one. Text typed by people (a company included) is
written so that a spreadsheet never runs it as a formula."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from partnerpath.assessments import services
from partnerpath.assessments.models import Assessment
from partnerpath.core.cells import protect_formula

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
    "company's answer",
    "review",
    "reviewed by",
    "reviewed at",
]


def _clean(value: object) -> object:
    """Text without the characters XLSX cannot hold, quoted where it would run as a formula."""
    if isinstance(value, str):
        return protect_formula(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def _label(scale_labels: dict[str, str], value: str) -> str:
    return scale_labels.get(value, value) if value else ""


def assessment_xlsx(assessment: Assessment) -> bytes:
    """A workbook with a Result sheet (summary and steps) and an Answers sheet."""
    records = list(assessment.answers.select_related("recorded_by", "reviewed_by"))
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
    if assessment.discarded_at is not None:
        rows.append(("Discarded because", assessment.discard_reason))
    for label, value in rows:
        summary.append([label, _clean(value)])
    summary.append([])
    summary.append(["How the result was reached"])
    for step in result.steps:
        summary.append([_clean(step)])
    sheet = wb.create_sheet("Answers")
    sheet.append(ANSWER_COLUMNS)
    rubric = services.rubric_of(assessment)
    for group in services.grouped_items(assessment, records):
        for item in group.items:
            a = item.answer
            ind = item.indicator
            labels = {o.value: o.label for o in rubric.scales[ind.scale].options}
            row: list[object] = [
                group.title,
                ind.id,
                ind.question,
                ind.weight,
                "yes" if ind.evidence_required else "no",
                item.scale_label,
            ]
            if a is None:
                row += ["", "", "", "", None, "", None, "", "", "", None]
            else:
                row += [
                    a.note,
                    a.evidence_url,
                    (a.evidence_document.name or "").rsplit("/", 1)[-1],
                    a.quote,
                    a.evidence_date,
                    a.recorded_by.get_username() if a.recorded_by else a.recorder(),
                    a.updated_at.replace(tzinfo=None),
                    _label(labels, a.claimed_value),
                    a.get_review_display() if a.review else "",
                    a.reviewed_by.get_username() if a.reviewed_by else "",
                    a.reviewed_at.replace(tzinfo=None) if a.reviewed_at else None,
                ]
            sheet.append([_clean(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()

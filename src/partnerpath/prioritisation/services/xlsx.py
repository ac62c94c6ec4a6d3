"""XLSX files of rounds: a rater's sheet to score offline and import back (checked as a whole:
nothing is written when anything is wrong), and a round's results laid out like the brief's
card (factors down the side by group, opportunities across, totals and ranks at the bottom)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.worksheet import Worksheet

from partnerpath.prioritisation.models import Opportunity, RaterSheet, Score
from partnerpath.prioritisation.services import rounds
from partnerpath.prioritisation.services.results import Results

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = ["Opportunity id", "Opportunity", "Factor key", "Factor", "Score", "Rationale"]
LOCKED_COLUMNS = 4  # the first four columns say what is scored and must not change
FIRST_ROW = 5
BOLD = Font(bold=True)
GROUP_FILL = PatternFill("solid", fgColor="DDE6F2")


def _text(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    """Write a value; text is always text (a rationale starting with = is not a formula)."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"


def sheet_workbook(sheet: RaterSheet) -> bytes:
    """A rater's sheet: one row per opportunity and factor, scores and rationales filled in so
    far; only the score and rationale cells are unlocked."""
    round_ = sheet.round
    template = round_.template_version.template
    saved = {(s.opportunity_id, s.factor): s for s in Score.objects.filter(sheet=sheet)}
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Scores"
    _text(ws, 1, 1, "Round id")
    ws.cell(row=1, column=2, value=round_.pk)
    _text(ws, 1, 3, round_.name)
    _text(ws, 2, 1, "Rater id")
    ws.cell(row=2, column=2, value=sheet.rater_id)
    _text(ws, 2, 3, str(sheet.rater))
    low, high = template.scale
    note = f"Score {low}-{high}, or NA for insufficient information. Change only the Score and "
    _text(ws, 3, 1, note + "Rationale columns; the anchors are on the next sheet.")
    for column, header in enumerate(HEADERS, start=1):
        _text(ws, FIRST_ROW - 1, column, header)
        ws.cell(row=FIRST_ROW - 1, column=column).font = BOLD
    row = FIRST_ROW
    for opportunity in round_.opportunities.order_by("title", "id"):
        for factor in template.factors:
            score = saved.get((opportunity.pk, factor.key))
            value: Any = None
            if score is not None:
                value = "NA" if score.insufficient_information else score.score
            for column, cell in enumerate(
                (opportunity.pk, opportunity.title, factor.key, factor.label), start=1
            ):
                _text(ws, row, column, cell)
            ws.cell(row=row, column=5, value=value)
            _text(ws, row, 6, score.rationale if score else "")
            for column in (5, 6):
                ws.cell(row=row, column=column).protection = Protection(locked=False)
            row += 1
    ws.protection.sheet = True
    for letter, width in zip("ABCDEF", (14, 36, 22, 36, 8, 60), strict=True):
        ws.column_dimensions[letter].width = width
    anchors = book.create_sheet("Anchors")
    anchors.append(["Factor", *[f"{p}" for p in template.points]])
    for factor in template.factors:
        anchors.append([factor.label, *factor.anchors])
    return _save(book)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class SheetImportError(ValueError):
    """A sheet that cannot be imported; `problems` lists each with its row."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class Parsed:
    """A checked sheet file: the rater's sheet it belongs to, and cells by opportunity."""

    sheet: RaterSheet
    cells: dict[int, dict[str, rounds.Cell]]


def parse_sheet(sheet: RaterSheet, data: bytes) -> Parsed:
    """Check an uploaded sheet against the round: the right round and rater, known factors,
    opportunities of the round, locked cells unchanged, scores in range. Every problem is
    reported together (SheetImportError); nothing is written here."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not XLSX
        raise SheetImportError(
            ["The file is not an XLSX workbook exported from this page."]
        ) from None
    if "Scores" not in book.sheetnames:
        raise SheetImportError(["The workbook has no Scores sheet."])
    rows = list(book["Scores"].iter_rows(values_only=True))
    round_ = sheet.round
    template = round_.template_version.template
    low, high = template.scale
    problems: list[str] = []
    head = [list(r) + [None] * 3 for r in rows[:2]]
    if len(head) < 2 or head[0][1] != round_.pk or head[1][1] != sheet.rater_id:
        problems.append(
            f"This file is not the sheet of {sheet.rater} in round {round_.name} (round and "
            "rater ids in the first two rows differ)."
        )
    titles = dict(round_.opportunities.values_list("pk", "title"))
    labels = {f.key: f.label for f in template.factors}
    cells: dict[int, dict[str, rounds.Cell]] = {}
    for number, raw in enumerate(rows[FIRST_ROW - 1 :], start=FIRST_ROW):
        row = (list(raw) + [None] * 6)[:6]
        if all(v in (None, "") for v in row):
            continue
        opp_id, title, key, label, score, rationale = row
        where = f"row {number}"
        if not isinstance(opp_id, int) or opp_id not in titles:
            problems.append(f"{where}: opportunity {opp_id!r} is not scored in this round")
            continue
        if key not in labels:
            problems.append(f"{where}: unknown factor {key!r}")
            continue
        if title != titles[opp_id] or label != labels[str(key)]:
            problems.append(f"{where}: the locked cells (opportunity, factor) were edited")
            continue
        value = "" if score is None else str(score).strip()
        if value.upper() in {"NA", "N/A"}:
            value = rounds.ABSTAIN
        elif value and not (value.isdigit() and low <= int(value) <= high):
            problems.append(f"{where}: score {score!r} is out of range {low}-{high} (or NA)")
            continue
        if str(key) in cells.get(opp_id, {}):
            problems.append(f"{where}: {titles[opp_id]} / {key} appears twice")
            continue
        cells.setdefault(opp_id, {})[str(key)] = rounds.Cell(value, str(rationale or ""))
    if problems:
        raise SheetImportError(problems)
    return Parsed(sheet, cells)


def import_sheet(sheet: RaterSheet, data: bytes) -> int:
    """Check the whole file, then save every score in one transaction; returns how many
    opportunities were saved. Nothing is written when anything is wrong."""
    parsed = parse_sheet(sheet, data)
    opportunities = Opportunity.objects.in_bulk(list(parsed.cells))
    with transaction.atomic():
        for pk, cells in parsed.cells.items():
            rounds.save_scores(sheet, opportunities[pk], cells)
    return len(parsed.cells)


def results_workbook(res: Results) -> bytes:
    """The round's results laid out like the brief's score card: one column per opportunity
    (best first), factor means under each group with the group's aggregated value, then the
    total score and the rank as numbers; under them, what the results were computed with."""
    template = res.analysis.template
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "Score card"
    _text(ws, 1, 1, f"{res.round.name}: {template.title} ({template.id})")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    _text(ws, 2, 1, "Factor means across raters (1-5); risk and costs lower the total.")
    _text(ws, 3, 1, "Factor")
    ws.cell(row=3, column=1).font = BOLD
    for column, line in enumerate(res.lines, start=2):
        _text(ws, 3, column, line.title)
        ws.cell(row=3, column=column).font = BOLD
        ws.cell(row=3, column=column).alignment = Alignment(wrap_text=True)
    row = 4
    for gi, group in enumerate(template.groups):
        _text(ws, row, 1, f"{group.label} (aggregated value)")
        for column, line in enumerate(res.lines, start=2):
            value = line.result.groups[gi].value
            ws.cell(row=row, column=column, value=None if value is None else round(value, 2))
        for column in range(1, len(res.lines) + 2):
            ws.cell(row=row, column=column).fill = GROUP_FILL
            ws.cell(row=row, column=column).font = BOLD
        row += 1
        for factor in group.factors:
            _text(ws, row, 1, f"    {factor.label}")
            for column, line in enumerate(res.lines, start=2):
                found = next(f for f in line.result.factors if f.key == factor.key)
                mean = None if found.mean is None else round(found.mean, 2)
                ws.cell(row=row, column=column, value=mean if mean is not None else "NA")
            row += 1
    _text(ws, row, 1, "Total score (0-100)")
    for column, line in enumerate(res.lines, start=2):
        total = None if line.result.total is None else round(line.result.total, 2)
        cell = ws.cell(row=row, column=column, value=total)
        cell.number_format = "0.00"
    _text(ws, row + 1, 1, "Rank")
    for column, line in enumerate(res.lines, start=2):
        result = line.result
        cell = ws.cell(row=row + 1, column=column, value=result.rank)  # a number, to sort by
        if result.rank is None:
            _text(ws, row + 1, column, result.rank_label)
        elif result.tied:
            cell.number_format = '"="0'  # shown as =2, still the number 2
    for r in (row, row + 1):
        for column in range(1, len(res.lines) + 2):
            ws.cell(row=r, column=column).font = BOLD
    _provenance(ws, row + 3, res)
    ws.column_dimensions["A"].width = 44
    return _save(book)


def _provenance(ws: Worksheet, row: int, res: Results) -> int:
    """What the results were computed with, under the card: the template version, the weights
    (who agreed them, when and why) and the raters whose submitted sheets count."""
    round_ = res.round
    version = round_.template_version
    template = version.template
    decision = round_.weight_decision
    _text(ws, row, 1, "Computed with")
    ws.cell(row=row, column=1).font = BOLD
    lines: list[tuple[str, list[Any]]] = [
        ("Round", [round_.name, round_.get_status_display()]),
        ("Template version", [template.id, template.title]),
    ]
    if version.based_on:
        lines.append(("Tailored from", [version.based_on]))
    if decision is None:
        lines.append(("Weights", ["The template's default weights (none agreed on record)"]))
    else:
        lines += [
            ("Weights", [decision.get_method_display(), f"decision {decision.pk}"]),
            ("Agreed by", [str(decision.agreed_by)]),
            ("Agreed on", [decision.agreed_on]),
            ("Why", [decision.reason]),
        ]
        if decision.consistency_ratio is not None:
            lines.append(("Highest consistency ratio", [round(decision.consistency_ratio, 3)]))
    weights = res.analysis.latest.weights
    for group in template.groups:
        share = 100 * float(weights.groups.get(group.key, 0.0))
        lines.append((f"Weight of {group.label} (%)", [round(share, 2)]))
    sheets = round_.sheets.select_related("rater").order_by("rater__username")
    for sheet in sheets:
        if sheet.submitted_at is None:
            lines.append(("Rater, not submitted (left out)", [str(sheet.rater)]))
        else:
            when = timezone.localtime(sheet.submitted_at).replace(tzinfo=None)
            lines.append(("Rater, submitted", [str(sheet.rater), when]))
    for label, values in lines:
        row += 1
        _text(ws, row, 1, label)
        for column, value in enumerate(values, start=2):
            _text(ws, row, column, value)
            if isinstance(value, dt.datetime):
                ws.cell(row=row, column=column).number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                ws.cell(row=row, column=column).number_format = "yyyy-mm-dd"
    return row

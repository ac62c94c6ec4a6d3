"""Small spreadsheets for import tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook, load_workbook


def csv_bytes(
    rows: Sequence[Sequence[object]],
    *,
    bom: bool = False,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> bytes:
    """A CSV file of these rows."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode(encoding)


def xlsx_bytes(sheets: dict[str, Sequence[Sequence[object]]]) -> bytes:
    """An XLSX workbook with one sheet per entry."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def read_csv(data: bytes) -> list[list[str]]:
    """The rows of a CSV download."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(data: bytes) -> dict[str, list[list[object]]]:
    """The rows of every sheet of an XLSX download."""
    workbook = load_workbook(io.BytesIO(data), read_only=True)
    return {
        ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in workbook.worksheets
    }

"""Small helpers of the core risk tests: fixture files and in-memory XLSX workbooks."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> bytes:
    """The bytes of a fixture file."""
    return (FIXTURES / name).read_bytes()


def xlsx(rows: list[list[object]], title: str = "List", blank_sheet_first: bool = False) -> bytes:
    """An XLSX workbook with the rows on one sheet (optionally after an empty cover sheet)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    if blank_sheet_first:
        sheet.title = "Cover"
        sheet = workbook.create_sheet(title)
    else:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Reading an uploaded spreadsheet (CSV or XLSX) into rows of text, with a clear message for files
that are empty, too big, not spreadsheets, or written in an encoding other than UTF-8."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import openpyxl

from partnerpath.core.cells import cell_text

# Sheets of our own templates that only explain the columns.
HELP_SHEETS = frozenset({"help", "how to fill in", "read me", "readme"})
_DELIMITERS = (",", ";", "\t")
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


class ImportFileError(Exception):
    """A file that cannot be imported at all; the message says why and how to fix it."""


@dataclass
class Sheet:
    """The text of one sheet: its header row and its non-blank data rows with their row numbers."""

    title: str
    headers: list[str]
    header_row: int = 1
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _not_a_spreadsheet(what: str) -> ImportFileError:
    return ImportFileError(
        f"This file is {what}, not a spreadsheet. Upload a CSV file or an Excel workbook (.xlsx)."
    )


def _decode(data: bytes) -> str:
    """The file's text: UTF-8 with or without a byte-order mark, or UTF-16 with one."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    head = data[:8192]
    if b"\x00" in head:
        if head.count(0) * 3 > len(head):  # every other byte empty: UTF-16 text without its mark
            raise ImportFileError(
                "The file looks like UTF-16 text without a byte-order mark, which cannot be read "
                'reliably. Save it as "CSV UTF-8 (Comma delimited)" and upload it again.'
            )
        raise _not_a_spreadsheet("binary data")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"The file is not UTF-8 text (byte 0x{data[exc.start]:02X} on line {line}); it was "
            "probably saved as Windows-1252 or Latin-1. In Excel choose File > Save As > "
            '"CSV UTF-8 (Comma delimited)", or save it as UTF-8 in your editor, and upload it '
            "again."
        ) from None


def _rows_of(
    title: str, records: Iterable[Sequence[object]], max_rows: int, counted: int
) -> tuple[Sheet | None, int]:
    """Collect a sheet from an iterable of records, counting data rows against ``max_rows``."""
    sheet: Sheet | None = None
    for number, record in enumerate(records, start=1):
        cells = [cell_text(value) for value in record]
        while cells and not cells[-1].strip():
            cells.pop()
        if not cells:
            continue
        if sheet is None:
            sheet = Sheet(title, cells, number)
            continue
        counted += 1
        if counted > max_rows:
            raise ImportFileError(
                f"The file has more than {max_rows:,} rows, the most one import takes "
                "(setting IMPORT_MAX_ROWS). Split it into smaller files."
            )
        sheet.rows.append((number, cells))
    return sheet, counted


def _read_csv(data: bytes, max_rows: int) -> list[Sheet]:
    text = _decode(data)
    if not text.strip():
        raise ImportFileError("The file is empty.")
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    sheet, _ = _rows_of("CSV", _csv_records(text, delimiter), max_rows, 0)
    return [sheet] if sheet else []


def _csv_records(text: str, delimiter: str) -> Iterator[list[str]]:
    """The CSV's records, read strictly: a quote that is never closed would otherwise swallow
    every following line into one cell, silently losing rows."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        started = reader.line_num + 1  # the line the next record starts on
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportFileError(_csv_problem(str(exc), started, reader.line_num)) from None


def _csv_problem(error: str, started: int, line: int) -> str:
    """A CSV reading error as a person can fix it, naming the line."""
    if "unexpected end of data" in error or "EOF" in error:
        return (
            f'Line {started} opens a quoted value (") that is never closed, so every line after '
            "it would be read into one cell. Add the closing quote, or remove the opening one, "
            "and upload the file again."
        )
    if "expected after" in error and line > started:
        return (
            f"A quoted value opened on line {started} only closes on line {line}, where text "
            f"follows the closing quote: a quote is probably missing on line {started}. Correct "
            "it and upload the file again."
        )
    if "expected after" in error:
        return (
            f"Line {line} has text right after the closing quote of a quoted value; a quoted "
            "value ends with the quote followed by the delimiter or the end of the line (write a "
            'quote inside a value as two quotes: ""). Correct it and upload the file again.'
        )
    return f"Line {line} could not be read as CSV ({error})."


def _read_xlsx(data: bytes, max_rows: int) -> list[Sheet]:
    if b"opendocument.spreadsheet" in data[:200]:
        raise ImportFileError(
            "OpenDocument spreadsheets (.ods) are not supported: save it as .xlsx or CSV (UTF-8)."
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for files it cannot read
        raise ImportFileError(
            "This is a ZIP file but not an Excel workbook that can be read (.xlsx). Open it in "
            "your spreadsheet program and save it as .xlsx or CSV (UTF-8)."
        ) from None
    sheets: list[Sheet] = []
    counted = 0
    try:
        for worksheet in workbook.worksheets:
            if worksheet.title.strip().casefold() in HELP_SHEETS:
                continue
            records = worksheet.iter_rows(values_only=True)
            sheet, counted = _rows_of(worksheet.title, records, max_rows, counted)
            if sheet is not None:
                sheets.append(sheet)
    finally:
        workbook.close()
    return sheets


def read_spreadsheet(name: str, data: bytes, max_bytes: int, max_rows: int) -> list[Sheet]:
    """Every non-empty sheet of a CSV or XLSX file; raises ImportFileError for files that cannot
    be imported (too big, empty, not a spreadsheet, wrong encoding, too many rows)."""
    if len(data) > max_bytes:
        raise ImportFileError(
            f"The file is {_megabytes(len(data))}; the limit is {_megabytes(max_bytes)} "
            "(setting IMPORT_MAX_BYTES). Split it into smaller files."
        )
    if not data.strip():
        raise ImportFileError("The file is empty.")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise _not_a_spreadsheet(what)
    if data.startswith(_OLE):
        raise ImportFileError(
            "This is an old-style Office file (for example Excel 97-2003 .xls), which cannot be "
            "read. Save it as .xlsx or CSV (UTF-8) and upload it again."
        )
    if data.startswith(_ZIP):
        sheets = _read_xlsx(data, max_rows)
    elif name.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError(f"{name} is named like an Excel workbook but is not one.")
    else:
        sheets = _read_csv(data, max_rows)
    if not sheets:
        raise ImportFileError("The file is empty: it has no header row and no data.")
    return sheets

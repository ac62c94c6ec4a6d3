"""Reading a reference file's bytes (CSV or XLSX) into a header row and data rows of text, with a
clear message for files that are empty, not spreadsheets, or not UTF-8."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import openpyxl

from partnerpath.core.cells import cell_text, header_key

MAX_ROWS = 500_000
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ReferenceFileError(ValueError):
    """A reference file that cannot be imported; the message says why and how to fix it."""


@dataclass(frozen=True)
class Table:
    """A file's header row and its non-blank data rows, each with the row number a person sees."""

    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]

    def columns(
        self, wanted: Mapping[str, Sequence[str]], required: Sequence[str]
    ) -> dict[str, int]:
        """Where each wanted column sits (by any of its names, ignoring case, spaces and
        punctuation); raises ReferenceFileError naming the required columns that are missing."""
        keys = {header_key(h): i for i, h in reversed(list(enumerate(self.headers))) if h.strip()}
        found: dict[str, int] = {}
        for column, names in wanted.items():
            for name in names:
                if header_key(name) in keys:
                    found[column] = keys[header_key(name)]
                    break
        missing = [wanted[c][0] for c in required if c not in found]
        if missing:
            shown = ", ".join(f'"{h.strip()}"' for h in self.headers if h.strip()) or "none"
            raise ReferenceFileError(
                f"The file has no {' or '.join(repr(m) for m in missing)} column "
                f"(its columns are: {shown})."
            )
        return found


def decode(data: bytes) -> str:
    """The text of a file: UTF-8 (with or without a byte-order mark) or UTF-16 with one."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReferenceFileError(
            f"The file is not UTF-8 text (byte 0x{data[exc.start]:02X} on line {line}); it was "
            "probably saved as Windows-1252 or Latin-1. Save it as UTF-8 (in Excel: CSV UTF-8) "
            "and import it again."
        ) from None


def _collect(records: Iterable[Sequence[object]]) -> Table:
    headers: tuple[str, ...] | None = None
    rows: list[tuple[int, tuple[str, ...]]] = []
    for number, record in enumerate(records, start=1):
        cells = tuple(cell_text(value) for value in record)
        if not any(c.strip() for c in cells):
            continue
        if headers is None:
            headers = cells
            continue
        if len(rows) >= MAX_ROWS:
            raise ReferenceFileError(f"The file has more than {MAX_ROWS:,} rows.")
        rows.append((number, cells))
    if headers is None:
        raise ReferenceFileError("The file is empty: it has no header row and no data.")
    if not rows:
        raise ReferenceFileError("The file has a header row but no data rows.")
    return Table(headers, tuple(rows))


def _read_csv(data: bytes) -> Table:
    text = decode(data)
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    if first.count(delimiter) == 0:
        delimiter = ","
    try:
        return _collect(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ReferenceFileError(f"The file could not be read as CSV: {exc}.") from None


def _read_xlsx(data: bytes) -> Table:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zip, XML, key errors) for unreadable files
        raise ReferenceFileError(
            "This is a ZIP file but not an Excel workbook that can be read (.xlsx); save it as "
            ".xlsx or CSV (UTF-8)."
        ) from None
    try:
        for sheet in workbook.worksheets:
            try:
                return _collect(sheet.iter_rows(values_only=True))
            except ReferenceFileError:
                continue  # an empty or title-only sheet: try the next one
    finally:
        workbook.close()
    raise ReferenceFileError("No sheet of the workbook has a header row and data rows.")


def read_table(data: bytes) -> Table:
    """The first table of a CSV or XLSX file."""
    if not data.strip():
        raise ReferenceFileError("The file is empty.")
    if data.startswith(_OLE):
        raise ReferenceFileError(
            "This is an old-style Excel file (.xls), which cannot be read; save it as .xlsx or CSV."
        )
    if data.startswith(_ZIP):
        return _read_xlsx(data)
    if data.startswith(b"%PDF"):
        raise ReferenceFileError("This is a PDF document, not a CSV or XLSX file.")
    return _read_csv(data)


def looks_like_xml(data: bytes) -> bool:
    """Whether the file starts like an XML document."""
    head = data[:200].lstrip(codecs.BOM_UTF8).lstrip()
    return head.startswith(b"<")

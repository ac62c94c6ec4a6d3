"""Exports of filtered lists as CSV or XLSX downloads. Organisations and contacts use the columns
the importer reads, so an exported file imports again; templates are exports without rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from partnerpath.accounts.models import Programme, User
from partnerpath.core.cells import CellKind, Column, format_cell, protect_formula
from partnerpath.engagement.choices import InteractionKind
from partnerpath.engagement.models import Interaction
from partnerpath.registry.import_plan import CONTACTS, ORGANISATIONS, columns_for
from partnerpath.registry.models import Contact, Organisation

Cell = str | int | None
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Table:
    """One sheet of an export: a title, a header row and the data rows."""

    title: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)


def _cells(columns: Sequence[Column], values: Iterable[object]) -> list[Cell]:
    row: list[Cell] = []
    for column, value in zip(columns, values, strict=True):
        if column.kind is CellKind.INTEGER and isinstance(value, int):
            row.append(value)  # a number in Excel, read back as the same text
        else:
            row.append(format_cell(column, value))  # type: ignore[arg-type]
    return row


def organisation_table(qs: QuerySet[Organisation]) -> Table:
    """Organisations with every column the importer reads (one query)."""
    columns = columns_for(ORGANISATIONS)
    table = Table("Organisations", [c.header for c in columns])
    for org in qs.order_by("name", "id"):
        table.rows.append(_cells(columns, (getattr(org, c.key) for c in columns)))
    return table


def contact_table(qs: QuerySet[Contact]) -> Table:
    """Contacts with their organisation's name and HQ country, as the importer reads them."""
    columns = columns_for(CONTACTS)
    table = Table("Contacts", [c.header for c in columns])
    for person in qs.select_related("organisation").order_by("name", "id"):
        values = {
            "organisation": person.organisation.name,
            "organisation_country": person.organisation.hq_country,
        }
        table.rows.append(
            _cells(columns, (values.get(c.key, getattr(person, c.key, None)) for c in columns))
        )
    return table


def _person(user: User | None) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def interaction_table(qs: QuerySet[Interaction]) -> Table:
    """The engagement log with organisations, contacts, team and follow-ups (constant queries)."""
    table = Table(
        "Interactions",
        ["Date", "Kind", "Title", "Organisations", "Contacts", "Team", "Summary", "Follow-ups"],
    )
    items = list(qs.prefetch_related("organisations", "contacts", "team", "follow_ups"))
    owner_ids = {f.owner_id for item in items for f in item.follow_ups.all() if f.owner_id}
    owners = User.objects.in_bulk(owner_ids) if owner_ids else {}
    kinds = dict(InteractionKind.choices)
    for item in items:
        follow_ups = []
        for f in item.follow_ups.all():
            details = [
                f"owner {_person(owners.get(f.owner_id))}" if f.owner_id else "",
                f"due {f.due_on.isoformat()}" if f.due_on else "",
                f"done {f.done_on.isoformat()}" if f.done_on else "open",
            ]
            follow_ups.append(f"{f.description} ({', '.join(d for d in details if d)})")
        table.rows.append(
            [
                item.occurred_on.isoformat(),
                kinds.get(item.kind, item.kind),
                item.title,
                "; ".join(o.name for o in item.organisations.all()),
                "; ".join(c.name for c in item.contacts.all()),
                "; ".join(_person(u) for u in item.team.all()),
                item.summary,
                "\n".join(follow_ups),
            ]
        )
    return table


def template_tables(kind: str, with_help: bool) -> list[Table]:
    """Empty sheets with the importer's headers; an organisations workbook has a Contacts sheet
    too, and a Help sheet describes every column."""
    kinds = [ORGANISATIONS, CONTACTS] if kind == ORGANISATIONS and with_help else [kind]
    tables = [Table(k.capitalize(), [c.header for c in columns_for(k)]) for k in kinds]
    if with_help:
        help_table = Table(
            "Help", ["Sheet", "Column", "Required", "Accepts", "Also read as", "Notes"]
        )
        for k in kinds:
            for c in columns_for(k):
                help_table.rows.append(
                    [
                        k.capitalize(),
                        c.header,
                        "yes" if c.required else "",
                        c.accepted,
                        ", ".join(c.aliases),
                        c.help,
                    ]
                )
        tables.append(help_table)
    return tables


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: Cell) -> XlsxCell | Cell:
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    if value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    return cell


def render(fmt: str, tables: Sequence[Table]) -> bytes:
    """The file's bytes: CSV (UTF-8 with a byte-order mark for Excel; first table only) or XLSX."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(tables[0].headers)
        for row in tables[0].rows:
            writer.writerow([protect_formula(v) if isinstance(v, str) else v for v in row])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")
    workbook = Workbook(write_only=True)
    for table in tables:
        sheet = workbook.create_sheet(table.title)
        sheet.append(table.headers)
        for row in table.rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def unknown_format(fmt: str) -> HttpResponseBadRequest:
    """A plain answer for a format we do not write."""
    return HttpResponseBadRequest(
        f'Unknown export format "{fmt}": use csv or xlsx.', content_type="text/plain; charset=utf-8"
    )


def download(fmt: str, tables: Sequence[Table], file_stem: str) -> HttpResponse:
    """A download of the tables in the format asked for (400 for unknown formats)."""
    if fmt not in FORMATS:
        return unknown_format(fmt)
    response = HttpResponse(render(fmt, tables), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_stem}.{fmt}"'
    return response


def _stem(programme: Programme, what: str) -> str:
    today: date = timezone.localdate()
    return f"{programme.slug}-{what}-{today.isoformat()}"


def organisations_response(
    qs: QuerySet[Organisation], fmt: str, programme: Programme
) -> HttpResponse:
    """The filtered organisation list as a CSV or XLSX download."""
    if fmt not in FORMATS:
        return unknown_format(fmt)
    return download(fmt, [organisation_table(qs)], _stem(programme, "organisations"))


def contacts_response(qs: QuerySet[Contact], fmt: str, programme: Programme) -> HttpResponse:
    """The filtered contact list as a CSV or XLSX download."""
    if fmt not in FORMATS:
        return unknown_format(fmt)
    return download(fmt, [contact_table(qs)], _stem(programme, "contacts"))


def interactions_response(
    qs: QuerySet[Interaction], fmt: str, programme: Programme
) -> HttpResponse:
    """The filtered engagement log as a CSV or XLSX download."""
    if fmt not in FORMATS:
        return unknown_format(fmt)
    return download(fmt, [interaction_table(qs)], _stem(programme, "interactions"))

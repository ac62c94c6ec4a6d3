"""The plan of an import: every row of the spreadsheet read and checked, with its problems and the
existing records it may duplicate, worked out before anything is written."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from partnerpath.accounts.models import Programme
from partnerpath.core.cells import normalise_person_name
from partnerpath.core.names import normalise_org_name
from partnerpath.core.tabular import (
    CellKind,
    Column,
    ParsedRow,
    RowProblem,
    Vocabularies,
    contact_columns,
    map_headers,
    organisation_columns,
    parse_row,
    repeated_rows,
)
from partnerpath.core.wording import noun
from partnerpath.registry.choices import Department, ImportKind, OrganisationKind, Sector, Size
from partnerpath.registry.import_files import ImportFileError, Sheet, read_spreadsheet
from partnerpath.registry.models import Contact, Organisation
from partnerpath.registry.validators import (
    MAX_OTHER_NAME_LENGTH,
    MAX_OTHER_NAMES,
    NAME_SEPARATOR,
    other_name_problem,
    other_names_count_problem,
    tidy_names,
)

ORGANISATIONS, CONTACTS = ImportKind.ORGANISATIONS.value, ImportKind.CONTACTS.value
DUPLICATE_CHOICES = {
    "merge": "Merge into the existing record (fill its empty fields, add to its lists)",
    "create": "Create a new record anyway",
    "skip": "Skip this row",
}
DEFAULT_DUPLICATE_CHOICE = "skip"
_SHEET_NAMES = {ORGANISATIONS: {"organisations", "organizations"}, CONTACTS: {"contacts"}}


def vocabularies() -> Vocabularies:
    """The registry's controlled lists, for reading and writing spreadsheet cells."""
    return Vocabularies(
        kinds=dict(OrganisationKind.choices),
        sectors=dict(Sector.choices),
        sizes=dict(Size.choices),
        departments=dict(Department.choices),
    )


OTHER_NAMES = Column(
    "other_names",
    "Other names",
    CellKind.TEXT,
    aliases=("Other name", "Also known as", "AKA", "Aliases", "Former names", "Trading names"),
    help=(
        f"Former names, trading names, names in local script, separated by {NAME_SEPARATOR} "
        f"(up to {MAX_OTHER_NAMES}, each up to {MAX_OTHER_NAME_LENGTH} characters); each is "
        "screened like the name."
    ),
)
_NAME_SPLIT = re.compile(r"[;\n]+")


def columns_for(kind: str) -> tuple[Column, ...]:
    """The spreadsheet columns of organisations (the core's, with Other names after Name) or
    contacts."""
    vocab = vocabularies()
    if kind != ORGANISATIONS:
        return contact_columns(vocab)
    name, *rest = organisation_columns(vocab)
    return (name, OTHER_NAMES, *rest)


def _read_other_names(row: RowPlan) -> None:
    """The Other names cell as a list: names separated by ';' (or line breaks in a workbook
    cell), blanks and repeats dropped; a name too long or too many names is a row problem."""
    values = row.parsed.values
    text = values.get(OTHER_NAMES.key)
    parts = _NAME_SPLIT.split(text) if isinstance(text, str) else []
    for number, part in enumerate((p for p in parts if p.strip()), start=1):
        problem = other_name_problem(part, f"name {number}")
        if problem:
            row.problem(problem, OTHER_NAMES.key)
    names = tidy_names(parts, exclude=str(values.get("name") or ""))
    count = other_names_count_problem(names)
    if count:
        row.problem(count, OTHER_NAMES.key)
    values[OTHER_NAMES.key] = names


@dataclass
class RowPlan:
    """One row as it will be imported: its values, problems, and the records it may duplicate."""

    sheet: str
    parsed: ParsedRow
    labels: Mapping[str, str] = field(default_factory=dict)  # column key -> header in the file
    matches: list[tuple[int, str]] = field(default_factory=list)  # existing (id, name)
    organisation: tuple[str, int] | None = None  # contacts: ("db", id) or ("file", row number)

    @property
    def key(self) -> str:
        """Names the row in forms: "organisations-5"."""
        return f"{self.sheet}-{self.parsed.number}"

    @property
    def name(self) -> str:
        """The row's name, as shown in the preview."""
        return str(self.parsed.values.get("name") or "")

    def problem(self, message: str, column: str = "") -> None:
        """Add a problem to the row, naming the column by its header in the file."""
        label = self.labels.get(column, column)
        self.parsed.problems.append(RowProblem(self.parsed.number, label, message))


@dataclass
class ImportPlan:
    """Everything an import would do, worked out before anything is written."""

    kind: str
    file_name: str
    notes: list[str] = field(default_factory=list)
    organisations: list[RowPlan] = field(default_factory=list)
    contacts: list[RowPlan] = field(default_factory=list)

    @property
    def rows(self) -> list[RowPlan]:
        """Every row, organisations first."""
        return [*self.organisations, *self.contacts]

    @property
    def problems(self) -> list[str]:
        """Every row problem, as sentences naming the sheet, row and column."""
        sheets = bool(self.organisations) and bool(self.contacts)
        return [
            f"{row.sheet.capitalize()} sheet, {str(p)[0].lower()}{str(p)[1:]}" if sheets else str(p)
            for row in self.rows
            for p in row.parsed.problems
        ]

    @property
    def duplicates(self) -> list[RowPlan]:
        """Rows without problems that may duplicate existing records."""
        return [row for row in self.rows if row.matches and row.parsed.ok]


def _pick(sheets: list[Sheet], kind: str, first: bool) -> Sheet | None:
    for sheet in sheets:
        if sheet.title.strip().casefold() in _SHEET_NAMES[kind]:
            return sheet
    return sheets[0] if first and sheets else None


def _parse_sheet(sheet: Sheet, kind: str, plan: ImportPlan) -> list[RowPlan]:
    columns = columns_for(kind)
    headers = map_headers(sheet.headers, columns)
    where = f' (sheet "{sheet.title}")' if sheet.title != "CSV" else ""
    if headers.missing:
        raise ImportFileError(
            f"The file{where} lacks the required {noun(len(headers.missing), 'column')}: "
            f"{', '.join(headers.missing)}. Its "
            f"columns are: {', '.join(h for h in sheet.headers if h) or 'none'}. The template "
            "shows every column."
        )
    if headers.repeated:
        raise ImportFileError(
            f"The file{where} has the same column twice: {', '.join(headers.repeated)}. "
            "Keep one of each."
        )
    if headers.unknown:
        plan.notes.append(f"Columns not imported{where}: {', '.join(headers.unknown)}.")
    rows = [
        RowPlan(kind, parse_row(n, cells, columns, headers), headers.labels)
        for n, cells in sheet.rows
    ]
    if kind == ORGANISATIONS:
        for row in rows:
            _read_other_names(row)
    return rows


def _org_key(values: Mapping[str, Any]) -> tuple[str, str] | None:
    name = str(values.get("name") or "")
    return (normalise_org_name(name), str(values.get("hq_country") or "")) if name else None


def _check_organisations(programme: Programme, rows: list[RowPlan]) -> None:
    """In-file repeats are problems; same name and HQ country as an existing organisation (the rule
    of services.possible_duplicates, from one query) is a possible duplicate."""
    keys = {row.parsed.number: _org_key(row.parsed.values) for row in rows}
    repeats = repeated_rows(keys.items())
    existing: dict[tuple[str, str], list[tuple[int, str]]] = {}
    queryset = Organisation.objects.filter(programme=programme).order_by("id")
    for pk, name, normalised, hq in queryset.values_list(
        "id", "name", "normalised_name", "hq_country"
    ):
        existing.setdefault((normalised, hq), []).append((pk, name))
    for row in rows:
        number = row.parsed.number
        if number in repeats:
            row.problem(f"repeats row {repeats[number]} (same name and HQ country).")
        key = keys[number]
        if key is not None:
            row.matches = existing.get(key, [])


def _organisation_index(
    programme: Programme, file_rows: list[RowPlan]
) -> dict[str, dict[str, list[tuple[str, int]]]]:
    """normalised name -> HQ country -> organisations: this programme's, and the workbook's own
    organisations sheet (which takes the place of an existing one of the same name and country)."""
    index: dict[str, dict[str, list[tuple[str, int]]]] = {}
    queryset = Organisation.objects.filter(programme=programme).order_by("id")
    for pk, normalised, hq in queryset.values_list("id", "normalised_name", "hq_country"):
        index.setdefault(normalised, {}).setdefault(hq, []).append(("db", pk))
    for row in file_rows:
        key = _org_key(row.parsed.values)
        if key is not None:
            index.setdefault(key[0], {})[key[1]] = [("file", row.parsed.number)]
    return index


def _check_contacts(programme: Programme, rows: list[RowPlan], file_orgs: list[RowPlan]) -> None:
    """Each contact names an organisation that exists here or in the workbook; repeats within the
    file are problems; the same person at the same organisation, or the same e-mail, already in the
    programme is a possible duplicate."""
    index = _organisation_index(programme, file_orgs)
    for row in rows:
        values = row.parsed.values
        org_name = str(values.get("organisation") or "")
        country = str(values.get("organisation_country") or "")
        if not org_name:
            continue
        by_country = index.get(normalise_org_name(org_name), {})
        refs = (
            by_country.get(country, []) if country else [r for v in by_country.values() for r in v]
        )
        if not refs:
            place = f" with HQ country {country}" if country else ""
            where = " or in this workbook" if file_orgs else ""
            row.problem(
                f'no organisation "{org_name}"{place} in this programme{where}.', "organisation"
            )
        elif len(refs) > 1:
            countries = sorted(c or "none" for c, v in by_country.items() if v)
            hint = (
                "add the Organisation country column to say which"
                if not country and len(countries) > 1
                else "merge those organisations first"
            )
            row.problem(
                f'{len(refs)} organisations are called "{org_name}" (HQ: {", ".join(countries)}); '
                f"{hint}.",
                "organisation",
            )
        else:
            row.organisation = refs[0]
    people = {r.parsed.number: _person_key(r) for r in rows}
    emails = {
        r.parsed.number: str(r.parsed.values.get("email") or "").casefold() or None for r in rows
    }
    by_number = {r.parsed.number: r for r in rows}
    for number, first in repeated_rows(people.items()).items():
        by_number[number].problem(f"repeats row {first} (same person at the same organisation).")
    for number, first in repeated_rows(emails.items()).items():
        by_number[number].problem(f"repeats row {first} (same e-mail address).")
    existing_people: dict[tuple[int, str], list[tuple[int, str]]] = {}
    existing_emails: dict[str, list[tuple[int, str]]] = {}
    queryset = Contact.objects.filter(programme=programme).order_by("id")
    for pk, org_id, name, email in queryset.values_list("id", "organisation_id", "name", "email"):
        existing_people.setdefault((org_id, normalise_person_name(name)), []).append((pk, name))
        if email:
            existing_emails.setdefault(email.casefold(), []).append((pk, name))
    for row in rows:
        matches = existing_emails.get(emails[row.parsed.number] or "", [])
        if row.organisation and row.organisation[0] == "db":
            person = (row.organisation[1], normalise_person_name(row.name))
            matches = matches + [m for m in existing_people.get(person, []) if m not in matches]
        row.matches = matches


def _person_key(row: RowPlan) -> tuple[str, int, str] | None:
    if row.organisation is None or not row.name:
        return None
    return (*row.organisation, normalise_person_name(row.name))


def plan_import(programme: Programme, kind: str, file_name: str, data: bytes) -> ImportPlan:
    """Read and check a spreadsheet without writing anything. An organisations workbook may carry a
    "Contacts" sheet too; its contacts may name organisations of the first sheet."""
    if kind not in _SHEET_NAMES:
        raise ImportFileError(f"Unknown kind of import {kind!r}; choose organisations or contacts.")
    sheets = read_spreadsheet(file_name, data, settings.IMPORT_MAX_BYTES, settings.IMPORT_MAX_ROWS)
    plan = ImportPlan(kind, file_name)
    main = _pick(sheets, kind, first=True)
    assert main is not None  # read_spreadsheet never returns no sheets
    contacts_sheet: Sheet | None = main
    if kind == ORGANISATIONS:
        if main.title.strip().casefold() in _SHEET_NAMES[CONTACTS]:
            raise ImportFileError("This workbook holds contacts: import it as contacts.")
        plan.organisations = _parse_sheet(main, ORGANISATIONS, plan)
        _check_organisations(programme, plan.organisations)
        contacts_sheet = _pick(sheets, CONTACTS, first=False)
    if contacts_sheet is not None:
        plan.contacts = _parse_sheet(contacts_sheet, CONTACTS, plan)
        _check_contacts(programme, plan.contacts, plan.organisations)
    if not plan.rows:
        raise ImportFileError("The file has a header row but no data rows.")
    return plan

"""Spreadsheet columns of the registry: which headers the importer reads for organisations and
contacts, how a header row and each data row are read, and which rows repeat one another. Exports
write the same columns, so an exported file imports again."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from partnerpath.core.cells import (
    CellError,
    CellKind,
    CellValue,
    Column,
    header_key,
    parse_cell,
)

__all__ = [
    "CellKind",
    "Column",
    "HeaderMap",
    "ParsedRow",
    "RowProblem",
    "Vocabularies",
    "contact_columns",
    "map_headers",
    "organisation_columns",
    "parse_row",
    "repeated_rows",
]


@dataclass(frozen=True)
class HeaderMap:
    """Where each known column sits in a file, and what is wrong with the header row."""

    positions: Mapping[str, int]
    labels: Mapping[str, str]  # column key -> header as written in the file
    missing: tuple[str, ...]
    unknown: tuple[str, ...]
    repeated: tuple[str, ...]


def map_headers(headers: Sequence[str], columns: Sequence[Column]) -> HeaderMap:
    """Match a header row to the columns by header or alias, ignoring case and punctuation."""
    names: dict[str, Column] = {}
    for column in columns:
        for name in (column.header, column.key, *column.aliases):
            names.setdefault(header_key(name), column)
    positions: dict[str, int] = {}
    labels: dict[str, str] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    for index, raw in enumerate(headers):
        header = raw.strip()
        if not header:
            continue
        found = names.get(header_key(header))
        if found is None:
            unknown.append(header)
        elif found.key in positions:
            repeated.append(header)
        else:
            positions[found.key] = index
            labels[found.key] = header
    missing = tuple(c.header for c in columns if c.required and c.key not in positions)
    return HeaderMap(positions, labels, missing, tuple(unknown), tuple(repeated))


@dataclass(frozen=True)
class RowProblem:
    """Something wrong with one row, named by its row number and column."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f'Row {self.row}, column "{self.column}"' if self.column else f"Row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class ParsedRow:
    """One row's typed values (every column, blanks filled with defaults), the columns it gave a
    value for, and its problems."""

    number: int
    values: dict[str, CellValue]
    given: frozenset[str]
    problems: list[RowProblem]

    @property
    def ok(self) -> bool:
        """Whether the row can be imported."""
        return not self.problems


def parse_row(
    number: int, cells: Sequence[str], columns: Sequence[Column], headers: HeaderMap
) -> ParsedRow:
    """Read one row; ``number`` is the row number a person sees in the spreadsheet."""
    values: dict[str, CellValue] = {}
    given: set[str] = set()
    problems: list[RowProblem] = []
    for column in columns:
        position = headers.positions.get(column.key)
        text = cells[position].strip() if position is not None and position < len(cells) else ""
        label = headers.labels.get(column.key, column.header)
        if not text and column.required:
            problems.append(RowProblem(number, label, "is empty; every row needs one."))
        try:
            values[column.key] = parse_cell(column, text)
        except CellError as exc:
            problems.append(RowProblem(number, label, str(exc)))
            values[column.key] = column.blank()
        if text:
            given.add(column.key)
    return ParsedRow(number, values, frozenset(given), problems)


def repeated_rows(keys: Iterable[tuple[int, Hashable | None]]) -> dict[int, int]:
    """Rows whose key an earlier row already has, mapped to that earlier row (None keys ignored)."""
    first: dict[Hashable, int] = {}
    repeats: dict[int, int] = {}
    for row, key in keys:
        if key is None:
            continue
        if key in first:
            repeats[row] = first[key]
        else:
            first[key] = row
    return repeats


@dataclass(frozen=True)
class Vocabularies:
    """The controlled lists the columns accept (stored value -> label), given by the caller."""

    kinds: Mapping[str, str]
    sectors: Mapping[str, str]
    sizes: Mapping[str, str]
    departments: Mapping[str, str]


def _text(
    key: str, header: str, max_length: int | None = None, aliases: tuple[str, ...] = ()
) -> Column:
    return Column(key, header, CellKind.TEXT, max_length=max_length, aliases=aliases)


_RESEARCH: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("history", "History", ()),
    ("products_services", "Products and services", ("Products", "Services")),
    ("business_model", "Business model and goals", ("Business model",)),
    ("values", "Values", ()),
    ("value_chain_scope", "Value-chain scope", ("Value chain",)),
    ("competitors", "Competitors", ()),
    ("reputation", "Reputation", ()),
    ("recruitment_practices", "Recruitment practices", ()),
    ("grievance_mechanisms", "Grievance mechanisms", ()),
    ("labour_supply_chain", "Labour supply chain", ("Labor supply chain",)),
    ("ctip_commitment", "Commitment against trafficking", ("CTIP commitment",)),
)


def organisation_columns(vocab: Vocabularies) -> tuple[Column, ...]:
    """The columns of an organisations spreadsheet, in the order templates and exports use."""
    country = CellKind.COUNTRY
    return (
        Column(
            "name",
            "Name",
            required=True,
            max_length=300,
            help="The organisation's usual name.",
            aliases=(
                "Organisation",
                "Organisation name",
                "Organization",
                "Organization name",
                "Company",
                "Company name",
            ),
        ),
        Column(
            "kind",
            "Kind",
            CellKind.CHOICE,
            options=vocab.kinds,
            default="company",
            aliases=("Type", "Organisation kind", "Organisation type"),
            help="Blank: company.",
        ),
        Column(
            "is_active",
            "Active",
            CellKind.YES_NO,
            default=True,
            aliases=("Is active",),
            help="No: leaves the dashboard.",
        ),
        Column(
            "hq_country",
            "HQ country",
            country,
            aliases=("Headquarters country", "Headquarters", "HQ", "Country"),
            help="Together with the name, decides possible duplicates.",
        ),
        Column(
            "countries_of_operation",
            "Countries of operation",
            CellKind.COUNTRIES,
            aliases=("Operates in", "Operations"),
        ),
        Column(
            "countries_of_sourcing",
            "Countries of sourcing",
            CellKind.COUNTRIES,
            aliases=("Sources from", "Sourcing countries", "Sourcing"),
        ),
        Column(
            "sectors",
            "Sectors",
            CellKind.CHOICES,
            options=vocab.sectors,
            aliases=("Sector", "Industry", "Industries"),
        ),
        Column(
            "size", "Size", CellKind.CHOICE, options=vocab.sizes, default="", help="Headcount band."
        ),
        Column(
            "employees",
            "Employees",
            CellKind.INTEGER,
            minimum=0,
            maximum=2_147_483_647,
            aliases=("Headcount", "Staff", "Number of employees"),
        ),
        *(_text(key, header, aliases=aliases) for key, header, aliases in _RESEARCH),
        _text(
            "registration_number",
            "Registration number",
            max_length=100,
            aliases=("Registration no", "Company number"),
        ),
        Column(
            "registration_jurisdiction",
            "Registration jurisdiction",
            country,
            aliases=("Jurisdiction",),
            help="Country where the number is registered.",
        ),
        Column(
            "lei",
            "LEI",
            CellKind.LEI,
            max_length=20,
            aliases=("Legal entity identifier",),
            help="20 characters, check digits verified.",
        ),
        Column(
            "website",
            "Website",
            CellKind.URL,
            max_length=200,
            aliases=("Web site", "URL"),
            help="https:// is added when missing.",
        ),
        Column(
            "checkin_every_days",
            "Check in every (days)",
            CellKind.INTEGER,
            minimum=1,
            maximum=3650,
            aliases=("Check in every", "Check-in cadence"),
            help="Blank: the default for its kind.",
        ),
        _text("notes", "Notes"),
    )


def contact_columns(vocab: Vocabularies) -> tuple[Column, ...]:
    """The columns of a contacts spreadsheet, in the order templates and exports use."""
    return (
        Column(
            "name",
            "Name",
            required=True,
            max_length=200,
            aliases=("Contact", "Contact name", "Full name", "Person"),
        ),
        Column(
            "organisation",
            "Organisation",
            required=True,
            max_length=300,
            aliases=("Organization", "Organisation name", "Organization name", "Company"),
            help="Name of an organisation already in the programme or in the same workbook.",
        ),
        Column(
            "organisation_country",
            "Organisation country",
            CellKind.COUNTRY,
            aliases=("Organisation HQ country", "Organization country", "Country"),
            help="HQ country of that organisation; needed when several share the name.",
        ),
        _text("title", "Job title", max_length=200, aliases=("Title", "Position", "Role")),
        Column(
            "department",
            "Department",
            CellKind.CHOICE,
            options=vocab.departments,
            default="other",
            help="Blank: other.",
        ),
        Column(
            "email",
            "E-mail",
            CellKind.EMAIL,
            max_length=254,
            aliases=("E-mail address", "Email address", "Mail"),
        ),
        _text("phone", "Phone", max_length=50, aliases=("Telephone", "Phone number", "Mobile")),
        Column(
            "is_champion",
            "Champion",
            CellKind.YES_NO,
            default=False,
            help="Someone who can make things happen inside the organisation.",
        ),
        Column("can_commit_resources", "Can commit resources", CellKind.YES_NO, default=False),
        Column(
            "is_active",
            "Active",
            CellKind.YES_NO,
            default=True,
            aliases=("Still at the organisation",),
        ),
        _text("notes", "Notes"),
    )

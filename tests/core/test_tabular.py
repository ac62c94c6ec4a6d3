"""The registry's spreadsheet columns: headers, rows, problems and repeated rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnerpath.core.tabular import (
    RowProblem,
    Vocabularies,
    contact_columns,
    map_headers,
    organisation_columns,
    parse_row,
    repeated_rows,
)

VOCAB = Vocabularies(
    kinds={"company": "Company", "ngo": "NGO / CSO"},
    sectors={"fisheries": "Fisheries and seafood", "construction": "Construction"},
    sizes={"": "Unknown", "small": "Small (10-49)"},
    departments={"sustainability": "Sustainability / CSR", "other": "Other"},
)
ORGS = organisation_columns(VOCAB)
CONTACTS = contact_columns(VOCAB)
DOCS = Path(__file__).resolve().parents[2] / "docs" / "import-export.md"


@pytest.mark.parametrize(
    ("headers", "positions", "missing", "unknown", "repeated"),
    [
        (["Name", "HQ country"], {"name": 0, "hq_country": 1}, (), (), ()),
        (["company name", "COUNTRY", "Colour"], {"name": 0, "hq_country": 1}, (), ("Colour",), ()),
        (["hq_country", "", "Sector"], {"hq_country": 0, "sectors": 2}, ("Name",), (), ()),
        (["Name", "Organisation"], {"name": 0}, (), (), ("Organisation",)),
        ([], {}, ("Name",), (), ()),
    ],
)
def test_it_maps_headers_by_name_or_alias(
    headers: list[str],
    positions: dict[str, int],
    missing: tuple[str, ...],
    unknown: tuple[str, ...],
    repeated: tuple[str, ...],
) -> None:
    mapped = map_headers(headers, ORGS)
    assert dict(mapped.positions) == positions
    assert (mapped.missing, mapped.unknown, mapped.repeated) == (missing, unknown, repeated)


@pytest.mark.parametrize(
    ("headers", "missing"),
    [
        (["Name", "Organisation"], ()),
        (["Name", "E-mail"], ("Organisation",)),
        (["Email address"], ("Name", "Organisation")),
    ],
)
def test_contacts_need_a_name_and_an_organisation(
    headers: list[str], missing: tuple[str, ...]
) -> None:
    assert map_headers(headers, CONTACTS).missing == missing


ROWS = [
    (
        ["Siam Seafood", "TH", "fisheries", "1,200", ""],
        {
            "name": "Siam Seafood",
            "hq_country": "TH",
            "sectors": ["fisheries"],
            "employees": 1200,
            "kind": "company",
            "is_active": True,
            "countries_of_operation": [],
        },
        [],
    ),
    (
        ["", "Atlantis", "mining", "many", ""],
        {"name": "", "hq_country": "", "sectors": [], "employees": None},
        [
            'Row 7, column "Name": is empty; every row needs one.',
            'Row 7, column "Country": "Atlantis" is not a country code or name (for example TH or '
            "Thailand).",
            'Row 7, column "Sectors": "mining" is not in the list: Fisheries and seafood; '
            "Construction.",
            'Row 7, column "Employees": "many" is not a whole number.',
        ],
    ),
]


@pytest.mark.parametrize(("cells", "values", "problems"), ROWS)
def test_it_reads_a_row_into_values_and_problems_naming_row_and_column(
    cells: list[str], values: dict[str, object], problems: list[str]
) -> None:
    headers = map_headers(["Name", "Country", "Sectors", "Employees", "Notes"], ORGS)
    row = parse_row(7, cells, ORGS, headers)
    assert {k: row.values[k] for k in values} == values
    assert [str(p) for p in row.problems] == problems
    assert row.ok is (not problems)


def test_it_remembers_which_cells_were_given_so_merges_fill_only_those() -> None:
    headers = map_headers(["Name", "Website", "Kind"], ORGS)
    row = parse_row(2, ["Siam", "", "NGO"], ORGS, headers)
    assert row.given == {"name", "kind"}
    assert row.values["website"] == ""


def test_a_short_row_reads_as_blanks() -> None:
    row = parse_row(3, ["Siam"], ORGS, map_headers(["Name", "HQ country"], ORGS))
    assert row.ok and row.values["hq_country"] == ""


@pytest.mark.parametrize(
    ("keys", "repeats"),
    [
        ([(2, "a"), (3, "b"), (4, "a"), (5, "a")], {4: 2, 5: 2}),
        ([(2, None), (3, None)], {}),
        ([(2, ("siam", "TH")), (3, ("siam", "VN"))], {}),
    ],
)
def test_it_finds_rows_that_repeat_an_earlier_row(keys: list, repeats: dict[int, int]) -> None:
    assert repeated_rows(keys) == repeats


def test_a_problem_without_a_column_names_the_row() -> None:
    assert str(RowProblem(9, "", "repeats row 2.")) == "Row 9: repeats row 2."


@pytest.mark.parametrize("columns", [ORGS, CONTACTS], ids=["organisations", "contacts"])
def test_every_header_and_key_is_unique(columns: tuple) -> None:
    keys = [c.key for c in columns]
    assert len(keys) == len(set(keys))
    mapped = map_headers([c.header for c in columns], columns)
    assert not mapped.unknown and not mapped.repeated and not mapped.missing


@pytest.mark.parametrize("columns", [ORGS, CONTACTS], ids=["organisations", "contacts"])
def test_the_documentation_lists_every_column(columns: tuple) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert [c.header for c in columns if f"| {c.header} |" not in text] == []

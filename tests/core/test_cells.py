"""Reading and writing single spreadsheet cells."""

from __future__ import annotations

import datetime as dt

import pytest

from partnerpath.core.cells import (
    CellError,
    CellKind,
    Column,
    cell_text,
    format_cell,
    header_key,
    normalise_person_name,
    parse_cell,
    protect_formula,
)

SECTORS = {
    "fisheries": "Fisheries and seafood",
    "apparel": "Apparel, textiles and footwear",
    "domestic_work": "Domestic work",
}
KINDS = {"company": "Company", "ngo": "NGO / CSO", "association": "Industry association"}

COLUMNS = {
    "text": Column("notes", "Notes"),
    "short": Column("phone", "Phone", max_length=5),
    "kind": Column("kind", "Kind", CellKind.CHOICE, options=KINDS, default="company"),
    "sectors": Column("sectors", "Sectors", CellKind.CHOICES, options=SECTORS),
    "country": Column("hq", "HQ country", CellKind.COUNTRY),
    "countries": Column("ops", "Countries", CellKind.COUNTRIES),
    "email": Column("email", "E-mail", CellKind.EMAIL),
    "url": Column("website", "Website", CellKind.URL, max_length=200),
    "lei": Column("lei", "LEI", CellKind.LEI),
    "int": Column("employees", "Employees", CellKind.INTEGER, minimum=0, maximum=1000),
    "flag": Column("champion", "Champion", CellKind.YES_NO, default=False),
    "active": Column("active", "Active", CellKind.YES_NO, default=True),
}

READS = [
    ("text", "  free text  ", "free text"),
    ("text", "", ""),
    ("short", "12345", "12345"),
    ("kind", "NGO / CSO", "ngo"),
    ("kind", "ngo", "ngo"),
    ("kind", "industry  ASSOCIATION", "association"),
    ("kind", "", "company"),
    ("sectors", "fisheries; Domestic work", ["fisheries", "domestic_work"]),
    ("sectors", "Apparel, textiles and footwear", ["apparel"]),
    ("sectors", "Fisheries & seafood, domestic work", ["fisheries", "domestic_work"]),
    ("sectors", "fisheries;fisheries", ["fisheries"]),
    ("sectors", "", []),
    ("country", "TH", "TH"),
    ("country", "tha", "TH"),
    ("country", "Viet Nam", "VN"),
    ("country", "Vietnam", "VN"),
    ("countries", "TH; VN, Myanmar", ["TH", "VN", "MM"]),
    ("countries", "Korea, Republic of; Thailand", ["KR", "TH"]),
    ("countries", "Korea, Republic of, Thailand", ["KR", "TH"]),
    ("email", "anong@siam.example", "anong@siam.example"),
    ("url", "www.siam.example", "https://www.siam.example"),
    ("url", "http://siam.example/about", "http://siam.example/about"),
    ("lei", "5493001kjtiigc8y1r12", "5493001KJTIIGC8Y1R12"),
    ("int", "1,000", 1000),
    ("int", "42", 42),
    ("int", "", None),
    ("flag", "Yes", True),
    ("flag", "x", True),
    ("flag", "no", False),
    ("flag", "", False),
    ("active", "", True),
]


@pytest.mark.parametrize(("column", "text", "expected"), READS)
def test_it_reads_what_people_type(column: str, text: str, expected: object) -> None:
    assert parse_cell(COLUMNS[column], text) == expected


REFUSALS = [
    ("short", "123456", "the limit is 5"),
    ("kind", "Spaceship", '"Spaceship" is not one of: Company; NGO / CSO'),
    ("sectors", "fisheries; mining", '"mining" is not in the list'),
    ("country", "Atlantis", '"Atlantis" is not a country code or name'),
    ("countries", "TH; XX; Narnia", 'unknown country code or name: "XX", "Narnia"'),
    ("email", "anong at siam", "is not an e-mail address"),
    ("email", "a@b", "is not an e-mail address"),
    ("url", "not a url", "is not a web address"),
    ("url", "ftp://siam.example", "is not a web address"),
    ("lei", "12345", "An LEI has 20 characters"),
    ("lei", "5493001KJTIIGC8Y1R13", "check digits do not match"),
    ("int", "lots", '"lots" is not a whole number'),
    ("int", "1.5", "is not a whole number"),
    ("int", "1001", "above the maximum of 1000"),
    ("flag", "maybe", '"maybe" is not yes or no'),
]


@pytest.mark.parametrize(("column", "text", "message"), REFUSALS)
def test_it_refuses_bad_cells_saying_why(column: str, text: str, message: str) -> None:
    with pytest.raises(CellError, match=message.replace("(", r"\(")):
        parse_cell(COLUMNS[column], text)


WRITES = [
    ("kind", "ngo", "NGO / CSO"),
    ("sectors", ["apparel", "fisheries"], "Apparel, textiles and footwear; Fisheries and seafood"),
    ("countries", ["TH", "VN"], "TH; VN"),
    ("flag", True, "yes"),
    ("active", False, "no"),
    ("int", None, ""),
    ("int", 12, "12"),
    ("text", "plain", "plain"),
]


@pytest.mark.parametrize(("column", "value", "written"), WRITES)
def test_what_it_writes_reads_back_the_same(column: str, value: object, written: str) -> None:
    assert format_cell(COLUMNS[column], value) == written  # type: ignore[arg-type]
    assert parse_cell(COLUMNS[column], written) == value or (value is None and written == "")


CELLS = [
    (None, ""),
    (True, "yes"),
    (1200.0, "1200"),
    (12.5, "12.5"),
    (dt.datetime(2026, 1, 5), "2026-01-05"),
    (dt.date(2026, 1, 5), "2026-01-05"),
    ("'=SUM(A1)", "=SUM(A1)"),
    ("'quoted", "'quoted"),
]


@pytest.mark.parametrize(("value", "text"), CELLS)
def test_it_turns_spreadsheet_values_into_text(value: object, text: str) -> None:
    assert cell_text(value) == text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("@cmd", "'@cmd"),
        ("- a list item", "'- a list item"),
        ("+66 2 123 4567", "+66 2 123 4567"),
        ("plain", "plain"),
    ],
)
def test_formula_like_text_is_quoted_but_phone_numbers_are_not(text: str, written: str) -> None:
    assert protect_formula(text) == written
    assert cell_text(written) == text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("E-mail", "email"),
        ("HQ country", "hq_country"),
        ("Check in every (days)", "checkineverydays"),
    ],
)
def test_headers_match_without_case_spaces_or_punctuation(a: str, b: str) -> None:
    assert header_key(a) == header_key(b)


def test_person_names_fold_case_accents_and_spacing() -> None:
    assert normalise_person_name("  Anong  Sàeng ") == normalise_person_name("anong saeng")

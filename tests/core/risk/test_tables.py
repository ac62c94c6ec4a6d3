"""Reading reference files: header matching and the messages for files that cannot be read."""

from __future__ import annotations

import codecs

import pytest

from partnerpath.core.risk.tables import ReferenceFileError, read_table
from tests.core.risk.helpers import xlsx


def test_headers_match_ignoring_case_spaces_and_punctuation() -> None:
    table = read_table(b"  Country ,Child_Labor\nThailand,Yes\n")
    assert table.columns({"country": ("country",), "cl": ("child labor",)}, ("country",)) == {
        "country": 0,
        "cl": 1,
    }


def test_semicolons_tabs_and_a_byte_order_mark_are_read() -> None:
    assert read_table(codecs.BOM_UTF8 + b"a;b\n1;2\n").rows == ((2, ("1", "2")),)
    assert read_table(b"a\tb\n1\t2\n").headers == ("a", "b")
    assert read_table("a,b\n1,2\n".encode("utf-16")).headers == ("a", "b")


def test_blank_lines_keep_the_row_numbers_a_person_sees() -> None:
    table = read_table(b"a,b\n\n1,2\n,\n3,4\n")
    assert [number for number, _ in table.rows] == [3, 5]


def test_the_first_sheet_with_data_is_read() -> None:
    table = read_table(xlsx([["Good", "Country"], ["Fish", "Ghana"]], blank_sheet_first=True))
    assert table.headers == ("Good", "Country")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"  \n", "The file is empty."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 rest", "old-style Excel file (.xls)"),
        (b"a,b\n", "header row but no data rows"),
    ],
)
def test_unreadable_files_say_why(data: bytes, message: str) -> None:
    with pytest.raises(ReferenceFileError) as caught:
        read_table(data)
    assert message in str(caught.value)

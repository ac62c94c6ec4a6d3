"""The DOL List of Goods importer: its CSV columns, XLSX, DOL's own XML, and clear errors."""

from __future__ import annotations

import pytest

from partnerpath.core.risk.dol import read_dol_goods
from partnerpath.core.risk.tables import ReferenceFileError
from tests.core.risk.helpers import fixture, xlsx


def _by_key(rows):
    return {(r.good, r.country): r for r in rows}


def test_it_reads_the_list_csv_with_every_kind_of_labour() -> None:
    parsed = read_dol_goods(fixture("dol_goods.csv"))
    rows = _by_key(parsed.rows)
    shrimp = rows[("Shrimp", "TH")]
    assert (shrimp.child_labour, shrimp.forced_labour, shrimp.forced_child_labour) == (
        True,
        True,
        True,
    )
    assert rows[("Shrimp", "MM")].country_name == "Burma"
    assert rows[("Garments", "CD")].child_labour is True
    oil = rows[("Refined Palm Oil", "ID")]
    assert oil.derived and oil.derived_from == "Indonesia" and not oil.involves_forced_labour


def test_a_row_that_names_no_kind_of_labour_is_left_out_with_a_note() -> None:
    parsed = read_dol_goods(fixture("dol_goods.csv"))
    assert ("Bricks", "TR") not in _by_key(parsed.rows)
    assert any("Bricks" in note and "no kind of labour" in note for note in parsed.notes)


def test_it_reads_dols_goods_xml() -> None:
    rows = _by_key(read_dol_goods(fixture("dol_goods.xml")).rows)
    assert set(rows) == {("Fish", "TH"), ("Fish", "ID"), ("Solar Modules", "CN")}
    assert rows[("Fish", "ID")].child_labour and rows[("Fish", "ID")].forced_labour
    assert rows[("Solar Modules", "CN")].derived_from == "China"


def test_it_reads_an_xlsx_workbook_with_the_lists_headers_in_words() -> None:
    data = xlsx(
        [
            ["Good", "Country", "Child Labor", "Forced Labor", "Forced Child Labor"],
            ["Cotton", "Uzbekistan", "X", "", ""],
            ["Cocoa", "Côte d'Ivoire", "Yes", "No", "Yes"],
        ],
        blank_sheet_first=True,
    )
    rows = _by_key(read_dol_goods(data).rows)
    assert rows[("Cotton", "UZ")].child_labour and not rows[("Cotton", "UZ")].forced_labour
    assert rows[("Cocoa", "CI")].forced_child_labour


def test_it_reads_one_exploitation_column_in_words() -> None:
    data = xlsx(
        [["Good", "Country", "Exploitation"], ["Gold", "Peru", "Child Labor, Forced Labor"]]
    )
    (gold,) = read_dol_goods(data).rows
    assert (gold.child_labour, gold.forced_labour, gold.forced_child_labour) == (True, True, False)


def test_repeated_rows_are_combined() -> None:
    data = b"good,country,child labor,forced labor\nFish,Ghana,Yes,No\nFish,Ghana,No,Yes\n"
    parsed = read_dol_goods(data)
    (fish,) = parsed.rows
    assert fish.child_labour and fish.forced_labour
    assert "repeats" in parsed.notes[0]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("dol_wrong_columns.csv", "no 'good' or 'country' column (its columns are: \"name\""),
        ("dol_latin1.csv", "not UTF-8 text (byte 0xEF on line 2)"),
        ("not_xml.xml", "XML file is not well-formed"),
    ],
)
def test_a_malformed_file_gives_a_clear_error(name: str, message: str) -> None:
    with pytest.raises(ReferenceFileError, match=None) as caught:
        read_dol_goods(fixture(name))
    assert message in str(caught.value)


def test_every_bad_row_is_named_and_nothing_is_returned() -> None:
    with pytest.raises(ReferenceFileError) as caught:
        read_dol_goods(fixture("dol_bad_rows.csv"))
    text = str(caught.value)
    assert text.startswith("3 rows cannot be read; nothing was imported.")
    assert 'Row 2: country "Atlantis" is not a country name or ISO code we know.' in text
    assert "Row 3: good is empty." in text
    assert 'Row 4: child labour is "maybe"; write Yes or No.' in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"good,country,child labor\n", "header row but no data rows"),
        (b"good,country,region\nFish,Ghana,Africa\n", "does not say which kind of labour"),
        (b"%PDF-1.4 ...", "PDF document"),
        (b"PK\x03\x04 not really a workbook", "not an Excel workbook"),
        (b"<Products><Good/></Products>", "not DOL's <Goods>"),
    ],
)
def test_files_that_are_not_the_list_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ReferenceFileError) as caught:
        read_dol_goods(data)
    assert message in str(caught.value)

"""The importers in one place: editions suggested from the data or the file name, and the real
files in ../shared/data/reference (skipped with a message when that folder is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnerpath.core.risk.reference import ReferenceKind, Tier
from partnerpath.core.risk.sources import DEFAULT_SOURCE_NAMES, READERS, suggest_edition


@pytest.mark.parametrize(
    ("name", "years", "edition"),
    [
        ("tip_tiers_orig.csv", (1999, 2015), "1999-2015"),
        ("tiers.csv", (2024,), "2024"),
        ("Global_Slavery_Index_2023.csv", (), "2023"),
        ("goods_by_country_2022_list.csv", (), "2022"),
        ("list.csv", (), ""),
        ("export-120230.csv", (), ""),
    ],
)
def test_an_edition_is_suggested_from_the_years_or_the_file_name(
    name: str, years: tuple[int, ...], edition: str
) -> None:
    assert suggest_edition(name, years) == edition


def test_every_kind_has_a_reader_and_a_source_name() -> None:
    assert set(READERS) == set(ReferenceKind) == set(DEFAULT_SOURCE_NAMES)


@pytest.mark.shared_data
def test_the_real_dol_2022_list_csv_and_xml_agree(shared_data: Path) -> None:
    folder = shared_data / "reference" / "dol_ilab_goods_2022"
    from_csv = READERS[ReferenceKind.DOL_GOODS](
        (folder / "goods_by_country_2022_list.csv").read_bytes()
    )
    from_xml = READERS[ReferenceKind.DOL_GOODS]((folder / "goods_2021.xml").read_bytes())
    assert len(from_csv.rows) == 467 and set(from_csv.rows) == set(from_xml.rows)
    found = {(r.good, r.country): r for r in from_csv.rows}
    assert found[("Shrimp", "TH")].forced_labour
    assert (
        found[("Lithium-Ion Batteries", "CN")].derived_from == "Congo, Democratic Republic of the"
    )
    assert len({r.country for r in from_csv.rows}) == 78


@pytest.mark.shared_data
def test_the_real_tip_tiers_1999_2015(shared_data: Path) -> None:
    data = (shared_data / "reference" / "tip_tiers_1999_2015" / "tip_tiers_orig.csv").read_bytes()
    parsed = READERS[ReferenceKind.TIP_TIERS](data)
    found = {(p.country, p.year): p.tier for p in parsed.rows}
    assert len(parsed.rows) == 2251
    assert found[("TH", 2014)] is Tier.TIER_3
    assert found[("XK", 2015)] is Tier.TIER_2
    assert suggest_edition("tip_tiers_orig.csv", parsed.years) == "2001-2015"


@pytest.mark.shared_data
def test_the_real_global_slavery_index_2023(shared_data: Path) -> None:
    data = (shared_data / "reference" / "gsi_2023" / "Global_Slavery_Index_2023.csv").read_bytes()
    parsed = READERS[ReferenceKind.PREVALENCE](data)
    found = {r.country: r for r in parsed.rows}
    assert len(found) == 160
    assert found["KP"].per_thousand == 104.6
    assert found["AF"].people == 505_000
    assert "20 countries without an estimate" in parsed.notes[0]

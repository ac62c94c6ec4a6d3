"""The TIP tier importer: tiers written every way the reports and compilations write them."""

from __future__ import annotations

import pytest

from partnerpath.core.risk.reference import Tier
from partnerpath.core.risk.tables import ReferenceFileError
from partnerpath.core.risk.tip import parse_tier, read_tip_tiers
from tests.core.risk.helpers import fixture, xlsx


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("Tier 1", Tier.TIER_1),
        ("Tier 1    ", Tier.TIER_1),
        ("1", Tier.TIER_1),
        ("Tier 2", Tier.TIER_2),
        ("Tier 2 Watch List", Tier.WATCH_LIST),
        ("Tier 2 Watchlist", Tier.WATCH_LIST),
        ("Watchlist    ", Tier.WATCH_LIST),
        ("2WL", Tier.WATCH_LIST),
        ("2.5", Tier.WATCH_LIST),
        ("Tier 3", Tier.TIER_3),
        ("3", Tier.TIER_3),
        ("Special Case", Tier.SPECIAL_CASE),
        ("special cases", Tier.SPECIAL_CASE),
        ("NA", None),
        ("", None),
    ],
)
def test_it_reads_each_way_of_writing_a_tier(text: str, tier: Tier | None) -> None:
    assert parse_tier(text) is tier


@pytest.mark.parametrize("text", ["Tier 4", "Tier 2+", "high"])
def test_an_unknown_tier_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not one of 1, 2, 2WL"):
        parse_tier(text)


def test_it_reads_the_compiled_country_year_tier_csv() -> None:
    parsed = read_tip_tiers(fixture("tip_tiers.csv"))
    found = {(p.country, p.year): p.tier for p in parsed.rows}
    assert found[("TH", 2015)] is Tier.TIER_3
    assert found[("TH", 2013)] is Tier.WATCH_LIST
    assert found[("GB", 2015)] is Tier.TIER_1
    assert found[("XK", 2015)] is Tier.TIER_2
    assert ("SO", 2015) not in found
    assert parsed.notes == ("1 row not ranked (NA or blank) was left out.",)
    assert parsed.years == (2013, 2014, 2015)


def test_it_reads_country_names_without_codes_and_special_cases() -> None:
    found = {p.country: p.tier for p in read_tip_tiers(fixture("tip_tiers_plain.csv")).rows}
    assert found == {
        "TH": Tier.TIER_2,
        "LY": Tier.SPECIAL_CASE,
        "MY": Tier.WATCH_LIST,
        "KH": Tier.WATCH_LIST,
        "KP": Tier.TIER_3,
    }


def test_it_reads_xlsx() -> None:
    data = xlsx([["Country", "Year", "Tier"], ["Philippines", 2024, "Tier 1"]])
    (placement,) = read_tip_tiers(data).rows
    assert (placement.country, placement.year, placement.tier) == ("PH", 2024, Tier.TIER_1)


def test_bad_years_tiers_and_contradictions_are_named() -> None:
    with pytest.raises(ReferenceFileError) as caught:
        read_tip_tiers(fixture("tip_bad.csv"))
    text = str(caught.value)
    assert 'Row 2: year "20x5" is not a four-digit year.' in text
    assert 'Row 3: tier "Tier 9" is not one of' in text
    assert "Row 5: Laos 2015 is Tier 2 on an earlier row and Tier 3 here." in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"country,tier\nThailand,Tier 2\n", "no 'year' column"),
        (b"year,tier\n2015,Tier 2\n", 'neither a "country" nor an "iso" column'),
        (b"country,year,tier\nThailand,2015,NA\n", "no tier placement"),
        (b"<Goods/>", "not XML"),
    ],
)
def test_files_without_tiers_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ReferenceFileError) as caught:
        read_tip_tiers(data)
    assert message in str(caught.value)

"""The prevalence importer: the GSI 2023 columns (padded headers, thousands separators, blanks)
and a plain country, prevalence, year, source layout."""

from __future__ import annotations

import pytest

from partnerpath.core.risk.prevalence import GSI_SOURCE_NAME, read_prevalence
from partnerpath.core.risk.tables import ReferenceFileError
from tests.core.risk.helpers import fixture


def test_it_reads_the_global_slavery_index_layout() -> None:
    parsed = read_prevalence(fixture("gsi_2023.csv"))
    found = {r.country: r for r in parsed.rows}
    assert found["TH"].per_thousand == 5.7 and found["TH"].people == 401_000
    assert found["MM"].per_thousand == 12.1
    assert found["CD"].people == 407_000
    assert "CV" not in found
    assert "Cape Verde" in parsed.notes[0]
    assert parsed.suggested_source == GSI_SOURCE_NAME


def test_it_reads_a_plain_layout_with_year_and_source() -> None:
    parsed = read_prevalence(fixture("prevalence_generic.csv"))
    found = {r.country: r for r in parsed.rows}
    assert found["VN"].per_thousand == 4.1 and found["VN"].year == 2021
    assert found["VN"].source == "Walk Free GSI 2023"
    assert parsed.suggested_source == "" and parsed.years == (2021,)


def test_the_latest_estimate_of_a_country_is_kept() -> None:
    data = b"country,prevalence,year\nThailand,4.0,2016\nThailand,5.7,2021\n"
    (row,) = read_prevalence(data).rows
    assert (row.per_thousand, row.year) == (5.7, 2021)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"country,population\nThailand,1\n", "no 'Estimated prevalence of modern slavery"),
        (b"country,prevalence\nThailand,lots\n", 'per thousand "lots" is not a number'),
        (b"country,prevalence\nThailand,1200\n", "not between 0 and 1,000"),
        (b"country,prevalence\nThailand,\n", "no country with a prevalence estimate"),
        (b"country,prevalence,year\nThailand,3,2021\nThailand,4,2021\n", "appears twice"),
    ],
)
def test_malformed_figures_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ReferenceFileError) as caught:
        read_prevalence(data)
    assert message in str(caught.value)

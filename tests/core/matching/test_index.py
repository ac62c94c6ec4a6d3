"""Candidate generation is separate from scoring and finds variants of listed names."""

from __future__ import annotations

import pytest

from partnerpath.core.matching.entities import make_entity
from partnerpath.core.matching.index import ScreeningIndex, name_keys

LISTED = [
    make_entity("1", "Company", ["Thai Union Frozen Products PCL"], ["th"]),
    make_entity("2", "Company", ["Charoen Pokphand Group Co., Ltd."], ["th"]),
    make_entity("3", "Person", ["Usama bin Muhammad bin Awad BIN LADIN", "Osama bin Laden"]),
    make_entity("4", "Organization", ["AL QA'IDA", "The Base"]),
]


@pytest.mark.parametrize(
    ("query", "schema", "expected"),
    [
        ("Thai Union Frozen Products Public Company Limited", "Company", "1"),
        ("Charoen Pokphand Group Company Limited", "Company", "2"),
        ("Usama bin Ladin", "Person", "3"),
        ("Al-Qaida", "Organization", "4"),
        ("Osama BinLaden", "Person", "3"),
    ],
)
def test_it_finds_variants_of_listed_names(query: str, schema: str, expected: str) -> None:
    index = ScreeningIndex.build(LISTED)
    hits = index.screen(make_entity("q", schema, [query]))
    assert hits and hits[0].entity.id == expected and hits[0].result.match


def test_it_reports_nothing_for_an_unrelated_name() -> None:
    index = ScreeningIndex.build(LISTED)
    assert index.screen(make_entity("q", "Company", ["Blue Lagoon Textiles Ltd"])) == []


def test_it_never_offers_a_company_for_a_person() -> None:
    index = ScreeningIndex.build([make_entity("1", "Company", ["Victory Trading"])])
    assert index.screen(make_entity("q", "Person", ["Victory Trading"])) == []


def test_keys_survive_one_typo_in_a_long_word() -> None:
    assert name_keys("Pokphand Foods") & name_keys("Pokphamd Foods")

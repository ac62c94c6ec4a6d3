"""Candidate generation is separate from scoring and finds variants of listed names."""

from __future__ import annotations

import pytest

from partnerpath.core.matching.entities import Schema, make_entity
from partnerpath.core.matching.index import ScreeningIndex, name_keys, query_keys

LISTED = [
    make_entity("1", "Company", ["Thai Union Frozen Products PCL"], ["th"]),
    make_entity("2", "Company", ["Charoen Pokphand Group Co., Ltd."], ["th"]),
    make_entity("3", "Person", ["Usama bin Muhammad bin Awad BIN LADIN", "Osama bin Laden"]),
    make_entity("4", "Organization", ["AL QA'IDA", "The Base"]),
    make_entity("5", "Person", ["ហ៊ុន សែន"]),
    make_entity("6", "Person", ["မင်းအောင်လှိုင်"]),
    make_entity("7", "Company", ["บริษัท ไทยยูเนี่ยน จำกัด (มหาชน)"]),
]


@pytest.mark.parametrize(
    ("query", "schema", "expected"),
    [
        ("Thai Union Frozen Products Public Company Limited", "Company", "1"),
        ("Charoen Pokphand Group Company Limited", "Company", "2"),
        ("Usama bin Ladin", "Person", "3"),
        ("Al-Qaida", "Organization", "4"),
        ("Osama BinLaden", "Person", "3"),
        ("Hun Sen", "Person", "5"),  # Khmer, Burmese and Thai names are found from Latin ones
        ("Senior General Min Aung Hlaing", "Person", "6"),
        ("Thai Union PCL", "Company", "7"),
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


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("Kagrifen Capital", "Kngrifen Capital"),  # a letter replaced
        ("Sukhothai Frozen Foods", "Sukhotai Frozen Foods"),  # a letter dropped
        ("Phitsanulok Rubber", "Phitsanullok Rubber"),  # a letter doubled
    ],
)
def test_a_misspelt_rare_word_still_shares_a_selective_key_with_its_original(
    listed: str, query: str
) -> None:
    shared = name_keys(listed) & query_keys(query) - name_keys("Capital Frozen Foods Rubber")
    # Half of the word, not just three letters that thousands of words begin or end with.
    assert any(len(key.strip("<>")) >= 4 for key in shared), shared


def test_names_sharing_one_rare_word_are_told_apart_by_their_other_words() -> None:
    # Sixty names share "Bador", and their other words are common in the list; when the budget
    # only affords the "Bador" postings, the index must still rank the right one first.
    trades = ["Trading", "Textiles", "Fisheries", "Rubber", "Energy", "Garments"]
    forms = ["LLC", "GmbH", "JSC", "Sdn Bhd", "PT", "Pte Ltd", "Inc.", "SA", "AG", "Ltd"]
    listed = [make_entity(f"{t}{f}", "Company", [f"Bador {t} {f}"]) for t in trades for f in forms]
    listed += [make_entity(f"m{n}", "Company", [f"Mining Pvt Ltd {n}"]) for n in range(80)]
    listed.append(make_entity("target", "Company", ["Bador Mining Pvt Ltd"]))
    index = ScreeningIndex.build(listed)
    best = index.candidates(["BADOR MINING PRIVATE LIMITED"], limit=1, budget=70)
    assert index.entity_for(best[0]).id == "target"


def test_companies_do_not_crowd_out_a_person_with_the_same_rare_word() -> None:
    listed = [make_entity(f"c{n}", "Company", [f"Tocru Trading {n}"]) for n in range(60)]
    listed += [make_entity(f"r{n}", "Company", [f"Rosa Tizu Foods {n}"]) for n in range(80)]
    listed.append(make_entity("person", "Person", ["Rosa Tocru Tizu"]))
    index = ScreeningIndex.build(listed)
    best = index.candidates(["Tizu Rosa Tocru"], limit=1, budget=70, schema=Schema.PERSON)
    assert [index.entity_for(n).id for n in best] == ["person"]


def test_screening_can_score_with_an_older_algorithm() -> None:
    index = ScreeningIndex.build(LISTED)
    query = make_entity("q", "Person", ["Osama BinLaden"])
    assert index.screen(query, algorithm="screening-v1")[0].result.algorithm == "screening-v1"
    assert index.screen(query)[0].result.algorithm == "screening-v4"

"""Which goods on the DOL List concern an organisation: our sector table and named goods."""

from __future__ import annotations

import pytest

from partnerpath.core.risk.goods import (
    goods_of_interest,
    matches,
    split_goods,
    words,
)


@pytest.mark.parametrize(
    ("term", "good", "expected"),
    [
        ("fish", "Fish", True),
        ("fish", "Dried Fish", True),
        ("fish", "Tilapia (fish)", True),
        ("shrimp", "Shrimp", True),
        ("palm oil", "Refined Palm Oil", True),
        ("palm oil", "Palm Fruit", False),
        ("tomato", "Tomatoes", True),
        ("blueberry", "Blueberries", True),
        ("glove", "Rubber Gloves", True),
        ("cotton", "Cottonseed (hybrid)", False),
        ("açai berries", "Açaí Berries", True),
        ("coal", "Charcoal", False),
        ("sand", "Sandstone", False),
        ("", "Fish", False),
    ],
)
def test_a_term_matches_goods_that_contain_all_its_words(
    term: str, good: str, expected: bool
) -> None:
    assert matches(term, good) is expected


def test_named_goods_come_first_and_sector_goods_are_not_repeated() -> None:
    found = goods_of_interest(["fisheries"], ["Shrimp", "tuna"], {"fisheries": "Fisheries"})
    assert [(i.term, i.because) for i in found[:3]] == [
        ("Shrimp", "named on the risk page"),
        ("tuna", "named on the risk page"),
        ("fish", "sector Fisheries"),
    ]
    assert sum(1 for i in found if words(i.term) == words("shrimp")) == 1


@pytest.mark.parametrize("sector", ["retail", "finance", "manufacturing", "unknown"])
def test_broad_sectors_have_no_guessed_goods(sector: str) -> None:
    assert goods_of_interest([sector], []) == ()


def test_goods_typed_by_a_person_are_split_on_lines_commas_and_semicolons() -> None:
    assert split_goods("shrimp, palm oil\nGarments; shrimp\n\n") == [
        "shrimp",
        "palm oil",
        "Garments",
    ]

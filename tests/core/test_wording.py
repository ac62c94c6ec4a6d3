"""Names, counts, dates and money in sentences: one full stop after "Co., Ltd.", the noun in the
right number, "20 Feb 2027", "120,000 USD"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from partnerpath.core.wording import day, money, noun, plural, sentence_end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Safe Passage Migrant Workers Network", "Safe Passage Migrant Workers Network."),
        ("Golden Lotus Placement Agency Co., Ltd.", "Golden Lotus Placement Agency Co., Ltd."),
        ("Point-person Lina T.", "Point-person Lina T."),
        ("Is it signed?", "Is it signed?"),
        ("Trailing space ", "Trailing space."),
    ],
)
def test_a_sentence_ends_with_exactly_one_full_stop(text: str, expected: str) -> None:
    assert sentence_end(text) == expected


@pytest.mark.parametrize(
    ("count", "singular", "plural_form", "expected"),
    [
        (0, "deal-breaker", None, "0 deal-breakers"),
        (1, "deal-breaker", None, "1 deal-breaker"),
        (2, "deal-breaker", None, "2 deal-breakers"),
        (1, "country", "countries", "1 country"),
        (20, "country", "countries", "20 countries"),
    ],
)
def test_a_count_takes_the_noun_in_the_right_number(
    count: int, singular: str, plural_form: str | None, expected: str
) -> None:
    assert plural(count, singular, plural_form) == expected
    assert noun(count, singular, plural_form) == expected.split(" ", 1)[1]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(date(2027, 2, 20), "20 Feb 2027"), (date(2026, 3, 1), "1 Mar 2026")],
)
def test_a_date_reads_as_people_write_it(value: date, expected: str) -> None:
    assert day(value) == expected


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        (Decimal("120000.00"), "USD", "120,000 USD"),
        (Decimal("1250.50"), "USD", "1,250.50 USD"),
        ("15000.00", "THB", "15,000 THB"),
        (40000, "", "40,000"),
        (0.5, "EUR", "0.50 EUR"),
        ("not a number", "USD", "not a number USD"),
    ],
)
def test_money_has_separators_and_cents_only_when_there_are_some(
    value: Decimal | int | float | str, currency: str, expected: str
) -> None:
    assert money(value, currency) == expected

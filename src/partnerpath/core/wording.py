"""Small helpers that put figures, dates and names into sentences the way people write them:
one full stop after "Co., Ltd.", "1 deal-breaker" but "2 deal-breakers", "20 Feb 2027",
"120,000 USD"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation


def sentence_end(text: str) -> str:
    """``text`` ending with one full stop, even when it ends with a name such as "Co., Ltd."."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def noun(count: int, singular: str, plural_form: str | None = None) -> str:
    """The noun in the number that suits ``count``: "column" for 1, "columns" otherwise (pass
    the plural when adding an s is wrong: "country", "countries")."""
    return singular if count == 1 else (plural_form or f"{singular}s")


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """The count with its noun: "1 deal-breaker", "3 deal-breakers", "0 problems"."""
    return f"{count} {noun(count, singular, plural_form)}"


def day(value: date) -> str:
    """A date as people read it: 20 Feb 2027 (no leading zero)."""
    return f"{value.day} {value:%b %Y}"


def money(value: Decimal | int | float | str, currency: str = "") -> str:
    """An amount with thousands separators and its currency: "120,000 USD"; cents only when
    there are some ("1,250.50 USD"). Text that is not a number is returned as it is."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return f"{value} {currency}".strip()
    if not amount.is_finite():
        return f"{value} {currency}".strip()
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{text} {currency}".strip()

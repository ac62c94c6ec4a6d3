"""Template filters that write names and money the way people read them; the
same functions as the Python code uses (partnerpath.core.wording)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from partnerpath.core import wording

register = template.Library()


@register.filter
def sentence_end(text: object) -> str:
    """'Golden Lotus Co., Ltd.' stays as it is; 'Safe Passage' -> 'Safe Passage.'."""
    return wording.sentence_end(str(text))


@register.filter
def money(value: Decimal | int | float | str | None, currency: str = "") -> str:
    """{{ c.value|money:c.currency }} -> 120,000 USD; empty when there is no value."""
    return "" if value is None or value == "" else wording.money(value, currency or "")

"""Template filters of the assessments app."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def signed(value: float | None) -> str:
    """A change with its sign, rounded: +12, -3, 0; a dash when unknown."""
    if value is None:
        return "—"
    rounded = round(float(value))
    return f"{rounded:+d}" if rounded else "0"

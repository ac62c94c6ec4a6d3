"""Template filters for codes stored by the registry."""

from __future__ import annotations

from django import template

from partnerpath.core.countries import country_name
from partnerpath.registry.choices import Sector

register = template.Library()
_SECTORS = dict(Sector.choices)


@register.filter
def country(code: str) -> str:
    """TH -> Thailand."""
    return country_name(code) if code else ""


@register.filter
def sector(code: str) -> str:
    """fisheries -> Fisheries and seafood."""
    return str(_SECTORS.get(code, code))


@register.filter
def get(mapping: dict[str, object], key: str) -> object:
    """Look a key up in a dict from a template."""
    return mapping.get(key) if mapping else None

"""Countries for screening: codes from what lists and users write, and country words inside names."""

from __future__ import annotations

from functools import lru_cache

from rigour.territories import get_territories, lookup_territory

# Region words that qualify an organisation name like a country does ("Faberlic Europe").
_REGIONS = frozenset({"europe", "asia", "africa", "america", "americas", "pacific", "middle east",
                      "latin america", "north america", "south america", "asia pacific", "apac",
                      "emea", "international", "global", "worldwide", "overseas"})


@lru_cache(maxsize=4096)
def country_code(value: str) -> str:
    """Lower-case ISO 3166 alpha-2 code for a code or name, or "" when unknown."""
    text = value.strip()
    if not text or text in ("-0-", "-"):
        return ""
    territory = lookup_territory(text)
    if territory is None:
        return ""
    return territory.code.split("-")[0]


@lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    from partnerpath.core.matching.normalise import fold

    words: dict[str, str] = {}
    for territory in get_territories():
        if not territory.is_country or territory.is_historical:
            continue
        code = territory.code.split("-")[0]
        for name in (territory.name, territory.full_name):
            folded = fold(name)
            if folded and len(folded) > 3:
                words.setdefault(folded, code)
    return words


def country_in_token(token: str) -> str | None:
    """The country code a single name word stands for ("mexico" -> "mx"), or None."""
    words = _country_words()
    if token in words:
        return words[token]
    if len(token) > 3:
        territory = lookup_territory(token)
        if territory is not None and territory.is_country:
            return territory.code.split("-")[0]
    return None


def is_region_word(token: str) -> bool:
    """Whether a name word names a world region rather than a country."""
    return token in _REGIONS

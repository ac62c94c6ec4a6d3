"""Countries for screening: codes from what lists and users write, country words in names."""

from __future__ import annotations

from functools import lru_cache

from rigour.territories import get_territories, lookup_territory

# Region words that qualify an organisation name like a country does ("Faberlic Europe").
_REGIONS = frozenset(
    {
        "europe",
        "asia",
        "africa",
        "america",
        "americas",
        "pacific",
        "middle east",
        "latin america",
        "north america",
        "south america",
        "asia pacific",
        "apac",
        "emea",
        "international",
        "global",
        "worldwide",
        "overseas",
    }
)


# Country names as written in company names in the country's own language.
_LOCAL_NAMES: dict[str, tuple[str, ...]] = {
    "ch": ("schweiz", "suisse", "svizzera"),
    "de": ("deutschland",),
    "mx": ("mexico",),
    "es": ("espana",),
    "jp": ("nippon", "nihon"),
    "th": ("thai",),
    "vn": ("viet nam",),
    "kr": ("korea",),
    "gb": ("uk", "britain"),
    "us": ("usa", "america"),
    "nl": ("nederland",),
    "cn": ("zhongguo",),
    "id": ("indonesia",),
    "ph": ("pilipinas",),
    "br": ("brasil",),
}


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
        for name in (territory.name, territory.full_name, *_LOCAL_NAMES.get(code, ())):
            folded = fold(name)
            if folded and len(folded) > 3:
                words.setdefault(folded, code)
    return words


def country_in_token(token: str) -> str | None:
    """The country code a single name word stands for ("mexico" -> "mx"), or None."""
    return _country_words().get(token)


def is_region_word(token: str) -> bool:
    """Whether a name word names a world region rather than a country."""
    return token in _REGIONS

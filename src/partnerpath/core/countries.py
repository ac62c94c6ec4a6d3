"""ISO 3166-1 countries: codes, names, and lenient parsing of what people type in spreadsheets."""

from __future__ import annotations

from functools import cache

import pycountry

# Names people use that ISO spells differently.
_EXTRA_NAMES: dict[str, str] = {
    "vietnam": "VN",
    "laos": "LA",
    "lao pdr": "LA",
    "burma": "MM",
    "south korea": "KR",
    "north korea": "KP",
    "russia": "RU",
    "uk": "GB",
    "united kingdom": "GB",
    "great britain": "GB",
    "usa": "US",
    "us": "US",
    "united states": "US",
    "taiwan": "TW",
    "iran": "IR",
    "syria": "SY",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "east timor": "TL",
    "brunei": "BN",
    "hong kong": "HK",
    "macau": "MO",
    "palestine": "PS",
    "kosovo": "XK",
}


@cache
def _table() -> dict[str, str]:
    table = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    table["XK"] = "Kosovo"  # user-assigned code used by sanctions lists and the EU
    return table


@cache
def _lookup() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                index[value.casefold()] = code
    index.update(_EXTRA_NAMES)
    index["xk"] = "XK"
    return index


def country_name(code: str) -> str:
    """The short English name of an ISO alpha-2 code (the code itself when unknown)."""
    return _table().get(code.upper(), code)


def is_country_code(code: str) -> bool:
    """Whether ``code`` is a known ISO 3166-1 alpha-2 code."""
    return code.upper() in _table()


def country_choices() -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name, for forms."""
    return sorted(_table().items(), key=lambda item: item[1])


def parse_country(text: str) -> str | None:
    """An alpha-2 code from a code (alpha-2 or alpha-3) or an English name; None when unknown."""
    cleaned = " ".join(text.strip().split()).casefold()
    if not cleaned:
        return None
    return _lookup().get(cleaned)

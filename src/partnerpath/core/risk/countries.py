"""Country names as the DOL, State Department and Walk Free spell them, read as ISO codes."""

from __future__ import annotations

import re

from partnerpath.core.countries import parse_country

# Spellings in the reference lists that ISO (and core.countries) write otherwise.
_ALIASES: dict[str, str] = {
    "congo, democratic republic of the": "CD",
    "democratic republic of the congo": "CD",
    "congo (kinshasa)": "CD",
    "congo, republic of the": "CG",
    "republic of the congo": "CG",
    "congo (brazzaville)": "CG",
    "cape verde": "CV",
    "cabo verde": "CV",
    "curacao": "CW",
    "kos": "XK",
    "kyrgyz republic": "KG",
    "korea, north": "KP",
    "korea, south": "KR",
    "macedonia": "MK",
    "macedonia, the former yugoslav republic of": "MK",
    "swaziland": "SZ",
    "the gambia": "GM",
    "gambia, the": "GM",
    "the bahamas": "BS",
    "bahamas, the": "BS",
    "west bank and the gaza strip": "PS",
    "micronesia": "FM",
    "saint helena, ascension, and tristan da cunha": "SH",
    "falkland islands (islas malvinas)": "FK",
    "timor-leste": "TL",
    "turkey": "TR",
    "türkiye": "TR",
}
_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*")


def reference_country(name: str) -> str | None:
    """The ISO alpha-2 code of a country as a reference list names it, or None when unknown."""
    cleaned = " ".join(name.replace("\u2019", "'").split())
    if not cleaned:
        return None
    folded = cleaned.casefold()
    if folded in _ALIASES:
        return _ALIASES[folded]
    code = parse_country(cleaned)
    if code:
        return code
    # "Turkey (Türkiye)" -> "Turkey"; "Bahamas, The" -> "Bahamas"
    for variant in (
        _PARENTHESIS.sub(" ", cleaned).strip(),
        re.sub(r",\s*the$", "", cleaned, flags=re.I),
    ):
        if variant and variant != cleaned:
            code = _ALIASES.get(variant.casefold()) or parse_country(variant)
            if code:
                return code
    return None

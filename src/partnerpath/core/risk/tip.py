"""US TIP Report tier placements: a CSV or XLSX with country (or ISO code), year and tier (Tier 1,
Tier 2, Tier 2 Watch List, Tier 3, special case; NA for not ranked)."""

from __future__ import annotations

import re

from partnerpath.core.risk.countries import reference_country
from partnerpath.core.risk.parsing import (
    ParsedReference,
    RowProblems,
    country_of,
    row_dicts,
    year_of,
)
from partnerpath.core.risk.reference import TIER_LABELS, Tier, TierPlacement
from partnerpath.core.risk.tables import ReferenceFileError, looks_like_xml, read_table
from partnerpath.core.wording import plural

SOURCE_NAME = "US State Department Trafficking in Persons Report, tier placements"

_TIP_COLUMNS: dict[str, tuple[str, ...]] = {
    "country": ("country", "countryname", "country name", "name"),
    "iso": ("iso", "iso3", "iso code", "country code", "code", "iso2"),
    "year": ("year", "report year"),
    "tier": ("tier", "tier placement", "placement", "ranking"),
}
_TIERS: dict[str, Tier | None] = {
    "1": Tier.TIER_1,
    "2": Tier.TIER_2,
    "3": Tier.TIER_3,
    "2watchlist": Tier.WATCH_LIST,
    "2wl": Tier.WATCH_LIST,
    "watchlist": Tier.WATCH_LIST,
    "2watch": Tier.WATCH_LIST,
    "2.5": Tier.WATCH_LIST,
    "specialcase": Tier.SPECIAL_CASE,
    "specialcases": Tier.SPECIAL_CASE,
    "special": Tier.SPECIAL_CASE,
    "na": None,
    "notranked": None,
    "n/a": None,
    "": None,
}


def parse_tier(text: str) -> Tier | None:
    """A tier from "Tier 2 Watch List", "2WL", "Watchlist", "3", "Special case"; None for not
    ranked ("NA" or blank). Raises ValueError for anything else."""
    key = re.sub(r"[\s_-]+", "", text.casefold()).removeprefix("tier")
    if key not in _TIERS:
        raise ValueError(
            f'tier "{text.strip()}" is not one of 1, 2, 2WL (Watch List), 3, special case.'
        )
    return _TIERS[key]


def read_tip_tiers(data: bytes) -> ParsedReference[TierPlacement]:
    """TIP Report tier placements: one per country and year; rows not ranked (NA) are left out."""
    if looks_like_xml(data):
        raise ReferenceFileError(
            "TIP tiers are read from CSV or XLSX (country, year, tier), not XML."
        )
    table = read_table(data)
    positions = table.columns(_TIP_COLUMNS, required=("year", "tier"))
    if "country" not in positions and "iso" not in positions:
        raise ReferenceFileError('The file has neither a "country" nor an "iso" column.')
    problems = RowProblems()
    placements: dict[tuple[str, int], TierPlacement] = {}
    unranked = 0
    for number, cell in row_dicts(table, positions):
        name = cell.get("country") or cell.get("iso", "")
        code = reference_country(cell["iso"]) if cell.get("iso") else None
        code = code or country_of(name, number, problems)
        year = year_of(cell["year"], number, problems)
        try:
            tier = parse_tier(cell["tier"])
        except ValueError as exc:
            problems.add(number, str(exc))
            continue
        if tier is None:
            unranked += 1
            continue
        if code is None or year is None:
            continue
        earlier = placements.get((code, year))
        if earlier is not None and earlier.tier != tier:
            problems.add(
                number,
                f"{name} {year} is {earlier.label} on an earlier row and {TIER_LABELS[tier]} here.",
            )
            continue
        placements[(code, year)] = TierPlacement(code, name, year, tier)
    problems.raise_any()
    if not placements:
        raise ReferenceFileError("The file has no tier placement (every row is not ranked).")
    were = "was" if unranked == 1 else "were"
    left_out = f"{plural(unranked, 'row')} not ranked (NA or blank) {were} left out."
    notes = (left_out,) if unranked else ()
    years = tuple(sorted({y for _, y in placements}))
    return ParsedReference(tuple(placements.values()), notes, SOURCE_NAME, years)

"""The DOL ILAB List of Goods Produced by Child Labor or Forced Labor: its CSV/XLSX columns
(good, sector, country, child labor, forced labor, forced child labor, derived labor exploitation,
derived from country; or one "exploitation" column) or DOL's own goods XML (Sweat & Toil app)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace

from partnerpath.core.risk.parsing import (
    ParsedReference,
    RowProblems,
    country_of,
    row_dicts,
    yes_no,
)
from partnerpath.core.risk.reference import GoodsListing
from partnerpath.core.risk.tables import ReferenceFileError, decode, looks_like_xml, read_table

SOURCE_NAME = "US DOL ILAB List of Goods Produced by Child Labor or Forced Labor"

_DOL_COLUMNS: dict[str, tuple[str, ...]] = {
    "good": ("good", "good name", "goods", "product"),
    "country": ("country", "country name", "country/area", "country_name"),
    "sector": ("sector", "good sector", "good_sector"),
    "child_labour": ("child labor", "child labour", "cl"),
    "forced_labour": ("forced labor", "forced labour", "fl"),
    "forced_child_labour": ("forced child labor", "forced child labour", "fcl"),
    "derived": ("derived labor exploitation", "derived labour exploitation", "derived"),
    "derived_from": ("derived from country", "derived country", "derived_from_country"),
    "exploitation": (
        "exploitation",
        "exploitation type",
        "all exploitations",
        "type of exploitation",
    ),
}
_FLAGS = ("child_labour", "forced_labour", "forced_child_labour", "derived")


def _listing_from_words(text: str) -> dict[str, bool]:
    """Flags from one exploitation cell such as "Child Labor, Forced Labor"."""
    folded = " ".join(re.sub(r"[^a-z ]", " ", text.casefold()).split())
    without_fcl = folded.replace("forced child labor", "").replace("forced child labour", "")
    return {
        "forced_child_labour": "forced child labo" in folded,
        "child_labour": "child labo" in without_fcl,
        "forced_labour": "forced labo" in without_fcl,
        "derived": "derived" in folded,
    }


def _dol_rows_from_table(data: bytes) -> list[tuple[int, dict[str, str]]]:
    table = read_table(data)
    positions = table.columns(_DOL_COLUMNS, required=("good", "country"))
    if not any(f in positions for f in (*_FLAGS, "exploitation")):
        raise ReferenceFileError(
            'The file has none of the columns "Child Labor", "Forced Labor", "Forced Child Labor" '
            'or "Exploitation", so it does not say which kind of labour a good is listed for.'
        )
    return row_dicts(table, positions)


def _dol_rows_from_xml(data: bytes) -> list[tuple[int, dict[str, str]]]:
    """DOL's own goods XML (as shipped in its Sweat & Toil app): Goods/Good/Countries/Country."""
    try:
        root = ET.fromstring(decode(data))
    except ET.ParseError as exc:
        raise ReferenceFileError(f"The XML file is not well-formed: {exc}.") from None
    if root.tag != "Goods":
        raise ReferenceFileError(f"The XML file's root element is <{root.tag}>, not DOL's <Goods>.")
    rows: list[tuple[int, dict[str, str]]] = []
    for good in root.iter("Good"):
        name = (good.findtext("Good_Name") or "").strip()
        sector = (good.findtext("Good_Sector") or "").strip()
        for number, country in enumerate(good.iter("Country"), start=len(rows) + 1):
            derived_from = (country.findtext("Derived_Country") or "").strip()
            rows.append(
                (
                    number,
                    {
                        "good": name,
                        "sector": sector,
                        "country": (country.findtext("Country_Name") or "").strip(),
                        "child_labour": country.findtext("Child_Labor") or "",
                        "forced_labour": country.findtext("Forced_Labor") or "",
                        "forced_child_labour": country.findtext("Forced_Child_Labor") or "",
                        "derived": country.findtext("Derived_Labor_Exploitation") or "",
                        "derived_from": ""
                        if derived_from.casefold() in ("no", "yes")
                        else derived_from,
                    },
                )
            )
    if not rows:
        raise ReferenceFileError("The XML file lists no goods.")
    return rows


def read_dol_goods(data: bytes) -> ParsedReference[GoodsListing]:
    """The DOL List of Goods: one listing per good and country, with the kinds of labour."""
    raw = _dol_rows_from_xml(data) if looks_like_xml(data) else _dol_rows_from_table(data)
    problems = RowProblems()
    notes: list[str] = []
    by_key: dict[tuple[str, str], GoodsListing] = {}
    for number, cells in raw:
        good = " ".join(cells.get("good", "").split())
        if not good:
            problems.add(number, "good is empty.")
        code = country_of(cells.get("country", ""), number, problems)
        flags: dict[str, bool] = dict.fromkeys(_FLAGS, False)
        if cells.get("exploitation"):
            flags.update({k: v for k, v in _listing_from_words(cells["exploitation"]).items() if v})
        for name in _FLAGS:
            value = yes_no(cells.get(name, ""))
            if value is None:
                problems.add(
                    number, f'{name.replace("_", " ")} is "{cells[name]}"; write Yes or No.'
                )
            elif value:
                flags[name] = True
        derived_from = cells.get("derived_from", "")
        if yes_no(derived_from) is not None:
            derived_from = ""  # the list writes "No" when a good is not derived
        if not good or code is None:
            continue
        if not any(flags.values()):
            notes.append(
                f"Row {number}: {good} ({cells['country']}) names no kind of labour; left out."
            )
            continue
        listing = GoodsListing(
            good=good,
            country=code,
            country_name=cells["country"].strip(),
            sector=cells.get("sector", ""),
            derived_from=derived_from,
            **flags,
        )
        key = (good.casefold(), code)
        if key in by_key:
            old = by_key[key]
            merged = {f: bool(getattr(old, f)) or flags[f] for f in _FLAGS}
            listing = replace(
                old,
                child_labour=merged["child_labour"],
                forced_labour=merged["forced_labour"],
                forced_child_labour=merged["forced_child_labour"],
                derived=merged["derived"],
            )
            notes.append(f"Row {number}: {good} ({code}) repeats an earlier row; kinds combined.")
        by_key[key] = listing
    problems.raise_any()
    return ParsedReference(tuple(by_key.values()), tuple(notes), SOURCE_NAME)

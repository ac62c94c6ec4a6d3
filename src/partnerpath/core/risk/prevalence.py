"""Prevalence of modern slavery per 1,000 population: the Walk Free Global Slavery Index 2023
columns, or any file with country, prevalence per 1,000 and optionally year, people and source."""

from __future__ import annotations

from partnerpath.core.cells import header_key
from partnerpath.core.risk.parsing import (
    ParsedReference,
    RowProblems,
    country_of,
    row_dicts,
    year_of,
)
from partnerpath.core.risk.reference import PrevalenceEstimate
from partnerpath.core.risk.tables import ReferenceFileError, looks_like_xml, read_table
from partnerpath.core.wording import plural

GSI_SOURCE_NAME = "Walk Free Global Slavery Index"

_PREVALENCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "country": ("country", "country name", "countryname"),
    "per_thousand": (
        "Estimated prevalence of modern slavery per 1,000 population",
        "prevalence per 1,000",
        "prevalence per 1000",
        "prevalence",
        "per 1000",
        "per thousand",
        "prevalence_per_1000",
    ),
    "people": (
        "Estimated number of people in modern slavery",
        "people",
        "number of people",
        "estimated number",
    ),
    "year": ("year", "estimate year"),
    "source": ("source",),
}
_GSI_HEADER = header_key("Estimated prevalence of modern slavery per 1,000 population")


def _number(text: str) -> float | None:
    cleaned = text.strip().replace(",", "").replace(" ", "").replace("\u00a0", "")
    if cleaned.casefold() in ("", "-", "\u2013", "na", "n/a"):
        return None
    return float(cleaned)


def read_prevalence(data: bytes) -> ParsedReference[PrevalenceEstimate]:
    """Prevalence per 1,000 population per country (the GSI 2023 columns or country, prevalence
    per 1,000, year, source); countries without an estimate are left out."""
    if looks_like_xml(data):
        raise ReferenceFileError("Prevalence figures are read from CSV or XLSX, not XML.")
    table = read_table(data)
    positions = table.columns(_PREVALENCE_COLUMNS, required=("country", "per_thousand"))
    problems = RowProblems()
    rows: dict[str, PrevalenceEstimate] = {}
    blank: list[str] = []
    for number, cell in row_dicts(table, positions):
        code = country_of(cell["country"], number, problems)
        figures: list[float | None] = []
        for key in ("per_thousand", "people"):
            try:
                figures.append(_number(cell.get(key, "")))
            except ValueError:
                problems.add(number, f'{key.replace("_", " ")} "{cell[key]}" is not a number.')
        if len(figures) < 2:
            continue
        per_thousand, people = figures
        year = year_of(cell["year"], number, problems) if cell.get("year") else None
        if per_thousand is None:
            blank.append(cell["country"])
            continue
        if not 0 <= per_thousand <= 1000:
            problems.add(number, f"prevalence {per_thousand:g} is not between 0 and 1,000.")
            continue
        if code is None:
            continue
        earlier = rows.get(code)
        if earlier is not None and earlier.year == year:
            problems.add(number, f"{cell['country']} appears twice for the same year.")
            continue
        if earlier is not None and (earlier.year or 0) > (year or 0):
            continue  # keep the latest estimate of each country
        rows[code] = PrevalenceEstimate(
            code,
            cell["country"],
            per_thousand,
            int(people) if people is not None else None,
            year,
            cell.get("source", ""),
        )
    problems.raise_any()
    if not rows:
        raise ReferenceFileError("The file has no country with a prevalence estimate.")
    notes = (
        (
            f"{plural(len(blank), 'country', 'countries')} without an estimate "
            f"{'was' if len(blank) == 1 else 'were'} left out: {', '.join(blank)}.",
        )
        if blank
        else ()
    )
    headers = {header_key(h) for h in table.headers}
    source = GSI_SOURCE_NAME if _GSI_HEADER in headers else ""
    years = tuple(sorted({r.year for r in rows.values() if r.year}))
    return ParsedReference(tuple(rows.values()), notes, source, years)

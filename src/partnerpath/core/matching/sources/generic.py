"""A generic CSV list: columns id, name, schema, country, aliases (';'-separated).

A generic list is prepared by hand, so it is read strictly: a repeated id, a row without a name
or a country nobody knows is refused with its row number rather than renamed or dropped."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from partnerpath.core.matching.entities import Entity, clean_country, make_entity
from partnerpath.core.matching.sources.base import (
    BadRows,
    ListMeta,
    LoadedList,
    WrongColumns,
    checksum,
    read_text,
    split_values,
)

GENERIC_COLUMNS = ("id", "name", "schema", "country", "aliases")


def _row_problems(number: int, row: dict[str, str], first_row: dict[str, int]) -> list[str]:
    """What is wrong with one row: no name, an id an earlier row has, an unknown country."""
    problems: list[str] = []
    if not (row.get("name") or "").strip():
        problems.append(f"row {number}: the name is empty")
    entity_id = (row.get("id") or "").strip()
    if entity_id in first_row:
        problems.append(
            f"row {number}: the id {entity_id!r} is already used by row {first_row[entity_id]}"
        )
    elif entity_id:
        first_row[entity_id] = number
    for country in split_values(row.get("country")):
        if not clean_country(country):
            problems.append(
                f"row {number}: unknown country {country!r} (give an ISO code such as TH or THA, "
                "or the country's English name)"
            )
    return problems


def load_generic_csv(path: Path, name: str | None = None) -> LoadedList:
    """Parse a generic CSV list; optional columns birth_date and identifiers are used too.

    Rows whose cells are all blank are skipped; every other problem refuses the whole file."""
    reader = csv.DictReader(io.StringIO(read_text(path)))
    fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    missing = [c for c in GENERIC_COLUMNS if c not in fields]
    if missing:
        raise WrongColumns(
            f"{path.name}: missing columns {', '.join(missing)}; a generic list needs "
            + ",".join(GENERIC_COLUMNS)
        )
    reader.fieldnames = fields
    entities: list[Entity] = []
    problems: list[str] = []
    first_row: dict[str, int] = {}
    # Row numbers as a spreadsheet shows them: the header is row 1.
    for number, row in enumerate(reader, start=2):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        found = _row_problems(number, row, first_row)
        if found:
            problems.extend(found)
            continue
        try:
            entities.append(
                make_entity(
                    id=(row["id"] or "").strip() or f"row-{number}",
                    schema=row["schema"] or "LegalEntity",
                    names=[row["name"], *split_values(row["aliases"])],
                    countries=split_values(row["country"]),
                    identifiers=split_values(row.get("identifiers")),
                    birth_dates=split_values(row.get("birth_date")),
                )
            )
        except ValueError as exc:
            problems.append(f"row {number}: {exc}")
    if problems:
        raise BadRows(path.name, problems)
    meta = ListMeta(
        name=name or path.stem,
        format="generic-csv",
        path=str(path),
        checksum=checksum([path]),
        publication_date=None,
        entity_count=len(entities),
    )
    return LoadedList(meta, entities)

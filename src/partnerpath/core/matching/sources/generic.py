"""A generic CSV list: columns id, name, schema, country, aliases (';'-separated)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from partnerpath.core.matching.entities import Entity, make_entity
from partnerpath.core.matching.sources.base import (
    ListMeta,
    LoadedList,
    WrongColumns,
    checksum,
    read_text,
    split_values,
)

GENERIC_COLUMNS = ("id", "name", "schema", "country", "aliases")


def load_generic_csv(path: Path, name: str | None = None) -> LoadedList:
    """Parse a generic CSV list; optional columns birth_date and identifiers are used too."""
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
    for number, row in enumerate(reader, start=2):
        if not (row.get("name") or "").strip():
            continue
        try:
            entities.append(
                make_entity(
                    id=row["id"] or f"row-{number}",
                    schema=row["schema"] or "LegalEntity",
                    names=[row["name"], *split_values(row["aliases"])],
                    countries=split_values(row["country"]),
                    identifiers=split_values(row.get("identifiers")),
                    birth_dates=split_values(row.get("birth_date")),
                )
            )
        except ValueError as exc:
            raise WrongColumns(f"{path.name} line {number}: {exc}") from exc
    meta = ListMeta(
        name=name or path.stem,
        format="generic-csv",
        path=str(path),
        checksum=checksum([path]),
        publication_date=None,
        entity_count=len(entities),
    )
    return LoadedList(meta, entities)

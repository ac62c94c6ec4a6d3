"""OFAC SDN legacy CSV set: a folder with sdn.csv, alt.csv and add.csv (no header rows)."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path

from partnerpath.core.matching.entities import Entity, Schema, make_entity
from partnerpath.core.matching.sources.base import (
    ListMeta,
    LoadedList,
    WrongColumns,
    checksum,
    read_text,
)

_NULL = "-0-"
_TYPES = {
    "individual": Schema.PERSON,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.VESSEL,
    "": Schema.ORGANIZATION,
}
_DOB = re.compile(r"DOB (?:circa )?((?:\d{1,2} )?(?:[A-Z][a-z]{2} )?\d{4})")
_ID = re.compile(
    r"(?:Passport|National ID No\.|Cedula No\.|Registration (?:Number|ID)|Tax ID No\.|"
    r"Company Number|Identification Number|IMO|RFC|NIT #|Business Registration Number|"
    r"Registration No\.|Unified Social Credit Code \(USCC\)) ([A-Z0-9][A-Z0-9\-/]{3,})"
)
_NATIONALITY = re.compile(r"(?:nationality|citizen) ([A-Z][a-zA-Z ]+?)[;.]")
_AKA = re.compile(r"a\.k\.a\. '([^']+)'")


def _rows(path: Path, min_columns: int) -> list[list[str]]:
    text = read_text(path, fallback="cp1252").replace("\x1a", "")
    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not "".join(row).strip():
            continue
        if len(row) < min_columns:
            raise WrongColumns(
                f"{path.name} line {number}: {len(row)} columns, OFAC's layout has {min_columns}"
            )
        rows.append([_clean(c) for c in row])
    return rows


def _clean(value: str) -> str:
    value = value.strip()
    return "" if value == _NULL else value


def _date(text: str) -> str:
    for fmt in ("%d %b %Y", "%b %Y", "%Y"):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.strftime({"%d %b %Y": "%Y-%m-%d", "%b %Y": "%Y-%m", "%Y": "%Y"}[fmt])
    return ""


def _person_name(name: str) -> str:
    if ", " in name:
        last, first = name.split(", ", 1)
        return f"{first} {last}"
    return name


def load_ofac(folder: Path, name: str = "OFAC SDN") -> LoadedList:
    """Parse an OFAC SDN legacy CSV folder into list entities."""
    sdn_path = folder / "sdn.csv"
    if not sdn_path.exists():
        raise WrongColumns(f"{folder}: no sdn.csv in the folder")
    rows = _rows(sdn_path, 12)
    alt_path, add_path = folder / "alt.csv", folder / "add.csv"
    aliases: dict[str, list[str]] = {}
    countries: dict[str, list[str]] = {}
    if alt_path.exists():
        for row in _rows(alt_path, 4):
            aliases.setdefault(row[0], []).append(row[3])
    if add_path.exists():
        for row in _rows(add_path, 5):
            countries.setdefault(row[0], []).append(row[4])
    entities: list[Entity] = []
    for row in rows:
        ent_num, sdn_name, sdn_type, program = row[0], row[1], row[2].lower(), row[3]
        remarks = row[11]
        if not ent_num or not sdn_name:
            continue
        schema = _TYPES.get(sdn_type, Schema.LEGAL_ENTITY)
        person = schema is Schema.PERSON
        names = [sdn_name, *aliases.get(ent_num, []), *_AKA.findall(remarks)]
        if person:
            names = [_person_name(n) for n in names]
        nationality = _NATIONALITY.findall(remarks)
        vessel_flag = [row[9]] if schema is Schema.VESSEL and row[9] else []
        entities.append(
            make_entity(
                id=f"ofac-{ent_num}",
                schema=schema,
                names=names,
                countries=[*countries.get(ent_num, []), *nationality, *vessel_flag],
                identifiers=_ID.findall(remarks),
                birth_dates=[d for d in (_date(m) for m in _DOB.findall(remarks)) if d]
                if person
                else [],
                dataset=program,
            )
        )
    paths = [p for p in (sdn_path, alt_path, add_path) if p.exists()]
    meta = ListMeta(
        name=name,
        format="ofac-legacy-csv",
        path=str(folder),
        checksum=checksum(paths),
        publication_date=None,
        entity_count=len(entities),
    )
    return LoadedList(meta, entities)

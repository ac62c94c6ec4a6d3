"""OpenSanctions exports: FollowTheMoney JSON lines and ``targets.simple.csv``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from partnerpath.core.matching.entities import Entity, Schema, make_entity
from partnerpath.core.matching.sources.base import (
    ListMeta,
    LoadedList,
    SourceError,
    WrongColumns,
    checksum,
    read_text,
    split_values,
)

_FTM_SCHEMAS = {
    "Person": Schema.PERSON,
    "Company": Schema.COMPANY,
    "Organization": Schema.ORGANIZATION,
    "LegalEntity": Schema.LEGAL_ENTITY,
    "Vessel": Schema.VESSEL,
    "PublicBody": Schema.ORGANIZATION,
}
_NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "abbreviation")
_COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag")
_ID_PROPS = (
    "registrationNumber",
    "idNumber",
    "passportNumber",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "leiCode",
    "imoNumber",
    "vatCode",
    "swiftBic",
    "mmsi",
)
TARGETS_COLUMNS = ("id", "schema", "name", "aliases", "birth_date", "countries", "identifiers")


def _values(props: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for key in keys:
        value = props.get(key) or []
        out.extend(str(v) for v in (value if isinstance(value, list) else [value]))
    return out


def load_ftm(path: Path, name: str = "OpenSanctions") -> LoadedList:
    """Parse FollowTheMoney entities (one JSON object a line): people, companies, vessels."""
    text = read_text(path)
    entities: list[Entity] = []
    last_change = ""
    for number, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SourceError(f"{path.name} line {number}: not a JSON object ({exc.msg})") from exc
        if not isinstance(data, dict) or "schema" not in data or "properties" not in data:
            raise WrongColumns(
                f"{path.name} line {number}: a FollowTheMoney entity needs "
                "'schema' and 'properties'"
            )
        schema = _FTM_SCHEMAS.get(str(data["schema"]))
        last_change = max(last_change, str(data.get("last_change") or ""))
        if schema is None:
            continue
        props = data["properties"]
        names = _values(props, _NAME_PROPS)
        if not names:
            continue
        entities.append(
            make_entity(
                id=str(data.get("id", f"line-{number}")),
                schema=schema,
                names=names,
                countries=_values(props, _COUNTRY_PROPS),
                identifiers=_values(props, _ID_PROPS),
                birth_dates=_values(props, ("birthDate",)),
                dataset=";".join(data.get("datasets", [])),
            )
        )
    meta = ListMeta(
        name=name,
        format="ftm-jsonl",
        path=str(path),
        checksum=checksum([path]),
        publication_date=last_change[:10] or None,
        entity_count=len(entities),
    )
    return LoadedList(meta, entities)


def load_targets_simple(path: Path, name: str = "OpenSanctions") -> LoadedList:
    """Parse OpenSanctions' targets.simple.csv (multi-values separated by ';')."""
    reader = csv.DictReader(io.StringIO(read_text(path)))
    missing = [c for c in TARGETS_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise WrongColumns(
            f"{path.name}: missing columns {', '.join(missing)} of targets.simple.csv"
        )
    entities: list[Entity] = []
    last_change = ""
    for row in reader:
        schema = _FTM_SCHEMAS.get(row["schema"] or "")
        last_change = max(last_change, row.get("last_change") or "")
        if schema is None or not row["name"]:
            continue
        entities.append(
            make_entity(
                id=row["id"],
                schema=schema,
                names=[row["name"], *split_values(row["aliases"])],
                countries=split_values(row["countries"]),
                identifiers=split_values(row["identifiers"]),
                birth_dates=split_values(row["birth_date"]),
                dataset=row.get("dataset") or "",
            )
        )
    meta = ListMeta(
        name=name,
        format="opensanctions-targets-simple",
        path=str(path),
        checksum=checksum([path]),
        publication_date=last_change[:10] or None,
        entity_count=len(entities),
    )
    return LoadedList(meta, entities)

"""UN Security Council consolidated list XML (INDIVIDUALS and ENTITIES)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from partnerpath.core.matching.entities import Entity, Schema, make_entity
from partnerpath.core.matching.sources.base import (
    ListMeta,
    LoadedList,
    MalformedXML,
    checksum,
)

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def _text(element: ET.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None and found.text else ""


def _all(element: ET.Element, path: str) -> list[str]:
    return [(e.text or "").strip() for e in element.findall(path) if e.text and e.text.strip()]


def _entity(element: ET.Element, person: bool) -> Entity:
    prefix = "INDIVIDUAL" if person else "ENTITY"
    main = " ".join(p for p in (_text(element, t) for t in _NAME_PARTS) if p)
    names = [
        main,
        *_all(element, f"{prefix}_ALIAS/ALIAS_NAME"),
        *_all(element, "NAME_ORIGINAL_SCRIPT"),
    ]
    countries = [*_all(element, "NATIONALITY/VALUE"), *_all(element, f"{prefix}_ADDRESS/COUNTRY")]
    births: list[str] = []
    for dob in element.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        births.append(_text(dob, "DATE") or _text(dob, "YEAR"))
    identifiers = _all(element, "INDIVIDUAL_DOCUMENT/NUMBER")
    return make_entity(
        id=f"un-{_text(element, 'REFERENCE_NUMBER') or _text(element, 'DATAID')}",
        schema=Schema.PERSON if person else Schema.ORGANIZATION,
        names=names,
        countries=countries,
        identifiers=identifiers,
        birth_dates=births,
        dataset=_text(element, "UN_LIST_TYPE"),
    )


def load_un(path: Path, name: str = "UN consolidated") -> LoadedList:
    """Parse the UN consolidated list XML into list entities."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise MalformedXML(f"{path.name}: not well-formed XML ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise MalformedXML(f"{path.name}: XML in an unreadable encoding ({exc})") from exc
    if root.tag != "CONSOLIDATED_LIST":
        raise MalformedXML(
            f"{path.name}: root element is <{root.tag}>, expected <CONSOLIDATED_LIST>"
        )
    entities = [_entity(e, True) for e in root.iterfind("INDIVIDUALS/INDIVIDUAL")]
    entities += [_entity(e, False) for e in root.iterfind("ENTITIES/ENTITY")]
    generated = root.get("dateGenerated", "")
    meta = ListMeta(
        name=name,
        format="un-consolidated-xml",
        path=str(path),
        checksum=checksum([path]),
        publication_date=generated[:10] or None,
        entity_count=len(entities),
    )
    return LoadedList(meta, entities)

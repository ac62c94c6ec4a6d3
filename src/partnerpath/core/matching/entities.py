"""Entities that screening compares: a query (who we check) and a list entry (who is listed)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Schema(StrEnum):
    """FollowTheMoney schema of an entity; decides which features and rules apply."""

    PERSON = "Person"
    COMPANY = "Company"
    ORGANIZATION = "Organization"
    LEGAL_ENTITY = "LegalEntity"
    VESSEL = "Vessel"

    @classmethod
    def parse(cls, value: str) -> Schema:
        """Read a schema name in any case ("person", "LEGALENTITY", "legal_entity")."""
        key = re.sub(r"[^a-z]", "", value.lower())
        for schema in cls:
            if schema.value.lower() == key:
                return schema
        aliases = {
            "individual": cls.PERSON,
            "entity": cls.LEGAL_ENTITY,
            "org": cls.ORGANIZATION,
            "organisation": cls.ORGANIZATION,
            "ship": cls.VESSEL,
            "publicbody": cls.ORGANIZATION,
            "aircraft": cls.VESSEL,
        }
        if key in aliases:
            return aliases[key]
        raise ValueError(
            f"unknown schema {value!r}; expected one of " + ", ".join(s.value for s in cls)
        )

    @property
    def is_organisation(self) -> bool:
        """Companies, organisations and legal entities share the organisation rules."""
        return self in (Schema.COMPANY, Schema.ORGANIZATION, Schema.LEGAL_ENTITY)


def schemas_compatible(left: Schema, right: Schema) -> bool:
    """Whether two schemas can describe the same thing (LegalEntity is either person or company)."""
    if left == right or Schema.LEGAL_ENTITY in (left, right):
        return True
    return left.is_organisation and right.is_organisation


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, company, organisation or vessel with everything screening can compare."""

    id: str
    schema: Schema
    names: tuple[str, ...]
    countries: frozenset[str] = frozenset()
    identifiers: frozenset[str] = frozenset()
    birth_dates: frozenset[str] = frozenset()
    dataset: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())

    @property
    def caption(self) -> str:
        """The entity's main name."""
        return self.names[0] if self.names else self.id


def clean_identifier(value: str) -> str:
    """An identifier reduced to letters and digits, upper case, for comparison."""
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def clean_country(value: str) -> str:
    """A country code or name reduced to a lower-case ISO alpha-2 code where recognisable."""
    from partnerpath.core.matching.countries import country_code

    return country_code(value)


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:[t ]\d{2}:\d{2}[\d:.+z-]*)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_WORDS = re.compile(r"^(?:(\d{1,2})\s+)?([a-z]+)\.?,?\s+(\d{4})$")
DATE_FORMATS = "YYYY-MM-DD, YYYY-MM, YYYY, DD/MM/YYYY (or DD.MM.YYYY, DD-MM-YYYY) or 2 March 1971"


def parse_birth_date(value: str) -> str:
    """A birth date as ISO text: "1971-03-02", "1971-03" or "1971" (day/month/year when written
    with the day first, as "02/03/1971"); ValueError for anything else."""
    text = " ".join(value.strip().lower().split())
    year, month, day = 0, 0, 0
    if m := _ISO.match(text):
        year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
    elif m := _DAY_FIRST.match(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := _MONTH_YEAR.match(text):
        month, year = int(m.group(1)), int(m.group(2))
    elif (m := _WORDS.match(text)) and m.group(2) in _MONTHS:
        day, month, year = int(m.group(1) or 0), _MONTHS[m.group(2)], int(m.group(3))
    else:
        raise ValueError(f"{value!r} is not a date; write {DATE_FORMATS}")
    if not 1800 <= year <= date.today().year:
        raise ValueError(f"{value!r}: year {year} is not a plausible year of birth")
    try:
        date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(f"{value!r} is not a valid day/month/year date") from None
    if not month:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def clean_birth_date(value: str) -> str:
    """A birth date from a list, as ISO text where it can be read; otherwise kept as given."""
    try:
        return parse_birth_date(value)
    except ValueError:
        return value.strip()[:10]


def make_entity(
    id: str,
    schema: Schema | str,
    names: list[str] | tuple[str, ...],
    countries: list[str] | tuple[str, ...] = (),
    identifiers: list[str] | tuple[str, ...] = (),
    birth_dates: list[str] | tuple[str, ...] = (),
    dataset: str = "",
) -> Entity:
    """Build an Entity from raw values, dropping empties and duplicates, keeping name order."""
    seen: dict[str, None] = {}
    for name in names:
        name = " ".join(name.split())
        if name:
            seen.setdefault(name, None)
    return Entity(
        id=id,
        schema=schema if isinstance(schema, Schema) else Schema.parse(schema),
        names=tuple(seen),
        countries=frozenset(c for c in (clean_country(v) for v in countries) if c),
        identifiers=frozenset(i for i in (clean_identifier(v) for v in identifiers) if len(i) >= 4),
        birth_dates=frozenset(clean_birth_date(d) for d in birth_dates if d.strip()),
        dataset=dataset,
    )


def content_hash(entity: Entity) -> str:
    """A fingerprint of what identifies a list entry: schema, names, countries, identifiers and
    birth dates (order and letter case aside). Two list versions give the same fingerprint for an
    entry exactly when none of these changed."""
    payload = [
        entity.schema.value,
        sorted({name.casefold() for name in entity.names}),
        sorted(entity.countries),
        sorted(entity.identifiers),
        sorted(entity.birth_dates),
    ]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

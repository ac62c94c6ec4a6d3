"""Spreadsheet cells: what a column holds, how a typed cell is read and checked, and how a stored
value is written back so that it reads the same."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from partnerpath.core.countries import parse_country
from partnerpath.core.identifiers import lei_problem

CellValue = str | int | bool | list[str] | None

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_INTEGER = re.compile(r"^[+]?\d{1,3}([ ,.]?\d{3})*$|^[+]?\d+$")
_YES = {"yes", "y", "true", "1", "x", "✓", "ja", "oui", "si", "sí"}
_NO = {"no", "n", "false", "0", "-", "nein", "non"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?[\d\s().-]+$")


class CellKind(StrEnum):
    """What a column holds; decides how its cells are read and written."""

    TEXT = "text"
    CHOICE = "one of a list"
    CHOICES = "several of a list"
    COUNTRY = "country"
    COUNTRIES = "countries"
    EMAIL = "e-mail address"
    URL = "web address"
    LEI = "LEI"
    INTEGER = "whole number"
    YES_NO = "yes or no"


class CellError(ValueError):
    """A cell that cannot be read; the message says what is wrong in the user's words."""


def _fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a label, for matching what people type."""
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def header_key(header: str) -> str:
    """How a header is compared: letters and digits only ("E-mail" == "email")."""
    return re.sub(r"[\W_]+", "", _fold(header))


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: its header, other names it goes by, and how its cells are read."""

    key: str
    header: str
    kind: CellKind = CellKind.TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""
    max_length: int | None = None
    options: Mapping[str, str] = field(default_factory=dict)  # stored value -> label
    default: str | bool | None = None
    minimum: int | None = None
    maximum: int | None = None
    _index: Mapping[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for value, label in self.options.items():
            index[_fold(label)] = value
            index[_fold(value)] = value
        object.__setattr__(self, "_index", index)

    @property
    def accepted(self) -> str:
        """What the column accepts, for the documentation and the upload page."""
        listed = "; ".join(label or "(blank)" for label in self.options.values())
        if self.kind is CellKind.CHOICE:
            return f"one of these (key or label): {listed}"
        if self.kind is CellKind.CHOICES:
            return f"one or more of these (key or label), separated by ; : {listed}"
        if self.kind is CellKind.COUNTRIES:
            return "ISO codes or English names, separated by ; or ,"
        if self.kind is CellKind.COUNTRY:
            return "ISO code (TH, THA) or English name"
        if self.kind is CellKind.INTEGER:
            low = "" if self.minimum is None else f" from {self.minimum:,}"
            high = "" if self.maximum is None else f" to {self.maximum:,}"
            return f"whole number{low}{high}"
        if self.kind is CellKind.YES_NO:
            return f"yes or no (blank: {'yes' if self.default else 'no'})"
        if self.kind is CellKind.TEXT and self.max_length:
            return f"text, up to {self.max_length} characters"
        return self.kind.value

    def blank(self) -> CellValue:
        """The value of an empty cell."""
        if self.kind in (CellKind.CHOICES, CellKind.COUNTRIES):
            return []
        if self.kind is CellKind.INTEGER:
            return None
        if self.kind is CellKind.YES_NO:
            return bool(self.default)
        return str(self.default or "")

    def choice(self, text: str) -> str | None:
        """The stored value for a key or label typed by a person, or None when unknown."""
        return self._index.get(_fold(text))


def _split_items(text: str, match: Callable[[str], str | None]) -> tuple[list[str], list[str]]:
    """Split a list cell on ';' (or new lines), then on ',' where a piece is not an item by itself,
    so that "Korea, Republic of" or "Apparel, textiles and footwear" survive. Returns the matched
    values and the unknown pieces."""
    found: list[str] = []
    unknown: list[str] = []
    for part in re.split(r"[;|\n]+", text):
        pieces = [p.strip() for p in part.split(",")]
        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                value = match(", ".join(pieces[i:j]).strip()) if pieces[i] else None
                if value is not None:
                    if value not in found:
                        found.append(value)
                    i = j
                    break
            else:
                if pieces[i]:
                    unknown.append(pieces[i])
                i += 1
    return found, unknown


def _quoted(items: Sequence[str]) -> str:
    return ", ".join(f'"{item}"' for item in items)


def _parse_integer(column: Column, text: str) -> int:
    cleaned = text.replace("\u00a0", " ").strip()
    if not _INTEGER.match(cleaned):
        raise CellError(f'"{text}" is not a whole number.')
    number = int(re.sub(r"[^\d]", "", cleaned))
    if column.minimum is not None and number < column.minimum:
        raise CellError(f"{number} is below the minimum of {column.minimum}.")
    if column.maximum is not None and number > column.maximum:
        raise CellError(f"{number} is above the maximum of {column.maximum}.")
    return number


def _parse_url(text: str) -> str:
    url = text if "://" in text else f"https://{text}"
    parts = urlsplit(url)
    host = parts.hostname or ""
    if (
        parts.scheme not in ("http", "https")
        or " " in url
        or ("." not in host and host != "localhost")
    ):
        raise CellError(f'"{text}" is not a web address (for example https://example.org).')
    return url


def parse_cell(column: Column, text: str) -> CellValue:
    """The typed value of one cell; raises CellError with a message for the person who typed it."""
    text = text.strip()
    if not text:
        return column.blank()
    kind = column.kind
    if kind is CellKind.INTEGER:
        return _parse_integer(column, text)
    if kind is CellKind.YES_NO:
        word = text.casefold()
        if word in _YES or word in _NO:
            return word in _YES
        raise CellError(f'"{text}" is not yes or no.')
    if kind is CellKind.CHOICE:
        value = column.choice(text)
        if value is None:
            raise CellError(f'"{text}" is not one of: {"; ".join(column.options.values())}.')
        return value
    if kind is CellKind.CHOICES:
        values, unknown = _split_items(text, column.choice)
        if unknown:
            raise CellError(
                f"{_quoted(unknown)} {'is' if len(unknown) == 1 else 'are'} not in the list: "
                f"{'; '.join(column.options.values())}."
            )
        return values
    if kind is CellKind.COUNTRY:
        code = parse_country(text)
        if code is None:
            raise CellError(f'"{text}" is not a country code or name (for example TH or Thailand).')
        return code
    if kind is CellKind.COUNTRIES:
        codes, unknown = _split_items(text, parse_country)
        if unknown:
            raise CellError(f"unknown country code or name: {_quoted(unknown)}.")
        return codes
    if kind is CellKind.EMAIL:
        if len(text) > 254 or not _EMAIL.match(text):
            raise CellError(f'"{text}" is not an e-mail address.')
        return text
    if kind is CellKind.URL:
        text = _parse_url(text)
    elif kind is CellKind.LEI:
        text = text.upper()
        problem = lei_problem(text)
        if problem:
            raise CellError(problem)
    if column.max_length is not None and len(text) > column.max_length:
        raise CellError(f"{len(text)} characters long; the limit is {column.max_length}.")
    return text


def format_cell(column: Column, value: CellValue) -> str:
    """How a stored value is written to a spreadsheet, in a form ``parse_cell`` reads back."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if column.kind is CellKind.CHOICES:
            return "; ".join(column.options.get(v, v) for v in value)
        return "; ".join(value)
    if column.kind is CellKind.CHOICE:
        return column.options.get(str(value), str(value)) if value else ""
    return str(value)


def cell_text(value: object) -> str:
    """The text of a cell as read from CSV or XLSX (numbers, dates and booleans included); a quote
    that protected a formula-like value in an export is taken off again."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
        return text[1:]
    return text


def protect_formula(text: str) -> str:
    """Quote a CSV value a spreadsheet would run as a formula (phone numbers stay as they are)."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def normalise_person_name(name: str) -> str:
    """A person's name folded for duplicate checks ("Anong  S." == "anong s")."""
    return _fold(name)

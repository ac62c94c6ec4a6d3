"""Shared parts of the reference-data importers: the parsed result, row problems collected and
raised together, and reading yes/no and country cells."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from partnerpath.core.risk.countries import reference_country
from partnerpath.core.risk.tables import ReferenceFileError, Table
from partnerpath.core.wording import plural

T = TypeVar("T")
MAX_PROBLEMS_SHOWN = 10
_YES = {"yes", "y", "true", "1", "x"}
_NO = {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class ParsedReference(Generic[T]):
    """The rows read from a file, and notes on rows left out on purpose (not errors)."""

    rows: tuple[T, ...]
    notes: tuple[str, ...] = ()
    suggested_source: str = ""
    years: tuple[int, ...] = field(default=())


class RowProblems:
    """Row problems collected while reading; raised together at the end."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, row: int, message: str) -> None:
        """Note a problem of a row."""
        self.items.append(f"Row {row}: {message}")

    def raise_any(self) -> None:
        """Raise ReferenceFileError listing the problems, if there are any."""
        if not self.items:
            return
        shown = self.items[:MAX_PROBLEMS_SHOWN]
        more = len(self.items) - len(shown)
        tail = f" ... and {more} more." if more else ""
        raise ReferenceFileError(
            f"{plural(len(self.items), 'row')} cannot be read; nothing was imported. "
            + " ".join(shown)
            + tail
        )


def row_dicts(table: Table, positions: dict[str, int]) -> list[tuple[int, dict[str, str]]]:
    """Each data row as column -> stripped text ("" for columns the file lacks)."""
    return [
        (number, {k: cells[i].strip() if i < len(cells) else "" for k, i in positions.items()})
        for number, cells in table.rows
    ]


def yes_no(text: str) -> bool | None:
    """True for yes, False for no or blank, None for anything else."""
    folded = text.strip().casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    return None


def country_of(text: str, row: int, problems: RowProblems, column: str = "country") -> str | None:
    """The ISO code of a country cell; a problem is noted when it is empty or unknown."""
    code = reference_country(text)
    if code is None:
        if text.strip():
            problems.add(
                row, f'{column} "{text.strip()}" is not a country name or ISO code we know.'
            )
        else:
            problems.add(row, f"{column} is empty.")
    return code


def year_of(text: str, row: int, problems: RowProblems) -> int | None:
    """A four-digit year; a problem is noted otherwise."""
    cleaned = text.strip().removesuffix(".0")
    if not cleaned.isdigit() or not 1990 <= int(cleaned) <= 2100:
        problems.add(row, f'year "{text.strip()}" is not a four-digit year.')
        return None
    return int(cleaned)

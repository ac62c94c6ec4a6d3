"""Merging a spreadsheet row into the record it may duplicate: field by field, what the file says,
what is stored, and which is kept. A merge fills empty fields, adds to lists and turns flags on; it
never overwrites a stored value. The preview shows these decisions before the import and the
result page after it, so no value from the file is dropped without saying so."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.db import models

from partnerpath.core.cells import CellValue, Column, format_cell
from partnerpath.registry.import_plan import CONTACTS, ORGANISATIONS, ImportPlan, columns_for
from partnerpath.registry.models import Contact, Organisation
from partnerpath.registry.validators import MAX_OTHER_NAMES, tidy_names

# Columns that find a contact's organisation rather than describe the contact.
_LOOKUP_COLUMNS = frozenset({"organisation", "organisation_country"})
# Fields a merge never changes, even when the stored value looks empty.
KEEP_ON_MERGE = frozenset({"name", "kind", "is_active", "department"})
# What happens to a field the file gives a value for: the stored value is kept (the file's is
# not imported), the file's fills an empty field, its list items are added, or it turns a flag on.
KEPT, FILLED, ADDED, TURNED_ON = "kept", "filled", "added", "turned on"


@dataclass(frozen=True)
class FieldMerge:
    """One field where the file differs from the stored record, and what the merge does."""

    key: str
    column: str
    stored: str
    in_file: str
    outcome: str

    @property
    def sentence(self) -> str:
        """The decision in words."""
        if self.outcome == KEPT:
            return (
                f"{self.column}: kept “{self.stored}”; the file's “{self.in_file}” was not imported"
            )
        if self.outcome == ADDED:
            return f"{self.column}: added {self.in_file} to “{self.stored}”"
        if self.outcome == TURNED_ON:
            return f"{self.column}: turned on (the file says {self.in_file})"
        return f"{self.column}: was empty, filled with “{self.in_file}”"


def _blank(value: Any) -> bool:
    return value in (None, "", [])


def merge_columns(sheet: str) -> tuple[Column, ...]:
    """The columns a merge compares for a sheet of organisations or contacts."""
    return tuple(c for c in columns_for(sheet) if c.key not in _LOOKUP_COLUMNS)


def compare(
    record: models.Model,
    columns: Sequence[Column],
    values: Mapping[str, CellValue],
    given: frozenset[str],
) -> list[FieldMerge]:
    """Each field the row gives a value for that differs from ``record``, with what a merge does."""
    found: list[FieldMerge] = []
    for column in columns:
        key = column.key
        if key not in given or not hasattr(record, key):
            continue
        mine: Any = getattr(record, key)
        theirs = values[key]
        if _blank(theirs) or mine == theirs:
            continue
        outcome = KEPT
        shown = format_cell(column, theirs)
        if key in KEEP_ON_MERGE:
            outcome = KEPT
        elif key == "other_names" and isinstance(mine, list) and isinstance(theirs, list):
            found.extend(_other_names(record, column, mine, theirs))
            continue
        elif isinstance(mine, list) and isinstance(theirs, list):
            new = [v for v in theirs if v not in mine]
            if not new:
                continue
            outcome, shown = ADDED, format_cell(column, new)
        elif isinstance(mine, bool):
            outcome = TURNED_ON if theirs is True else KEPT
        elif _blank(mine):
            outcome = FILLED
        found.append(FieldMerge(key, column.header, format_cell(column, mine), shown, outcome))
    return found


def _other_names(
    record: models.Model, column: Column, mine: list[str], theirs: list[str]
) -> list[FieldMerge]:
    """The file's other names the record lacks are added, up to the limit per record; those
    beyond it are not imported, and the merge says so."""
    new = tidy_names([*mine, *theirs], exclude=str(getattr(record, "name", "")))[len(mine) :]
    room = max(MAX_OTHER_NAMES - len(mine), 0)
    stored = format_cell(column, mine)
    found = []
    if new[:room]:
        found.append(
            FieldMerge(column.key, column.header, stored, format_cell(column, new[:room]), ADDED)
        )
    if new[room:]:
        found.append(
            FieldMerge(column.key, column.header, stored, format_cell(column, new[room:]), KEPT)
        )
    return found


def apply(record: models.Model, merges: Sequence[FieldMerge], values: Mapping[str, Any]) -> bool:
    """Make the changes the decisions call for on ``record``; whether anything changed."""
    changed = False
    for merge in merges:
        if merge.outcome == KEPT:
            continue
        mine: Any = getattr(record, merge.key)
        theirs = values[merge.key]
        if merge.outcome == ADDED and merge.key == "other_names":
            names = tidy_names([*mine, *theirs], exclude=str(getattr(record, "name", "")))
            setattr(record, merge.key, names[:MAX_OTHER_NAMES])
        elif merge.outcome == ADDED:
            setattr(record, merge.key, [*mine, *(v for v in theirs if v not in mine)])
        else:
            setattr(record, merge.key, theirs)
        changed = True
    return changed


def describe(
    sheet: str, row: int, name: str, target: models.Model, merges: Sequence[FieldMerge]
) -> dict[str, Any]:
    """A merge as the preview and result pages show it (plain data, kept with the import)."""
    return {
        "sheet": sheet,
        "row": row,
        "name": name,
        "target_id": target.pk,
        "target": str(target),
        "fields": [{**asdict(m), "sentence": m.sentence} for m in merges],
        "kept": sum(1 for m in merges if m.outcome == KEPT),
    }


def preview(plan: ImportPlan, limit: int) -> dict[str, dict[str, Any]]:
    """For each possible duplicate (up to ``limit``), how merging it into the first record it
    matches would treat each differing field; by row key."""
    rows = plan.duplicates[:limit]
    models_of: dict[str, type[models.Model]] = {ORGANISATIONS: Organisation, CONTACTS: Contact}
    found: dict[str, dict[str, Any]] = {}
    for sheet, model in models_of.items():
        mine = [row for row in rows if row.sheet == sheet]
        targets = model._default_manager.in_bulk([row.matches[0][0] for row in mine])
        columns = merge_columns(sheet)
        for row in mine:
            target = targets.get(row.matches[0][0])
            if target is None:
                continue
            merges = compare(target, columns, row.parsed.values, row.parsed.given)
            found[row.key] = describe(sheet, row.parsed.number, row.name, target, merges)
    return found

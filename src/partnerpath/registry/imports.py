"""Importing organisations and contacts from CSV or XLSX: plan (read and check every row, flag
possible duplicates), preview, then commit every row or none. Every record is written through its
normal audited save, so history shows who imported it and from which file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.db import DatabaseError, models, transaction
from django.utils import timezone

from partnerpath.accounts.models import Programme
from partnerpath.audit.context import acting_as, because
from partnerpath.core.wording import plural
from partnerpath.registry import import_merge
from partnerpath.registry.choices import ImportStatus
from partnerpath.registry.import_files import ImportFileError
from partnerpath.registry.import_plan import (
    CONTACTS,
    DEFAULT_DUPLICATE_CHOICE,
    DUPLICATE_CHOICES,
    ORGANISATIONS,
    ImportPlan,
    RowPlan,
    columns_for,
    plan_import,
    vocabularies,
)
from partnerpath.registry.models import Contact, ImportBatch, Organisation

__all__ = [
    "CONTACTS",
    "DEFAULT_DUPLICATE_CHOICE",
    "DUPLICATE_CHOICES",
    "ORGANISATIONS",
    "AlreadyCommitted",
    "ImportFileError",
    "ImportPlan",
    "ImportRejected",
    "Outcome",
    "columns_for",
    "commit_batch",
    "commit_plan",
    "import_file",
    "merge_preview",
    "plan_import",
    "start_batch",
    "summarise",
    "vocabularies",
]

# The preview lists at most this many problems and duplicates (the counts are always complete).
MAX_LISTED = 1000
SAMPLE_ROWS = 50
_ORGANISATION_FIELDS = tuple(c.key for c in columns_for(ORGANISATIONS))
_CONTACT_FIELDS = tuple(c.key for c in import_merge.merge_columns(CONTACTS))
# Fields a merge never changes, even when the existing value looks empty.
_KEEP_ON_MERGE = frozenset({"name", "kind", "is_active", "department"})


@dataclass
class Outcome:
    """What a committed import did, per sheet."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    # Each merged row: which fields it filled or added to, and where the stored value was kept.
    merges: list[dict[str, Any]] = field(default_factory=list)

    def add(self, sheet: str, what: str) -> None:
        """Count one created, merged or skipped row."""
        per_sheet = self.counts.setdefault(sheet, {"created": 0, "merged": 0, "skipped": 0})
        per_sheet[what] += 1

    def total(self, what: str) -> int:
        """Created, merged or skipped rows over every sheet."""
        return sum(c.get(what, 0) for c in self.counts.values())


class ImportRejected(Exception):
    """The import has problems; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{plural(len(problems), 'problem')}; nothing was imported.")
        self.problems = problems


class AlreadyCommitted(ImportRejected):
    """The batch was committed before; committing it again would import its rows twice."""

    def __init__(self) -> None:
        super().__init__(["This import was already committed."])


def _choice(row: RowPlan, decisions: Mapping[str, str], default: str) -> str:
    if not row.matches:
        return "create"
    choice = decisions.get(row.key) or default
    return choice if choice in DUPLICATE_CHOICES else DEFAULT_DUPLICATE_CHOICE


def _merge(record: models.Model, row: RowPlan, outcome: Outcome) -> None:
    """Fold a row into the record it duplicates (fill empty fields, add to lists, turn flags on;
    never overwrite), saving it when anything changed, and note what was kept."""
    merges = import_merge.compare(
        record, import_merge.merge_columns(row.sheet), row.parsed.values, row.parsed.given
    )
    if import_merge.apply(record, merges, row.parsed.values):
        record.save()
    outcome.merges.append(
        import_merge.describe(row.sheet, row.parsed.number, row.name, record, merges)
    )


def _commit_organisations(
    plan: ImportPlan,
    programme: Programme,
    decisions: Mapping[str, str],
    default: str,
    outcome: Outcome,
) -> dict[int, int]:
    """Write the organisations sheet; returns file row number -> the organisation it became."""
    chosen = {row.parsed.number: _choice(row, decisions, default) for row in plan.organisations}
    targets = Organisation.objects.in_bulk(
        [row.matches[0][0] for row in plan.organisations if chosen[row.parsed.number] == "merge"]
    )
    ids: dict[int, int] = {}
    for row in plan.organisations:
        choice, values = chosen[row.parsed.number], row.parsed.values
        if choice == "create":
            org = Organisation(programme=programme, **{k: values[k] for k in _ORGANISATION_FIELDS})
            org.save()
            ids[row.parsed.number] = org.pk
            outcome.add(ORGANISATIONS, "created")
            continue
        target_id = row.matches[0][0]
        if choice == "merge":
            _merge(targets[target_id], row, outcome)
        ids[row.parsed.number] = target_id
        outcome.add(ORGANISATIONS, "merged" if choice == "merge" else "skipped")
    return ids


def _commit_contacts(
    plan: ImportPlan,
    programme: Programme,
    decisions: Mapping[str, str],
    default: str,
    organisation_ids: Mapping[int, int],
    outcome: Outcome,
) -> None:
    chosen = {row.parsed.number: _choice(row, decisions, default) for row in plan.contacts}
    targets = Contact.objects.in_bulk(
        [row.matches[0][0] for row in plan.contacts if chosen[row.parsed.number] == "merge"]
    )
    for row in plan.contacts:
        choice, values = chosen[row.parsed.number], row.parsed.values
        if choice == "create":
            assert row.organisation is not None  # rows without one have a problem
            source, ref = row.organisation
            contact = Contact(
                programme=programme,
                organisation_id=ref if source == "db" else organisation_ids[ref],
                **{k: values[k] for k in _CONTACT_FIELDS},
            )
            contact.save()
            outcome.add(CONTACTS, "created")
            continue
        target = targets.get(row.matches[0][0])
        if choice == "merge" and target is not None:
            _merge(target, row, outcome)
        outcome.add(CONTACTS, "merged" if choice == "merge" else "skipped")


def commit_plan(
    plan: ImportPlan,
    programme: Programme,
    *,
    decisions: Mapping[str, str] | None = None,
    default: str = DEFAULT_DUPLICATE_CHOICE,
    user: Any = None,
    label: str | None = None,
) -> Outcome:
    """Write every row of a plan without problems, in one transaction: all rows or none.
    ``decisions`` maps a row key ("organisations-5") to merge, create or skip for rows that may
    duplicate an existing record; other such rows follow ``default``."""
    problems = plan.problems
    if problems:
        raise ImportRejected(problems)
    outcome = Outcome()
    decisions = decisions or {}
    try:
        with (
            transaction.atomic(),
            acting_as(user, label),
            because(f"Imported from {plan.file_name}"),
        ):
            ids = _commit_organisations(plan, programme, decisions, default, outcome)
            _commit_contacts(plan, programme, decisions, default, ids, outcome)
    except DatabaseError as exc:
        raise ImportRejected(
            [f"The database refused the import ({exc}); nothing was written."]
        ) from exc
    return outcome


def merge_preview(plan: ImportPlan) -> dict[str, dict[str, Any]]:
    """How merging each possible duplicate would treat every field where the file differs."""
    return import_merge.preview(plan, MAX_LISTED)


def _status(row: RowPlan) -> str:
    if not row.parsed.ok:
        return "problem"
    return "possible duplicate" if row.matches else "new"


def summarise(plan: ImportPlan) -> dict[str, Any]:
    """What the preview page shows, kept with the batch (lists capped at MAX_LISTED): for each
    possible duplicate, how a merge would treat every field where the file differs."""
    problems = plan.problems
    duplicates = plan.duplicates
    merges = merge_preview(plan)
    return {
        "notes": plan.notes,
        "rows": {ORGANISATIONS: len(plan.organisations), CONTACTS: len(plan.contacts)},
        "problem_count": len(problems),
        "problems": problems[:MAX_LISTED],
        "duplicate_count": len(duplicates),
        "duplicates": [
            {
                "key": row.key,
                "sheet": row.sheet,
                "row": row.parsed.number,
                "name": row.name,
                "matches": [{"id": pk, "name": name} for pk, name in row.matches],
                "merge": merges.get(row.key, {}).get("fields", []),
            }
            for row in duplicates[:MAX_LISTED]
        ],
        "sample": [
            {"sheet": row.sheet, "row": row.parsed.number, "name": row.name, "status": _status(row)}
            for row in plan.rows[:SAMPLE_ROWS]
        ],
    }


def start_batch(
    programme: Programme, kind: str, file_name: str, data: bytes, user: Any
) -> ImportBatch:
    """Read and check an uploaded file and keep it for the preview; nothing else is written.
    Raises ImportFileError (and stores nothing) when the file cannot be imported at all."""
    plan = plan_import(programme, kind, file_name, data)
    batch = ImportBatch(
        programme=programme,
        kind=kind,
        original_name=file_name[:255],
        created_by=user if getattr(user, "pk", None) else None,
        row_count=len(plan.rows),
        error_count=sum(1 for row in plan.rows if not row.parsed.ok),
        summary=summarise(plan),
    )
    batch.stored_file.save(os.path.basename(file_name) or "import", ContentFile(data), save=False)
    batch.save()
    return batch


def commit_batch(
    batch: ImportBatch, decisions: Mapping[str, str], default: str, user: Any
) -> Outcome:
    """Commit a previewed batch, reading its file again (the registry may have changed since the
    preview). On any problem nothing is written and the batch is marked failed."""
    if batch.status == ImportStatus.COMMITTED:
        raise AlreadyCommitted()
    try:
        with batch.stored_file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):  # ValueError: the batch has no file
        raise ImportRejected(["The uploaded file is no longer kept; upload it again."]) from None
    try:
        with transaction.atomic():
            # A second click (or person) committing at the same moment waits here, then stops.
            current = ImportBatch.objects.select_for_update().filter(pk=batch.pk)
            if current.values_list("status", flat=True).first() == ImportStatus.COMMITTED:
                raise AlreadyCommitted()
            plan = plan_import(batch.programme, batch.kind, batch.original_name, data)
            outcome = commit_plan(
                plan, batch.programme, decisions=decisions, default=default, user=user
            )
            batch.status = ImportStatus.COMMITTED
            batch.committed_at = timezone.now()
            batch.created_count = outcome.total("created")
            batch.merged_count = outcome.total("merged")
            batch.skipped_count = outcome.total("skipped")
            batch.summary = {
                **batch.summary,
                "outcome": outcome.counts,
                "merges": outcome.merges[:MAX_LISTED],
            }
            batch.save()
    except AlreadyCommitted:
        raise
    except (ImportFileError, ImportRejected) as exc:
        problems = exc.problems if isinstance(exc, ImportRejected) else [str(exc)]
        batch.status = ImportStatus.FAILED
        batch.summary = {**batch.summary, "failure": problems[:MAX_LISTED]}
        batch.save(update_fields=["status", "summary"])
        raise ImportRejected(problems) from exc
    return outcome


def import_file(
    programme: Programme,
    kind: str,
    file_name: str,
    data: bytes,
    *,
    default: str = DEFAULT_DUPLICATE_CHOICE,
    user: Any = None,
    label: str | None = None,
    dry_run: bool = False,
) -> tuple[ImportPlan, Outcome | None]:
    """Plan and, unless a dry run, commit a file in one go (the command line's import), keeping
    a committed batch with the file. Raises ImportFileError or ImportRejected, writing nothing."""
    plan = plan_import(programme, kind, file_name, data)
    if plan.problems:
        raise ImportRejected(plan.problems)
    if dry_run:
        return plan, None
    with transaction.atomic():
        outcome = commit_plan(plan, programme, default=default, user=user, label=label)
        batch = ImportBatch(
            programme=programme,
            kind=kind,
            original_name=file_name[:255],
            status=ImportStatus.COMMITTED,
            created_by=user,
            row_count=len(plan.rows),
            created_count=outcome.total("created"),
            merged_count=outcome.total("merged"),
            skipped_count=outcome.total("skipped"),
            committed_at=timezone.now(),
            summary={
                **summarise(plan),
                "outcome": outcome.counts,
                "merges": outcome.merges[:MAX_LISTED],
            },
        )
        batch.stored_file.save(
            os.path.basename(file_name) or "import", ContentFile(data), save=False
        )
        batch.save()
    return plan, outcome

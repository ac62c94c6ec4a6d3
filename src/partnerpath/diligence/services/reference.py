"""Use-cases of the reference data: importing a file as a new dataset version, listing the
versions, and loading the data in force for the risk profile."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from partnerpath.audit.context import acting_as
from partnerpath.core.risk.profile import Reference
from partnerpath.core.risk.reference import (
    Dataset,
    GoodsListing,
    PrevalenceEstimate,
    ReferenceKind,
    TierPlacement,
)
from partnerpath.core.risk.sources import READERS, ReferenceFileError, suggest_edition
from partnerpath.diligence.models import (
    GoodsListingRow,
    PrevalenceRow,
    ReferenceDataset,
    TierPlacementRow,
)

__all__ = [
    "AlreadyImported",
    "ReferenceFileError",
    "ReferenceImportError",
    "current_reference",
    "datasets",
    "import_reference",
]


class ReferenceImportError(Exception):
    """The import cannot go ahead as asked (no edition, no source name); nothing was stored."""


class AlreadyImported(Exception):
    """This very file (same checksum) is already stored as a dataset of that kind: nothing was
    stored. When it was not the version in force, it is in force again (``reinstated``)."""

    def __init__(self, dataset: ReferenceDataset, reinstated: bool = False) -> None:
        said = f"This file is already imported as {dataset} on {dataset.imported_at:%d %b %Y}."
        if reinstated:
            said += " It is the version in force again from now (a roll-back)."
        else:
            said += " It is the version in force."
        super().__init__(said)
        self.dataset = dataset
        self.reinstated = reinstated


def _in_force_of_kind(kind: str) -> ReferenceDataset | None:
    return ReferenceDataset.objects.filter(kind=kind).order_by("-in_force_since", "-id").first()


def in_force_ids() -> set[int]:
    """The dataset versions the risk profiles use now: the one in force of the DOL List and of
    the prevalence figures, and every TIP tiers file that gives some country its latest year (as
    current_reference reads them). Two queries."""
    stored = list(ReferenceDataset.objects.order_by("-in_force_since", "-id").only("id", "kind"))
    order = {d.pk: position for position, d in enumerate(stored)}
    used: set[int] = set()
    for kind in (ReferenceKind.DOL_GOODS, ReferenceKind.PREVALENCE):
        first = next((d for d in stored if d.kind == kind), None)
        if first is not None:
            used.add(first.pk)
    best: dict[str, tuple[tuple[int, int], int]] = {}
    for country, year, dataset_id in TierPlacementRow.objects.values_list(
        "country", "year", "dataset_id"
    ):
        rank = (-year, order[dataset_id])
        if country not in best or rank < best[country][0]:
            best[country] = (rank, dataset_id)
    return used | {dataset_id for _rank, dataset_id in best.values()}


def _rows(dataset: ReferenceDataset, rows: tuple[Any, ...]) -> None:
    """Store the parsed rows of a dataset."""
    if dataset.kind == ReferenceKind.DOL_GOODS:
        goods: tuple[GoodsListing, ...] = rows
        GoodsListingRow.objects.bulk_create(
            (GoodsListingRow(dataset=dataset, **vars(g)) for g in goods), batch_size=1000
        )
    elif dataset.kind == ReferenceKind.TIP_TIERS:
        tiers: tuple[TierPlacement, ...] = rows
        TierPlacementRow.objects.bulk_create(
            (
                TierPlacementRow(
                    dataset=dataset,
                    country=t.country,
                    country_name=t.country_name,
                    year=t.year,
                    tier=t.tier.value,
                )
                for t in tiers
            ),
            batch_size=1000,
        )
    else:
        estimates: tuple[PrevalenceEstimate, ...] = rows
        PrevalenceRow.objects.bulk_create(
            (PrevalenceRow(dataset=dataset, **vars(e)) for e in estimates), batch_size=1000
        )


def import_reference(
    kind: str,
    file_name: str,
    data: bytes,
    *,
    edition: str = "",
    source_name: str = "",
    published_on: date | None = None,
    user: Any = None,
    label: str | None = None,
) -> ReferenceDataset:
    """Read a reference file and store it as a new dataset version, all or nothing. Raises
    ReferenceFileError for a malformed file, ReferenceImportError when the edition or source
    cannot be told, AlreadyImported when the same file is stored already."""
    reference_kind = ReferenceKind(kind)
    checksum = hashlib.sha256(data).hexdigest()
    existing = ReferenceDataset.objects.filter(kind=reference_kind.value, checksum=checksum).first()
    if existing is not None:
        current = _in_force_of_kind(reference_kind.value)
        if current is None or current.pk == existing.pk:
            raise AlreadyImported(existing)
        existing.in_force_since = timezone.now()
        existing.save(update_fields=["in_force_since"])
        raise AlreadyImported(existing, reinstated=True)
    parsed = READERS[reference_kind](data)
    edition = edition.strip() or suggest_edition(file_name, parsed.years)
    if not edition:
        raise ReferenceImportError("Say which edition or year the file is (--edition, e.g. 2024).")
    source_name = source_name.strip() or parsed.suggested_source
    if not source_name:
        raise ReferenceImportError("Name the source of these figures (--source).")
    with transaction.atomic(), acting_as(user, label):
        dataset = ReferenceDataset.objects.create(
            kind=reference_kind.value,
            source_name=source_name,
            edition=edition,
            published_on=published_on,
            imported_by=user,
            file_name=file_name[:255],
            checksum=checksum,
            notes=list(parsed.notes),
            row_count=len(parsed.rows),
        )
        _rows(dataset, parsed.rows)
    return dataset


def datasets() -> QuerySet[ReferenceDataset]:
    """Every imported dataset version, newest first."""
    return ReferenceDataset.objects.select_related("imported_by")


# The reference data in force, for the datasets stored when it was read: it changes only when a
# file is imported, and every page with a risk level needs it.
_CACHE: dict[tuple[tuple[int, str, str], ...], Reference] = {}


def current_reference() -> Reference:
    """The reference data in force: the newest import of the DOL List and of the prevalence
    figures; for TIP tiers, each country's latest year across every imported file (a newer file
    wins for the same year). One query when nothing was imported since the last call."""
    stored = list(ReferenceDataset.objects.order_by("-in_force_since", "-id"))
    key = tuple((d.pk, d.checksum, d.in_force_since.isoformat()) for d in stored)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    by_id = {d.pk: d for d in stored}
    goods_set = next((d for d in stored if d.kind == ReferenceKind.DOL_GOODS), None)
    goods = [row.as_listing() for row in goods_set.goods.all()] if goods_set else []
    tiers: dict[str, tuple[TierPlacement, Dataset]] = {}
    order = {d.pk: position for position, d in enumerate(stored)}
    placements = sorted(
        TierPlacementRow.objects.all(), key=lambda r: (r.country, -r.year, order[r.dataset_id])
    )
    for row in placements:
        if row.country not in tiers:
            tiers[row.country] = (row.as_placement(), by_id[row.dataset_id].as_dataset())
    prevalence: dict[str, tuple[PrevalenceEstimate, Dataset]] = {}
    prevalence_set = next((d for d in stored if d.kind == ReferenceKind.PREVALENCE), None)
    if prevalence_set is not None:
        cited = prevalence_set.as_dataset()
        prevalence = {r.country: (r.as_estimate(), cited) for r in prevalence_set.prevalence.all()}
    reference = Reference(goods, goods_set.as_dataset() if goods_set else None, tiers, prevalence)
    _CACHE.clear()
    _CACHE[key] = reference
    return reference

"""Watch-list versions: importing an official list file, and the screening index built from the
current version of every list (kept per process while the current versions stay the same)."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from partnerpath.audit.context import acting_as
from partnerpath.core.matching.entities import Entity, Schema, content_hash
from partnerpath.core.matching.index import ScreeningIndex
from partnerpath.core.matching.sources import LoadedList, load_source
from partnerpath.screening.models import ListEntry, ListVersion, WatchList

if TYPE_CHECKING:
    from partnerpath.screening.models import Screening

ENTRY_BATCH = 2000
# Entities carry "<version id>|<id on the list>" so a hit leads back to its stored entry.
ID_SEPARATOR = "|"


class ListNameError(ValueError):
    """The list name given for an import is empty or too long."""


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did: a new current version (and the re-screenings it queued), or nothing
    because the file is the one already current."""

    version: ListVersion
    created: bool
    rescreenings: list[Screening] = field(default_factory=list)

    @property
    def message(self) -> str:
        """One line for the person who imported."""
        v = self.version
        if not self.created:
            return (
                f"{v.watch_list.name}: this file is the current version already (checksum "
                f"{v.checksum[:19]}…, {v.entity_count} entries); nothing was stored."
            )
        dated = "imported on" if v.date_is_import_date else "published"
        return (
            f"{v.watch_list.name}: stored {v.entity_count} entries, {dated} "
            f"{v.publication_date.isoformat()}, checksum {v.checksum[:19]}…"
        )


def _publication_date(from_file: str | None, given: dt.date | None) -> tuple[dt.date, bool]:
    """The date to show for a version, and whether it is only the import date."""
    if given is not None:
        return given, False
    if from_file:
        try:
            return dt.date.fromisoformat(from_file[:10]), False
        except ValueError:
            pass
    return timezone.localdate(), True


def _programmes(dataset: str) -> str:
    """OFAC writes several programmes as "SDGT] [IRGC"; show them as "SDGT; IRGC"."""
    return "; ".join(p.strip(" []") for p in re.split(r"\]\s*\[", dataset) if p.strip(" []"))


def _entries(version: ListVersion, entities: Iterable[Entity]) -> Iterator[ListEntry]:
    """Stored rows for the parsed entities; a repeated id on an official list (OFAC repeats one
    now and then) gets a '#n' suffix. A generic CSV with a repeated id never gets here: its reader
    refuses it, naming both rows."""
    seen: dict[str, int] = {}
    for entity in entities:
        base = entity.id[:190]
        count = seen[base] = seen.get(base, 0) + 1
        yield ListEntry(
            version=version,
            entity_id=base if count == 1 else f"{base}#{count}",
            schema=entity.schema.value,
            caption=entity.caption[:500],
            names=list(entity.names),
            countries=sorted(entity.countries),
            identifiers=sorted(entity.identifiers),
            birth_dates=sorted(entity.birth_dates),
            dataset=_programmes(entity.dataset)[:300],
            content_hash=content_hash(entity),
        )


def _refusal(
    loaded: LoadedList, current: ListVersion | None, date: dt.date, is_import_date: bool
) -> str:
    """Why a parsed list must not become the current version ('' when it may): it holds no
    entries, it is dated in the future, or it is older than the version in force (a roll-back,
    which ``force`` allows)."""
    if not loaded.entities:
        return (
            "the file holds no entries: an empty list would silently end every hit of this list. "
            "Check the file; use --force only if the list really is empty now"
        )
    dated = current is not None and not is_import_date and not current.date_is_import_date
    if dated and current is not None and date < current.publication_date:
        return (
            f"the file is dated {date.isoformat()}, older than the version in force "
            f"(published {current.publication_date.isoformat()}). Use --force to roll back "
            "to it on purpose"
        )
    return ""


class ListImportRefused(ValueError):
    """A list file that parsed but must not replace the version in force."""


def _store(
    loaded: LoadedList, name: str, user: Any, date: dt.date, is_import_date: bool
) -> ListVersion:
    """Save a parsed list as the new current version of its watch list, all or nothing."""
    with transaction.atomic(), acting_as(user, None if user else "list import"):
        watch_list, _ = WatchList.objects.get_or_create(name=name)
        for old in ListVersion.objects.select_for_update().filter(
            watch_list=watch_list, is_current=True
        ):
            old.is_current = False
            old.save(update_fields=["is_current"])
        version = ListVersion.objects.create(
            watch_list=watch_list,
            publication_date=date,
            date_is_import_date=is_import_date,
            checksum=loaded.meta.checksum,
            source_format=loaded.meta.format,
            source_name=Path(loaded.meta.path).name[:300],
            entity_count=len(loaded.entities),
            imported_by=user,
            is_current=True,
        )
        ListEntry.objects.bulk_create(_entries(version, loaded.entities), batch_size=ENTRY_BATCH)
    return version


def import_list(
    path: Path | str,
    name: str,
    user: Any = None,
    *,
    published: dt.date | None = None,
    rescreen: bool = True,
    force: bool = False,
) -> ImportOutcome:
    """Store a list file as the new current version of the named watch list, then queue the
    re-screening of every programme's active organisations. A file whose checksum equals the
    current version's stores nothing. A malformed file raises the core's SourceError (a clear
    message) before anything is stored; an empty file, one dated in the future, or one older
    than the version in force raises ListImportRefused (``force`` lets the first and last
    through)."""
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise ListNameError("Give the list a name of 1 to 200 characters, e.g. 'OFAC SDN'.")
    loaded = load_source(Path(path), name)
    current = (
        ListVersion.objects.select_related("watch_list")
        .filter(watch_list__name=name, is_current=True)
        .first()
    )
    if current is not None and current.checksum == loaded.meta.checksum:
        return ImportOutcome(current, created=False)
    date, is_import_date = _publication_date(loaded.meta.publication_date, published)
    if date > timezone.localdate():
        raise ListImportRefused(
            f"{name}: the publication date {date.isoformat()} is in the future; nothing was "
            "stored. Give the date the list was published (--published)."
        )
    why = _refusal(loaded, current, date, is_import_date)
    if why and not force:
        raise ListImportRefused(f"{name}: {why}. Nothing was stored.")
    version = _store(loaded, name, user, date, is_import_date)
    rescreenings: list[Screening] = []
    if rescreen:
        from partnerpath.screening.runs import rescreen_after_list_update

        rescreenings = rescreen_after_list_update(version)
    return ImportOutcome(version, created=True, rescreenings=rescreenings)


def current_versions() -> list[ListVersion]:
    """The current version of every watch list, by list name."""
    return list(
        ListVersion.objects.filter(is_current=True)
        .select_related("watch_list")
        .order_by("watch_list__name")
    )


def lists_with_versions() -> list[WatchList]:
    """Every watch list with its versions, newest first (three queries whatever their number)."""
    return list(WatchList.objects.prefetch_related("versions__imported_by").order_by("name"))


def entity_of(row: tuple[Any, ...]) -> Entity:
    """A stored list entry (values row) as the core's entity."""
    version_id, entity_id, schema, names, countries, identifiers, birth_dates, dataset = row
    return Entity(
        id=f"{version_id}{ID_SEPARATOR}{entity_id}",
        schema=Schema(schema),
        names=tuple(names),
        countries=frozenset(countries),
        identifiers=frozenset(identifiers),
        birth_dates=frozenset(birth_dates),
        dataset=dataset,
    )


def entry_key(entity: Entity) -> tuple[int, str]:
    """The (version id, id on the list) of an entity built by entity_of."""
    version_id, entity_id = entity.id.split(ID_SEPARATOR, 1)
    return int(version_id), entity_id


def _load_entities(versions: list[ListVersion]) -> Iterator[Entity]:
    rows = (
        ListEntry.objects.filter(version__in=versions)
        .order_by("version_id", "id")
        .values_list(
            "version_id",
            "entity_id",
            "schema",
            "names",
            "countries",
            "identifiers",
            "birth_dates",
            "dataset",
        )
    )
    for row in rows.iterator(chunk_size=5000):
        yield entity_of(row)


_index_lock = threading.Lock()
_index_cache: dict[tuple[tuple[int, str, int], ...], ScreeningIndex] = {}


def index_for(versions: list[ListVersion]) -> ScreeningIndex:
    """The screening index over the given list versions, built once per process and kept until
    the versions change (only the latest set is kept, so memory stays bounded)."""
    key = tuple(sorted((v.pk, v.checksum, v.entity_count) for v in versions))
    with _index_lock:
        index = _index_cache.get(key)
        if index is None:
            index = ScreeningIndex.build(_load_entities(versions))
            _index_cache.clear()
            _index_cache[key] = index
        return index

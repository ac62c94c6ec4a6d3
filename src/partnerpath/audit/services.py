"""Reading the history of records: one record, several records of one kind, a record with the
records attached to it (found from what the history recorded, so deleted ones are found too), and
a whole programme's history filtered by kind, person, action and dates."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from partnerpath.audit.models import Change
from partnerpath.audit.recorder import audited_models


def history_of(*objects: models.Model) -> QuerySet[Change]:
    """The changes of the given records, newest first."""
    condition = Q(pk__in=[])
    for obj in objects:
        ct = ContentType.objects.get_for_model(type(obj))
        condition |= Q(content_type=ct, object_id=str(obj.pk))
    return Change.objects.filter(condition).select_related("actor", "content_type")


def history_of_related(
    parent_filter: dict[str, Any], model: type[models.Model], ids: list[Any]
) -> QuerySet[Change]:
    """The changes of several records of one model (e.g. an organisation's contacts)."""
    ct = ContentType.objects.get_for_model(model)
    return Change.objects.filter(
        content_type=ct, object_id__in=[str(i) for i in ids], **parent_filter
    )


def kind_key(model: type[models.Model]) -> str:
    """How a kind of record is named in links and filters: "registry.organisation"."""
    return model._meta.label_lower


def audited_kind(key: str) -> type[models.Model] | None:
    """The audited model a kind key names, or None."""
    return next((m for m in audited_models() if kind_key(m) == key), None)


def _naming_fk(child: type[models.Model], field: str, pk: Any) -> QuerySet[Change, Any]:
    """Ids of ``child`` records whose recorded values ever pointed ``field`` at ``pk`` (created
    with it, moved to or from it, deleted while pointing at it)."""
    ct = ContentType.objects.get_for_model(child)
    return (
        Change.objects.filter(content_type=ct)
        .filter(Q(**{f"changes__{field}__old": pk}) | Q(**{f"changes__{field}__new": pk}))
        .values("object_id")
    )


def family_history(
    model: type[models.Model],
    pk: Any,
    *,
    programme_id: int | None = None,
    hidden: Collection[type[models.Model]] = (),
) -> QuerySet[Change]:
    """The changes of one record and of every audited record attached to it by a foreign key (an
    organisation's contacts, key individuals, sources, links, hits...; an interaction's
    follow-ups; a contact's connections), newest first. Attached records are found from the
    history itself, so those deleted since (and a deleted record's own history) still show.
    Records that merely mention it in a list (interactions naming an organisation) keep their
    own history. Kinds in ``hidden`` are left out."""
    audited = set(audited_models())
    condition = Q(content_type=ContentType.objects.get_for_model(model), object_id=str(pk))
    for rel in model._meta.related_objects:
        child = rel.related_model
        if rel.many_to_many or child not in audited or child in hidden:
            continue
        ct = ContentType.objects.get_for_model(child)
        condition |= Q(content_type=ct, object_id__in=_naming_fk(child, rel.field.name, pk))
    changes = Change.objects.filter(condition)
    if programme_id is not None:
        changes = changes.filter(programme_id=programme_id)
    return changes.select_related("actor", "content_type")


def programme_history(
    programme_id: int,
    *,
    hidden: Collection[type[models.Model]] = (),
    kind: type[models.Model] | None = None,
    actor: str = "",
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Change]:
    """Every change of a programme's records, newest first, narrowed by kind of record, by who
    made it (as shown in the history), by action and by date; kinds in ``hidden`` left out."""
    changes = Change.objects.filter(programme_id=programme_id)
    if hidden:
        cts = ContentType.objects.get_for_models(*hidden).values()
        changes = changes.exclude(content_type__in=[ct.pk for ct in cts])
    if kind is not None:
        changes = changes.filter(content_type=ContentType.objects.get_for_model(kind))
    if actor:
        changes = changes.filter(actor_label=actor)
    if action:
        changes = changes.filter(action=action)
    if date_from:
        changes = changes.filter(at__date__gte=date_from)
    if date_to:
        changes = changes.filter(at__date__lte=date_to)
    return changes.select_related("actor", "content_type")


def actors_of(programme_id: int) -> list[str]:
    """Everyone who changed the programme's records, as the history shows them."""
    labels = (
        Change.objects.filter(programme_id=programme_id)
        .order_by()
        .values_list("actor_label", flat=True)
        .distinct()
    )
    return sorted(set(labels), key=str.casefold)

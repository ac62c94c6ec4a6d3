"""The programme's history as a page: which kinds of record a member may see changes of, the
filter of the History page, and the history of one record with the records attached to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import QuerySet

from partnerpath.accounts.models import Invitation, Membership
from partnerpath.audit import services as audit
from partnerpath.audit.models import Change
from partnerpath.audit.recorder import audited_models

# How many changes a record's page shows before it links to the History page.
ON_A_PAGE = 30


def hidden_kinds(membership: Membership) -> set[type[models.Model]]:
    """Kinds of record whose changes this member may not read in the History page: incident
    notes without the incident-notes right, team changes (roles, invitations' e-mail addresses)
    unless an admin, and raters' scores for everyone (a rater sees others' scores only after
    submitting, in the round's results)."""
    from partnerpath.diligence.services import may_read_incidents

    hidden: set[type[models.Model]] = set()
    if not may_read_incidents(membership):
        hidden.add(apps.get_model("diligence", "IncidentNote"))
    if not membership.can_manage:
        hidden |= {Membership, Invitation}
    if apps.is_installed("partnerpath.prioritisation"):
        hidden.add(apps.get_model("prioritisation", "Score"))
    return hidden


def kind_choices(membership: Membership) -> list[tuple[str, str]]:
    """The kinds of record a member can filter the History page by, by their names."""
    hidden = hidden_kinds(membership)
    kinds = [m for m in audited_models() if m not in hidden]
    return sorted(
        ((audit.kind_key(m), str(m._meta.verbose_name).capitalize()) for m in kinds),
        key=lambda pair: pair[1],
    )


@dataclass(frozen=True)
class HistoryFilter:
    """What the History page is narrowed to (web and links alike)."""

    kind: str = ""
    record: str = ""
    actor: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def changes_for(membership: Membership, flt: HistoryFilter) -> QuerySet[Change]:
    """The changes a member may read, narrowed by the filter; with a kind and a record, that
    record's own changes and those of the records attached to it, deleted ones included."""
    hidden = hidden_kinds(membership)
    model = audit.audited_kind(flt.kind) if flt.kind else None
    programme_id = membership.programme_id
    if model is not None and model in hidden:
        return Change.objects.none()
    if model is not None and flt.record:
        changes = audit.family_history(
            model, _pk(model, flt.record), programme_id=programme_id, hidden=hidden
        )
        return _narrow(changes, flt)
    return audit.programme_history(
        programme_id,
        hidden=hidden,
        kind=model,
        actor=flt.actor,
        action=flt.action,
        date_from=flt.date_from,
        date_to=flt.date_to,
    )


def _pk(model: type[models.Model], record: str) -> Any:
    """The record's primary key in the type its history stores (a number for most records)."""
    field = model._meta.pk
    if isinstance(field, (models.AutoField, models.BigAutoField, models.IntegerField)):
        return int(record)
    return record


def _narrow(changes: QuerySet[Change], flt: HistoryFilter) -> QuerySet[Change]:
    if flt.actor:
        changes = changes.filter(actor_label=flt.actor)
    if flt.action:
        changes = changes.filter(action=flt.action)
    if flt.date_from:
        changes = changes.filter(at__date__gte=flt.date_from)
    if flt.date_to:
        changes = changes.filter(at__date__lte=flt.date_to)
    return changes


def record_name(kind: str, record: str, programme_id: int) -> str:
    """How a record read when its last change was recorded (it may be deleted since)."""
    model = audit.audited_kind(kind)
    if model is None:
        return ""
    last = (
        audit.history_of_related({"programme_id": programme_id}, model, [record])
        .order_by("-at", "-id")
        .values_list("object_repr", flat=True)
        .first()
    )
    return last or f"{model._meta.verbose_name} #{record}"


def record_history(
    obj: models.Model, membership: Membership, limit: int = ON_A_PAGE
) -> list[Change]:
    """The newest changes of a record and of the records attached to it (deleted ones too), as
    a record's page shows them; the History page has the rest."""
    changes = audit.family_history(
        type(obj), obj.pk, programme_id=membership.programme_id, hidden=hidden_kinds(membership)
    )
    return list(changes[:limit])


def history_params(obj: models.Model) -> dict[str, str]:
    """The History page's filter for one record and the records attached to it."""
    return {"kind": audit.kind_key(type(obj)), "record": str(obj.pk)}

"""Signal handlers that write a Change for every create, update and delete of an audited model."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from partnerpath.audit.choices import Action
from partnerpath.audit.context import current_actor, current_reason, is_suspended
from partnerpath.audit.models import Change

_REGISTRY: dict[type[models.Model], frozenset[str]] = {}
_ALWAYS_IGNORED = frozenset({"id", "created_at", "updated_at"})


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, (list, dict, str, int, float, bool)) or value is None:
        return value
    return str(value)


def _tracked_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    ignored = _REGISTRY[model]
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in ignored and f.name not in _ALWAYS_IGNORED
    ]


def _snapshot(instance: models.Model) -> dict[str, Any]:
    return {f.name: _plain(getattr(instance, f.attname)) for f in _tracked_fields(type(instance))}


def _programme_id(instance: models.Model) -> int | None:
    pid = getattr(instance, "audit_programme_id", None)
    return int(pid) if pid is not None else None


def _repr(instance: models.Model) -> str:
    """How the record reads; its name captured before a delete, since a cascade may already have
    removed what its name is made of."""
    kept = getattr(instance, "_audit_repr", None)
    if kept is not None:
        return str(kept)
    try:
        return str(instance)[:300]
    except ObjectDoesNotExist:
        return f"{instance._meta.verbose_name} #{instance.pk}"


def _write(instance: models.Model, action: str, changes: dict[str, Any]) -> None:
    actor = current_actor()
    Change.objects.create(
        programme_id=_programme_id(instance),
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=_repr(instance)[:300],
        action=action,
        actor=actor.user,
        actor_label=actor.label[:150],
        changes=changes,
        reason=current_reason(),
    )


def _before_save(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kw: Any
) -> None:
    if raw or is_suspended() or instance._state.adding or instance.pk is None:
        instance._audit_old = None  # type: ignore[attr-defined]
        return
    names = [f.attname for f in _tracked_fields(sender)]
    old = sender._default_manager.filter(pk=instance.pk).values(*names).first()
    if old is not None:
        fields = {f.attname: f.name for f in _tracked_fields(sender)}
        old = {fields[k]: _plain(v) for k, v in old.items()}
    instance._audit_old = old  # type: ignore[attr-defined]


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **kw: Any
) -> None:
    if raw or is_suspended():
        return
    new = _snapshot(instance)
    old = getattr(instance, "_audit_old", None)
    if created or old is None:
        changes = {
            k: {"old": None, "new": v} for k, v in new.items() if v not in (None, "", [], {})
        }
        _write(instance, Action.CREATE, changes)
        return
    changes = {k: {"old": old.get(k), "new": v} for k, v in new.items() if old.get(k) != v}
    if changes:
        _write(instance, Action.UPDATE, changes)


def _before_delete(sender: type[models.Model], instance: models.Model, **kw: Any) -> None:
    if not is_suspended():
        instance._audit_repr = _repr(instance)  # type: ignore[attr-defined]


def _after_delete(sender: type[models.Model], instance: models.Model, **kw: Any) -> None:
    if is_suspended():
        return
    old = _snapshot(instance)
    _write(
        instance,
        Action.DELETE,
        {k: {"old": v, "new": None} for k, v in old.items() if v not in (None, "")},
    )


def _m2m(
    sender: Any, instance: models.Model, action: str, pk_set: set[Any] | None, **kw: Any
) -> None:
    if is_suspended() or type(instance) not in _REGISTRY:
        return
    field = next(
        (f for f in type(instance)._meta.many_to_many if f.remote_field.through is sender), None
    )
    if field is None or field.name in _REGISTRY[type(instance)]:
        return
    if action == "pre_clear":
        current = list(getattr(instance, field.name).values_list("pk", flat=True))
        instance._audit_cleared = current  # type: ignore[attr-defined]
        return
    if action in ("post_add", "post_remove") and pk_set:
        key = "added" if action == "post_add" else "removed"
        _write(instance, Action.UPDATE, {field.name: {key: sorted(_plain(p) for p in pk_set)}})
    elif action == "post_clear":
        cleared = getattr(instance, "_audit_cleared", [])
        if cleared:
            _write(
                instance,
                Action.UPDATE,
                {field.name: {"removed": sorted(_plain(p) for p in cleared)}},
            )


# Through models may not exist yet when a model is decorated, so listen to all and filter.
m2m_changed.connect(_m2m, dispatch_uid="audit-m2m")


def audited(*, exclude: tuple[str, ...] = ()) -> Any:
    """Class decorator: record every create, update and delete of this model in its history."""

    def register(model: type[models.Model]) -> type[models.Model]:
        _REGISTRY[model] = frozenset(exclude)
        uid = f"audit-{model._meta.label_lower}"
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"{uid}-pre")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"{uid}-post")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"{uid}-predel")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"{uid}-del")
        return model

    return register


def audited_models() -> list[type[models.Model]]:
    """Every model whose changes are recorded."""
    return list(_REGISTRY)

"""Reading the history of records."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from partnerpath.audit.models import Change


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

"""Template filters of the history: linked records named, in one query per kind of record."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from partnerpath.audit.models import Change, attach_labels

register = template.Library()


@register.filter
def labelled(changes: Iterable[Change]) -> list[Change]:
    """The changes, ready to show each linked record by its name."""
    return attach_labels(changes)

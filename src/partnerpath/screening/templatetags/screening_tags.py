"""Template filters of the screening pages."""

from __future__ import annotations

from django import template

from partnerpath.screening.choices import HitStatus

register = template.Library()

_STATUS_CLASSES: dict[str, str] = {
    HitStatus.NEW: "warn",
    HitStatus.AWAITING_SECOND_PERSON: "warn",
    HitStatus.TRUE_MATCH: "bad",
    HitStatus.NEEDS_ESCALATION: "bad",
    HitStatus.FALSE_POSITIVE: "ok",
}


@register.filter
def feature_label(name: str) -> str:
    """name_similarity -> Name similarity."""
    return name.replace("_", " ").capitalize()


@register.filter
def status_class(status: str) -> str:
    """The tag colour of a hit status."""
    return _STATUS_CLASSES.get(status, "")

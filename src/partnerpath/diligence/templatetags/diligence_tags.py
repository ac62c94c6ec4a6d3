"""Template filters of due diligence."""

from __future__ import annotations

from django import template

from partnerpath.core.risk.checklist import ANSWER_LABELS, Answer

register = template.Library()

_TAGS = {
    "low": "ok",
    "medium": "warn",
    "high": "bad",
    "very high": "bad",
    "unacceptable": "bad",
    "signed off": "ok",
    "in progress": "warn",
    "expired": "bad",
    "superseded": "",
}


@register.filter
def tag_class(value: object) -> str:
    """The CSS class of a level, rating or status tag (low -> ok, high -> bad)."""
    return _TAGS.get(str(getattr(value, "value", value) or ""), "")


@register.filter
def answer_label(value: str) -> str:
    """no_concern -> No concern."""
    try:
        return ANSWER_LABELS[Answer(value)]
    except ValueError:
        return ""

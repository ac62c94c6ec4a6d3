"""Small helpers for forms shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models


def error_summary(form: forms.BaseForm) -> str:
    """All of a form's errors in one sentence, for a message after a redirect."""
    return "; ".join(str(message) for errors in form.errors.values() for message in errors)


def https_urls(field: models.Field[Any, Any], **kwargs: Any) -> Any:
    """Model form fields where a web address typed without a scheme is taken as https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)

"""Small helpers for forms shared by every app."""

from __future__ import annotations

from django import forms


def error_summary(form: forms.BaseForm) -> str:
    """All of a form's errors in one sentence, for a message after a redirect."""
    return "; ".join(str(message) for errors in form.errors.values() for message in errors)

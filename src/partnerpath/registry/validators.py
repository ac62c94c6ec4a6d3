"""Field validators of the registry."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from partnerpath.core.countries import is_country_code
from partnerpath.core.identifiers import lei_problem


def validate_country_code(value: str) -> None:
    """An ISO 3166-1 alpha-2 code such as TH or VN."""
    if value and not is_country_code(value):
        raise ValidationError(
            f"{value!r} is not an ISO 3166 country code (for example TH, VN, MM)."
        )


def validate_lei(value: str) -> None:
    """A Legal Entity Identifier: 20 characters with valid check digits."""
    problem = lei_problem(value) if value else None
    if problem:
        raise ValidationError(problem)


def validate_upload_size(file: Any) -> None:
    """Uploaded documents stay under the configured limit."""
    limit = settings.UPLOAD_MAX_BYTES
    if file is not None and getattr(file, "size", 0) > limit:
        raise ValidationError(f"The file is larger than the limit of {limit // (1024 * 1024)} MB.")

"""API errors: every failure answers JSON that says what is wrong, never a bare 500 page."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus model validation and integrity errors as 400 with their message, and
    a delete that other records forbid as 409 saying which kinds of record."""
    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, (ProtectedError, RestrictedError)):
        return Response({"detail": _kept_because(exc)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, IntegrityError):
        logger.info("Integrity error in API: %s", exc)
        return Response(
            {"detail": "This would duplicate or break a link to an existing record."},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return None


def _kept_because(exc: ProtectedError | RestrictedError) -> str:
    """What a delete was refused for: the kinds of record that depend on it, counted (never their
    names, which the user's role may not be allowed to read)."""
    found = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
    counts: dict[tuple[str, str], int] = {}
    for obj in found:
        key = (str(obj._meta.verbose_name), str(obj._meta.verbose_name_plural))
        counts[key] = counts.get(key, 0) + 1
    kinds = ", ".join(f"{n} {one if n == 1 else many}" for (one, many), n in sorted(counts.items()))
    one = sum(counts.values()) == 1
    return (
        f"Not deleted: {kinds or 'other records'} {'depends' if one else 'depend'} on it. "
        f"Change or remove {'it' if one else 'them'} first; nothing was changed."
    )

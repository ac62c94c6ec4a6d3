"""Authentication backend that refuses a username after repeated failures."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from partnerpath.accounts import services


class ThrottledModelBackend(ModelBackend):
    """Django's model backend, but locked for a while after too many failed attempts."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username and services.is_locked_out(username, services.client_ip(request)):
            # PermissionDenied stops every backend and still fires user_login_failed.
            raise PermissionDenied("Too many failed sign-in attempts.")
        return super().authenticate(request, username=username, password=password, **kwargs)

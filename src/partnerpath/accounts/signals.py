"""Record failed logins so the backend can throttle them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from partnerpath.accounts import services


@receiver(user_login_failed)
def record_failed_login(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    """Each failed attempt counts towards the lock-out."""
    services.record_login_failure(str(credentials.get("username", "")), services.client_ip(request))

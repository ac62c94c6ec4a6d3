"""Steps that several browser tests share."""

from __future__ import annotations

from typing import Any


def log_in(page: Any, username: str, password: str) -> None:
    """Sign in through the login form."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()

"""Shared helpers for the access tables each app keeps of its pages."""

from __future__ import annotations

from typing import Any

from django.urls import get_resolver


def call_page(client: Any, method: str, url: str) -> Any:
    """Request a page the way its table says: an empty POST for actions, else a GET."""
    return client.post(url, {}) if method == "post" else client.get(url)


def page_names(namespace: str) -> set[str]:
    """The URL names an app's namespace defines, to check that its access table misses none."""
    resolver = next(
        r for r in get_resolver().url_patterns if getattr(r, "namespace", None) == namespace
    )
    return {p.name for p in resolver.url_patterns}

"""URLs of the screening app, under /p/<programme>/."""

from django.urls import path  # noqa: F401

app_name = "screening"

urlpatterns: list = []  # type: ignore[type-arg]

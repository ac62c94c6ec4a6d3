"""URLs of the diligence app, under /p/<programme>/."""

from django.urls import path  # noqa: F401

app_name = "diligence"

urlpatterns: list = []  # type: ignore[type-arg]

"""URLs of the prioritisation app, under /p/<programme>/prioritisation/."""

from django.urls import path  # noqa: F401

app_name = "prioritisation"

urlpatterns: list = []  # type: ignore[type-arg]

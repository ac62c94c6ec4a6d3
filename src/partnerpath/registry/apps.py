"""Registry: organisations, their profile and sources, key individuals and contacts."""

from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "partnerpath.registry"
    label = "registry"
    verbose_name = "Organisation registry"

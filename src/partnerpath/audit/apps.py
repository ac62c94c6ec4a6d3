"""Audit: the history of every change to programme data."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "partnerpath.audit"
    label = "audit"
    verbose_name = "History"

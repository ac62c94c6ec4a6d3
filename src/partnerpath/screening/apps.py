"""Screening: watch-list versions, screening runs, hits and their adjudication."""

from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "partnerpath.screening"
    label = "screening"
    verbose_name = "Watch-list screening"

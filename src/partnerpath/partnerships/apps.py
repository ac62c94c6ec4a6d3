"""Partnerships: the development journey, stage gates, trust work, agreements, health checks."""

from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerpath.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

"""Engagement: connections between people, the interaction log, follow-ups and check-ins."""

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "partnerpath.engagement"
    label = "engagement"
    verbose_name = "Engagement log"

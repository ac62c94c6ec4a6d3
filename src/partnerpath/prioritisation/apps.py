"""Prioritisation: opportunities, score-card templates, rounds, raters, results and the pipeline."""

from django.apps import AppConfig


class PrioritisationConfig(AppConfig):
    name = "partnerpath.prioritisation"
    label = "prioritisation"
    verbose_name = "Prioritisation"

"""Assessments: where a company stands on the Maturity Spectrum, and the programme's own PSE
readiness, both computed by the rubric engine in partnerpath.core.rubric."""

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "partnerpath.assessments"
    label = "assessments"
    verbose_name = "Assessments"

"""Due diligence: country and goods risk, the checklist, the risk protocol and incident notes."""

from django.apps import AppConfig


class DiligenceConfig(AppConfig):
    name = "partnerpath.diligence"
    label = "diligence"
    verbose_name = "Due diligence"

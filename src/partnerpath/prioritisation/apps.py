"""Prioritisation: opportunities, score-card templates, rounds, raters, results and the pipeline."""

from django.apps import AppConfig
from django.db.models.signals import post_save


class PrioritisationConfig(AppConfig):
    name = "partnerpath.prioritisation"
    label = "prioritisation"
    verbose_name = "Prioritisation"

    def ready(self) -> None:
        # A new programme gets the default score card here, so accounts never imports
        # prioritisation and reading pages never store it.
        from partnerpath.accounts.models import Programme
        from partnerpath.prioritisation.services.templates import store_default_card

        post_save.connect(
            store_default_card, sender=Programme, dispatch_uid="prioritisation-default-card"
        )

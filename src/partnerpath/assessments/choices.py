"""Choices of the assessments app."""

from django.db import models


class Kind(models.TextChoices):
    """What is assessed: a company's maturity, or the programme's own PSE readiness."""

    MATURITY = "maturity", "Maturity Spectrum"
    PSE = "pse", "PSE readiness"


class Status(models.TextChoices):
    """A draft changes; a final assessment is locked and counts in the portfolio."""

    DRAFT = "draft", "draft"
    FINAL = "final", "final"


class Source(models.TextChoices):
    """Who answered: the programme's assessor, or the company itself through a private link."""

    PROGRAMME = "programme", "programme"
    COMPANY = "company", "company self-assessment"


class Review(models.TextChoices):
    """The programme's review of a company's self-assessed answer."""

    PENDING = "pending", "to review"
    ACCEPTED = "accepted", "accepted"
    ADJUSTED = "adjusted", "adjusted"


# The packaged rubric family each kind starts new assessments with (its newest version).
RUBRIC_NAMES = {Kind.MATURITY: "maturity", Kind.PSE: "pse-readiness"}

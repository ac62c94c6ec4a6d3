"""Models of prioritisation: partnership opportunities, the programme's score-card template
versions, weights agreed on record, scoring rounds with their raters' sheets, and the scores."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from partnerpath.audit.recorder import audited
from partnerpath.core.scorecard.template import Template
from partnerpath.core.scorecard.template_files import template_from_data
from partnerpath.core.scorecard.weights import (
    GROUPS,
    Consistency,
    Weights,
    consistency_from_data,
    template_weights,
)
from partnerpath.prioritisation.choices import (
    OpportunityStatus,
    OrganisationRole,
    PartnershipType,
    RoundStatus,
    WeightMethod,
)
from partnerpath.registry.choices import Sector
from partnerpath.registry.fields import CodeListField
from partnerpath.registry.models import Organisation, ProgrammeOwned


@audited()
class Opportunity(ProgrammeOwned):
    """A partnership concept the programme might develop, scored on the score card."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="OpportunityOrganisation", related_name="opportunities", blank=True
    )
    sector = models.CharField(max_length=30, choices=Sector.choices, blank=True)
    countries = CodeListField()
    partnership_type = models.CharField(
        "proposed partnership type", max_length=20, choices=PartnershipType.choices, blank=True
    )
    estimated_cost = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True, help_text="ISO code, e.g. USD or THB.")
    duration_months = models.PositiveIntegerField("duration (months)", null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=OpportunityStatus.choices, default=OpportunityStatus.IDEA
    )
    status_reason = models.TextField(
        "reason for the status", blank=True, help_text="Required when the opportunity is dropped."
    )

    class Meta:
        ordering = ["title", "id"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=OpportunityStatus.DROPPED, status_reason=""),
                name="dropped_opportunity_has_reason",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.status == OpportunityStatus.DROPPED and not self.status_reason.strip():
            raise ValidationError({"status_reason": "Say why the opportunity is dropped."})


@audited()
class OpportunityOrganisation(ProgrammeOwned):
    """An organisation involved in an opportunity, with its role."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=OrganisationRole.choices)

    class Meta:
        ordering = ["opportunity", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "organisation", "role"], name="one_role_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()}) in {self.opportunity}"


@audited()
class ScorecardTemplateVersion(ProgrammeOwned):
    """A score-card template as the programme uses it: the default card or a tailored version.
    The document is the template in the core's file format; it never changes once stored."""

    name = models.CharField(max_length=80)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    document = models.JSONField()
    based_on = models.CharField(max_length=100, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name", "version"], name="one_template_version"
            )
        ]

    def __str__(self) -> str:
        return self.template_id

    @property
    def template_id(self) -> str:
        """The id results store, e.g. scorecard-default-v1."""
        return f"{self.name}-v{self.version}"

    @cached_property
    def template(self) -> Template:
        """The core's template."""
        return template_from_data(self.document, self.template_id)


@audited()
class WeightDecision(ProgrammeOwned):
    """Weights agreed for a template version: who agreed them, when, why and how."""

    template_version = models.ForeignKey(
        ScorecardTemplateVersion, on_delete=models.PROTECT, related_name="weight_decisions"
    )
    method = models.CharField(max_length=10, choices=WeightMethod.choices)
    entered = models.JSONField(
        default=dict, help_text="What people entered: percentages, or the pairwise judgements."
    )
    factor_weights = models.JSONField(help_text="Each factor's share of the total (sums to 1).")
    group_weights = models.JSONField(help_text="Each group's share of the total (sums to 1).")
    consistency_ratio = models.FloatField(
        null=True, blank=True, help_text="The highest consistency ratio of the AHP matrices."
    )
    consistency = models.JSONField(
        default=list,
        blank=True,
        help_text="AHP: each comparison matrix (the groups, then the factors of each group "
        "compared) with its priorities and consistency ratio.",
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreed_on = models.DateField()
    reason = models.TextField(help_text="Why these weights: the discussion that led to them.")

    class Meta:
        ordering = ["-agreed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="weights_have_reason")
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} weights of {self.agreed_on:%d %b %Y} ({self.pk})"

    def as_weights(self) -> Weights:
        """The core's weights."""
        checks = tuple(consistency_from_data(c) for c in self.consistency)
        if not checks and self.consistency_ratio is not None:  # recorded before matrices were kept
            items = tuple(self.group_weights)
            checks = (Consistency(items, 0.0, 0.0, self.consistency_ratio, "", GROUPS),)
        return Weights(dict(self.factor_weights), dict(self.group_weights), self.method, checks)

    def checks(self) -> list[Consistency]:
        """The AHP matrices with their consistency ratios, the groups' first."""
        return list(self.as_weights().consistency) if self.method == "ahp" else []


@audited()
class Round(ProgrammeOwned):
    """One scoring round (internal team, programme team, donor) with its raters and scope. It
    keeps the template version and weights it was scored with."""

    name = models.CharField(max_length=120, help_text="e.g. Internal team, Programme team, Donor.")
    template_version = models.ForeignKey(
        ScorecardTemplateVersion, on_delete=models.PROTECT, related_name="rounds"
    )
    weight_decision = models.ForeignKey(
        WeightDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rounds",
        help_text="Empty: the template's default weights.",
    )
    raters = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    opportunities: models.ManyToManyField[Opportunity, RoundOpportunity] = models.ManyToManyField(
        Opportunity, through="RoundOpportunity", related_name="rounds"
    )
    top_k = models.PositiveSmallIntegerField(
        "top k",
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="How many opportunities the pipeline can take: the sensitivity tests this top.",
    )
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        """Still taking scores."""
        return self.status == RoundStatus.OPEN

    def weights(self) -> Weights:
        """The agreed weights, or the template's defaults."""
        if self.weight_decision is not None:
            return self.weight_decision.as_weights()
        return template_weights(self.template_version.template)


class RoundOpportunity(models.Model):
    """An opportunity in a round's scope. An opportunity put in a round cannot be deleted (its
    scores stay on record): it is dropped or parked instead."""

    # The table Django made for the many-to-many field before it had this model (migration 0003).
    round = models.ForeignKey(Round, on_delete=models.CASCADE)
    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT)

    class Meta:
        db_table = "prioritisation_round_opportunities"
        unique_together = [("round", "opportunity")]

    def __str__(self) -> str:
        return f"{self.opportunity_id} in round {self.round_id}"


@audited()
class RaterSheet(ProgrammeOwned):
    """One rater's scores in one round; locked once submitted."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sheets")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who submitted the sheet: the rater, or a team member for an offline rater "
        "(empty on sheets submitted before this was kept: by the rater).",
    )

    class Meta:
        ordering = ["round", "rater__username"]
        constraints = [
            models.UniqueConstraint(fields=["round", "rater"], name="one_sheet_per_rater")
        ]

    def __str__(self) -> str:
        return f"Score sheet of {self.rater} in {self.round}"

    @property
    def is_locked(self) -> bool:
        """Submitted: its scores no longer change."""
        return self.submitted_at is not None

    @property
    def submitted_on_behalf(self) -> bool:
        """Submitted by a team member for an offline rater."""
        return self.submitted_by_id is not None and self.submitted_by_id != self.rater_id


@audited()
class Score(ProgrammeOwned):
    """A rater's score of one factor of one opportunity (1-5), or an abstention for lack of
    information, with the rationale."""

    sheet = models.ForeignKey(RaterSheet, on_delete=models.CASCADE, related_name="scores")
    # Scores stay on record: an opportunity that was scored cannot be deleted.
    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="+")
    factor = models.CharField(max_length=80)
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    insufficient_information = models.BooleanField(default=False)
    rationale = models.TextField(blank=True)

    class Meta:
        ordering = ["sheet", "opportunity", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sheet", "opportunity", "factor"], name="one_score_per_factor"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="score_between_1_and_5",
            ),
            models.CheckConstraint(
                condition=~models.Q(score__isnull=False, insufficient_information=True),
                name="score_or_abstention",
            ),
        ]

    def __str__(self) -> str:
        shown = "insufficient information" if self.insufficient_information else self.score
        return f"{self.factor}: {shown}"

    @property
    def is_answered(self) -> bool:
        """Scored or marked as insufficient information."""
        return self.score is not None or self.insufficient_information

    def as_cell(self) -> dict[str, Any]:
        """The score as the sheet form shows it."""
        value = "na" if self.insufficient_information else str(self.score or "")
        return {"value": value, "rationale": self.rationale}

"""The health-check form: the date it was held and, for each partner, a light and a comment per
aspect, laid out as a grid (one table per partner, one row per aspect)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone

from partnerpath.partnerships.choices import Light
from partnerpath.partnerships.models import Partner, Partnership
from partnerpath.partnerships.services.health import ASPECTS, NewRating, held_on_problem
from partnerpath.widgets import DateInput


def rating_name(partner: Partner, aspect: str) -> str:
    """The field holding one partner's light for one aspect."""
    return f"light_{partner.pk}_{aspect}"


def comment_name(partner: Partner, aspect: str) -> str:
    """The field holding one partner's comment on one aspect."""
    return f"comment_{partner.pk}_{aspect}"


@dataclass(frozen=True)
class GridRow:
    """One aspect of one partner: its label and the light and comment fields."""

    label: str
    light: forms.BoundField
    comment: forms.BoundField


@dataclass(frozen=True)
class PartnerGrid:
    """One partner's part of the form."""

    partner: Partner
    rows: tuple[GridRow, ...]


class HealthCheckForm(forms.Form):
    """A health check: when it was held and each partner's ratings with comments."""

    held_on = forms.DateField(label="Held on", widget=DateInput())
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What was discussed, what the partners agreed to do about it.",
    )

    def __init__(
        self,
        *args: Any,
        partners: list[Partner],
        dated: bool = True,
        partnership: Partnership | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.partners = partners
        self.partnership = partnership
        if dated:
            self.fields["held_on"].initial = timezone.localdate()
        else:  # a partner answering through a link: the link gives the date, staff the notes
            del self.fields["held_on"], self.fields["notes"]
        for partner in partners:
            who = str(partner.organisation)
            for key, label in ASPECTS:
                self.fields[rating_name(partner, key)] = forms.ChoiceField(
                    label=label,
                    choices=[("", "Not rated"), *Light.choices],
                    required=False,
                )
                self.fields[comment_name(partner, key)] = forms.CharField(
                    label=f"Comment on {label.lower()}",
                    required=False,
                    max_length=2000,
                    widget=forms.TextInput(
                        attrs={"aria-label": f"{who}: comment on {label.lower()}"}
                    ),
                )

    def clean_held_on(self) -> date:
        """A check is recorded once it is held, and not before the partnership was created."""
        held_on: date = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(
                "A health check is recorded after it is held: not a future date."
            )
        problem = held_on_problem(self.partnership, held_on) if self.partnership else ""
        if problem:
            raise forms.ValidationError(problem)
        return held_on

    def clean(self) -> dict[str, Any]:
        """At least one rating; a comment belongs to a rated aspect."""
        data = super().clean() or {}
        rated = False
        for partner in self.partners:
            for key, label in ASPECTS:
                light = data.get(rating_name(partner, key))
                rated = rated or bool(light)
                if data.get(comment_name(partner, key), "").strip() and not light:
                    self.add_error(
                        comment_name(partner, key),
                        f"Choose a light for {label.lower()}, or leave the comment out.",
                    )
        if not rated:
            raise forms.ValidationError(
                "Rate at least one aspect: aspects may be left unrated, but not all of them."
            )
        return data

    def grid(self) -> list[PartnerGrid]:
        """The rating fields per partner, for the template's tables."""
        return [
            PartnerGrid(
                partner,
                tuple(
                    GridRow(
                        label, self[rating_name(partner, key)], self[comment_name(partner, key)]
                    )
                    for key, label in ASPECTS
                ),
            )
            for partner in self.partners
        ]

    def ratings(self) -> list[NewRating]:
        """The lights given, with their comments."""
        found = []
        for partner in self.partners:
            for key, _ in ASPECTS:
                light = self.cleaned_data.get(rating_name(partner, key))
                if light:
                    comment = self.cleaned_data.get(comment_name(partner, key), "").strip()
                    found.append(NewRating(partner, key, light, comment))
        return found


class PartnerChoice(forms.ModelMultipleChoiceField[Partner]):
    """Partners named with their point-person."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.organisation} (point-person: {obj.point_person})"


class AskPartnersForm(forms.Form):
    """Which partners' point-persons get a private link to rate today's check, and for how long."""

    partners = PartnerChoice(
        queryset=Partner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Ask these partners",
        error_messages={"required": "Choose at least one partner to ask."},
    )
    days = forms.IntegerField(
        label="Days the links work", min_value=1, max_value=90, required=False
    )

    def __init__(self, *args: Any, partners: list[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        named = [p for p in partners if p.point_person_id]
        field = self.fields["partners"]
        assert isinstance(field, PartnerChoice)
        field.queryset = Partner.objects.filter(pk__in=[p.pk for p in named]).select_related(
            "organisation", "point_person"
        )
        field.initial = [p.pk for p in named]
        self.fields["days"].help_text = f"1-90; empty: {settings.HEALTH_CHECK_LINK_DAYS} days."

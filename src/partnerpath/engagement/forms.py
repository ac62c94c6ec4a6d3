"""Forms of the engagement log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import inlineformset_factory

from partnerpath.accounts.models import Programme
from partnerpath.engagement.choices import InteractionKind
from partnerpath.engagement.models import Connection, FollowUp, Interaction
from partnerpath.engagement.services import InteractionFilter, interaction_date_problem, team_of
from partnerpath.registry.models import Contact, Organisation
from partnerpath.widgets import DateInput


class InteractionForm(forms.ModelForm):  # type: ignore[type-arg]
    """An interaction with its participants."""

    class Meta:
        model = Interaction
        fields = ["kind", "occurred_on", "title", "organisations", "contacts", "team", "summary"]
        widgets = {
            "occurred_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {"organisations": "Hold Ctrl (or ⌘) to choose several."}

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields  # ModelMultipleChoiceFields
        fields["organisations"].queryset = Organisation.objects.filter(programme=programme)
        fields["contacts"].queryset = Contact.objects.filter(programme=programme).select_related(
            "organisation"
        )
        fields["contacts"].label_from_instance = lambda c: f"{c.name} ({c.organisation.name})"
        fields["team"].queryset = team_of(programme)

    def clean_occurred_on(self) -> Any:
        day = self.cleaned_data.get("occurred_on")
        problem = interaction_date_problem(day)
        if problem:
            raise forms.ValidationError(problem)
        return day


class FollowUpForm(forms.ModelForm):  # type: ignore[type-arg]
    """One follow-up action."""

    class Meta:
        model = FollowUp
        fields = ["description", "owner", "due_on", "done_on"]
        widgets = {
            "due_on": DateInput(),
            "done_on": DateInput(),
        }


FollowUpFormSet = inlineformset_factory(
    Interaction, FollowUp, form=FollowUpForm, extra=2, can_delete=True
)


class ConnectionForm(forms.Form):
    """Two people who know each other."""

    from_person = forms.ChoiceField(label="Person")
    kind = forms.ChoiceField(label="Connection", choices=Connection._meta.get_field("kind").choices)  # type: ignore[arg-type]
    to_person = forms.ChoiceField(label="Other person")
    note = forms.CharField(required=False, max_length=300)

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = [(f"user:{u.pk}", f"{u} (our team)") for u in team_of(programme)]
        contacts = [
            (f"contact:{c.pk}", f"{c.name} ({c.organisation.name})")
            for c in Contact.objects.filter(programme=programme).select_related("organisation")
        ]
        choices: list[Any] = [("", "—"), ("Our team", team), ("Contacts", contacts)]
        self.fields["from_person"].choices = choices  # type: ignore[attr-defined]
        self.fields["to_person"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_person") and data.get("from_person") == data.get("to_person"):
            raise forms.ValidationError("A person cannot be connected to themselves.")
        return data


class InteractionFilterForm(forms.Form):
    """The filter of the engagement log; a bad date is reported, not silently ignored."""

    search = forms.CharField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", "Any"), *InteractionKind.choices])
    organisation = forms.IntegerField(required=False, min_value=1)
    date_from = forms.DateField(required=False, label="From")
    date_to = forms.DateField(required=False, label="To")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        return data

    def to_filter(self) -> InteractionFilter:
        """The valid parts of the filter."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return InteractionFilter(
            search=(data.get("search") or "").strip(),
            kind=data.get("kind") or "",
            organisation=data.get("organisation"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

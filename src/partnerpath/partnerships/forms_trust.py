"""Forms of the trust work: concerns, the buy-in grid, meetings with decisions and action items."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerpath.accounts.models import Programme, User
from partnerpath.core.wording import sentence_end
from partnerpath.engagement.services import interaction_date_problem, team_of
from partnerpath.partnerships.choices import ConcernStatus, Department, Stance
from partnerpath.partnerships.models import BuyIn, Concern, Partner, Partnership
from partnerpath.partnerships.services.trust import ActionItem, BuyInRow
from partnerpath.registry.models import Contact, Organisation
from partnerpath.widgets import DateInput


class ConcernForm(forms.ModelForm):  # type: ignore[type-arg]
    """A concern, fear or deal-breaker as a partner (or the programme team) raises it."""

    class Meta:
        model = Concern
        fields = ["raised_by", "title", "description", "category", "severity", "is_deal_breaker"]
        labels = {"title": "Concern in a few words", "description": "What worries them, and why"}
        widgets: dict[str, forms.Widget] = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The model's checks (a partner of this partnership) need the partnership before saving.
        self.instance.partnership = partnership
        self.instance.programme_id = partnership.programme_id
        field: Any = self.fields["raised_by"]
        field.queryset = partnership.partners.select_related("organisation").order_by("id")
        field.label_from_instance = lambda p: str(p.organisation)
        field.empty_label = "The programme team"
        field.error_messages["invalid_choice"] = (
            "Choose a partner of this partnership, or the programme team."
        )


class ConcernUpdateForm(ConcernForm):
    """A concern's status and resolution, with the reason for the change."""

    reason = forms.CharField(
        label="Why the change",
        required=False,
        max_length=500,
        help_text="Kept in the history. Empty: the resolution is the reason.",
    )

    class Meta(ConcernForm.Meta):
        fields = [*ConcernForm.Meta.fields, "status", "resolution", "resolved_on"]
        labels = {
            **ConcernForm.Meta.labels,
            "resolution": "How it was resolved, or why the partners accept it",
        }
        widgets = {
            **ConcernForm.Meta.widgets,
            "resolution": forms.Textarea(attrs={"rows": 3}),
            "resolved_on": DateInput(),
        }
        help_texts = {
            "resolution": "Needed once the concern is resolved or accepted.",
            "resolved_on": "Empty: today, once resolved or accepted.",
        }


class ConcernFilterForm(forms.Form):
    """Which concerns the list shows."""

    status = forms.ChoiceField(
        required=False,
        label="Status",
        choices=[
            ("", "Any status"),
            ("unsettled", "Open or being resolved"),
            *ConcernStatus.choices,
        ],
    )

    def status_value(self) -> str:
        """The chosen status, or "" for every concern."""
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


class BuyInForm(forms.Form):
    """The buy-in grid of one company partner: every department's stance, champion (one of
    ``contacts``, the people at that partner) and notes."""

    def __init__(
        self,
        *args: Any,
        partner: Partner,
        grid: dict[str, BuyIn],
        contacts: list[Contact],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", f"partner-{partner.pk}")
        kwargs["initial"] = {}
        for department, row in grid.items():
            kwargs["initial"].update(
                {
                    f"{department}_stance": row.stance,
                    f"{department}_champion": row.champion_id or "",
                    f"{department}_notes": row.notes,
                }
            )
        super().__init__(*args, **kwargs)
        self.partner = partner
        # Choices from a list read once, not one query per department.
        self.contacts = {c.pk: c for c in contacts}
        people = [("", "— nobody yet —"), *((c.pk, c.name) for c in contacts)]
        for value, label in Department.choices:
            self.fields[f"{value}_stance"] = forms.ChoiceField(
                label=f"{label}: stance",
                choices=Stance.choices,
                widget=forms.Select(attrs={"aria-label": f"{label}: stance"}),
            )
            self.fields[f"{value}_champion"] = forms.TypedChoiceField(
                label=f"{label}: champion",
                choices=people,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.Select(attrs={"aria-label": f"{label}: champion"}),
                error_messages={
                    "invalid_choice": sentence_end(f"Choose a contact at {partner.organisation}")
                },
            )
            self.fields[f"{value}_notes"] = forms.CharField(
                label=f"{label}: notes",
                required=False,
                widget=forms.TextInput(attrs={"aria-label": f"{label}: notes"}),
            )

    def rows(self) -> list[dict[str, Any]]:
        """The grid's rows for the template: department label and its three bound fields."""
        return [
            {
                "department": label,
                "stance": self[f"{value}_stance"],
                "champion": self[f"{value}_champion"],
                "notes": self[f"{value}_notes"],
            }
            for value, label in Department.choices
        ]

    def buy_in_rows(self) -> list[BuyInRow]:
        """The valid grid as the service saves it."""
        data = self.cleaned_data
        return [
            BuyInRow(
                department=value,
                stance=data[f"{value}_stance"],
                champion=self.contacts.get(data.get(f"{value}_champion") or 0),
                notes=data.get(f"{value}_notes", ""),
            )
            for value in Department.values
        ]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class MeetingForm(forms.Form):
    """A partnership meeting or co-creation workshop, as it is logged in the engagement log."""

    kind = forms.ChoiceField(
        label="Kind",
        choices=[("meeting", "Meeting"), ("workshop", "Co-creation workshop")],
        initial="meeting",
        widget=forms.RadioSelect,
    )
    occurred_on = forms.DateField(label="Date", widget=DateInput())
    title = forms.CharField(label="Title", max_length=200)
    summary = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What was discussed. It is shown in the engagement log.",
    )
    organisations = forms.ModelMultipleChoiceField(
        label="Organisations",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    contacts = forms.ModelMultipleChoiceField(
        label="Their people who took part",
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    team = forms.ModelMultipleChoiceField(
        label="Our team members who took part",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decisions = forms.CharField(
        label="Decisions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One decision per line.",
    )

    def __init__(
        self, *args: Any, partnership: Partnership, programme: Programme, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        organisations = Organisation.objects.filter(
            partnership_roles__partnership=partnership
        ).order_by("name")
        fields["organisations"].queryset = organisations
        fields["contacts"].queryset = (
            Contact.objects.filter(organisation__partnership_roles__partnership=partnership)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )
        fields["contacts"].label_from_instance = lambda c: f"{c.name} ({c.organisation.name})"
        fields["team"].queryset = team_of(programme)

    def clean_occurred_on(self) -> Any:
        """A meeting is logged once it has happened (the engagement log's rule)."""
        day = self.cleaned_data["occurred_on"]
        problem = interaction_date_problem(day)
        if problem:
            raise forms.ValidationError(problem)
        return day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = {o.pk for o in data.get("organisations", [])}
        strays = [c for c in data.get("contacts", []) if c.organisation_id not in chosen]
        if chosen and strays:
            names = ", ".join(f"{c.name} ({c.organisation.name})" for c in strays)
            self.add_error("contacts", f"Also choose their organisation, or leave out: {names}.")
        return data

    def meeting_fields(self) -> dict[str, Any]:
        """What the service records, from the valid form."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "occurred_on": data["occurred_on"],
            "is_workshop": data["kind"] == "workshop",
            "summary": data["summary"],
            "organisations": list(data["organisations"]),
            "contacts": list(data["contacts"]),
            "team": list(data["team"]),
            "decisions": _lines(data["decisions"]),
        }


class DecisionsForm(forms.Form):
    """Decisions to add to a meeting, one per line."""

    decisions = forms.CharField(
        label="Decisions", widget=forms.Textarea(attrs={"rows": 3}), help_text="One per line."
    )

    def texts(self) -> list[str]:
        """The decisions, one per non-empty line."""
        return _lines(self.cleaned_data["decisions"])


class ActionItemForm(forms.Form):
    """One action item: what, who and by when."""

    description = forms.CharField(label="Action", max_length=300)
    owner = forms.ModelChoiceField(
        label="Owner", queryset=User.objects.none(), empty_label="— choose —"
    )
    due_on = forms.DateField(label="Due", required=False, widget=DateInput())

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner: Any = self.fields["owner"]
        owner.queryset = team_of(programme)
        owner.error_messages["invalid_choice"] = "Choose a member of this programme."

    def item(self) -> ActionItem:
        """The action item as the service records it."""
        data = self.cleaned_data
        return ActionItem(data["description"], data["owner"], data.get("due_on"))


ActionItemFormSet = forms.formset_factory(ActionItemForm, extra=3)


def action_items(formset: Any) -> list[ActionItem]:
    """The filled-in action items of a valid formset; empty rows are skipped."""
    return [form.item() for form in formset.forms if form.has_changed() and form.cleaned_data]

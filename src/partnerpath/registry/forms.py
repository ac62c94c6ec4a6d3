"""Forms of the registry; each says exactly what is wrong."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerpath.audit.choices import Action
from partnerpath.core.countries import country_choices
from partnerpath.formtools import https_urls
from partnerpath.registry import history
from partnerpath.registry.choices import LinkKind, Sector
from partnerpath.registry.models import (
    PROFILE_FIELDS,
    RESEARCH_FIELDS,
    Contact,
    KeyIndividual,
    Organisation,
    Policy,
    Source,
)
from partnerpath.registry.validators import (
    other_name_problem,
    other_names_count_problem,
    tidy_names,
)
from partnerpath.widgets import DateInput


def _country_field(label: str, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=required, choices=[("", "—"), *country_choices()]
    )


def _countries_field(label: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=country_choices(),
        help_text="Hold Ctrl (or ⌘) to choose several.",
    )


class OtherNamesField(forms.CharField):
    """Other names typed one per line, read as a list without blanks or repeats."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Other names (one per line)")
        kwargs.setdefault(
            "help_text",
            "Former names, trading names, names in local script (for example the Thai or "
            "Chinese registered name). Each is screened against the watch lists too.",
        )
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, (list, tuple)):
            lines = [str(v) for v in value]
        else:
            lines = str(super().to_python(value) or "").splitlines()
        problems = [
            p for n, line in enumerate(lines, 1) if (p := other_name_problem(line, f"Line {n}"))
        ]
        names = tidy_names(lines)
        count = other_names_count_problem(names)
        if count:
            problems.append(count)
        if problems:
            raise forms.ValidationError(problems)
        return names


class OrganisationForm(forms.ModelForm):  # type: ignore[type-arg]
    """The desk-research profile of an organisation."""

    hq_country = _country_field("Headquarters country")
    countries_of_operation = _countries_field("Countries of operation")
    countries_of_sourcing = _countries_field("Countries of sourcing")
    sectors = forms.MultipleChoiceField(
        required=False, choices=Sector.choices, help_text="Hold Ctrl (or ⌘) to choose several."
    )
    registration_jurisdiction = _country_field("Registration jurisdiction")
    other_names = OtherNamesField()

    class Meta:
        formfield_callback = https_urls
        model = Organisation
        fields = list(PROFILE_FIELDS)
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in (*RESEARCH_FIELDS, "notes")}

    def clean_lei(self) -> str:
        return str(self.cleaned_data.get("lei", "")).strip().upper()


class KeyIndividualForm(forms.ModelForm):  # type: ignore[type-arg]
    """A key person of the organisation."""

    nationality = _country_field("Nationality")
    other_names = OtherNamesField()

    class Meta:
        formfield_callback = https_urls
        model = KeyIndividual
        fields = ["name", "other_names", "role", "nationality", "date_of_birth", "notes"]
        widgets = {"date_of_birth": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}


class PolicyForm(forms.ModelForm):  # type: ignore[type-arg]
    """A published policy or statement."""

    class Meta:
        formfield_callback = https_urls
        model = Policy
        fields = ["kind", "title", "url", "year", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class SourceForm(forms.ModelForm):  # type: ignore[type-arg]
    """Where a fact comes from."""

    class Meta:
        formfield_callback = https_urls
        model = Source
        fields = ["field", "key_individual", "title", "url", "document", "accessed_on", "quote"]
        widgets = {"accessed_on": DateInput(), "quote": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key_individual"].queryset = organisation.key_individuals.all()  # type: ignore[attr-defined]
        self.fields["key_individual"].required = False


class ContactForm(forms.ModelForm):  # type: ignore[type-arg]
    """A person at an organisation."""

    class Meta:
        formfield_callback = https_urls
        model = Contact
        fields = [
            "organisation",
            "name",
            "title",
            "department",
            "email",
            "phone",
            "is_champion",
            "can_commit_resources",
            "is_active",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(programme=programme)  # type: ignore[attr-defined]


class LinkForm(forms.Form):
    """Relate this organisation to another one."""

    kind = forms.ChoiceField(label="This organisation", choices=LinkKind.choices)
    other = forms.ModelChoiceField(label="Organisation", queryset=Organisation.objects.none())
    direction = forms.ChoiceField(
        choices=[("out", "as written: this … other"), ("in", "reversed: other … this")],
        initial="out",
        help_text="Reversed: for example, the other organisation is the parent of this one.",
    )
    note = forms.CharField(required=False, max_length=300)

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            programme_id=organisation.programme_id
        ).exclude(pk=organisation.pk)


class MergeForm(forms.Form):
    """Fold a duplicate into this organisation."""

    duplicate = forms.ModelChoiceField(
        label="Duplicate to fold into this one", queryset=Organisation.objects.none()
    )
    reason = forms.CharField(max_length=300, help_text="Why these are the same organisation.")

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            programme_id=organisation.programme_id
        ).exclude(pk=organisation.pk)


class HistoryFilterForm(forms.Form):
    """The History page's filter; a wrong value is reported and the rest still applies."""

    kind = forms.ChoiceField(label="Kind of record", required=False)
    record = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    actor = forms.ChoiceField(label="Changed by", required=False)
    action = forms.ChoiceField(
        label="Action", required=False, choices=[("", "Any"), *Action.choices]
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput({"type": "date"})
    )
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput({"type": "date"}))

    def __init__(
        self, *args: Any, kinds: list[tuple[str, str]], actors: list[str], **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["kind"].choices = [("", "Any"), *kinds]  # type: ignore[attr-defined]
        self.fields["actor"].choices = [("", "Anyone"), *((a, a) for a in actors)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The end date is before the start date.")
        if data.get("record") and not data.get("kind"):
            self.add_error("kind", "Say which kind of record to show the changes of.")
        return data

    def to_filter(self) -> history.HistoryFilter:
        """The valid parts of the filter."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        record = data.get("record")
        return history.HistoryFilter(
            kind=data.get("kind") or "",
            record=str(record) if record and data.get("kind") else "",
            actor=data.get("actor") or "",
            action=data.get("action") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

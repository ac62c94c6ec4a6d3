"""Forms of due diligence."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerpath.accounts.choices import Role
from partnerpath.accounts.models import Programme
from partnerpath.core.risk.checklist import ANSWER_LABELS, SCALE_ANSWERS, Question, Scale
from partnerpath.diligence.models import (
    ChecklistAnswer,
    IncidentNote,
    ProtocolStep,
    ReferralContact,
    RiskProtocol,
)
from partnerpath.formtools import https_urls


class GoodsForm(forms.Form):
    """Goods an organisation produces, processes or buys."""

    goods = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="One per line or separated by commas, in the words of the DOL List where you "
        "can (e.g. shrimp, palm oil, garments, bricks, electronics).",
    )


class AnswerForm(forms.ModelForm):  # type: ignore[type-arg]
    """One question's answer with its evidence."""

    class Meta:
        formfield_callback = https_urls
        model = ChecklistAnswer
        fields = ["answer", "remediated", "note", "evidence_url", "evidence_document"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, question: Question, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answer = self.fields["answer"]
        answer.label = question.text
        answer.help_text = question.help
        answer.required = True
        answer.choices = [("", "—")] + [  # type: ignore[attr-defined]
            (a.value, ANSWER_LABELS[a]) for a in SCALE_ANSWERS[question.scale]
        ]
        if question.scale is not Scale.CONCERN:
            del self.fields["remediated"]


class SignOffForm(forms.Form):
    """A second person's confirmation of a checklist."""

    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        label="Sign-off note",
        help_text="Conditions, follow-ups or reasons for the decision.",
    )


class ProtocolForm(forms.ModelForm):  # type: ignore[type-arg]
    """The text of the risk protocol."""

    class Meta:
        formfield_callback = https_urls
        model = RiskProtocol
        fields = ["title", "who_is_told", "do_no_harm", "confidentiality", "reviewed_on"]
        widgets = {
            "who_is_told": forms.Textarea(attrs={"rows": 4}),
            "do_no_harm": forms.Textarea(attrs={"rows": 6}),
            "confidentiality": forms.Textarea(attrs={"rows": 3}),
            "reviewed_on": forms.DateInput(attrs={"type": "date"}),
        }


class ReferralContactForm(forms.ModelForm):  # type: ignore[type-arg]
    """Someone a case is referred to."""

    class Meta:
        formfield_callback = https_urls
        model = ReferralContact
        fields = ["name", "organisation_name", "phone", "email", "handles", "hours"]
        widgets = {"handles": forms.Textarea(attrs={"rows": 3})}


class ProtocolStepForm(forms.ModelForm):  # type: ignore[type-arg]
    """One step of the protocol."""

    class Meta:
        formfield_callback = https_urls
        model = ProtocolStep
        fields = ["order", "action", "responsible", "within"]
        widgets = {"action": forms.Textarea(attrs={"rows": 3})}


class IncidentForm(forms.ModelForm):  # type: ignore[type-arg]
    """A suspected or identified case."""

    class Meta:
        formfield_callback = https_urls
        model = IncidentNote
        fields = [
            "organisation",
            "kind",
            "status",
            "title",
            "occurred_on",
            "account",
            "actions_taken",
            "referred_to",
        ]
        widgets = {
            "occurred_on": forms.DateInput(attrs={"type": "date"}),
            "account": forms.Textarea(attrs={"rows": 6}),
            "actions_taken": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "account": "Facts only. Do not record names or details that could identify or "
            "endanger a worker or survivor unless the protocol requires it.",
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from partnerpath.registry.models import Organisation

        self.fields["organisation"].queryset = Organisation.objects.filter(programme=programme)  # type: ignore[attr-defined]
        self.fields["referred_to"].queryset = ReferralContact.objects.filter(programme=programme)  # type: ignore[attr-defined]


_ROLE_CHOICES = [(r.value, r.label) for r in Role if r != Role.ADMIN]


class SettingsForm(forms.Form):
    """Who reads incident notes and how long a checklist holds."""

    incident_roles = forms.MultipleChoiceField(
        choices=_ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Besides programme admins, who may read incident notes",
        help_text="Everyone else never sees incident notes: not listed, not counted.",
    )
    checklist_valid_months = forms.IntegerField(
        min_value=1, max_value=60, label="A signed-off checklist holds for (months)"
    )

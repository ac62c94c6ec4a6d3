"""Forms of the assessments app: one answer form per indicator (prefixed with its id), the
assessment's date, and the private self-assessment link (contact, days, rubric)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from partnerpath.accounts.models import Programme
from partnerpath.assessments import rubrics, services
from partnerpath.assessments.choices import Kind
from partnerpath.assessments.models import AnswerRecord, Assessment
from partnerpath.core.rubric.model import Indicator, Scale
from partnerpath.formtools import https_urls
from partnerpath.registry.models import Contact, Organisation
from partnerpath.widgets import DateInput


class AssessmentForm(forms.ModelForm[Assessment]):
    """When the assessment was made."""

    class Meta:
        model = Assessment
        fields = ["assessed_on"]
        widgets = {"assessed_on": DateInput()}
        formfield_callback = https_urls


class AnswerForm(forms.ModelForm[AnswerRecord]):
    """The answer to one indicator with its evidence; the answer's choices come from its scale."""

    class Meta:
        model = AnswerRecord
        fields = ["value", "note", "evidence_url", "evidence_document", "quote", "evidence_date"]
        widgets = {
            "evidence_date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
            "quote": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"value": "Answer"}
        formfield_callback = https_urls

    def __init__(self, *args: Any, indicator: Indicator, scale: Scale, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", indicator.id)
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        choices = [("", "not answered")] + [
            (o.value, f"{o.label}: {o.anchor}" if o.anchor else o.label) for o in scale.options
        ]
        self.fields["value"] = forms.ChoiceField(
            label="Answer", choices=choices, required=False, widget=forms.RadioSelect
        )
        if indicator.evidence_required:
            self.fields["evidence_url"].help_text = (
                "Evidence required: a positive answer counts as unknown until a web address "
                "or a document backs it."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_evidence = any(data.get(f) for f in ("note", "evidence_url", "quote"))
        if not data.get("value") and (has_evidence or data.get("evidence_document")):
            self.add_error("value", "Choose an answer for this evidence (unknown is allowed).")
        return data


class CompanyAnswerForm(AnswerForm):
    """A company contact's answer: the same scale, evidence as a web address and a quote (the
    company sends no documents: a link to where it shows the evidence takes their place)."""

    class Meta(AnswerForm.Meta):
        fields = ["value", "note", "evidence_url", "quote", "evidence_date"]
        labels = {"value": "Answer", "note": "Comment", "evidence_url": "Where we show it (link)"}

    def __init__(self, *args: Any, indicator: Indicator, scale: Scale, **kwargs: Any) -> None:
        super().__init__(*args, indicator=indicator, scale=scale, **kwargs)
        if indicator.evidence_required:
            self.fields["evidence_url"].help_text = (
                "Evidence required: a positive answer counts as unknown until you give a link "
                "to where you show it (a published policy, report or web page)."
            )


def rubric_choices(programme: Programme) -> list[tuple[str, str]]:
    """The programme's maturity rubrics to choose from, the newest packaged one first (default)."""
    newest = services.newest_rubric(Kind.MATURITY).key
    found = [(newest, f"{newest} (newest packaged)")]
    for c in rubrics.available(programme, Kind.MATURITY):
        if c.key != newest:
            found.append((c.key, f"{c.key} · {c.title}{' (programme)' if c.own else ''}"))
    return found


class InviteForm(forms.Form):
    """Who receives the private self-assessment link, and for how many days it works."""

    contact = forms.ModelChoiceField(queryset=Contact.objects.none(), required=False)
    days = forms.IntegerField(
        label="Link works for (days)", min_value=1, max_value=90, required=False
    )

    rubric = forms.ChoiceField(
        label="Rubric the company answers",
        required=False,
        help_text="The maturity rubric the company answers.",
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = organisation.contacts.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["days"].help_text = f"Empty: {settings.SELF_ASSESSMENT_LINK_DAYS} days."
        self.fields["rubric"].choices = rubric_choices(organisation.programme)  # type: ignore[attr-defined]

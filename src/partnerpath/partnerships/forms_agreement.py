"""Forms of the agreement: its fields with the agreement checklist, an amendment with its
reason, resource contributions and success indicators."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings

from partnerpath.core.lifecycle.agreement import INGREDIENTS
from partnerpath.partnerships.choices import Cadence, InPlaceRating
from partnerpath.partnerships.models import Agreement, Contribution, Partnership, SuccessIndicator
from partnerpath.partnerships.models.agreement import AGREEMENT_EXTENSIONS
from partnerpath.widgets import DateInput

CHECK = "check_"
SIGNATURE_FIELDS = ("still_covered", "coverage_reason")
CURRENCY = re.compile(r"[A-Z]{3}")


def _rows(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def upload_help() -> str:
    """What the signed document may be, in words."""
    limit = settings.UPLOAD_MAX_BYTES // (1024 * 1024)
    return (
        f"The scan or file of the agreement as signed: {', '.join(AGREEMENT_EXTENSIONS)}; "
        f"up to {limit} MB."
    )


class AgreementForm(forms.ModelForm):  # type: ignore[type-arg]
    """The agreement's fields and its checklist, one rating per ingredient."""

    class Meta:
        model = Agreement
        fields = [
            "activities",
            "roles",
            "contributions_agreed",
            "steering_body",
            "cadence",
            "decision_rule",
            "risk_protocol",
            "do_no_harm",
            "review_on",
            "signed_document",
            "signed_on",
        ]
        labels = {
            "steering_body": "Steering body",
            "decision_rule": "Decision rule",
            "risk_protocol": "Risk protocol",
            "signed_document": "Signed document",
            "signed_on": "Signed on",
        }
        widgets = {
            "activities": _rows(4),
            "roles": _rows(4),
            "steering_body": _rows(2),
            "decision_rule": _rows(2),
            "risk_protocol": _rows(3),
            "do_no_harm": _rows(3),
            "review_on": DateInput(),
            "signed_on": DateInput(),
            "signed_document": forms.FileInput(
                attrs={"accept": ",".join(f".{e}" for e in AGREEMENT_EXTENSIONS)}
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_document"].help_text = upload_help()
        self.fields["signed_on"].help_text = "The day the last partner signed."
        cadence = self.fields["cadence"]
        assert isinstance(cadence, forms.ChoiceField)
        cadence.choices = [("", "Not agreed yet"), *Cadence.choices]
        stored = self.instance.checklist or {}
        for ingredient in INGREDIENTS:
            self.fields[CHECK + ingredient.key] = forms.ChoiceField(
                label=f"Checklist: {ingredient.label}",
                choices=[("", "Not rated yet"), *InPlaceRating.choices],
                required=False,
                initial=stored.get(ingredient.key, ""),
                help_text=ingredient.help,
            )

    def clean(self) -> dict[str, Any]:
        """A signed document needs the date it was signed."""
        data = super().clean() or {}
        if "signed_document" in self.changed_data and not data.get("signed_on"):
            self.add_error("signed_on", "Give the date the agreement was signed.")
        return data

    def changed(self) -> list[str]:
        """The agreement's fields that changed (any checklist rating counts as 'checklist')."""
        own = set(self._meta.fields or ())
        found = [n for n in self.changed_data if n in own]
        if any(n.startswith(CHECK) for n in self.changed_data):
            found.append("checklist")
        return found

    def agreement(self) -> Agreement:
        """The agreement with the edited fields and checklist applied (not saved)."""
        agreement: Agreement = self.instance
        agreement.checklist = {
            i.key: self.cleaned_data[CHECK + i.key]
            for i in INGREDIENTS
            if self.cleaned_data.get(CHECK + i.key)
        }
        return agreement

    def checklist_fields(self) -> list[forms.BoundField]:
        """The checklist's fields, for the template to group them."""
        return [self[CHECK + i.key] for i in INGREDIENTS]

    def agreement_fields(self) -> list[forms.BoundField]:
        """Every other visible field (an amendment's signature fields come apart)."""
        return [
            f
            for f in self.visible_fields()
            if not f.name.startswith(CHECK) and f.name not in SIGNATURE_FIELDS
        ]


class AmendForm(AgreementForm):
    """An amendment: the reason it is made, the agreement's fields as they become, and whether
    the amended version is signed: by the signed amendment attached, or by the earlier signed
    document with the reason it still covers the amendment; otherwise it counts as unsigned
    until its signed document is attached."""

    amendment_reason = forms.CharField(
        label="Why the agreement is amended",
        widget=_rows(3),
        help_text="Kept with the version this amendment replaces.",
    )
    still_covered = forms.BooleanField(
        required=False,
        label="The signed document still covers this amendment",
        help_text="Tick only when the partners need not sign again, e.g. the signed agreement "
        "lets the steering body change the work plan.",
    )
    coverage_reason = forms.CharField(
        required=False,
        label="Why it still covers the amendment",
        widget=_rows(2),
        help_text="Shown wherever the agreement counts as signed.",
    )

    def __init__(self, *args: Any, rows_changed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows_changed = rows_changed
        self.was_signed = self.instance.is_signed
        self.fields["signed_document"].help_text = (
            "Attach the signed amendment or the re-signed agreement. Without it, the amended "
            "agreement counts as not signed, unless you say below why the signed document still "
            "covers it. " + upload_help()
        )
        self.order_fields(["amendment_reason"])

    def clean(self) -> dict[str, Any]:
        """An amendment changes something; it is signed by a new document or, with a reason,
        by the earlier one, never by both."""
        data = super().clean()
        if not self.changed() and not self.rows_changed:
            raise forms.ValidationError(
                "Nothing was changed: change what the amendment changes (fields, contributions "
                "or success indicators)."
            )
        if data.get("still_covered"):
            if "signed_document" in self.changed_data:
                self.add_error(
                    "still_covered",
                    "You attached a new signed document, which signs the amended version: "
                    "untick this.",
                )
            elif not self.was_signed:
                self.add_error(
                    "still_covered", "The agreement is not signed, so no signed document covers it."
                )
            elif not (data.get("coverage_reason") or "").strip():
                self.add_error(
                    "coverage_reason", "Say why the signed document still covers the amendment."
                )
        return data

    def covered_by(self) -> str:
        """The reason the earlier signed document still covers the amendment ('' if it does
        not)."""
        if not self.cleaned_data.get("still_covered"):
            return ""
        return str(self.cleaned_data.get("coverage_reason", "")).strip()


class ContributionForm(forms.ModelForm):  # type: ignore[type-arg]
    """What one partner brings: cash, in kind or expertise, with its value."""

    class Meta:
        model = Contribution
        fields = ["partner", "kind", "description", "value", "currency"]
        labels = {"value": "Value (optional)", "currency": "Currency"}
        help_texts = {"currency": "Three-letter ISO code, e.g. USD, THB, EUR."}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.instance.programme_id = partnership.programme_id
        partner = self.fields["partner"]
        assert isinstance(partner, forms.ModelChoiceField)
        partner.queryset = partnership.partners.select_related("organisation").order_by("id")
        self.fields["value"].widget.attrs["min"] = "0"
        self.fields["currency"].widget.attrs.update(
            {"maxlength": "3", "size": "4", "autocapitalize": "characters"}
        )

    def clean_value(self) -> Decimal | None:
        """No negative values."""
        value: Decimal | None = self.cleaned_data.get("value")
        if value is not None and value < 0:
            raise forms.ValidationError("A value cannot be negative.")
        return value

    def clean_currency(self) -> str:
        """Three letters, stored upper-case."""
        code = (self.cleaned_data.get("currency") or "").strip().upper()
        if code and not CURRENCY.fullmatch(code):
            raise forms.ValidationError("Use a three-letter currency code such as USD or THB.")
        return code

    def clean(self) -> dict[str, Any]:
        """A value has a currency."""
        data = super().clean() or {}
        if (
            data.get("value") is not None
            and not data.get("currency")
            and not self.has_error("currency")
        ):
            self.add_error("currency", "Give the currency of the value, e.g. USD.")
        return data


class IndicatorForm(forms.ModelForm):  # type: ignore[type-arg]
    """A success indicator with its target and how it is verified."""

    class Meta:
        model = SuccessIndicator
        fields = ["name", "target", "means_of_verification"]
        labels = {"name": "Indicator"}
        help_texts = {
            "name": "What is measured, e.g. workers recruited without paying fees.",
            "target": "e.g. 500 workers by December.",
            "means_of_verification": "e.g. worker survey by the NGO partner.",
        }

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.instance.programme_id = partnership.programme_id


def saved_rows(formset: Any) -> list[Any]:
    """The rows a valid formset adds or changes (not saved)."""
    return [
        form.instance
        for form in formset.forms
        if form.has_changed() and form not in formset.deleted_forms and form.is_valid()
    ]


def removed_rows(formset: Any) -> list[Any]:
    """The stored rows a valid formset ticks for removal."""
    return [form.instance for form in formset.deleted_forms if form.instance.pk]


# The contributions and success indicators an amendment may add, change or remove.
ContributionFormSet = forms.modelformset_factory(
    Contribution, form=ContributionForm, extra=1, can_delete=True
)
IndicatorFormSet = forms.modelformset_factory(
    SuccessIndicator, form=IndicatorForm, extra=1, can_delete=True
)

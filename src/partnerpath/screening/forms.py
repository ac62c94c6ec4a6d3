"""Forms of the screening app."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerpath.screening.choices import Decision


class DecisionForm(forms.Form):
    """A person's decision on a hit, always with the reason."""

    decision = forms.ChoiceField(
        choices=[("", "—"), *Decision.choices],
        help_text="A hit is a lead, never a verdict: judge the list entry against what you know.",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text="Why: the facts that show it is (or is not) the same person or company.",
    )

    def __init__(self, *args: Any, hit_id: int | None = None, **kwargs: Any) -> None:
        if hit_id is not None:
            kwargs.setdefault("auto_id", f"hit-{hit_id}-%s")
        super().__init__(*args, **kwargs)

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError("Give the reason for the decision.")
        return reason

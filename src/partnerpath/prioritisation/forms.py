"""Forms of prioritisation: opportunities, rounds, weights (direct or pairwise) and a rater's
scores of one opportunity. Tailoring a score card has its own module, forms_tailor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django import forms
from django.utils import timezone

from partnerpath.accounts.models import Programme, User
from partnerpath.core.countries import country_choices
from partnerpath.core.scorecard.template import Group, Template
from partnerpath.core.scorecard.weights import Consistency
from partnerpath.formtools import https_urls
from partnerpath.prioritisation.choices import OpportunityStatus, OrganisationRole
from partnerpath.prioritisation.models import (
    Opportunity,
    Round,
    ScorecardTemplateVersion,
    WeightDecision,
)
from partnerpath.prioritisation.services.opportunities import cost_problem, status_problem
from partnerpath.prioritisation.services.rounds import ABSTAIN, possible_raters
from partnerpath.registry.models import Organisation
from partnerpath.widgets import DateInput

MULTI_HELP = "Hold Ctrl (or ⌘) to choose several."
SAATY = [
    ("9", "9: first extremely more important"),
    ("8", "8: first very strongly to extremely more important"),
    ("7", "7: first very strongly more important"),
    ("6", "6: first strongly to very strongly more important"),
    ("5", "5: first strongly more important"),
    ("4", "4: first moderately to strongly more important"),
    ("3", "3: first moderately more important"),
    ("2", "2: first slightly more important"),
    ("1", "1: equally important"),
    ("1/2", "1/2: second slightly more important"),
    ("1/3", "1/3: second moderately more important"),
    ("1/4", "1/4: second moderately to strongly more important"),
    ("1/5", "1/5: second strongly more important"),
    ("1/6", "1/6: second strongly to very strongly more important"),
    ("1/7", "1/7: second very strongly more important"),
    ("1/8", "1/8: second very strongly to extremely more important"),
    ("1/9", "1/9: second extremely more important"),
]


class OpportunityForm(forms.ModelForm):  # type: ignore[type-arg]
    """An opportunity and the organisations involved, one list per role."""

    countries = forms.MultipleChoiceField(
        required=False, choices=country_choices(), help_text=MULTI_HELP
    )

    class Meta:
        formfield_callback = https_urls
        model = Opportunity
        fields = [
            "title",
            "description",
            "sector",
            "countries",
            "partnership_type",
            "estimated_cost",
            "currency",
            "duration_months",
            "status",
            "status_reason",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "status_reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(programme=programme).order_by("name")
        current: dict[str, list[int]] = {}
        if self.instance.pk:
            for row in self.instance.roles.all():
                current.setdefault(row.role, []).append(row.organisation_id)
        for role in OrganisationRole:
            self.fields[f"role_{role.value}"] = forms.ModelMultipleChoiceField(
                queryset=organisations,
                required=False,
                label=f"Organisations: {role.label.lower()}",
                help_text=MULTI_HELP,
                initial=current.get(role.value, []),
            )

    def clean(self) -> dict[str, Any]:
        """The API's rules, from the same service: a reason to drop or select, and the currency
        of a cost."""
        data = super().clean() or {}
        status = str(data.get("status") or "")
        reason = data.get("status_reason") or ""
        problem = status_problem(status, reason, changed="status" in self.changed_data)
        if problem:
            self.add_error("status_reason", problem)
        currency = (data.get("currency") or "").strip().upper()
        problem = cost_problem(data.get("estimated_cost"), currency)
        if problem:
            self.add_error("currency", problem)
        data["currency"] = currency
        return data

    def roles(self) -> list[tuple[Organisation, str]]:
        """The organisations chosen, with their roles."""
        return [
            (org, role.value)
            for role in OrganisationRole
            for org in self.cleaned_data.get(f"role_{role.value}", [])
        ]


class ReasonForm(forms.Form):
    """Why an opportunity is selected for development."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text="Recorded in the opportunity's history.",
    )


class RoundForm(forms.Form):
    """A new round: its template version, weights, raters and the opportunities in scope."""

    name = forms.CharField(max_length=120, help_text="e.g. Internal team, Programme team, Donor.")
    template_version = forms.ModelChoiceField(queryset=ScorecardTemplateVersion.objects.none())
    weight_decision = forms.ModelChoiceField(
        queryset=WeightDecision.objects.none(),
        required=False,
        empty_label="The template's default weights",
        help_text="Agreed weights of the chosen template version.",
    )
    raters = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    opportunities = forms.ModelMultipleChoiceField(
        queryset=Opportunity.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    top_k = forms.IntegerField(
        label="Top k",
        min_value=1,
        max_value=50,
        initial=3,
        help_text=Round._meta.get_field("top_k").help_text,
    )

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template_version"].queryset = ScorecardTemplateVersion.objects.filter(  # type: ignore[attr-defined]
            programme=programme
        )
        self.fields["weight_decision"].queryset = WeightDecision.objects.filter(  # type: ignore[attr-defined]
            programme=programme
        ).select_related("template_version")
        ids = possible_raters(programme).values("user_id")
        self.fields["raters"].queryset = User.objects.filter(pk__in=ids).order_by("username")  # type: ignore[attr-defined]
        self.fields["opportunities"].queryset = Opportunity.objects.filter(  # type: ignore[attr-defined]
            programme=programme
        ).exclude(status=OpportunityStatus.DROPPED)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        version, decision = data.get("template_version"), data.get("weight_decision")
        if version and decision and decision.template_version_id != version.pk:
            self.add_error("weight_decision", "These weights were agreed for another template.")
        return data


class AgreedForm(forms.Form):
    """When and why weights were agreed (who: the person entering them)."""

    agreed_on = forms.DateField(widget=DateInput())
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text="Who took part and why these weights: kept with the decision.",
    )

    def clean_agreed_on(self) -> Any:
        day = self.cleaned_data["agreed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                "Weights are recorded once agreed: the date cannot be after today."
            )
        return day


class DirectWeightsForm(AgreedForm):
    """Group weights summing to 100, and each group's factor weights summing to 100."""

    def __init__(self, *args: Any, template: Template, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        for group in template.groups:
            self.fields[f"group_{group.key}"] = forms.FloatField(
                label=f"{group.label} (% of the total)", min_value=0, initial=group.weight
            )
            for factor in group.factors:
                self.fields[f"factor_{factor.key}"] = forms.FloatField(
                    label=f"{factor.label} (% of {group.label})",
                    min_value=0,
                    initial=factor.weight,
                )
        self.order_fields([*list(self.fields)[2:], "agreed_on", "reason"])

    def groups(self) -> dict[str, float]:
        """Group percentages entered."""
        return {g.key: self.cleaned_data[f"group_{g.key}"] for g in self.template.groups}

    def factors(self) -> dict[str, float]:
        """Factor percentages within their groups."""
        return {f.key: self.cleaned_data[f"factor_{f.key}"] for f in self.template.factors}


def _judgement(first: str, second: str, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=f"{first} compared with {second}", choices=SAATY, initial="1", required=required
    )


@dataclass
class AhpSection:
    """One comparison matrix on the AHP page: the groups, or the factors of one group."""

    group: Group | None
    toggle: Any
    pairs: list[Any]
    check: Consistency | None
    local: list[tuple[str, float]]  # each item's local weight in percent, once computed


class AhpForm(AgreedForm):
    """Pairwise judgements on Saaty's scale of the groups and of the factors of ticked groups."""

    def __init__(self, *args: Any, template: Template, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        self.pairs = list(combinations(template.groups, 2))
        for a, b in self.pairs:
            self.fields[f"pair_{a.key}__{b.key}"] = _judgement(a.label, b.label)
        self.within: dict[str, list[tuple[str, str, str]]] = {}
        for group in template.groups:
            pairs = list(combinations(group.factors, 2))
            if not pairs:
                continue
            shares = ", ".join(f"{f.label} {f.weight:g}" for f in group.factors)
            self.fields[f"compare_{group.key}"] = forms.BooleanField(
                label=f"Compare the factors of {group.label} in pairs",
                required=False,
                help_text=f"Unticked, they keep the template's shares ({shares}).",
            )
            self.within[group.key] = []
            for first, second in pairs:
                name = f"within_{group.key}__{first.key}__{second.key}"
                self.fields[name] = _judgement(first.label, second.label, required=False)
                self.within[group.key].append((name, first.key, second.key))
        self.order_fields([*list(self.fields)[2:], "agreed_on", "reason"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for group in self.compared():
            for name, _, _ in self.within[group]:
                if not data.get(name):
                    self.add_error(name, "Judge this pair, or untick the group's box.")
        return data

    def compared(self) -> list[str]:
        """The groups whose factors are compared in pairs."""
        return [g for g in self.within if self.cleaned_data.get(f"compare_{g}")]

    def comparisons(self) -> list[tuple[str, str, str]]:
        """The judgements of the groups as (first, second, value)."""
        return [(a.key, b.key, self.cleaned_data[f"pair_{a.key}__{b.key}"]) for a, b in self.pairs]

    def factor_comparisons(self) -> dict[str, list[tuple[str, str, str]]]:
        """Per compared group, the judgements of its factors as (first, second, value)."""
        return {
            g: [(a, b, self.cleaned_data[name]) for name, a, b in self.within[g]]
            for g in self.compared()
        }

    def sections(self, checks: Mapping[str, Consistency]) -> list[AhpSection]:
        """The groups' matrix, then one per group, with the consistency found if computed."""
        labels = {g.key: g.label for g in self.template.groups}
        labels.update({f.key: f.label for f in self.template.factors})

        def local(check: Consistency | None) -> list[tuple[str, float]]:
            if check is None:
                return []
            return [
                (labels[k], 100 * w) for k, w in zip(check.items, check.priorities, strict=True)
            ]

        groups = [self[f"pair_{a.key}__{b.key}"] for a, b in self.pairs]
        found = [AhpSection(None, None, groups, checks.get(""), local(checks.get("")))]
        for group in self.template.groups:
            toggle = self[f"compare_{group.key}"] if group.key in self.within else None
            pairs = [self[name] for name, _, _ in self.within.get(group.key, [])]
            check = checks.get(group.key)
            found.append(AhpSection(group, toggle, pairs, check, local(check)))
        return found


class ScoreForm(forms.Form):
    """A rater's score (1-5 with each point's anchor, or insufficient information) and rationale
    for every factor of one opportunity."""

    def __init__(self, *args: Any, template: Template, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        for factor in template.factors:
            choices = [(str(p), f"{p}: {template.anchor(factor.key, p)}") for p in template.points]
            self.fields[f"score_{factor.key}"] = forms.ChoiceField(
                label=factor.label,
                required=False,
                choices=[*choices, (ABSTAIN, "Insufficient information")],
                widget=forms.RadioSelect,
            )
            self.fields[f"rationale_{factor.key}"] = forms.CharField(
                label=f"Rationale: {factor.label}",
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self) -> list[tuple[Any, Any, Any]]:
        """(factor, score field, rationale field) in card order, for the template."""
        return [
            (f, self[f"score_{f.key}"], self[f"rationale_{f.key}"]) for f in self.template.factors
        ]

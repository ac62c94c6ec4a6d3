"""Forms of prioritisation: opportunities, rounds, weights (direct or pairwise) and a rater's
scores of one opportunity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from django import forms
from django.utils import timezone

from partnerpath.accounts.models import Programme, User
from partnerpath.core.countries import country_choices
from partnerpath.core.scorecard.template import Direction, Group, Template
from partnerpath.core.scorecard.weights import Consistency
from partnerpath.formtools import https_urls
from partnerpath.prioritisation.choices import OpportunityStatus, OrganisationRole
from partnerpath.prioritisation.models import (
    Opportunity,
    Round,
    ScorecardTemplateVersion,
    WeightDecision,
)
from partnerpath.prioritisation.services.rounds import ABSTAIN, possible_raters
from partnerpath.prioritisation.services.templates import NewFactor, NewGroup, Tailoring
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
        data = super().clean() or {}
        status = str(data.get("status") or "")
        needs_reason = status == OpportunityStatus.DROPPED or (
            status == OpportunityStatus.SELECTED and "status" in self.changed_data
        )
        if needs_reason and not (data.get("status_reason") or "").strip():
            label = OpportunityStatus(status).label.lower()
            self.add_error("status_reason", f"Say why the opportunity is {label}.")
        currency = (data.get("currency") or "").strip().upper()
        if data.get("estimated_cost") is not None and not currency:
            self.add_error("currency", "Give the currency of the estimated cost.")
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


DIRECTIONS = [
    (Direction.HIGHER.value, "A benefit: a higher score raises the total"),
    (Direction.LOWER.value, "A cost: a higher score lowers the total"),
]
NEW_SLOTS = 2  # factors that can be added in one go
NEW_GROUP = "new"


@dataclass
class TailorFactor:
    """A factor's fields on the tailoring page."""

    factor: Any
    keep: Any
    label: Any
    direction: Any
    weight: Any
    anchors: list[Any]

    @property
    def anchor_errors(self) -> bool:
        """Whether an anchor needs fixing (its details then start open)."""
        return any(a.errors for a in self.anchors)


class TailorForm(forms.Form):
    """A programme admin's version of a template: keep or drop factors and whole groups, add
    factors and a group, relabel and re-anchor factors, make a factor a benefit or a cost, and
    change the default weights (groups sum to 100, factors within a group too)."""

    def __init__(self, *args: Any, template: Template, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.template = template
        points = template.points
        for group in template.groups:
            self.fields[f"group_{group.key}"] = forms.FloatField(
                label=f"{group.label}: weight (% of the total)", min_value=0, initial=group.weight
            )
            self.fields[f"dropgroup_{group.key}"] = forms.BooleanField(
                label=f"Drop the whole group “{group.label}”",
                required=False,
                help_text="Its weight is shared among the other groups in proportion.",
            )
            for factor in group.factors:
                key = factor.key
                self.fields[f"keep_{key}"] = forms.BooleanField(
                    label=f"Keep “{factor.label}”", required=False, initial=True
                )
                self.fields[f"label_{key}"] = forms.CharField(
                    label=f"{factor.label}: label", max_length=200, initial=factor.label
                )
                self.fields[f"direction_{key}"] = forms.ChoiceField(
                    label=f"{factor.label}: direction",
                    choices=DIRECTIONS,
                    initial=factor.direction.value,
                    required=False,  # not sent: unchanged
                )
                self.fields[f"weight_{key}"] = forms.FloatField(
                    label=f"{factor.label}: weight (% of {group.label})",
                    min_value=0,
                    initial=factor.weight,
                )
                for point, anchor in zip(points, factor.anchors, strict=True):
                    self.fields[f"anchor_{key}_{point}"] = forms.CharField(
                        label=f"{factor.label}: what {point} means",
                        max_length=500,
                        initial=anchor,
                    )
        self.fields["newgroup_label"] = forms.CharField(
            label="New group: label",
            max_length=200,
            required=False,
            help_text="Leave empty for no new group. Give it at least one new factor below.",
        )
        self.fields["newgroup_weight"] = forms.FloatField(
            label="New group: weight (% of the total)",
            min_value=0,
            max_value=100,
            required=False,
            help_text="The other groups share the rest in proportion to their weights.",
        )
        groups = [(g.key, g.label) for g in template.groups] + [(NEW_GROUP, "The new group")]
        for i in range(1, NEW_SLOTS + 1):
            new = f"new{i}_"
            self.fields[new + "label"] = forms.CharField(
                label=f"New factor {i}: label", max_length=200, required=False
            )
            self.fields[new + "key"] = forms.SlugField(
                label=f"New factor {i}: key",
                max_length=40,
                required=False,
                help_text="Optional: made from the label when empty (e.g. worker_voice).",
            )
            self.fields[new + "group"] = forms.ChoiceField(
                label=f"New factor {i}: group", choices=groups, required=False
            )
            self.fields[new + "direction"] = forms.ChoiceField(
                label=f"New factor {i}: direction", choices=DIRECTIONS, required=False
            )
            self.fields[new + "weight"] = forms.FloatField(
                label=f"New factor {i}: weight (% of its group)",
                min_value=0,
                max_value=100,
                required=False,
                help_text="The group's other factors share the rest in proportion.",
            )
            for point in points:
                self.fields[f"{new}anchor_{point}"] = forms.CharField(
                    label=f"New factor {i}: what {point} means", max_length=500, required=False
                )
        self.fields["reason"] = forms.CharField(
            label="Why this version",
            widget=forms.Textarea(attrs={"rows": 2}),
            max_length=2000,
            required=False,
            help_text="Kept in the history with the list of changes.",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        used_new_group = False
        for i in range(1, NEW_SLOTS + 1):
            new = f"new{i}_"
            anchors = [new + f"anchor_{p}" for p in self.template.points]
            filled = [
                n for n in (new + "key", new + "weight", *anchors) if data.get(n) not in (None, "")
            ]
            if not (data.get(new + "label") or "").strip():
                if filled:
                    self.add_error(new + "label", "Give the new factor a label, or clear it.")
                continue
            for name in (new + "group", new + "direction", new + "weight", *anchors):
                if data.get(name) in (None, ""):
                    self.add_error(name, "A new factor needs this.")
            used_new_group |= data.get(new + "group") == NEW_GROUP
        if used_new_group and not (data.get("newgroup_label") or "").strip():
            self.add_error("newgroup_label", "Name the new group, or put the factor in another.")
        if (
            used_new_group
            and data.get("newgroup_weight") is None
            and "newgroup_weight" not in self.errors
        ):
            self.add_error("newgroup_weight", "Give the new group its weight.")
        if (data.get("newgroup_label") or "").strip() and not used_new_group:
            self.add_error("newgroup_label", "Add at least one new factor to the new group.")
        return data

    def groups(self) -> list[tuple[Group, Any, Any, list[TailorFactor]]]:
        """Per group: the group, its weight and drop fields, and its factors' fields."""
        points = self.template.points
        return [
            (
                g,
                self[f"group_{g.key}"],
                self[f"dropgroup_{g.key}"],
                [
                    TailorFactor(
                        f,
                        self[f"keep_{f.key}"],
                        self[f"label_{f.key}"],
                        self[f"direction_{f.key}"],
                        self[f"weight_{f.key}"],
                        [self[f"anchor_{f.key}_{p}"] for p in points],
                    )
                    for f in g.factors
                ],
            )
            for g in self.template.groups
        ]

    def new_factors(self) -> list[list[Any]]:
        """The fields of each slot for a new factor."""
        return [
            [self[name] for name in self.fields if name.startswith(f"new{i}_")]
            for i in range(1, NEW_SLOTS + 1)
        ]

    def changes(self) -> Tailoring:
        """The tailoring as the prioritisation services take it."""
        data, template = self.cleaned_data, self.template
        gone = {g.key for g in template.groups if data.get(f"dropgroup_{g.key}")}
        kept = [f for f in template.factors if data[f"keep_{f.key}"] and f.group not in gone]
        added: list[NewFactor] = []
        for i in range(1, NEW_SLOTS + 1):
            new = f"new{i}_"
            if not (data.get(new + "label") or "").strip():
                continue
            added.append(
                NewFactor(
                    label=data[new + "label"],
                    weight=data[new + "weight"],
                    anchors=[data[f"{new}anchor_{p}"] for p in template.points],
                    direction=data[new + "direction"],
                    group=data[new + "group"],
                    key=data.get(new + "key") or "",
                )
            )
        inner = [f for f in added if f.group == NEW_GROUP]
        label = (data.get("newgroup_label") or "").strip()
        return Tailoring(
            drop=[f.key for f in template.factors if f not in kept and f.group not in gone],
            drop_groups=sorted(gone),
            add=[f for f in added if f.group != NEW_GROUP],
            add_groups=[NewGroup(label, data["newgroup_weight"], inner)] if label else [],
            labels={f.key: data[f"label_{f.key}"] for f in kept},
            anchors={f.key: [data[f"anchor_{f.key}_{p}"] for p in template.points] for f in kept},
            directions={
                f.key: data[f"direction_{f.key}"] for f in kept if data.get(f"direction_{f.key}")
            },
            group_weights={
                g.key: data[f"group_{g.key}"] for g in template.groups if g.key not in gone
            },
            factor_weights={f.key: data[f"weight_{f.key}"] for f in kept},
        )

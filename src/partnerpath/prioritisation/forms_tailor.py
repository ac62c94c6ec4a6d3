"""The form that tailors a score card: keep or drop factors and whole groups, add factors and a
group, relabel and re-anchor, turn a benefit into a cost, and re-weight."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms

from partnerpath.core.scorecard.template import Direction, Group, Template
from partnerpath.prioritisation.services.templates import NewFactor, NewGroup, Tailoring

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

"""The programme's gate settings as a form: which rules apply on entering each stage, the
thresholds, who may override a gate and what no override may pass."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from partnerpath.accounts.choices import Role
from partnerpath.core.lifecycle.gate_config import KNOWN_RULES, GateConfig
from partnerpath.core.lifecycle.gates import RULESETS
from partnerpath.core.lifecycle.stages import Stage, label
from partnerpath.core.risk.checklist import Rating
from partnerpath.partnerships.choices import PartnerRole

# Closing passes no gate, so it has no rules to choose.
GATED: tuple[Stage, ...] = tuple(s for s in Stage if s is not Stage.CLOSED)
RULE_LABELS: Mapping[str, str] = {
    "point_persons": "Every side names a point-person",
    "due_diligence": "No partner's due diligence is rated in a blocking rating",
    "no_open_deal_breakers": "No open deal-breaker",
    "contributions": "Resource contributions agreed",
    "governance": "Governance agreed (steering body, cadence, decision rule)",
    "risk_protocol": "Risk protocol agreed",
    "do_no_harm": "Do No Harm commitments written down",
    "success_indicators": "Success indicators agreed",
    "signed_agreement": "Signed agreement attached",
}
# The requirement codes of gates-v1 that a programme may put beyond any override.
CODE_LABELS: Mapping[str, str] = {
    "partners_missing": "No partner added yet",
    "point_person_missing": "A point-person is missing",
    "due_diligence_blocking": "A partner's due diligence is rated in a blocking rating",
    "due_diligence_missing": "Due diligence not done (where required)",
    "due_diligence_unrated": "Due diligence not yet rated (where required)",
    "open_deal_breaker": "A deal-breaker is open",
    "contributions_not_agreed": "Resource contributions not agreed",
    "contribution_missing": "A partner's contribution is not recorded",
    "governance_missing": "Governance not agreed",
    "risk_protocol_missing": "No risk protocol",
    "do_no_harm_missing": "No Do No Harm commitments",
    "success_indicators_too_few": "Too few success indicators",
    "signed_agreement_missing": "Signed agreement not attached",
}
CHECKBOXES = forms.CheckboxSelectMultiple
# The settings besides the rules, in the order the form shows them.
SETTINGS: tuple[str, ...] = (
    "require_due_diligence",
    "due_diligence_roles",
    "blocking_ratings",
    "min_success_indicators",
    "every_partner_contributes",
    "override_roles",
    "min_reason_length",
    "not_overridable",
)


def rule_label(rule: str) -> str:
    """A rule's name as users read it."""
    return RULE_LABELS.get(rule, rule.replace("_", " ").capitalize())


def _multiple(label_: str, choices: list[tuple[str, str]], help_text: str = "") -> Any:
    """A set of checkboxes."""
    return forms.MultipleChoiceField(
        label=label_, choices=choices, required=False, widget=CHECKBOXES, help_text=help_text
    )


class GateSettingsForm(forms.Form):
    """Every setting of a gates-v1 configuration, with the current one as initial values."""

    require_due_diligence = forms.BooleanField(
        required=False,
        label="Require due diligence",
        help_text="A partner of the roles below without a rated checklist blocks the gate.",
    )
    min_success_indicators = forms.IntegerField(
        min_value=0, max_value=50, label="Minimum number of success indicators"
    )
    every_partner_contributes = forms.BooleanField(
        required=False, label="Every partner must have a contribution recorded"
    )
    min_reason_length = forms.IntegerField(
        min_value=0,
        max_value=500,
        label="Minimum length of a written reason",
        help_text="For closing, reopening and overriding (characters).",
    )
    reason = forms.CharField(
        max_length=2000,
        label="Why the change",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required for any change; kept in the history of the gate settings.",
        error_messages={"required": "Write why the gates change: it is kept in the history."},
    )
    confirm_weaker = forms.BooleanField(
        required=False,
        label="Yes, turn off this protection against partners rated unacceptable",
        help_text="Only asked when the change would let a partner whose due diligence is rated "
        "unacceptable pass a gate, or be overridden past it.",
    )

    def __init__(self, *args: Any, config: GateConfig, **kwargs: Any) -> None:
        """Build the rule checkboxes of every stage and the settings' choices from ``config``."""
        data = config.to_mapping()
        initial = {k: v for k, v in data.items() if k != "rules"}
        initial |= {f"rules_{s.value}": list(config.rules_for(s)) for s in GATED}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.ruleset = config.ruleset
        names = [n for n in RULESETS[config.ruleset] if n in KNOWN_RULES[config.ruleset]]
        for stage in GATED:
            self.fields[f"rules_{stage.value}"] = _multiple(
                f"Entering {label(stage)}", [(n, rule_label(n)) for n in names]
            )
        self.fields["due_diligence_roles"] = _multiple(
            "Partner roles whose due diligence is required", list(PartnerRole.choices)
        )
        self.fields["blocking_ratings"] = _multiple(
            "Due-diligence ratings that block", [(r.value, r.value.capitalize()) for r in Rating]
        )
        self.fields["override_roles"] = _multiple(
            "Roles that may override a gate",
            list(Role.choices),
            "They must write a reason; the override is flagged on the partnership's timeline.",
        )
        codes = dict(CODE_LABELS) | {c: c for c in config.not_overridable if c not in CODE_LABELS}
        self.fields["not_overridable"] = _multiple(
            "Requirements no override may pass", list(codes.items())
        )

    def stage_fields(self) -> list[forms.BoundField]:
        """The rule checkboxes of each stage, in journey order."""
        return [self[f"rules_{s.value}"] for s in GATED]

    def setting_fields(self) -> list[forms.BoundField]:
        """The thresholds, roles and codes."""
        return [self[n] for n in SETTINGS]

    def to_mapping(self) -> dict[str, Any]:
        """The configuration in the stored format, for the core to validate."""
        data = self.cleaned_data
        found: dict[str, Any] = {"ruleset": self.ruleset}
        found["rules"] = {s.value: data[f"rules_{s.value}"] for s in GATED}
        found |= {k: data[k] for k in SETTINGS}
        return found

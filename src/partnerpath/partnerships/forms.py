"""Forms of the partnerships app: the record, its partners, the board filter, the type advisor
and stage moves (the gate settings' form is in forms_gates.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.db.models import Q

from partnerpath.accounts.models import User
from partnerpath.core.lifecycle import advisor
from partnerpath.partnerships.choices import Stage, Type
from partnerpath.partnerships.models import Partner, Partnership
from partnerpath.partnerships.services.partners import ANSWER_KEYS
from partnerpath.prioritisation.models import Opportunity
from partnerpath.registry.models import Contact, Organisation

NOT_ANSWERED = ("", "Not answered yet")
NOT_SET = ("", "Not set")

ROLE_LABELS: Mapping[advisor.Role, str] = {
    advisor.Role.GIVES_GUIDANCE: "Gives guidance, expertise or training",
    advisor.Role.RECEIVES_GUIDANCE: "Receives guidance or training",
    advisor.Role.GIVES_MONEY_OR_GOODS: "Gives money, goods or services",
    advisor.Role.CO_CREATES: "Co-designs, co-funds and co-implements",
    advisor.Role.BROKERS: "Only brokers: connects the others",
    advisor.Role.TAKES_PART: "Takes part in an event or campaign",
}
# The advisor's answers in the users' words (a missing label fails as the form is built).
ANSWER_LABELS: Mapping[str, tuple[str, str, Mapping[Any, str]]] = {
    "impact": (
        "What should the partnership change?",
        "The intended impact.",
        {
            advisor.Impact.LASTING_CHANGE: "A lasting solution, or change across an industry",
            advisor.Impact.COMPANY_OPERATIONS: "Trafficking prevented in the company's own "
            "operations or supply chain",
            advisor.Impact.BENEFICIARIES: "Support for survivors or people at risk",
            advisor.Impact.NEAR_TERM_POLICY: "A near-term policy or law change",
            advisor.Impact.AWARENESS: "More awareness of trafficking",
        },
    ),
    "timeframe": (
        "How long should it run?",
        "The intended timeframe.",
        {
            advisor.Timeframe.ONE_OFF: "A single event or campaign",
            advisor.Timeframe.SHORT: "A short collaboration (months)",
            advisor.Timeframe.LONG: "A long collaboration (a year or more)",
        },
    ),
    "programme_role": (
        "What does the programme do in it?",
        "The programme's own role.",
        ROLE_LABELS,
    ),
    "resources": (
        "Who brings what?",
        "The resources each side puts in.",
        {
            advisor.Resources.SHARED: "The partners share costs, risks and rewards",
            advisor.Resources.COMPANY_GIVES: "The company gives money, goods or services",
            advisor.Resources.EXPERTISE: "Mainly the programme's expertise and staff time",
            advisor.Resources.LIGHT: "Little beyond an event's costs",
        },
    ),
    "business_link": (
        "How close is the work to the company's business?",
        "Whether it touches a core business priority.",
        {
            advisor.BusinessLink.CORE: "A core business priority (brand risk, compliance, "
            "operations)",
            advisor.BusinessLink.NOMINAL: "Unrelated or only nominally related to the business",
        },
    ),
}


def _choices(labels: Mapping[Any, str], kind: type[Any]) -> list[tuple[str, str]]:
    """Choices of an enum with their labels, after a blank "not answered"."""
    return [NOT_ANSWERED, *((m.value, labels[m]) for m in kind)]


class PartnershipForm(forms.ModelForm):  # type: ignore[type-arg]
    """The partnership record: title, shared vision, the programme's point-person, the agreed
    type and the opportunity it grew from."""

    class Meta:
        model = Partnership
        fields = [
            "title",
            "shared_vision",
            "programme_point_person",
            "partnership_type",
            "opportunity",
        ]
        widgets = {"shared_vision": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "shared_vision": "What the partners want to achieve together.",
            "programme_point_person": "The team member who leads the partnership for the "
            "programme.",
            "partnership_type": "The type all partners agreed; the type advisor helps choose.",
        }

    def __init__(self, *args: Any, programme: Any, **kwargs: Any) -> None:
        """Offer the programme's members as point-person and its opportunities."""
        super().__init__(*args, **kwargs)
        people = User.objects.filter(memberships__programme=programme).order_by("username")
        self.fields["programme_point_person"].queryset = people  # type: ignore[attr-defined]
        opportunities = Opportunity.objects.filter(programme=programme).order_by("title")
        self.fields["opportunity"].queryset = opportunities  # type: ignore[attr-defined]


class PartnerForm(forms.ModelForm):  # type: ignore[type-arg]
    """One partner: an organisation of the programme, its role, its point-person (a contact at
    that organisation), what it wants from the partnership and the type it prefers."""

    class Meta:
        model = Partner
        fields = ["organisation", "role", "point_person", "objectives", "preferred_type"]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Offer organisations not yet partners, and contacts at the partner's organisation."""
        super().__init__(*args, **kwargs)
        partner: Partner = self.instance
        organisations = Organisation.objects.filter(programme_id=partner.programme_id)
        contacts = Contact.objects.filter(programme_id=partner.programme_id)
        if partner.pk:
            # The organisation is what the row is about: remove the partner and add another.
            self.fields["organisation"].disabled = True
            self.fields[
                "organisation"
            ].help_text = "To change it, remove the partner and add another."
            contacts = contacts.filter(organisation_id=partner.organisation_id)
        else:
            taken = Partner.objects.filter(partnership_id=partner.partnership_id)
            organisations = organisations.exclude(pk__in=taken.values("organisation_id"))
        keep = Q(pk=partner.point_person_id) if partner.point_person_id else Q(pk__in=[])
        contacts = contacts.filter(Q(is_active=True) | keep).select_related("organisation")
        self.fields["organisation"].queryset = organisations.order_by("name")  # type: ignore[attr-defined]
        field = self.fields["point_person"]
        field.queryset = contacts.order_by("organisation__name", "name")  # type: ignore[attr-defined]
        field.label_from_instance = lambda c: f"{c.name} ({c.organisation.name})"  # type: ignore[attr-defined]
        field.help_text = "A contact at this organisation who leads the partnership for it."


class BoardFilterForm(forms.Form):
    """Narrow the board to one stage or one type."""

    stage = forms.ChoiceField(choices=[("", "Every stage"), *Stage.choices], required=False)
    type = forms.ChoiceField(choices=[("", "Every type"), *Type.choices], required=False)


class TypeAdvisorForm(forms.Form):
    """The type advisor's questions (learning 3), each partner's role and preferred type, and
    the type the partners agreed."""

    def __init__(
        self, *args: Any, partnership: Partnership, partners: Sequence[Partner], **kwargs: Any
    ) -> None:
        """One question per answer and per partner, with the stored answers as initial values."""
        stored = partnership.advisor_answers or {}
        roles = stored.get("partner_roles") or {}
        initial = {k: stored.get(k, "") for k in ANSWER_KEYS}
        initial |= {f"role_{p.pk}": roles.get(str(p.pk), "") for p in partners}
        initial |= {f"preferred_{p.pk}": p.preferred_type for p in partners}
        initial["partnership_type"] = partnership.partnership_type
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.partners = list(partners)
        for key, kind in ANSWER_KEYS.items():
            question, help_text, labels = ANSWER_LABELS[key]
            self.fields[key] = forms.ChoiceField(
                label=question,
                help_text=help_text,
                required=False,
                choices=_choices(labels, kind),
            )
        for p in self.partners:
            self.fields[f"role_{p.pk}"] = forms.ChoiceField(
                label=f"What does {p.organisation.name} do in it?",
                required=False,
                choices=_choices(ROLE_LABELS, advisor.Role),
            )
        for p in self.partners:
            self.fields[f"preferred_{p.pk}"] = forms.ChoiceField(
                label=f"Type {p.organisation.name} prefers",
                required=False,
                choices=[NOT_SET, *Type.choices],
            )
        self.fields["partnership_type"] = forms.ChoiceField(
            label="Agreed partnership type",
            required=False,
            choices=[NOT_SET, *Type.choices],
            help_text="Record it once all partners agree on it.",
        )

    def answers(self) -> dict[str, Any]:
        """The answers to store, with each partner's role keyed by the partner's id."""
        data = self.cleaned_data
        found: dict[str, Any] = {k: data[k] for k in ANSWER_KEYS if data.get(k)}
        found["partner_roles"] = {
            str(p.pk): data[f"role_{p.pk}"] for p in self.partners if data.get(f"role_{p.pk}")
        }
        return found

    def preferences(self) -> dict[int, str]:
        """Each partner's preferred type ("" when not set)."""
        return {p.pk: self.cleaned_data[f"preferred_{p.pk}"] for p in self.partners}

    def question_fields(self) -> list[forms.BoundField]:
        """The advisor's questions, partners' roles included."""
        names = [*ANSWER_KEYS, *(f"role_{p.pk}" for p in self.partners)]
        return [self[n] for n in names]

    def type_fields(self) -> list[forms.BoundField]:
        """Each partner's preferred type and the agreed type."""
        names = [*(f"preferred_{p.pk}" for p in self.partners), "partnership_type"]
        return [self[n] for n in names]


class MoveForm(forms.Form):
    """A stage move: the target, the reason and whether to override a blocked gate."""

    target = forms.ChoiceField(label="Move to", choices=Stage.choices)
    reason = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Required to close, to reopen and to override a gate.",
    )
    override = forms.BooleanField(required=False)

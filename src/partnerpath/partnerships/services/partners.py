"""Use-cases of the partnership record and its partners: starting it from a selected
opportunity, editing the record, adding, changing and removing partners, the type advisor's
answers, each partner's preferred type and the agreed type. Every change writes a timeline
entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from partnerpath.core.lifecycle import advisor
from partnerpath.core.lifecycle.alignment import Alignment, alignment
from partnerpath.core.lifecycle.partnership_types import TYPE_HELP, TYPE_LABELS, PartnershipType
from partnerpath.core.wording import plural, sentence_end
from partnerpath.partnerships.choices import EventKind, PartnerRole, Type
from partnerpath.partnerships.models import Partner, Partnership
from partnerpath.partnerships.services import stages, timeline
from partnerpath.prioritisation.choices import OpportunityStatus
from partnerpath.prioritisation.models import Opportunity

ANSWER_KEYS: Mapping[str, type[Any]] = {
    "impact": advisor.Impact,
    "timeframe": advisor.Timeframe,
    "programme_role": advisor.Role,
    "resources": advisor.Resources,
    "business_link": advisor.BusinessLink,
}


# The score card's organisation roles and types, as a partnership names them.
FROM_OPPORTUNITY_ROLE = {
    "partner": PartnerRole.COMPANY,
    "co_funder": PartnerRole.DONOR,
    "implementer": PartnerRole.NGO,
    "government": PartnerRole.GOVERNMENT,
    "broker": PartnerRole.BROKER,
    "other": PartnerRole.NGO,
}
FROM_OPPORTUNITY_TYPE = {"csr": Type.CSR, "supporter": Type.SUPPORTER}


class RemovalRefused(Exception):
    """A partner that may not be removed; ``problems`` says what is attached to it."""

    def __init__(self, problems: list[str]) -> None:
        """Keep every problem."""
        super().__init__("; ".join(problems))
        self.problems = problems


class NotSelected(Exception):
    """The opportunity is not selected for development, so no partnership starts from it."""


@transaction.atomic
def start_from_opportunity(opportunity: Opportunity, user: Any) -> tuple[Partnership, bool]:
    """The partnership of a selected opportunity: the one already started (False) or a new one
    (True) with its title, description as shared vision, type and organisations as partners.
    The opportunity's row is locked first, so a double submission starts one partnership."""
    locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    existing = locked.partnerships.order_by("id").first()
    if existing is not None:
        return existing, False
    if locked.status != OpportunityStatus.SELECTED:
        raise NotSelected(
            f"“{locked.title}” is {locked.get_status_display().lower()}: select it for "
            "development in the pipeline before starting its partnership."
        )
    kind = locked.partnership_type
    partnership = stages.create_partnership(
        locked.programme,
        locked.title,
        user,
        opportunity=locked,
        shared_vision=locked.description,
        partnership_type=FROM_OPPORTUNITY_TYPE.get(kind, kind) if kind else "",
    )
    seen: set[int] = set()
    for row in locked.roles.select_related("organisation").order_by("id"):
        if row.organisation_id not in seen:
            seen.add(row.organisation_id)
            role = FROM_OPPORTUNITY_ROLE.get(row.role, PartnerRole.NGO)
            add_partner(
                Partner(
                    programme_id=partnership.programme_id,
                    partnership=partnership,
                    organisation=row.organisation,
                    role=role,
                )
            )
    return partnership, True


def types_of(advice: advisor.TypeAdvice) -> list[dict[str, Any]]:
    """Every partnership type with its help, the advisor's score and reasons for it."""
    return [
        {
            "label": TYPE_LABELS[t],
            "help": TYPE_HELP[t],
            "score": advice.scores[t],
            "reasons": advice.reasons_for(t),
            "leading": t in advice.leading,
        }
        for t in PartnershipType
    ]


def type_label(value: str) -> str:
    """A stored type as users read it ("not set" when empty)."""
    return TYPE_LABELS[PartnershipType(value)] if value else "not set"


def _fields(instance: Any, names: Sequence[str]) -> str:
    """The fields' names as users read them."""
    return ", ".join(str(instance._meta.get_field(n).verbose_name) for n in names)


@transaction.atomic
def save_partnership(partnership: Partnership, changed: Sequence[str], old_type: str) -> None:
    """Save the edited record; the timeline says what changed (a type change on its own)."""
    partnership.save()
    others = [n for n in changed if n != "partnership_type"]
    if others:
        timeline.record(
            partnership, EventKind.RECORD, f"Record edited: {_fields(partnership, others)}."
        )
    if "partnership_type" in changed:
        _record_agreed_type(partnership, old_type)


def _record_agreed_type(partnership: Partnership, old_type: str) -> None:
    """Note a change of the agreed type on the timeline."""
    new, old = type_label(partnership.partnership_type), type_label(old_type)
    timeline.record(partnership, EventKind.TYPE, f"Agreed partnership type: {new} (was {old}).")


def _describe(partner: Partner) -> str:
    """The partner in words: organisation, role and point-person."""
    person = f", point-person {partner.point_person}" if partner.point_person_id else ""
    return f"{partner.organisation} as {partner.get_role_display()}{person}"


@transaction.atomic
def add_partner(partner: Partner) -> Partner:
    """Add an organisation to the partnership, with its role and point-person."""
    partner.save()
    timeline.record(
        partner.partnership, EventKind.PARTNER, sentence_end(f"Added {_describe(partner)}")
    )
    if partner.preferred_type:
        _record_preference(partner, "")
    return partner


def _record_preference(partner: Partner, old: str) -> None:
    """Note a partner's new preferred type, with where the partners stand now."""
    preferences = alignment_of(partner.partnership, partners_with_organisations(partner))
    new = type_label(partner.preferred_type)
    timeline.record(
        partner.partnership,
        EventKind.TYPE,
        f"{partner.organisation} prefers: {new} (was {type_label(old)}).",
        detail=preferences.message,
    )


def partners_with_organisations(partner: Partner) -> list[Partner]:
    """All partners of ``partner``'s partnership with their organisations."""
    return list(partner.partnership.partners.select_related("organisation").order_by("id"))


@transaction.atomic
def update_partner(partner: Partner, changed: Sequence[str], old_type: str) -> Partner:
    """Save a partner's changes; a change of preferred type is recorded as a type entry."""
    partner.save()
    others = [n for n in changed if n != "preferred_type"]
    if others:
        what = _fields(partner, others)
        timeline.record(
            partner.partnership,
            EventKind.PARTNER,
            sentence_end(f"Changed {partner.organisation}: {what}. Now {_describe(partner)}"),
        )
    if "preferred_type" in changed:
        _record_preference(partner, old_type)
    return partner


def attachments_of(partner: Partner) -> list[str]:
    """What is recorded against the partner and would be lost or misattributed if it went."""
    counts = [
        (partner.concerns.count(), "concern it raised", "concerns it raised"),
        (partner.contributions.count(), "contribution", "contributions"),
        (partner.health_ratings.count(), "health-check rating", "health-check ratings"),
        (partner.buy_in.count(), "internal buy-in record", "internal buy-in records"),
    ]
    return [plural(n, one, many) for n, one, many in counts if n]


@transaction.atomic
def remove_partner(partner: Partner) -> None:
    """Remove a partner with nothing recorded against it. One with concerns, contributions,
    ratings or buy-in is refused: deleting it would erase or misattribute that record."""
    attached = attachments_of(partner)
    if attached:
        raise RemovalRefused(
            [
                f"{partner.organisation} cannot be removed: it has {', '.join(attached)} on "
                "record. Those records are part of the partnership's history; close the "
                "partnership or keep the partner instead."
            ]
        )
    partnership, described = partner.partnership, _describe(partner)
    partner.delete()
    timeline.record(partnership, EventKind.PARTNER, sentence_end(f"Removed {described}"))


def alignment_of(partnership: Partnership, partners: Sequence[Partner]) -> Alignment:
    """Whether the partners agree on the type (core/lifecycle/alignment.py)."""
    chosen = partnership.partnership_type
    preferences = {
        p.organisation.name: PartnershipType(p.preferred_type) if p.preferred_type else None
        for p in partners
    }
    return alignment(preferences, PartnershipType(chosen) if chosen else None)


def _enum(kind: type[Any], value: Any) -> Any:
    """``value`` as a member of ``kind``, or None when empty or unknown."""
    try:
        return kind(value) if value else None
    except ValueError:  # an answer from an older advisor: treated as not answered
        return None


def answers_of(partnership: Partnership, partners: Sequence[Partner]) -> advisor.TypeAnswers:
    """The stored advisor answers as the core reads them; partners are named by organisation."""
    stored = partnership.advisor_answers or {}
    roles = stored.get("partner_roles") or {}
    partner_roles = {
        p.organisation.name: role
        for p in partners
        if (role := _enum(advisor.Role, roles.get(str(p.pk)))) is not None
    }
    values = {k: _enum(kind, stored.get(k)) for k, kind in ANSWER_KEYS.items()}
    return advisor.TypeAnswers(partner_roles=partner_roles, **values)


def advice_of(partnership: Partnership, partners: Sequence[Partner]) -> advisor.TypeAdvice:
    """The type advisor's suggestion, scores and reasons for the stored answers."""
    return advisor.advise(answers_of(partnership, partners))


@transaction.atomic
def save_type_work(
    partnership: Partnership,
    partners: Sequence[Partner],
    answers: dict[str, Any],
    preferences: Mapping[int, str],
    agreed: str,
) -> list[str]:
    """Store the advisor's answers, each partner's preferred type and the agreed type; return
    what changed in words (each change is on the timeline)."""
    done: list[str] = []
    given = {k: v for k, v in answers.items() if v}
    wanted = {"advisor": advisor.ADVISOR, **given} if given else {}
    if wanted != (partnership.advisor_answers or {}):
        partnership.advisor_answers = wanted
        partnership.save(update_fields=["advisor_answers"])
        advice = advice_of(partnership, partners)
        reasons = "\n".join(
            f"{TYPE_LABELS[p.type]} +{plural(p.points, 'point')}: {p.reason}" for p in advice.points
        )
        timeline.record(
            partnership,
            EventKind.TYPE,
            f"Type advisor answers saved ({advisor.ADVISOR}). {advice.summary}",
            detail=reasons,
        )
        done.append("the advisor's answers")
    for partner in partners:
        preferred = preferences.get(partner.pk, partner.preferred_type)
        if preferred != partner.preferred_type:
            old, partner.preferred_type = partner.preferred_type, preferred
            partner.save(update_fields=["preferred_type"])
            _record_preference(partner, old)
            done.append(f"{partner.organisation}'s preferred type")
    if agreed != partnership.partnership_type:
        old = partnership.partnership_type
        partnership.partnership_type = agreed
        partnership.save(update_fields=["partnership_type"])
        _record_agreed_type(partnership, old)
        done.append("the agreed type")
    return done

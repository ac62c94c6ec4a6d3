"""What the gates read about a partnership, mapped from its rows in a fixed number of queries,
and the programme's gate configuration. Due diligence is read when a checklist exists; a
partnership works the same without any."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from partnerpath.accounts.models import Programme
from partnerpath.audit.context import because
from partnerpath.core.lifecycle import facts as core
from partnerpath.core.lifecycle.cadence import Cadence
from partnerpath.core.lifecycle.gate_config import (
    GateConfig,
    GateConfigError,
    config_changes,
    config_from_mapping,
    weakened_protections,
)
from partnerpath.core.risk.checklist import Rating
from partnerpath.diligence.services.checklists import current_checklists
from partnerpath.partnerships.models import Concern, GateSettings, Partner, Partnership
from partnerpath.partnerships.services.agreement import agreement_of

PROGRAMME_KEY = "programme"


def _key(partner_id: int) -> str:
    return f"partner-{partner_id}"


def partner_key(partner: Partner) -> str:
    """The key a partner has in the core's facts."""
    return _key(partner.pk)


def raiser_key(concern: Concern) -> str:
    """The key of who raised ``concern`` in the core's facts (a partner or the programme team)."""
    return _key(concern.raised_by_id) if concern.raised_by_id else PROGRAMME_KEY


def gate_settings_of(programme: Programme) -> GateSettings:
    """The programme's stored gate settings, created with the defaults on first use."""
    found, _ = GateSettings.objects.get_or_create(programme=programme)
    return found


def gate_config_of(programme: Programme) -> GateConfig:
    """The programme's gate configuration as the core reads it."""
    return config_from_mapping(gate_settings_of(programme).config)


class GateChangeRefused(Exception):
    """A change of gate settings that may not be saved: ``reason_missing`` when no reason is
    written, ``weakened`` the due-diligence protections it turns off without confirmation."""

    def __init__(self, reason_missing: bool, weakened: list[str]) -> None:
        problems = (["Write why the gates change."] if reason_missing else []) + weakened
        super().__init__(" ".join(problems))
        self.reason_missing = reason_missing
        self.weakened = weakened


def _stored_config(found: GateSettings) -> GateConfig | None:
    """The stored configuration, or None when it cannot be read."""
    try:
        return config_from_mapping(found.config)
    except GateConfigError:
        return None


@transaction.atomic
def save_gate_config(
    programme: Programme, data: dict[str, Any], reason: str, confirm_weaker: bool = False
) -> list[str]:
    """Store a new gate configuration after the core has validated it (GateConfigError names
    every problem), with the reason in the programme's history; return the changes in words
    (empty: nothing changed, nothing saved). Any change needs a written reason, and turning off a
    protection against partners rated unacceptable needs ``confirm_weaker`` as well
    (GateChangeRefused otherwise)."""
    config = config_from_mapping(data)
    found = GateSettings.objects.select_for_update().get(pk=gate_settings_of(programme).pk)
    old = _stored_config(found)
    changes = config_changes(old or GateConfig(), config)
    if old is not None and not changes:
        return []
    if old is None:
        changes.insert(0, "The stored settings could not be read; these replace them.")
    weakened = [] if confirm_weaker else weakened_protections(old or GateConfig(), config)
    if not reason.strip() or weakened:
        raise GateChangeRefused(not reason.strip(), weakened)
    found.config = config.to_mapping()
    with because(reason.strip()):
        found.save()
    return changes


def core_concern(concern: Concern) -> core.Concern:
    """A concern as the core's rules read it, keyed to who raised it."""
    return core.Concern(
        title=concern.title,
        raised_by=raiser_key(concern),
        category=core.ConcernCategory(concern.category),
        severity=core.Severity(concern.severity),
        status=core.ConcernStatus(concern.status),
        is_deal_breaker=concern.is_deal_breaker,
    )


def partners_of(partnership: Partnership) -> list[Partner]:
    """The partners with their organisations and point-persons, in one query."""
    return list(partnership.partners.select_related("organisation", "point_person").order_by("id"))


def _due_diligence(partnership: Partnership, partners: list[Partner]) -> dict[str, Rating | None]:
    ids = [p.organisation_id for p in partners]
    found = current_checklists(partnership.programme, ids)
    ratings: dict[str, Rating | None] = {}
    for partner in partners:
        summary = found.get(partner.organisation_id)
        if summary is None or summary.checklist is None:
            continue
        signed = summary.checklist.signed_off_at is not None and summary.rating
        ratings[partner_key(partner)] = Rating(summary.rating) if signed else None
    return ratings


def facts_of(partnership: Partnership) -> core.PartnershipFacts:
    """Everything the gate rules read about ``partnership``."""
    partners = partners_of(partnership)
    keys = {p.pk: partner_key(p) for p in partners}
    concerns = tuple(core_concern(c) for c in partnership.concerns.all())
    counts: dict[str, int] = {}
    for partner_id in partnership.contributions.values_list("partner_id", flat=True):
        counts[keys[partner_id]] = counts.get(keys[partner_id], 0) + 1
    # Read afresh: a cached "no agreement" on the object would hide one added since.
    agreement = agreement_of(partnership)
    governance = core.Governance()
    if agreement is not None:
        governance = core.Governance(
            steering_body=bool(agreement.steering_body.strip()),
            cadence=Cadence(agreement.cadence) if agreement.cadence else None,
            decision_rule=bool(agreement.decision_rule.strip()),
        )
    return core.PartnershipFacts(
        partners=tuple(
            core.Partner(
                key=keys[p.pk],
                name=p.organisation.name,
                role=core.PartnerRole(p.role),
                point_person=str(p.point_person) if p.point_person_id else None,
            )
            for p in partners
        ),
        programme_point_person=(
            str(partnership.programme_point_person)
            if partnership.programme_point_person_id
            else None
        ),
        concerns=concerns,
        due_diligence=_due_diligence(partnership, partners),
        contributions_agreed=bool(agreement and agreement.contributions_agreed),
        contributions=counts,
        governance=governance,
        risk_protocol=bool(agreement and agreement.risk_protocol.strip()),
        do_no_harm=bool(agreement and agreement.do_no_harm.strip()),
        success_indicators=partnership.success_indicators.count(),
        signed_document=bool(agreement and agreement.is_signed),
    )

"""Use-cases of the inherent-risk profile: an organisation's footprint (countries, sectors, goods
named on its risk page) read from the registry, and its profile by the core's rule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from partnerpath.audit.context import acting_as
from partnerpath.core.risk.goods import split_goods
from partnerpath.core.risk.profile import Footprint, Reference, RiskProfile, guide, inherent_risk
from partnerpath.diligence.models import OrganisationGoods
from partnerpath.diligence.services.reference import current_reference
from partnerpath.registry.choices import Sector
from partnerpath.registry.models import Organisation

SECTOR_LABELS: dict[str, str] = {str(k): str(v) for k, v in Sector.choices}


def today() -> date:
    """Today in the site's time zone."""
    return timezone.localdate()


def named_goods(organisation: Organisation) -> str:
    """The goods people named for the organisation, as typed (uses a prefetched row if any)."""
    try:
        record = organisation.diligence_goods
    except OrganisationGoods.DoesNotExist:
        return ""
    return str(record.goods)


def footprint_of(organisation: Organisation) -> Footprint:
    """What the risk rule reads about an organisation."""
    return Footprint(
        hq_country=organisation.hq_country,
        operations=tuple(organisation.countries_of_operation),
        sourcing=tuple(organisation.countries_of_sourcing),
        sectors=tuple(organisation.sectors),
        goods=tuple(split_goods(named_goods(organisation))),
    )


def profile_of(organisation: Organisation, reference: Reference | None = None) -> RiskProfile:
    """The organisation's inherent-risk profile on the reference data in force."""
    return inherent_risk(
        footprint_of(organisation), reference or current_reference(), today(), SECTOR_LABELS
    )


def how_to_read(profile: RiskProfile) -> tuple[str, ...]:
    """What the profile's figures mean and where they come from, for the risk page."""
    return guide(profile.rule)


def profiles_of(organisations: Iterable[Organisation]) -> dict[int, RiskProfile]:
    """Profiles of many organisations, reading the reference data once. Prefetch
    ``diligence_goods`` (select_related) to keep the query count flat."""
    reference = current_reference()
    return {org.pk: profile_of(org, reference) for org in organisations}


def save_goods(organisation: Organisation, text: str, user: Any) -> OrganisationGoods:
    """Record the goods an organisation deals in (one per line or comma-separated)."""
    cleaned = "\n".join(split_goods(text))
    with transaction.atomic(), acting_as(user):
        record, created = OrganisationGoods.objects.get_or_create(
            organisation=organisation,
            defaults={"programme_id": organisation.programme_id, "goods": cleaned},
        )
        if not created and record.goods != cleaned:
            record.goods = cleaned
            record.save()
    return record

"""The portfolio pyramid: how many organisations sit at each maturity level, from each
organisation's latest final assessment. One query whatever the number of organisations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, QuerySet, Subquery

from partnerpath.accounts.models import Programme
from partnerpath.assessments.choices import Kind, Status
from partnerpath.assessments.models import Assessment
from partnerpath.registry.models import Organisation


@dataclass(frozen=True)
class PortfolioFilter:
    """Sector and country (headquarters or operations) to narrow the pyramid."""

    sector: str = ""
    country: str = ""

    @classmethod
    def from_params(cls, params: dict[str, str]) -> PortfolioFilter:
        """Read the filter from query parameters (unknown values simply match nothing)."""
        return cls(
            sector=str(params.get("sector", "") or "").strip(),
            country=str(params.get("country", "") or "").strip().upper()[:2],
        )


def latest_levels(programme: Programme, flt: PortfolioFilter) -> QuerySet[Organisation]:
    """Organisations of the programme with the level of their latest final maturity assessment."""
    latest = Assessment.objects.filter(
        organisation=OuterRef("pk"), kind=Kind.MATURITY, status=Status.FINAL
    ).order_by("-assessed_on", "-id")
    qs = Organisation.objects.filter(programme=programme).annotate(
        latest_level=Subquery(latest.values("level")[:1]),
        latest_assessment=Subquery(latest.values("pk")[:1]),
        latest_on=Subquery(latest.values("assessed_on")[:1]),
    )
    if flt.sector:
        qs = qs.filter(sectors__has=flt.sector)
    if flt.country:
        qs = qs.filter(Q(hq_country=flt.country) | Q(countries_of_operation__has=flt.country))
    return qs.filter(latest_level__isnull=False).order_by("name", "id")


@dataclass
class Portfolio:
    """Counts per level and the organisations at each level."""

    counts: dict[int, int] = field(default_factory=dict)
    by_level: dict[int, list[Organisation]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Organisations with a final assessment."""
        return sum(self.counts.values())


def portfolio(programme: Programme, flt: PortfolioFilter) -> Portfolio:
    """The pyramid's content in one query."""
    result = Portfolio()
    for org in latest_levels(programme, flt).only("id", "name", "hq_country", "sectors"):
        level = int(org.latest_level)  # type: ignore[attr-defined]
        result.counts[level] = result.counts.get(level, 0) + 1
        result.by_level.setdefault(level, []).append(org)
    return result


def sector_counts(
    programme: Programme, sectors: Sequence[str], exclude: int | None = None
) -> dict[str, dict[int, int]]:
    """Counts per level of each sector's organisations (no names), all in one query."""
    wanted = list(dict.fromkeys(sectors))
    if not wanted:
        return {}
    any_sector = Q()
    for sector in wanted:
        any_sector |= Q(sectors__has=sector)
    qs = latest_levels(programme, PortfolioFilter()).filter(any_sector)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    counts: dict[str, dict[int, int]] = {s: {} for s in wanted}
    for org in qs.only("id", "sectors"):
        level = int(org.latest_level)  # type: ignore[attr-defined]
        for sector in set(org.sectors) & counts.keys():
            counts[sector][level] = counts[sector].get(level, 0) + 1
    return counts

"""The portfolio pyramid: how many organisations sit at each maturity level, from each
organisation's latest final assessment. One query whatever the number of organisations.

Levels of different rubrics are not the same thing (a programme's rubric may add a level or name
them differently), so the pyramid is drawn for one rubric at a time: the organisations whose
latest final assessment was made with it. By default that is the rubric most of them were last
assessed with; the others are counted so the page can offer them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, QuerySet, Subquery

from partnerpath.accounts.models import Programme
from partnerpath.assessments.choices import Kind, Status
from partnerpath.assessments.models import Assessment
from partnerpath.core.countries import parse_country
from partnerpath.registry.choices import Sector
from partnerpath.registry.models import Organisation

# A rubric key as the validator allows it: "<slug>-v<whole number>", at most 80 characters.
RUBRIC_KEY = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*-v[0-9]+")
# A code as sectors are stored (an unlisted one simply matches nothing); never a LIKE wildcard
# ("%") or the list's separator (",") that would make the filter match what it should not.
SECTOR_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
LEVEL = re.compile(r"[0-9]{1,5}")  # ASCII digits only: str.isdigit() also takes "²" and "٣"


def _quoted(value: str) -> str:
    """A value the user typed, cut short, to quote in a message."""
    return f"'{value[:30]}…'" if len(value) > 30 else f"'{value}'"


@dataclass(frozen=True)
class PortfolioFilter:
    """Sector and country (headquarters or operations) to narrow the pyramid, and the rubric
    whose pyramid to draw ("" for the one most used)."""

    sector: str = ""
    country: str = ""
    rubric: str = ""

    @classmethod
    def read(cls, params: Mapping[str, str]) -> tuple[PortfolioFilter, list[str]]:
        """The filter the query parameters ask for, and why each value left out was left out
        (a malformed sector, an unknown country, a malformed rubric key): those are ignored."""
        problems: list[str] = []
        sector = str(params.get("sector", "") or "").strip()
        if sector and not (sector in Sector.values or SECTOR_CODE.fullmatch(sector)):
            problems.append(f"Unknown sector {_quoted(sector)}: showing every sector.")
            sector = ""
        given = str(params.get("country", "") or "").strip()
        country = (parse_country(given[:60]) or "") if given else ""
        if given and not country:
            problems.append(f"Unknown country {_quoted(given)}: showing every country.")
        rubric = str(params.get("rubric", "") or "").strip()
        if rubric and not (len(rubric) <= 80 and RUBRIC_KEY.fullmatch(rubric)):
            problems.append(f"No rubric {_quoted(rubric)}: showing the one most used.")
            rubric = ""
        return cls(sector, country, rubric), problems

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> PortfolioFilter:
        """The filter of these query parameters, values it does not know left out."""
        return cls.read(params)[0]


def parse_level(text: str) -> int | None:
    """A level number typed in a query parameter (ASCII digits only); None otherwise."""
    text = text.strip()
    return int(text) if LEVEL.fullmatch(text) else None


def _latest() -> QuerySet[Assessment]:
    return Assessment.objects.filter(
        organisation=OuterRef("pk"), kind=Kind.MATURITY, status=Status.FINAL
    ).order_by("-assessed_on", "-id")


def latest_levels(programme: Programme, flt: PortfolioFilter) -> QuerySet[Organisation]:
    """Organisations of the programme with the level of their latest final maturity assessment
    (the filter's sector and country applied; its rubric is not: see :func:`portfolio`)."""
    latest = _latest()
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
    """One rubric's pyramid: counts per level (``at_least`` of them only floors), the
    organisations at each level, and how many organisations each rubric has (most first)."""

    rubric: str = ""
    counts: dict[int, int] = field(default_factory=dict)
    at_least: dict[int, int] = field(default_factory=dict)
    by_level: dict[int, list[Organisation]] = field(default_factory=dict)
    rubrics: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Organisations on this rubric's pyramid."""
        return sum(self.counts.values())

    @property
    def elsewhere(self) -> int:
        """Organisations last assessed with another rubric (on that rubric's pyramid)."""
        return sum(self.rubrics.values()) - self.total


def portfolio(programme: Programme, flt: PortfolioFilter) -> Portfolio:
    """The pyramid of the filter's rubric (else the one most used), in one query."""
    latest = _latest()
    rows = list(
        latest_levels(programme, flt)
        .annotate(
            latest_rubric=Subquery(latest.values("rubric_key")[:1]),
            latest_floor=Subquery(latest.values("result__determinable")[:1]),
        )
        .only("id", "name", "hq_country", "sectors")
    )
    used = Counter(str(org.latest_rubric) for org in rows)
    # Most organisations first; equal counts by key, so the default never flips between loads.
    ranked = sorted(used.items(), key=lambda item: (-item[1], item[0]))
    result = Portfolio(rubric=flt.rubric or (ranked[0][0] if ranked else ""), rubrics=dict(ranked))
    for org in rows:
        if org.latest_rubric != result.rubric:
            continue
        level = int(org.latest_level)  # type: ignore[attr-defined]
        result.counts[level] = result.counts.get(level, 0) + 1
        org.at_least = _is_floor(org.latest_floor)  # type: ignore[attr-defined]
        if org.at_least:  # type: ignore[attr-defined]
            result.at_least[level] = result.at_least.get(level, 0) + 1
        result.by_level.setdefault(level, []).append(org)
    return result


def _is_floor(determinable: object) -> bool:
    """Whether a stored result's ``determinable`` says the level is only a floor ("at least").

    JSON ``false`` reads back as False (PostgreSQL) or 0 (SQLite); a result without the key
    (older rows) is a plain level.
    """
    return determinable in (False, "false")  # 0 == False


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

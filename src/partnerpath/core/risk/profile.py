"""The inherent-risk profile of an organisation: for each of its countries (headquarters,
operations, sourcing) the latest TIP tier, the prevalence estimate and the DOL goods listings that
concern its sectors and goods, each figure with its source; and an overall level by a versioned
rule (inherent-risk-v1) that says why."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from partnerpath.core.countries import country_name
from partnerpath.core.risk.goods import GoodsInterest, goods_matching, goods_of_interest
from partnerpath.core.risk.reference import (
    TIER_LABELS,
    Dataset,
    GoodsListing,
    PrevalenceEstimate,
    Tier,
    TierPlacement,
)


class RiskLevel(StrEnum):
    """Inherent risk, from least to most."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very high"


LEVEL_ORDER: tuple[RiskLevel, ...] = tuple(RiskLevel)


def highest(levels: Iterable[RiskLevel]) -> RiskLevel | None:
    """The most severe of the levels, or None when there are none."""
    found = list(levels)
    return max(found, key=LEVEL_ORDER.index) if found else None


@dataclass(frozen=True)
class InherentRiskRule:
    """The thresholds of one version of the rule; old versions stay loadable by name."""

    name: str
    tier_levels: Mapping[Tier, RiskLevel]
    # (lowest prevalence per 1,000 for the level, level), ascending
    prevalence_bands: tuple[tuple[float, RiskLevel], ...]
    forced_labour: RiskLevel
    child_labour: RiskLevel
    derived: RiskLevel
    old_after_years: int  # figures older than this are flagged as old


INHERENT_RISK_V1 = InherentRiskRule(
    name="inherent-risk-v1",
    tier_levels={
        Tier.TIER_1: RiskLevel.LOW,
        Tier.TIER_2: RiskLevel.MEDIUM,
        Tier.WATCH_LIST: RiskLevel.HIGH,
        Tier.TIER_3: RiskLevel.VERY_HIGH,
        Tier.SPECIAL_CASE: RiskLevel.HIGH,
    },
    prevalence_bands=(
        (0.0, RiskLevel.LOW),
        (3.0, RiskLevel.MEDIUM),
        (7.0, RiskLevel.HIGH),
        (10.0, RiskLevel.VERY_HIGH),
    ),
    forced_labour=RiskLevel.VERY_HIGH,
    child_labour=RiskLevel.HIGH,
    derived=RiskLevel.HIGH,
    old_after_years=5,
)
RULES: Mapping[str, InherentRiskRule] = {INHERENT_RISK_V1.name: INHERENT_RISK_V1}


def _bands(rule: InherentRiskRule) -> str:
    """The prevalence bands in words: "under 3 low, 3 to under 7 medium, ..., 10 or more very
    high"."""
    bands = rule.prevalence_bands
    parts = []
    for i, (lowest, level) in enumerate(bands):
        if i + 1 < len(bands):
            upper = bands[i + 1][0]
            span = f"under {upper:g}" if i == 0 else f"{lowest:g} to under {upper:g}"
        else:
            span = f"{lowest:g} or more"
        parts.append(f"{span} is {level.value}")
    return ", ".join(parts)


def guide(rule_name: str = INHERENT_RISK_V1.name) -> tuple[str, ...]:
    """What the figures of a profile mean, where they come from and how they make the level, in
    plain words with the thresholds of the rule that made the profile."""
    rule = RULES.get(rule_name, INHERENT_RISK_V1)
    tiers = ", ".join(f"{TIER_LABELS[t]} is {level.value}" for t, level in rule.tier_levels.items())
    return (
        "TIP Report tier: each year the US State Department ranks how well each government "
        "fights human trafficking, from Tier 1 (meets the minimum standards) to Tier 3 (falls "
        f"short and makes no significant effort). Here {tiers}.",
        "Prevalence: the estimated number of people in modern slavery for every 1,000 people "
        "living in the country, from a survey such as Walk Free's Global Slavery Index. Here "
        f"{_bands(rule)}.",
        "DOL List: goods the US Department of Labor lists as made with forced or child labour "
        "in a given country. A listed good that the organisation deals in, from one of its "
        f"countries, is {rule.forced_labour.value} for forced labour, {rule.child_labour.value} "
        f"for child labour and {rule.derived.value} when the good is made from listed inputs.",
        "Each country takes its most severe figure, and the organisation its most severe "
        "country. The figures come from the reference files the programme imported, each shown "
        f"with its source; a TIP tier more than {rule.old_after_years} years old still counts "
        "but is listed under the gaps.",
    )


@dataclass(frozen=True)
class Footprint:
    """What the profile reads about an organisation."""

    hq_country: str = ""
    operations: tuple[str, ...] = ()
    sourcing: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    goods: tuple[str, ...] = ()  # named by people on the risk page

    def countries(self) -> dict[str, tuple[str, ...]]:
        """Each country with its roles, headquarters first."""
        pairs = [(self.hq_country, "headquarters")] if self.hq_country else []
        pairs += [(c, "operations") for c in self.operations]
        pairs += [(c, "sourcing") for c in self.sourcing]
        roles: dict[str, list[str]] = {}
        for code, role in pairs:
            if code and role not in roles.setdefault(code.upper(), []):
                roles[code.upper()].append(role)
        return {code: tuple(r) for code, r in roles.items()}


@dataclass(frozen=True)
class Reference:
    """The reference data in force: the DOL listings, the latest tier and the prevalence of each
    country, each with the dataset it came from."""

    goods: Sequence[GoodsListing] = ()
    goods_dataset: Dataset | None = None
    tiers: Mapping[str, tuple[TierPlacement, Dataset]] = field(default_factory=dict)
    prevalence: Mapping[str, tuple[PrevalenceEstimate, Dataset]] = field(default_factory=dict)
    _by_country: dict[str, list[GoodsListing]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for listing in self.goods:
            self._by_country.setdefault(listing.country, []).append(listing)

    @property
    def is_empty(self) -> bool:
        """Nothing imported yet."""
        return not self.goods and not self.tiers and not self.prevalence

    def listings_in(self, country: str) -> list[GoodsListing]:
        """The DOL listings of one country."""
        return self._by_country.get(country, [])


@dataclass(frozen=True)
class Signal:
    """One figure that bears on the level, the level it points to, and its source."""

    level: RiskLevel
    reason: str
    source: str


@dataclass(frozen=True)
class Listing:
    """A DOL listing that concerns the organisation, and why it does."""

    listing: GoodsListing
    because: tuple[str, ...]
    source: Dataset


@dataclass(frozen=True)
class CountryRisk:
    """Everything known about one of the organisation's countries."""

    country: str
    name: str
    roles: tuple[str, ...]
    tier: TierPlacement | None
    tier_source: Dataset | None
    prevalence: PrevalenceEstimate | None
    prevalence_source: Dataset | None
    listings: tuple[Listing, ...]
    signals: tuple[Signal, ...]

    @property
    def level(self) -> RiskLevel | None:
        """The most severe signal of this country."""
        return highest(s.level for s in self.signals)


@dataclass(frozen=True)
class RiskProfile:
    """The organisation's inherent risk, with each country's figures and the reasons."""

    rule: str
    level: RiskLevel | None
    explanation: tuple[str, ...]
    countries: tuple[CountryRisk, ...]
    interests: tuple[GoodsInterest, ...]
    gaps: tuple[str, ...]
    sources: tuple[Dataset, ...]


def _prevalence_level(value: float, rule: InherentRiskRule) -> RiskLevel:
    level = rule.prevalence_bands[0][1]
    for lowest, band in rule.prevalence_bands:
        if value >= lowest:
            level = band
    return level


def _listing_level(listing: GoodsListing, rule: InherentRiskRule) -> RiskLevel:
    if listing.involves_forced_labour:
        return rule.forced_labour
    if listing.child_labour:
        return rule.child_labour
    return rule.derived


def _country(
    code: str,
    roles: tuple[str, ...],
    reference: Reference,
    interests: Sequence[GoodsInterest],
    rule: InherentRiskRule,
    today: date,
    gaps: list[str],
) -> CountryRisk:
    name = country_name(code)
    signals: list[Signal] = []
    tier, tier_source = reference.tiers.get(code, (None, None))
    if tier is not None and tier_source is not None:
        signals.append(
            Signal(
                rule.tier_levels[tier.tier],
                f"{name}: TIP Report {tier.label} ({tier.year}).",
                tier_source.citation,
            )
        )
        if today.year - tier.year > rule.old_after_years:
            gaps.append(
                f"The latest TIP tier on file for {name} is from {tier.year}; import a newer one."
            )
    elif reference.tiers:
        gaps.append(f"No TIP tier on file for {name}.")
    prevalence, prevalence_source = reference.prevalence.get(code, (None, None))
    if prevalence is not None and prevalence_source is not None:
        year = f", estimate for {prevalence.year}" if prevalence.year else ""
        source = prevalence.source or prevalence_source.citation
        signals.append(
            Signal(
                _prevalence_level(prevalence.per_thousand, rule),
                f"{name}: {prevalence.per_thousand:g} people in modern slavery per 1,000{year}.",
                source,
            )
        )
    elif reference.prevalence:
        gaps.append(f"No prevalence estimate on file for {name}.")
    listings: list[Listing] = []
    for listing in reference.listings_in(code):
        found = goods_matching(interests, listing.good)
        if not found or reference.goods_dataset is None:
            continue
        because = tuple(dict.fromkeys(f"{i.term} ({i.because})" for i in found))
        listings.append(Listing(listing, because, reference.goods_dataset))
        signals.append(
            Signal(
                _listing_level(listing, rule),
                f"{listing.good} from {name} is on the DOL List: "
                f"{', '.join(listing.labour_kinds)}.",
                reference.goods_dataset.citation,
            )
        )
    return CountryRisk(
        code,
        name,
        roles,
        tier,
        tier_source,
        prevalence,
        prevalence_source,
        tuple(listings),
        tuple(signals),
    )


def inherent_risk(
    footprint: Footprint,
    reference: Reference,
    today: date,
    sector_labels: Mapping[str, str] | None = None,
    rule: InherentRiskRule = INHERENT_RISK_V1,
) -> RiskProfile:
    """inherent-risk-v1: each country's level is its most severe figure (TIP tier: 1 low, 2
    medium, Watch List high, 3 very high, special case high; prevalence per 1,000: under 3 low,
    3 medium, 7 high, 10 or more very high; a good of the organisation on the DOL List from that
    country: forced labour very high, child labour high, made from listed inputs high). The
    organisation's level is its most severe country; with no country or no data it is not rated."""
    interests = goods_of_interest(footprint.sectors, footprint.goods, sector_labels)
    gaps: list[str] = []
    countries = footprint.countries()
    rows = tuple(
        _country(code, roles, reference, interests, rule, today, gaps)
        for code, roles in countries.items()
    )
    used = [d for c in rows for d in (c.tier_source, c.prevalence_source) if d is not None]
    if reference.goods_dataset is not None and any(c.listings for c in rows):
        used.append(reference.goods_dataset)
    sources = tuple(dict.fromkeys(used))
    if not interests:
        gaps.append(
            "No sector with typical goods and no goods named, so the DOL List was not consulted."
        )
    if reference.is_empty:
        gaps.insert(0, "No reference data is imported yet (DOL List, TIP tiers, prevalence).")
    if not countries:
        gaps.insert(
            0,
            "No country is recorded for this organisation (headquarters, operations or sourcing).",
        )
    level = highest(c.level for c in rows if c.level is not None)
    explanation: tuple[str, ...]
    if level is None:
        explanation = (
            f"Not rated ({rule.name}): there are no figures for this organisation's countries.",
        )
    else:
        top = [s for c in rows for s in c.signals if s.level is level]
        explanation = (
            f"Inherent risk {level.value} ({rule.name}): the most severe figure for its countries.",
            *(f"{s.reason} Source: {s.source}." for s in top),
        )
    return RiskProfile(rule.name, level, explanation, rows, interests, tuple(gaps), sources)

"""The reference data the risk profile reads: DOL goods listings, TIP tier placements and
prevalence estimates, each row as a plain value, and the dataset (source, edition) it came from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ReferenceKind(StrEnum):
    """The kinds of reference data PartnerPath imports."""

    DOL_GOODS = "dol-goods"
    TIP_TIERS = "tip-tiers"
    PREVALENCE = "prevalence"


class Tier(StrEnum):
    """A country's placement in the US TIP Report."""

    TIER_1 = "1"
    TIER_2 = "2"
    WATCH_LIST = "2WL"
    TIER_3 = "3"
    SPECIAL_CASE = "special"


TIER_LABELS: dict[Tier, str] = {
    Tier.TIER_1: "Tier 1",
    Tier.TIER_2: "Tier 2",
    Tier.WATCH_LIST: "Tier 2 Watch List",
    Tier.TIER_3: "Tier 3",
    Tier.SPECIAL_CASE: "Special case",
}


@dataclass(frozen=True)
class Dataset:
    """Where figures come from: the source's name, its edition and the dates that matter."""

    name: str
    edition: str
    imported_on: date
    published_on: date | None = None

    @property
    def citation(self) -> str:
        """How a figure names its source: "US DOL List of Goods, 2022 edition"."""
        published = f", published {self.published_on:%d %b %Y}" if self.published_on else ""
        return (
            f"{self.name}, {self.edition} edition{published} (imported {self.imported_on:%d %b %Y})"
        )


@dataclass(frozen=True)
class GoodsListing:
    """One good from one country on the DOL List of Goods, with the kinds of labour it names."""

    good: str
    country: str  # ISO 3166-1 alpha-2
    country_name: str  # as the list spells it
    sector: str = ""
    child_labour: bool = False
    forced_labour: bool = False
    forced_child_labour: bool = False
    derived: bool = False  # made from inputs that are listed (e.g. solar modules from polysilicon)
    derived_from: str = ""  # the country of those inputs, as the list spells it

    @property
    def involves_forced_labour(self) -> bool:
        """Listed for forced labour or forced child labour."""
        return self.forced_labour or self.forced_child_labour

    @property
    def labour_kinds(self) -> tuple[str, ...]:
        """The kinds of labour named, in words."""
        kinds = []
        if self.child_labour:
            kinds.append("child labour")
        if self.forced_labour:
            kinds.append("forced labour")
        if self.forced_child_labour:
            kinds.append("forced child labour")
        if self.derived:
            source = f" ({self.derived_from})" if self.derived_from else ""
            kinds.append(f"made from inputs listed for forced or child labour{source}")
        return tuple(kinds)


@dataclass(frozen=True)
class TierPlacement:
    """A country's TIP Report tier in one year."""

    country: str
    country_name: str
    year: int
    tier: Tier

    @property
    def label(self) -> str:
        """ "Tier 2 Watch List"."""
        return TIER_LABELS[self.tier]


@dataclass(frozen=True)
class PrevalenceEstimate:
    """Estimated people in modern slavery per 1,000 population in a country."""

    country: str
    country_name: str
    per_thousand: float
    people: int | None = None
    year: int | None = None
    source: str = ""  # the row's own source, when the file names one per row

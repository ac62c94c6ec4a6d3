"""The inherent-risk rule (inherent-risk-v1), case by case: tiers, prevalence bands, DOL listings
for the organisation's goods, the most severe figure winning, gaps, and sources on every figure."""

from __future__ import annotations

from datetime import date

import pytest

from partnerpath.core.risk.profile import (
    INHERENT_RISK_V1,
    Footprint,
    Reference,
    RiskLevel,
    guide,
    highest,
    inherent_risk,
)
from partnerpath.core.risk.reference import (
    Dataset,
    GoodsListing,
    PrevalenceEstimate,
    Tier,
    TierPlacement,
)

TODAY = date(2026, 3, 1)
DOL = Dataset("US DOL List of Goods", "2022", date(2026, 1, 5), date(2022, 9, 28))
TIP = Dataset("TIP Report tiers", "2024", date(2026, 1, 5))
GSI = Dataset("Walk Free Global Slavery Index", "2023", date(2026, 1, 5))

GOODS = (
    GoodsListing("Fish", "TH", "Thailand", forced_labour=True),
    GoodsListing("Shrimp", "VN", "Vietnam", child_labour=True),
    GoodsListing("Solar Modules", "CN", "China", derived=True, derived_from="China"),
    GoodsListing("Garments", "TH", "Thailand", child_labour=True),
)


def _tiers(**placements: Tier) -> dict[str, tuple[TierPlacement, Dataset]]:
    return {c: (TierPlacement(c, c, 2024, t), TIP) for c, t in placements.items()}


def _prevalence(**values: float) -> dict[str, tuple[PrevalenceEstimate, Dataset]]:
    return {c: (PrevalenceEstimate(c, c, v), GSI) for c, v in values.items()}


REFERENCE = Reference(
    GOODS,
    DOL,
    _tiers(
        TH=Tier.TIER_2, GB=Tier.TIER_1, MM=Tier.TIER_3, MY=Tier.WATCH_LIST, LY=Tier.SPECIAL_CASE
    ),
    _prevalence(TH=5.7, GB=1.8, IN=8.0, MM=12.1, VN=2.9),
)

# (case, footprint, expected level) — the readable case table of inherent-risk-v1.
CASES = [
    ("tier 1 and low prevalence", Footprint("GB"), RiskLevel.LOW),
    ("tier 2 is medium", Footprint(operations=("TH",)), RiskLevel.MEDIUM),
    ("watch list is high", Footprint("MY"), RiskLevel.HIGH),
    ("tier 3 is very high", Footprint("MM"), RiskLevel.VERY_HIGH),
    ("special case is high", Footprint("LY"), RiskLevel.HIGH),
    ("prevalence 8 per 1,000 is high", Footprint("IN"), RiskLevel.HIGH),
    ("prevalence under 3 is low", Footprint("VN"), RiskLevel.LOW),
    (
        "a forced-labour good from a sourcing country is very high",
        Footprint("GB", sourcing=("TH",), sectors=("fisheries",)),
        RiskLevel.VERY_HIGH,
    ),
    ("a child-labour good is high", Footprint("VN", goods=("shrimp",)), RiskLevel.HIGH),
    (
        "a good made from listed inputs is high",
        Footprint("CN", sectors=("energy",)),
        RiskLevel.HIGH,
    ),
    (
        "a listed good from another country does not count",
        Footprint("GB", sectors=("fisheries",)),
        RiskLevel.LOW,
    ),
    ("the most severe country wins", Footprint("GB", operations=("MM",)), RiskLevel.VERY_HIGH),
    ("no country: not rated", Footprint(sectors=("fisheries",)), None),
    ("no figures for its country: not rated", Footprint("FR"), None),
]


@pytest.mark.parametrize(("case", "footprint", "level"), CASES, ids=[c[0] for c in CASES])
def test_inherent_risk_v1_case_table(
    case: str, footprint: Footprint, level: RiskLevel | None
) -> None:
    assert inherent_risk(footprint, REFERENCE, TODAY).level is level


@pytest.mark.parametrize(
    ("value", "level"),
    [
        (0.0, RiskLevel.LOW),
        (2.99, RiskLevel.LOW),
        (3.0, RiskLevel.MEDIUM),
        (6.9, RiskLevel.MEDIUM),
        (7.0, RiskLevel.HIGH),
        (9.99, RiskLevel.HIGH),
        (10.0, RiskLevel.VERY_HIGH),
        (104.6, RiskLevel.VERY_HIGH),
    ],
)
def test_prevalence_bands(value: float, level: RiskLevel) -> None:
    reference = Reference(prevalence=_prevalence(KP=value))
    assert inherent_risk(Footprint("KP"), reference, TODAY).level is level


def test_every_figure_carries_its_source_and_date() -> None:
    profile = inherent_risk(Footprint("TH", sectors=("fisheries",)), REFERENCE, TODAY)
    (thailand,) = profile.countries
    assert thailand.tier is not None and thailand.tier_source is TIP
    assert thailand.prevalence is not None and thailand.prevalence_source is GSI
    assert [(item.listing.good, item.source) for item in thailand.listings] == [("Fish", DOL)]
    assert all(s.source for s in thailand.signals)
    assert "US DOL List of Goods, 2022 edition, published 28 Sep 2022 (imported 05 Jan 2026)" in {
        s.source for s in thailand.signals
    }
    assert set(profile.sources) == {DOL, TIP, GSI}


def test_the_explanation_names_the_rule_and_the_deciding_figures() -> None:
    profile = inherent_risk(Footprint("TH", sectors=("fisheries",)), REFERENCE, TODAY)
    assert profile.rule == "inherent-risk-v1"
    assert profile.explanation[0].startswith("Inherent risk very high (inherent-risk-v1)")
    assert any(
        "Fish from Thailand is on the DOL List: forced labour." in line
        for line in profile.explanation
    )


def test_listings_say_why_they_concern_the_organisation() -> None:
    profile = inherent_risk(
        Footprint("TH", goods=("garments",), sectors=("apparel",)),
        REFERENCE,
        TODAY,
        {"apparel": "Apparel"},
    )
    (item,) = profile.countries[0].listings
    assert item.because == ("garments (named on the risk page)",)


def test_roles_of_a_country_are_merged() -> None:
    profile = inherent_risk(Footprint("th", ("TH", "MM"), ("TH",)), REFERENCE, TODAY)
    assert [(c.country, c.roles) for c in profile.countries] == [
        ("TH", ("headquarters", "operations", "sourcing")),
        ("MM", ("operations",)),
    ]


def test_gaps_are_listed_old_figures_missing_figures_and_no_goods() -> None:
    old = Reference(tiers={"TH": (TierPlacement("TH", "Thailand", 2015, Tier.TIER_3), TIP)})
    gaps = inherent_risk(Footprint("TH", operations=("FR",)), old, TODAY).gaps
    assert "The latest TIP tier on file for Thailand is from 2015; import a newer one." in gaps
    assert "No TIP tier on file for France." in gaps
    assert any("DOL List was not consulted" in g for g in gaps)


def test_no_reference_data_is_said_plainly() -> None:
    profile = inherent_risk(Footprint("TH"), Reference(), TODAY)
    assert profile.level is None
    assert profile.gaps[0].startswith("No reference data is imported yet")


def test_levels_order_and_the_rule_is_registered_by_name() -> None:
    assert highest([RiskLevel.MEDIUM, RiskLevel.VERY_HIGH, RiskLevel.LOW]) is RiskLevel.VERY_HIGH
    assert highest([]) is None
    assert INHERENT_RISK_V1.name == "inherent-risk-v1"


def test_the_guide_gives_the_rules_thresholds_in_words() -> None:
    tiers, prevalence, listings, combined = guide("inherent-risk-v1")
    assert tiers.endswith(
        "Here Tier 1 is low, Tier 2 is medium, Tier 2 Watch List is high, Tier 3 is very high, "
        "Special case is high."
    )
    assert prevalence.endswith(
        "Here under 3 is low, 3 to under 7 is medium, 7 to under 10 is high, 10 or more is "
        "very high."
    )
    assert "very high for forced labour, high for child labour and high" in listings
    assert "most severe country" in combined and "5 years old" in combined

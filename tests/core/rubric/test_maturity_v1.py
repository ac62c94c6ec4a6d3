"""Case table for the packaged ``maturity-v1``: company profiles a reviewer can read."""

from __future__ import annotations

import pytest

from partnerpath.core.rubric import Answer, Ladder, load_packaged

RUBRIC = load_packaged("maturity-v1")
LADDER = Ladder(RUBRIC)


def profile(**per_level: str) -> dict[str, Answer]:
    """level1="met" -> every level-1 indicator met, with evidence; "unknown", "not_met"..."""
    out = {}
    for key, value in per_level.items():
        level = RUBRIC.level(int(key.removeprefix("level")))
        out |= {i.id: Answer(value, evidence=True) for i in level.indicators}
    return out


@pytest.mark.parametrize(
    ("answers", "level", "determinable", "offer_word"),
    [
        (profile(level1="not_met"), 0, True, "other companies"),
        (profile(level1="met", level2="not_met"), 1, True, "CSR"),
        (profile(level1="met", level2="met", level3="partly"), 2, True, "supplier"),
        (profile(level1="met", level2="met", level3="met", level4="not_met"), 3, True, "audits"),
        (profile(level1="met", level2="met", level3="met", level4="met"), 4, True, "shared-value"),
        (profile(level1="met", level2="not_met", level3="met", level4="met"), 1, True, "CSR"),
        (profile(level1="met", level2="unknown"), 1, False, "CSR"),
    ],
    ids=[
        "denies-the-problem",
        "donor-only",
        "compliance-with-some-sustainability",
        "leader",
        "innovator",
        "strong-practice-without-compliance-basics-caps-at-follower",
        "compliance-not-yet-researched",
    ],
)
def test_company_profiles(answers, level, determinable, offer_word):
    result = LADDER.evaluate(answers)
    assert (result.level, result.determinable) == (level, determinable)
    assert any(offer_word in o for o in result.offers)
    assert result.partnerships or level == 0

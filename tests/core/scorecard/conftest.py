"""Shared helpers for the score-card tests: the default card and scores written as tables."""

from __future__ import annotations

import pytest

from partnerpath.core.scorecard.scores import RoundScores, gather_scores, records_from_table
from partnerpath.core.scorecard.template import Template
from partnerpath.core.scorecard.template_files import default_template


@pytest.fixture
def card() -> Template:
    return default_template()


def table(text: str, template: Template | None = None) -> list[RoundScores]:
    """Rounds from CSV-like text (one row per line, comma-separated, header first)."""
    lines = [line.split(",") for line in text.strip().splitlines()]
    return gather_scores(records_from_table(lines[0], lines[1:]), template or default_template())


def uniform(opportunity: str, benefit: int, cost: int, raters: int = 1) -> str:
    """Rows scoring every value factor `benefit` and every risk/cost factor `cost`."""
    rows = []
    for factor in default_template().factors:
        score = cost if factor.direction == "lower" else benefit
        rows += [f"{opportunity},r{r},{factor.key},{score}" for r in range(raters)]
    return "\n".join(rows)

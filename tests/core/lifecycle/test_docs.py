"""docs/partnerships.md stays honest: it names every rule, ruleset, setting and unmet code."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnerpath.core.lifecycle.advisor import ADVISOR
from partnerpath.core.lifecycle.agreement import CHECKLIST
from partnerpath.core.lifecycle.dealbreakers import LOUDNESS
from partnerpath.core.lifecycle.gate_config import KNOWN_RULES, RULESET, GateConfig
from partnerpath.core.lifecycle.health import HEALTH
from tests.core.lifecycle.test_gates import CASES

DOC = (Path(__file__).resolve().parents[3] / "docs" / "partnerships.md").read_text("utf-8")
NAMES = sorted(
    {RULESET, ADVISOR, CHECKLIST, HEALTH, LOUDNESS}
    | KNOWN_RULES[RULESET]
    | set(GateConfig().to_mapping())
    | {code for case in CASES for code in case[-1]}
)


@pytest.mark.parametrize("name", NAMES)
def test_the_partnerships_doc_names_it(name: str) -> None:
    assert f"`{name}`" in DOC

"""How loud an open deal-breaker is: louder the later the stage."""

from __future__ import annotations

import pytest

from partnerpath.core.lifecycle.dealbreakers import Loudness, deal_breaker_flag, loudness
from partnerpath.core.lifecycle.facts import ConcernStatus
from partnerpath.core.lifecycle.stages import PATH, Stage
from tests.core.lifecycle.helpers import deal_breaker

S, L = Stage, Loudness

# (stage, loudness)
CASES: list[tuple[Stage, Loudness]] = [
    (S.IDENTIFIED, L.NOTE),
    (S.CULTIVATING, L.NOTE),
    (S.CO_CREATION, L.WARNING),
    (S.AGREEMENT, L.ALARM),
    (S.IMPLEMENTATION, L.ALARM),
    (S.REVIEW, L.ALARM),
    (S.SUSTAINED, L.ALARM),
    (S.CLOSED, L.QUIET),
]


@pytest.mark.parametrize(("stage", "level"), CASES, ids=[s.value for s, _ in CASES])
def test_an_open_deal_breaker_is_louder_the_later_the_stage(stage: Stage, level: Loudness) -> None:
    found, reason = loudness(stage)
    assert found is level
    assert reason


def test_loudness_never_drops_along_the_journey() -> None:
    levels = [loudness(s)[0] for s in PATH]
    assert levels == sorted(levels)


def test_the_flag_counts_only_open_deal_breakers() -> None:
    concerns = (
        deal_breaker("No naming of suppliers"),
        deal_breaker("Audit access", status=ConcernStatus.BEING_RESOLVED),
        deal_breaker("Logo use", status=ConcernStatus.RESOLVED),
        deal_breaker("Timeline", is_deal_breaker=False),
    )
    flag = deal_breaker_flag(Stage.IMPLEMENTATION, concerns)
    assert flag is not None
    assert (flag.level, flag.count, flag.titles) == (
        L.ALARM,
        2,
        ("No naming of suppliers", "Audit access"),
    )
    assert flag.message.startswith("2 open deal-breakers: No naming of suppliers; Audit access.")


def test_no_flag_without_an_open_deal_breaker() -> None:
    settled = (deal_breaker(status=ConcernStatus.ACCEPTED),)
    assert deal_breaker_flag(Stage.AGREEMENT, settled) is None
    assert deal_breaker_flag(Stage.AGREEMENT, ()) is None

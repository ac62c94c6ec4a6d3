"""How loud an open deal-breaker is: settled early they build trust; found during implementation
they are toxic (brief, learning 2). So the flag grows louder the later the stage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum

from partnerpath.core.lifecycle.facts import Concern
from partnerpath.core.lifecycle.stages import Stage, label
from partnerpath.core.wording import plural, sentence_end

LOUDNESS = "deal-breaker-loudness-v1"


class Loudness(IntEnum):
    """How prominently an open deal-breaker is shown, from quiet to alarm."""

    QUIET = 0
    NOTE = 1
    WARNING = 2
    ALARM = 3


LOUDNESS_BY_STAGE: Mapping[Stage, Loudness] = {
    Stage.IDENTIFIED: Loudness.NOTE,
    Stage.CULTIVATING: Loudness.NOTE,
    Stage.CO_CREATION: Loudness.WARNING,
    Stage.AGREEMENT: Loudness.ALARM,
    Stage.IMPLEMENTATION: Loudness.ALARM,
    Stage.REVIEW: Loudness.ALARM,
    Stage.SUSTAINED: Loudness.ALARM,
    Stage.CLOSED: Loudness.QUIET,
}


def loudness(stage: Stage) -> tuple[Loudness, str]:
    """Before co-creation an open deal-breaker is a note: surfacing it is the work of these
    stages. In co-creation it is a warning: settle it before the agreement. From the agreement
    on it is an alarm: the agreement gate blocks and, in implementation, it is toxic. A closed
    partnership keeps its history quietly."""
    level = LOUDNESS_BY_STAGE[stage]
    reasons = {
        Loudness.QUIET: "The partnership is closed; its deal-breakers stay on record.",
        Loudness.NOTE: f"In {label(stage)}, surfacing deal-breakers early is the work itself.",
        Loudness.WARNING: f"In {label(stage)}: settle it before the agreement.",
        Loudness.ALARM: f"In {label(stage)}: an open deal-breaker this late endangers the "
        "partnership.",
    }
    return level, reasons[level]


@dataclass(frozen=True)
class DealBreakerFlag:
    """The flag shown on every page of a partnership with open deal-breakers."""

    rule: str
    level: Loudness
    count: int
    titles: tuple[str, ...]
    message: str


def deal_breaker_flag(stage: Stage, concerns: tuple[Concern, ...]) -> DealBreakerFlag | None:
    """The flag for the open deal-breakers among ``concerns`` at ``stage`` (None: none open)."""
    open_ones = tuple(c for c in concerns if c.is_deal_breaker and c.is_open)
    if not open_ones:
        return None
    level, why = loudness(stage)
    titles = tuple(c.title for c in open_ones)
    found = plural(len(open_ones), "open deal-breaker")
    message = f"{sentence_end(f'{found}: ' + '; '.join(titles))} {why}"
    return DealBreakerFlag(LOUDNESS, level, len(open_ones), titles, message)

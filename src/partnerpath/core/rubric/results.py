"""What the rules return: plain frozen dataclasses with the explanation of every step.

Each result names the rubric key it was computed with, so a stored result can be recomputed and
audited later; :func:`as_dict` turns any of them into JSON-ready data.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum
from typing import Any

from partnerpath.core.rubric.model import PartnershipFit


class LevelStatus(StrEnum):
    """What a ladder level's own answers say, before the ladder caps it."""

    REACHED = "reached"
    NOT_REACHED = "not reached"
    NOT_DETERMINABLE = "not determinable"


@dataclasses.dataclass(frozen=True)
class LevelOutcome:
    """One level of a ladder: its score, coverage, status, and whether it counts."""

    level: int
    label: str
    status: LevelStatus
    counts: bool
    score: float | None
    coverage: float
    evidenced: float
    threshold: float
    reason: str


@dataclasses.dataclass(frozen=True)
class Gap:
    """An indicator of the next level that is not (fully) met yet."""

    indicator_id: str
    question: str
    guidance: str
    weight: float
    answer: str


@dataclasses.dataclass(frozen=True)
class LadderResult:
    """A maturity result: the level, how sure we are, what is missing and what to offer."""

    rubric: str
    level: int
    label: str
    determinable: bool
    confidence: float
    levels: tuple[LevelOutcome, ...]
    next_level: int | None
    gaps: tuple[Gap, ...]
    offers: tuple[str, ...]
    partnerships: tuple[PartnershipFit, ...]
    steps: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class SectionOutcome:
    """One section (learning) of a weighted-sections result."""

    id: str
    title: str
    score: float | None
    coverage: float
    evidenced: float
    weak: bool
    next_steps: tuple[str, ...]
    reason: str


@dataclasses.dataclass(frozen=True)
class ReadinessResult:
    """A PSE readiness result: a score per section, weakest first, with next steps."""

    rubric: str
    overall: float | None
    confidence: float
    sections: tuple[SectionOutcome, ...]
    steps: tuple[str, ...]

    def weakest_first(self) -> tuple[SectionOutcome, ...]:
        """Unrated sections first, then by rising score (file order breaks ties)."""
        return tuple(sorted(self.sections, key=lambda s: (s.score is not None, s.score or 0.0)))

    def section(self, section_id: str) -> SectionOutcome:
        """The outcome of one section by id."""
        return next(s for s in self.sections if s.id == section_id)


@dataclasses.dataclass(frozen=True)
class SectionDelta:
    """How one section moved between two results (None when either is unrated)."""

    id: str
    title: str
    before: float | None
    after: float | None
    delta: float | None


@dataclasses.dataclass(frozen=True)
class Comparison:
    """The current result against the previous one."""

    before: str
    after: str
    overall_delta: float | None
    sections: tuple[SectionDelta, ...]
    improved: tuple[str, ...]
    declined: tuple[str, ...]
    steps: tuple[str, ...]


def as_dict(result: object) -> dict[str, Any]:
    """Any result above as plain JSON-ready data (enums become their values)."""
    data = dataclasses.asdict(result)  # type: ignore[call-overload]
    return _plain(data)  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    return value

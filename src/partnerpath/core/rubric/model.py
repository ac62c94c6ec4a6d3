"""What a rubric is: scales, indicators, levels or sections, and the rule that scores them.

A rubric is data, not code. The two packaged rubrics (``maturity-v1``, ``pse-readiness-v1``) live as
YAML files next to this module; :mod:`partnerpath.core.rubric.loader` turns a file into these frozen
dataclasses after :mod:`~partnerpath.core.rubric.validate` has found no problem in it. A stored
assessment names its rubric by :attr:`Rubric.key`, so it keeps computing the same way after a new
version appears.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

# Weights of the indicators of one level (or section) add up to this, within WEIGHT_TOLERANCE.
WEIGHT_TOTAL = 100.0
WEIGHT_TOLERANCE = 0.01

# The brief's partnership types (Table 2) plus its one-off engagement, with display labels.
PARTNERSHIP_TYPES: Mapping[str, str] = {
    "supporter": "Supporter",
    "csr_philanthropy": "CSR / philanthropy",
    "shared_value": "Shared value",
    "one_off": "One-off engagement",
}


class RuleKind(StrEnum):
    """How answers become a result."""

    LADDER = "ladder"
    WEIGHTED_SECTIONS = "weighted_sections"


@dataclass(frozen=True)
class ScaleOption:
    """One answer an assessor can give; ``points`` is None for 'unknown' (no information)."""

    value: str
    label: str
    points: float | None
    anchor: str = ""


@dataclass(frozen=True)
class Scale:
    """A named answer scale; an answer's score is its points over the scale's best points."""

    name: str
    options: tuple[ScaleOption, ...]

    @property
    def max_points(self) -> float:
        """The best answer's points (validation guarantees it is above zero)."""
        return max((o.points for o in self.options if o.points is not None), default=0.0)

    def option(self, value: str) -> ScaleOption | None:
        """The option with this value, or None when the scale has no such answer."""
        return next((o for o in self.options if o.value == value), None)

    def fraction(self, value: str) -> float | None:
        """Share of the indicator's weight this answer earns (0..1), None for 'unknown'."""
        opt = self.option(value)
        if opt is None:
            raise KeyError(value)
        return None if opt.points is None else opt.points / self.max_points


@dataclass(frozen=True)
class Indicator:
    """One observable question an assessor answers, with its weight inside its level/section."""

    id: str
    question: str
    guidance: str
    weight: float
    scale: str
    evidence_required: bool = False


@dataclass(frozen=True)
class PartnershipFit:
    """A partnership type that suits a maturity level, and why."""

    type: str
    reason: str

    @property
    def label(self) -> str:
        """The type's display name."""
        return PARTNERSHIP_TYPES.get(self.type, self.type)


@dataclass(frozen=True)
class Level:
    """A rung of a ladder rubric: what a company at this level does and what to offer it."""

    level: int
    label: str
    description: str
    indicators: tuple[Indicator, ...] = ()
    offers: tuple[str, ...] = ()
    partnerships: tuple[PartnershipFit, ...] = ()
    threshold: float | None = None


@dataclass(frozen=True)
class Section:
    """A group of indicators scored together (a learning of the PSE readiness rubric)."""

    id: str
    title: str
    description: str
    indicators: tuple[Indicator, ...]
    next_steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """The rule's settings, as written in the rubric file (stored results quote them)."""

    kind: RuleKind
    # ladder: a level is reached when its score (answered weight only) is at least `threshold`
    # percent and at least `min_answered` percent of its weight is answered.
    threshold: float = 75.0
    min_answered: float = 50.0
    # weighted_sections: a section scoring below this (0-100) is weak and gets next steps.
    weak_below: float = 66.0


@dataclass(frozen=True)
class Rubric:
    """A validated, versioned rubric; build it with the loader, never by hand in app code."""

    name: str
    version: int
    title: str
    description: str
    rule: Rule
    scales: Mapping[str, Scale]
    levels: tuple[Level, ...] = ()
    base_level: Level | None = None
    sections: tuple[Section, ...] = ()
    derived_from: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def key(self) -> str:
        """The stable name an assessment stores, e.g. ``maturity-v1``."""
        return f"{self.name}-v{self.version}"

    def groups(self) -> tuple[Level, ...] | tuple[Section, ...]:
        """The levels of a ladder rubric, else its sections."""
        return self.levels if self.rule.kind is RuleKind.LADDER else self.sections

    def indicators(self) -> Iterator[Indicator]:
        """Every indicator, in file order."""
        for group in self.groups():
            yield from group.indicators

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id (KeyError when the rubric has none)."""
        for ind in self.indicators():
            if ind.id == indicator_id:
                return ind
        raise KeyError(indicator_id)

    def level(self, number: int) -> Level:
        """The level with this number, the base level (0) included."""
        if self.base_level is not None and number == self.base_level.level:
            return self.base_level
        for lvl in self.levels:
            if lvl.level == number:
                return lvl
        raise KeyError(number)


@dataclass(frozen=True)
class Answer:
    """An assessor's answer to one indicator: a scale value, and whether evidence backs it."""

    value: str
    evidence: bool = False

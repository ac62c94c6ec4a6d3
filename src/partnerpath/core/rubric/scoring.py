"""Arithmetic both rules share: indicators compiled once, then tallied per set of answers.

How an answer counts (the same in every rubric):

* An answer's score is its points over the best points of its scale (``met`` 1, ``partly`` 0.5,
  ``not met`` 0; a 0-3 rating of 2 is 2/3).
* ``unknown`` (an option with no points) and a missing answer are *not* a "no": they leave the
  indicator out of the group's score, and lower its coverage and the result's confidence instead.
* A positive answer to an indicator marked ``evidence_required`` but given without evidence is an
  unverified claim: it is counted as unknown until evidence is attached. A negative answer needs no
  evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from partnerpath.core.rubric.errors import AnswerError
from partnerpath.core.rubric.model import Answer, Indicator, Scale


@dataclass(frozen=True)
class CompiledIndicator:
    """An indicator reduced to what scoring needs: answer value -> share of weight."""

    id: str
    weight: float
    evidence_required: bool
    fractions: Mapping[str, float | None]
    labels: Mapping[str, str]


@dataclass(frozen=True)
class Tally:
    """Weights of one group: earned by answers, answered (known), answered with evidence."""

    total: float
    earned: float
    answered: float
    evidenced: float
    unverified: tuple[str, ...]

    @property
    def score(self) -> float | None:
        """Percent of the answered weight earned; None when nothing is answered."""
        return 100.0 * self.earned / self.answered if self.answered else None

    @property
    def coverage(self) -> float:
        """Percent of the group's weight that has a known answer."""
        return 100.0 * self.answered / self.total if self.total else 0.0

    @property
    def evidence_share(self) -> float:
        """Percent of the group's weight answered with evidence."""
        return 100.0 * self.evidenced / self.total if self.total else 0.0


def compile_group(
    indicators: Sequence[Indicator], scales: Mapping[str, Scale]
) -> tuple[CompiledIndicator, ...]:
    """Index every indicator's answer values once, so tallying is dictionary look-ups only."""
    out = []
    for ind in indicators:
        scale = scales[ind.scale]
        fractions = {o.value: scale.fraction(o.value) for o in scale.options}
        labels = {o.value: o.label for o in scale.options}
        out.append(CompiledIndicator(ind.id, ind.weight, ind.evidence_required, fractions, labels))
    return tuple(out)


_NO_SUCH_VALUE = -1.0


def tally(group: Sequence[CompiledIndicator], answers: Mapping[str, Answer]) -> Tally:
    """Add up one group's answers (see the module docstring for how each answer counts)."""
    total = earned = answered = evidenced = 0.0
    unverified: list[str] = []
    for ind in group:
        total += ind.weight
        answer = answers.get(ind.id)
        if answer is None:
            continue
        fraction = ind.fractions.get(answer.value, _NO_SUCH_VALUE)
        if fraction is None:
            continue
        if fraction == _NO_SUCH_VALUE:
            raise AnswerError(
                f"{ind.id}: '{answer.value}' is not an answer on its scale "
                f"({', '.join(ind.fractions)})"
            )
        if fraction > 0 and ind.evidence_required and not answer.evidence:
            unverified.append(ind.id)
            continue
        answered += ind.weight
        earned += ind.weight * fraction
        if answer.evidence:
            evidenced += ind.weight
    return Tally(total, earned, answered, evidenced, tuple(unverified))


def answer_label(ind: CompiledIndicator, answer: Answer | None) -> str:
    """How an answer reads in a gap list: its label, 'not answered', or 'unverified'."""
    if answer is None:
        return "not answered"
    label = ind.labels.get(answer.value, answer.value)
    fraction = ind.fractions.get(answer.value)
    if fraction and ind.evidence_required and not answer.evidence:
        return f"{label}, without the required evidence"
    return label

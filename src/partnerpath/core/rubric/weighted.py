"""The ``weighted_sections`` rule: a 0-100 score per section, the weakest first, and next steps.

1. Each section is scored on its own: weight earned over weight answered, times 100 (a 0-3
   rating earns a third of the question's weight per point; unrated questions are left out, see
   :mod:`~partnerpath.core.rubric.scoring`).
2. A section is *weak* when its score is below the rule's ``weak_below``, or when none of its
   questions is rated yet (nobody owns it, which is a weakness in itself); a weak section brings
   the next steps the rubric file stores for it.
3. The overall score is the plain mean of the rated sections: every learning counts the same.
4. :func:`compare` sets a result against the previous one, section by section.
"""

from __future__ import annotations

from collections.abc import Mapping

from partnerpath.core.rubric.model import Answer, Rubric, RuleKind, Section
from partnerpath.core.rubric.results import (
    Comparison,
    ReadinessResult,
    SectionDelta,
    SectionOutcome,
)
from partnerpath.core.rubric.scoring import CompiledIndicator, compile_group, tally
from partnerpath.core.wording import plural


class WeightedSections:
    """A weighted-sections rubric compiled once; :meth:`evaluate` scores one set of answers."""

    def __init__(self, rubric: Rubric) -> None:
        if rubric.rule.kind is not RuleKind.WEIGHTED_SECTIONS:
            raise ValueError(f"{rubric.key} is not a weighted_sections rubric")
        self.rubric = rubric
        self.weak_below = rubric.rule.weak_below
        self._sections: tuple[tuple[Section, tuple[CompiledIndicator, ...]], ...] = tuple(
            (s, compile_group(s.indicators, rubric.scales)) for s in rubric.sections
        )

    def evaluate(self, answers: Mapping[str, Answer]) -> ReadinessResult:
        """Score every section, mark the weak ones and attach their next steps."""
        outcomes: list[SectionOutcome] = []
        evidenced = total = 0.0
        for section, group in self._sections:
            t = tally(group, answers)
            evidenced += t.evidenced
            total += t.total
            if t.score is None:
                weak = True
                reason = f"{section.title}: no question rated yet, so it counts as weak."
            else:
                weak = t.score < self.weak_below
                cmp = "<" if weak else ">="
                reason = (
                    f"{section.title}: {t.score:.0f} out of 100 from {t.coverage:.0f}% of its "
                    f"weight rated; {cmp} {self.weak_below:g}, so {'weak' if weak else 'not weak'}."
                )
            outcomes.append(
                SectionOutcome(
                    section.id,
                    section.title,
                    t.score,
                    t.coverage,
                    t.evidence_share,
                    weak,
                    section.next_steps if weak else (),
                    reason,
                )
            )
        rated = [o.score for o in outcomes if o.score is not None]
        overall = sum(rated) / len(rated) if rated else None
        confidence = 100.0 * evidenced / total if total else 0.0
        steps = [o.reason for o in outcomes]
        summary = "no section rated" if overall is None else f"{overall:.0f} out of 100"
        steps.append(
            f"Overall: {summary} (mean of {plural(len(rated), 'rated section')}); "
            f"confidence {confidence:.0f}% (share of weight rated with evidence)."
        )
        return ReadinessResult(self.rubric.key, overall, confidence, tuple(outcomes), tuple(steps))


def evaluate_sections(rubric: Rubric, answers: Mapping[str, Answer]) -> ReadinessResult:
    """Compile and evaluate once."""
    return WeightedSections(rubric).evaluate(answers)


def _delta(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else after - before


def compare(before: ReadinessResult, after: ReadinessResult) -> Comparison:
    """How ``after`` moved from ``before``, matched by section id (works across versions)."""
    previous = {s.id: s for s in before.sections}
    deltas: list[SectionDelta] = []
    steps: list[str] = []
    if before.rubric != after.rubric:
        steps.append(f"Compared across versions ({before.rubric} -> {after.rubric}) by section id.")
    for s in after.sections:
        old = previous.get(s.id)
        old_score = None if old is None else old.score
        d = _delta(old_score, s.score)
        deltas.append(SectionDelta(s.id, s.title, old_score, s.score, d))
        if old is None:
            steps.append(f"{s.title}: new section, nothing to compare.")
        elif d is None:
            steps.append(f"{s.title}: not rated in one of the two assessments.")
        else:
            steps.append(f"{s.title}: {old_score:.0f} -> {s.score:.0f} ({d:+.0f}).")
    return Comparison(
        before=before.rubric,
        after=after.rubric,
        overall_delta=_delta(before.overall, after.overall),
        sections=tuple(deltas),
        improved=tuple(d.id for d in deltas if d.delta is not None and d.delta > 0),
        declined=tuple(d.id for d in deltas if d.delta is not None and d.delta < 0),
        steps=tuple(steps),
    )

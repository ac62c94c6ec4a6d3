"""The ``ladder`` rule: which maturity level a company has reached, and why.

1. Each level is scored on its own: the weight earned by its known answers over the weight that
   is answered (see :mod:`~partnerpath.core.rubric.scoring`: unknown is not a "no").
2. A level is *not determinable* when less than ``min_answered`` percent of its weight has a known
   answer; otherwise it is *reached* when its score is at least its threshold (the level's own
   ``threshold`` if the rubric sets one, else the rule's), and *not reached* below.
3. The ladder caps at the first level that is not reached: a level counts only when every level
   below it counts, so a company with strong level-3 practice but no level-2 basics sits at 1.
4. When the first uncounted level is not determinable, the result is a floor ("at least level N")
   and ``determinable`` is False: more answers could lift it.
5. Confidence is the share of the whole rubric's weight answered with evidence.
"""

from __future__ import annotations

from collections.abc import Mapping

from partnerpath.core.rubric.model import Answer, Level, Rubric, RuleKind
from partnerpath.core.rubric.results import Gap, LadderResult, LevelOutcome, LevelStatus
from partnerpath.core.rubric.scoring import (
    CompiledIndicator,
    Tally,
    answer_label,
    compile_group,
    tally,
)

# Float sums of weights (e.g. 33.3 + 33.3 + 33.4) must not miss a threshold by rounding.
EPSILON = 1e-9


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}%"


class Ladder:
    """A ladder rubric compiled once into index tables; :meth:`evaluate` is then cheap."""

    def __init__(self, rubric: Rubric) -> None:
        if rubric.rule.kind is not RuleKind.LADDER or rubric.base_level is None:
            raise ValueError(f"{rubric.key} is not a ladder rubric")
        self.rubric = rubric
        self.base: Level = rubric.base_level
        self.min_answered = rubric.rule.min_answered
        self._levels: tuple[tuple[Level, float, tuple[CompiledIndicator, ...]], ...] = tuple(
            (
                lv,
                lv.threshold if lv.threshold is not None else rubric.rule.threshold,
                compile_group(lv.indicators, rubric.scales),
            )
            for lv in rubric.levels
        )
        self._total = sum(i.weight for i in rubric.indicators())
        self._by_id = {i.id: i for i in rubric.indicators()}

    def status(self, t: Tally, threshold: float) -> LevelStatus:
        """Step 2: a level's own status from its tally."""
        if t.score is None or t.coverage + EPSILON < self.min_answered:
            return LevelStatus.NOT_DETERMINABLE
        if t.score + EPSILON >= threshold:
            return LevelStatus.REACHED
        return LevelStatus.NOT_REACHED

    def _reason(self, lv: Level, t: Tally, threshold: float, status: LevelStatus) -> str:
        head = f"Level {lv.level} {lv.label}: {_pct(t.coverage)} of its weight answered"
        if status is LevelStatus.NOT_DETERMINABLE:
            text = f"{head}, below the {self.min_answered:g}% needed: not determinable."
        else:
            cmp = ">=" if status is LevelStatus.REACHED else "<"
            text = f"{head}; score {_pct(t.score)} {cmp} threshold {threshold:g}%: {status}."
        if t.unverified:
            text += f" Counted as unknown until evidence is attached: {', '.join(t.unverified)}."
        return text

    def evaluate(self, answers: Mapping[str, Answer]) -> LadderResult:
        """The level these answers reach, with coverage, confidence, gaps and offers."""
        outcomes: list[LevelOutcome] = []
        steps: list[str] = []
        reached = self.base
        blocked_by: LevelOutcome | None = None
        next_group: tuple[CompiledIndicator, ...] = ()
        evidenced = 0.0
        for lv, threshold, group in self._levels:
            t = tally(group, answers)
            evidenced += t.evidenced
            status = self.status(t, threshold)
            reason = self._reason(lv, t, threshold, status)
            counts = blocked_by is None and status is LevelStatus.REACHED
            if counts:
                reached = lv
            elif blocked_by is not None and status is LevelStatus.REACHED:
                reason += f" It does not count while level {blocked_by.level} is not reached."
            outcome = LevelOutcome(
                lv.level, lv.label, status, counts, t.score, t.coverage, t.evidence_share,
                threshold, reason,
            )  # fmt: skip
            if not counts and blocked_by is None:
                blocked_by, next_group = outcome, group
            outcomes.append(outcome)
            steps.append(reason)
        determinable = blocked_by is None or blocked_by.status is LevelStatus.NOT_REACHED
        confidence = 100.0 * evidenced / self._total if self._total else 0.0
        verdict = f"Result: level {reached.level} {reached.label}"
        if not determinable and blocked_by is not None:
            verdict = (
                f"Result: at least level {reached.level} {reached.label} "
                f"(level {blocked_by.level} could not be determined: answer more of it)"
            )
        steps.append(f"{verdict}; confidence {confidence:.0f}% (share of weight with evidence).")
        return LadderResult(
            rubric=self.rubric.key,
            level=reached.level,
            label=reached.label,
            determinable=determinable,
            confidence=confidence,
            levels=tuple(outcomes),
            next_level=None if blocked_by is None else blocked_by.level,
            gaps=self._gaps(next_group, answers),
            offers=reached.offers,
            partnerships=reached.partnerships,
            steps=tuple(steps),
        )

    def _gaps(
        self, group: tuple[CompiledIndicator, ...], answers: Mapping[str, Answer]
    ) -> tuple[Gap, ...]:
        """The next level's indicators not fully met (unmet, partly, unknown), heaviest first."""
        gaps = []
        for ind in group:
            answer = answers.get(ind.id)
            fraction = None if answer is None else ind.fractions.get(answer.value)
            unverified = ind.evidence_required and answer is not None and not answer.evidence
            if fraction == 1.0 and not unverified:
                continue
            source = self._by_id[ind.id]
            gaps.append(
                Gap(ind.id, source.question, source.guidance, ind.weight, answer_label(ind, answer))
            )
        return tuple(sorted(gaps, key=lambda g: -g.weight))


def evaluate_ladder(rubric: Rubric, answers: Mapping[str, Answer]) -> LadderResult:
    """Compile and evaluate once; for many answer sets build one :class:`Ladder` and reuse it."""
    return Ladder(rubric).evaluate(answers)

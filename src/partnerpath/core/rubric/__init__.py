"""The rubric engine: declarative, versioned rubrics and the rules that turn answers into results.

* :mod:`.model` - what a rubric is (scales, indicators, levels or sections, the rule's settings);
* :mod:`.parsing` - YAML or JSON text read safely (size, depth and alias limits), lines noted;
* :mod:`.validate` (with :mod:`.checker`) and :mod:`.loader` - files to rubrics, every problem
  located, the packaged set;
* :mod:`.clone` - adapt a rubric under a new name/version, validated like any file;
* :mod:`.scoring`, :mod:`.ladder`, :mod:`.weighted` - the rules; :mod:`.results` - their output.

No Django here: the assessments app maps its rows to :class:`Answer` and stores the results.
"""

from __future__ import annotations

from collections.abc import Mapping

from partnerpath.core.rubric.clone import clone, to_document
from partnerpath.core.rubric.errors import AnswerError, Problem, RubricError
from partnerpath.core.rubric.ladder import Ladder, evaluate_ladder
from partnerpath.core.rubric.loader import (
    latest,
    load_file,
    load_packaged,
    packaged_keys,
    packaged_rubrics,
    parse_text,
    resolve,
)
from partnerpath.core.rubric.model import Answer, Rubric, RuleKind
from partnerpath.core.rubric.results import (
    Comparison,
    LadderResult,
    LevelStatus,
    ReadinessResult,
    as_dict,
)
from partnerpath.core.rubric.weighted import WeightedSections, compare, evaluate_sections


def evaluate(rubric: Rubric, answers: Mapping[str, Answer]) -> LadderResult | ReadinessResult:
    """Apply the rubric's own rule to a set of answers (keyed by indicator id)."""
    if rubric.rule.kind is RuleKind.LADDER:
        return evaluate_ladder(rubric, answers)
    return evaluate_sections(rubric, answers)


__all__ = [
    "Answer",
    "AnswerError",
    "Comparison",
    "Ladder",
    "LadderResult",
    "LevelStatus",
    "Problem",
    "ReadinessResult",
    "Rubric",
    "RubricError",
    "WeightedSections",
    "as_dict",
    "clone",
    "compare",
    "evaluate",
    "latest",
    "load_file",
    "load_packaged",
    "packaged_keys",
    "packaged_rubrics",
    "parse_text",
    "resolve",
    "to_document",
]

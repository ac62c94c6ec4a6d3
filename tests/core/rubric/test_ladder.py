"""The ``ladder`` rule: the case table reviewers read.

Answers are written one string per level, one letter per indicator (equal weights of 25):
M/m met with/without evidence, P/p partly, N/n not met, U unknown, '-' not answered.
Defaults: threshold 75%, a level needs 50% of its weight answered to be determinable.
"""

from __future__ import annotations

import pytest

from partnerpath.core.rubric import Answer, AnswerError, Ladder, LevelStatus, parse_text
from partnerpath.core.rubric.validate import build_rubric

from .docs import ladder_doc

CODES = {"M": "met", "P": "partly", "N": "not_met", "U": "unknown"}
REACHED, NOT_REACHED, UNSURE = (
    LevelStatus.REACHED,
    LevelStatus.NOT_REACHED,
    LevelStatus.NOT_DETERMINABLE,
)


def answers(*levels: str) -> dict[str, Answer]:
    out = {}
    for n, codes in enumerate(levels, start=1):
        for i, code in enumerate(codes, start=1):
            if code != "-":
                out[f"l{n}-{i}"] = Answer(CODES[code.upper()], evidence=code.isupper())
    return out


def ladder(**kwargs: float) -> Ladder:
    return Ladder(build_rubric(ladder_doc(**kwargs)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("levels", "level", "statuses", "determinable"),
    [
        (("MMMM", "MMMM", "MMMM"), 3, (REACHED, REACHED, REACHED), True),
        (("MMMM", "NNNN", "MMMM"), 1, (REACHED, NOT_REACHED, REACHED), True),
        (("NNNN", "MMMM", "MMMM"), 0, (NOT_REACHED, REACHED, REACHED), True),
        (("MMMM", "MMMM", "NNNN"), 2, (REACHED, REACHED, NOT_REACHED), True),
        (("MMMP", "----", "----"), 1, (REACHED, UNSURE, UNSURE), False),
        (("MMPP", "NNNN", "----"), 1, (REACHED, NOT_REACHED, UNSURE), True),
        (("MPPP", "MMMM", "MMMM"), 0, (NOT_REACHED, REACHED, REACHED), True),
    ],
    ids=[
        "all-met",
        "caps-at-first-unmet-level",
        "nothing-counts-above-an-unmet-level-1",
        "top-level-unmet",
        "unanswered-next-level-gives-a-floor",
        "exactly-at-threshold-is-reached",
        "below-threshold",
    ],
)
def test_the_ladder_caps_at_the_first_unmet_level(levels, level, statuses, determinable):
    result = ladder().evaluate(answers(*levels))
    assert result.level == level
    assert tuple(o.status for o in result.levels) == statuses
    assert [o.counts for o in result.levels] == [n <= level for n in (1, 2, 3)]
    assert result.determinable is determinable


def test_a_reached_level_above_the_cap_says_why_it_does_not_count():
    result = ladder().evaluate(answers("MMMM", "NNNN", "MMMM"))
    assert "does not count while level 2 is not reached" in result.levels[2].reason
    assert result.next_level == 2


@pytest.mark.parametrize(
    ("level1", "status", "score", "coverage"),
    [
        ("MMUU", REACHED, 100.0, 50.0),  # had unknown meant "no", 50% would fail the level
        ("MM--", REACHED, 100.0, 50.0),  # not answered behaves like unknown
        ("MNUU", NOT_REACHED, 50.0, 50.0),
        ("MUUU", UNSURE, 100.0, 25.0),  # too little answered: not determinable, not failed
        ("UUUU", UNSURE, None, 0.0),
    ],
)
def test_unknown_answers_do_not_count_as_no(level1, status, score, coverage):
    outcome = ladder().evaluate(answers(level1)).levels[0]
    assert (outcome.status, outcome.score, outcome.coverage) == (status, score, coverage)


def test_unknown_answers_lower_confidence_but_not_the_level():
    full = ladder().evaluate(answers("MMMM", "MMMM", "MMMM"))
    some_unknown = ladder().evaluate(answers("MMMU", "MMMU", "MMMU"))
    assert full.level == some_unknown.level == 3
    assert full.confidence == 100.0
    assert some_unknown.confidence == 75.0


def test_answers_without_evidence_keep_the_level_but_give_no_confidence():
    result = ladder().evaluate(answers("mmmm", "mmmm", "mmmm"))
    assert (result.level, result.confidence) == (3, 0.0)


def test_a_level_not_determinable_leaves_a_floor_and_says_so():
    result = ladder().evaluate(answers("MMMM", "MUU-"))
    assert (result.level, result.determinable, result.next_level) == (1, False, 2)
    assert "at least level 1" in result.steps[-1]


@pytest.mark.parametrize(
    ("rule", "level1", "status"),
    [
        ({"threshold": 50}, "MPPN", REACHED),  # 50%
        ({"threshold": 90}, "MMMP", NOT_REACHED),  # 87.5%
        ({"threshold": 100}, "MMMM", REACHED),
        ({"min_answered": 0}, "MUUU", REACHED),
        ({"min_answered": 100}, "MMMU", UNSURE),
    ],
)
def test_custom_thresholds(rule, level1, status):
    assert ladder(**rule).evaluate(answers(level1)).levels[0].status is status


def test_a_level_can_set_its_own_threshold():
    doc = ladder_doc()
    doc["levels"][1]["threshold"] = 50
    result = Ladder(build_rubric(doc)).evaluate(answers("MMMM", "MMNN", "----"))
    assert [o.threshold for o in result.levels] == [75, 50, 75]
    assert result.level == 2


def test_a_claim_without_required_evidence_counts_as_unknown():
    doc = ladder_doc()
    for ind in doc["levels"][0]["indicators"]:
        ind["evidence_required"] = True
    lad = Ladder(build_rubric(doc))
    unverified = lad.evaluate(answers("MMmm")).levels[0]
    assert unverified.coverage == 50.0 and unverified.status is REACHED
    assert "l1-3, l1-4" in unverified.reason
    assert lad.evaluate(answers("Mmmm")).levels[0].status is UNSURE
    assert lad.evaluate(answers("nnnn")).levels[0].status is NOT_REACHED  # "no" needs no proof


def test_gaps_are_the_next_levels_indicators_not_fully_met_heaviest_first():
    doc = ladder_doc(per_level=3)  # weights 34, 33, 33
    result = Ladder(build_rubric(doc)).evaluate(answers("MMM", "-PN", "MMM"))
    assert result.next_level == 2
    assert [(g.indicator_id, g.answer) for g in result.gaps] == [
        ("l2-1", "not answered"),
        ("l2-2", "partly"),
        ("l2-3", "not met"),
    ]
    unverified = Ladder(build_rubric(doc)).evaluate(answers("MMM", "NMN"))
    assert "l2-2" not in [g.indicator_id for g in unverified.gaps]  # met, with evidence


def test_gaps_are_empty_and_offers_come_from_the_top_level_when_it_is_reached():
    result = ladder().evaluate(answers("MMMM", "MMMM", "MMMM"))
    assert (result.gaps, result.next_level) == ((), None)
    assert result.offers == ("Offer for 3.",)
    assert result.partnerships[0].label == "Supporter"


def test_level_zero_brings_the_base_levels_offers():
    result = ladder().evaluate(answers("NNNN"))
    assert (result.level, result.label, result.offers) == (0, "None", ("Wait.",))


def test_every_step_is_explained_and_the_result_names_its_rubric():
    result = ladder().evaluate(answers("MMMM", "NNNN"))
    assert result.rubric == "tiny-v1"
    assert len(result.steps) == 4  # one per level, then the verdict
    assert "score 100% >= threshold 75%: reached" in result.steps[0]


def test_it_rejects_an_answer_the_scale_does_not_have():
    with pytest.raises(AnswerError, match="l1-1: 'yes'"):
        ladder().evaluate({"l1-1": Answer("yes")})


def test_it_refuses_a_rubric_of_another_kind():
    from .docs import sections_doc

    with pytest.raises(ValueError, match="not a ladder"):
        Ladder(build_rubric(sections_doc()))


def test_weights_that_sum_to_100_by_rounding_still_reach_the_threshold():
    text = """
name: thirds
version: 1
title: Thirds
rule: {kind: ladder, threshold: 100}
default_scale: met
scales: {met: [{value: met, label: met, points: 1}]}
base_level: {level: 0, label: none, description: floor, offers: [wait]}
levels:
  - level: 1
    label: one
    description: one
    offers: [x]
    indicators:
      - {id: a, question: "a?", guidance: g, weight: 33.33}
      - {id: b, question: "b?", guidance: g, weight: 33.33}
      - {id: c, question: "c?", guidance: g, weight: 33.34}
"""
    lad = Ladder(parse_text(text))
    result = lad.evaluate({k: Answer("met") for k in "abc"})
    assert result.level == 1

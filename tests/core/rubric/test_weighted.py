"""The ``weighted_sections`` rule (PSE readiness): section scores, weakest first, comparison."""

from __future__ import annotations

import pytest

from partnerpath.core.rubric import (
    Answer,
    WeightedSections,
    as_dict,
    clone,
    compare,
    evaluate,
    load_packaged,
)
from partnerpath.core.rubric.validate import build_rubric

from .docs import sections_doc


def rate(**ratings: str) -> dict[str, Answer]:
    """s1_1="3" -> {"s1-1": Answer("3")}; a trailing '!' means with evidence."""
    return {
        k.replace("_", "-"): Answer(v.rstrip("!"), evidence=v.endswith("!"))
        for k, v in ratings.items()
    }


@pytest.mark.parametrize(
    ("ratings", "scores", "weak"),
    [
        ({"s1_1": "3", "s1_2": "3", "s2_1": "0", "s2_2": "0"}, (100.0, 0.0), (False, True)),
        ({"s1_1": "2", "s1_2": "2", "s2_1": "1", "s2_2": "3"}, (66.67, 66.67), (False, False)),
        (
            {"s1_1": "3", "s2_1": "1", "s2_2": "2"},
            (100.0, 50.0),
            (False, True),
        ),  # unrated: left out
        ({"s1_1": "3"}, (100.0, None), (False, True)),  # nothing rated: weak, not a zero
    ],
)
def test_each_section_scores_0_to_100_over_its_rated_questions(ratings, scores, weak):
    result = WeightedSections(build_rubric(sections_doc())).evaluate(rate(**ratings))
    got = tuple(None if s.score is None else round(s.score, 2) for s in result.sections)
    assert got == scores
    assert tuple(s.weak for s in result.sections) == weak
    assert [bool(s.next_steps) for s in result.sections] == list(weak)


def test_a_custom_weak_threshold():
    rubric = build_rubric(sections_doc(weak_below=70))
    result = WeightedSections(rubric).evaluate(rate(s1_1="2", s1_2="2", s2_1="3", s2_2="3"))
    assert [s.weak for s in result.sections] == [True, False]


def test_weakest_learnings_come_first_and_the_overall_is_their_mean():
    rubric = load_packaged("pse-readiness-v1")
    answers = {i.id: Answer("3") for i in rubric.indicators()}
    answers |= {"right-people": Answer("0"), "deal-breakers": Answer("1")}
    answers |= {"ctip-impact": Answer("2")}
    result = evaluate(rubric, answers)
    order = [s.id for s in result.weakest_first()]  # type: ignore[union-attr]
    assert order[:2] == ["build-trust", "prioritise"]
    assert result.section("build-trust").weak  # type: ignore[union-attr]
    assert not result.section("prioritise").weak  # type: ignore[union-attr]
    assert result.overall == pytest.approx((100 + 45 + 100 + 91.67 + 100) / 5, abs=0.01)


def test_confidence_is_the_share_of_weight_rated_with_evidence():
    result = WeightedSections(build_rubric(sections_doc())).evaluate(
        rate(s1_1="3!", s1_2="3!", s2_1="1", s2_2="2")
    )
    assert result.confidence == 50.0


def test_comparison_with_the_previous_result_gives_deltas():
    rubric = load_packaged("pse-readiness-v1")
    lad = WeightedSections(rubric)
    before = lad.evaluate({i.id: Answer("1") for i in rubric.indicators()})
    after_answers = {i.id: Answer("1") for i in rubric.indicators()}
    after_answers |= {"engage-often": Answer("3"), "due-diligence": Answer("0")}
    del after_answers["intended-impact"], after_answers["intended-timeframe"]
    del after_answers["partner-roles"]
    diff = compare(before, lad.evaluate(after_answers))
    by_id = {d.id: d for d in diff.sections}
    assert by_id["understand-the-partner"].delta == pytest.approx(22.0)
    assert by_id["dynamic-process"].delta == pytest.approx(-11.0)
    assert by_id["partnership-type"].delta is None
    assert diff.improved == ("understand-the-partner",)
    assert diff.declined == ("dynamic-process",)


def test_comparison_across_versions_matches_sections_by_id():
    v1 = load_packaged("pse-readiness-v1")
    v2 = clone(v1, "pse-readiness", 2, {"rule": {"weak_below": 50}})
    answers = {i.id: Answer("2") for i in v1.indicators()}
    diff = compare(evaluate(v1, answers), evaluate(v2, answers))  # type: ignore[arg-type]
    assert diff.steps[0].startswith("Compared across versions (pse-readiness-v1 -> pse-readiness")
    assert diff.overall_delta == 0


def test_a_result_turns_into_plain_data():
    rubric = load_packaged("pse-readiness-v1")
    data = as_dict(evaluate(rubric, {}))
    assert data["rubric"] == "pse-readiness-v1" and len(data["sections"]) == 5
    assert as_dict(evaluate(load_packaged("maturity-v1"), {}))["levels"][0]["status"] == (
        "not determinable"
    )

"""Cloning: a new name/version with adaptations, validated; the original stays intact."""

from __future__ import annotations

import pytest

from partnerpath.core.rubric import Answer, Ladder, RubricError, clone, load_packaged, to_document


def test_clone_keeps_the_original_intact():
    original = load_packaged("maturity-v1")
    before = to_document(original)
    adapted = clone(
        original,
        "maturity-fisheries",
        1,
        {
            "title": "Maturity (fisheries)",
            "rule": {"threshold": 80},
            "groups": {2: {"threshold": 60}},
            "indicators": {"follower-named-contact": {"question": "Is there a vessel contact?"}},
        },
    )
    assert (adapted.key, adapted.derived_from) == ("maturity-fisheries-v1", "maturity-v1")
    assert adapted.rule.threshold == 80 and adapted.level(2).threshold == 60
    assert adapted.indicator("follower-named-contact").question == "Is there a vessel contact?"
    assert to_document(original) == before
    assert load_packaged("maturity-v1") is original


def test_a_clone_can_swap_indicators_when_weights_still_add_up():
    original = load_packaged("maturity-v1")
    adapted = clone(
        original,
        "maturity",
        2,
        {
            "remove_indicators": ["follower-named-contact"],
            "add_indicators": {
                1: [{"id": "follower-hotline", "question": "Does it fund a hotline?",
                     "guidance": "Grant letters.", "weight": 15}]
            },
        },
    )  # fmt: skip
    ids = [i.id for i in adapted.level(1).indicators]
    assert "follower-named-contact" not in ids and ids[-1] == "follower-hotline"
    # answers recorded against v1 still compute against v1 after v2 exists
    answers = {"follower-named-contact": Answer("met", True)}
    assert Ladder(original).evaluate(answers).levels[0].coverage == 15.0


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"indicators": {"mature-policy": {"weight": 50}}}, "levels[1].indicators: weights add up"),
        ({"indicators": {"no-such": {"weight": 5}}}, "changes.indicators.no-such: no such"),
        ({"remove_indicators": ["mature-policy"]}, "levels[1].indicators: weights add up to 80"),
        ({"groups": {9: {"threshold": 50}}}, "changes.groups.9: no such level or section"),
        ({"rule": {"threshold": 0}}, "rule.threshold: must be between 1 and 100"),
        ({"colour": "red"}, "changes.colour: unknown change"),
    ],
)
def test_an_invalid_clone_is_refused_with_every_problem(changes, expected):
    with pytest.raises(RubricError) as info:
        clone(load_packaged("maturity-v1"), "maturity-custom", 1, changes)
    assert any(str(p).startswith(expected) for p in info.value.problems), info.value.problems


def test_a_clone_needs_a_new_key():
    with pytest.raises(RubricError, match="a clone needs a new name or version"):
        clone(load_packaged("maturity-v1"), "maturity", 1)

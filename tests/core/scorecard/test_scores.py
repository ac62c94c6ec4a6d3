"""Raters' scores: reading the long format, abstentions and row-located errors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from partnerpath.core.scorecard.scores import (
    ScoreRecord,
    ScoresError,
    gather_scores,
    score_value,
    with_opportunities,
)
from partnerpath.core.scorecard.template_files import template_from_data

from .conftest import table


@pytest.mark.parametrize(
    ("cell", "value"),
    [("1", 1.0), ("5", 5.0), (" 3 ", 3.0), ("4.0", 4.0), ("NA", None), ("n/a", None),
     ("Insufficient information", None)],
)  # fmt: skip
def test_a_score_is_a_whole_point_or_an_abstention(cell, value):
    assert score_value(cell, 1, 5) == value


@pytest.mark.parametrize(
    ("cell", "message"),
    [("0", "out of range 1-5"), ("6", "out of range 1-5"), ("3.5", "whole number"),
     ("", "empty score"), ("high", "not a number"), ("nan", "whole number")],
)  # fmt: skip
def test_it_rejects_a_score_that_is_not_on_the_scale(cell, message):
    with pytest.raises(ValueError, match=message):
        score_value(cell, 1, 5)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("A,ana,team morale,3", "row 2: unknown factor 'team morale'"),
        ("A,ana,risk,9", "row 2: score 9 is out of range 1-5"),
        ("A,ana,risk,3\nA,ana,Risk,4", "row 3: repeats row 2 (opportunity 'A', rater 'ana', "),
        (",ana,risk,3", "row 2: opportunity and rater must not be empty"),
        ("A,ana,innovation,3\nA,ana,risk,0\nA,bo,risk,x", "row 3: score 0 is out of range"),
        ("A,ana,???,3", "row 2: unknown factor '???'"),
        ("A,ana,risk,3\nA,ana,,3", "row 3: the factor is empty"),
        ("A,ana,ความเสี่ยง,3", "row 2: unknown factor 'ความเสี่ยง'"),
    ],
)
def test_it_reports_each_bad_row_with_its_number(rows, message):
    with pytest.raises(ScoresError) as caught:
        table("opportunity,rater,factor,score\n" + rows)
    assert message in str(caught.value)


def test_it_reports_every_problem_at_once_in_row_order():
    with pytest.raises(ScoresError) as caught:
        table("opportunity,rater,factor,score\nA,a,risk,9\nA,a,foo,1\nA,b,risk,3\nA,b,risk,2")
    assert [p.split(":")[0] for p in caught.value.problems] == ["row 2", "row 3", "row 5"]


def test_it_names_the_missing_columns():
    with pytest.raises(ScoresError, match=r"missing column\(s\) factor, score"):
        table("opportunity,rater,criterion,value\nA,a,risk,3")


def test_the_same_rater_may_score_the_same_factor_in_another_round():
    rounds = table("round,opportunity,rater,factor,score\n1,A,a,risk,3\n2,A,a,risk,4")
    assert [r.name for r in rounds] == ["1", "2"]


def test_na_is_an_abstention_not_a_zero():
    (scores,) = table("opportunity,rater,factor,score\nA,a,risk,4\nA,b,risk,NA")
    assert scores.scores[0, 0, 11] == 4 and math.isnan(scores.scores[0, 1, 11])
    assert scores.abstained[0, 1, 11] and not scores.abstained[0, 0, 0]


def test_rounds_keep_the_order_they_first_appear_in_and_rationales_are_kept():
    rounds = table(
        "round,opportunity,rater,factor,score,rationale\n"
        "internal,A,a,risk,3,known supplier\n"
        "donor,A,d,risk,2,\n"
        "internal,B,a,risk,5,open allegations"
    )
    assert [r.name for r in rounds] == ["internal", "donor"]
    assert rounds[0].opportunities == ("A", "B")
    assert rounds[0].rationales[(1, 0, 11)] == "open allegations"


def test_blank_lines_and_extra_columns_are_ignored():
    rounds = table("opportunity,rater,factor,score,notes\nA,a,risk,3,x\n,,,\nB,a,risk,4,y")
    assert rounds[0].opportunities == ("A", "B")


def test_records_can_come_from_named_tuples(card):
    (scores,) = gather_scores([ScoreRecord(1, "A", "a", "Systematic change", "5")], card)
    assert np.nansum(scores.scores) == 5


THAI = {"name": "thai-card", "version": 1, "groups": [{"key": "main", "label": "คุณค่า",
        "weight": 100, "factors": [
            {"key": "risk", "label": "ความเสี่ยง", "weight": 50, "anchors": ["a b c d"] * 5},
            {"key": "difficulty", "label": "ความยาก", "weight": 50, "anchors": ["a b c d"] * 5},
        ]}]}  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "problem"),
    [
        ("A,ana,ความเสี่ยง,3\nA,ana,ความยาก,4", None),
        ("A,ana,ความเสี่ยง,3\nA,ana,???,4", "row 3: unknown factor '???'"),
        ("A,ana,ความเสี่ยง,3\nA,ana,!,4", "row 3: unknown factor '!'"),
        ("A,ana,ความยาก,3\nA,ana, ,4", "row 3: the factor is empty"),
    ],
)
def test_factors_labelled_in_thai_are_matched_and_unknown_names_never_fall_on_one(rows, problem):
    card = template_from_data(THAI, "thai.yaml")
    if problem is None:
        (scores,) = table("opportunity,rater,factor,score\n" + rows, card)
        assert scores.scores[0, 0].tolist() == [3.0, 4.0]
        return
    with pytest.raises(ScoresError) as caught:
        table("opportunity,rater,factor,score\n" + rows, card)
    assert caught.value.problems[0].startswith(problem)


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        (["A", "B"], ("A", "B")),
        (["B", "C", "C"], ("A", "B", "C")),
        ([], ("A", "B")),
    ],
)
def test_opportunities_in_scope_without_a_row_are_kept_with_no_scores(scope, expected):
    (scores,) = table("opportunity,rater,factor,score\nA,a,risk,4\nB,a,risk,NA")
    found = with_opportunities(scores, scope)
    assert found.opportunities == expected
    assert found.scores.shape == (len(expected), 1, 15)
    assert np.isnan(found.scores[2:]).all() and not found.abstained[2:].any()
    assert found.scores[0, 0, 11] == 4

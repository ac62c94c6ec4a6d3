"""Validation: every problem in a rubric document is reported, each with its location."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from partnerpath.core.rubric import RubricError, parse_text
from partnerpath.core.rubric.validate import build_rubric

from .docs import ladder_doc, sections_doc

Doc = dict[str, Any]


def problems(doc: Doc) -> list[str]:
    with pytest.raises(RubricError) as info:
        build_rubric(doc)
    return [str(p) for p in info.value.problems]


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return change


def _drop(path: str) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return change


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_set("levels.1.indicators.2.weigth", 5), "levels[1].indicators[2].weigth: unknown field; "
         "did you mean 'weight'?"),
        (_set("colour", "red"), "colour: unknown field"),
        (_set("levels.1.indicators.2.weight", 40),
         "levels[1].indicators: weights add up to 115; the weights of one group must add up"),
        (_set("levels.1.indicators.3.weight", "ten"),
         "levels[1].indicators[3].weight: must be a number, got str 'ten'"),
        (_set("levels.1.indicators.3.weight", 0),
         "levels[1].indicators[3].weight: must be above 0"),
        (_set("levels.2.indicators.0.id", "l1-1"),
         "levels[2].indicators[0].id: duplicate indicator id 'l1-1' (first used at "
         "levels[0].indicators[0])"),
        (_set("levels.0.indicators", []), "levels[0].indicators: must not be empty"),
        (_drop("levels.0.indicators"), "levels[0].indicators: missing required field"),
        (_drop("levels.1.indicators.0.question"),
         "levels[1].indicators[0].question: missing required field"),
        (_drop("title"), "title: missing required field"),
        (_set("levels.2.level", 5), "levels[2].level: levels must count up by one: expected 3"),
        (_set("levels.0.threshold", 120), "levels[0].threshold: must be between 1 and 100"),
        (_set("levels.0.indicators.0.scale", "stars"), "levels[0].indicators[0].scale: unknown "
         "scale 'stars'"),
        (_set("levels.0.indicators.0.evidence_required", "yes"),
         "levels[0].indicators[0].evidence_required: must be true or false"),
        (_set("levels.0.indicators.0.id", "Has Spaces"), "levels[0].indicators[0].id: 'Has "
         "Spaces' must be lower-case"),
        (_set("levels.0.partnerships.0.type", "friendship"),
         "levels[0].partnerships[0].type: unknown partnership type 'friendship'"),
        (_set("scales.met", []), "scales.met: must be a non-empty list of options"),
        (_set("scales.met.1.value", "met"), "scales.met[1].value: duplicate answer value 'met'"),
        (_set("scales.met.0.points", -1), "scales.met[0].points: must be a number >= 0 or null"),
        (_set("scales.met", [{"value": "x", "label": "x", "points": 0}]),
         "scales.met: needs at least one option with points above 0"),
        (_set("rule.kind", "average"), "rule.kind: must be one of ['ladder', 'weighted_sections']"),
        (_set("rule.weak_below", 50), "rule.weak_below: unknown field"),
        (_set("version", "one"), "version: must be a whole number >= 1"),
        (_set("name", "My Rubric"), "name: 'My Rubric' must be lower-case"),
        (_drop("base_level"), "base_level: a ladder needs a base level"),
        (_set("base_level.indicators", []), "base_level.indicators: the base level has no "
         "indicators"),
        (_set("sections", []), "sections: a ladder rubric has levels, not sections"),
        (_set("default_scale", "stars"), "default_scale: unknown scale 'stars'"),
    ],
)  # fmt: skip
def test_it_reports_each_problem_with_its_location(change, expected):
    doc = ladder_doc()
    change(doc)
    found = problems(doc)
    assert any(p.startswith(expected) for p in found), found


# Values longer than the database column they are stored in (see MAX_* in validate.py).
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_set("levels.0.indicators.0.id", "i" * 81),
         "levels[0].indicators[0].id: 'iiii"),
        (_set("scales.met.0.value", "v" * 21), "scales.met[0].value: 'vvvv"),
        (_set("name", "n" * 78), "name: the rubric's key (name-v<version>)"),
        (_set("version", 10**23), "name: the rubric's key (name-v<version>)"),
        (_set("title", "T" * 301), "title: 'TTTT"),
        (_set("derived_from", "d" * 81), "derived_from: 'dddd"),
        (_set("base_level.level", 40000),
         "base_level.level: must be a whole number from 0 to 32767"),
    ],
)  # fmt: skip
def test_it_rejects_values_longer_than_their_database_column(change, expected):
    doc = ladder_doc()
    doc["name"] = "n" * 75  # 75 + len("-v1") = 78: fits
    change(doc)
    found = problems(doc)
    assert any(p.startswith(expected) for p in found), found
    assert all(len(p) < 300 for p in found), "messages quote long values cut short"


@pytest.mark.parametrize(
    ("change", "fits"),
    [
        (_set("levels.0.indicators.0.id", "i" * 80), True),
        (_set("scales.met.0.value", "v" * 20), True),
        (_set("title", "T" * 300), True),
        (_set("version", 10**23), False),  # "nnn...-v100000000000000000000000" is 102 long
    ],
)  # fmt: skip
def test_values_that_just_fit_their_column_are_accepted(change, fits):
    doc = ladder_doc()
    doc["name"] = "n" * 77  # 77 + len("-v1") = 80: the longest key
    change(doc)
    if fits:
        assert build_rubric(doc).key == "n" * 77 + "-v1"
    else:
        assert problems(doc)


def test_a_huge_number_is_a_problem_not_a_crash():
    doc = ladder_doc()
    doc["levels"][0]["indicators"][0]["weight"] = 10**400
    doc["rule"]["threshold"] = -(10**400)
    found = problems(doc)
    assert "levels[0].indicators[0].weight: must be between 0 and 100, got inf" in found
    assert "rule.threshold: must be between 1 and 100, got -inf" in found


def test_it_rejects_weights_that_do_not_sum_to_100_in_a_section():
    doc = sections_doc()
    doc["sections"][1]["indicators"][0]["weight"] = 1
    assert problems(doc) == [
        "sections[1].indicators: weights add up to 51; the weights of one group must add up to 100"
    ]


def test_a_sections_rubric_needs_next_steps_and_no_levels():
    doc = sections_doc()
    del doc["sections"][0]["next_steps"]
    doc["levels"] = []
    assert problems(doc) == [
        "sections[0].next_steps: missing required field",
        "levels: a weighted_sections rubric has sections, not levels",
    ]


def test_it_collects_every_problem_not_just_the_first():
    doc = ladder_doc()
    doc["levels"][0]["indicators"][0]["weight"] = "x"
    doc["levels"][1]["indicators"][1]["id"] = "l1-2"
    doc["levels"][2]["extra"] = True
    assert len(problems(doc)) == 4  # the bad weight also breaks its level's sum


def test_a_document_that_is_not_a_mapping_is_one_problem():
    assert problems([1, 2]) == ["(document): must be a mapping of fields, got list"]  # type: ignore[arg-type]


BROKEN = """\
name: broken
version: 1
title: Broken
rule: {kind: ladder}
default_scale: met
scales:
  met:
    - {value: met, label: met, points: 1}
base_level: {level: 0, label: none, description: floor, offers: [wait]}
levels:
  - level: 1
    label: one
    description: one
    offers: [x]
    indicators:
      - id: a
        question: A?
        guidance: g
        weight: 60
      - id: a
        question: A again?
        guidance: g
        weight: 30
        colour: blue
  - level: 2
    label: two
    description: two
    offers: [x]
    indicators: []
title: Broken twice
"""


def test_problems_in_a_file_carry_line_numbers():
    with pytest.raises(RubricError) as info:
        parse_text(BROKEN, "broken.yaml")
    assert [str(p) for p in info.value.problems] == [
        "line 15: levels[0].indicators: weights add up to 90; the weights of one group must add "
        "up to 100",
        "line 20: levels[0].indicators[1].id: duplicate indicator id 'a' (first used at "
        "levels[0].indicators[0])",
        "line 24: levels[0].indicators[1].colour: unknown field; allowed: ['evidence_required', "
        "'guidance', 'id', 'question', 'scale', 'weight']",
        "line 29: levels[1].indicators: must not be empty",
        "line 30: title: field given twice",
    ]
    assert str(info.value).startswith("broken.yaml: 5 problems")


def test_a_yaml_syntax_error_is_located():
    with pytest.raises(RubricError) as info:
        parse_text("name: x\nlevels: [1, 2\n", "bad.yaml")
    (problem,) = info.value.problems
    assert problem.line == 3 and "not valid YAML" in problem.message


def test_json_files_are_read_too():
    import json

    rubric = parse_text(json.dumps(ladder_doc()), "tiny.json", fmt="json")
    assert rubric.key == "tiny-v1"
    with pytest.raises(RubricError, match="not valid JSON"):
        parse_text("{", "tiny.json", fmt="json")

"""The packaged rubrics: both load and validate, and the registry finds every version."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from partnerpath.core.rubric import (
    Answer,
    RubricError,
    evaluate,
    latest,
    load_file,
    load_packaged,
    packaged_keys,
    packaged_rubrics,
    resolve,
    to_document,
)
from partnerpath.core.rubric.model import RuleKind
from partnerpath.core.rubric.validate import build_rubric

from .docs import ladder_doc


def test_the_registry_lists_both_packaged_rubrics():
    assert {"maturity-v1", "pse-readiness-v1"} <= set(packaged_keys())
    assert [r.key for r in packaged_rubrics()] == packaged_keys()


@pytest.mark.parametrize("key", ["maturity-v1", "pse-readiness-v1"])
def test_each_packaged_rubric_loads_validates_and_round_trips(key):
    rubric = load_packaged(key)
    assert rubric.key == key
    assert build_rubric(to_document(rubric)) == rubric


def test_maturity_v1_has_levels_0_to_4_with_4_to_8_indicators_each():
    rubric = load_packaged("maturity-v1")
    assert rubric.rule.kind is RuleKind.LADDER
    assert rubric.base_level is not None and rubric.base_level.level == 0
    assert [(lv.level, lv.label) for lv in rubric.levels] == [
        (1, "Follower"),
        (2, "Mature"),
        (3, "Leader"),
        (4, "Innovator"),
    ]
    assert all(4 <= len(lv.indicators) <= 8 for lv in rubric.levels)
    assert all(lv.offers for lv in (rubric.base_level, *rubric.levels))
    assert [f.type for f in rubric.levels[-1].partnerships] == ["shared_value"]
    ids = {i.id for i in rubric.indicators()}
    assert {"innovator-employer-pays", "leader-worker-voice", "innovator-remedy"} <= ids


def test_pse_readiness_v1_has_the_16_questions_under_the_5_learnings_on_a_0_to_3_scale():
    rubric = load_packaged("pse-readiness-v1")
    assert [len(s.indicators) for s in rubric.sections] == [3, 3, 3, 4, 3]
    assert all(s.next_steps for s in rubric.sections)
    scale = rubric.scales["rating"]
    assert [(o.value, o.points) for o in scale.options] == [("0", 0), ("1", 1), ("2", 2), ("3", 3)]
    assert all(o.anchor for o in scale.options)


def test_a_fully_met_maturity_assessment_reaches_innovator():
    rubric = load_packaged("maturity-v1")
    result = evaluate(rubric, {i.id: Answer("met", True) for i in rubric.indicators()})
    assert (result.level, result.label, result.confidence) == (4, "Innovator", 100.0)


def test_latest_and_resolve_find_rubrics_by_name_key_or_file(tmp_path: Path):
    assert latest("maturity").key == "maturity-v1"
    assert resolve("pse-readiness-v1").key == "pse-readiness-v1"
    assert resolve("maturity").key == "maturity-v1"
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(ladder_doc()), encoding="utf-8")
    assert resolve(str(path)).key == "tiny-v1"
    with pytest.raises(KeyError):
        resolve("no-such-rubric")


def test_an_invalid_file_never_loads(tmp_path: Path):
    doc = ladder_doc()
    doc["levels"][0]["indicators"][0]["weight"] = 99
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(RubricError) as info:
        load_file(path)
    assert info.value.source == str(path)
    assert info.value.problems[0].line is not None


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path: Path):
    with pytest.raises(RubricError, match="cannot read it"):
        load_file(tmp_path / "nope.yaml")

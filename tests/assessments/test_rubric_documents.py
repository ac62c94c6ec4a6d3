"""Hostile or oversized rubric documents through the web editor, the API and the clone form: a
located problem and nothing saved, never a 500; the validator's length limits match the database
columns the values are stored in."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.django_db

P = "/p/mekong/assessments"
R = "/api/v1/programme-rubrics"
DEEP = "name: " + "[" * 3000 + "]" * 3000 + "\n"
BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 8)
)


def _clone(cast: Any) -> Any:
    from partnerpath.assessments import rubrics

    return rubrics.clone_rubric(cast.programme, cast.owner, "maturity-v1", "maturity-mekong", 1)


def _long_indicator_id(document: str) -> str:
    doc = yaml.safe_load(document)
    doc["levels"][0]["indicators"][0]["id"] = "x" * 81
    return yaml.safe_dump(doc, sort_keys=False)


def _long_scale_value(document: str) -> str:
    doc = yaml.safe_load(document)
    doc["scales"]["met"][0]["value"] = "v" * 21
    return yaml.safe_dump(doc, sort_keys=False)


CASES = [
    (lambda _: DEEP, "nested more than 20 levels deep"),
    (lambda _: BOMB, "expands to more than 200,000 values"),
    (lambda _: "name: x\n" + "#" * 300_000, "too long"),
    (_long_indicator_id, "levels[0].indicators[0].id"),
    (_long_scale_value, "scales.met[0].value"),
]


@pytest.mark.parametrize(("document", "expected"), CASES)
def test_the_editor_shows_the_problem_and_saves_nothing(cast, client_for, document, expected):
    record = _clone(cast)
    before = record.document
    response = client_for(cast.owner).post(
        f"{P}/rubrics/{record.pk}/edit/", {"document": document(before)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "nothing was saved" in page and expected.replace("'", "&#x27;") in page
    record.refresh_from_db()
    assert record.document == before


@pytest.mark.parametrize(("document", "expected"), CASES)
def test_the_api_answers_400_with_the_problem(cast, api_for, document, expected):
    record = _clone(cast)
    before = record.document
    response = api_for(cast.owner).patch(
        f"{R}/{record.pk}/", {"document": document(before)}, format="json"
    )
    assert response.status_code == 400, response.content[:300]
    problems = response.json()["problems"]
    assert any(expected in f"{p['location']}: {p['message']}" for p in problems), problems
    record.refresh_from_db()
    assert record.document == before


@pytest.mark.parametrize(
    ("version", "accepted"), [("999", True), ("1000", False), (str(10**23), False)]
)
def test_the_clone_form_caps_the_version_at_999(cast, client_for, version, accepted):
    from partnerpath.assessments.models import ProgrammeRubric

    form = {"base": "maturity-v1", "name": "m" * 60, "version": version}
    response = client_for(cast.owner).post(f"{P}/rubrics/clone/", form)
    assert response.status_code == (302 if accepted else 200)
    assert ProgrammeRubric.objects.filter(key=f"{'m' * 60}-v{version}").exists() is accepted


def test_the_outsider_gets_404_on_the_editor(cast, client_for):
    record = _clone(cast)
    response = client_for(cast.outsider).post(f"{P}/rubrics/{record.pk}/edit/", {"document": DEEP})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("limit", "model", "fields"),
    [
        ("MAX_KEY", "Assessment", ["rubric_key"]),
        ("MAX_KEY", "ProgrammeRubric", ["key", "base_key"]),
        ("MAX_INDICATOR_ID", "AnswerRecord", ["indicator_id"]),
        ("MAX_ANSWER_VALUE", "AnswerRecord", ["value", "claimed_value"]),
        ("MAX_TITLE", "ProgrammeRubric", ["title"]),
    ],
)
def test_the_validator_s_limits_are_the_database_columns(limit, model, fields):
    from partnerpath.assessments import models
    from partnerpath.core.rubric import validate

    for name in fields:
        column = getattr(models, model)._meta.get_field(name)
        assert column.max_length == getattr(validate, limit), f"{model}.{name}"


def test_the_highest_level_fits_the_level_column():
    from partnerpath.assessments.models import Assessment
    from partnerpath.core.rubric.validate import MAX_LEVEL

    column = Assessment._meta.get_field("level")
    assert column.get_internal_type() == "SmallIntegerField" and MAX_LEVEL == 2**15 - 1

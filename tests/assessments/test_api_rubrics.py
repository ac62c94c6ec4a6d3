"""The programme's own rubrics through the API: an admin clones and adapts a rubric (validated by
the core, every problem located in a 400, nothing saved then), changes a version until an
assessment uses it, and starts an assessment with it; non-admins get 403, outsiders 404."""

from __future__ import annotations

import pytest
import yaml

pytestmark = pytest.mark.django_db

R = "/api/v1/programme-rubrics"
CLONE = {"programme": "mekong", "base": "maturity-v1", "name": "maturity-mekong", "version": 1}


def _adapted(question: str, key: str = "maturity-mekong") -> str:
    """maturity-v1 cloned as ``key``-v1 with its first indicator asking ``question``."""
    from partnerpath.core.rubric import clone, load_packaged, to_document

    doc = to_document(clone(load_packaged("maturity-v1"), key, 1))
    doc["levels"][0]["indicators"][0]["question"] = question
    return yaml.safe_dump(doc, sort_keys=False)


def test_an_admin_clones_and_adapts_in_one_request_and_assesses_with_it(cast, org, api_for):
    api = api_for(cast.owner)
    question = "Does the company name forced labour in its Mekong supply chains?"
    created = api.post(f"{R}/", {**CLONE, "document": _adapted(question)}, format="json")
    assert created.status_code == 201
    body = created.json()
    assert (body["key"], body["base"], body["kind"]) == (
        "maturity-mekong-v1",
        "maturity-v1",
        "maturity",
    )
    assert body["in_use"] is False and body["programme"] == "mekong"
    assert question in body["document"]

    started = api.post(
        "/api/v1/assessments/",
        {"programme": "mekong", "organisation": org.pk, "rubric": "maturity-mekong-v1"},
        format="json",
    )
    assert started.status_code == 201 and started.json()["rubric"] == "maturity-mekong-v1"
    listed = api.get(f"/api/v1/rubrics/{body['key']}/").json()
    assert listed["definition"]["levels"][0]["indicators"][0]["question"] == question
    assert api.get(f"{R}/{body['id']}/").json()["in_use"] is True


def test_a_clone_without_a_document_keeps_the_base_and_its_history_names_the_admin(cast, api_for):
    from django.contrib.contenttypes.models import ContentType

    from partnerpath.assessments.models import ProgrammeRubric
    from partnerpath.audit.models import Change

    body = api_for(cast.owner).post(f"{R}/", CLONE, format="json").json()
    assert yaml.safe_load(body["document"])["derived_from"] == "maturity-v1"
    ct = ContentType.objects.get_for_model(ProgrammeRubric)
    change = Change.objects.get(content_type=ct, object_id=str(body["id"]))
    assert (change.action, change.actor) == ("create", cast.owner)


def test_an_invalid_document_is_a_400_with_every_problem_located_and_nothing_saved(cast, api_for):
    from partnerpath.assessments.models import ProgrammeRubric

    doc = yaml.safe_load(_adapted("Q?"))
    doc["levels"][1]["indicators"][0]["weight"] = 999
    doc["levels"][0]["colour"] = "green"
    doc["levels"][2]["indicators"][1]["id"] = doc["levels"][2]["indicators"][0]["id"]
    text = yaml.safe_dump(doc, sort_keys=False)
    response = api_for(cast.owner).post(f"{R}/", {**CLONE, "document": text}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "maturity-mekong-v1: 4 problems; nothing was saved."
    found = {p["location"]: p for p in body["problems"]}
    assert "unknown field" in found["levels[0].colour"]["message"]
    assert "weights add up to 1079" in found["levels[1].indicators"]["message"]
    assert "between 0 and 100" in found["levels[1].indicators[0].weight"]["message"]
    assert "duplicate indicator id" in found["levels[2].indicators[1].id"]["message"]
    assert all(isinstance(p["line"], int) for p in body["problems"])
    assert not ProgrammeRubric.objects.exists()  # the clone is undone too


@pytest.mark.parametrize(
    ("change", "location", "message"),
    [
        ({"name": "maturity"}, "name", "packaged rubric's name"),
        ({"base": "nothing-v9"}, "base", "no rubric 'nothing-v9'"),
    ],
)
def test_a_clone_under_a_packaged_name_or_of_an_unknown_base_is_refused(
    cast, api_for, change, location, message
):
    response = api_for(cast.owner).post(f"{R}/", {**CLONE, **change}, format="json")
    assert response.status_code == 400
    problem = response.json()["problems"][0]
    assert problem["location"] == location and message in problem["message"]


def test_broken_yaml_gives_its_line(cast, api_for):
    record = api_for(cast.owner).post(f"{R}/", CLONE, format="json").json()
    broken = record["document"].replace("title: Maturity Spectrum (CTIP)", "title: [unclosed", 1)
    response = api_for(cast.owner).patch(
        f"{R}/{record['id']}/", {"document": broken}, format="json"
    )
    assert response.status_code == 400
    problem = response.json()["problems"][0]
    assert "not valid YAML" in problem["message"] and problem["line"] > 0


def test_an_admin_changes_a_version_until_an_assessment_uses_it(cast, org, api_for):
    from partnerpath.assessments import services

    api = api_for(cast.owner)
    pk = api.post(f"{R}/", CLONE, format="json").json()["id"]
    changed = api.put(f"{R}/{pk}/", {"document": _adapted("Adapted?")}, format="json")
    assert changed.status_code == 200 and "Adapted?" in changed.json()["document"]
    services.start_assessment(cast.programme, cast.member, org, "maturity-mekong-v1")
    locked = api.patch(f"{R}/{pk}/", {"document": _adapted("Later?")}, format="json")
    assert locked.status_code == 400
    assert locked.json()["problems"][0]["message"].startswith("an assessment uses this version")
    renamed = api.post(f"{R}/", {**CLONE, "version": 2}, format="json").json()
    other_key = api.patch(
        f"{R}/{renamed['id']}/", {"document": _adapted("Q?", "maturity-x")}, format="json"
    )
    assert other_key.json()["problems"][0]["location"] == "name"


@pytest.mark.parametrize("role", ["member", "reviewer", "viewer"])
def test_only_admins_write_and_every_member_reads(cast, api_for, role):
    pk = api_for(cast.owner).post(f"{R}/", CLONE, format="json").json()["id"]
    api = api_for(getattr(cast, role))
    assert api.get(f"{R}/").json()["count"] == 1
    assert api.get(f"{R}/{pk}/").status_code == 200
    refused = api.post(f"{R}/", {**CLONE, "name": "maturity-other"}, format="json")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Only the programme's admins can do this."}
    assert api.patch(f"{R}/{pk}/", {"document": "x"}, format="json").status_code == 403


def test_an_outsider_sees_none_and_reaches_none(cast, api_for):
    pk = api_for(cast.owner).post(f"{R}/", CLONE, format="json").json()["id"]
    api = api_for(cast.outsider)
    assert api.get(f"{R}/").json()["count"] == 0
    assert api.get(f"{R}/{pk}/").status_code == 404
    assert api.patch(f"{R}/{pk}/", {"document": "x"}, format="json").status_code == 404
    response = api.post(f"{R}/", CLONE, format="json")  # admin of their own programme only
    assert response.status_code == 400 and "programme" in response.json()


def test_the_list_filters_by_kind_and_runs_the_same_queries_for_2_and_12(cast, api_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = api_for(cast.owner)

    def grow(start: int, stop: int) -> None:
        for v in range(start, stop):
            api.post(f"{R}/", {**CLONE, "version": v}, format="json")

    grow(1, 3)
    with CaptureQueriesContext(connection) as small:
        assert api.get(f"{R}/").json()["count"] == 2
    grow(3, 13)
    with CaptureQueriesContext(connection) as large:
        assert api.get(f"{R}/").json()["count"] == 12
    assert len(large) == len(small)
    assert api.get(f"{R}/?kind=pse").json()["count"] == 0
    assert api.get(f"{R}/?kind=nothing").status_code == 400

"""A programme's own rubrics: an admin clones a packaged rubric and adapts its YAML (saved only
when valid, every problem located); non-admins get 403, outsiders 404; assessments keep the
exact version they were made with and still compute after a newer version appears; the API shows
own rubrics only to the programme's members."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.assessments.conftest import EVIDENCE, answer_levels, indicator_ids

pytestmark = pytest.mark.django_db

P = "/p/mekong/assessments"


def _clone(cast: Any, name: str = "maturity-mekong", version: int = 1, base: str = "maturity-v1"):
    from partnerpath.assessments import rubrics

    return rubrics.clone_rubric(cast.programme, cast.owner, base, name, version)


def _adapted(document: str, **rule: Any) -> str:
    doc = yaml.safe_load(document)
    doc["title"] = "Maturity Spectrum (Mekong)"
    doc["rule"] |= rule
    return yaml.safe_dump(doc, sort_keys=False)


def test_an_admin_clones_and_adapts_a_packaged_rubric(cast, client_for):
    from partnerpath.assessments.models import ProgrammeRubric

    client = client_for(cast.owner)
    form = {"base": "maturity-v1", "name": "maturity-mekong", "version": "1"}
    response = client.post(f"{P}/rubrics/clone/", form)
    record = ProgrammeRubric.objects.get(programme=cast.programme)
    assert response.status_code == 302
    assert response["Location"] == f"{P}/rubrics/{record.pk}/edit/"
    assert (record.key, record.base_key, record.kind) == (
        "maturity-mekong-v1",
        "maturity-v1",
        "maturity",
    )
    assert yaml.safe_load(record.document)["derived_from"] == "maturity-v1"

    text = _adapted(record.document, threshold=60)
    response = client.post(f"{P}/rubrics/{record.pk}/edit/", {"document": text})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.title == "Maturity Spectrum (Mekong)"
    assert yaml.safe_load(record.document)["rule"]["threshold"] == 60
    page = client.get(f"{P}/rubrics/").content.decode()
    assert "maturity-mekong-v1" in page and "maturity-v1" in page and "pse-readiness-v1" in page


def test_a_clone_may_not_take_a_packaged_name_or_an_existing_key(cast, client_for):
    from partnerpath.assessments.models import ProgrammeRubric

    _clone(cast)
    client = client_for(cast.owner)
    for name, version, message in (
        ("maturity", 2, "packaged rubric&#x27;s name"),
        ("maturity-mekong", 1, "already has a rubric maturity-mekong-v1"),
    ):
        form = {"base": "maturity-v1", "name": name, "version": str(version)}
        response = client.post(f"{P}/rubrics/clone/", form)
        assert response.status_code == 200
        assert message in response.content.decode()
    assert ProgrammeRubric.objects.count() == 1


def test_invalid_yaml_is_rejected_with_its_line_and_nothing_is_saved(cast, client_for):
    record = _clone(cast)
    before = record.document
    broken = before.replace("title: Maturity Spectrum (CTIP)", "title: [unclosed", 1)
    response = client_for(cast.owner).post(f"{P}/rubrics/{record.pk}/edit/", {"document": broken})
    page = response.content.decode()
    assert response.status_code == 200
    assert "not valid YAML" in page and "nothing was saved" in page
    assert "<strong>line " in page
    record.refresh_from_db()
    assert record.document == before


def test_an_invalid_rubric_shows_every_problem_with_its_location(cast, client_for):
    record = _clone(cast)
    before = record.document
    doc = yaml.safe_load(before)
    doc["levels"][1]["indicators"][0]["weight"] = 999  # weights of level 2 no longer add up
    doc["levels"][0]["colour"] = "green"  # unknown field
    doc["levels"][2]["indicators"][1]["id"] = doc["levels"][2]["indicators"][0]["id"]  # duplicate
    text = yaml.safe_dump(doc, sort_keys=False)
    response = client_for(cast.owner).post(f"{P}/rubrics/{record.pk}/edit/", {"document": text})
    page = response.content.decode()
    assert response.status_code == 200
    assert "levels[0].colour" in page and "unknown field" in page
    assert "levels[1].indicators" in page and "weights add up to 1079" in page
    assert "levels[2].indicators[1].id" in page and "duplicate indicator id" in page
    assert "<strong>line " in page
    record.refresh_from_db()
    assert record.document == before


def test_a_document_that_changes_its_key_or_kind_is_refused(cast):
    from partnerpath.assessments import rubrics
    from partnerpath.core.rubric import RubricError

    record = _clone(cast)
    doc = yaml.safe_load(record.document)
    doc["version"] = 2
    with pytest.raises(RubricError) as caught:
        rubrics.save_document(record, yaml.safe_dump(doc), cast.owner)
    assert [p.path for p in caught.value.problems] == ["name"]
    pse = rubrics.clone_rubric(cast.programme, cast.owner, "pse-readiness-v1", "pse-mekong", 1)
    with pytest.raises(RubricError) as caught:
        rubrics.save_document(
            pse, record.document.replace("maturity-mekong", "pse-mekong"), cast.owner
        )
    assert [p.path for p in caught.value.problems] == ["rule.kind"]


@pytest.mark.parametrize("role", ["member", "reviewer", "viewer"])
def test_only_admins_clone_and_edit(cast, client_for, role):
    from partnerpath.assessments.models import ProgrammeRubric

    record = _clone(cast)
    client = client_for(getattr(cast, role))
    form = {"base": "maturity-v1", "name": "maturity-other", "version": "1"}
    assert client.post(f"{P}/rubrics/clone/", form).status_code == 403
    edit = client.post(f"{P}/rubrics/{record.pk}/edit/", {"document": "name: x"})
    assert edit.status_code == 403
    assert client.get(f"{P}/rubrics/").status_code == 200
    assert client.get(f"{P}/rubrics/{record.pk}/").status_code == 200
    assert ProgrammeRubric.objects.count() == 1


def test_an_outsider_gets_404_and_another_programme_s_rubric_is_404(cast, client_for):
    from partnerpath.assessments import rubrics

    record = _clone(cast)
    client = client_for(cast.outsider)
    for url in (f"{P}/rubrics/", f"{P}/rubrics/clone/", f"{P}/rubrics/{record.pk}/"):
        assert client.get(url).status_code == 404
    theirs = rubrics.clone_rubric(cast.other_programme, cast.outsider, "maturity-v1", "theirs", 1)
    owner = client_for(cast.owner)
    assert owner.get(f"{P}/rubrics/{theirs.pk}/").status_code == 404
    assert owner.get(f"{P}/rubrics/{theirs.pk}/edit/").status_code == 404
    with pytest.raises(ValueError):  # nor can it be used for an assessment here
        from partnerpath.assessments import services

        services.start_assessment(cast.programme, cast.owner, rubric_key="theirs-v1")


def test_an_assessment_keeps_its_programme_rubric_and_computes_after_a_new_version(
    cast, org, client_for
):
    from partnerpath.assessments import rubrics, services
    from partnerpath.core.rubric import RubricError

    v1 = _clone(cast)
    rubrics.save_document(v1, _adapted(v1.document, threshold=50), cast.owner)
    client = client_for(cast.member)
    response = client.post(f"{P}/organisations/{org.pk}/new/", {"rubric": "maturity-mekong-v1"})
    assert response.status_code == 302
    old = org.assessments.get()
    assert old.rubric_key == "maturity-mekong-v1"
    # 60% of level 1's weight met: level 1 under v1's threshold of 50 (not under the packaged 75)
    ids = indicator_ids(1)
    changed = {i: {"value": "met" if n < 3 else "not_met", **EVIDENCE} for n, i in enumerate(ids)}
    services.save_answers(old, changed, cast.member)
    old.refresh_from_db()
    level_before = old.level
    assert level_before == 1

    # v1 is now in use: it no longer changes; a new version is cloned from it and adapted
    with pytest.raises(RubricError):
        rubrics.save_document(v1, _adapted(v1.document, threshold=90), cast.owner)
    v2 = _clone(cast, version=2, base="maturity-mekong-v1")
    assert v2.base_key == "maturity-mekong-v1"
    rubrics.save_document(v2, _adapted(v2.document, threshold=90), cast.owner)
    new = services.start_assessment(cast.programme, cast.member, org, "maturity-mekong-v2")
    services.save_answers(new, changed, cast.member)
    new.refresh_from_db()
    assert new.level == 0

    # the old assessment still opens and computes with its own version
    assert services.rubric_of(old).key == "maturity-mekong-v1"
    assert services.rubric_of(old).rule.threshold == 50
    assert services.compute(old).level == level_before
    services.refresh_result(old)
    old.refresh_from_db()
    assert old.level == level_before
    for url in (f"{P}/{old.pk}/", f"{P}/{old.pk}/answers/", f"{P}/{old.pk}/print/"):
        assert client.get(url).status_code == 200
    answer_levels(old, cast.member, {2: "met"})  # still answerable on v1


def test_starting_offers_and_accepts_only_rubrics_of_the_matching_kind(cast, org, client_for):
    from partnerpath.assessments import services

    _clone(cast)
    from partnerpath.assessments import rubrics

    rubrics.clone_rubric(cast.programme, cast.owner, "pse-readiness-v1", "pse-mekong", 1)
    client = client_for(cast.member)
    org_page = client.get(f"{P}/organisations/{org.pk}/").content.decode()
    assert 'value="maturity-mekong-v1"' in org_page and 'value="pse-mekong-v1"' not in org_page
    pse_page = client.get(f"{P}/pse/").content.decode()
    assert 'value="pse-mekong-v1"' in pse_page and 'value="maturity-mekong-v1"' not in pse_page
    client.post(f"{P}/organisations/{org.pk}/new/", {"rubric": "pse-mekong-v1"})
    assert not org.assessments.exists()
    client.post(f"{P}/pse/new/", {"rubric": "pse-mekong-v1"})
    pse = services.Assessment.objects.get(kind="pse")
    assert pse.rubric_key == "pse-mekong-v1"
    assert services.compute(pse).overall is None


@pytest.fixture
def api_for(db: Any) -> Any:
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def sign_in(user: Any) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return sign_in


def test_the_api_shows_own_rubrics_only_to_members(cast, api_for):
    _clone(cast)
    mine = {(r["key"], r["programme"]) for r in api_for(cast.viewer).get("/api/v1/rubrics/").json()}
    assert ("maturity-v1", None) in mine
    assert ("maturity-mekong-v1", "mekong") in mine
    body = api_for(cast.viewer).get("/api/v1/rubrics/maturity-mekong-v1/").json()
    assert body["definition"]["derived_from"] == "maturity-v1"

    outsider = api_for(cast.outsider)
    theirs = {r["key"] for r in outsider.get("/api/v1/rubrics/").json()}
    assert "maturity-v1" in theirs and "maturity-mekong-v1" not in theirs
    assert outsider.get("/api/v1/rubrics/maturity-mekong-v1/").status_code == 404


def test_the_api_starts_an_assessment_on_a_programme_rubric(cast, org, api_for):
    _clone(cast)
    client = api_for(cast.member)
    body = {"programme": "mekong", "organisation": org.pk, "rubric": "maturity-mekong-v1"}
    response = client.post("/api/v1/assessments/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["rubric"] == "maturity-mekong-v1"
    body["rubric"] = "pse-readiness-v1"
    response = client.post("/api/v1/assessments/", body, format="json")
    assert response.status_code == 400
    assert "rubric" in response.json()


def test_cloning_with_a_refused_document_saves_no_clone(cast):
    from partnerpath.assessments import rubrics
    from partnerpath.assessments.models import ProgrammeRubric
    from partnerpath.core.rubric import RubricError

    with pytest.raises(RubricError):
        rubrics.clone_rubric(
            cast.programme, cast.owner, "maturity-v1", "maturity-mekong", 1, document="rule: [x"
        )
    assert not ProgrammeRubric.objects.exists()
    doc = yaml.safe_load(_clone(cast).document)
    doc["version"], doc["rule"]["threshold"] = 2, 50
    record = rubrics.clone_rubric(
        cast.programme,
        cast.owner,
        "maturity-v1",
        "maturity-mekong",
        2,
        document=yaml.safe_dump(doc),
    )
    assert record.key == "maturity-mekong-v2"
    assert yaml.safe_load(record.document)["rule"]["threshold"] == 50

"""The due-diligence API: checklists (start, answer, sign off as a second person), computed risk
profiles, reference data versions and the risk protocol, under the programme's rules."""

from __future__ import annotations

import pytest

from tests import factories
from tests.diligence.conftest import CLEAN_ANSWERS, answer_all

pytestmark = pytest.mark.django_db


def _answers(**changes: str) -> list[dict[str, str]]:
    return [
        {"question": q, "answer": a, "note": f"Checked {q}."}
        for q, a in {**CLEAN_ANSWERS, **changes}.items()
    ]


def test_a_member_starts_and_fills_a_checklist_and_a_second_person_signs_it_off(
    cast, org, reference, api_for, pse_lead
):
    member = api_for(cast.member)
    created = member.post(
        "/api/v1/checklists/",
        {"programme": "mekong", "organisation": org.pk, "answers": _answers()},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["rating"], body["inherent_level"], body["status"]) == (
        "medium",
        "very high",
        "in progress",
    )
    assert len(body["answers"]) == 8 and body["answers"][0]["reviewed_by"] == cast.member.pk
    url = f"/api/v1/checklists/{body['id']}/"
    refused = member.post(f"{url}sign-off/", {}, format="json")
    assert refused.status_code == 400
    assert refused.json()["sign_off"] == [
        "A second person must sign off: you answered questions on this checklist."
    ]
    signed = api_for(pse_lead).post(f"{url}sign-off/", {"note": "Go ahead."}, format="json")
    assert signed.status_code == 200
    assert signed.json()["status"] == "signed off" and signed.json()["expires_on"]
    locked = member.patch(url, {"answers": [{"question": "policy", "answer": "no"}]}, format="json")
    assert locked.status_code == 400 and "signed off" in locked.json()["answers"][0]


def test_an_answer_must_fit_its_question(cast, org, api_for):
    response = api_for(cast.member).post(
        "/api/v1/checklists/",
        {
            "programme": "mekong",
            "organisation": org.pk,
            "answers": [{"question": "policy", "answer": "no_concern"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "policy takes one of: yes, partly, no, unknown." in str(response.json())


def test_read_only_roles_read_checklists_but_cannot_write(cast, org, api_for):
    from partnerpath.diligence import services

    checklist = answer_all(services.start_checklist(org, cast.member), cast.member)
    viewer = api_for(cast.viewer)
    assert viewer.get(f"/api/v1/checklists/{checklist.pk}/").status_code == 200
    assert (
        viewer.post(
            "/api/v1/checklists/", {"programme": "mekong", "organisation": org.pk}, format="json"
        ).status_code
        == 403
    )
    assert (
        viewer.post(f"/api/v1/checklists/{checklist.pk}/sign-off/", {}, format="json").status_code
        == 403
    )
    assert viewer.post(f"/api/v1/checklists/{checklist.pk}/recompute/").status_code == 403
    assert (
        viewer.patch(
            f"/api/v1/checklists/{checklist.pk}/", {"answers": []}, format="json"
        ).status_code
        == 403
    )


def test_outsiders_see_no_checklist_profile_or_protocol(cast, org, api_for):
    from partnerpath.diligence import services

    checklist = services.start_checklist(org, cast.member)
    protocol = services.ensure_protocol(cast.programme)
    outsider = api_for(cast.outsider)
    for url in ("/api/v1/checklists/", "/api/v1/risk-profiles/", "/api/v1/risk-protocols/"):
        assert outsider.get(url).json()["count"] == 0
    assert outsider.get(f"/api/v1/checklists/{checklist.pk}/").status_code == 404
    assert outsider.get(f"/api/v1/risk-profiles/{org.pk}/").status_code == 404
    assert outsider.get(f"/api/v1/risk-protocols/{protocol.pk}/").status_code == 404
    assert outsider.post(f"/api/v1/checklists/{checklist.pk}/sign-off/").status_code == 404
    response = outsider.post(
        "/api/v1/checklists/", {"programme": "mekong", "organisation": org.pk}, format="json"
    )
    assert response.status_code == 400


def test_checklists_are_never_deleted_through_the_api(cast, org, api_for):
    from partnerpath.diligence import services

    checklist = services.start_checklist(org, cast.member)
    assert api_for(cast.owner).delete(f"/api/v1/checklists/{checklist.pk}/").status_code == 405


def test_checklist_filters(cast, org, reference, api_for, pse_lead):
    from partnerpath.diligence import services

    first = answer_all(services.start_checklist(org, cast.member), cast.member)
    services.sign_off(first, pse_lead)
    services.start_checklist(org, cast.member)
    api = api_for(cast.viewer)
    assert api.get(f"/api/v1/checklists/?organisation={org.pk}").json()["count"] == 2
    assert api.get("/api/v1/checklists/?current=yes").json()["results"][0]["previous"] == first.pk
    assert api.get("/api/v1/checklists/?rating=medium&current=no").json()["count"] == 1
    assert api.get("/api/v1/checklists/?rating=awful").status_code == 400


def test_a_risk_profile_carries_every_figure_with_its_source(cast, org, reference, api_for):
    response = api_for(cast.viewer).get(f"/api/v1/risk-profiles/{org.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert (body["organisation"], body["rule"], body["level"]) == (
        org.pk,
        "inherent-risk-v1",
        "very high",
    )
    thailand = next(c for c in body["countries"] if c["country"] == "TH")
    assert thailand["tier"] == {"tier": "2", "label": "Tier 2", "year": 2024}
    assert thailand["tier_source"]["edition"] == "2024"
    assert thailand["prevalence"]["per_thousand"] == 5.7
    assert thailand["prevalence_source"]["name"] == "Walk Free Global Slavery Index"
    assert {item["good"] for item in thailand["listings"]} == {"Fish", "Shrimp"}
    assert all(item["source"]["edition"] == "2022" for item in thailand["listings"])
    assert {s["edition"] for s in body["sources"]} == {"2022", "2024", "2023"}
    assert body["goods_looked_for"][0] == {
        "term": "fish",
        "because": "sector Fisheries and seafood",
    }


def test_risk_profiles_list_each_organisation_of_a_programme(cast, org, reference, api_for):
    factories.organisation(cast.programme, name="No Countries Ltd")
    body = api_for(cast.viewer).get("/api/v1/risk-profiles/?programme=mekong").json()
    levels = {row["organisation_name"]: row["level"] for row in body["results"]}
    assert levels == {"No Countries Ltd": None, org.name: "very high"}
    assert api_for(cast.viewer).post("/api/v1/risk-profiles/", {}).status_code == 405


def test_reference_datasets_are_read_by_any_signed_in_user(cast, reference, api_for, client):
    body = api_for(cast.outsider).get("/api/v1/reference-datasets/?kind=tip-tiers").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert (row["edition"], row["row_count"], len(row["checksum"])) == ("2024", 5, 64)
    assert (
        api_for(cast.viewer).get(f"/api/v1/reference-datasets/{reference[0].pk}/").json()["kind"]
        == "dol-goods"
    )
    assert (
        api_for(cast.owner).delete(f"/api/v1/reference-datasets/{reference[0].pk}/").status_code
        == 405
    )
    assert client.get("/api/v1/reference-datasets/").status_code == 401


def test_the_protocol_with_contacts_and_steps_is_written_and_replaced(cast, api_for):
    member = api_for(cast.member)
    created = member.post(
        "/api/v1/risk-protocols/",
        {
            "programme": "mekong",
            "who_is_told": "PSE lead within 24 hours; the donor's AOR within 72 hours.",
            "do_no_harm": "Never confront a company about a case before the worker is safe.",
            "contacts": [{"name": "1300 hotline", "phone": "1300", "handles": "Victim referral"}],
            "steps": [
                {"order": 1, "action": "Make sure the person is safe."},
                {"order": 2, "action": "Call 1300."},
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert [s["order"] for s in body["steps"]] == [1, 2] and body["scope"] == "programme"
    again = member.post("/api/v1/risk-protocols/", {"programme": "mekong"}, format="json")
    assert again.status_code == 400 and "already" in str(again.json())
    url = f"/api/v1/risk-protocols/{body['id']}/"
    first_step = body["steps"][0]
    changed = member.patch(
        url, {"steps": [{**first_step, "within": "at once"}]}, format="json"
    ).json()
    assert [(s["order"], s["within"]) for s in changed["steps"]] == [(1, "at once")]
    assert len(changed["contacts"]) == 1  # left out: kept
    unknown = member.patch(url, {"contacts": [{"id": 999999, "name": "X"}]}, format="json")
    assert unknown.status_code == 400
    assert api_for(cast.viewer).patch(url, {"title": "x"}, format="json").status_code == 403
    assert api_for(cast.viewer).get(url).status_code == 200


@pytest.mark.parametrize(
    ("given", "missing"),
    [({"question": "policy"}, "answer"), ({"answer": "yes"}, "question")],
)
def test_a_patched_answer_without_its_question_or_answer_is_refused(
    cast, org, api_for, given, missing
):
    member = api_for(cast.member)
    created = member.post(
        "/api/v1/checklists/", {"programme": "mekong", "organisation": org.pk}, format="json"
    )
    url = f"/api/v1/checklists/{created.json()['id']}/"
    response = member.patch(url, {"answers": [given]}, format="json")
    assert response.status_code == 400
    body = str(response.json())
    assert "This field is required" in body and missing in body


def test_starting_a_checklist_while_one_is_in_progress_answers_409_with_its_id(cast, org, api_for):
    member = api_for(cast.member)
    body = {"programme": "mekong", "organisation": org.pk}
    first = member.post("/api/v1/checklists/", body, format="json")
    again = member.post(
        "/api/v1/checklists/",
        {**body, "answers": [{"question": "policy", "answer": "no"}]},
        format="json",
    )
    assert again.status_code == 409 and again.json()["id"] == first.json()["id"]
    assert "in progress" in again.json()["detail"]
    current = member.get(f"/api/v1/checklists/{first.json()['id']}/").json()
    assert all(a["answer"] != "no" for a in current["answers"])  # nothing written

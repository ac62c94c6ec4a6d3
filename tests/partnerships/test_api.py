"""The partnerships API: stage moves only through `advance/` past the gates (409 with every unmet
requirement, overrides by the right role with a reason, 400 for an unknown stage), the timeline
and gate endpoints, partners, concerns and health checks; outsiders 404 everywhere, read-only
roles 403 on writes, writes in the history, lists in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from partnerpath.partnerships.models import Concern, HealthCheck, HealthRating, Partnership
from tests import factories
from tests.partnerships.conftest import make_deal, name_point_persons

pytestmark = pytest.mark.django_db
A = "/api/v1"
UNMET_KEYS = {"code", "message", "rule", "version", "stage"}


@pytest.fixture
def api_for(db: Any) -> Callable[[Any], APIClient]:
    """A function that returns an API client signed in with the user's token."""
    from rest_framework.authtoken.models import Token

    def sign_in(user: Any) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return sign_in


def advance(api: APIClient, deal: Any, target: str, **body: Any) -> Any:
    url = f"{A}/partnerships/{deal.partnership.pk}/advance/"
    return api.post(url, {"target": target, **body}, format="json")


def deal_breaker(deal: Any) -> Concern:
    return Concern.objects.create(
        programme=deal.partnership.programme,
        partnership=deal.partnership,
        raised_by=deal.company,
        title="No naming of suppliers in public",
        category="reputation",
        is_deal_breaker=True,
    )


def health_check(deal: Any, light: str = "amber") -> HealthCheck:
    p = deal.partnership
    check = HealthCheck.objects.create(
        programme=p.programme, partnership=p, held_on=dt.date(2026, 5, 1)
    )
    for partner, given in ((deal.company, light), (deal.ngo, "green")):
        HealthRating.objects.create(
            programme=p.programme, health_check=check, partner=partner, aspect="trust", light=given
        )
    return check


def test_a_blocked_gate_answers_409_with_every_unmet_requirement_then_200_once_met(
    cast: Any, deal: Any, api_for: Any
) -> None:
    api = api_for(cast.member)
    blocked = advance(api, deal, "co_creation")
    assert blocked.status_code == 409
    body = blocked.json()
    assert body["detail"] == "Co-creation cannot be entered yet: 3 requirements unmet."
    assert (body["current"], body["target"], body["ruleset"]) == (
        "identified",
        "co_creation",
        "gates-v1",
    )
    assert body["overridable"] is True
    assert [u["code"] for u in body["unmet"]] == ["point_person_missing"] * 3
    assert all(set(u) == UNMET_KEYS and u["stage"] == "co_creation" for u in body["unmet"])
    name_point_persons(deal, cast.owner)
    moved = advance(api, deal, "co_creation")
    assert moved.status_code == 200, moved.json()
    done = moved.json()
    assert done["stage"] == "co_creation"
    assert (done["change"]["from_stage"], done["change"]["to_stage"]) == (
        "identified",
        "co_creation",
    )
    assert done["change"]["is_override"] is False and done["change"]["by"] == cast.member.pk
    deal_breaker(deal)
    again = advance(api, deal, "agreement")
    assert again.status_code == 409
    unmet = again.json()["unmet"]
    assert "open_deal_breaker" in [u["code"] for u in unmet]
    assert any("No naming of suppliers in public" in u["message"] for u in unmet)
    assert Partnership.objects.get(pk=deal.partnership.pk).stage == "co_creation"


def test_an_override_by_a_member_is_refused_and_by_an_admin_with_a_reason_is_on_the_timeline(
    cast: Any, deal: Any, api_for: Any
) -> None:
    refused = advance(api_for(cast.member), deal, "co_creation", override=True, reason="urgent")
    assert refused.status_code == 403
    body = refused.json()
    assert any("may not override" in p for p in body["problems"])
    assert body["detail"].startswith("The override was refused:") and len(body["unmet"]) == 3
    owner = api_for(cast.owner)
    silent = advance(owner, deal, "co_creation", override=True)
    assert (
        silent.status_code == 403
        and "Write the reason for the override." in silent.json()["problems"]
    )
    reason = "The donor visits next week and wants to meet the partners."
    accepted = advance(owner, deal, "co_creation", override=True, reason=reason)
    assert accepted.status_code == 200
    change = accepted.json()["change"]
    assert change["is_override"] is True and change["override_role"] == "admin"
    assert [u["code"] for u in change["overridden"]] == ["point_person_missing"] * 3
    entries = owner.get(f"{A}/partnerships/{deal.partnership.pk}/timeline/").json()
    assert entries["count"] == 2
    top = entries["results"][0]
    assert (top["kind"], top["flagged"], top["by"]) == ("override", True, "owner")
    assert "by owner (Programme admin)" in top["summary"] and reason in top["summary"]
    assert "(admin)" not in top["summary"]
    only = owner.get(f"{A}/partnerships/{deal.partnership.pk}/timeline/?kind=created").json()
    assert [e["kind"] for e in only["results"]] == ["created"]


def test_an_unknown_stage_is_a_400_and_the_gate_check_does_not_move(
    cast: Any, deal: Any, api_for: Any
) -> None:
    api = api_for(cast.viewer)
    unknown = advance(api_for(cast.member), deal, "launched")
    assert unknown.status_code == 400 and "target" in unknown.json()
    url = f"{A}/partnerships/{deal.partnership.pk}/gate/"
    check = api.get(url, {"target": "co_creation"})
    assert check.status_code == 200
    body = check.json()
    assert body["passed"] is False and body["move"] == "forward"
    assert [u["code"] for u in body["unmet"]] == ["point_person_missing"] * 3
    assert {v["rule"] for v in body["verdicts"]} == {"point_persons", "due_diligence"}
    assert api.get(url).status_code == 400 and api.get(url, {"target": "x"}).status_code == 400
    deal.partnership.refresh_from_db()
    assert deal.partnership.stage == "identified"


def test_a_member_creates_and_edits_a_partnership_whose_stage_stays_read_only(
    cast: Any, api_for: Any
) -> None:
    api = api_for(cast.member)
    body = {
        "programme": "mekong",
        "title": "Worker voice at sea",
        "shared_vision": "Every fisher can raise a grievance safely.",
        "partnership_type": "shared_value",
        "programme_point_person": cast.member.pk,
    }
    created = api.post(f"{A}/partnerships/", body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["stage"], data["partners"]) == ("identified", [])
    url = f"{A}/partnerships/{data['id']}/"
    moved = api.patch(url, {"stage": "implementation"}, format="json")
    assert moved.status_code == 400 and "advance" in moved.json()["stage"][0]
    changed = api.patch(url, {"partnership_type": "csr_philanthropy"}, format="json")
    assert changed.status_code == 200 and changed.json()["stage"] == "identified"
    kinds = [e["kind"] for e in api.get(url + "timeline/").json()["results"]]
    assert kinds == ["type", "created"]
    from partnerpath.audit.models import Change

    ct = ContentType.objects.get_for_model(Partnership)
    actions = Change.objects.filter(content_type=ct, object_id=str(data["id"]))
    assert {(c.action, c.actor_label) for c in actions} == {
        ("create", "member"),
        ("update", "member"),
    }
    assert api.delete(url).status_code == 405
    stranger = api.post(
        f"{A}/partnerships/", {**body, "programme_point_person": cast.outsider.pk}, format="json"
    )
    assert stranger.status_code == 400 and "programme_point_person" in stranger.json()


def test_partners_and_concerns_are_written_through_the_services_onto_the_timeline(
    cast: Any, deal: Any, api_for: Any
) -> None:
    api = api_for(cast.member)
    org = factories.organisation(cast.programme, "Harbour Fishing Co")
    person = factories.contact(org, "Lan N.")
    new = {
        "programme": "mekong",
        "partnership": deal.partnership.pk,
        "organisation": org.pk,
        "role": "company_partner",
        "point_person": deal.ngo_contact.pk,
    }
    wrong = api.post(f"{A}/partners/", new, format="json")
    assert wrong.status_code == 400 and "point_person" in wrong.json()
    added = api.post(f"{A}/partners/", {**new, "point_person": person.pk}, format="json")
    assert added.status_code == 201 and added.json()["organisation_name"] == org.name
    raised = api.post(
        f"{A}/concerns/",
        {
            "programme": "mekong",
            "partnership": deal.partnership.pk,
            "raised_by": added.json()["id"],
            "title": "Crew lists stay private",
            "category": "legal",
            "is_deal_breaker": True,
        },
        format="json",
    )
    assert raised.status_code == 201 and raised.json()["is_open"] is True
    url = f"{A}/concerns/{raised.json()['id']}/"
    unresolved = api.patch(url, {"status": "resolved"}, format="json")
    assert unresolved.status_code == 400 and "resolution" in unresolved.json()
    settled = api.patch(
        url, {"status": "resolved", "resolution": "Shared with the auditor only."}, format="json"
    )
    assert settled.status_code == 200 and settled.json()["resolved_on"]
    assert api.delete(url).status_code == 405
    entries = api.get(f"{A}/partnerships/{deal.partnership.pk}/timeline/").json()["results"]
    summaries = [(e["kind"], e["flagged"], e["summary"]) for e in entries[:3]]
    assert summaries[0][:2] == ("concern", True) and "resolved" in summaries[0][2]
    assert summaries[1] == (
        "concern",
        True,
        "Deal-breaker raised by Harbour Fishing Co: Crew lists stay private",
    )
    assert summaries[2][0] == "partner" and "Harbour Fishing Co" in summaries[2][2]
    listed = api.get(f"{A}/concerns/", {"partnership": deal.partnership.pk, "deal_breaker": "yes"})
    assert [c["title"] for c in listed.json()["results"]] == ["Crew lists stay private"]
    kept = api.delete(f"{A}/partners/{added.json()['id']}/")
    assert kept.status_code == 409 and "1 concern it raised" in kept.json()["detail"]
    spare = factories.organisation(cast.programme, "Spare Co")
    extra = api.post(
        f"{A}/partners/", {**new, "organisation": spare.pk, "point_person": None}, format="json"
    )
    assert api.delete(f"{A}/partners/{extra.json()['id']}/").status_code == 204


def test_viewers_read_everything_and_get_403_on_every_write(
    cast: Any, deal: Any, api_for: Any
) -> None:
    concern, check = deal_breaker(deal), health_check(deal)
    api, p = api_for(cast.viewer), deal.partnership.pk
    for path in (
        f"partnerships/{p}/",
        f"partnerships/{p}/timeline/",
        f"partners/{deal.company.pk}/",
        f"concerns/{concern.pk}/",
        f"health-checks/{check.pk}/",
    ):
        assert api.get(f"{A}/{path}").status_code == 200, path
    writes = [
        api.post(f"{A}/partnerships/", {"programme": "mekong", "title": "X"}, format="json"),
        api.patch(f"{A}/partnerships/{p}/", {"title": "Y"}, format="json"),
        advance(api, deal, "co_creation"),
        api.patch(f"{A}/partners/{deal.company.pk}/", {"objectives": "Z"}, format="json"),
        api.patch(f"{A}/concerns/{concern.pk}/", {"status": "being_resolved"}, format="json"),
        api.post(f"{A}/health-checks/", {}, format="json"),
    ]
    assert [w.status_code for w in writes] == [403, 403, 403, 403, 403, 405]


def test_outsiders_get_404_on_every_endpoint_and_lists_leave_the_records_out(
    cast: Any, deal: Any, other_deal: Any, api_for: Any
) -> None:
    concern, check = deal_breaker(deal), health_check(deal)
    api, p = api_for(cast.outsider), deal.partnership.pk
    gets = [
        f"partnerships/{p}/",
        f"partnerships/{p}/timeline/",
        f"partnerships/{p}/gate/?target=co_creation",
        f"partners/{deal.company.pk}/",
        f"concerns/{concern.pk}/",
        f"health-checks/{check.pk}/",
    ]
    assert [api.get(f"{A}/{g}").status_code for g in gets] == [404] * len(gets)
    writes = [
        advance(api, deal, "co_creation", override=True, reason="mine now"),
        api.patch(f"{A}/partnerships/{p}/", {"title": "Y"}, format="json"),
        api.patch(f"{A}/partners/{deal.company.pk}/", {"objectives": "Z"}, format="json"),
        api.patch(f"{A}/concerns/{concern.pk}/", {"title": "Z"}, format="json"),
    ]
    assert [w.status_code for w in writes] == [404] * len(writes)
    ours = {"partnerships": p, "partners": deal.company.pk, "concerns": concern.pk}
    for name, pk in {**ours, "health-checks": check.pk}.items():
        listed = api.get(f"{A}/{name}/?page_size=200").json()["results"]
        assert pk not in [r["id"] for r in listed], name
        assert {r["programme"] for r in listed} <= {"other"}
    assert api.get(f"{A}/partnerships/?programme=mekong").status_code == 400
    foreign = api.post(
        f"{A}/concerns/",
        {"programme": "other", "partnership": p, "title": "X", "category": "other"},
        format="json",
    )
    assert foreign.status_code == 400 and "partnership" in foreign.json()


def test_the_list_filters_by_programme_and_stage(
    cast: Any, deal: Any, other_deal: Any, api_for: Any
) -> None:
    name_point_persons(deal, cast.owner)
    advance(api_for(cast.member), deal, "co_creation")
    make_deal(cast.programme, cast.owner, "Second corridor")
    api = api_for(cast.member)
    titles = [r["title"] for r in api.get(f"{A}/partnerships/?stage=co_creation").json()["results"]]
    assert titles == ["Fair recruitment corridor"]
    every = api.get(f"{A}/partnerships/?programme=mekong").json()
    assert every["count"] == 2
    assert api.get(f"{A}/partnerships/?stage=launched").status_code == 400


def _grow(cast: Any, count: int) -> None:
    for i in range(count):
        more = make_deal(cast.programme, cast.owner, f"Corridor {i}")
        deal_breaker(more)
        health_check(more)


@pytest.mark.parametrize("name", ["partnerships", "partners", "concerns", "health-checks"])
def test_lists_run_the_same_number_of_queries_for_2_and_12_partnerships(
    cast: Any, api_for: Any, name: str
) -> None:
    api = api_for(cast.member)
    counts = []
    for grow in (2, 10):
        _grow(cast, grow)
        with CaptureQueriesContext(connection) as queries:
            got = api.get(f"{A}/{name}/?page_size=200")
        assert got.status_code == 200 and got.json()["count"] >= grow
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_health_checks_read_with_their_overall_light_and_score(
    cast: Any, deal: Any, api_for: Any
) -> None:
    check = health_check(deal, "red")
    body = api_for(cast.reviewer).get(f"{A}/health-checks/{check.pk}/").json()
    assert (body["overall"], body["score"], body["partnership"]) == (
        "red",
        50.0,
        deal.partnership.pk,
    )
    assert {(r["organisation_name"], r["light"]) for r in body["ratings"]} == {
        (deal.company.organisation.name, "red"),
        (deal.ngo.organisation.name, "green"),
    }

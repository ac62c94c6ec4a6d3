"""The partnership endpoints beyond the record: the agreement with its checklist and versions,
contributions and success indicators (added and removed only until the agreement is signed),
internal buy-in, recording a health check and the private health-check links. Outsiders get 404
everywhere, viewers and reviewers read but get 403 on writes, team members write, and bad input
is a 400 that names the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from partnerpath.partnerships.models import (
    Agreement,
    Contribution,
    HealthCheck,
    HealthCheckLink,
    SuccessIndicator,
    TimelineEvent,
)
from partnerpath.partnerships.services import agreement, amendments, health

pytestmark = pytest.mark.django_db
A = "/api/v1/partnerships"


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


def at(deal: Any, path: str) -> str:
    return f"{A}/{deal.partnership.pk}/{path}"


def contribution(deal: Any) -> Contribution:
    return agreement.add_contribution(
        Contribution(
            programme=deal.partnership.programme,
            partnership=deal.partnership,
            partner=deal.company,
            kind="cash",
            description="Fee fund",
            value=1000,
            currency="USD",
        )
    )


def sign(deal: Any) -> Agreement:
    return agreement.save_agreement(
        Agreement(
            programme=deal.partnership.programme,
            partnership=deal.partnership,
            activities="Pilot",
            cadence="quarterly",
            checklist={"partners": "fully_in_place"},
            signed_document=SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed"),
            signed_on=dt.date(2025, 1, 10),
        ),
        ["activities", "signed_document", "signed_on"],
    )


def test_the_agreement_reads_with_its_checklist_and_versions(cast, deal, api_for):
    api = api_for(cast.viewer)
    assert api.get(at(deal, "agreement/")).status_code == 404  # none started yet
    current = sign(deal)
    current.activities = "Pilot in two provinces"
    amendments.amend_agreement(current, ["activities"], "Second province", cast.owner)
    body = api.get(at(deal, "agreement/")).json()
    found = body["agreement"]
    assert (found["version"], found["signed"], found["signed_for_version"]) == (2, False, None)
    assert found["signature"] == "Not signed (version 2): attach its signed document"
    assert found["activities"] == "Pilot in two provinces" and found["cadence"] == "quarterly"
    partners = next(i for i in body["checklist"] if i["key"] == "partners")
    assert partners["rating"] == "fully_in_place" and partners["rating_label"] == "Fully in place"
    assert body["checklist_summary"].endswith("relevant fully).") or body["checklist_summary"]
    (kept,) = body["versions"]
    assert (kept["version"], kept["replaced_by"], kept["amendment_reason"]) == (
        1,
        "owner",
        "Second province",
    )
    assert (
        kept["signed_document"].startswith("signed") and kept["snapshot"]["activities"] == "Pilot"
    )


def test_contributions_and_indicators_are_added_and_removed_until_the_agreement_is_signed(
    cast, deal, api_for
):
    api = api_for(cast.member)
    body = {"partner": deal.ngo.pk, "kind": "in_kind", "description": "Rooms", "value": "250.5"}
    assert api.post(at(deal, "contributions/"), body, format="json").status_code == 400
    made = api.post(at(deal, "contributions/"), {**body, "currency": "usd"}, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["currency"] == "USD" and made.json()["partner"] == deal.ngo.pk
    listed = api.get(at(deal, "contributions/")).json()
    assert [c["description"] for c in listed] == ["Rooms"]
    indicator = api.post(at(deal, "indicators/"), {"name": "Fees repaid"}, format="json")
    assert indicator.status_code == 201
    gone = api.delete(at(deal, f"contributions/{made.json()['id']}/"))
    assert gone.status_code == 204 and not Contribution.objects.exists()
    kept = contribution(deal)
    sign(deal)
    refused = [
        api.post(at(deal, "contributions/"), {**body, "currency": "USD"}, format="json"),
        api.delete(at(deal, f"contributions/{kept.pk}/")),
        api.post(at(deal, "indicators/"), {"name": "Later"}, format="json"),
        api.delete(at(deal, f"indicators/{indicator.json()['id']}/")),
    ]
    assert [r.status_code for r in refused] == [409] * 4
    assert "change only by an amendment" in refused[0].json()["detail"]
    assert Contribution.objects.count() == 1 and SuccessIndicator.objects.count() == 1
    assert api.delete(at(deal, "contributions/99999999999999999999/")).status_code == 404


def test_a_contribution_of_another_partnerships_partner_is_a_400(cast, deal, other_deal, api_for):
    body = {"partner": other_deal.company.pk, "kind": "cash", "description": "Fund"}
    response = api_for(cast.member).post(at(deal, "contributions/"), body, format="json")
    assert response.status_code == 400 and "partner" in response.json()
    negative = {"partner": deal.company.pk, "kind": "cash", "description": "F", "value": "-1"}
    negative["currency"] = "USD"
    assert (
        api_for(cast.member).post(at(deal, "contributions/"), negative, format="json").status_code
        == 400
    )


def test_buy_in_reads_and_sets_departments_of_a_company_partner(cast, deal, api_for):
    api = api_for(cast.member)
    (company,) = api.get(at(deal, "buy-in/")).json()
    assert company["partner"] == deal.company.pk and len(company["departments"]) == 5
    assert company["summary"] == "0 of 5 departments supportive"
    body = {
        "partner": deal.company.pk,
        "departments": [
            {"department": "legal", "stance": "opposed", "notes": "Liability"},
            {"department": "hr", "stance": "supportive", "champion": deal.company_contact.pk},
        ],
    }
    saved = api.post(at(deal, "buy-in/"), body, format="json")
    assert saved.status_code == 200, saved.json()
    assert saved.json()["summary"] == "1 of 5 departments supportive; Legal opposed"
    hr = next(d for d in saved.json()["departments"] if d["department"] == "hr")
    assert hr["champion_name"] == "Somchai P." and hr["recorded"]
    assert TimelineEvent.objects.filter(kind="buy_in").count() == 2
    wrong = {"partner": deal.ngo.pk, "departments": body["departments"]}
    assert api.post(at(deal, "buy-in/"), wrong, format="json").status_code == 400
    stranger = {"department": "legal", "stance": "opposed", "champion": deal.ngo_contact.pk}
    bad = api.post(
        at(deal, "buy-in/"), {"partner": deal.company.pk, "departments": [stranger]}, format="json"
    )
    assert bad.status_code == 400 and "departments" in bad.json()
    unknown = {"partner": deal.company.pk, "departments": [{"department": "it", "stance": "x"}]}
    assert api.post(at(deal, "buy-in/"), unknown, format="json").status_code == 400


def test_a_health_check_is_recorded_and_a_second_of_that_date_joins_it(cast, deal, api_for):
    api = api_for(cast.member)
    body = {
        "held_on": "2025-03-01",
        "ratings": [
            {"partner": deal.company.pk, "aspect": "trust", "light": "green"},
            {"partner": deal.ngo.pk, "aspect": "trust", "light": "amber", "comment": "Slow"},
        ],
    }
    made = api.post(at(deal, "health-checks/"), body, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["overall"] == "amber" and len(made.json()["ratings"]) == 2
    more = {
        "held_on": "2025-03-01",
        "ratings": [{"partner": deal.ngo.pk, "aspect": "progress", "light": "red"}],
    }
    joined = api.post(at(deal, "health-checks/"), more, format="json")
    assert joined.status_code == 200 and joined.json()["id"] == made.json()["id"]
    assert HealthCheck.objects.count() == 1 and joined.json()["overall"] == "red"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"held_on": "0001-01-01"}, "held_on"),
        ({"held_on": "2999-01-01"}, "held_on"),
        ({"ratings": []}, "ratings"),
        ({"ratings": [{"partner": 0, "aspect": "trust", "light": "green"}]}, "ratings"),
        ({"ratings": [{"partner": "{company}", "aspect": "trust", "light": "purple"}]}, "ratings"),
        (
            {
                "ratings": [
                    {"partner": "{company}", "aspect": "trust", "light": "green"},
                    {"partner": "{company}", "aspect": "trust", "light": "red"},
                ]
            },
            "ratings",
        ),
    ],
)
def test_a_bad_health_check_is_a_400_naming_the_field(cast, deal, api_for, change, field):
    body: dict[str, Any] = {
        "held_on": "2025-03-01",
        "ratings": [{"partner": deal.company.pk, "aspect": "trust", "light": "green"}],
    }
    for key, value in change.items():
        body[key] = value
    for rating in body["ratings"]:
        if rating.get("partner") == "{company}":
            rating["partner"] = deal.company.pk
    response = api_for(cast.member).post(at(deal, "health-checks/"), body, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not HealthCheck.objects.exists()


def test_health_links_are_listed_created_and_revoked(cast, deal, api_for):
    api = api_for(cast.member)
    assert (
        api.post(
            at(deal, "health-links/"), {"partners": [deal.company.pk]}, format="json"
        ).status_code
        == 400
    )
    deal.company.point_person = deal.company_contact
    deal.company.save()
    made = api.post(
        at(deal, "health-links/"), {"partners": [deal.company.pk], "days": 5}, format="json"
    )
    assert made.status_code == 201, made.json()
    (link,) = made.json()
    assert link["state"] == "open" and "/health-check/" in link["url"]
    viewer = api_for(cast.viewer).get(at(deal, "health-links/")).json()
    assert viewer[0]["state"] == "open" and viewer[0]["url"] == ""
    revoked = api.post(at(deal, f"health-links/{link['id']}/revoke/"))
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
    again = api.post(at(deal, f"health-links/{link['id']}/revoke/"))
    assert again.status_code == 409 and "revoked already" in again.json()["detail"]
    assert HealthCheckLink.objects.get().revoked_at is not None
    bad_days = {"partners": [deal.company.pk], "days": 400}
    assert api.post(at(deal, "health-links/"), bad_days, format="json").status_code == 400


ENDPOINTS: list[tuple[str, str, str]] = [
    ("get", "agreement/", "read"),
    ("get", "contributions/", "read"),
    ("post", "contributions/", "edit"),
    ("delete", "contributions/{contribution}/", "edit"),
    ("get", "indicators/", "read"),
    ("post", "indicators/", "edit"),
    ("delete", "indicators/{indicator}/", "edit"),
    ("get", "buy-in/", "read"),
    ("post", "buy-in/", "edit"),
    ("post", "health-checks/", "edit"),
    ("get", "health-links/", "read"),
    ("post", "health-links/", "edit"),
    ("post", "health-links/{link}/revoke/", "edit"),
]


@pytest.fixture
def ids(cast: Any, deal: Any) -> dict[str, int]:
    """An agreement (not signed), a contribution, an indicator and a health-check link."""
    Agreement.objects.create(programme=cast.programme, partnership=deal.partnership)
    indicator = agreement.add_indicator(
        SuccessIndicator(programme=cast.programme, partnership=deal.partnership, name="Fees")
    )
    deal.company.point_person = deal.company_contact
    deal.company.save()
    from partnerpath.partnerships.services import health_links

    (link,) = health_links.ask_partners(deal.partnership, [deal.company], cast.owner)
    return {"contribution": contribution(deal).pk, "indicator": indicator.pk, "link": link.pk}


def _call(api: APIClient, method: str, url: str) -> Any:
    return getattr(api, method)(url, {}, format="json") if method != "get" else api.get(url)


@pytest.mark.parametrize(
    ("method", "path", "need"), ENDPOINTS, ids=[f"{m}-{p}" for m, p, _ in ENDPOINTS]
)
def test_outsiders_get_404_and_read_only_roles_403_on_writes(
    cast, deal, ids, api_for, method, path, need
):
    url = at(deal, path.format(**ids))
    assert _call(api_for(cast.outsider), method, url).status_code == 404
    for who in (cast.viewer, cast.reviewer):
        status = _call(api_for(who), method, url).status_code
        assert status == (200 if need == "read" else 403), (who, status)
    status = _call(api_for(cast.member), method, url).status_code
    assert status in (200, 201, 204, 400), status  # an empty body is a 400, never a 500


def test_the_endpoints_are_in_the_schema(cast, api_for):
    schema = api_for(cast.viewer).get("/api/v1/schema/").content.decode()
    for path in (
        "/api/v1/partnerships/{id}/agreement/",
        "/api/v1/partnerships/{id}/contributions/",
        "/api/v1/partnerships/{id}/contributions/{contribution}/",
        "/api/v1/partnerships/{id}/indicators/",
        "/api/v1/partnerships/{id}/indicators/{indicator}/",
        "/api/v1/partnerships/{id}/buy-in/",
        "/api/v1/partnerships/{id}/health-checks/",
        "/api/v1/partnerships/{id}/health-links/",
        "/api/v1/partnerships/{id}/health-links/{link}/revoke/",
    ):
        assert path in schema, path


def test_the_timeline_says_when_each_entry_was_entered(cast, deal, api_for):
    health.record_check(
        deal.partnership, dt.date(2025, 3, 1), [health.NewRating(deal.company, "trust", "green")]
    )
    (entry,) = api_for(cast.viewer).get(at(deal, "timeline/?kind=health_check")).json()["results"]
    assert entry["at"].startswith("2025-03-01") and entry["recorded_at"] > entry["at"]


def test_a_partnership_is_never_deleted_over_the_api(cast, deal, api_for):
    response = api_for(cast.owner).delete(f"{A}/{deal.partnership.pk}/")
    assert response.status_code == 405 and "close it" in response.json()["detail"]
    assert type(deal.partnership).objects.filter(pk=deal.partnership.pk).exists()

"""Incident notes are visible only to the roles given that right (admins and PSE leads by
default): everyone else never sees them listed, counted or named, on pages or in the API."""

from __future__ import annotations

from typing import Any

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

SECRET = "Withheld passports at the Songkhla pier"


@pytest.fixture
def incident(cast: Any) -> Any:
    from partnerpath.diligence.models import IncidentNote

    org = factories.organisation(cast.programme, hq_country="TH")
    return IncidentNote.objects.create(
        programme=cast.programme, organisation=org, title=SECRET, account="Workers reported it."
    )


@pytest.mark.parametrize("role", ["member", "reviewer", "viewer"])
def test_other_roles_see_no_trace_on_the_pages(cast, incident, client_for, role):
    client = client_for(getattr(cast, role))
    pages = [
        f"/p/mekong/organisations/{incident.organisation_id}/",
        "/p/mekong/diligence/",
        f"/p/mekong/diligence/organisations/{incident.organisation_id}/",
        "/p/mekong/diligence/protocol/",
    ]
    for url in pages:
        body = client.get(url).content.decode()
        assert SECRET not in body
        assert "Incident notes" not in body, url


@pytest.mark.parametrize("who", ["owner", "lead"])
def test_allowed_roles_see_the_count_and_the_note(cast, incident, client_for, pse_lead, who):
    client = client_for(pse_lead if who == "lead" else cast.owner)
    page = client.get(f"/p/mekong/organisations/{incident.organisation_id}/").content.decode()
    assert "Incident notes" in page
    assert f'?organisation={incident.organisation_id}">1</a>' in page
    listing = client.get(f"/p/mekong/diligence/incidents/?organisation={incident.organisation_id}")
    assert SECRET in listing.content.decode()


def test_the_panel_counts_only_for_allowed_roles(cast, incident, pse_lead):
    from partnerpath.accounts.models import Membership
    from partnerpath.diligence.services import panel_for

    member = Membership.objects.get(user=cast.member, programme=cast.programme)
    lead = Membership.objects.get(user=pse_lead, programme=cast.programme)
    assert panel_for(incident.organisation).incident_count is None
    assert panel_for(incident.organisation, member).incident_count is None
    assert panel_for(incident.organisation, lead).incident_count == 1


@pytest.mark.parametrize("role", ["member", "reviewer", "viewer", "outsider"])
def test_the_api_lists_and_counts_nothing_for_other_roles(cast, incident, api_for, role):
    client = api_for(getattr(cast, role))
    listing = client.get("/api/v1/incidents/")
    assert listing.status_code == 200 and listing.json()["count"] == 0
    assert client.get(f"/api/v1/incidents/{incident.pk}/").status_code == 404
    assert (
        client.patch(f"/api/v1/incidents/{incident.pk}/", {"status": "closed"}).status_code == 404
    )
    assert client.delete(f"/api/v1/incidents/{incident.pk}/").status_code == 404


def test_the_api_serves_allowed_roles(cast, incident, api_for, pse_lead):
    client = api_for(pse_lead)
    assert client.get("/api/v1/incidents/").json()["count"] == 1
    detail = client.get(f"/api/v1/incidents/{incident.pk}/").json()
    assert detail["title"] == SECRET
    changed = client.patch(
        f"/api/v1/incidents/{incident.pk}/", {"status": "referred"}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["status"] == "referred"


def test_recording_a_case_through_the_api_needs_the_right(cast, incident, api_for, pse_lead):
    body = {
        "programme": "mekong",
        "organisation": incident.organisation_id,
        "kind": "identified",
        "title": "Debt bondage reported by a recruiter",
    }
    refused = api_for(cast.member).post("/api/v1/incidents/", body, format="json")
    assert refused.status_code == 404  # for them incident notes do not exist
    assert api_for(cast.outsider).post("/api/v1/incidents/", body, format="json").status_code == 400
    created = api_for(pse_lead).post("/api/v1/incidents/", body, format="json")
    assert created.status_code == 201
    assert created.json()["recorded_by"] == pse_lead.pk


def test_the_setting_gives_reviewers_read_access_but_not_writes(cast, incident, api_for):
    from partnerpath.diligence.services import save_settings

    save_settings(cast.programme, ["reviewer"], 12)
    reviewer = api_for(cast.reviewer)
    assert reviewer.get("/api/v1/incidents/").json()["count"] == 1
    patch = reviewer.patch(f"/api/v1/incidents/{incident.pk}/", {"status": "closed"}, format="json")
    assert patch.status_code == 403
    assert api_for(cast.owner).get("/api/v1/incidents/").json()["count"] == 1  # admins always


def test_admins_choose_who_reads_incidents_and_admins_always_do(cast, client_for):
    from partnerpath.diligence.services import incident_roles

    client = client_for(cast.owner)
    response = client.post(
        "/p/mekong/diligence/settings/", {"incident_roles": ["member"], "checklist_valid_months": 6}
    )
    assert response.status_code == 302
    assert incident_roles(cast.programme) == {"admin", "member"}
    assert client_for(cast.member).get("/p/mekong/diligence/incidents/").status_code == 200


def test_a_referral_contact_of_another_programme_is_refused(cast, incident, api_for, pse_lead):
    from partnerpath.diligence.models import ReferralContact, RiskProtocol

    foreign = RiskProtocol.objects.create(programme=cast.other_programme)
    contact = ReferralContact.objects.create(
        programme=cast.other_programme, protocol=foreign, name="X"
    )
    response = api_for(pse_lead).patch(
        f"/api/v1/incidents/{incident.pk}/", {"referred_to": contact.pk}, format="json"
    )
    assert response.status_code == 400 and "referred_to" in response.json()


def test_the_incident_page_form_records_who_wrote_it(cast, client_for, pse_lead):
    org = factories.organisation(cast.programme)
    response = client_for(pse_lead).post(
        "/p/mekong/diligence/incidents/new/",
        {"organisation": org.pk, "kind": "suspected", "status": "open", "title": "Unpaid wages"},
    )
    assert response.status_code == 302
    from partnerpath.diligence.models import IncidentNote

    note = IncidentNote.objects.get(title="Unpaid wages")
    assert note.recorded_by == pse_lead and note.programme == cast.programme

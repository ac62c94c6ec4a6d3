"""Opportunity pages and round creation: organisations with their roles, a dropped opportunity
needs its reason, and a round keeps its template version and weights."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests import factories

pytestmark = pytest.mark.django_db
P = "/p/mekong/prioritisation"


def test_a_member_records_an_opportunity_with_organisations_and_roles(cast, client_for):
    from partnerpath.prioritisation.models import Opportunity

    company = factories.organisation(cast.programme, "Andaman Seafood")
    ngo = factories.organisation(cast.programme, "Fishers' Rights Network", kind="ngo")
    client = client_for(cast.member)
    response = client.post(
        f"{P}/opportunities/new/",
        {
            "title": "Worker voice at sea",
            "sector": "fisheries",
            "countries": ["TH", "MM"],
            "partnership_type": "shared_value",
            "estimated_cost": "120000",
            "currency": "usd",
            "duration_months": "24",
            "status": "idea",
            "role_partner": [company.pk],
            "role_implementer": [ngo.pk],
        },
    )
    assert response.status_code == 302
    found = Opportunity.objects.get()
    assert (found.countries, found.currency, found.partnership_type) == (
        ["TH", "MM"],
        "USD",
        "shared_value",
    )
    roles = {(r.organisation.name, r.role) for r in found.roles.all()}
    assert roles == {("Andaman Seafood", "partner"), ("Fishers' Rights Network", "implementer")}
    page = client.get(f"{P}/").content.decode()
    assert "Andaman Seafood" in page and "Shared value" in page


def test_dropping_an_opportunity_needs_a_reason(cast, opps, client_for):
    client = client_for(cast.member)
    url = f"{P}/opportunities/{opps[0].pk}/edit/"
    refused = client.post(url, {"title": opps[0].title, "status": "dropped"})
    assert refused.status_code == 200
    assert "Say why the opportunity is dropped." in refused.content.decode()
    client.post(url, {"title": opps[0].title, "status": "dropped", "status_reason": "No champion"})
    opps[0].refresh_from_db()
    assert (opps[0].status, opps[0].status_reason) == ("dropped", "No champion")


@pytest.mark.parametrize(
    ("before", "change", "field"),
    [
        ("parked", {"status": "selected"}, "status_reason"),
        ("parked", {"status": "selected", "status_reason": " "}, "status_reason"),
        ("parked", {"status": "dropped"}, "status_reason"),
        ("parked", {"estimated_cost": "120000"}, "currency"),
        ("parked", {"estimated_cost": "5", "currency": " "}, "currency"),
        ("selected", {"title": "Renamed"}, None),  # still selected: no new reason needed
        ("parked", {"estimated_cost": "5", "currency": "thb"}, None),
    ],
)
def test_the_form_refuses_what_the_api_refuses_in_the_same_words(
    cast, opps, client_for, api_for, before, change, field
):
    from partnerpath.prioritisation.services.opportunities import cost_problem, status_problem

    opps[0].status, opps[0].status_reason = before, "On record"
    opps[0].save()
    url = f"{P}/opportunities/{opps[0].pk}/edit/"
    form = {"title": opps[0].title, "status": before} | change
    page = client_for(cast.member).post(url, form)
    api = api_for(cast.member).patch(f"/api/v1/opportunities/{opps[0].pk}/", change, format="json")
    if field is None:
        assert (page.status_code, api.status_code) == (302, 200)
        return
    (message,) = api.json()[field]
    status = change.get("status", before)
    assert message in (status_problem(status, ""), cost_problem(Decimal("1"), ""))
    assert page.status_code == 200 and message in page.content.decode()
    assert client_for(cast.outsider).post(url, form).status_code == 404


def test_a_round_is_created_with_raters_and_scope(cast, opps, client_for):
    from partnerpath.prioritisation.models import RaterSheet, Round
    from partnerpath.prioritisation.services import templates

    version = templates.default_template_version(cast.programme)
    response = client_for(cast.member).post(
        f"{P}/rounds/new/",
        {
            "name": "Programme team",
            "template_version": version.pk,
            "raters": [cast.member.pk, cast.reviewer.pk],
            "opportunities": [opps[0].pk, opps[1].pk],
            "top_k": "2",
        },
    )
    assert response.status_code == 302
    found = Round.objects.get()
    assert found.template_version == version and found.weight_decision is None
    assert RaterSheet.objects.filter(round=found).count() == 2
    opps[0].refresh_from_db()
    assert opps[0].status == "scoring"


def test_a_viewer_cannot_be_chosen_as_a_rater(cast, opps, client_for):
    from partnerpath.prioritisation.services import templates

    version = templates.default_template_version(cast.programme)
    response = client_for(cast.member).post(
        f"{P}/rounds/new/",
        {
            "name": "Donor",
            "template_version": version.pk,
            "raters": [cast.viewer.pk],
            "opportunities": [opps[0].pk],
            "top_k": "3",
        },
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_the_weights_page_shows_the_default_card_stored_once_with_its_4_groups_and_15_factors(
    cast, client_for
):
    from partnerpath.prioritisation.models import ScorecardTemplateVersion

    page = client_for(cast.viewer).get(f"{P}/weights/").content.decode()
    client_for(cast.viewer).get(f"{P}/weights/")
    version = ScorecardTemplateVersion.objects.get(programme=cast.programme)
    assert version.template_id == "scorecard-default-v1"
    assert len(version.template.groups) == 4 and len(version.template.factors) == 15
    assert "Risk and transaction costs" in page and "lowers the total" in page


def test_selecting_on_the_edit_page_needs_and_records_a_reason(cast, opps, client_for):
    from partnerpath.audit.models import Change

    client = client_for(cast.member)
    url = f"{P}/opportunities/{opps[0].pk}/edit/"
    refused = client.post(url, {"title": opps[0].title, "status": "selected"})
    assert "Say why the opportunity is selected for development." in refused.content.decode()
    client.post(url, {"title": opps[0].title, "status": "selected", "status_reason": "Donor pick"})
    change = Change.objects.filter(object_id=str(opps[0].pk), action="update").latest("id")
    assert change.reason == "Donor pick" and change.changes["status"]["new"] == "selected"

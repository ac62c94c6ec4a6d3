"""Partners of a partnership: added among the programme's organisations with a point-person at
that organisation, changed, and removed only while nothing is recorded against them; the record
itself is edited; every change is on the timeline."""

from __future__ import annotations

from typing import Any

import pytest

from partnerpath.partnerships.models import Concern, Partner, TimelineEvent
from tests import factories

pytestmark = pytest.mark.django_db
P = "/p/mekong/partnerships"


def events(deal: Any, kind: str) -> list[str]:
    """The summaries of the deal's timeline entries of one kind, oldest first."""
    return list(
        TimelineEvent.objects.filter(partnership=deal.partnership, kind=kind)
        .order_by("id")
        .values_list("summary", flat=True)
    )


def test_a_member_adds_an_organisation_as_partner_with_its_point_person(cast, deal, client_for):
    donor = factories.organisation(cast.programme, "Mekong Donor Fund", kind="donor")
    person = factories.contact(donor, "Lina T.")
    response = client_for(cast.member).post(
        f"{P}/{deal.partnership.pk}/partners/add/",
        {"organisation": donor.pk, "role": "donor", "point_person": person.pk},
    )
    assert response.status_code == 302
    added = Partner.objects.get(partnership=deal.partnership, organisation=donor)
    assert (added.role, added.point_person) == ("donor", person)
    assert events(deal, "partner")[-1] == "Added Mekong Donor Fund as Donor, point-person Lina T."


def test_the_point_person_must_work_at_the_partner_organisation(cast, deal, client_for):
    donor = factories.organisation(cast.programme, "Mekong Donor Fund", kind="donor")
    response = client_for(cast.member).post(
        f"{P}/{deal.partnership.pk}/partners/add/",
        {"organisation": donor.pk, "role": "donor", "point_person": deal.company_contact.pk},
    )
    assert response.status_code == 200
    assert "The point-person must be a contact at this organisation." in response.content.decode()
    assert not Partner.objects.filter(organisation=donor).exists()


def test_an_organisation_of_another_programme_or_already_a_partner_cannot_be_added(
    cast, deal, client_for
):
    theirs = factories.organisation(cast.other_programme, "Elsewhere Ltd.")
    client = client_for(cast.member)
    url = f"{P}/{deal.partnership.pk}/partners/add/"
    for org in (theirs, deal.company.organisation):
        response = client.post(url, {"organisation": org.pk, "role": "company_partner"})
        assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert deal.partnership.partners.count() == 2


def test_changing_a_partner_is_on_the_timeline_and_a_preference_is_a_type_entry(
    cast, deal, client_for
):
    url = f"{P}/{deal.partnership.pk}/partners/{deal.company.pk}/edit/"
    client = client_for(cast.member)
    page = client.get(url).content.decode()
    assert "Dara K." not in page  # only contacts at this organisation are offered
    client.post(
        url,
        {
            "role": "company_partner",
            "point_person": deal.company_contact.pk,
            "objectives": "Grievances resolved before audits",
            "preferred_type": "shared_value",
        },
    )
    deal.company.refresh_from_db()
    assert deal.company.point_person == deal.company_contact
    assert "point-person Somchai P." in events(deal, "partner")[-1]
    assert events(deal, "type")[-1].endswith("prefers: Shared value (was not set).")


def test_a_partner_of_another_partnership_is_not_found(cast, deal, other_deal, client_for):
    url = f"{P}/{deal.partnership.pk}/partners/{other_deal.company.pk}/edit/"
    assert client_for(cast.member).get(url).status_code == 404


def test_a_partner_with_nothing_on_record_is_removed_and_the_removal_is_on_the_timeline(
    cast, deal, client_for
):
    url = f"{P}/{deal.partnership.pk}/partners/{deal.ngo.pk}/remove/"
    client = client_for(cast.member)
    assert client.get(url).status_code == 405
    client.post(url)
    assert not Partner.objects.filter(pk=deal.ngo.pk).exists()
    assert events(deal, "partner")[-1].startswith("Removed Fair recruitment corridor Workers")


def test_a_partner_that_raised_a_concern_cannot_be_removed(cast, deal, client_for):
    Concern.objects.create(
        programme=cast.programme,
        partnership=deal.partnership,
        raised_by=deal.company,
        title="Audit findings made public",
        category="reputation",
    )
    client = client_for(cast.member)
    response = client.post(
        f"{P}/{deal.partnership.pk}/partners/{deal.company.pk}/remove/", follow=True
    )
    assert "cannot be removed: it has 1 concern it raised" in response.content.decode()
    assert Partner.objects.filter(pk=deal.company.pk).exists()
    page = client.get(f"{P}/{deal.partnership.pk}/partners/{deal.company.pk}/edit/")
    assert "Remove Fair" not in page.content.decode()


def test_editing_the_record_is_on_the_timeline(cast, deal, client_for):
    response = client_for(cast.member).post(
        f"{P}/{deal.partnership.pk}/edit/",
        {
            "title": "Fair recruitment corridor (Thailand)",
            "shared_vision": "Zero recruitment fees",
            "programme_point_person": cast.member.pk,
            "partnership_type": "supporter",
        },
    )
    assert response.status_code == 302
    deal.partnership.refresh_from_db()
    assert deal.partnership.title == "Fair recruitment corridor (Thailand)"
    edited = events(deal, "record")[-1]
    assert edited.startswith("Record edited: title, shared vision, programme's point-person")
    assert events(deal, "type")[-1] == "Agreed partnership type: Supporter (was not set)."


def test_a_refused_edit_keeps_the_saved_title_in_the_page_header(cast, deal, client_for):
    response = client_for(cast.member).post(f"{P}/{deal.partnership.pk}/edit/", {"title": ""})
    text = response.content.decode()
    assert response.status_code == 200 and "This field is required." in text
    assert "<h1>Fair recruitment corridor" in text


def test_partners_carried_over_from_an_opportunity_are_on_the_timeline(cast):
    from partnerpath.partnerships.services.partners import start_from_opportunity
    from partnerpath.prioritisation.models import Opportunity, OpportunityOrganisation

    opp = Opportunity.objects.create(
        programme=cast.programme, title="Worker voice at sea", status="selected"
    )
    for org, role in (
        (factories.organisation(cast.programme, "Andaman Seafood"), "partner"),
        (factories.organisation(cast.programme, "Fishers' Rights Network", kind="ngo"), "other"),
    ):
        OpportunityOrganisation.objects.create(
            programme=cast.programme, opportunity=opp, organisation=org, role=role
        )
    made, started = start_from_opportunity(opp, cast.member)
    summaries = list(
        TimelineEvent.objects.filter(partnership=made, kind="partner")
        .order_by("id")
        .values_list("summary", flat=True)
    )
    assert started
    assert summaries == [
        "Added Andaman Seafood as Company partner.",
        "Added Fishers' Rights Network as NGO / CSO.",
    ]

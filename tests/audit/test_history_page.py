"""The History page: every change of the programme, newest first, paginated, filterable by kind
of record, person, action (deletes too) and dates, and narrowed to one record with the records
attached to it, deleted ones included. Kinds a role may not read stay out of it. Record pages
show their attached records' history (deleted ones too) and link to the rest."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerpath.audit.context import acting_as
from partnerpath.audit.models import Change
from partnerpath.diligence.models import IncidentNote
from tests import factories

pytestmark = pytest.mark.django_db
P = "/p/mekong"


def _reprs(response: Any) -> list[str]:
    return [c.object_repr for c in response.context["changes"]]


def test_it_lists_every_change_newest_first_in_pages(cast, client_for):
    with acting_as(cast.member):
        for i in range(55):
            factories.organisation(cast.programme, f"Org {i:02d}")
    client = client_for(cast.viewer)
    first = client.get(f"{P}/history/")
    assert first.status_code == 200
    assert _reprs(first)[:2] == ["Org 54", "Org 53"] and len(_reprs(first)) == 50
    assert 'href="?page=2">Next' in first.content.decode()  # no stray "&" without a filter
    kind = client.get(f"{P}/history/", {"action": "create"}).content.decode()
    assert 'href="?action=create&amp;page=2">Next' in kind
    second = _reprs(client.get(f"{P}/history/?page=2"))
    # Created first of all: the programme, then its default score card, then the organisation.
    assert second[4:] == ["Org 00", "scorecard-default-v1", "Mekong Test Programme"]


def test_deleted_records_stay_and_can_be_filtered_by_action_and_kind(cast, client_for):
    org = factories.organisation(cast.programme, "Andaman Catch Co., Ltd.")
    with acting_as(cast.member):
        factories.contact(org, "Anong S.").delete()
        item = factories.interaction(cast.programme, [org], dt.date(2026, 1, 10), title="Call")
        item.delete()
    client = client_for(cast.reviewer)
    deletes = client.get(f"{P}/history/?action=delete")
    assert sorted(_reprs(deletes)) == ["10 Jan 2026 Call: Call", "Anong S."]
    contacts = client.get(f"{P}/history/?kind=registry.contact")
    assert {c.action for c in contacts.context["changes"]} == {"create", "delete"}


def test_it_filters_by_person_and_by_date(cast, client_for):
    with acting_as(cast.member):
        factories.organisation(cast.programme, "By the member")
    with acting_as(cast.owner):
        old = factories.organisation(cast.programme, "By the owner")
    Change.objects.filter(object_repr="By the owner").update(
        at=dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)
    )
    client = client_for(cast.viewer)
    assert _reprs(client.get(f"{P}/history/?actor=member")) == ["By the member"]
    in_june = client.get(f"{P}/history/?date_from=2025-06-01&date_to=2025-06-30")
    assert _reprs(in_june) == [old.name]
    wrong = client.get(f"{P}/history/?date_from=2025-07-01&date_to=2025-06-01")
    assert "The end date is before the start date" in wrong.content.decode()


def test_a_deleted_organisation_keeps_its_history_with_its_contacts(cast, client_for):
    with acting_as(cast.member):
        org = factories.organisation(cast.programme, "Andaman Catch Co., Ltd.")
        factories.contact(org, "Anong S.")
        pk = org.pk
    client_for(cast.member).post(f"{P}/organisations/{pk}/delete/")
    page = client_for(cast.viewer).get(f"{P}/history/?kind=registry.organisation&record={pk}")
    assert page.status_code == 200
    assert page.context["record_name"] == "Andaman Catch Co., Ltd."
    found = {(c.object_repr, c.action) for c in page.context["changes"]}
    assert {("Andaman Catch Co., Ltd.", "delete"), ("Anong S.", "delete")} <= found
    assert ("Anong S.", "create") in found


def test_the_organisation_page_shows_its_deleted_contacts_history(cast, client_for):
    org = factories.organisation(cast.programme, "Andaman Catch Co., Ltd.")
    with acting_as(cast.member):
        person = factories.contact(org, "Anong S.")
        person.title = "Sustainability manager"
        person.save()
        person.delete()
    page = client_for(cast.viewer).get(f"{P}/organisations/{org.pk}/")
    found = {(c.object_repr, c.action) for c in page.context["changes"]}
    assert {("Anong S.", "create"), ("Anong S.", "update"), ("Anong S.", "delete")} <= found
    assert f"?kind=registry.organisation&amp;record={org.pk}" in page.content.decode()
    assert "All changes of this record" in page.content.decode()


def test_a_contact_page_shows_its_connections_recorded_and_removed(cast, client_for):
    org = factories.organisation(cast.programme)
    person = factories.contact(org, "Anong S.")
    with acting_as(cast.member):
        link = factories.connection(cast.programme, cast.member, person)
        link.delete()
    page = client_for(cast.viewer).get(f"{P}/contacts/{person.pk}/")
    found = {(c.content_type.model, c.action) for c in page.context["changes"]}
    assert {("connection", "create"), ("connection", "delete")} <= found
    assert f"?kind=registry.contact&amp;record={person.pk}" in page.content.decode()


@pytest.mark.parametrize(
    ("page", "kind"),
    [("organisations", "registry.organisation"), ("interactions", "engagement.interaction")],
)
def test_record_pages_show_the_newest_changes_and_link_to_all_of_them(cast, client_for, page, kind):
    org = factories.organisation(cast.programme)
    item = factories.interaction(cast.programme, [org], dt.date(2026, 1, 10))
    record = org if page == "organisations" else item
    for i in range(40):
        record.title = record.name = f"Version {i}"
        record.save()
    response = client_for(cast.viewer).get(f"{P}/{page}/{record.pk}/")
    assert len(response.context["changes"]) == 30
    assert f"?kind={kind}&amp;record={record.pk}" in response.content.decode()
    everything = client_for(cast.viewer).get(f"{P}/history/?kind={kind}&record={record.pk}")
    assert len(everything.context["changes"]) > 40


def test_incident_notes_and_team_changes_stay_out_of_sight_of_roles_without_the_right(
    cast, client_for
):
    org = factories.organisation(cast.programme)
    IncidentNote.objects.create(programme=cast.programme, organisation=org, title="Passports held")
    member_view = client_for(cast.member).get(f"{P}/history/")
    assert "Passports held" not in member_view.content.decode()
    assert not any(c.content_type.model == "membership" for c in member_view.context["changes"])
    asked = client_for(cast.member).get(f"{P}/history/?kind=diligence.incidentnote")
    assert "Passports held" not in asked.content.decode()
    assert "not applied" in asked.content.decode()
    on_the_org = client_for(cast.member).get(f"{P}/organisations/{org.pk}/")
    assert "Passports held" not in on_the_org.content.decode()
    owner_view = client_for(cast.owner).get(f"{P}/history/")
    assert "Passports held" in owner_view.content.decode()
    assert any(c.content_type.model == "membership" for c in owner_view.context["changes"])


def test_an_outsider_gets_404(cast, client_for):
    assert client_for(cast.outsider).get(f"{P}/history/").status_code == 404


def test_the_history_page_runs_a_constant_number_of_queries(cast, client_for):
    def build(n: int) -> None:
        for i in range(n):
            org = factories.organisation(cast.programme, f"Org {n}-{i}")
            factories.contact(org, f"Person {n}-{i}")
            factories.interaction(cast.programme, [org], dt.date(2026, 1, 10))

    client = client_for(cast.viewer)
    build(3)
    with CaptureQueriesContext(connection) as few:
        client.get(f"{P}/history/")
    build(15)
    with CaptureQueriesContext(connection) as many:
        client.get(f"{P}/history/")
    assert len(many) == len(few)

"""Every create, update and delete of programme data is recorded: who, when, what, old and new."""

import pytest

from partnerpath.audit.context import acting_as, because
from partnerpath.audit.models import Change
from partnerpath.audit.services import history_of
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_web_edit_records_the_user_and_each_changed_field_with_old_and_new_values(
    cast, client_for
):
    org = factories.organisation(cast.programme, hq_country="TH", sectors=["fisheries"])
    response = client_for(cast.member).post(
        f"/p/mekong/organisations/{org.pk}/edit/",
        {
            "name": org.name,
            "kind": "company",
            "hq_country": "VN",
            "sectors": ["fisheries", "agriculture"],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    change = history_of(org).first()
    assert change.action == "update"
    assert change.actor == cast.member
    assert change.changes["hq_country"] == {"old": "TH", "new": "VN"}
    assert change.changes["sectors"] == {"old": ["fisheries"], "new": ["fisheries", "agriculture"]}
    assert "name" not in change.changes
    assert change.programme == cast.programme


def test_creates_and_deletes_are_recorded_and_the_history_outlives_the_record(cast):
    with acting_as(cast.owner), because("Closed down"):
        org = factories.organisation(cast.programme)
        pk = org.pk
        org.delete()
    actions = list(
        Change.objects.filter(object_id=str(pk), content_type__model="organisation").values_list(
            "action", "reason"
        )
    )
    assert actions == [("delete", "Closed down"), ("create", "Closed down")]
    deleted = Change.objects.get(object_id=str(pk), action="delete")
    assert deleted.changes["name"]["old"] == "Siam Seafood Co., Ltd."
    assert deleted.actor_label == "owner"


def test_many_to_many_changes_are_recorded(cast):
    org = factories.organisation(cast.programme)
    item = factories.interaction(cast.programme, [], __import__("datetime").date(2026, 1, 1))
    with acting_as(cast.member):
        item.organisations.add(org)
        item.organisations.remove(org)
    changes = [c.changes for c in history_of(item).filter(action="update")]
    assert {"organisations": {"removed": [org.pk]}} in changes
    assert {"organisations": {"added": [org.pk]}} in changes


def test_saving_without_a_change_records_nothing(cast):
    org = factories.organisation(cast.programme)
    before = Change.objects.count()
    org.save()
    assert Change.objects.count() == before


def test_changes_made_outside_a_request_are_attributed_to_the_system(cast):
    org = factories.organisation(cast.programme)
    assert history_of(org).get().actor_label == "system"


def test_the_organisation_page_shows_its_history(cast, client_for):
    org = factories.organisation(cast.programme)
    with acting_as(cast.member):
        org.reputation = "Praised for its grievance hotline"
        org.save()
    page = client_for(cast.viewer).get(f"/p/mekong/organisations/{org.pk}/").content.decode()
    assert "History" in page and "member" in page and "Praised for its grievance hotline" in page

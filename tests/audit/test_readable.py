"""History entries read as a person would write them: linked records by their names (one query
per kind of record for a whole page), choices by their labels, long text shortened, and a record
whose name depends on records deleted with it still leaves its deletion on record."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerpath.audit.models import LONGEST, Change, attach_labels
from partnerpath.audit.services import history_of
from partnerpath.engagement.models import Connection
from tests import factories

pytestmark = pytest.mark.django_db


def _rows(change: Change) -> dict[str, dict[str, str]]:
    return {r["field"]: r for r in change.readable_changes()}


def test_linked_records_and_choices_are_named_and_the_programme_left_out(cast):
    org = factories.organisation(cast.programme, "Mekong Prawns Co., Ltd.")
    person = factories.contact(org, "Dara K.", department="sourcing")
    (created,) = attach_labels(history_of(person))
    rows = _rows(created)
    assert rows["organisation"]["new"] == "Mekong Prawns Co., Ltd."
    assert rows["department"]["new"] == "Sourcing / procurement"
    assert "programme" not in rows


def test_a_linked_record_deleted_since_shows_its_number_and_says_so(cast):
    org = factories.organisation(cast.programme)
    person = factories.contact(org)
    change = history_of(person).get()
    pk = org.pk
    change.changes["organisation"] = {"old": None, "new": pk + 1000}
    (labelled,) = attach_labels([change])
    assert _rows(labelled)["organisation"]["new"] == f"#{pk + 1000} (since deleted)"
    assert _rows(change)["organisation"]["new"] == f"#{pk + 1000} (since deleted)"


def test_long_values_are_shortened_in_the_entry_but_kept_whole(cast):
    org = factories.organisation(cast.programme, reputation="x" * (LONGEST + 50))
    change = history_of(org).get()
    shown = _rows(change)["reputation"]["new"]
    assert shown.startswith("x" * LONGEST) and f"{LONGEST + 50:,} characters" in shown
    assert change.changes["reputation"]["new"] == "x" * (LONGEST + 50)


def test_naming_the_links_of_many_changes_takes_one_query_per_kind_of_record(cast):
    orgs = [factories.organisation(cast.programme, f"Org {i}") for i in range(12)]
    for org in orgs:
        factories.contact(org, f"Person at {org.name}")
    changes = list(Change.objects.filter(programme=cast.programme).select_related("content_type"))
    with CaptureQueriesContext(connection) as queries:
        for change in attach_labels(changes):
            change.readable_changes()
    assert len(queries) <= 3  # organisations, and the users or contacts some changes name


def test_deleting_a_contact_with_connections_keeps_the_connection_deletion_on_record(
    cast, client_for
):
    org = factories.organisation(cast.programme)
    person = factories.contact(org, "Somchai P.")
    link = Connection.objects.create(
        programme=cast.programme, from_user=cast.member, to_contact=person, kind="knows"
    )
    response = client_for(cast.member).post(f"/p/mekong/contacts/{person.pk}/delete/")
    assert response.status_code == 302
    gone = Change.objects.get(
        action="delete", object_id=str(link.pk), object_repr__contains="knows"
    )
    assert "Somchai P." in gone.object_repr


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2026-11-20", "20 Nov 2026"),
        ("2026-11-20T10:05:00+00:00", "20 Nov 2026 10:05"),
        ("2026-11-20T10:05:07.620977+00:00", "20 Nov 2026 10:05"),
        ("2026-13-40", "2026-13-40"),
        (
            {"ruleset": "gates-v1", "require_due_diligence": False},
            "ruleset: gates-v1; require due diligence: no",
        ),
        ({}, "(none)"),
        ("Plain words", "Plain words"),
    ],
)
def test_dates_and_settings_read_as_people_write_them(stored, shown):
    from partnerpath.audit.models import _readable

    assert _readable(stored) == shown

"""Deleting an organisation: the confirmation page lists everything that goes with it, counted;
a partnership partner or an organisation with incident notes is kept with the reason, on the page
before the click, in the web app and over the API; nothing answers 500 and every deletion is in
the history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from partnerpath.audit.models import Change
from partnerpath.diligence import services as diligence
from partnerpath.diligence.models import IncidentNote
from partnerpath.engagement.models import Connection
from partnerpath.registry.models import (
    Contact,
    KeyIndividual,
    Organisation,
    OrganisationLink,
    Policy,
    Source,
)
from tests import factories
from tests.partnerships.conftest import make_deal
from tests.screening.conftest import imported_lists, listed, screen  # noqa: F401

pytestmark = pytest.mark.django_db
P = "/p/mekong"


def _full_organisation(cast: Any) -> tuple[Any, Any]:
    """An organisation with two contacts, a key individual, a policy, a source, a link, a
    checklist and an interaction it shares with another organisation."""
    p = cast.programme
    org = factories.organisation(p, "Andaman Catch Co., Ltd.", hq_country="TH")
    other = factories.organisation(p, "Gulf Packers", hq_country="TH")
    first = factories.contact(org, "Anong S.")
    factories.contact(org, "Preecha W.")
    KeyIndividual.objects.create(programme=p, organisation=org, name="Somchai P.")
    Policy.objects.create(programme=p, organisation=org, kind="modern_slavery", year=2024)
    Source.objects.create(
        programme=p,
        organisation=org,
        title="Annual report",
        url="https://example.org/ar",
        accessed_on=dt.date(2026, 1, 5),
    )
    OrganisationLink.objects.create(
        programme=p, from_organisation=org, kind="parent_of", to_organisation=other
    )
    diligence.start_checklist(org, cast.owner)
    item = factories.interaction(p, [org, other], dt.date(2026, 1, 10))
    item.contacts.set([first])
    factories.interaction(p, [org], dt.date(2026, 2, 10), title="Only with Andaman")
    factories.connection(p, cast.member, first)
    return org, other


def _counts(response: Any) -> dict[str, int]:
    return {c.label: c.count for c in response.context["plan"].removed}


def test_the_confirmation_page_counts_everything_that_goes_with_it(cast, client_for):
    org, _ = _full_organisation(cast)
    response = client_for(cast.member).get(f"{P}/organisations/{org.pk}/delete/")
    assert response.status_code == 200
    counts = _counts(response)
    assert counts["Contacts"] == 2
    assert counts["Key individuals"] == 1
    assert counts["Policies"] == 1
    assert counts["Sources"] == 1
    assert counts["Organisation links"] == 1
    assert counts["Due-diligence checklists"] == 1
    assert counts["Connections"] == 1
    kept = {c.label: c.count for c in response.context["plan"].kept}
    assert kept["Interactions that list it: they stay, without it"] == 2
    assert kept["Interactions that list its contacts: they stay, without them"] == 1
    assert kept["Interactions with no other organisation: they stay, with none"] == 1
    page = response.content.decode()
    assert "Key individuals" in page and "Due-diligence checklists" in page
    assert "Delete Andaman" in page


def test_deleting_it_records_every_deletion_and_takes_it_off_interactions(cast, client_for):
    org, other = _full_organisation(cast)
    pk = org.pk
    response = client_for(cast.member).post(f"{P}/organisations/{pk}/delete/")
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=pk).exists()
    assert not Contact.objects.filter(organisation_id=pk).exists()
    deleted = set(
        Change.objects.filter(action="delete", actor=cast.member).values_list(
            "content_type__model", flat=True
        )
    )
    assert {"organisation", "contact", "keyindividual", "policy", "source"} <= deleted
    assert {"organisationlink", "checklist", "connection"} <= deleted
    removed = Change.objects.filter(
        content_type__model="interaction", action="update", actor=cast.member
    )
    assert {"organisations": {"removed": [pk]}} in [c.changes for c in removed]
    assert other.interactions.count() == 1


def test_a_partnership_partner_is_kept_and_the_page_names_the_partnership(cast, client_for):
    deal = make_deal(cast.programme, cast.owner, title="Fair recruitment corridor")
    org = deal.company.organisation
    client = client_for(cast.member)
    page = client.get(f"{P}/organisations/{org.pk}/delete/")
    assert page.status_code == 200
    assert "partner in partnership “Fair recruitment corridor”" in page.content.decode()
    assert not page.context["plan"].allowed
    assert 'type="submit">Delete' not in page.content.decode()
    response = client.post(f"{P}/organisations/{org.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert "partner in partnership “Fair recruitment corridor”" in response.content.decode()
    assert Organisation.objects.filter(pk=org.pk).exists()
    assert not Change.objects.filter(action="delete").exists()


def _incident(cast: Any, org: Any, **fields: Any) -> IncidentNote:
    return IncidentNote.objects.create(
        programme=cast.programme, organisation=org, title="Passports held by the agent", **fields
    )


def test_incident_notes_keep_the_organisation_and_a_member_without_the_right_is_told_to_ask(
    cast, client_for
):
    org = factories.organisation(cast.programme, "Andaman Catch Co., Ltd.")
    note = _incident(cast, org)
    client = client_for(cast.member)  # team members do not read incident notes by default
    page = client.get(f"{P}/organisations/{org.pk}/delete/").content.decode()
    assert "incident notes, which your role cannot read" in page
    assert "incident-notes right" in page and "Passports" not in page
    response = client.post(f"{P}/organisations/{org.pk}/delete/", follow=True)
    assert "incident-notes right" in response.content.decode()
    assert IncidentNote.objects.filter(pk=note.pk).exists()
    assert Organisation.objects.filter(pk=org.pk).exists()


def test_someone_who_reads_incident_notes_is_told_how_many_and_what_to_do(cast, client_for):
    org = factories.organisation(cast.programme, "Andaman Catch Co., Ltd.")
    _incident(cast, org)
    _incident(cast, org, status="closed")
    page = client_for(cast.owner).get(f"{P}/organisations/{org.pk}/delete/").content.decode()
    assert "It has 2 incident notes" in page and "Move each" in page


def test_an_incident_note_cannot_be_lost_to_a_delete_made_outside_the_page(cast):
    from django.db.models import RestrictedError

    org = factories.organisation(cast.programme)
    _incident(cast, org)
    with pytest.raises(RestrictedError):
        org.delete()
    assert IncidentNote.objects.filter(organisation=org).exists()


def test_deleting_a_contact_with_connections_works_and_names_them_in_the_history(cast, client_for):
    # Regression: a connection names its people; deleting a contact used to fail (500) when the
    # history read that name after the contact was gone.
    org = factories.organisation(cast.programme)
    person = factories.contact(org, "Anong S.")
    other = factories.contact(org, "Preecha W.")
    factories.connection(cast.programme, cast.member, person)
    factories.connection(cast.programme, person, other, kind="worked_with")
    response = client_for(cast.member).post(f"{P}/contacts/{person.pk}/delete/")
    assert response.status_code == 302
    assert not Connection.objects.exists()
    reprs = set(
        Change.objects.filter(action="delete", content_type__model="connection").values_list(
            "object_repr", flat=True
        )
    )
    assert reprs == {"member knows Anong S.", "Anong S. worked with Preecha W."}


def _referral(cast: Any) -> Any:
    from partnerpath.diligence.models import ReferralContact

    protocol = diligence.ensure_protocol(cast.programme)
    return ReferralContact.objects.create(
        programme=cast.programme, protocol=protocol, name="Labour hotline", phone="1546"
    )


def test_a_referral_contact_named_by_an_incident_note_is_kept_with_a_reason(cast, client_for):
    org = factories.organisation(cast.programme)
    referral = _referral(cast)
    note = _incident(cast, org, referred_to=referral)
    response = client_for(cast.member).post(
        f"{P}/diligence/protocol/contacts/{referral.pk}/delete/", follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Labour hotline was not removed" in page and "incident-notes right" in page
    assert "Passports" not in page  # the member may not read the note: it is not named
    note.refresh_from_db()
    assert note.referred_to_id == referral.pk


def test_a_referral_contact_no_note_names_is_removed(cast, client_for):
    referral = _referral(cast)
    response = client_for(cast.member).post(
        f"{P}/diligence/protocol/contacts/{referral.pk}/delete/"
    )
    assert response.status_code == 302
    assert Change.objects.filter(action="delete", content_type__model="referralcontact").exists()


def test_screening_hits_and_decisions_are_counted(
    cast,
    client_for,
    imported_lists,  # noqa: F811 (fixtures of the screening tests)
    listed,  # noqa: F811
    screen,  # noqa: F811
):
    from partnerpath.screening.decisions import decide

    screening = screen(listed.org)
    hits = list(screening.hits.all())
    on_director = next(h for h in hits if h.key_individual_id == listed.director.pk)
    on_company = next(h for h in hits if h.key_individual_id is None)
    decide(on_director, "true_match", "Same person, same date of birth.", cast.member)
    decide(on_company, "false_positive", "Another company.", cast.member)
    plan = client_for(cast.member).get(f"{P}/organisations/{listed.org.pk}/delete/").context["plan"]
    removed = {c.label: c.count for c in plan.removed}
    kept = {c.label: c.count for c in plan.kept}
    assert removed["Screening hits"] == len(hits)
    assert removed["Screening decisions"] == 1  # the director's, deleted with the director
    assert kept["Screening decisions: they stay, with “organisation” emptied"] == 1
    response = client_for(cast.member).post(f"{P}/organisations/{listed.org.pk}/delete/")
    assert response.status_code == 302
    from partnerpath.screening.models import Adjudication

    (left,) = Adjudication.objects.all()
    assert (left.decision, left.organisation_id) == ("false_positive", None)

"""Deleting an organisation over the API: 409 with the reason when a partnership names it or it
has incident notes; otherwise 204 with everything attached deleted and in the history."""

from __future__ import annotations

import pytest

from partnerpath.audit.models import Change
from partnerpath.diligence.models import IncidentNote
from partnerpath.registry.models import Contact, Organisation
from tests import factories
from tests.partnerships.conftest import make_deal

pytestmark = pytest.mark.django_db


def _incident(cast, org):
    return IncidentNote.objects.create(
        programme=cast.programme, organisation=org, title="Passports held by the agent"
    )


def test_the_api_answers_409_naming_the_partnership(cast, api_for):
    deal = make_deal(cast.programme, cast.owner, title="Fair recruitment corridor")
    response = api_for(cast.member).delete(f"/api/v1/organisations/{deal.company.organisation_id}/")
    assert response.status_code == 409
    assert "partner in partnership “Fair recruitment corridor”" in response.json()["detail"]
    assert Organisation.objects.filter(pk=deal.company.organisation_id).exists()


def test_the_api_answers_409_for_incident_notes_and_deletes_an_organisation_without(cast, api_for):
    kept = factories.organisation(cast.programme, "Andaman Catch Co., Ltd.")
    _incident(cast, kept)
    gone = factories.organisation(cast.programme, "Gulf Packers")
    factories.contact(gone)
    api = api_for(cast.member)
    response = api.delete(f"/api/v1/organisations/{kept.pk}/")
    assert response.status_code == 409 and "incident-notes right" in response.json()["detail"]
    assert api.delete(f"/api/v1/organisations/{gone.pk}/").status_code == 204
    assert not Contact.objects.filter(organisation_id=gone.pk).exists()
    assert Change.objects.filter(action="delete", content_type__model="contact").exists()


def test_replacing_the_protocol_contacts_keeps_one_an_incident_note_names_with_409(cast, api_for):
    from partnerpath.diligence import services as diligence
    from partnerpath.diligence.models import ReferralContact

    protocol = diligence.ensure_protocol(cast.programme)
    referral = ReferralContact.objects.create(
        programme=cast.programme, protocol=protocol, name="Labour hotline"
    )
    note = _incident(cast, factories.organisation(cast.programme))
    note.referred_to = referral
    note.save()
    response = api_for(cast.owner).patch(
        f"/api/v1/risk-protocols/{protocol.pk}/", {"contacts": []}, format="json"
    )
    assert response.status_code == 409
    assert "1 incident note" in response.json()["detail"]
    assert ReferralContact.objects.filter(pk=referral.pk).exists()

"""Company self-assessment links through the API: a member creates one (the answer gives the
private URL and its expiry) that the contact opens without an account, revokes it and it stops;
read-only roles never see the URL and get 403 on writes; outsiders get 404."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db

L = "/api/v1/self-assessment-links"


def _create(client: Any, org: Any, **extra: Any) -> Any:
    body = {"programme": "mekong", "organisation": org.pk, **extra}
    return client.post(f"{L}/", body, format="json")


def test_a_link_made_through_the_api_opens_the_form_until_it_is_revoked(cast, org, api_for, client):
    from partnerpath.assessments.models import SelfAssessmentInvite

    contact = factories.contact(org, "Anong P.")
    api = api_for(cast.member)
    created = _create(api, org, contact=contact.pk, days=7)
    assert created.status_code == 201
    body = created.json()
    link = SelfAssessmentInvite.objects.get(pk=body["id"])
    assert body["url"] == f"http://testserver/self-assessment/{link.token}/"
    assert (body["state"], body["contact"], body["organisation"]) == ("open", contact.pk, org.pk)
    expires = dt.datetime.fromisoformat(body["expires_at"])
    assert abs(expires - (timezone.now() + dt.timedelta(days=7))) < dt.timedelta(minutes=1)
    assert body["assessment"] == link.assessment.pk and link.created_by == cast.member

    path = urlsplit(body["url"]).path
    form = client.get(path)  # the contact, without an account
    assert form.status_code == 200 and org.name in form.content.decode()

    revoked = api.post(f"{L}/{link.pk}/revoke/")
    assert revoked.status_code == 200
    assert (revoked.json()["state"], revoked.json()["url"]) == ("revoked", None)
    assert client.get(path).status_code == 410
    again = api.post(f"{L}/{link.pk}/revoke/")
    assert again.status_code == 400
    assert again.json() == {"state": ["This link was revoked already."]}


def test_creating_and_revoking_are_in_the_history_under_the_api_user(cast, org, api_for):
    from django.contrib.contenttypes.models import ContentType

    from partnerpath.assessments.models import SelfAssessmentInvite
    from partnerpath.audit.models import Change

    api = api_for(cast.member)
    pk = _create(api, org).json()["id"]
    api.post(f"{L}/{pk}/revoke/")
    ct = ContentType.objects.get_for_model(SelfAssessmentInvite)
    changes = list(Change.objects.filter(content_type=ct, object_id=str(pk)).order_by("id"))
    assert [c.action for c in changes] == ["create", "update"]
    assert all(c.actor == cast.member for c in changes)
    assert "revoked_at" in changes[1].changes and "token" not in changes[0].changes


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"days": 0}, "days"),
        ({"days": 91}, "days"),
        ({"contact": "x"}, "contact"),
    ],
)
def test_wrong_input_is_a_400_on_its_field(cast, org, api_for, extra, field):
    response = _create(api_for(cast.member), org, **extra)
    assert response.status_code == 400 and field in response.json()


def test_a_contact_of_another_organisation_or_an_organisation_elsewhere_is_refused(
    cast, org, api_for
):
    api = api_for(cast.member)
    elsewhere = factories.organisation(cast.programme, name="Garment Co")
    stranger = factories.contact(elsewhere, "Somchai")
    response = _create(api, org, contact=stranger.pk)
    assert response.json() == {"contact": [f"Contact {stranger.pk} works at another organisation."]}
    theirs = factories.organisation(cast.other_programme, name="Other Co")
    response = api.post(f"{L}/", {"programme": "mekong", "organisation": theirs.pk}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "organisation": [f"No record with id {theirs.pk} in your programmes."]
    }


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
def test_read_only_roles_list_links_without_the_url_and_cannot_write(cast, org, api_for, role):
    pk = _create(api_for(cast.member), org).json()["id"]
    api = api_for(getattr(cast, role))
    listed = api.get(f"{L}/?organisation={org.pk}").json()
    assert listed["count"] == 1 and listed["results"][0]["url"] is None
    assert api.get(f"{L}/{pk}/").json()["url"] is None
    assert _create(api, org).status_code == 403
    assert api.post(f"{L}/{pk}/revoke/").status_code == 403


def test_an_outsider_sees_no_link_and_reaches_none(cast, org, api_for):
    pk = _create(api_for(cast.member), org).json()["id"]
    api = api_for(cast.outsider)
    assert api.get(f"{L}/").json()["count"] == 0
    assert api.get(f"{L}/{pk}/").status_code == 404
    assert api.post(f"{L}/{pk}/revoke/").status_code == 404
    assert _create(api, org).status_code == 400  # the programme is not theirs


def test_the_link_list_runs_the_same_queries_for_3_and_30(cast, org, api_for):
    from partnerpath.assessments import selfassess

    api = api_for(cast.member)

    def grow(n: int) -> None:
        for i in range(n):
            selfassess.invite(factories.organisation(cast.programme, name=f"C{n}-{i}"), cast.member)

    grow(3)
    with CaptureQueriesContext(connection) as small:
        assert api.get(f"{L}/").status_code == 200
    grow(27)
    with CaptureQueriesContext(connection) as large:
        assert api.get(f"{L}/").json()["count"] == 30
    assert len(large) == len(small)


def test_a_contact_who_left_the_organisation_is_refused_like_on_the_page(cast, org, api_for):
    from partnerpath.assessments.models import SelfAssessmentInvite

    gone = factories.contact(org, "Former Staff", is_active=False)
    response = _create(api_for(cast.member), org, contact=gone.pk)
    assert response.status_code == 400
    assert response.json() == {
        "contact": [f"Contact {gone.pk} no longer works at the organisation."]
    }
    assert not SelfAssessmentInvite.objects.exists()

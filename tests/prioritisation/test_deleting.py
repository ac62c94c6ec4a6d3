"""Deleting opportunities keeps scores on record: one put in a round (scored or not) or one a
partnership grew from is refused with the reason, in the service, the model (PROTECT, so the
Django admin refuses too) and the API; one never put in a round is deleted, on record."""

from __future__ import annotations

import pytest
from django.db.models import ProtectedError

from tests.prioritisation.conftest import fill, opportunity, sheet

pytestmark = pytest.mark.django_db


def test_the_model_protects_an_opportunity_in_a_round_and_its_scores(cast, round_, opps):
    from partnerpath.prioritisation.models import Score

    fill(sheet(round_, cast.member), opps[0], 4)
    for opp in opps[:2]:  # scored; in scope but not scored yet
        with pytest.raises(ProtectedError):
            opp.delete()
    assert Score.objects.filter(opportunity=opps[0]).count() == 15
    assert round_.opportunities.count() == 3


def test_the_service_says_which_rounds_hold_the_opportunity(cast, round_, opps):
    from partnerpath.prioritisation.models import Opportunity
    from partnerpath.prioritisation.services import opportunities

    with pytest.raises(opportunities.InUse, match=r"in the round\(s\) “Donor”.*Drop or park"):
        opportunities.delete_opportunity(opps[1])
    assert Opportunity.objects.filter(pk=opps[1].pk).exists()


def test_an_opportunity_a_partnership_grew_from_is_not_deleted(cast):
    from partnerpath.partnerships.services.partners import start_from_opportunity
    from partnerpath.prioritisation.services import opportunities

    chosen = opportunity(cast.programme, "Chosen", status="selected", status_reason="Donor pick")
    start_from_opportunity(chosen, cast.owner)
    with pytest.raises(opportunities.InUse, match="A partnership grew from “Chosen”"):
        opportunities.delete_opportunity(chosen)


def test_an_opportunity_never_put_in_a_round_is_deleted_with_its_history(cast):
    from partnerpath.audit.context import acting_as
    from partnerpath.audit.models import Change
    from partnerpath.prioritisation.models import Opportunity
    from partnerpath.prioritisation.services import opportunities

    idea = opportunity(cast.programme, "Loose idea")
    pk = idea.pk
    with acting_as(cast.member):
        opportunities.delete_opportunity(idea)
    assert not Opportunity.objects.filter(pk=pk).exists()
    deleted = Change.objects.get(object_id=str(pk), object_repr="Loose idea", action="delete")
    assert deleted.actor == cast.member


def test_the_admin_refuses_to_delete_an_opportunity_in_a_round(cast, round_, opps, client):
    from partnerpath.accounts.models import User
    from partnerpath.prioritisation.models import Opportunity

    operator = User.objects.create_superuser("operator", "op@example.org", "pw-operator-secret")
    client.force_login(operator)
    url = f"/admin/prioritisation/opportunity/{opps[0].pk}/delete/"
    page = client.get(url)
    assert page.status_code == 200 and "protected related objects" in page.content.decode()
    client.post(url, {"post": "yes"})
    assert Opportunity.objects.filter(pk=opps[0].pk).exists()


def test_the_scope_of_a_round_is_still_recorded_in_its_history(cast, round_, opps):
    from partnerpath.audit.services import history_of

    created = history_of(round_).filter(changes__has_key="opportunities").get()
    assert sorted(created.changes["opportunities"]["added"]) == sorted(o.pk for o in opps)

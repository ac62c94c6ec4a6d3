"""A partnership's meeting is also an entry of the engagement log: the log keeps it (deleting it
would erase the meeting and its decisions), and an action item ticked or reopened on either page,
or over the API, goes on the partnership's timeline exactly once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from partnerpath.engagement import services as engagement
from partnerpath.engagement.models import FollowUp, Interaction
from partnerpath.partnerships.models import Decision, Meeting, TimelineEvent
from partnerpath.partnerships.services import trust
from tests import factories

pytestmark = pytest.mark.django_db

P = "/p/mekong/partnerships"
LOG = "/p/mekong/interactions"


def meeting_of(deal: Any) -> Meeting:
    """A meeting of the deal with one decision and one open action item."""
    return trust.record_meeting(
        deal.partnership,
        title="Steering call",
        occurred_on=dt.date(2025, 5, 6),
        organisations=[deal.company.organisation],
        decisions=["Meet monthly"],
        actions=[trust.ActionItem("Send the minutes")],
    )


def ticks(deal: Any) -> list[str]:
    """The summaries of the timeline's entries for ticked or reopened action items."""
    return list(
        TimelineEvent.objects.filter(partnership=deal.partnership, kind="action")
        .exclude(summary__startswith="Action item from")
        .order_by("id")
        .values_list("summary", flat=True)
    )


def test_the_log_keeps_a_partnership_meeting_and_points_to_the_partnership(cast, deal, client_for):
    meeting = meeting_of(deal)
    pk = meeting.interaction_id
    client = client_for(cast.member)

    asked = client.get(f"{LOG}/{pk}/delete/", follow=True)
    posted = client.post(f"{LOG}/{pk}/delete/", follow=True)

    for response in (asked, posted):
        assert response.redirect_chain == [(f"{LOG}/{pk}/", 302)]
        text = response.content.decode()
        assert "is a meeting of the partnership “Fair recruitment corridor”" in text
        assert f'href="{P}/{deal.partnership.pk}/meetings/{meeting.pk}/"' in text
        assert f'href="{LOG}/{pk}/delete/"' not in text
    assert Interaction.objects.filter(pk=pk).exists() and Meeting.objects.filter(pk=meeting.pk)
    assert Decision.objects.filter(meeting=meeting).count() == 1
    with pytest.raises(engagement.InteractionKept):
        engagement.delete_interaction(meeting.interaction)
    assert client_for(cast.outsider).post(f"{LOG}/{pk}/delete/").status_code == 404


def test_the_log_still_deletes_an_interaction_that_is_no_meeting(cast, client_for):
    item = Interaction.objects.create(
        programme=cast.programme, occurred_on=dt.date(2025, 5, 6), title="Call"
    )
    item.organisations.add(factories.organisation(cast.programme))
    client = client_for(cast.member)
    assert f'href="{LOG}/{item.pk}/delete/"' in client.get(f"{LOG}/{item.pk}/").content.decode()
    response = client.post(f"{LOG}/{item.pk}/delete/")
    assert response.status_code == 302 and not Interaction.objects.filter(pk=item.pk).exists()


def test_ticking_on_the_meeting_page_writes_one_entry(cast, deal, client_for):
    meeting = meeting_of(deal)
    action = FollowUp.objects.get(interaction=meeting.interaction)
    url = f"{P}/{deal.partnership.pk}/meetings/{meeting.pk}/"
    client = client_for(cast.member)
    client.post(url, {"op": "done", "follow_up": action.pk, "done": "1"})
    client.post(url, {"op": "done", "follow_up": action.pk, "done": "1"})
    assert ticks(deal) == ["Action item done: Send the minutes"]
    client.post(url, {"op": "done", "follow_up": action.pk, "done": "0"})
    assert ticks(deal)[1:] == ["Action item reopened: Send the minutes"]


def test_ticking_in_the_engagement_log_writes_one_entry(cast, deal, client_for):
    meeting = meeting_of(deal)
    action = FollowUp.objects.get(interaction=meeting.interaction)
    url = f"/p/mekong/follow-ups/{action.pk}/done/"
    client = client_for(cast.member)
    client.post(url, {"done": "1"})
    client.post(url, {"done": "1"})
    action.refresh_from_db()
    assert action.is_done
    assert ticks(deal) == ["Action item done: Send the minutes"]
    client.post(url, {"done": "0"})
    assert ticks(deal)[1:] == ["Action item reopened: Send the minutes"]


def test_ticking_in_the_interaction_form_writes_one_entry(cast, deal, client_for):
    meeting = meeting_of(deal)
    action = FollowUp.objects.get(interaction=meeting.interaction)
    interaction = meeting.interaction
    form = {
        "kind": interaction.kind,
        "occurred_on": "2025-05-06",
        "title": interaction.title,
        "organisations": [deal.company.organisation.pk],
        "followups-TOTAL_FORMS": "1",
        "followups-INITIAL_FORMS": "1",
        "followups-0-id": action.pk,
        "followups-0-description": action.description,
        "followups-0-done_on": "2025-05-20",
    }
    client = client_for(cast.member)
    response = client.post(f"{LOG}/{interaction.pk}/edit/", form)
    assert response.status_code == 302
    client.post(f"{LOG}/{interaction.pk}/edit/", {**form, "followups-0-done_on": "2025-05-21"})
    assert ticks(deal) == ["Action item done: Send the minutes"]


def test_ticking_over_the_api_writes_one_entry(cast, deal):
    meeting = meeting_of(deal)
    action = FollowUp.objects.get(interaction=meeting.interaction)
    api = APIClient()
    api.force_authenticate(cast.member)
    url = f"/api/v1/follow-ups/{action.pk}/"
    assert api.patch(url, {"done_on": "2025-05-20"}, format="json").status_code == 200
    assert api.patch(url, {"description": "Send the notes"}, format="json").status_code == 200
    assert ticks(deal) == ["Action item done: Send the minutes"]


def test_ticking_a_follow_up_of_an_ordinary_interaction_writes_no_entry(cast, deal):
    item = Interaction.objects.create(
        programme=cast.programme, occurred_on=dt.date(2025, 5, 6), title="Call"
    )
    follow_up = FollowUp.objects.create(
        programme=cast.programme, interaction=item, description="Call back"
    )
    before = TimelineEvent.objects.count()
    engagement.set_follow_up_done(follow_up, True)
    assert TimelineEvent.objects.count() == before


def test_the_api_keeps_a_partnership_meeting_but_deletes_other_interactions(cast, deal):
    meeting = meeting_of(deal)
    api = APIClient()
    api.force_authenticate(cast.member)
    kept = api.delete(f"/api/v1/interactions/{meeting.interaction_id}/")
    assert kept.status_code == 409
    assert "is a meeting of the partnership" in kept.json()["detail"]
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    item = Interaction.objects.create(
        programme=cast.programme, occurred_on=dt.date(2025, 5, 6), title="Call"
    )
    assert api.delete(f"/api/v1/interactions/{item.pk}/").status_code == 204
    assert not Interaction.objects.filter(pk=item.pk).exists()


def test_changing_the_kind_in_the_log_keeps_the_workshop_flag_in_step(cast, deal):
    from rest_framework.authtoken.models import Token

    workshop = trust.record_meeting(
        deal.partnership,
        title="Co-creation workshop 1",
        occurred_on=dt.date(2025, 5, 6),
        is_workshop=True,
        organisations=[deal.company.organisation],
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=cast.member).key}")
    url = f"/api/v1/interactions/{workshop.interaction_id}/"
    assert api.patch(url, {"kind": "call"}, format="json").status_code == 200
    workshop.refresh_from_db()
    assert not workshop.is_workshop
    entry = TimelineEvent.objects.filter(partnership=deal.partnership, kind="meeting").latest("id")
    assert entry.summary == (
        "“Co-creation workshop 1” is now a call, no longer a co-creation workshop. "
        "Changed in the engagement log."
    )
    assert entry.actor_label == "member"
    assert api.patch(url, {"kind": "workshop"}, format="json").status_code == 200
    workshop.refresh_from_db()
    assert workshop.is_workshop
    before = TimelineEvent.objects.filter(partnership=deal.partnership).count()
    assert api.patch(url, {"title": "Workshop 1"}, format="json").status_code == 200
    assert TimelineEvent.objects.filter(partnership=deal.partnership).count() == before

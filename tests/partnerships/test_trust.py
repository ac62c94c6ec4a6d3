"""Trust work: concerns, fears and deal-breakers (settled with a reason, flagged on every page),
internal buy-in at company partners, and meetings that are entries of the engagement log with
their decisions and action items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerpath.audit.models import Change
from partnerpath.engagement.models import FollowUp, Interaction
from partnerpath.partnerships.models import BuyIn, Concern, Decision, Meeting, TimelineEvent
from partnerpath.partnerships.services import trust
from tests.factories import contact

pytestmark = pytest.mark.django_db

P = "/p/mekong/partnerships"


def concern(deal: Any, title: str = "Supplier names", **fields: Any) -> Concern:
    """A concern raised through the service."""
    fields.setdefault("category", "reputation")
    return trust.raise_concern(deal.partnership, Concern(title=title, **fields))


def events(deal: Any, kind: str) -> list[TimelineEvent]:
    """The partnership's timeline entries of one kind, oldest first."""
    return list(
        TimelineEvent.objects.filter(partnership=deal.partnership, kind=kind).order_by("id")
    )


# Concerns, fears and deal-breakers


def test_resolving_a_deal_breaker_needs_a_resolution(cast, deal, client_for):
    item = concern(deal, raised_by=deal.company, is_deal_breaker=True)
    url = f"{P}/{deal.partnership.pk}/concerns/{item.pk}/"
    data = {"raised_by": deal.company.pk, "title": item.title, "category": "reputation"}
    data.update(severity="high", is_deal_breaker="on", status="resolved", resolution=" ")
    client = client_for(cast.member)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Say how it was resolved" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "open"

    data["resolution"] = "Suppliers are named in aggregate only."
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.status == "resolved" and item.resolved_on == timezone.localdate()
    entry = events(deal, "concern")[-1]
    assert entry.flagged
    assert entry.summary == (
        "Deal-breaker “Supplier names” resolved: Suppliers are named in aggregate only."
    )
    change = Change.objects.filter(object_id=str(item.pk), action="update").latest("id")
    assert change.reason == "Suppliers are named in aggregate only."


def test_reopening_a_concern_clears_its_date_and_keeps_the_reason(cast, deal):
    item = concern(deal, status="accepted", resolution="Both can live with it.")
    assert item.resolved_on == timezone.localdate()
    item.status = "open"
    trust.update_concern(item, "The company changed its mind.")
    item.refresh_from_db()
    assert item.resolved_on is None
    assert events(deal, "concern")[-1].summary == (
        "Concern “Supplier names” reopened. The company changed its mind."
    )
    change = Change.objects.filter(object_id=str(item.pk), action="update").latest("id")
    assert change.reason == "The company changed its mind."


def test_saving_a_concern_unchanged_leaves_the_timeline_alone(cast, deal):
    item = concern(deal)
    before = len(events(deal, "concern"))
    trust.update_concern(Concern.objects.get(pk=item.pk))
    assert len(events(deal, "concern")) == before


def test_raising_a_deal_breaker_flags_every_partnership_page(cast, deal, client_for):
    meeting = trust.record_meeting(
        deal.partnership,
        title="Kick-off",
        occurred_on=dt.date(2025, 3, 4),
        organisations=[deal.company.organisation],
    )
    first = concern(deal, title="Timeline of audits")
    pk = deal.partnership.pk
    pages = [
        f"{P}/{pk}/concerns/",
        f"{P}/{pk}/concerns/{first.pk}/",
        f"{P}/{pk}/buy-in/",
        f"{P}/{pk}/meetings/",
        f"{P}/{pk}/meetings/new/",
        f"{P}/{pk}/meetings/{meeting.pk}/",
    ]
    client = client_for(cast.member)
    assert all('id="deal-breaker-flag"' not in client.get(url).content.decode() for url in pages)

    response = client.post(
        f"{P}/{pk}/concerns/",
        {
            "raised_by": deal.company.pk,
            "title": "No naming of suppliers",
            "category": "reputation",
            "severity": "high",
            "is_deal_breaker": "on",
        },
    )
    assert response.status_code == 302
    for url in pages:
        page = client.get(url).content.decode()
        assert 'id="deal-breaker-flag"' in page and "No naming of suppliers" in page, url
    entry = events(deal, "concern")[-1]
    assert entry.flagged
    assert entry.summary == (
        f"Deal-breaker raised by {deal.company.organisation}: No naming of suppliers"
    )


def test_a_concern_from_another_partnerships_partner_is_refused(cast, deal, other_deal, client_for):
    from tests.partnerships.conftest import make_deal

    second = make_deal(cast.programme, cast.owner, "Second corridor")
    response = client_for(cast.member).post(
        f"{P}/{deal.partnership.pk}/concerns/",
        {"raised_by": second.company.pk, "title": "Cost", "category": "resources"},
    )
    assert response.status_code == 200
    assert "Choose a partner of this partnership" in response.content.decode()
    assert not Concern.objects.exists()
    with pytest.raises(ValidationError):
        concern(deal, raised_by=second.company)


def test_the_list_shows_unsettled_and_deal_breakers_first_and_filters_by_status(
    cast, deal, client_for
):
    concern(deal, title="Low worry", severity="low")
    concern(deal, title="Settled worry", status="resolved", resolution="Done.")
    concern(deal, title="Big worry", severity="high")
    concern(deal, title="The deal-breaker", severity="low", is_deal_breaker=True)
    titles = [c.title for c in trust.concerns_of(deal.partnership)]
    assert titles == ["The deal-breaker", "Big worry", "Low worry", "Settled worry"]

    client = client_for(cast.viewer)
    page = client.get(f"{P}/{deal.partnership.pk}/concerns/?status=resolved").content.decode()
    assert "Settled worry" in page and "Big worry" not in page
    page = client.get(f"{P}/{deal.partnership.pk}/concerns/").content.decode()
    assert "Record a concern" not in page and "/concerns/1" not in page


# Internal buy-in


def grid_data(deal: Any, **rows: tuple[str, Any, str]) -> dict[str, Any]:
    """A POST of the company partner's buy-in grid; departments not named are not engaged."""
    prefix = f"partner-{deal.company.pk}"
    data: dict[str, Any] = {"partner": deal.company.pk}
    for department in ("legal", "sourcing", "sustainability", "hr", "senior_leadership"):
        stance, champion, notes = rows.get(department, ("not_engaged", "", ""))
        data[f"{prefix}-{department}_stance"] = stance
        data[f"{prefix}-{department}_champion"] = champion.pk if champion else ""
        data[f"{prefix}-{department}_notes"] = notes
    return data


def test_buy_in_champion_must_work_at_the_partner(cast, deal, client_for):
    url = f"{P}/{deal.partnership.pk}/buy-in/"
    data = grid_data(deal, legal=("supportive", deal.ngo_contact, ""))
    response = client_for(cast.member).post(url, data)
    assert response.status_code == 200
    assert f"Choose a contact at {deal.company.organisation}" in response.content.decode()
    assert not BuyIn.objects.exists()
    wrong = trust.BuyInRow("legal", "supportive", deal.ngo_contact)
    with pytest.raises(ValidationError):
        trust.save_buy_in(deal.company, [wrong])


def test_saving_the_grid_records_only_the_departments_that_changed(cast, deal, client_for):
    url = f"{P}/{deal.partnership.pk}/buy-in/"
    client = client_for(cast.member)
    data = grid_data(
        deal,
        sustainability=("supportive", deal.company_contact, "Sponsors the pilot"),
        legal=("opposed", None, "Worried about liability"),
    )
    assert client.post(url, data).status_code == 302
    assert [e.summary for e in events(deal, "buy_in")] == [
        f"{deal.company.organisation}: Legal Opposed (was not engaged); notes updated.",
        f"{deal.company.organisation}: Sustainability / CSR Supportive (was not engaged); "
        "champion Somchai P., notes updated.",
    ]
    data[f"partner-{deal.company.pk}-hr_stance"] = "informed"
    assert client.post(url, data).status_code == 302
    assert len(events(deal, "buy_in")) == 3
    assert BuyIn.objects.filter(partner=deal.company).count() == 3
    page = client_for(cast.viewer).get(url).content.decode()
    assert "1 of 5 departments supportive; Legal opposed" in page


def test_a_non_company_partner_has_no_buy_in_grid(cast, deal, client_for):
    data = grid_data(deal, legal=("supportive", None, ""))
    data["partner"] = deal.ngo.pk
    response = client_for(cast.member).post(f"{P}/{deal.partnership.pk}/buy-in/", data)
    assert response.status_code == 302
    assert not BuyIn.objects.exists()


# Meetings and co-creation workshops


def test_a_meeting_appears_in_the_engagement_log_with_its_action_items(cast, deal, client_for):
    client = client_for(cast.member)
    pk = deal.partnership.pk
    response = client.post(
        f"{P}/{pk}/meetings/new/",
        {
            "kind": "workshop",
            "occurred_on": "2025-03-04",
            "title": "Co-creation workshop 1",
            "summary": "Mapped the recruitment corridor.",
            "organisations": [deal.company.organisation.pk, deal.ngo.organisation.pk],
            "contacts": [deal.company_contact.pk],
            "team": [cast.member.pk],
            "decisions": "Pilot in two factories\n\nEmployer pays all recruitment fees\n",
            "actions-TOTAL_FORMS": "3",
            "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Draft the pilot plan",
            "actions-0-owner": cast.member.pk,
            "actions-0-due_on": "2025-04-01",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{P}/{pk}/meetings/{meeting.pk}/"
    interaction = meeting.interaction
    assert meeting.is_workshop and interaction.kind == "workshop"
    assert set(interaction.organisations.all()) == {
        deal.company.organisation,
        deal.ngo.organisation,
    }
    assert list(interaction.contacts.all()) == [deal.company_contact]
    assert [d.text for d in Decision.objects.filter(meeting=meeting)] == [
        "Pilot in two factories",
        "Employer pays all recruitment fees",
    ]
    action = FollowUp.objects.get(interaction=interaction)
    assert action.owner == cast.member and action.due_on == dt.date(2025, 4, 1)

    log = client.get(f"/p/mekong/interactions/{interaction.pk}/").content.decode()
    assert "Co-creation workshop 1" in log and "Draft the pilot plan" in log
    assert "Draft the pilot plan" in client.get("/p/mekong/").content.decode()
    detail = client.get(f"{P}/{pk}/meetings/{meeting.pk}/").content.decode()
    assert f'href="/p/mekong/interactions/{interaction.pk}/"' in detail
    entries = TimelineEvent.objects.filter(
        partnership=deal.partnership, kind__in=["meeting", "decision", "action"]
    )
    assert [e.kind for e in entries] == ["action", "decision", "decision", "meeting"]
    # Dated on the day of the workshop, not when it was entered; the entry time is kept.
    assert {timezone.localtime(e.at).date() for e in entries} == {dt.date(2025, 3, 4)}
    assert all(e.recorded_at > e.at for e in entries)


def test_contacts_must_come_with_their_organisation(cast, deal, client_for):
    response = client_for(cast.member).post(
        f"{P}/{deal.partnership.pk}/meetings/new/",
        {
            "kind": "meeting",
            "occurred_on": "2025-03-04",
            "title": "Call",
            "organisations": [deal.company.organisation.pk],
            "contacts": [deal.ngo_contact.pk],
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Also choose their organisation" in response.content.decode()
    assert not Interaction.objects.exists()


def test_an_editor_adds_decisions_and_actions_later_and_ticks_them_off(cast, deal, client_for):
    meeting = trust.record_meeting(
        deal.partnership,
        title="Monthly call",
        occurred_on=dt.date(2025, 5, 6),
        organisations=[deal.company.organisation],
    )
    url = f"{P}/{deal.partnership.pk}/meetings/{meeting.pk}/"
    client = client_for(cast.member)
    client.post(url, {"op": "decisions", "decisions-decisions": "Meet monthly"})
    client.post(
        url,
        {
            "op": "actions",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Share the audit results",
            "actions-0-owner": cast.owner.pk,
        },
    )
    action = FollowUp.objects.get(interaction=meeting.interaction)
    assert action.owner == cast.owner
    assert Decision.objects.get(meeting=meeting).text == "Meet monthly"

    row = client.post(
        url, {"op": "done", "follow_up": action.pk, "done": "1"}, HTTP_HX_REQUEST="true"
    )
    assert row.status_code == 200
    assert row.content.decode().strip().startswith(f'<tr id="action-{action.pk}"')
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()
    assert events(deal, "action")[-1].summary == "Action item done: Share the audit results"


def test_an_action_item_of_another_meeting_cannot_be_ticked_here(cast, deal, client_for):
    one, two = (
        trust.record_meeting(
            deal.partnership,
            title=title,
            occurred_on=dt.date(2025, 5, 6),
            organisations=[deal.company.organisation],
            actions=[trust.ActionItem("Send minutes")],
        )
        for title in ("One", "Two")
    )
    stray = FollowUp.objects.get(interaction=two.interaction)
    url = f"{P}/{deal.partnership.pk}/meetings/{one.pk}/"
    response = client_for(cast.member).post(url, {"op": "done", "follow_up": stray.pk, "done": "1"})
    assert response.status_code == 404


def test_owners_of_action_items_are_programme_members(cast, deal, client_for):
    meeting = trust.record_meeting(
        deal.partnership,
        title="Call",
        occurred_on=dt.date(2025, 5, 6),
        organisations=[deal.company.organisation],
    )
    response = client_for(cast.member).post(
        f"{P}/{deal.partnership.pk}/meetings/{meeting.pk}/",
        {
            "op": "actions",
            "actions-TOTAL_FORMS": "1",
            "actions-INITIAL_FORMS": "0",
            "actions-0-description": "Call the donor",
            "actions-0-owner": cast.outsider.pk,
        },
    )
    assert response.status_code == 200
    assert "Choose a member of this programme" in response.content.decode()
    assert not FollowUp.objects.exists()


# Lists read in a constant number of queries


def add_rows(deal: Any, n: int) -> None:
    """``n`` more concerns and meetings, each meeting with a decision and an action item."""
    start = Concern.objects.count() + Meeting.objects.count()
    for i in range(start, start + n):
        person = contact(deal.ngo.organisation, f"Person {i}")
        concern(deal, title=f"Worry {i}", raised_by=deal.ngo, is_deal_breaker=i % 2 == 0)
        trust.record_meeting(
            deal.partnership,
            title=f"Meeting {i}",
            occurred_on=dt.date(2025, 1, 1) + dt.timedelta(days=i),
            organisations=[deal.ngo.organisation, deal.company.organisation],
            contacts=[person],
            decisions=[f"Decision {i}"],
            actions=[trust.ActionItem(f"Action {i}")],
        )


@pytest.mark.parametrize("page", ["concerns", "meetings"])
def test_the_lists_read_in_a_constant_number_of_queries(cast, deal, client_for, page):
    client = client_for(cast.member)
    url = f"{P}/{deal.partnership.pk}/{page}/"
    add_rows(deal, 1)
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_rows(deal, 6)
    with CaptureQueriesContext(connection) as many:
        page_text = client.get(url).content.decode()
    assert "Worry 6" in page_text or "Meeting 6" in page_text
    assert len(many) == len(few)


@pytest.mark.parametrize(
    ("resolved_on", "error"),
    [
        ("tomorrow", "not a future date"),
        ("before", "It cannot be settled before it was raised"),
    ],
)
def test_a_concern_cannot_be_settled_in_the_future_or_before_it_was_raised(
    cast, deal, client_for, resolved_on, error
):
    item = concern(deal)
    Concern.objects.filter(pk=item.pk).update(raised_on=dt.date(2025, 3, 1))
    day = {
        "tomorrow": timezone.localdate() + dt.timedelta(days=1),
        "before": dt.date(2025, 2, 1),
    }[resolved_on]
    data = {"title": item.title, "category": "reputation", "severity": "medium"}
    data.update(status="resolved", resolution="Settled.", resolved_on=day.isoformat())
    response = client_for(cast.member).post(f"{P}/{deal.partnership.pk}/concerns/{item.pk}/", data)
    assert response.status_code == 200 and error in response.content.decode()
    item.refresh_from_db()
    assert item.status == "open" and item.resolved_on is None


def test_the_api_refuses_a_concern_settled_in_the_future(cast, deal):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    item = concern(deal)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=cast.member).key}")
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    body = {"status": "resolved", "resolution": "Done.", "resolved_on": tomorrow}
    response = api.patch(f"/api/v1/concerns/{item.pk}/", body, format="json")
    assert response.status_code == 400 and "resolved_on" in response.json()
    raised = {"partnership": deal.partnership.pk, "title": "Later", "category": "risk"}
    raised |= {"programme": "mekong", "raised_on": tomorrow}
    assert api.post("/api/v1/concerns/", raised, format="json").status_code == 400
    item.refresh_from_db()
    assert item.status == "open"


def test_decisions_and_actions_added_later_are_dated_on_the_meeting_day(cast, deal, client_for):
    meeting = trust.record_meeting(
        deal.partnership,
        title="Kick-off",
        occurred_on=dt.date(2025, 3, 4),
        organisations=[deal.company.organisation],
    )
    url = f"{P}/{deal.partnership.pk}/meetings/{meeting.pk}/"
    client = client_for(cast.member)
    client.post(url, {"op": "decisions", "decisions-decisions": "Audit two plants first"})
    added = TimelineEvent.objects.get(partnership=deal.partnership, kind="decision")
    assert timezone.localtime(added.at).date() == dt.date(2025, 3, 4)
    assert timezone.localdate(added.recorded_at) == timezone.localdate()
    page = client.get(f"{P}/{deal.partnership.pk}/timeline/").content.decode()
    row = page.split("Audit two plants first")[1].split("</tr>")[0]
    today = timezone.localdate()
    assert ">member<" in row and f"entered {today.day} {today:%b %Y}" in row
    start = page.split("Audit two plants first")[0].rsplit("<tr", 1)[1]
    assert ">4 Mar 2025 <span" in start  # when it happened: the day, with the time set apart


def test_a_meeting_in_the_future_is_refused_like_any_interaction(cast, deal, client_for):
    from partnerpath.engagement.services import today

    later = today() + dt.timedelta(days=10)
    response = client_for(cast.member).post(
        f"{P}/{deal.partnership.pk}/meetings/new/",
        {
            "kind": "workshop",
            "occurred_on": later.isoformat(),
            "title": "Planned workshop",
            "organisations": [deal.company.organisation.pk],
            "actions-TOTAL_FORMS": "0",
            "actions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "is in the future" in response.content.decode()
    assert not Meeting.objects.exists()

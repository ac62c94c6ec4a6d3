"""The engagement log, follow-ups, dashboard check-ins, connections and warm introductions."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerpath.engagement.models import Connection, FollowUp, Interaction
from partnerpath.engagement.services import today
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_member_logs_an_interaction_with_participants_and_follow_ups(cast, client_for):
    org = factories.organisation(cast.programme)
    person = factories.contact(org)
    response = client_for(cast.member).post(
        "/p/mekong/interactions/new/",
        {
            "kind": "meeting",
            "occurred_on": "2026-03-04",
            "title": "First visit",
            "summary": "Listened first.",
            "organisations": [org.pk],
            "contacts": [person.pk],
            "team": [cast.member.pk, cast.owner.pk],
            "followups-TOTAL_FORMS": "2",
            "followups-INITIAL_FORMS": "0",
            "followups-0-description": "Send the grievance-mechanism note",
            "followups-0-owner": cast.member.pk,
            "followups-0-due_on": "2026-03-20",
            "followups-1-description": "",
        },
    )
    assert response.status_code == 302
    item = Interaction.objects.get()
    assert item.programme == cast.programme and item.created_by == cast.member
    assert list(item.team.order_by("username")) == [cast.member, cast.owner]
    follow = FollowUp.objects.get()
    assert follow.owner == cast.member and follow.programme == cast.programme


def test_the_interaction_form_refuses_organisations_of_another_programme(cast, client_for):
    foreign = factories.organisation(cast.other_programme, name="Foreign")
    response = client_for(cast.member).post(
        "/p/mekong/interactions/new/",
        {
            "kind": "call",
            "occurred_on": "2026-03-04",
            "title": "x",
            "organisations": [foreign.pk],
            "followups-TOTAL_FORMS": "0",
            "followups-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Interaction.objects.exists()


def test_the_dashboard_lists_due_checkins_open_follow_ups_and_stale_organisations(cast, client_for):
    now = today()
    overdue = factories.organisation(cast.programme, name="Overdue Co")
    factories.interaction(cast.programme, [overdue], now - dt.timedelta(days=200))
    fine = factories.organisation(cast.programme, name="Fine Co")
    item = factories.interaction(cast.programme, [fine], now - dt.timedelta(days=5))
    factories.follow_up(
        item, "Send MoU draft", due_on=now - dt.timedelta(days=1), owner=cast.member
    )
    factories.follow_up(item, "Already done", done_on=now)
    factories.organisation(cast.programme, name="Never Co")
    factories.organisation(cast.programme, name="Inactive Co", is_active=False)
    board = client_for(cast.viewer).get("/p/mekong/").context["board"]
    assert [d.organisation.name for d in board.due_checkins] == ["Overdue Co", "Never Co"]
    assert [f.description for f in board.open_follow_ups] == ["Send MoU draft"]
    assert {o.name for o, _ in board.stale} == {"Overdue Co", "Never Co"}


def test_the_stale_threshold_can_be_changed_on_the_dashboard(cast, client_for):
    org = factories.organisation(cast.programme, name="Quiet Co")
    factories.interaction(cast.programme, [org], today() - dt.timedelta(days=40))
    client = client_for(cast.viewer)
    assert client.get("/p/mekong/").context["board"].stale == []
    assert [o.name for o, _ in client.get("/p/mekong/?stale_after=30").context["board"].stale] == [
        "Quiet Co"
    ]


def test_an_organisations_own_cadence_overrides_the_default(cast, client_for):
    org = factories.organisation(cast.programme, name="Close Partner", checkin_every_days=14)
    factories.interaction(cast.programme, [org], today() - dt.timedelta(days=20))
    board = client_for(cast.viewer).get("/p/mekong/").context["board"]
    assert board.due_checkins[0].checkin.days_overdue == 6


def test_ticking_a_follow_up_with_htmx_returns_just_the_row(cast, client_for):
    org = factories.organisation(cast.programme)
    follow = factories.follow_up(factories.interaction(cast.programme, [org], today()), "Call back")
    response = client_for(cast.member).post(
        f"/p/mekong/follow-ups/{follow.pk}/done/", {"done": "1"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert (
        response.status_code == 200
        and f'id="follow-up-{follow.pk}"' in body
        and "<html" not in body
    )
    follow.refresh_from_db()
    assert follow.done_on == today()


def test_a_follow_up_toggle_never_redirects_off_site(cast, client_for):
    org = factories.organisation(cast.programme)
    follow = factories.follow_up(factories.interaction(cast.programme, [org], today()))
    response = client_for(cast.member).post(
        f"/p/mekong/follow-ups/{follow.pk}/done/", {"done": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/p/mekong/"


def test_connections_give_warm_introductions_on_the_organisation_page(cast, client_for):
    target_org = factories.organisation(cast.programme, name="Target Co")
    target = factories.contact(target_org, name="Ms Target")
    bridge = factories.contact(
        factories.organisation(cast.programme, name="Bridge NGO", kind="ngo"), name="Mr Bridge"
    )
    client = client_for(cast.member)
    for a, b in (
        (f"user:{cast.member.pk}", f"contact:{bridge.pk}"),
        (f"contact:{bridge.pk}", f"contact:{target.pk}"),
    ):
        assert (
            client.post(
                "/p/mekong/connections/", {"from_person": a, "kind": "worked_with", "to_person": b}
            ).status_code
            == 302
        )
    found = client.get(f"/p/mekong/organisations/{target_org.pk}/").context["introductions"]
    assert [[s.label for s in chain] for chain in found.chains] == [
        ["member", "Mr Bridge (Bridge NGO)", "Ms Target (Target Co)"]
    ]


def test_a_connection_to_a_person_of_another_programme_is_refused(cast, client_for):
    foreign = factories.contact(
        factories.organisation(cast.other_programme, name="F"), name="Foreign person"
    )
    response = client_for(cast.member).post(
        "/p/mekong/connections/",
        {
            "from_person": f"user:{cast.member.pk}",
            "kind": "knows",
            "to_person": f"contact:{foreign.pk}",
        },
    )
    assert response.status_code == 200 and not Connection.objects.exists()


def test_a_person_cannot_be_connected_to_themselves(cast, client_for):
    response = client_for(cast.member).post(
        "/p/mekong/connections/",
        {
            "from_person": f"user:{cast.member.pk}",
            "kind": "knows",
            "to_person": f"user:{cast.member.pk}",
        },
    )
    assert "themselves" in response.content.decode() and not Connection.objects.exists()


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url",
    ["/p/mekong/interactions/", "/p/mekong/contacts/", "/p/mekong/connections/", "/p/mekong/"],
)
def test_lists_and_the_dashboard_run_a_constant_number_of_queries(cast, client_for, url):
    client = client_for(cast.viewer)

    def grow(n, start):
        for i in range(start, start + n):
            org = factories.organisation(cast.programme, name=f"Org {i}")
            person = factories.contact(org, name=f"P {i}")
            item = factories.interaction(
                cast.programme, [org], today() - dt.timedelta(days=i % 300)
            )
            factories.follow_up(item, f"Act {i}", owner=cast.member)
            factories.connection(cast.programme, cast.member, person)

    grow(10, 0)
    small = _count(client, url)
    grow(190, 10)
    assert _count(client, url) == small


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"Call A", "Visit B"}),
        ("search=visit", {"Visit B"}),
        ("kind=call", {"Call A"}),
        ("date_from=2026-02-01", {"Visit B"}),
        ("date_to=2026-01-31", {"Call A"}),
        ("organisation=ORG_B", {"Visit B"}),
    ],
)
def test_the_engagement_log_filters(cast, client_for, query, expected):
    a = factories.organisation(cast.programme, name="A Co")
    b = factories.organisation(cast.programme, name="B Co")
    factories.interaction(cast.programme, [a], dt.date(2026, 1, 5), "Call A", kind="call")
    factories.interaction(cast.programme, [a, b], dt.date(2026, 2, 5), "Visit B", kind="site_visit")
    page = client_for(cast.viewer).get(
        f"/p/mekong/interactions/?{query.replace('ORG_B', str(b.pk))}"
    )
    assert {i.title for i in page.context["page_obj"]} == expected


def test_a_bad_date_in_the_log_filter_is_reported_not_ignored(cast, client_for):
    page = client_for(cast.viewer).get("/p/mekong/interactions/?date_from=31-31-2026")
    assert page.status_code == 200 and "Enter a valid date" in page.content.decode()

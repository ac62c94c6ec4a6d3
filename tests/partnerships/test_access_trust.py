"""Every trust-work page of a partnership (concerns, internal buy-in, meetings): outsiders get
404, viewers and reviewers read but get 403 on every change, team members change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import get_resolver

from partnerpath.partnerships import views_trust
from tests.access import call_page

pytestmark = pytest.mark.django_db

P = "/p/mekong/partnerships"
# (id, URL name, url builder, method, need): read (any member) or edit (team members).
TRUST_PAGES: list[tuple[str, str, Callable[[Any], str], str, str]] = [
    ("concerns", "concerns", lambda w: f"{P}/{w.pk}/concerns/", "get", "read"),
    ("concerns-add", "concerns", lambda w: f"{P}/{w.pk}/concerns/", "post", "edit"),
    (
        "concern_edit",
        "concern_edit",
        lambda w: f"{P}/{w.pk}/concerns/{w.concern.pk}/",
        "get",
        "edit",
    ),
    (
        "concern_edit-save",
        "concern_edit",
        lambda w: f"{P}/{w.pk}/concerns/{w.concern.pk}/",
        "post",
        "edit",
    ),
    ("buy_in", "buy_in", lambda w: f"{P}/{w.pk}/buy-in/", "get", "read"),
    ("buy_in-save", "buy_in", lambda w: f"{P}/{w.pk}/buy-in/", "post", "edit"),
    ("meetings", "meetings", lambda w: f"{P}/{w.pk}/meetings/", "get", "read"),
    ("meeting_create", "meeting_create", lambda w: f"{P}/{w.pk}/meetings/new/", "get", "edit"),
    (
        "meeting_create-save",
        "meeting_create",
        lambda w: f"{P}/{w.pk}/meetings/new/",
        "post",
        "edit",
    ),
    (
        "meeting_detail",
        "meeting_detail",
        lambda w: f"{P}/{w.pk}/meetings/{w.meeting.pk}/",
        "get",
        "read",
    ),
    (
        "meeting_detail-add",
        "meeting_detail",
        lambda w: f"{P}/{w.pk}/meetings/{w.meeting.pk}/",
        "post",
        "edit",
    ),
]
IDS = [p[0] for p in TRUST_PAGES]


@dataclass
class World:
    """A partnership with a concern and a meeting."""

    pk: int
    concern: Any
    meeting: Any


@pytest.fixture
def world(cast: Any, deal: Any) -> World:
    """The cast's partnership with one concern and one meeting."""
    from partnerpath.partnerships.models import Concern
    from partnerpath.partnerships.services import trust

    concern = trust.raise_concern(
        deal.partnership, Concern(title="Supplier names", category="reputation")
    )
    meeting = trust.record_meeting(
        deal.partnership,
        title="First call",
        occurred_on=dt.date(2025, 3, 4),
        organisations=[deal.company.organisation],
    )
    return World(deal.partnership.pk, concern, meeting)


@pytest.mark.parametrize(("id_", "name", "url", "method", "need"), TRUST_PAGES, ids=IDS)
def test_an_outsider_gets_404_everywhere(cast, world, client_for, id_, name, url, method, need):
    assert call_page(client_for(cast.outsider), method, url(world)).status_code == 404


@pytest.mark.parametrize(("id_", "name", "url", "method", "need"), TRUST_PAGES, ids=IDS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(
    client, world, id_, name, url, method, need
):
    response = call_page(client, method, url(world))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize(("id_", "name", "url", "method", "need"), TRUST_PAGES, ids=IDS)
def test_viewers_and_reviewers_read_but_change_nothing(
    cast, world, client_for, role, id_, name, url, method, need
):
    status = call_page(client_for(getattr(cast, role)), method, url(world)).status_code
    assert status == (200 if need == "read" else 403)


@pytest.mark.parametrize("role", ["member", "owner"])
@pytest.mark.parametrize(("id_", "name", "url", "method", "need"), TRUST_PAGES, ids=IDS)
def test_team_members_read_and_change(cast, world, client_for, role, id_, name, url, method, need):
    status = call_page(client_for(getattr(cast, role)), method, url(world)).status_code
    assert status in (200, 302)


@pytest.mark.parametrize(
    "path",
    [
        "concerns/",
        "buy-in/",
        "meetings/",
        "meetings/new/",
    ],
)
def test_another_programmes_partnership_is_404_for_a_member(
    cast, world, other_deal, client_for, path
):
    response = client_for(cast.member).get(f"{P}/{other_deal.partnership.pk}/{path}")
    assert response.status_code == 404


def test_a_concern_or_meeting_of_another_partnership_is_404(cast, world, client_for):
    from tests.partnerships.conftest import make_deal

    second = make_deal(cast.programme, cast.owner, "Second corridor").partnership.pk
    client = client_for(cast.member)
    assert client.get(f"{P}/{second}/concerns/{world.concern.pk}/").status_code == 404
    assert client.get(f"{P}/{second}/meetings/{world.meeting.pk}/").status_code == 404


def test_every_trust_page_is_in_this_table():
    resolver = next(
        r for r in get_resolver().url_patterns if getattr(r, "namespace", None) == "partnerships"
    )
    trust_names = {
        p.name
        for p in resolver.url_patterns
        if getattr(p.callback, "__module__", "") == views_trust.__name__
    }
    assert trust_names == {p[1] for p in TRUST_PAGES}

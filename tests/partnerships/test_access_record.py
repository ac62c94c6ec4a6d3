"""Every page of the board, the partnership record, its partners, type and stages: outsiders get
404, anonymous visitors the login page, viewers and reviewers read but cannot change (403), team
members change, and only programme admins change the gates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.access import call_page, page_names

pytestmark = pytest.mark.django_db

P = "/p/mekong/partnerships"
# (test id, URL name, url builder, method, need): read, edit, or manage (programme admins).
RECORD_PAGES: list[tuple[str, str, Callable[[Any], str], str, str]] = [
    ("board", "board", lambda w: f"{P}/", "get", "read"),
    ("partnership_create", "partnership_create", lambda w: f"{P}/new/", "get", "edit"),
    (
        "create_from_opportunity",
        "create_from_opportunity",
        lambda w: f"{P}/from-opportunity/{w.opp.pk}/",
        "post",
        "edit",
    ),
    ("gate_settings", "gate_settings", lambda w: f"{P}/gates/", "get", "read"),
    ("gate_settings_save", "gate_settings", lambda w: f"{P}/gates/", "post", "manage"),
    ("detail", "detail", lambda w: f"{P}/{w.pk}/", "get", "read"),
    ("partnership_edit", "partnership_edit", lambda w: f"{P}/{w.pk}/edit/", "get", "edit"),
    ("partner_add", "partner_add", lambda w: f"{P}/{w.pk}/partners/add/", "get", "edit"),
    (
        "partner_edit",
        "partner_edit",
        lambda w: f"{P}/{w.pk}/partners/{w.partner}/edit/",
        "get",
        "edit",
    ),
    (
        "partner_remove",
        "partner_remove",
        lambda w: f"{P}/{w.pk}/partners/{w.partner}/remove/",
        "post",
        "edit",
    ),
    ("type_advisor", "type_advisor", lambda w: f"{P}/{w.pk}/type/", "get", "read"),
    ("type_advisor_save", "type_advisor", lambda w: f"{P}/{w.pk}/type/", "post", "edit"),
    ("advance", "advance", lambda w: f"{P}/{w.pk}/advance/", "get", "read"),
    ("advance_move", "advance", lambda w: f"{P}/{w.pk}/advance/", "post", "edit"),
]
IDS = [p[0] for p in RECORD_PAGES]
OURS = {p[1] for p in RECORD_PAGES}


@dataclass
class World:
    """A partnership with a partner, and an opportunity of the programme."""

    pk: int
    partner: int
    opp: Any


@pytest.fixture
def world(cast: Any, deal: Any) -> World:
    """The cast's partnership and a selected opportunity."""
    from partnerpath.prioritisation.models import Opportunity

    opp = Opportunity.objects.create(
        programme=cast.programme, title="Worker voice", status="selected", status_reason="Top"
    )
    return World(deal.partnership.pk, deal.ngo.pk, opp)


@pytest.mark.parametrize(("test", "name", "url", "method", "need"), RECORD_PAGES, ids=IDS)
def test_an_outsider_gets_404_everywhere(cast, world, client_for, test, name, url, method, need):
    assert call_page(client_for(cast.outsider), method, url(world)).status_code == 404


@pytest.mark.parametrize(("test", "name", "url", "method", "need"), RECORD_PAGES, ids=IDS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(
    client, world, test, name, url, method, need
):
    response = call_page(client, method, url(world))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["viewer", "reviewer"])
@pytest.mark.parametrize(("test", "name", "url", "method", "need"), RECORD_PAGES, ids=IDS)
def test_viewers_and_reviewers_read_but_cannot_change(
    cast, world, client_for, who, test, name, url, method, need
):
    status = call_page(client_for(getattr(cast, who)), method, url(world)).status_code
    assert status == (200 if need == "read" else 403)


@pytest.mark.parametrize(("test", "name", "url", "method", "need"), RECORD_PAGES, ids=IDS)
def test_a_team_member_changes_but_does_not_manage_the_gates(
    cast, world, client_for, test, name, url, method, need
):
    status = call_page(client_for(cast.member), method, url(world)).status_code
    assert status in ((403,) if need == "manage" else (200, 302))


@pytest.mark.parametrize(("test", "name", "url", "method", "need"), RECORD_PAGES, ids=IDS)
def test_the_admin_does_everything(cast, world, client_for, test, name, url, method, need):
    assert call_page(client_for(cast.owner), method, url(world)).status_code in (200, 302)


def test_another_programmes_partnership_is_not_found_by_a_member(cast, other_deal, client_for):
    client = client_for(cast.member)
    pk, partner = other_deal.partnership.pk, other_deal.company.pk
    for url in (f"{P}/{pk}/", f"{P}/{pk}/advance/", f"{P}/{pk}/partners/{partner}/edit/"):
        assert client.get(url).status_code == 404


def test_every_page_of_this_part_is_in_this_table():
    assert page_names("partnerships") >= OURS
    assert {
        "board",
        "partnership_create",
        "create_from_opportunity",
        "gate_settings",
        "detail",
        "partnership_edit",
        "partner_add",
        "partner_edit",
        "partner_remove",
        "type_advisor",
        "advance",
    } == OURS

"""Every screening page: outsiders get 404, reviewers and viewers read but get 403 on every
action, team members may do everything. tests/test_access_everywhere.py checks that every page
of the app is in one access table; the screening pages are in this one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.access import call_page
from tests.screening.conftest import hit_on

pytestmark = pytest.mark.django_db

S = "/p/mekong/screening"
# (url name, url builder, method, need): need is "read" (any member) or "edit" (team).
SCREENING_PAGES: list[tuple[str, Callable[[Any], str], str, str]] = [
    ("overview", lambda w: f"{S}/", "get", "read"),
    ("screen_all", lambda w: f"{S}/run/", "post", "edit"),
    ("screen_organisation", lambda w: f"{S}/organisations/{w.org.pk}/run/", "post", "edit"),
    ("screening_detail", lambda w: f"{S}/runs/{w.screening.pk}/", "get", "read"),
    ("screening_progress", lambda w: f"{S}/runs/{w.screening.pk}/progress/", "get", "read"),
    ("hit_list", lambda w: f"{S}/hits/", "get", "read"),
    ("hit_detail", lambda w: f"{S}/hits/{w.hit.pk}/", "get", "read"),
    ("hit_decide", lambda w: f"{S}/hits/{w.hit.pk}/decide/", "post", "edit"),
    ("hit_confirm", lambda w: f"{S}/hits/{w.hit.pk}/confirm/", "post", "edit"),
]
IDS = [p[0] for p in SCREENING_PAGES]


@dataclass
class ScreeningWorld:
    """A screened organisation with a hit."""

    org: Any
    screening: Any
    hit: Any


@pytest.fixture
def world(listed: Any, imported_lists: Any, screen: Any) -> ScreeningWorld:
    screening = screen(listed.org)
    return ScreeningWorld(listed.org, screening, hit_on(screening, "ofac-173"))


@pytest.mark.parametrize(("name", "url", "method", "need"), SCREENING_PAGES, ids=IDS)
def test_an_outsider_gets_404(cast, world, client_for, name, url, method, need):
    assert call_page(client_for(cast.outsider), method, url(world)).status_code == 404


@pytest.mark.parametrize(("name", "url", "method", "need"), SCREENING_PAGES, ids=IDS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, world, name, url, method, need):
    response = call_page(client, method, url(world))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize(("name", "url", "method", "need"), SCREENING_PAGES, ids=IDS)
def test_read_only_roles_read_but_cannot_act(
    cast, world, client_for, role, name, url, method, need
):
    status = call_page(client_for(getattr(cast, role)), method, url(world)).status_code
    assert status == (200 if need == "read" else 403)


@pytest.mark.parametrize(("name", "url", "method", "need"), SCREENING_PAGES, ids=IDS)
def test_a_team_member_can_use_every_page(cast, world, client_for, name, url, method, need):
    assert call_page(client_for(cast.member), method, url(world)).status_code in (200, 302)


def test_read_only_roles_see_no_action_buttons(cast, world, client_for):
    client = client_for(cast.viewer)
    for url in (
        f"{S}/",
        f"{S}/runs/{world.screening.pk}/",
        f"/p/mekong/organisations/{world.org.pk}/",
    ):
        html = client.get(url).content.decode()
        assert "Screen now" not in html and "Screen all active organisations" not in html
        assert "Record decision" not in html
    assert (
        "Record decision"
        in client_for(cast.member).get(f"{S}/hits/{world.hit.pk}/").content.decode()
    )


def test_a_hit_of_another_programme_is_not_found(cast, world, client_for):
    from partnerpath.accounts.models import Membership

    Membership.objects.create(programme=cast.other_programme, user=cast.member, role="member")
    client = client_for(cast.member)
    assert client.get(f"/p/other/screening/hits/{world.hit.pk}/").status_code == 404
    assert client.post(f"/p/other/screening/hits/{world.hit.pk}/decide/", {}).status_code == 404
    assert client.get(f"/p/other/screening/runs/{world.screening.pk}/").status_code == 404
    assert client.post(f"/p/other/screening/organisations/{world.org.pk}/run/").status_code == 404

"""Every prioritisation page: outsiders get 404, viewers and reviewers read but cannot manage
(403), team members manage; a rater's sheet is open only to the round's raters, so a reviewer
who rates the (donor) round scores it while a viewer gets 403."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.access import call_page, page_names

pytestmark = pytest.mark.django_db

P = "/p/mekong/prioritisation"
# (URL name, url builder, method, need): read, edit, manage (admins), rater (the round's raters), or
# results (any member but a rater who has not submitted: no anchoring).
PRIORITISATION_PAGES: list[tuple[str, Callable[[Any], str], str, str]] = [
    ("overview", lambda w: f"{P}/", "get", "read"),
    ("opportunity_create", lambda w: f"{P}/opportunities/new/", "get", "edit"),
    ("opportunity_edit", lambda w: f"{P}/opportunities/{w.opp.pk}/edit/", "get", "edit"),
    ("opportunity_select", lambda w: f"{P}/opportunities/{w.opp.pk}/select/", "post", "edit"),
    ("pipeline", lambda w: f"{P}/pipeline/", "get", "read"),
    ("weight_list", lambda w: f"{P}/weights/", "get", "read"),
    ("template_tailor", lambda w: f"{P}/templates/tailor/", "get", "manage"),
    ("weight_direct", lambda w: f"{P}/weights/direct/", "get", "edit"),
    ("weight_ahp", lambda w: f"{P}/weights/ahp/", "get", "edit"),
    ("round_create", lambda w: f"{P}/rounds/new/", "get", "edit"),
    ("round_compare", lambda w: f"{P}/rounds/compare/", "get", "read"),
    ("round_detail", lambda w: f"{P}/rounds/{w.round.pk}/", "get", "read"),
    # Closing: the round's lead (who opened it: the owner here), admins and PSE leads.
    ("round_close", lambda w: f"{P}/rounds/{w.round.pk}/close/", "post", "edit"),
    ("sheet", lambda w: f"{P}/rounds/{w.round.pk}/sheet/", "get", "rater"),
    ("sheet_submit", lambda w: f"{P}/rounds/{w.round.pk}/sheet/submit/", "post", "rater"),
    (
        "sheet_opportunity",
        lambda w: f"{P}/rounds/{w.round.pk}/sheet/{w.opp.pk}/",
        "get",
        "rater",
    ),
    ("sheet_export", lambda w: f"{P}/rounds/{w.round.pk}/sheet/export/", "get", "rater"),
    ("sheet_import", lambda w: f"{P}/rounds/{w.round.pk}/sheet/import/", "get", "rater"),
    ("round_results", lambda w: f"{P}/rounds/{w.round.pk}/results/", "get", "read"),
    (
        "results_export",
        lambda w: f"{P}/rounds/{w.round.pk}/results/export/",
        "get",
        "results",
    ),
]
IDS = [p[0] for p in PRIORITISATION_PAGES]


@dataclass
class World:
    """An opportunity and a round rated by the member and the reviewer."""

    opp: Any
    round: Any


@pytest.fixture
def world(cast: Any, opps: list[Any], round_: Any) -> World:
    """A round with one submitted sheet, so that its results exist."""
    from partnerpath.prioritisation.models import RaterSheet
    from partnerpath.prioritisation.services import rounds
    from tests.prioritisation.conftest import fill_all

    rounds.submit_sheet(fill_all(round_, cast.member, {}), cast.member)
    round_ = type(round_).objects.get(pk=round_.pk)
    assert RaterSheet.objects.filter(round=round_, submitted_at__isnull=False).count() == 1
    return World(opps[0], round_)


@pytest.mark.parametrize(("name", "url", "method", "need"), PRIORITISATION_PAGES, ids=IDS)
def test_an_outsider_gets_404_everywhere(cast, world, client_for, name, url, method, need):
    assert call_page(client_for(cast.outsider), method, url(world)).status_code == 404


@pytest.mark.parametrize(("name", "url", "method", "need"), PRIORITISATION_PAGES, ids=IDS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, world, name, url, method, need):
    response = call_page(client, method, url(world))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("name", "url", "method", "need"), PRIORITISATION_PAGES, ids=IDS)
def test_a_viewer_reads_but_neither_manages_nor_scores(
    cast, world, client_for, name, url, method, need
):
    status = call_page(client_for(cast.viewer), method, url(world)).status_code
    assert status == (200 if need in ("read", "results") else 403)


@pytest.mark.parametrize(("name", "url", "method", "need"), PRIORITISATION_PAGES, ids=IDS)
def test_a_reviewer_who_rates_the_round_scores_it_but_cannot_manage(
    cast, world, client_for, name, url, method, need
):
    status = call_page(client_for(cast.reviewer), method, url(world)).status_code
    assert status in ((403,) if need in ("edit", "manage", "results") else (200, 302))


@pytest.mark.parametrize(("name", "url", "method", "need"), PRIORITISATION_PAGES, ids=IDS)
def test_the_owner_manages_but_scores_only_rounds_they_rate(
    cast, world, client_for, name, url, method, need
):
    status = call_page(client_for(cast.owner), method, url(world)).status_code
    assert status in ((403,) if need == "rater" else (200, 302))


# Another rater's sheet (?rater=; the reviewer's, not submitted): team members who have no
# sheet of their own left to submit in the open round (no anchoring) handle it for an offline
# rater. In the world below the member has submitted; the owner does not rate the round.
OTHERS_SHEET = [
    ("sheet_export", "export/", "get"),
    ("sheet_import", "import/", "get"),
    ("sheet_submit", "submit/", "post"),
]
ALLOWED = {"owner": (200, 302), "member": (200, 302), "reviewer": (403,), "viewer": (403,)}


@pytest.mark.parametrize(("name", "path", "method"), OTHERS_SHEET, ids=[o[0] for o in OTHERS_SHEET])
@pytest.mark.parametrize("role", ["owner", "member", "reviewer", "viewer", "outsider"])
def test_who_handles_another_raters_sheet(cast, world, client_for, name, path, method, role):
    other = cast.member if role == "reviewer" else cast.reviewer
    url = f"{P}/rounds/{world.round.pk}/sheet/{path}?rater={other.pk}"
    status = call_page(client_for(getattr(cast, role)), method, url).status_code
    assert status in ALLOWED.get(role, (404,))


def test_a_team_member_who_did_not_open_the_round_cannot_close_it(cast, world, client_for):
    url = f"{P}/rounds/{world.round.pk}/close/"
    assert call_page(client_for(cast.member), "post", url).status_code == 403
    assert call_page(client_for(cast.owner), "post", url).status_code == 302


def test_every_prioritisation_page_is_in_this_table():
    assert page_names("prioritisation") == set(IDS)

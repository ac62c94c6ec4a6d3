"""Every assessments page: outsiders get 404, read-only roles read but get 403 on writes, team
members use them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile

from tests.access import call_page
from tests.assessments.conftest import assessed

pytestmark = pytest.mark.django_db

P = "/p/mekong/assessments"
# (URL name, url builder, method, need): need is "read" (any member), "edit" (team) or "manage"
# (the programme's admins).
ASSESSMENT_PAGES: list[tuple[str, Callable[[Any], str], str, str]] = [
    ("overview", lambda w: f"{P}/", "get", "read"),
    ("pyramid", lambda w: f"{P}/pyramid/", "get", "read"),
    ("pse_overview", lambda w: f"{P}/pse/", "get", "read"),
    ("pse_start", lambda w: f"{P}/pse/new/", "post", "edit"),
    ("organisation_assessments", lambda w: f"{P}/organisations/{w.org.pk}/", "get", "read"),
    ("assessment_start", lambda w: f"{P}/organisations/{w.org.pk}/new/", "post", "edit"),
    ("assessment_detail", lambda w: f"{P}/{w.draft.pk}/", "get", "read"),
    ("assessment_answer", lambda w: f"{P}/{w.draft.pk}/answers/", "get", "edit"),
    ("assessment_finalise", lambda w: f"{P}/{w.draft.pk}/finalise/", "post", "edit"),
    ("assessment_print", lambda w: f"{P}/{w.draft.pk}/print/", "get", "read"),
    ("assessment_export", lambda w: f"{P}/{w.draft.pk}/export.xlsx", "get", "read"),
    ("invite_create", lambda w: f"{P}/organisations/{w.org.pk}/invite/", "post", "edit"),
    ("invite_revoke", lambda w: f"{P}/invites/{w.link.pk}/revoke/", "post", "edit"),
    ("assessment_review", lambda w: f"{P}/{w.link.assessment.pk}/review/", "get", "edit"),
    ("rubric_list", lambda w: f"{P}/rubrics/", "get", "read"),
    ("rubric_clone", lambda w: f"{P}/rubrics/clone/", "get", "manage"),
    ("rubric_detail", lambda w: f"{P}/rubrics/{w.rubric.pk}/", "get", "read"),
    ("rubric_edit", lambda w: f"{P}/rubrics/{w.rubric.pk}/edit/", "get", "manage"),
    (
        "evidence_document",
        lambda w: f"{P}/{w.draft.pk}/answers/{w.answer.pk}/document/",
        "get",
        "read",
    ),
]
IDS = [p[0] for p in ASSESSMENT_PAGES]
# Public pages of the company self-assessment (token only); tested in test_self_assessment.py.
PUBLIC_PAGES = {"self_assessment", "self_assessment_result"}


class World:
    """The records the URLs point at."""

    def __init__(self, cast: Any, org: Any) -> None:
        self.org = org
        self.draft = assessed(cast, org, {1: "met"}, final=False)
        self.answer = self.draft.answers.first()
        self.answer.evidence_document.save("report.txt", ContentFile(b"x"))
        from partnerpath.assessments import selfassess

        self.link = selfassess.invite(org, cast.member)
        selfassess.submit(self.link, {"follower-named-contact": {"value": "met"}})
        from partnerpath.assessments import rubrics

        self.rubric = rubrics.clone_rubric(
            cast.programme, cast.owner, "maturity-v1", "maturity-mekong", 1
        )


@pytest.fixture
def world(cast: Any, org: Any) -> World:
    return World(cast, org)


@pytest.mark.parametrize(("name", "url", "method", "need"), ASSESSMENT_PAGES, ids=IDS)
def test_an_outsider_gets_404_everywhere(cast, world, client_for, name, url, method, need):
    assert call_page(client_for(cast.outsider), method, url(world)).status_code == 404


@pytest.mark.parametrize(("name", "url", "method", "need"), ASSESSMENT_PAGES, ids=IDS)
def test_an_anonymous_visitor_is_sent_to_log_in(client, world, name, url, method, need):
    response = call_page(client, method, url(world))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
@pytest.mark.parametrize(("name", "url", "method", "need"), ASSESSMENT_PAGES, ids=IDS)
def test_read_only_roles_read_but_cannot_change(
    cast, world, client_for, role, name, url, method, need
):
    status = call_page(client_for(getattr(cast, role)), method, url(world)).status_code
    assert status == (200 if need == "read" else 403)


@pytest.mark.parametrize(("name", "url", "method", "need"), ASSESSMENT_PAGES, ids=IDS)
def test_a_team_member_can_use_every_page_but_the_admins_ones(
    cast, world, client_for, name, url, method, need
):
    status = call_page(client_for(cast.member), method, url(world)).status_code
    assert status == 403 if need == "manage" else status in (200, 302)


@pytest.mark.parametrize(("name", "url", "method", "need"), ASSESSMENT_PAGES, ids=IDS)
def test_the_programme_admin_can_use_every_page(cast, world, client_for, name, url, method, need):
    assert call_page(client_for(cast.owner), method, url(world)).status_code in (200, 302)


def test_an_assessment_of_another_programme_is_404_even_for_its_own_url_shape(cast, client_for):
    from partnerpath.assessments import services
    from tests import factories

    other_org = factories.organisation(cast.other_programme, name="Other Co")
    other = services.start_assessment(cast.other_programme, cast.outsider, other_org)
    response = client_for(cast.member).get(f"{P}/{other.pk}/")
    assert response.status_code == 404

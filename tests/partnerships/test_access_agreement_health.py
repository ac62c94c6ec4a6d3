"""Every agreement and health-check page: outsiders get 404 (the signed document too), viewers
and reviewers read but get 403 on every change, team members change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from tests.access import call_page

pytestmark = pytest.mark.django_db

P = "/p/mekong/partnerships"
# (URL name, url builder, method, need): read (any member) or edit (team members).
PAGES: list[tuple[str, Callable[[Any], str], str, str]] = [
    ("agreement", lambda w: f"{P}/{w.pk}/agreement/", "get", "read"),
    ("agreement_edit", lambda w: f"{P}/{w.pk}/agreement/edit/", "get", "edit"),
    ("agreement_edit", lambda w: f"{P}/{w.pk}/agreement/edit/", "post", "edit"),
    ("agreement_amend", lambda w: f"{P}/{w.pk}/agreement/amend/", "get", "edit"),
    ("agreement_amend", lambda w: f"{P}/{w.pk}/agreement/amend/", "post", "edit"),
    ("agreement_version", lambda w: f"{P}/{w.pk}/agreement/versions/1/", "get", "read"),
    ("agreement_document", lambda w: f"{P}/{w.pk}/agreement/document/", "get", "read"),
    ("contributions", lambda w: f"{P}/{w.pk}/contributions/", "get", "read"),
    ("contributions", lambda w: f"{P}/{w.pk}/contributions/", "post", "edit"),
    (
        "contribution_remove",
        lambda w: f"{P}/{w.pk}/contributions/{w.contribution.pk}/remove/",
        "post",
        "edit",
    ),
    ("indicators", lambda w: f"{P}/{w.pk}/indicators/", "get", "read"),
    ("indicators", lambda w: f"{P}/{w.pk}/indicators/", "post", "edit"),
    (
        "indicator_remove",
        lambda w: f"{P}/{w.pk}/indicators/{w.indicator.pk}/remove/",
        "post",
        "edit",
    ),
    ("health", lambda w: f"{P}/{w.pk}/health/", "get", "read"),
    ("health_check_create", lambda w: f"{P}/{w.pk}/health/new/", "get", "edit"),
    ("health_check_create", lambda w: f"{P}/{w.pk}/health/new/", "post", "edit"),
    ("health_check_detail", lambda w: f"{P}/{w.pk}/health/{w.check.pk}/", "get", "read"),
]
IDS = [f"{name}-{method}" for name, _, method, _ in PAGES]
MODULES = ("views_agreement", "views_health")


@dataclass
class World:
    """A partnership with a signed, once amended agreement, a contribution, an indicator and a
    health check."""

    pk: int
    contribution: Any
    indicator: Any
    check: Any


@pytest.fixture
def world(cast: Any, deal: Any) -> World:
    """Everything the pages show, made through the services."""
    from partnerpath.partnerships.models import Agreement, Contribution, SuccessIndicator
    from partnerpath.partnerships.services import agreement, health

    partnership = deal.partnership
    current = agreement.save_agreement(
        Agreement(
            programme=cast.programme,
            partnership=partnership,
            activities="Pilot fair recruitment",
            signed_document=SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed"),
            signed_on=dt.date(2025, 1, 10),
        ),
        ["activities", "signed_document", "signed_on"],
    )
    current.activities = "Pilot fair recruitment in two provinces"
    agreement.amend_agreement(current, ["activities"], "Second province added", cast.owner)
    contribution = agreement.add_contribution(
        Contribution(
            programme=cast.programme,
            partnership=partnership,
            partner=deal.company,
            kind="cash",
            description="Audit budget",
            value=5000,
            currency="USD",
        )
    )
    indicator = agreement.add_indicator(
        SuccessIndicator(programme=cast.programme, partnership=partnership, name="Fees repaid")
    )
    check = health.record_check(
        partnership,
        dt.date(2025, 3, 1),
        [health.NewRating(deal.company, "trust", "green")],
    )
    return World(partnership.pk, contribution, indicator, check)


@pytest.mark.parametrize(("name", "url", "method", "need"), PAGES, ids=IDS)
def test_an_outsider_gets_404_everywhere(cast, world, client_for, name, url, method, need):
    assert call_page(client_for(cast.outsider), method, url(world)).status_code == 404


@pytest.mark.parametrize(("name", "url", "method", "need"), PAGES, ids=IDS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, world, name, url, method, need):
    response = call_page(client, method, url(world))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("name", "url", "method", "need"), PAGES, ids=IDS)
@pytest.mark.parametrize("who", ["viewer", "reviewer"])
def test_viewers_and_reviewers_read_but_cannot_change(
    cast, world, client_for, who, name, url, method, need
):
    status = call_page(client_for(getattr(cast, who)), method, url(world)).status_code
    assert status == (200 if need == "read" else 403)


@pytest.mark.parametrize(("name", "url", "method", "need"), PAGES, ids=IDS)
@pytest.mark.parametrize("who", ["member", "owner"])
def test_team_members_read_and_change(cast, world, client_for, who, name, url, method, need):
    status = call_page(client_for(getattr(cast, who)), method, url(world)).status_code
    assert status in (200, 302)


def test_another_programmes_partnership_is_404_from_this_programme(
    cast, world, other_deal, client_for
):
    client = client_for(cast.member)
    for name, url, method, _ in PAGES:
        if name in ("contribution_remove", "indicator_remove", "health_check_detail"):
            continue
        other = World(other_deal.partnership.pk, None, None, None)
        assert call_page(client, method, url(other)).status_code == 404, name


def test_a_check_or_contribution_of_another_partnership_is_404(cast, world, client_for):
    from tests.partnerships.conftest import make_deal

    second = make_deal(cast.programme, cast.owner, "Second corridor").partnership
    client = client_for(cast.member)
    assert client.get(f"{P}/{second.pk}/health/{world.check.pk}/").status_code == 404
    remove = f"{P}/{second.pk}/contributions/{world.contribution.pk}/remove/"
    assert client.post(remove).status_code == 404
    remove = f"{P}/{second.pk}/indicators/{world.indicator.pk}/remove/"
    assert client.post(remove).status_code == 404


def test_every_agreement_and_health_page_is_in_this_table():
    resolver = next(
        r for r in get_resolver().url_patterns if getattr(r, "namespace", None) == "partnerships"
    )
    mine = {
        p.name for p in resolver.url_patterns if p.callback.__module__.rsplit(".", 1)[-1] in MODULES
    }
    assert mine == {name for name, *_ in PAGES}

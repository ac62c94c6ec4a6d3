"""Private health-check links: each partner's point-person, who has no account, rates the
partnership themselves. The programme creates and revokes the links; every answer for the same
date joins one check; a link works once, until it expires or is revoked; the page reaches
nothing else of the programme and shows no other partner's ratings."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from partnerpath.audit.models import Change
from partnerpath.partnerships.models import (
    HealthCheck,
    HealthCheckLink,
    HealthRating,
    Partnership,
    TimelineEvent,
)
from partnerpath.partnerships.services import health, health_links
from tests.partnerships.conftest import make_deal, name_point_persons

pytestmark = pytest.mark.django_db

P = "/p/mekong/partnerships"


@pytest.fixture
def named(cast: Any, deal: Any) -> Any:
    """The deal with a point-person on every side."""
    name_point_persons(deal, cast.owner)
    deal.company.refresh_from_db()
    deal.ngo.refresh_from_db()
    return deal


def ask(cast: Any, deal: Any, *partners: Any, days: int | None = None) -> list[HealthCheckLink]:
    chosen = list(partners) or [deal.company, deal.ngo]
    return health_links.ask_partners(deal.partnership, chosen, cast.owner, days)


def public(link: HealthCheckLink) -> str:
    return f"/health-check/{link.token}/"


def answer(link: HealthCheckLink, **lights: str) -> dict[str, str]:
    """Form data: the link's partner gives ``lights`` (aspect=light), each with a comment."""
    pk = link.partner_id
    data = {f"light_{pk}_{aspect}": light for aspect, light in lights.items()}
    data.update({f"comment_{pk}_{aspect}": f"Why {aspect}" for aspect in lights})
    return data


def test_the_team_asks_every_named_partner_from_the_health_page(cast, named, client_for):
    client = client_for(cast.member)
    url = f"{P}/{named.partnership.pk}/health/"
    response = client.post(
        url + "ask/", {"partners": [named.company.pk, named.ngo.pk], "days": "10"}
    )
    assert response.status_code == 302
    links = HealthCheckLink.objects.filter(partnership=named.partnership)
    assert {link.partner_id for link in links} == {named.company.pk, named.ngo.pk}
    assert {link.held_on for link in links} == {timezone.localdate()}
    left = links[0].expires_at - timezone.now()
    assert timedelta(days=9, hours=23) < left <= timedelta(days=10)
    page = client.get(url).content.decode()
    assert all(f"/health-check/{link.token}/" in page for link in links)
    event = TimelineEvent.objects.get(partnership=named.partnership, summary__contains="asked")
    assert str(named.company.organisation) in event.summary


def test_a_partner_without_a_point_person_is_not_offered_and_is_refused(cast, deal, client_for):
    client = client_for(cast.member)
    response = client.post(
        f"{P}/{deal.partnership.pk}/health/ask/", {"partners": [deal.company.pk]}, follow=True
    )
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(ValueError, match="no point-person"):
        ask(cast, deal, deal.company)
    assert not HealthCheckLink.objects.exists()


def test_asking_the_same_partner_twice_for_one_check_is_refused(cast, named):
    ask(cast, named, named.company)
    with pytest.raises(ValueError, match="already asked"):
        ask(cast, named, named.company, named.ngo)
    assert HealthCheckLink.objects.count() == 1


def test_viewers_see_the_links_listed_but_not_their_addresses(cast, named, client_for):
    (link,) = ask(cast, named, named.company)
    page = client_for(cast.viewer).get(f"{P}/{named.partnership.pk}/health/").content.decode()
    assert str(named.company.organisation) in page and link.token not in page
    assert "Create the links" not in page


def test_the_point_person_sees_only_the_form_of_their_own_organisation(cast, named, client):
    company, _ngo = ask(cast, named)
    page = client.get(public(company)).content.decode()
    assert named.partnership.title in page and str(named.company.organisation) in page
    assert str(named.ngo.organisation) not in page
    assert f"light_{named.company.pk}_trust" in page and f"light_{named.ngo.pk}_" not in page
    assert "/p/mekong/" not in page  # nothing of the programme is linked from it


def test_answers_of_every_partner_join_one_check_rated_by_the_partners(cast, named, client):
    company, ngo = ask(cast, named)
    first = client.post(public(company), answer(company, trust="green", progress="amber"))
    assert first.status_code == 302 and first["Location"] == public(company)
    client.post(public(ngo), answer(ngo, trust="red"))
    check = HealthCheck.objects.get(partnership=named.partnership)
    assert check.held_on == timezone.localdate() and check.recorded_by is None
    ratings = {(r.partner_id, r.aspect): (r.light, r.by_partner) for r in check.ratings.all()}
    assert ratings == {
        (named.company.pk, "trust"): ("green", True),
        (named.company.pk, "progress"): ("amber", True),
        (named.ngo.pk, "trust"): ("red", True),
    }
    for link in (company, ngo):
        link.refresh_from_db()
        assert link.submitted_at is not None and link.health_check_id == check.pk
    events = TimelineEvent.objects.filter(summary__contains="itself").order_by("id")
    assert [e.actor_label for e in events] == [
        f"health-check link: {named.company_contact}",
        f"health-check link: {named.ngo_contact}",
    ]
    # Each entry says where the whole check stood when it was written, so the scores differ.
    assert events[0].summary.endswith(
        "itself (1 green, 1 amber): with everyone's ratings so far, the check is amber overall "
        "(score 75 at that point)."
    )
    assert events[1].summary.endswith(
        "itself (1 red): with everyone's ratings so far, the check is red overall "
        "(score 50 at that point)."
    )


def test_after_answering_the_partner_sees_their_ratings_and_cannot_answer_again(
    cast, named, client
):
    (link,) = ask(cast, named, named.company)
    client.post(public(link), answer(link, trust="green"))
    again = client.post(public(link), answer(link, trust="red"))
    assert again.status_code == 200
    page = again.content.decode()
    assert "your ratings were received" in page and "Why trust" in page
    assert list(HealthRating.objects.values_list("light", flat=True)) == ["green"]


def test_a_form_without_any_light_writes_nothing(cast, named, client):
    (link,) = ask(cast, named, named.company)
    response = client.post(public(link), {f"comment_{named.company.pk}_trust": "No light"})
    assert response.status_code == 200
    assert "Choose a light" in response.content.decode()
    assert not HealthCheck.objects.exists()
    link.refresh_from_db()
    assert link.submitted_at is None


def test_the_team_check_shows_who_rated_it(cast, named, client, client_for):
    (link,) = ask(cast, named, named.company)
    client.post(public(link), answer(link, trust="green"))
    check = HealthCheck.objects.get()
    page = client_for(cast.viewer).get(f"{P}/{named.partnership.pk}/health/{check.pk}/")
    assert "Rated by the partner itself" in page.content.decode()


def test_a_partners_own_answer_replaces_what_staff_entered_for_it_that_day(cast, named, client):
    partnership = Partnership.objects.get(pk=named.partnership.pk)
    today = timezone.localdate()
    staff = health.record_check(
        partnership,
        today,
        [
            health.NewRating(named.company, "trust", "green"),
            health.NewRating(named.ngo, "trust", "amber"),
        ],
    )
    (link,) = ask(cast, named, named.company)
    client.post(public(link), answer(link, trust="red"))
    assert HealthCheck.objects.get().pk == staff.pk
    ratings = {(r.partner_id, r.light, r.by_partner) for r in staff.ratings.all()}
    assert ratings == {(named.company.pk, "red", True), (named.ngo.pk, "amber", False)}
    kind = ContentType.objects.get_for_model(HealthRating)
    removed = Change.objects.filter(action="delete", content_type=kind)
    assert removed.count() == 1 and removed.get().actor_label.startswith("health-check link")


@pytest.mark.parametrize("how", ["revoked", "expired"])
def test_a_revoked_or_expired_link_answers_410_and_takes_nothing(cast, named, client, how):
    (link,) = ask(cast, named, named.company)
    if how == "revoked":
        health_links.revoke(link, cast.owner)
    else:
        HealthCheckLink.objects.filter(pk=link.pk).update(
            expires_at=timezone.now() - timedelta(minutes=1)
        )
    assert client.get(public(link)).status_code == 410
    assert client.post(public(link), answer(link, trust="green")).status_code == 410
    assert not HealthRating.objects.exists()


def test_an_unknown_token_is_not_found(client):
    assert client.get("/health-check/not-a-real-token/").status_code == 404


def test_revoking_from_the_page_and_not_twice_or_after_use(cast, named, client, client_for):
    company, ngo = ask(cast, named)
    team = client_for(cast.member)
    url = f"{P}/{named.partnership.pk}/health/links/{company.pk}/revoke/"
    assert team.post(url).status_code == 302
    company.refresh_from_db()
    assert company.revoked_at is not None
    assert "revoked already" in team.post(url, follow=True).content.decode()
    client.post(public(ngo), answer(ngo, trust="green"))
    ngo.refresh_from_db()
    with pytest.raises(ValueError, match="used already"):
        health_links.revoke(ngo, cast.owner)


def test_a_link_of_another_partnership_cannot_be_revoked_through_this_one(cast, named, client_for):
    second = make_deal(cast.programme, cast.owner, "Second corridor").partnership
    (link,) = ask(cast, named, named.company)
    url = f"{P}/{second.pk}/health/links/{link.pk}/revoke/"
    assert client_for(cast.member).post(url).status_code == 404


def test_a_link_made_on_another_day_starts_its_own_check(cast, named, client):
    (old,) = health_links.ask_partners(
        named.partnership, [named.company], cast.owner, today=dt.date(2025, 5, 1)
    )
    (new,) = ask(cast, named, named.ngo)
    client.post(public(old), answer(old, trust="green"))
    client.post(public(new), answer(new, trust="amber"))
    assert sorted(HealthCheck.objects.values_list("held_on", flat=True)) == [
        dt.date(2025, 5, 1),
        timezone.localdate(),
    ]

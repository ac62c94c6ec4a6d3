"""Every partnerships page: outsiders get 404 (the signed document too), anonymous visitors the
login page, viewers and reviewers read but get 403 on every change, team members change, and
only programme admins change the gates. Records of another programme or of another partnership
are not found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.access import call_page, page_names
from tests.partnerships.conftest import make_deal

pytestmark = pytest.mark.django_db

P = "/p/mekong/partnerships"


@dataclass
class World:
    """A partnership with a partner, a concern, a meeting, a signed and once amended agreement, a
    contribution, an indicator and a health check, and a selected opportunity."""

    pk: int
    partner: int = 0
    opp: int = 0
    concern: int = 0
    meeting: int = 0
    contribution: int = 0
    indicator: int = 0
    check: int = 0
    link: int = 0


def page(name: str, path: str, method: str = "get", need: str = "read") -> tuple[Any, ...]:
    """A row of the table: the URL is built from the world's ids (``{pk}``, ``{concern}``...)."""
    url: Callable[[World], str] = lambda w: P + path.format(**vars(w))  # noqa: E731
    return (f"{name}-{method}", name, url, method, need)


# (test id, URL name, url builder, method, need): read (any member), edit (team members) or
# manage (programme admins).
PAGES: list[tuple[Any, ...]] = [
    # The board, the record, partners, type and stages
    page("board", "/"),
    page("partnership_create", "/new/", need="edit"),
    page("create_from_opportunity", "/from-opportunity/{opp}/", "post", "edit"),
    page("gate_settings", "/gates/"),
    page("gate_settings", "/gates/", "post", "manage"),
    page("detail", "/{pk}/"),
    page("partnership_edit", "/{pk}/edit/", need="edit"),
    page("partner_add", "/{pk}/partners/add/", need="edit"),
    page("partner_edit", "/{pk}/partners/{partner}/edit/", need="edit"),
    page("partner_remove", "/{pk}/partners/{partner}/remove/", "post", "edit"),
    page("type_advisor", "/{pk}/type/"),
    page("type_advisor", "/{pk}/type/", "post", "edit"),
    page("advance", "/{pk}/advance/"),
    page("advance", "/{pk}/advance/", "post", "edit"),
    # Trust work
    page("concerns", "/{pk}/concerns/"),
    page("concerns", "/{pk}/concerns/", "post", "edit"),
    page("concern_edit", "/{pk}/concerns/{concern}/", need="edit"),
    page("concern_edit", "/{pk}/concerns/{concern}/", "post", "edit"),
    page("buy_in", "/{pk}/buy-in/"),
    page("buy_in", "/{pk}/buy-in/", "post", "edit"),
    page("meetings", "/{pk}/meetings/"),
    page("meeting_create", "/{pk}/meetings/new/", need="edit"),
    page("meeting_create", "/{pk}/meetings/new/", "post", "edit"),
    page("meeting_detail", "/{pk}/meetings/{meeting}/"),
    page("meeting_detail", "/{pk}/meetings/{meeting}/", "post", "edit"),
    # Agreement and governance
    page("agreement", "/{pk}/agreement/"),
    page("agreement_edit", "/{pk}/agreement/edit/", need="edit"),
    page("agreement_edit", "/{pk}/agreement/edit/", "post", "edit"),
    page("agreement_amend", "/{pk}/agreement/amend/", need="edit"),
    page("agreement_amend", "/{pk}/agreement/amend/", "post", "edit"),
    page("agreement_version", "/{pk}/agreement/versions/1/"),
    page("agreement_document", "/{pk}/agreement/document/"),
    page("contributions", "/{pk}/contributions/"),
    page("contributions", "/{pk}/contributions/", "post", "edit"),
    page("contribution_remove", "/{pk}/contributions/{contribution}/remove/", "post", "edit"),
    page("indicators", "/{pk}/indicators/"),
    page("indicators", "/{pk}/indicators/", "post", "edit"),
    page("indicator_remove", "/{pk}/indicators/{indicator}/remove/", "post", "edit"),
    # Health checks
    page("health", "/{pk}/health/"),
    page("health_check_create", "/{pk}/health/new/", need="edit"),
    page("health_check_create", "/{pk}/health/new/", "post", "edit"),
    page("health_check_detail", "/{pk}/health/{check}/"),
    page("health_ask", "/{pk}/health/ask/", "post", "edit"),
    page("health_link_revoke", "/{pk}/health/links/{link}/revoke/", "post", "edit"),
    # Timeline, exports and the printable summary
    page("timeline", "/{pk}/timeline/"),
    page("timeline_export", "/{pk}/timeline/export/"),
    page("summary", "/{pk}/summary/"),
    page("partnerships_export", "/export/"),
]
IDS = [p[0] for p in PAGES]
# The partner's health-check page (token only, no account): tested in test_health_links.py.
PUBLIC_PAGES = {"partner_health_check"}
# Pages that name a record inside the partnership (checked separately below).
INNER = {
    "partner_edit",
    "partner_remove",
    "concern_edit",
    "meeting_detail",
    "contribution_remove",
    "indicator_remove",
    "health_check_detail",
    "health_link_revoke",
}
WHOLE_PROGRAMME = {"board", "partnership_create", "create_from_opportunity", "gate_settings"}
WHOLE_PROGRAMME |= {"partnerships_export"}


@pytest.fixture
def world(cast: Any, deal: Any) -> World:
    """Everything the pages show, made through the services."""
    from partnerpath.partnerships.models import Agreement, Concern, Contribution, SuccessIndicator
    from partnerpath.partnerships.services import agreement, amendments, health, health_links, trust
    from partnerpath.prioritisation.models import Opportunity

    partnership = deal.partnership
    opp = Opportunity.objects.create(
        programme=cast.programme, title="Worker voice", status="selected", status_reason="Top"
    )
    concern = trust.raise_concern(
        partnership, Concern(title="Supplier names", category="reputation")
    )
    meeting = trust.record_meeting(
        partnership,
        title="First call",
        occurred_on=dt.date(2025, 3, 4),
        organisations=[deal.company.organisation],
    )
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
    current.activities = "Pilot fair recruitment in two provinces"  # once signed: an amendment
    amendments.amend_agreement(
        current, ["activities"], "Second province added", cast.owner, still_covered="Minor"
    )
    check = health.record_check(
        partnership, dt.date(2025, 3, 1), [health.NewRating(deal.company, "trust", "green")]
    )
    deal.company.point_person = deal.company_contact
    deal.company.save()
    (link,) = health_links.ask_partners(partnership, [deal.company], cast.owner)
    return World(
        partnership.pk,
        deal.ngo.pk,
        opp.pk,
        concern.pk,
        meeting.pk,
        contribution.pk,
        indicator.pk,
        check.pk,
        link.pk,
    )


@pytest.mark.parametrize(("id_", "name", "url", "method", "need"), PAGES, ids=IDS)
def test_an_outsider_gets_404_everywhere(cast, world, client_for, id_, name, url, method, need):
    assert call_page(client_for(cast.outsider), method, url(world)).status_code == 404


@pytest.mark.parametrize(("id_", "name", "url", "method", "need"), PAGES, ids=IDS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(
    client, world, id_, name, url, method, need
):
    response = call_page(client, method, url(world))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["viewer", "reviewer"])
@pytest.mark.parametrize(("id_", "name", "url", "method", "need"), PAGES, ids=IDS)
def test_viewers_and_reviewers_read_but_cannot_change(
    cast, world, client_for, who, id_, name, url, method, need
):
    status = call_page(client_for(getattr(cast, who)), method, url(world)).status_code
    assert status == (200 if need == "read" else 403)


@pytest.mark.parametrize(("id_", "name", "url", "method", "need"), PAGES, ids=IDS)
def test_a_team_member_changes_but_does_not_manage_the_gates(
    cast, world, client_for, id_, name, url, method, need
):
    status = call_page(client_for(cast.member), method, url(world)).status_code
    assert status in ((403,) if need == "manage" else (200, 302))


@pytest.mark.parametrize(("id_", "name", "url", "method", "need"), PAGES, ids=IDS)
def test_the_admin_does_everything(cast, world, client_for, id_, name, url, method, need):
    assert call_page(client_for(cast.owner), method, url(world)).status_code in (200, 302)


def test_another_programmes_partnership_is_not_found_by_a_member(
    cast, world, other_deal, client_for
):
    client = client_for(cast.member)
    other = World(other_deal.partnership.pk)
    for id_, name, url, method, _need in PAGES:
        if name not in INNER | WHOLE_PROGRAMME:
            assert call_page(client, method, url(other)).status_code == 404, id_
    other.partner = other_deal.company.pk
    assert client.get(f"{P}/{other.pk}/partners/{other.partner}/edit/").status_code == 404


def test_a_record_reached_through_another_partnership_is_not_found(cast, world, client_for):
    second = make_deal(cast.programme, cast.owner, "Second corridor").partnership.pk
    client = client_for(cast.member)
    for id_, name, url, method, _need in PAGES:
        if name in INNER:
            moved = World(**{**vars(world), "pk": second})
            assert call_page(client, method, url(moved)).status_code == 404, id_


def test_the_table_covers_every_partnerships_page() -> None:
    assert {p[1] for p in PAGES} == page_names("partnerships")

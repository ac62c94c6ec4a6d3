"""Company self-assessment through a private link: creating and revoking links, expiry, the
token holder reaching nothing else, the company's result with its anonymous benchmark, and the
programme's review that keeps both answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests import factories
from tests.assessments.conftest import assessed, indicator_ids

pytestmark = pytest.mark.django_db

P = "/p/mekong/assessments"


@pytest.fixture
def link(cast: Any, org: Any) -> Any:
    from partnerpath.assessments import selfassess

    contact = factories.contact(org, email="anong@example.org")
    return selfassess.invite(org, cast.member, contact)


def _company_form(answers: dict[str, dict[str, str]]) -> dict[str, str]:
    return {f"{ind}-{k}": v for ind, fields in answers.items() for k, v in fields.items()}


def _level_1_met() -> dict[str, dict[str, str]]:
    return {i: {"value": "met", "evidence_url": "https://example.org/x"} for i in indicator_ids(1)}


def test_a_member_creates_a_link_that_expires_after_the_configured_days(
    cast, org, client_for, settings
):
    from partnerpath.assessments.models import SelfAssessmentInvite

    settings.SELF_ASSESSMENT_LINK_DAYS = 7
    contact = factories.contact(org)
    response = client_for(cast.member).post(
        f"{P}/organisations/{org.pk}/invite/", {"contact": contact.pk}
    )
    assert response.status_code == 302
    link = SelfAssessmentInvite.objects.get(organisation=org)
    assert link.contact == contact and len(link.token) >= 40
    assert abs(link.expires_at - (timezone.now() + dt.timedelta(days=7))) < dt.timedelta(minutes=1)
    assert link.assessment.source == "company"
    page = client_for(cast.member).get(f"{P}/organisations/{org.pk}/").content.decode()
    assert f"/self-assessment/{link.token}/" in page


def test_read_only_roles_never_see_the_private_link(cast, link, client_for):
    page = client_for(cast.viewer).get(f"{P}/organisations/{link.organisation.pk}/")
    assert link.token not in page.content.decode()


def test_the_company_answers_without_an_account_and_sees_its_result(cast, org, link, client):
    form = client.get(f"/self-assessment/{link.token}/")
    assert form.status_code == 200
    page = form.content.decode()
    assert org.name in page and f'name="{indicator_ids(1)[0]}-value"' in page
    assert 'aria-label="Programme"' not in page  # no programme navigation
    response = client.post(f"/self-assessment/{link.token}/", _company_form(_level_1_met()))
    assert response["Location"] == f"/self-assessment/{link.token}/result/"
    result = client.get(response["Location"]).content.decode()
    assert "1 Follower" in result and "Goals for level 2" in result
    link.refresh_from_db()
    assert link.submitted_at is not None
    # the form is closed after submitting
    assert client.get(f"/self-assessment/{link.token}/")["Location"].endswith("/result/")


def test_the_company_answers_are_recorded_under_the_contact(cast, link, client):
    from partnerpath.assessments.models import AnswerRecord
    from partnerpath.audit.services import history_of

    client.post(f"/self-assessment/{link.token}/", _company_form(_level_1_met()))
    record = AnswerRecord.objects.filter(assessment=link.assessment).first()
    assert record.claimed_value == record.value == "met" and record.review == "pending"
    assert history_of(record).first().actor_label == "self-assessment: Anong S."


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_a_revoked_or_expired_link_gets_a_clear_410_page(cast, link, client, client_for, state):
    if state == "revoked":
        response = client_for(cast.member).post(f"{P}/invites/{link.pk}/revoke/")
        assert response.status_code == 302
        client.logout()
    else:
        link.expires_at = timezone.now() - dt.timedelta(seconds=1)
        link.save()
    for url in (f"/self-assessment/{link.token}/", f"/self-assessment/{link.token}/result/"):
        response = client.get(url)
        assert response.status_code == 410
        assert "no longer works" in response.content.decode()
    assert client.post(f"/self-assessment/{link.token}/", {}).status_code == 410


def test_an_unknown_token_is_404(client, link):
    assert client.get("/self-assessment/not-a-real-token/").status_code == 404
    assert client.get(f"/self-assessment/{link.token[:-1]}x/result/").status_code == 404


def test_the_token_holder_reaches_nothing_else(cast, org, link, client):
    from partnerpath.assessments import selfassess

    other_org = factories.organisation(cast.programme, name="Rival Fishing Ltd")
    other_link = selfassess.invite(other_org, cast.member)
    client.post(f"/self-assessment/{link.token}/", _company_form(_level_1_met()))
    for url in (
        "/p/mekong/",
        f"{P}/",
        f"{P}/{link.assessment.pk}/",
        f"{P}/{link.assessment.pk}/review/",
        f"/p/mekong/organisations/{org.pk}/",
        "/api/v1/assessments/",
    ):
        assert client.get(url).status_code in (302, 401, 403, 404), url
    result = client.get(f"/self-assessment/{link.token}/result/").content.decode()
    assert other_org.name not in result and other_link.token not in result
    assert "/p/mekong" not in result


def test_the_benchmark_counts_levels_without_names_and_is_withheld_for_small_groups(
    cast, org, link, client
):
    client.post(f"/self-assessment/{link.token}/", _company_form(_level_1_met()))
    for i in range(4):
        peer = factories.organisation(cast.programme, name=f"Peer {i}", sectors=["fisheries"])
        assessed(cast, peer, {1: "met", 2: "met"})
    page = client.get(f"/self-assessment/{link.token}/result/").content.decode()
    assert "comparison is withheld" in page and "Peer 0" not in page
    fifth = factories.organisation(cast.programme, name="Peer 4", sectors=["fisheries"])
    assessed(cast, fifth, {1: "met"})
    page = client.get(f"/self-assessment/{link.token}/result/").content.decode()
    assert "5 in all" in page and "Peer" not in page
    assert "<td>4</td>" in page  # four peers at level 2


def test_the_programme_accepts_or_adjusts_each_answer_and_both_values_stay(
    cast, link, client, client_for
):
    client.post(f"/self-assessment/{link.token}/", _company_form(_level_1_met()))
    first, second = indicator_ids(1)[:2]
    member = client_for(cast.member)
    page = member.get(f"{P}/{link.assessment.pk}/review/").content.decode()
    assert "(company&#x27;s answer)" in page or "(company's answer)" in page
    response = member.post(
        f"{P}/{link.assessment.pk}/review/",
        {f"review-{first}": "met", f"review-{second}": "partly"},
    )
    assert response.status_code == 302
    answers = {a.indicator_id: a for a in link.assessment.answers.all()}
    assert (answers[first].claimed_value, answers[first].value) == ("met", "met")
    assert answers[first].review == "accepted" and answers[first].reviewed_by == cast.member
    assert (answers[second].claimed_value, answers[second].value) == ("met", "partly")
    assert answers[second].review == "adjusted"
    detail = member.get(f"{P}/{link.assessment.pk}/").content.decode()
    assert "The company's answer: met ·" in detail and "adjusted" in detail


def test_the_companys_answer_is_shown_by_its_label_not_its_code(cast, link, client, client_for):
    first = indicator_ids(1)[0]
    client.post(f"/self-assessment/{link.token}/", _company_form({first: {"value": "not_met"}}))
    member = client_for(cast.member)
    detail = member.get(f"{P}/{link.assessment.pk}/").content.decode()
    review = member.get(f"{P}/{link.assessment.pk}/review/").content.decode()
    assert "The company's answer: not met ·" in detail and "not_met ·" not in detail
    assert "The company answered <strong>not met</strong>" in review


def test_a_programme_assessment_has_no_review_page(cast, org, client_for):
    mine = assessed(cast, org, {1: "met"}, final=False)
    assert client_for(cast.member).get(f"{P}/{mine.pk}/review/").status_code == 404


def test_an_organisation_of_several_sectors_gets_a_benchmark_for_each(cast, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from partnerpath.assessments import selfassess

    org = factories.organisation(cast.programme, "Mekong Foods", sectors=["fisheries", "retail"])
    link = selfassess.invite(org, cast.member)
    client.post(f"/self-assessment/{link.token}/", _company_form(_level_1_met()))
    for i in range(5):
        sectors = ["fisheries", "retail"] if i < 2 else ["fisheries"]
        peer = factories.organisation(cast.programme, name=f"Peer {i}", sectors=sectors)
        assessed(cast, peer, {1: "met", 2: "met"} if i else {1: "met"})
    with CaptureQueriesContext(connection) as queries:
        found = selfassess.benchmarks(link)
    assert [(b.sector, b.group_size, b.withheld) for b in found] == [
        ("fisheries", 5, False),
        ("retail", 2, True),
    ]
    assert found[0].counts[1:3] == [(1, "Follower", 1), (2, "Mature", 4)]
    assert len(queries) <= 2  # one for the levels' labels, one for every sector's counts
    page = client.get(f"/self-assessment/{link.token}/result/").content.decode()
    assert "Fisheries and seafood" in page and "5 in all" in page
    assert "Retail and consumer goods" in page and "comparison is withheld" in page
    assert "Peer" not in page


@pytest.mark.parametrize(
    ("revoked", "expires_in", "submitted", "live"),
    [
        (False, 1, False, True),
        (False, 1, True, True),
        (False, -1, False, False),
        (True, 1, False, False),
        (True, 1, True, False),
    ],
)
def test_a_link_is_live_until_revoked_or_expired(link, revoked, expires_in, submitted, live):
    now = timezone.now()
    link.expires_at = now + dt.timedelta(days=expires_in)
    link.revoked_at = now if revoked else None
    link.submitted_at = now if submitted else None
    assert link.is_live(now) is live


def test_the_page_offers_a_dead_link_neither_to_copy_nor_to_revoke(cast, link, client_for):
    url = f"{P}/organisations/{link.organisation.pk}/"
    page = client_for(cast.member).get(url).content.decode()
    assert link.token in page and f"/invites/{link.pk}/revoke/" in page
    link.expires_at = timezone.now() - dt.timedelta(seconds=1)
    link.save()
    page = client_for(cast.member).get(url).content.decode()
    assert link.token not in page and f"/invites/{link.pk}/revoke/" not in page


def test_a_link_is_only_for_an_active_contact_of_the_organisation(cast, org):
    from partnerpath.assessments import selfassess
    from partnerpath.assessments.models import SelfAssessmentInvite

    gone = factories.contact(org, "Former Staff", is_active=False)
    elsewhere = factories.contact(factories.organisation(cast.programme, name="Other Co"))
    with pytest.raises(ValueError, match="no longer works"):
        selfassess.invite(org, cast.member, gone)
    with pytest.raises(ValueError, match="works at another organisation"):
        selfassess.invite(org, cast.member, elsewhere)
    assert not SelfAssessmentInvite.objects.exists()


def test_the_review_page_sends_a_final_assessment_back_to_its_result(cast, org, client_for):
    from partnerpath.assessments import selfassess, services

    link = selfassess.invite(org, cast.member)
    selfassess.submit(link, {i: {"value": "met"} for i in indicator_ids(1)})
    selfassess.review(link.assessment, {i: "met" for i in indicator_ids(1)}, cast.member)
    services.finalise(link.assessment, cast.member)
    url = f"{P}/{link.assessment.pk}/review/"
    member = client_for(cast.member)
    assert member.get(url)["Location"] == f"{P}/{link.assessment.pk}/"
    first = indicator_ids(1)[0]
    member.post(url, {f"review-{first}": "not_met"})
    assert link.assessment.answers.get(indicator_id=first).value == "met"

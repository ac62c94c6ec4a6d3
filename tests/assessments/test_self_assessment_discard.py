"""A self-assessment the company never submitted, its link revoked or expired, can never be made
final: a team member discards it with a reason. It then stays listed as discarded, no longer
changes and no longer counts as a draft; who, when and why are kept and in the history."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests import factories
from tests.assessments.conftest import indicator_ids

pytestmark = pytest.mark.django_db

P = "/p/mekong/assessments"
A = "/api/v1/assessments"
REASON = "The company did not answer before the link expired."


@pytest.fixture
def link(cast: Any, org: Any) -> Any:
    from partnerpath.assessments import selfassess

    return selfassess.invite(org, cast.member, factories.contact(org))


def _expire(link: Any) -> None:
    link.expires_at = timezone.now() - dt.timedelta(seconds=1)
    link.save()


def _discard(client: Any, assessment: Any, reason: str = REASON) -> Any:
    body = {"action": "discard", "reason": reason}
    return client.post(f"{P}/{assessment.pk}/finalise/", body, follow=True)


def test_a_draft_whose_link_expired_unanswered_is_discarded_with_a_reason(
    cast, org, link, client_for
):
    from partnerpath.assessments import services
    from partnerpath.audit.services import history_of

    _expire(link)
    member = client_for(cast.member)
    assert services.panel_for(org).drafts == 1
    refused = member.post(f"{P}/{link.assessment.pk}/finalise/", follow=True).content.decode()
    assert "its link is expired: discard this draft instead" in refused
    detail = member.get(f"{P}/{link.assessment.pk}/").content.decode()
    assert "Discard the draft" in detail
    page = _discard(member, link.assessment).content.decode()
    assert "The self-assessment draft was discarded." in page and REASON in page
    assessment = link.assessment
    assessment.refresh_from_db()
    assert assessment.discarded_by == cast.member and assessment.discard_reason == REASON
    assert assessment.status == "draft" and assessment.get_status_display() == "discarded"
    assert services.panel_for(org).drafts == 0
    change = history_of(assessment).first()
    assert change.reason == REASON and change.actor == cast.member
    listed = member.get(f"{P}/organisations/{org.pk}/").content.decode()
    assert "discarded" in listed


def test_a_revoked_link_s_draft_is_discarded_through_the_api(cast, link, api_for):
    api = api_for(cast.member)
    api.post(f"/api/v1/self-assessment-links/{link.pk}/revoke/")
    response = api.post(f"{A}/{link.assessment.pk}/discard/", {"reason": REASON}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["discard_reason"], body["discarded_by"]) == (REASON, cast.member.get_username())
    assert body["discarded_at"] is not None
    again = api.post(f"{A}/{link.assessment.pk}/discard/", {"reason": REASON}, format="json")
    assert again.json() == {"status": ["The assessment was discarded already."]}


@pytest.mark.parametrize(
    ("situation", "problem"),
    [
        ("open", "The company can still answer through its link: revoke the link first."),
        (
            "submitted",
            "The company submitted its answers: review them and make the assessment final.",
        ),
        ("programme", "Only a company self-assessment that was never submitted can be discarded."),
    ],
)
def test_only_a_dead_unsubmitted_self_assessment_is_discarded(
    cast, org, link, api_for, client_for, situation, problem
):
    from partnerpath.assessments import selfassess, services

    assessment = link.assessment
    if situation == "submitted":
        selfassess.submit(link, {indicator_ids(1)[0]: {"value": "met"}})
        _expire(link)
    elif situation == "programme":
        assessment = services.start_assessment(cast.programme, cast.member, org)
    response = api_for(cast.member).post(
        f"{A}/{assessment.pk}/discard/", {"reason": REASON}, format="json"
    )
    assert (response.status_code, response.json()) == (400, {"status": [problem]})
    assert problem in _discard(client_for(cast.member), assessment).content.decode()
    assessment.refresh_from_db()
    assert assessment.discarded_at is None


def test_a_discard_needs_a_reason(cast, link, api_for, client_for):
    _expire(link)
    assert (
        "Say why the draft is discarded."
        in _discard(client_for(cast.member), link.assessment, " ").content.decode()
    )
    response = api_for(cast.member).post(f"{A}/{link.assessment.pk}/discard/", {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    link.assessment.refresh_from_db()
    assert link.assessment.discarded_at is None


def test_a_discarded_draft_no_longer_changes(cast, link, api_for):
    from partnerpath.assessments import selfassess, services

    _expire(link)
    selfassess.discard(link.assessment, cast.member, REASON)
    api = api_for(cast.member)
    pk = link.assessment.pk
    locked = {"status": ["A discarded assessment no longer changes."]}
    for path, body in (
        ("answers/", [{"indicator": indicator_ids(1)[0], "value": "met"}]),
        ("finalise/", None),
        ("reopen/", None),
    ):
        response = api.post(f"{A}/{pk}/{path}", body, format="json")
        assert (response.status_code, response.json()) == (400, locked), path
    assert api.patch(f"{A}/{pk}/", {"assessed_on": "2025-01-31"}, format="json").status_code == 400
    with pytest.raises(ValueError, match="discarded"):
        services.save_answers(link.assessment, {indicator_ids(1)[0]: {"value": "met"}}, cast.member)


@pytest.mark.parametrize("role", ["viewer", "reviewer"])
def test_read_only_roles_cannot_discard(cast, link, api_for, client_for, role):
    _expire(link)
    user = getattr(cast, role)
    assert (
        api_for(user).post(f"{A}/{link.assessment.pk}/discard/", {"reason": "x"}).status_code == 403
    )
    response = client_for(user).post(
        f"{P}/{link.assessment.pk}/finalise/", {"action": "discard", "reason": "x"}
    )
    assert response.status_code == 403
    link.assessment.refresh_from_db()
    assert link.assessment.discarded_at is None


def test_an_outsider_cannot_discard(cast, link, api_for, client_for):
    _expire(link)
    assert (
        api_for(cast.outsider)
        .post(f"{A}/{link.assessment.pk}/discard/", {"reason": "x"})
        .status_code
        == 404
    )
    response = client_for(cast.outsider).post(
        f"{P}/{link.assessment.pk}/finalise/", {"action": "discard", "reason": "x"}
    )
    assert response.status_code == 404

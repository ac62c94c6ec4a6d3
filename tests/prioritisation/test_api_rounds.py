"""Opening, closing and scoring rounds through the API, with the web pages' service and rules:
team members open and close rounds (reviewers and viewers 403, the outsider sees nothing),
raters write only their own sheet, and a submitted sheet is locked."""

from __future__ import annotations

from typing import Any

import pytest

from tests.prioritisation.conftest import fill_all, opportunity

pytestmark = pytest.mark.django_db
A = "/api/v1"


def _body(cast: Any, opps: list[Any], **changes: Any) -> dict[str, Any]:
    return {
        "programme": "mekong",
        "name": "Programme team",
        "raters": [cast.member.pk, cast.reviewer.pk],
        "opportunities": [o.pk for o in opps[:2]],
        "top_k": 2,
    } | changes


def test_a_team_member_opens_a_round_with_raters_and_scope(cast, opps, api_for):
    from partnerpath.audit.models import Change
    from partnerpath.prioritisation.models import RaterSheet, Round
    from partnerpath.prioritisation.services import templates

    version = templates.default_template_version(cast.programme)
    response = api_for(cast.member).post(
        f"{A}/rounds/", _body(cast, opps, template_version=version.pk), format="json"
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["name"], data["template_id"], data["top_k"], data["status"]) == (
        "Programme team",
        "scorecard-default-v1",
        2,
        "open",
    )
    assert {r["user"] for r in data["raters"]} == {cast.member.pk, cast.reviewer.pk}
    assert sorted(data["opportunities"]) == sorted(o.pk for o in opps[:2])
    found = Round.objects.get(pk=data["id"])
    assert RaterSheet.objects.filter(round=found).count() == 2
    opps[0].refresh_from_db()
    assert opps[0].status == "scoring"
    created = Change.objects.filter(object_id=str(found.pk), action="create").latest("id")
    assert created.actor == cast.member


def test_a_rater_named_twice_gets_one_sheet(cast, opps, api_for):
    from partnerpath.prioritisation.models import RaterSheet

    twice = [cast.member.pk, cast.reviewer.pk, cast.member.pk]
    response = api_for(cast.owner).post(
        f"{A}/rounds/", _body(cast, opps, raters=twice), format="json"
    )
    assert response.status_code == 201, response.json()
    once = sorted(twice[:2])
    assert sorted(r["user"] for r in response.json()["raters"]) == once
    sheets = RaterSheet.objects.filter(round_id=response.json()["id"])
    assert sorted(sheets.values_list("rater_id", flat=True)) == once


def test_without_a_template_version_the_round_uses_the_default_card(cast, opps, api_for):
    response = api_for(cast.owner).post(f"{A}/rounds/", _body(cast, opps), format="json")
    assert response.status_code == 201 and response.json()["template_id"] == "scorecard-default-v1"


def test_reviewers_and_viewers_cannot_open_a_round_and_the_outsider_learns_nothing(
    cast, opps, api_for
):
    from partnerpath.prioritisation.models import Round

    for user in (cast.reviewer, cast.viewer):
        refused = api_for(user).post(f"{A}/rounds/", _body(cast, opps), format="json")
        assert refused.status_code == 403
    outsider = api_for(cast.outsider).post(f"{A}/rounds/", _body(cast, opps), format="json")
    assert outsider.status_code == 400
    assert "You are not a member of a programme called 'mekong'" in str(outsider.json())
    own = _body(cast, opps, programme="other", raters=[cast.outsider.pk])
    elsewhere = api_for(cast.outsider).post(f"{A}/rounds/", own, format="json")
    assert elsewhere.status_code == 400 and "No record with id" in str(elsewhere.json())
    assert not Round.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"raters": []}, "This list may not be empty."),
        ({"opportunities": []}, "This list may not be empty."),
        ({"raters": ["viewer"]}, "viewers only read): not viewer"),
        ({"raters": ["outsider"]}, "No team member with id"),
        ({"opportunities": ["dropped"]}, "not dropped: “Old idea”"),
        ({"weight_decision": "other-template"}, "agreed for another template version"),
        ({"top_k": 0}, "greater than or equal to 1"),
    ],
)
def test_a_round_with_wrong_raters_scope_or_weights_is_refused(
    cast, opps, api_for, changes, message
):
    import datetime as dt

    from partnerpath.prioritisation.models import Round
    from partnerpath.prioritisation.services import templates, weights

    names = {"viewer": cast.viewer.pk, "outsider": cast.outsider.pk}
    if changes.get("raters"):
        changes["raters"] = [names[n] for n in changes["raters"]]
    if changes.get("opportunities"):
        old = opportunity(cast.programme, "Old idea", status="dropped", status_reason="No champion")
        changes["opportunities"] = [old.pk]
    if changes.get("weight_decision"):
        default = templates.default_template_version(cast.programme)
        tailored = templates.tailor_version(default, cast.owner, drop=["time_horizon"])
        only = {"development": 100, "business": 0, "government": 0, "risk_costs": 0}
        day = dt.date(2026, 11, 20)
        decision = weights.record_direct(tailored, only, None, cast.owner, day, "Development")
        changes |= {"weight_decision": decision.pk, "template_version": default.pk}
    response = api_for(cast.member).post(
        f"{A}/rounds/", _body(cast, opps, **changes), format="json"
    )
    assert response.status_code == 400
    assert message in str(response.json())
    assert not Round.objects.exists()


def test_the_lead_who_opened_the_round_closes_it_once(cast, opps, api_for):
    from partnerpath.prioritisation.services import rounds, templates

    version = templates.default_template_version(cast.programme)
    mine = rounds.create_round(
        cast.programme, "Internal", version, None, [cast.reviewer], opps, cast.member
    )
    for user in (cast.viewer, cast.reviewer):
        assert api_for(user).post(f"{A}/rounds/{mine.pk}/close/").status_code == 403
    assert api_for(cast.outsider).post(f"{A}/rounds/{mine.pk}/close/").status_code == 404
    closed = api_for(cast.member).post(f"{A}/rounds/{mine.pk}/close/")
    assert closed.status_code == 200
    assert (closed.json()["status"], closed.json()["closed_by"]) == ("closed", cast.member.pk)
    again = api_for(cast.owner).post(f"{A}/rounds/{mine.pk}/close/")
    assert again.status_code == 400 and "already closed" in str(again.json())


def test_a_team_member_who_did_not_open_the_round_cannot_close_it(cast, round_, api_for):
    from partnerpath.audit.models import Change

    before = Change.objects.count()
    refused = api_for(cast.member).post(f"{A}/rounds/{round_.pk}/close/")
    assert refused.status_code == 403
    assert "Only the round's lead (who opened it), programme admins and PSE leads" in str(
        refused.json()
    )
    round_.refresh_from_db()
    assert round_.is_open and Change.objects.count() == before


def test_a_pse_lead_closes_a_round_someone_else_opened(cast, round_, api_for):
    from partnerpath.accounts.models import Membership

    Membership.objects.filter(programme=cast.programme, user=cast.member).update(role="pse_lead")
    closed = api_for(cast.member).post(f"{A}/rounds/{round_.pk}/close/")
    assert closed.status_code == 200 and closed.json()["closed_by"] == cast.member.pk


def _score(round_: Any, opp: Any, **fields: Any) -> dict[str, Any]:
    return {"round": round_.pk, "opportunity": opp.pk, "factor": "risk", "score": 2} | fields


def test_a_rater_writes_only_their_own_sheet(cast, round_, opps, api_for):
    from partnerpath.prioritisation.models import Score

    member = api_for(cast.member)
    assert member.post(f"{A}/scores/", _score(round_, opps[0]), format="json").status_code == 201
    # Naming another rater or sheet changes nothing: the score lands on the requester's sheet.
    sneaky = _score(round_, opps[0], score=5, rater=cast.reviewer.pk, sheet=1)
    assert member.post(f"{A}/scores/", sneaky, format="json").status_code == 201
    assert list(Score.objects.values_list("sheet__rater", "score")) == [(cast.member.pk, 5)]
    refused = api_for(cast.owner).post(f"{A}/scores/", _score(round_, opps[0]), format="json")
    assert refused.status_code == 403 and "not a rater" in str(refused.json())
    outsider = api_for(cast.outsider).post(f"{A}/scores/", _score(round_, opps[0]), format="json")
    assert outsider.status_code == 400 and "No record with id" in str(outsider.json())


def test_a_submitted_sheet_is_locked_against_api_writes(cast, round_, opps, api_for):
    from partnerpath.prioritisation.models import Score

    fill_all(round_, cast.member, {})
    member = api_for(cast.member)
    assert member.post(f"{A}/rounds/{round_.pk}/submit/").status_code == 200
    late = member.post(f"{A}/scores/", _score(round_, opps[0], score=5), format="json")
    assert late.status_code == 400
    assert "already submitted" in str(late.json()) and "is locked" in str(late.json())
    again = member.post(f"{A}/rounds/{round_.pk}/submit/")
    assert again.status_code == 400 and "already submitted" in str(again.json())
    kept = Score.objects.filter(sheet__rater=cast.member, opportunity=opps[0], factor="risk")
    assert kept.get().score == 3


def test_a_closed_round_takes_no_more_scores_through_the_api(cast, round_, opps, api_for):
    api_for(cast.owner).post(f"{A}/rounds/{round_.pk}/close/")
    late = api_for(cast.reviewer).post(f"{A}/scores/", _score(round_, opps[0]), format="json")
    assert late.status_code == 400 and "round is closed" in str(late.json())


def test_a_score_sent_without_a_rationale_keeps_the_saved_one(cast, round_, opps, api_for):
    from partnerpath.prioritisation.models import Score

    member = api_for(cast.member)
    first = _score(round_, opps[0], rationale="The CEO spoke for it.")
    assert member.post(f"{A}/scores/", first, format="json").status_code == 201
    changed = member.post(f"{A}/scores/", _score(round_, opps[0], score=4), format="json")
    assert changed.status_code == 201 and changed.json()["rationale"] == "The CEO spoke for it."
    saved = Score.objects.get(sheet__rater=cast.member, opportunity=opps[0], factor="risk")
    assert (saved.score, saved.rationale) == (4, "The CEO spoke for it.")
    cleared = member.post(f"{A}/scores/", _score(round_, opps[0], rationale=""), format="json")
    assert cleared.status_code == 201 and cleared.json()["rationale"] == ""


def test_a_rationale_sent_alone_keeps_the_saved_score_or_abstention(cast, round_, opps, api_for):
    from partnerpath.audit.models import Change
    from partnerpath.prioritisation.models import Score

    member = api_for(cast.member)
    assert (
        member.post(f"{A}/scores/", _score(round_, opps[0], score=4), format="json").status_code
        == 201
    )
    only = {"round": round_.pk, "opportunity": opps[0].pk, "factor": "risk"}
    why = only | {"rationale": "Two incidents last year."}
    sent = member.post(f"{A}/scores/", why, format="json")
    assert sent.status_code == 201
    assert (sent.json()["score"], sent.json()["rationale"]) == (4, "Two incidents last year.")
    saved = Score.objects.get(sheet__rater=cast.member, opportunity=opps[0], factor="risk")
    assert (saved.score, saved.insufficient_information) == (4, False)
    change = Change.objects.filter(object_id=str(saved.pk), content_type__model="score").latest(
        "id"
    )
    assert change.changes == {"rationale": {"old": "", "new": "Two incidents last year."}}
    na = only | {"insufficient_information": True}
    assert member.post(f"{A}/scores/", na, format="json").status_code == 201
    member.post(f"{A}/scores/", only | {"rationale": "No audit yet."}, format="json")
    saved.refresh_from_db()
    assert (saved.score, saved.insufficient_information, saved.rationale) == (
        None,
        True,
        "No audit yet.",
    )
    cleared = member.post(f"{A}/scores/", only | {"score": None}, format="json")
    assert cleared.status_code == 201 and cleared.json()["insufficient_information"] is False
    assert cleared.json()["score"] is None
    outsider = api_for(cast.outsider).post(f"{A}/scores/", why, format="json")
    assert outsider.status_code == 400 and Score.objects.count() == 1


def test_a_team_member_submits_the_sheet_of_an_offline_rater_on_record(cast, round_, opps, api_for):
    from partnerpath.audit.services import history_of
    from partnerpath.prioritisation.models import RaterSheet

    offline = fill_all(round_, cast.reviewer, {})
    body = {"rater": cast.reviewer.pk}
    url = f"{A}/rounds/{round_.pk}/submit/"
    # The member rates the round and has not submitted: no anchoring, no handling others' sheets.
    refused = api_for(cast.member).post(url, body, format="json")
    assert refused.status_code == 403 and "only your own sheet" in str(refused.json())
    for user in (cast.viewer, cast.reviewer):
        assert api_for(user).post(url, {"rater": cast.member.pk}, format="json").status_code == 403
    assert api_for(cast.outsider).post(url, body, format="json").status_code == 404
    assert RaterSheet.objects.filter(round=round_, submitted_at__isnull=False).count() == 0
    submitted = api_for(cast.owner).post(url, body, format="json")
    assert submitted.status_code == 200, submitted.json()
    shown = {r["user"]: r["submitted_by"] for r in submitted.json()["raters"]}
    assert shown == {cast.reviewer.pk: cast.owner.pk, cast.member.pk: None}
    offline.refresh_from_db()
    assert offline.is_locked and offline.submitted_by == cast.owner
    change = history_of(offline).latest("id")
    assert change.actor == cast.owner and "for reviewer (offline)" in change.reason
    again = api_for(cast.owner).post(url, body, format="json")
    assert again.status_code == 400 and "already submitted" in str(again.json())
    nobody = api_for(cast.owner).post(url, {"rater": cast.viewer.pk}, format="json")
    assert nobody.status_code == 404


def test_the_rounds_weights_say_who_agreed_them_and_the_outsider_sees_nothing(
    cast, opps, round_, api_for
):
    import datetime as dt

    from partnerpath.prioritisation.services import rounds, templates, weights

    default = api_for(cast.viewer).get(f"{A}/rounds/{round_.pk}/weights/").json()
    assert (default["method"], default["weight_decision"]) == ("template", None)
    assert abs(sum(default["group_weights"].values()) - 1) < 1e-9
    version = templates.default_template_version(cast.programme)
    groups = {"development": 40, "business": 20, "government": 20, "risk_costs": 20}
    decision = weights.record_direct(
        version, groups, None, cast.owner, dt.date(2026, 11, 20), "Agreed at the retreat"
    )
    agreed = rounds.create_round(
        cast.programme, "Programme team", version, decision, [cast.member], opps, cast.owner
    )
    body = api_for(cast.reviewer).get(f"{A}/rounds/{agreed.pk}/weights/").json()
    assert (body["method"], body["group_weights"]["development"]) == ("direct", 0.4)
    shown = body["weight_decision"]
    assert (shown["id"], shown["agreed_by"], shown["agreed_by_name"]) == (
        decision.pk,
        cast.owner.pk,
        "owner",
    )
    assert (shown["agreed_on"], shown["reason"], shown["rounds"]) == (
        "2026-11-20",
        "Agreed at the retreat",
        [agreed.pk],
    )
    assert api_for(cast.outsider).get(f"{A}/rounds/{agreed.pk}/weights/").status_code == 404

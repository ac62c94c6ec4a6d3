"""Scoring a round: abstentions, complete sheets, locked sheets, no anchoring, a concurrent
double submit, and closing the round."""

from __future__ import annotations

import pytest

from tests.prioritisation.conftest import FACTORS, fill, fill_all, sheet

pytestmark = pytest.mark.django_db
P = "/p/mekong/prioritisation"


def test_a_sheet_with_empty_factors_cannot_be_submitted(cast, round_, opps):
    from partnerpath.prioritisation.services import rounds

    mine = sheet(round_, cast.member)
    fill(mine, opps[0], 4)
    with pytest.raises(rounds.ScoringError, match="30 factor score"):
        rounds.submit_sheet(mine, cast.member)


def test_insufficient_information_is_an_abstention_not_a_zero(cast, round_, opps):
    from partnerpath.prioritisation.services import results, rounds

    for user in (cast.member, cast.reviewer):
        mine = fill_all(round_, user, {})
        fill(mine, opps[0], 5, alignment="na" if user == cast.member else "5")
        rounds.submit_sheet(mine, user)
    ranked = results.rank(round_)
    line = next(r for r in ranked.ranking if r.opportunity == str(opps[0].pk))
    alignment = next(f for f in line.factors if f.key == "alignment")
    assert (alignment.mean, alignment.raters, alignment.abstentions) == (5.0, 1, 1)


def test_a_submitted_sheet_is_locked(cast, round_, opps, client_for):
    from partnerpath.prioritisation.models import Score
    from partnerpath.prioritisation.services import rounds

    mine = fill_all(round_, cast.member, {})
    rounds.submit_sheet(mine, cast.member)
    with pytest.raises(rounds.ScoringError, match="locked"):
        fill(mine, opps[0], 1)
    data = {f"score_{f}": "1" for f in FACTORS}
    client_for(cast.member).post(f"{P}/rounds/{round_.pk}/sheet/{opps[0].pk}/", data)
    assert set(Score.objects.filter(sheet=mine).values_list("score", flat=True)) == {3}


def test_a_rater_sees_the_others_scores_only_after_submitting(cast, round_, client_for):
    from partnerpath.prioritisation.services import rounds

    rounds.submit_sheet(fill_all(round_, cast.reviewer, {"Shelter equipment": 5}), cast.reviewer)
    client = client_for(cast.member)
    before = client.get(f"{P}/rounds/{round_.pk}/results/")
    assert before.status_code == 200
    assert (
        b"submit your sheet first" in before.content and b"Shelter equipment" not in before.content
    )
    rounds.submit_sheet(fill_all(round_, cast.member, {}), cast.member)
    after = client.get(f"{P}/rounds/{round_.pk}/results/")
    assert b"Shelter equipment" in after.content and b"submit your sheet first" not in after.content


def test_a_rater_who_has_not_submitted_cannot_open_another_raters_sheet(cast, round_, client_for):
    from partnerpath.prioritisation.models import Score

    fill_all(round_, cast.reviewer, {"Shelter equipment": 5}, "My private view")
    client = client_for(cast.member)
    query = f"?rater={cast.reviewer.pk}"
    for page in ("export", "import"):
        refused = client.get(f"{P}/rounds/{round_.pk}/sheet/{page}/{query}")
        assert refused.status_code == 403
        assert "you see and import only your own sheet" in refused.content.decode()
    upload = client.post(f"{P}/rounds/{round_.pk}/sheet/import/{query}", {})
    assert upload.status_code == 403
    assert set(Score.objects.filter(sheet__rater=cast.reviewer).values_list("score", flat=True))
    assert client.get(f"{P}/rounds/{round_.pk}/sheet/export/").status_code == 200  # their own
    page = client.get(f"{P}/rounds/{round_.pk}/").content.decode()
    assert f"?rater={cast.reviewer.pk}" not in page and "once your own is submitted" in page


def test_after_submitting_a_team_member_handles_an_offline_raters_sheet(cast, round_, client_for):
    from partnerpath.prioritisation.services import rounds

    rounds.submit_sheet(fill_all(round_, cast.member, {}), cast.member)
    client = client_for(cast.member)
    export = client.get(f"{P}/rounds/{round_.pk}/sheet/export/?rater={cast.reviewer.pk}")
    assert export.status_code == 200
    page = client.get(f"{P}/rounds/{round_.pk}/").content.decode()
    assert f"sheet/export/?rater={cast.reviewer.pk}" in page and "submit for them" in page


@pytest.mark.parametrize("role", ["owner", "viewer", "reviewer", "outsider"])
def test_who_opens_another_raters_sheet_of_an_open_round(cast, round_, client_for, role):
    """The owner does not rate the round: they help offline raters. The reviewer rates it and
    has not submitted; the viewer only reads; the outsider sees nothing."""
    url = f"{P}/rounds/{round_.pk}/sheet/export/?rater={cast.member.pk}"
    status = client_for(getattr(cast, role)).get(url).status_code
    assert status == {"owner": 200, "viewer": 403, "reviewer": 403, "outsider": 404}[role]


def test_a_team_member_submits_an_offline_raters_sheet_on_record(cast, round_, client_for):
    from partnerpath.audit.services import history_of

    offline = fill_all(round_, cast.reviewer, {})
    url = f"{P}/rounds/{round_.pk}/sheet/submit/?rater={cast.reviewer.pk}"
    for user in (cast.member, cast.viewer):  # a rater with a sheet to submit; a viewer
        assert client_for(user).post(url).status_code == 403
    offline.refresh_from_db()
    assert not offline.is_locked
    response = client_for(cast.owner).post(url, follow=True)
    assert "Sheet of reviewer submitted for them and locked." in response.content.decode()
    offline.refresh_from_db()
    assert offline.is_locked and offline.submitted_by == cast.owner
    change = history_of(offline).first()
    assert change.actor == cast.owner and change.changes["submitted_by"]["new"] == cast.owner.pk
    assert "by owner for the rater (offline)" in response.content.decode()


def test_an_incomplete_offline_sheet_is_not_submitted_for_the_rater(cast, round_, client_for):
    from partnerpath.prioritisation.models import RaterSheet

    url = f"{P}/rounds/{round_.pk}/sheet/submit/?rater={cast.reviewer.pk}"
    response = client_for(cast.owner).post(url, follow=True)
    assert "45 factor score(s) are still empty" in response.content.decode()
    assert not RaterSheet.objects.filter(submitted_at__isnull=False).exists()


def test_of_two_simultaneous_submits_one_wins_and_nothing_is_lost(cast, round_, opps):
    from partnerpath.prioritisation.models import RaterSheet, Score
    from partnerpath.prioritisation.services import rounds

    first_tab = fill_all(round_, cast.member, {"Worker voice at sea": 4})
    second_tab = RaterSheet.objects.get(pk=first_tab.pk)  # loaded before either submit
    rounds.submit_sheet(first_tab, cast.member)
    with pytest.raises(rounds.ScoringError, match="already submitted"):
        rounds.submit_sheet(second_tab, cast.member)
    with pytest.raises(rounds.ScoringError, match="locked"):
        fill(second_tab, opps[0], 1)
    kept = Score.objects.filter(sheet=first_tab, opportunity=opps[0])
    assert kept.count() == 15 and {s.score for s in kept} == {4}
    assert RaterSheet.objects.get(pk=first_tab.pk).submitted_at is not None


def test_the_second_submit_gets_a_clear_message_on_the_page(cast, round_, client_for):
    from partnerpath.prioritisation.services import rounds

    rounds.submit_sheet(fill_all(round_, cast.member, {}), cast.member)
    response = client_for(cast.member).post(f"{P}/rounds/{round_.pk}/sheet/submit/", follow=True)
    assert "already submitted" in response.content.decode()


def test_the_round_closes_when_every_rater_has_submitted(cast, round_):
    from partnerpath.prioritisation.services import rounds

    rounds.submit_sheet(fill_all(round_, cast.member, {}), cast.member)
    round_.refresh_from_db()
    assert round_.is_open
    rounds.submit_sheet(fill_all(round_, cast.reviewer, {}), cast.reviewer)
    round_.refresh_from_db()
    assert not round_.is_open and round_.closed_by is None


def test_only_the_lead_admins_and_pse_leads_close_a_round(cast, round_, opps, client_for):
    from partnerpath.accounts.models import Membership
    from partnerpath.prioritisation.services import rounds, templates

    client = client_for(cast.member)
    assert "Close the round" not in client.get(f"{P}/rounds/{round_.pk}/").content.decode()
    refused = client.post(f"{P}/rounds/{round_.pk}/close/")
    assert refused.status_code == 403 and "Only the round&#x27;s lead" in refused.content.decode()
    round_.refresh_from_db()
    assert round_.is_open
    version = templates.default_template_version(cast.programme)
    own = rounds.create_round(
        cast.programme, "Own", version, None, [cast.member], opps, cast.member
    )
    assert "Close the round" in client.get(f"{P}/rounds/{own.pk}/").content.decode()
    assert client.post(f"{P}/rounds/{own.pk}/close/").status_code == 302
    Membership.objects.filter(programme=cast.programme, user=cast.member).update(role="pse_lead")
    assert client.post(f"{P}/rounds/{round_.pk}/close/").status_code == 302
    round_.refresh_from_db()
    assert not round_.is_open and round_.closed_by == cast.member


def test_the_lead_closes_the_round_and_it_takes_no_more_scores(cast, round_, opps, client_for):
    from partnerpath.prioritisation.services import rounds

    client_for(cast.owner).post(f"{P}/rounds/{round_.pk}/close/")
    round_.refresh_from_db()
    assert not round_.is_open and round_.closed_by == cast.owner
    with pytest.raises(rounds.ScoringError, match="closed"):
        fill(sheet(round_, cast.member), opps[0], 2)


def test_a_reviewer_scores_a_round_they_rate_through_the_page(cast, round_, opps, client_for):
    from partnerpath.prioritisation.models import Score

    data = {f"score_{f}": "4" for f in FACTORS} | {"score_risk": "na", "rationale_risk": "Unknown"}
    client = client_for(cast.reviewer)
    response = client.post(f"{P}/rounds/{round_.pk}/sheet/{opps[0].pk}/", data)
    assert response.status_code == 302
    risk = Score.objects.get(sheet__rater=cast.reviewer, opportunity=opps[0], factor="risk")
    assert (risk.score, risk.insufficient_information, risk.rationale) == (None, True, "Unknown")
    page = client.get(f"{P}/rounds/{round_.pk}/sheet/{opps[0].pk}/")
    assert "A senior leader champions it inside and outside the company" in page.content.decode()


def test_a_score_outside_the_scale_is_refused(cast, round_, opps):
    from partnerpath.prioritisation.services import rounds

    with pytest.raises(rounds.ScoringError, match="1-5"):
        fill(sheet(round_, cast.member), opps[0], 6)

"""The pages of one partnership's journey: starting it (from scratch or from a selected
opportunity), its overview, the type advisor and alignment, stage moves through the gates with
overrides, and the programme's gate settings."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.utils.html import escape

from partnerpath.core.lifecycle.stages import Stage
from partnerpath.partnerships.models import Concern, Partnership, StageChange, TimelineEvent
from partnerpath.partnerships.services.facts import gate_config_of, save_gate_config
from tests import factories
from tests.partnerships.conftest import name_point_persons

pytestmark = pytest.mark.django_db
P = "/p/mekong/partnerships"


def page(client: Any, url: str) -> str:
    """The page's HTML, asserting it answered 200."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_starts_a_partnership_and_lands_on_its_overview(cast, client_for):
    client = client_for(cast.member)
    response = client.post(
        f"{P}/new/",
        {
            "title": "Worker voice at sea",
            "shared_vision": "Every fisher can raise a grievance from the boat.",
            "programme_point_person": cast.member.pk,
            "partnership_type": "shared_value",
        },
    )
    made = Partnership.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{P}/{made.pk}/"
    assert (made.stage, made.programme_point_person) == ("identified", cast.member)
    text = page(client, f"{P}/{made.pk}/")
    assert "Every fisher can raise a grievance" in text and "Partnership created" in text


def test_the_point_person_must_be_a_member_of_the_programme(cast, client_for):
    response = client_for(cast.member).post(
        f"{P}/new/", {"title": "Elsewhere", "programme_point_person": cast.outsider.pk}
    )
    assert response.status_code == 200 and not Partnership.objects.exists()
    assert "Select a valid choice" in response.content.decode()


def test_create_from_opportunity_carries_its_organisations_and_opens_the_same_partnership_twice(
    cast, client_for
):
    from partnerpath.prioritisation.models import Opportunity, OpportunityOrganisation

    company = factories.organisation(cast.programme, "Andaman Seafood")
    ngo = factories.organisation(cast.programme, "Fishers' Rights Network", kind="ngo")
    opp = Opportunity.objects.create(
        programme=cast.programme,
        title="Worker voice at sea",
        description="Grievance channel on boats",
        partnership_type="shared_value",
        status="selected",
        status_reason="Top of the donor round",
    )
    for org, role in ((company, "partner"), (ngo, "implementer")):
        OpportunityOrganisation.objects.create(
            programme=cast.programme, opportunity=opp, organisation=org, role=role
        )
    client = client_for(cast.member)
    first = client.post(f"{P}/from-opportunity/{opp.pk}/")
    made = Partnership.objects.get()
    assert first["Location"] == f"{P}/{made.pk}/"
    roles = {(p.organisation.name, p.role) for p in made.partners.all()}
    assert roles == {("Andaman Seafood", "company_partner"), ("Fishers' Rights Network", "ngo")}
    assert made.shared_vision == "Grievance channel on boats"
    again = client.post(f"{P}/from-opportunity/{opp.pk}/", follow=True)
    assert Partnership.objects.count() == 1
    assert "already has a partnership" in again.content.decode()
    pipeline = page(client, "/p/mekong/prioritisation/pipeline/")
    assert f"{P}/{made.pk}/" in pipeline and "Start the partnership" not in pipeline


def test_an_opportunity_not_selected_is_refused_with_a_reason(cast, client_for):
    from partnerpath.prioritisation.models import Opportunity

    opp = Opportunity.objects.create(programme=cast.programme, title="Shelter equipment")
    response = client_for(cast.member).post(f"{P}/from-opportunity/{opp.pk}/", follow=True)
    assert "select it for development in the pipeline" in response.content.decode()
    assert not Partnership.objects.exists()


def test_the_pipeline_offers_to_start_the_partnership_of_a_selected_opportunity(cast, client_for):
    from partnerpath.prioritisation.models import Opportunity

    opp = Opportunity.objects.create(
        programme=cast.programme, title="Ethical recruitment", status="selected", status_reason="x"
    )
    text = page(client_for(cast.member), "/p/mekong/prioritisation/pipeline/")
    assert f"{P}/from-opportunity/{opp.pk}/" in text and "Start the partnership" in text
    assert "Start the partnership" not in page(
        client_for(cast.viewer), "/p/mekong/prioritisation/pipeline/"
    )


def test_another_programmes_opportunity_is_not_found(cast, client_for):
    from partnerpath.prioritisation.models import Opportunity

    theirs = Opportunity.objects.create(
        programme=cast.other_programme, title="Theirs", status="selected", status_reason="x"
    )
    response = client_for(cast.member).post(f"{P}/from-opportunity/{theirs.pk}/")
    assert response.status_code == 404


def test_the_overview_shows_partners_next_gate_and_links_without_other_apps_data(
    cast, deal, client_for
):
    text = page(client_for(cast.viewer), f"{P}/{deal.partnership.pk}/")
    assert (
        escape(deal.company.organisation.name) in text
        and escape(deal.ngo.organisation.name) in text
    )
    assert "To enter Cultivating" in text and "Every requirement" in text
    assert "No agreement recorded yet" in text and "No health check yet" in text
    assert "not assessed" in text and "none yet" in text


def test_the_overview_lists_what_the_next_gate_still_needs(cast, deal, client_for):
    from partnerpath.accounts.models import Membership
    from partnerpath.partnerships.services import stages

    stages.advance(
        deal.partnership,
        "cultivating",
        Membership.objects.get(user=cast.owner, programme=cast.programme),
    )
    text = page(client_for(cast.member), f"{P}/{deal.partnership.pk}/")
    assert "To enter Co-creation" in text
    name = deal.company.organisation.name
    assert name.endswith("Co., Ltd.")  # one full stop ends the sentence, not two
    assert f"Name a point-person for {name}<" in text and f"{name}." not in text


def test_misalignment_warning_shows_while_types_differ_and_disappears_when_aligned(
    cast, deal, client_for
):
    client = client_for(cast.member)
    url = f"{P}/{deal.partnership.pk}/type/"
    form = {
        f"preferred_{deal.company.pk}": "csr_philanthropy",
        f"preferred_{deal.ngo.pk}": "shared_value",
    }
    client.post(url, form)
    assert 'id="type-misalignment"' in page(client, f"{P}/{deal.partnership.pk}/")
    assert "do not agree on the type" in page(client, url)
    client.post(url, form | {f"preferred_{deal.company.pk}": "shared_value"})
    overview = page(client, f"{P}/{deal.partnership.pk}/")
    assert 'id="type-misalignment"' not in overview
    assert "All partners agree on Shared value" in overview
    kinds = TimelineEvent.objects.filter(partnership=deal.partnership, kind="type").count()
    assert kinds == 3  # two preferences, then one change of mind


def test_the_type_advisor_stores_answers_and_explains_its_suggestion(cast, deal, client_for):
    client = client_for(cast.member)
    url = f"{P}/{deal.partnership.pk}/type/"
    client.post(
        url,
        {
            "impact": "lasting_change",
            "timeframe": "long",
            "programme_role": "co_creates",
            f"role_{deal.company.pk}": "co_creates",
            f"role_{deal.ngo.pk}": "co_creates",
            "resources": "shared",
            "business_link": "core",
            "partnership_type": "shared_value",
        },
    )
    deal.partnership.refresh_from_db()
    stored = deal.partnership.advisor_answers
    assert stored["impact"] == "lasting_change" and stored["advisor"] == "type-advisor-v1"
    assert stored["partner_roles"] == {
        str(deal.company.pk): "co_creates",
        str(deal.ngo.pk): "co_creates",
    }
    assert deal.partnership.partnership_type == "shared_value"
    text = page(client, url)
    assert "Suggested: Shared value" in text and "Every partner co-creates." in text
    assert "A lasting solution or industry change needs the depth of shared value." in text
    summary = TimelineEvent.objects.filter(partnership=deal.partnership, kind="type").first()
    assert summary is not None and "Agreed partnership type: Shared value" in summary.summary
    saved = TimelineEvent.objects.get(summary__startswith="Type advisor answers saved")
    assert "Shared value +3 points: Every partner co-creates." in saved.detail.splitlines()
    assert "Supporter +1 point: " in saved.detail and "shared_value" not in saved.detail


def test_a_viewer_reads_the_advisor_but_cannot_save_it(cast, deal, client_for):
    client = client_for(cast.viewer)
    url = f"{P}/{deal.partnership.pk}/type/"
    assert "disabled" in page(client, url)
    assert client.post(url, {"impact": "awareness"}).status_code == 403


def _membership(cast: Any, user: Any) -> Any:
    """The user's membership of the cast's programme."""
    from partnerpath.accounts.models import Membership

    return Membership.objects.get(programme=cast.programme, user=user)


def _to_co_creation(cast: Any, deal: Any) -> None:
    """Name every point-person and move the deal into co-creation."""
    from partnerpath.partnerships.services import stages

    name_point_persons(deal, cast.owner)
    stages.advance(deal.partnership, "co_creation", _membership(cast, cast.owner))


def test_advancing_on_the_page_is_blocked_by_an_open_deal_breaker_until_it_is_resolved(
    cast, deal, client_for
):
    _to_co_creation(cast, deal)
    save_gate_config(
        cast.programme,
        {"rules": {"agreement": ["no_open_deal_breakers"]}},
        "Only the deal-breaker rule for this test",
        confirm_weaker=True,
    )
    concern = Concern.objects.create(
        programme=cast.programme,
        partnership=deal.partnership,
        raised_by=deal.company,
        title="No public naming of suppliers",
        category="reputation",
        is_deal_breaker=True,
    )
    client = client_for(cast.member)
    url = f"{P}/{deal.partnership.pk}/advance/"
    checked = page(client, f"{url}?target=agreement")
    assert "Settle the deal-breaker" in checked and "No public naming of suppliers" in checked
    blocked = client.post(url, {"target": "agreement"})
    assert blocked.status_code == 200
    assert "1 requirement unmet" in blocked.content.decode()
    deal.partnership.refresh_from_db()
    assert deal.partnership.stage == "co_creation"
    concern.status, concern.resolution = "resolved", "Suppliers stay anonymous in reports."
    concern.save()
    moved = client.post(url, {"target": "agreement"}, follow=True)
    deal.partnership.refresh_from_db()
    assert deal.partnership.stage == "agreement"
    assert "Moved from Co-creation to Agreement." in moved.content.decode()


def test_an_override_by_a_member_is_refused_and_by_the_admin_with_a_reason_is_on_the_timeline(
    cast, deal, client_for
):
    url = f"{P}/{deal.partnership.pk}/advance/"
    member = client_for(cast.member)
    assert "Override the gate" not in page(member, f"{url}?target=co_creation")
    refused = member.post(url, {"target": "co_creation", "override": "1", "reason": "Urgent"})
    assert refused.status_code == 200
    assert "may not override" in refused.content.decode()
    admin = client_for(cast.owner)
    assert "Override the gate" in page(admin, f"{url}?target=co_creation")
    admin.post(url, {"target": "co_creation", "override": "1", "reason": "Donor visit next week"})
    deal.partnership.refresh_from_db()
    assert deal.partnership.stage == "co_creation"
    change = StageChange.objects.filter(partnership=deal.partnership).latest("id")
    assert change.is_override and change.override_role == "admin"
    timeline = page(admin, f"{P}/{deal.partnership.pk}/")
    assert "Gate overridden" in timeline and "Donor visit next week" in timeline


def test_closing_needs_a_reason_on_the_page(cast, deal, client_for):
    client = client_for(cast.member)
    url = f"{P}/{deal.partnership.pk}/advance/"
    refused = client.post(url, {"target": "closed", "reason": ""})
    assert "Write the reason for moving to Closed." in refused.content.decode()
    client.post(url, {"target": "closed", "reason": "The company was sold."})
    deal.partnership.refresh_from_db()
    assert (deal.partnership.stage, deal.partnership.closed_reason) == (
        "closed",
        "The company was sold.",
    )


def test_an_admin_changes_the_gates_and_the_change_is_kept_in_history(cast, client_for):
    client = client_for(cast.owner)
    text = page(client, f"{P}/gates/")
    assert "Entering Co-creation" in text and "Every side names a point-person" in text
    response = client.post(
        f"{P}/gates/",
        {
            "rules_co_creation": ["point_persons", "due_diligence"],
            "rules_agreement": ["no_open_deal_breakers", "do_no_harm"],
            "rules_implementation": ["signed_agreement"],
            "min_success_indicators": "2",
            "min_reason_length": "10",
            "override_roles": ["admin"],
            "not_overridable": ["due_diligence_blocking", "open_deal_breaker"],
            "blocking_ratings": ["unacceptable"],
            "due_diligence_roles": ["company_partner"],
            "reason": "Agreed at the team retreat",
        },
    )
    assert response.status_code == 302
    config = gate_config_of(cast.programme)
    assert config.rules_for(Stage.CO_CREATION) == ("point_persons", "due_diligence")
    assert config.min_success_indicators == 2 and config.override_roles == {"admin"}
    assert "open_deal_breaker" in config.not_overridable
    after = page(client_for(cast.member), f"{P}/gates/")
    assert "Do No Harm commitments are written down" in after
    assert "Agreed at the team retreat" in after
    assert "Only the programme's admins change the gates." in after


def test_a_bad_gate_setting_is_shown_next_to_its_field(cast, client_for):
    response = client_for(cast.owner).post(
        f"{P}/gates/", {"min_success_indicators": "-1", "min_reason_length": "1"}
    )
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in response.content.decode()


def test_the_overview_shows_each_partners_due_diligence_and_latest_maturity(cast, deal, client_for):
    from partnerpath.assessments.models import Assessment
    from partnerpath.diligence.models import Checklist

    company = deal.company.organisation
    Checklist.objects.create(programme=cast.programme, organisation=company, rating="medium")
    Assessment.objects.create(
        programme=cast.programme, organisation=company, status="final", rubric_key="maturity-v1"
    )
    Assessment.objects.filter(organisation=company).update(level=2)
    text = page(client_for(cast.viewer), f"{P}/{deal.partnership.pk}/")
    assert "Medium" in text and "in progress" in text
    assert f"/assessments/organisations/{company.pk}/" in text and "Level 2" in text


def test_the_overview_names_the_level_as_the_assessments_own_rubric_does(cast, deal, client_for):
    from partnerpath.assessments.models import Assessment

    company = deal.company.organisation
    Assessment.objects.create(
        programme=cast.programme,
        organisation=company,
        status="final",
        rubric_key="maturity-mekong-v1",
        level=1,
        result={"level": 1, "label": "Giver"},
    )
    text = page(client_for(cast.viewer), f"{P}/{deal.partnership.pk}/")
    assert "Giver" in text


NOTHING_TICKED = {"min_success_indicators": "1", "min_reason_length": "1"}


def test_changing_the_gates_needs_a_reason(cast, client_for):
    client = client_for(cast.owner)
    data = {**NOTHING_TICKED, "rules_co_creation": ["point_persons", "due_diligence"]}
    data |= {"not_overridable": ["due_diligence_blocking"], "blocking_ratings": ["unacceptable"]}
    response = client.post(f"{P}/gates/", data)
    assert response.status_code == 200
    assert "Write why the gates change" in response.content.decode()
    assert gate_config_of(cast.programme).rules_for(Stage.AGREEMENT)  # unchanged


def test_saving_nothing_ticked_asks_to_confirm_turning_off_due_diligence(cast, client_for):
    client = client_for(cast.owner)
    data = {**NOTHING_TICKED, "reason": "Start from a clean slate"}
    refused = client.post(f"{P}/gates/", data)
    html = refused.content.decode()
    assert refused.status_code == 200 and 'id="confirm-weaker"' in html
    assert "No gate would check due diligence any more." in html
    assert "An override could let through a partner whose due diligence" in html
    config = gate_config_of(cast.programme)
    assert "due_diligence" in config.rules_for(Stage.CO_CREATION)
    assert "due_diligence_blocking" in config.not_overridable
    confirmed = client.post(f"{P}/gates/", {**data, "confirm_weaker": "on"}, follow=True)
    assert "Gate settings saved" in confirmed.content.decode()
    config = gate_config_of(cast.programme)
    assert config.rules_for(Stage.CO_CREATION) == () and not config.not_overridable
    assert "Start from a clean slate" in page(client, f"{P}/gates/")  # kept in the history


def test_saving_the_gates_unchanged_changes_nothing(cast, client_for):
    from partnerpath.partnerships.services.facts import gate_settings_of

    client = client_for(cast.owner)
    before = gate_settings_of(cast.programme).updated_at
    data = {
        "rules_co_creation": ["point_persons", "due_diligence"],
        "rules_agreement": [
            "no_open_deal_breakers",
            "contributions",
            "governance",
            "risk_protocol",
            "success_indicators",
        ],
        "rules_implementation": ["signed_agreement"],
        "min_success_indicators": "1",
        "min_reason_length": "1",
        "override_roles": ["admin", "pse_lead"],
        "not_overridable": ["due_diligence_blocking"],
        "blocking_ratings": ["unacceptable"],
        "due_diligence_roles": ["company_partner"],
        "reason": "Just looking",
    }
    response = client.post(f"{P}/gates/", data, follow=True)
    assert "Nothing changed" in response.content.decode()
    assert gate_settings_of(cast.programme).updated_at == before


def test_the_list_of_moves_names_people_and_roles_as_the_timeline_does(cast, deal, client_for):
    admin = client_for(cast.owner)
    url = f"{P}/{deal.partnership.pk}/advance/"
    admin.post(url, {"target": "co_creation", "override": "1", "reason": "Donor visit"})
    html = page(admin, url)
    moves = html.split('id="moves-h"')[1]
    assert "gate overridden (Programme admin)" in moves and "<td>owner</td>" in moves
    timeline = page(admin, f"{P}/{deal.partnership.pk}/timeline/")
    assert "by owner (Programme admin)" in timeline and ">owner<" in timeline


def test_the_board_keeps_every_stage_in_view(cast, deal, client_for):
    html = page(client_for(cast.viewer), f"{P}/")
    board = html.split('id="board"')[1]
    css = (settings.BASE_DIR / "static" / "partnerpath" / "app.css").read_text()
    rule = next(line for line in css.splitlines() if line.startswith(".board {"))
    assert "grid-template-columns: repeat(auto-fill, minmax(190px, 1fr))" in rule  # wraps
    assert 'id="board-hint"' in html
    assert board.index('id="col-identified"') < board.index('id="col-closed"')

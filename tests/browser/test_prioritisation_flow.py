"""Prioritisation in a real browser: a reviewer who rates the donor round scores one
opportunity with the anchors in view, submits the sheet and sees the ranking; a team member
agrees weights by comparing the groups and the factors of one group in pairs (AHP)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from partnerpath.core.scorecard.template_files import default_template
from partnerpath.prioritisation.models import Opportunity
from partnerpath.prioritisation.services import rounds, templates
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser


def test_a_reviewer_scores_an_opportunity_and_sees_the_ranking(page: Any, cast: Any) -> None:
    opportunity = Opportunity.objects.create(programme=cast.programme, title="Worker voice at sea")
    version = templates.default_template_version(cast.programme)
    found = rounds.create_round(
        cast.programme, "Donor", version, None, [cast.reviewer], [opportunity], cast.owner
    )
    log_in(page, "reviewer", "pw-reviewer-secret")
    page.goto("/p/mekong/prioritisation/")
    page.get_by_role("link", name="Donor").click()
    page.get_by_role("link", name="Score this round").click()
    page.get_by_role("link", name="Score “Worker voice at sea”").click()
    expect(
        page.get_by_text("A senior leader champions it inside and outside the company")
    ).to_be_visible()
    for factor in default_template().factors:
        value = "na" if factor.key == "risk" else "4"
        page.locator(f"input[name=score_{factor.key}][value='{value}']").check()
    page.get_by_label("Rationale: Partner champion").fill("The CEO spoke for it.")
    page.get_by_role("button", name="Save the scores").click()
    expect(page.get_by_role("cell", name="15 of 15")).to_be_visible()
    page.get_by_role("button", name="Submit my sheet").click()

    expect(page.get_by_role("heading", name="Results: Donor")).to_be_visible()
    ranking = page.locator("section[aria-labelledby=rank-h]")
    expect(ranking).to_contain_text("Worker voice at sea")
    expect(ranking).to_contain_text("65.00")  # 80 x 0.75 + 20 x 0.25
    expect(ranking).to_contain_text("No score for Risk")
    assert rounds.sheet_of(found, cast.reviewer).is_locked


def test_a_member_agrees_weights_comparing_groups_and_the_factors_of_one_group(
    page: Any, cast: Any
) -> None:
    log_in(page, "member", "pw-member-secret")
    page.goto("/p/mekong/prioritisation/weights/")
    page.get_by_role("link", name="Compare in pairs (AHP)").click()
    page.get_by_label("Development value compared with Business value").select_option("3")
    business = page.locator("#ahp-business")
    business.get_by_label("Compare the factors of Business value in pairs").check()
    business.get_by_text("The 3 comparisons of its factors").click()
    for pair, value in (("Partner champion", "5"), ("CSR / reputation", "4")):
        business.get_by_label(f"Business goals compared with {pair}").select_option(value)
    business.get_by_label("Partner champion compared with CSR / reputation").select_option("1/3")
    page.get_by_label("Agreed on").fill("2026-11-20")
    page.get_by_label("Reason").fill("Team workshop: business goals first.")
    page.get_by_role("button", name="Record the weights").click()

    expect(page.get_by_text("Weights recorded (highest consistency ratio")).to_be_visible()
    decisions = page.locator("section[aria-labelledby=dec-h]")
    expect(decisions).to_contain_text("Business value: 0.074")
    expect(decisions).to_contain_text("Team workshop: business goals first.")

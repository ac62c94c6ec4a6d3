"""Prioritisation in a real browser: a reviewer who rates the donor round scores one
opportunity with the anchors in view, submits the sheet and sees the ranking."""

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
    expect(ranking).to_contain_text("No rater could score Risk")
    assert rounds.sheet_of(found, cast.reviewer).is_locked

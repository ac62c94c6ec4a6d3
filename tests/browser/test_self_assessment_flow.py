"""Company self-assessment in a real browser: a member creates the private link, the company
contact opens it without an account, answers and sees its result, and the programme reviews the
answers (accepting one, adjusting another)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from partnerpath.assessments.models import AnswerRecord
from tests import factories
from tests.assessments.conftest import indicator_ids
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser


def test_a_company_self_assesses_through_its_link_and_the_programme_reviews_it(
    page: Any, cast: Any
) -> None:
    org = factories.organisation(cast.programme, "Andaman Tuna Co.", sectors=["fisheries"])
    factories.contact(org, "Malee K.")
    log_in(page, "member", "pw-member-secret")
    page.goto(f"/p/mekong/assessments/organisations/{org.pk}/")
    page.get_by_label("Contact").select_option(label="Malee K.")
    page.get_by_role("button", name="Create a link").click()
    link = page.get_by_label("Private link").input_value()
    assert "/self-assessment/" in link
    page.get_by_role("button", name="Log out").click()

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text("self-assessment of Andaman Tuna")
    expect(page.get_by_role("navigation", name="Programme")).to_have_count(0)
    for ind in indicator_ids(1):
        page.locator(f"input[name='{ind}-value'][value='met']").check()
        page.locator(f"input[name='{ind}-evidence_url']").fill("https://example.org/csr")
    page.get_by_role("button", name="Submit the self-assessment").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your self-assessment")
    expect(page.locator("main")).to_contain_text("1 Follower")
    expect(page.locator("main")).to_contain_text("comparison is withheld")
    page.goto("/p/mekong/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))  # nothing of the programme

    log_in(page, "member", "pw-member-secret")
    page.goto(f"/p/mekong/assessments/organisations/{org.pk}/")
    page.get_by_role("link", name="answers").click()
    page.get_by_role("link", name="Review the company's answers").click()
    first, second = indicator_ids(1)[:2]
    page.locator(f"#review-{second}").select_option("partly")
    page.get_by_role("button", name="Save the review").click()
    expect(page.locator("main")).to_contain_text("adjusted")
    reviewed = {
        a.indicator_id: a for a in AnswerRecord.objects.filter(assessment__organisation=org)
    }
    assert (reviewed[first].review, reviewed[first].value) == ("accepted", "met")
    assert (reviewed[second].claimed_value, reviewed[second].value) == ("met", "partly")

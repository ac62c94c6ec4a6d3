"""The partnership journey in a real browser: the PSE lead tries to move a partnership into the
agreement stage, is blocked by an open deal-breaker (flagged on every page), resolves it on the
concerns page, and moves the partnership on."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from partnerpath.partnerships.models import Agreement, Concern, StageChange, SuccessIndicator
from tests.browser.helpers import log_in
from tests.partnerships.conftest import make_deal, name_point_persons

pytestmark = pytest.mark.browser


def test_an_open_deal_breaker_blocks_the_agreement_until_it_is_resolved(
    page: Any, cast: Any
) -> None:
    deal = make_deal(cast.programme, cast.owner)
    name_point_persons(deal, cast.owner)
    partnership = deal.partnership
    partnership.stage = "co_creation"
    partnership.save()
    Agreement.objects.create(
        programme=cast.programme,
        partnership=partnership,
        contributions_agreed=True,
        steering_body="One person per partner",
        cadence="quarterly",
        decision_rule="Consensus",
        risk_protocol="Refer suspected cases to the NGO within 24 hours.",
    )
    SuccessIndicator.objects.create(
        programme=cast.programme, partnership=partnership, name="Workers reimbursed"
    )
    Concern.objects.create(
        programme=cast.programme,
        partnership=partnership,
        raised_by=deal.company,
        title="Findings published before remediation",
        category="reputation",
        severity="high",
        is_deal_breaker=True,
    )

    log_in(page, "owner", "pw-owner-secret")
    page.goto("/p/mekong/partnerships/")
    page.get_by_role("link", name=partnership.title).first.click()
    expect(page.locator("#deal-breaker-flag")).to_contain_text(
        "Findings published before remediation"
    )
    page.get_by_role("link", name="Stage and gates").click()
    page.get_by_label("Move to:", exact=True).select_option("agreement")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.locator("#unmet")).to_contain_text(
        'Settle the deal-breaker "Findings published before remediation"'
    )
    assert StageChange.objects.filter(partnership=partnership).count() == 1

    page.get_by_role("link", name="Concerns").first.click()
    page.get_by_role("link", name="Update “Findings published before remediation”").click()
    page.get_by_label("Status").select_option("resolved")
    page.get_by_label("How it was resolved, or why the partners accept it").fill(
        "Findings go to the steering group first; public after 90 days."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#deal-breaker-flag")).to_have_count(0)

    page.get_by_role("link", name="Stage and gates").click()
    page.get_by_label("Move to:", exact=True).select_option("agreement")
    page.get_by_role("button", name="Move", exact=True).click()
    expect(page.get_by_text("Moved from Co-creation to Agreement.")).to_be_visible()
    partnership.refresh_from_db()
    assert partnership.stage == "agreement"
    page.get_by_role("link", name="Timeline", exact=True).click()
    expect(page.locator("main")).to_contain_text("Moved from Co-creation to Agreement")
    expect(page.locator("main")).to_contain_text("resolved")

"""The programme's own rubric in a real browser: an admin clones the maturity rubric, adapts an
indicator in its document (an invalid save is refused with its problems, a valid one is kept),
and starts an assessment with that version, whose pages ask the adapted question."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from partnerpath.assessments.models import Assessment, ProgrammeRubric
from tests import factories
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser

ADAPTED = "Does the company name forced labour as a risk in its Mekong supply chains?"


def test_an_admin_adapts_the_maturity_rubric_and_assesses_with_it(page: Any, cast: Any) -> None:
    org = factories.organisation(cast.programme, "Andaman Tuna Co.", sectors=["fisheries"])
    log_in(page, "owner", "pw-owner-secret")
    page.goto("/p/mekong/assessments/rubrics/")
    page.get_by_role("link", name="Clone and adapt").click()
    page.get_by_label("Based on").select_option("maturity-v1")
    page.get_by_label("Name").fill("maturity-mekong")
    page.get_by_label("Version").fill("1")
    page.get_by_role("button", name="Clone").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("maturity-mekong-v1")

    document = page.get_by_label("Document")
    doc = yaml.safe_load(document.input_value())
    original = doc["levels"][0]["indicators"][0]["question"]
    doc["levels"][0]["indicators"][0]["question"] = ADAPTED
    doc["levels"][0]["indicators"][0]["weight"] = 90  # level 1 no longer adds up to 100
    document.fill(yaml.safe_dump(doc, sort_keys=False))
    page.get_by_role("button", name="Save").click()
    problems = page.get_by_role("alert")
    expect(problems).to_contain_text("nothing was saved")
    expect(problems).to_contain_text("levels[0].indicators")
    assert ADAPTED not in ProgrammeRubric.objects.get(key="maturity-mekong-v1").document

    doc["levels"][0]["indicators"][0]["weight"] = 20
    page.get_by_label("Document").fill(yaml.safe_dump(doc, sort_keys=False))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("maturity-mekong-v1 saved.")
    expect(page.locator("pre")).to_contain_text("Mekong supply chains")

    page.goto(f"/p/mekong/assessments/organisations/{org.pk}/")
    page.get_by_label("Rubric", exact=True).select_option("maturity-mekong-v1")
    page.get_by_role("button", name="New assessment").click()
    expect(page.locator("main")).to_contain_text("Assessment started on maturity-mekong-v1.")
    expect(page.get_by_role("heading", name=ADAPTED)).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(original)
    assessment = Assessment.objects.get(organisation=org)
    assert assessment.rubric_key == "maturity-mekong-v1"

    page.goto(f"/p/mekong/assessments/{assessment.pk}/")
    expect(page.locator("main")).to_contain_text(ADAPTED)

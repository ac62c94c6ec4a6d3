"""Screening in a real browser: screen an organisation from its page, decide on its hits on the
results page (htmx swaps each hit in place), and clear a true match with a second person."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from partnerpath.registry.models import KeyIndividual
from partnerpath.screening import services
from partnerpath.screening.models import Adjudication, Hit
from tests import factories
from tests.browser.helpers import log_in
from tests.screening.conftest import OFAC, UN_XML

pytestmark = pytest.mark.browser

PASSWORDS = {name: f"pw-{name}-secret" for name in ("owner", "member")}


def _log_out(page: Any) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def test_a_member_screens_an_organisation_and_adjudicates_its_hits(page: Any, cast: Any) -> None:
    services.import_list(OFAC, "OFAC SDN", rescreen=False)
    services.import_list(UN_XML, "UN consolidated", rescreen=False)
    org = factories.organisation(cast.programme, "Anglo Caribbean Company Limited", hq_country="GB")
    KeyIndividual.objects.create(
        programme=cast.programme,
        organisation=org,
        name="Usama bin Laden",
        role="Director",
        nationality="SA",
        date_of_birth=dt.date(1957, 7, 30),
    )
    log_in(page, "member", PASSWORDS["member"])
    page.goto(f"/p/mekong/organisations/{org.pk}/")
    panel = page.locator("section[aria-labelledby=screening-h]")
    expect(panel).to_contain_text("Not screened yet")
    panel.get_by_role("button", name="Screen now").click()

    expect(page.get_by_role("heading", name=f"Screening of {org.name}")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Done")
    company = Hit.objects.get(entity_id="ofac-173")
    person = Hit.objects.get(entity_id="ofac-6365")
    company_card, person_card = (
        page.locator(f"#hit-{company.pk}"),
        page.locator(f"#hit-{person.pk}"),
    )
    expect(company_card).to_contain_text("ANGLO-CARIBBEAN CO., LTD.")
    expect(company_card).to_contain_text("OFAC SDN, list of")
    company_card.get_by_text(re.compile(r"Why it scored")).click()
    expect(company_card).to_contain_text("Name similarity")

    url = page.url
    company_card.get_by_label("Decision").select_option(label="False positive")
    company_card.get_by_label("Reason").fill(
        "Registered in Wales in 2019; the listed firm is Cuban."
    )
    company_card.get_by_role("button", name="Record decision").click()
    expect(company_card).to_contain_text("Decision: False positive")
    expect(company_card.get_by_test_id("hit-status")).to_have_text("False positive")
    assert page.url == url  # swapped in place by htmx

    person_card.get_by_label("Decision").select_option(label="True match")
    person_card.get_by_label("Reason").fill("Same birth date and nationality.")
    person_card.get_by_role("button", name="Record decision").click()
    expect(person_card).to_contain_text("Decision: True match")
    person_card.get_by_text("Change the decision").click()
    person_card.get_by_label("Decision").select_option(label="False positive")
    person_card.get_by_label("Reason").fill("Father's name differs on the passport.")
    person_card.get_by_role("button", name="Record decision").click()
    expect(person_card).to_contain_text("Awaiting second person")
    expect(person_card).to_contain_text("another team member must confirm")

    _log_out(page)
    log_in(page, "owner", PASSWORDS["owner"])
    page.goto(f"/p/mekong/screening/hits/{person.pk}/")
    page.get_by_role("button", name="Confirm as second person: False positive").click()
    expect(page.locator(f"#hit-{person.pk}")).to_contain_text("confirmed by owner")
    adjudications = {a.entity_id: a for a in Adjudication.objects.all()}
    assert adjudications["ofac-173"].decided_by == cast.member
    assert adjudications["ofac-6365"].confirmed_by == cast.owner
    assert adjudications["ofac-6365"].decision == "false_positive"

    page.goto("/p/mekong/")
    expect(page.get_by_role("heading", name="Screening hits needing attention")).to_be_visible()
    expect(page.get_by_text("No screening hit is waiting")).to_be_visible()

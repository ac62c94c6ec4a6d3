"""Each main flow once, in a real browser: sign in, add and find an organisation, log an interaction
and tick its follow-up on the dashboard, warm introductions, and what a viewer cannot do."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from partnerpath.engagement.models import FollowUp
from partnerpath.registry.models import Organisation
from tests import factories
from tests.browser.helpers import log_in

pytestmark = pytest.mark.browser

PASSWORDS = {name: f"pw-{name}-secret" for name in ("owner", "member", "reviewer", "viewer")}


def test_a_member_logs_in_and_sees_the_dashboard(page: Any, cast: Any) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    log_in(page, "member", PASSWORDS["member"])
    expect(page).to_have_url(re.compile(r"/p/mekong/$"))
    expect(page.get_by_role("heading", name="Mekong Test Programme")).to_be_visible()
    expect(page.get_by_role("heading", name="Check-ins due")).to_be_visible()
    expect(page.get_by_role("heading", name="Open follow-ups")).to_be_visible()


def test_a_member_adds_an_organisation_and_finds_it_in_the_filtered_list(
    page: Any, cast: Any
) -> None:
    factories.organisation(
        cast.programme, "Lanna Timber Co., Ltd.", sectors=["construction"], hq_country="TH"
    )
    log_in(page, "member", PASSWORDS["member"])
    page.goto("/p/mekong/organisations/")
    page.get_by_role("link", name="Add an organisation").click()
    page.get_by_role("textbox", name="Name:", exact=True).fill("Gulf Shrimp Traders Co., Ltd.")
    page.get_by_label("Kind").select_option(label="Company")
    page.get_by_label("Headquarters country").select_option(value="TH")
    page.get_by_label("Countries of operation").select_option(["TH", "VN"])
    page.get_by_label("Sectors").select_option(["fisheries", "food_processing"])
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Gulf Shrimp Traders Co., Ltd.")).to_be_visible()

    page.goto("/p/mekong/organisations/")
    filters = page.get_by_role("search", name="Filter organisations")
    filters.get_by_label("Sector").select_option("fisheries")
    filters.get_by_label("Country").select_option("VN")
    filters.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"sector=fisheries"))
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Gulf Shrimp Traders Co., Ltd.")
    expect(page.get_by_text("Lanna Timber")).to_have_count(0)


def test_a_member_logs_an_interaction_and_ticks_its_follow_up_on_the_dashboard(
    page: Any, cast: Any
) -> None:
    org = factories.organisation(cast.programme, "Andaman Tuna Canners Co., Ltd.")
    log_in(page, "member", PASSWORDS["member"])
    page.goto(f"/p/mekong/organisations/{org.pk}/")
    page.get_by_role("link", name="Log an interaction").click()
    page.get_by_label("Date").fill(dt.date.today().isoformat())
    page.get_by_label("Title").fill("First call with the CSR team")
    page.get_by_label("Kind").select_option(label="Call")
    page.locator("#id_followups-0-description").fill("Send our programme brief")
    page.locator("#id_followups-0-owner").select_option(label="member")
    due = dt.date.today() + dt.timedelta(days=7)
    page.locator("#id_followups-0-due_on").fill(due.isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Interaction saved.")).to_be_visible()

    page.goto("/p/mekong/")
    row = page.locator("tr", has_text="Send our programme brief")
    expect(row).to_be_visible()
    url_before = page.url
    row.get_by_role("button", name="Mark done").click()
    # htmx swaps the row in place: the button flips without a page load or a flash message.
    expect(row.get_by_role("button", name=re.compile("Done"))).to_be_visible()
    assert page.url == url_before
    expect(page.get_by_text("Follow-up updated.")).to_have_count(0)
    follow_up = FollowUp.objects.get(description="Send our programme brief")
    assert follow_up.done_on is not None and follow_up.interaction.organisations.get() == org


def test_a_warm_introduction_appears_once_connections_are_recorded(page: Any, cast: Any) -> None:
    target_org = factories.organisation(cast.programme, "Mekong Garments JSC")
    factories.contact(target_org, "Hoa Tran", title="Compliance Manager")
    broker = factories.contact(factories.organisation(cast.programme, "Coastal NGO"), "Mali K.")
    cast.member.first_name, cast.member.last_name = "Mai", "Member"
    cast.member.save()
    log_in(page, "member", PASSWORDS["member"])
    page.goto(f"/p/mekong/organisations/{target_org.pk}/")
    expect(page.get_by_text("No one in the team is connected")).to_be_visible()

    for person, kind, other in (
        ("Mai Member (our team)", "knows", "Mali K. (Coastal NGO)"),
        ("Mali K. (Coastal NGO)", "worked with", "Hoa Tran (Mekong Garments JSC)"),
    ):
        page.goto("/p/mekong/connections/")
        page.get_by_label("Person:", exact=True).select_option(label=person)
        page.get_by_label("Connection").select_option(label=kind)
        page.get_by_label("Other person").select_option(label=other)
        page.get_by_role("button", name="Save connection").click()
        expect(page.get_by_text("Connection saved.")).to_be_visible()

    page.goto(f"/p/mekong/organisations/{target_org.pk}/")
    chain = page.locator("section[aria-labelledby=intro-h] li.chain")
    expect(chain).to_have_count(1)
    expect(chain).to_contain_text(re.compile(r"Mai Member.*knows.*Mali K\..*worked with.*Hoa Tran"))
    assert broker.connections_out.count() == 1


def test_a_viewer_sees_no_edit_buttons(page: Any, cast: Any) -> None:
    org = factories.organisation(cast.programme, "Orchid Bay Resorts Co., Ltd.")
    item = factories.interaction(cast.programme, [org], dt.date.today() - dt.timedelta(days=3))
    factories.follow_up(item, "Share the training plan", owner=cast.member)
    log_in(page, "viewer", PASSWORDS["viewer"])

    page.goto("/p/mekong/organisations/")
    expect(page.get_by_role("link", name="Orchid Bay Resorts Co., Ltd.")).to_be_visible()
    expect(page.get_by_role("link", name="Add an organisation")).to_have_count(0)
    page.get_by_role("link", name="Orchid Bay Resorts Co., Ltd.").click()
    for label in ("Edit profile", "Log an interaction", "Add a contact", "Delete"):
        expect(page.get_by_role("link", name=label)).to_have_count(0)
    page.goto("/p/mekong/")
    expect(page.locator("tr", has_text="Share the training plan")).to_contain_text("open")
    expect(page.get_by_role("button", name="Mark done")).to_have_count(0)
    assert Organisation.objects.filter(programme=cast.programme).count() == 1

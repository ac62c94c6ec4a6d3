"""The programme's partnerships as a workbook (one sheet each for partnerships, partners,
concerns, contributions and health checks, in a constant number of queries) and the printable
one-page summary of a partnership; outsiders get 404 for both."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from partnerpath.accounts.models import Membership
from partnerpath.partnerships.models import (
    Agreement,
    Concern,
    Contribution,
    HealthCheck,
    HealthRating,
    SuccessIndicator,
)
from partnerpath.partnerships.services import stages
from tests.partnerships.conftest import make_deal, name_point_persons

pytestmark = pytest.mark.django_db
SHEETS = ["Partnerships", "Partners", "Concerns", "Contributions", "Health checks"]
ASPECTS = ["trust", "communication", "mutual_benefit", "progress", "resources", "shared_vision"]


def _check(deal: Any, held_on: dt.date, lights: dict[str, str]) -> HealthCheck:
    """A health check where both partners rate every aspect green, except ``lights``."""
    p = deal.partnership
    check = HealthCheck.objects.create(programme=p.programme, partnership=p, held_on=held_on)
    HealthRating.objects.bulk_create(
        HealthRating(
            programme=p.programme,
            health_check=check,
            partner=partner,
            aspect=aspect,
            light=lights.get(aspect, "green") if partner == deal.company else "green",
        )
        for partner in (deal.company, deal.ngo)
        for aspect in ASPECTS
    )
    return check


def furnish(cast: Any, deal: Any) -> None:
    """A partnership in implementation (entered by an override) with everything on record."""
    p, programme = deal.partnership, cast.programme
    name_point_persons(deal, cast.owner)
    p.partnership_type = "shared_value"
    p.shared_vision = "No worker on our vessels pays a recruitment fee."
    p.save()
    deal.company.preferred_type = "csr_philanthropy"
    deal.company.objectives = "Clean audits"
    deal.company.save()
    Concern.objects.create(
        programme=programme,
        partnership=p,
        raised_by=deal.company,
        title="No naming of suppliers in public",
        category="reputation",
        is_deal_breaker=True,
    )
    Concern.objects.create(
        programme=programme,
        partnership=p,
        title="Budget timing",
        category="resources",
        status="resolved",
        resolution="Moved to the next quarter.",
    )
    Agreement.objects.create(
        programme=programme,
        partnership=p,
        steering_body="Two leads and the donor",
        cadence="quarterly",
        decision_rule="Consensus of the steering body",
        risk_protocol="Refer any case to the hotline within 24 hours.",
        do_no_harm="No survivor is named.",
        review_on=dt.date(2027, 3, 1),
        signed_on=dt.date(2026, 4, 2),
        # Signed means the signed document is attached (as the gate counts it).
        signed_document=ContentFile(b"%PDF-1.4 signed", name="agreement.pdf"),
        checklist={"partners": "fully_in_place", "vision": "partially_in_place"},
    )
    Contribution.objects.create(
        programme=programme,
        partnership=p,
        partner=deal.company,
        kind="cash",
        description="Helpline running costs",
        value=Decimal("12500.00"),
        currency="USD",
    )
    SuccessIndicator.objects.create(
        programme=programme, partnership=p, name="Workers paying no fees", target="90%"
    )
    _check(deal, dt.date(2026, 5, 1), {})
    _check(deal, dt.date(2026, 8, 1), {"trust": "red"})
    owner = Membership.objects.get(programme=programme, user=cast.owner)
    stages.advance(p, "implementation", owner, "The donor's board meets next week.", True)


def _workbook(response: Any) -> dict[str, list[list[Any]]]:
    book = load_workbook(io.BytesIO(response.content))
    return {s.title: [[c.value for c in r] for r in s.iter_rows()] for s in book.worksheets}


def test_the_workbook_has_a_sheet_of_each_kind_with_the_programmes_rows(
    cast: Any, deal: Any, other_deal: Any, client_for: Any
) -> None:
    furnish(cast, deal)
    url = reverse("partnerships:partnerships_export", args=["mekong"])
    got = client_for(cast.viewer).get(url)
    assert got.status_code == 200
    assert got["Content-Disposition"].startswith('attachment; filename="mekong-partnerships-')
    sheets = _workbook(got)
    assert list(sheets) == SHEETS
    head, *rows = sheets["Partnerships"]
    assert head[:3] == ["Title", "Stage", "Days in stage"] and "Next check due" in head
    (row,) = rows
    line = dict(zip(head, row, strict=True))
    assert line["Title"] == "Fair recruitment corridor" and line["Stage"] == "Implementation"
    assert line["Days in stage"] == 0 and line["Type"] == "Shared value"
    assert "Seafood Co., Ltd. (Company partner)" in line["Partners"]
    assert "Somchai P." in line["Point-persons"] and "Programme: owner" in line["Point-persons"]
    assert line["Open deal-breakers"] == "No naming of suppliers in public"
    assert (line["Agreement signed"], line["Review date"]) == ("yes", "2027-03-01")
    assert line["Last health light"] == "Red"
    assert line["Next check due"].startswith("2026-11-01")
    assert [r[2] for r in sheets["Partners"][1:]] == ["Company partner", "NGO / CSO"]
    concerns = sheets["Concerns"][1:]
    assert [(r[1], r[5], r[6]) for r in concerns] == [
        ("No naming of suppliers in public", "yes", "Open"),
        ("Budget timing", "no", "Resolved"),
    ]
    assert sheets["Contributions"][1][3:] == ["Helpline running costs", 12500, "USD"]
    assert isinstance(sheets["Contributions"][1][4], int | float)  # a number, not text
    checks = sheets["Health checks"]
    assert [r[1] for r in checks[1:]] == ["2026-05-01", "2026-08-01"]
    assert checks[2][3:6] == ["Red", 92, "Red"]
    assert all(r[0] != "Other corridor" for r in rows)


def test_outsiders_get_404_for_the_workbook(cast: Any, client_for: Any) -> None:
    url = reverse("partnerships:partnerships_export", args=["mekong"])
    assert client_for(cast.outsider).get(url).status_code == 404


def test_the_workbook_runs_the_same_number_of_queries_for_1_and_6_partnerships(
    cast: Any, deal: Any, client_for: Any
) -> None:
    furnish(cast, deal)
    client = client_for(cast.member)
    url = reverse("partnerships:partnerships_export", args=["mekong"])
    counts = []
    for extra in (0, 5):
        for i in range(extra):
            more = make_deal(cast.programme, cast.owner, f"Corridor {i}")
            _check(more, dt.date(2026, 6, 1), {"progress": "amber"})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_summary_shows_the_essentials_and_prints_without_tabs(
    cast: Any, deal: Any, client_for: Any
) -> None:
    furnish(cast, deal)
    url = reverse("partnerships:summary", args=["mekong", deal.partnership.pk])
    page = client_for(cast.viewer).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        deal.company.organisation.name,
        "Company partner",
        "Somchai P.",
        "Dara K.",
        "Shared value",
        "The partners do not agree on the type",
        "Implementation since",
        "(0 days)",
        "No worker on our vessels pays a recruitment fee.",
        "Deal-breaker</strong> <strong>No naming of suppliers in public",
        "Helpline running costs",
        "12,500 USD",
        "Two leads and the donor",
        "Quarterly",
        "Refer any case to the hotline within 24 hours.",
        "1 Mar 2027",
        "Yes, signed on 2 Apr 2026 (version 1)",
        "in place (1 of 12 relevant fully)",
        "Workers paying no fees",
        'class="light red"',
        '<strong id="health-trend">worsening</strong>',
        "Gate overridden",
        "Reason: The donor&#x27;s board meets next week.",
        'onclick="window.print()"',
        'class="tabs no-print"',
    ):
        assert text in html, text
    assert "Budget timing" not in html  # resolved: not an open concern


def test_outsiders_get_404_for_the_summary_and_its_queries_stay_bounded(
    cast: Any, deal: Any, client_for: Any
) -> None:
    url = reverse("partnerships:summary", args=["mekong", deal.partnership.pk])
    assert client_for(cast.outsider).get(url).status_code == 404
    client = client_for(cast.member)
    with CaptureQueriesContext(connection) as empty:
        assert client.get(url).status_code == 200
    furnish(cast, deal)
    for day in range(1, 6):
        _check(deal, dt.date(2026, 9, day), {"resources": "amber"})
    with CaptureQueriesContext(connection) as full:
        assert client.get(url).status_code == 200
    assert len(full) <= len(empty) + 3  # the agreement's and the checks' rows, once each


def test_the_summary_shows_buy_in_decisions_and_open_action_items(
    cast: Any, deal: Any, client_for: Any
) -> None:
    from partnerpath.partnerships.services import trust

    furnish(cast, deal)
    trust.save_buy_in(
        deal.company,
        [
            trust.BuyInRow("legal", "opposed", None, "Worried about liability."),
            trust.BuyInRow("hr", "supportive", deal.company_contact, ""),
        ],
    )
    meeting = trust.record_meeting(
        deal.partnership,
        title="Steering group 3",
        occurred_on=dt.date(2026, 6, 2),
        decisions=["Audit the second plant in July"],
        actions=[
            trust.ActionItem("Send the audit plan", cast.member, dt.date(2026, 6, 20)),
            trust.ActionItem("Book the venue", cast.owner),
        ],
    )
    done = meeting.interaction.follow_ups.get(description="Book the venue")
    trust.set_action_done(meeting, done, True)
    url = reverse("partnerships:summary", args=["mekong", deal.partnership.pk])
    html = client_for(cast.viewer).get(url).content.decode()
    buy_in = html.split('id="s-buy-in"')[1].split("</section>")[0]
    assert "1 of 2 departments supportive; Legal opposed" in buy_in
    assert "Human resources: supportive; champion Somchai P." in buy_in
    assert "Worried about liability." in buy_in
    decisions = html.split('id="s-decisions"')[1].split("</section>")[0]
    assert "2 Jun 2026, Steering group 3: Audit the second plant in July" in decisions
    assert "Send the audit plan: member, due 20 Jun 2026" in decisions
    assert "Book the venue" not in decisions  # done: not open

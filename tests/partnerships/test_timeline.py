"""The partnership's timeline: every kind of entry newest first, overrides flagged with who, role
and reason, filtered by kind, downloadable as CSV or XLSX without formula injection, in a
constant number of queries; outsiders see nothing."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from partnerpath.accounts.models import Membership
from partnerpath.audit.context import acting_as
from partnerpath.partnerships.choices import EventKind
from partnerpath.partnerships.models import Concern, TimelineEvent
from partnerpath.partnerships.services import stages, timeline, trust
from tests.partnerships.conftest import name_point_persons

pytestmark = pytest.mark.django_db

# Kinds that other services write; recorded here as those services record them.
RECORDED = {
    EventKind.RECORD: "Record edited: title.",
    EventKind.PARTNER: "Added Harbour Fishing as Company partner.",
    EventKind.TYPE: "Agreed partnership type: Shared value (was not set).",
    EventKind.BUY_IN: "Legal at Harbour Fishing: now supportive.",
    EventKind.MEETING: "Co-creation workshop held in Songkhla.",
    EventKind.DECISION: "Decision: pilot the worker helpline on two vessels.",
    EventKind.ACTION: "Action item: send the draft recruitment policy.",
    EventKind.AGREEMENT: "Agreement amended to version 2: review date moved.",
    EventKind.HEALTH_CHECK: "Health check held: amber overall.",
}


def url(deal: Any, name: str, slug: str = "mekong") -> str:
    return reverse(f"partnerships:{name}", args=[slug, deal.partnership.pk])


def membership(cast: Any, user: Any) -> Membership:
    return Membership.objects.get(programme=cast.programme, user=user)


def fill_every_kind(cast: Any, deal: Any) -> None:
    """Real stage moves, an override and a deal-breaker, and an entry of every other kind."""
    name_point_persons(deal, cast.owner)
    with acting_as(cast.member):
        stages.advance(deal.partnership, "co_creation", membership(cast, cast.member))
        trust.raise_concern(
            deal.partnership,
            Concern(
                raised_by=deal.company,
                title="No naming of suppliers in public",
                category="reputation",
                is_deal_breaker=True,
            ),
        )
        for kind, summary in RECORDED.items():
            timeline.record(deal.partnership, kind, summary, detail="See the minutes.")
    with acting_as(cast.owner):
        stages.advance(
            deal.partnership,
            "agreement",
            membership(cast, cast.owner),
            "The donor's visit needs a draft agreement to discuss.",
            override=True,
        )


def test_every_kind_of_entry_appears_newest_first_with_the_override_flagged(
    cast: Any, deal: Any, client_for: Any
) -> None:
    fill_every_kind(cast, deal)
    page = client_for(cast.viewer).get(url(deal, "timeline"))
    assert page.status_code == 200
    html = page.content.decode()
    assert [k for k in EventKind if f"kind-{k.value}" not in html] == []
    override = html.index("Gate overridden: Co-creation → Agreement by owner (Programme admin)")
    assert "The donor&#x27;s visit needs a draft agreement" in html[override:]
    assert 'class="flagged kind-override"' in html and 'class="flagged kind-concern"' in html
    assert html.index("kind-override") < html.index("kind-stage_move") < html.index("kind-created")
    assert ">owner<" in html and ">member<" in html


def test_the_kind_filter_shows_only_the_kinds_ticked(cast: Any, deal: Any, client_for: Any) -> None:
    fill_every_kind(cast, deal)
    client = client_for(cast.member)
    html = client.get(url(deal, "timeline"), {"kind": ["concern", "override"]}).content.decode()
    assert "No naming of suppliers in public" in html and "Gate overridden" in html
    assert "kind-stage_move" not in html and "kind-meeting" not in html
    assert 'value="concern" checked' in html
    flagged = client.get(url(deal, "timeline"), {"flagged": "1"}).content.decode()
    assert flagged.count("<tr class=") == 2
    assert "2 entries" in flagged
    ignored = client.get(url(deal, "timeline"), {"kind": "nonsense"}).content.decode()
    assert "kind-created" in ignored


def _csv(response: Any) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_export_is_csv_by_default_and_xlsx_on_request_with_the_filter_applied(
    cast: Any, deal: Any, client_for: Any
) -> None:
    fill_every_kind(cast, deal)
    client = client_for(cast.viewer)
    got = client.get(url(deal, "timeline_export"))
    assert got.status_code == 200 and got["Content-Type"].startswith("text/csv")
    day = timezone.localdate().isoformat()
    assert f'filename="fair-recruitment-corridor-timeline-{day}.csv"' in got["Content-Disposition"]
    rows = _csv(got)
    assert rows[0] == ["at", "kind", "summary", "detail", "by", "entered at"]
    total = TimelineEvent.objects.filter(partnership=deal.partnership).count()
    assert len(rows) == total + 1
    assert rows[1][1] == "Gate override" and rows[1][4] == "owner"
    assert rows[1][3].startswith("Unmet (gates-v1):\n- ")
    assert rows[-1][1] == "Created"
    xlsx = client.get(url(deal, "timeline_export"), {"format": "xlsx", "kind": "concern"})
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(xlsx.content))["Timeline"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["at", "kind", "summary", "detail", "by", "entered at"]
    assert [r[1] for r in values[1:]] == ["Concern"]
    assert values[1][2] == "Deal-breaker raised by " + deal.company.organisation.name + (
        ": No naming of suppliers in public"
    )
    assert client.get(url(deal, "timeline_export"), {"format": "pdf"}).status_code == 400


def test_formula_like_text_is_neutralised_in_both_formats(
    cast: Any, deal: Any, client_for: Any
) -> None:
    with acting_as(label="@evil"):
        timeline.record(
            deal.partnership, EventKind.DECISION, '=HYPERLINK("http://x.test","open")', "+1+cmd"
        )
    client = client_for(cast.member)
    row = _csv(client.get(url(deal, "timeline_export")))[1]
    assert row[2:5] == ['\'=HYPERLINK("http://x.test","open")', "'+1+cmd", "'@evil"]
    xlsx = client.get(url(deal, "timeline_export"), {"format": "xlsx"})
    cells = next(load_workbook(io.BytesIO(xlsx.content))["Timeline"].iter_rows(min_row=2))
    assert [c.data_type for c in cells[2:5]] == ["s", "s", "s"]


def test_outsiders_get_404_and_another_programmes_partnership_is_not_found(
    cast: Any, deal: Any, other_deal: Any, client_for: Any
) -> None:
    names = ("timeline", "timeline_export")
    outsider = client_for(cast.outsider)
    assert [outsider.get(url(deal, n)).status_code for n in names] == [404, 404]
    owner = client_for(cast.owner)  # the same client, now signed in as the owner
    assert [owner.get(url(other_deal, n)).status_code for n in names] == [404, 404]


def _grow(cast: Any, deal: Any, count: int) -> None:
    start = timezone.now() - timedelta(days=count)
    kinds = list(EventKind)
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            programme=cast.programme,
            partnership=deal.partnership,
            at=start + timedelta(hours=i),
            kind=kinds[i % len(kinds)],
            summary=f"Entry {i}",
            detail="Some detail",
            actor_label="member",
            flagged=i % 7 == 0,
        )
        for i in range(count)
    )


@pytest.mark.parametrize("name", ["timeline", "timeline_export"])
def test_the_timeline_runs_the_same_number_of_queries_for_5_and_50_entries(
    cast: Any, deal: Any, client_for: Any, name: str
) -> None:
    client = client_for(cast.member)
    counts = []
    for total in (5, 50):
        TimelineEvent.objects.filter(partnership=deal.partnership).delete()
        _grow(cast, deal, total)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(deal, name))
        assert response.status_code == 200
        assert response.content.decode("utf-8-sig").count(f"Entry {total - 1}") == 1
        counts.append(len(queries))
    assert counts[0] == counts[1]

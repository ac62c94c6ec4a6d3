"""Health checks: each partner rates the aspects green, amber or red with comments; the check keeps
the due date its cadence gave; the page says when the next one is due (overdue, due soon, not
due) once the partnership runs, lists every check and draws the trend."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from partnerpath.core.lifecycle.cadence import DueStatus
from partnerpath.partnerships import charts
from partnerpath.partnerships.models import Agreement, HealthCheck, Partnership, TimelineEvent
from partnerpath.partnerships.services import flags, health
from tests.partnerships.conftest import name_point_persons

pytestmark = pytest.mark.django_db

P = "/p/mekong/partnerships"
ASPECT_COUNT = len(health.ASPECTS)


def url(deal: Any, page: str = "health/") -> str:
    return f"{P}/{deal.partnership.pk}/{page}"


def running(cast: Any, deal: Any, started: dt.date, cadence: str = "monthly") -> Partnership:
    """Put the partnership into implementation since ``started``, with an agreed cadence."""
    Partnership.objects.filter(pk=deal.partnership.pk).update(
        stage="implementation", started_on=started
    )
    Agreement.objects.create(
        programme=cast.programme, partnership=deal.partnership, cadence=cadence
    )
    return Partnership.objects.get(pk=deal.partnership.pk)


def rate(deal: Any, held_on: dt.date, **lights: str) -> HealthCheck:
    """A check where the company gives ``lights`` (aspect=light) and the NGO rates trust green."""
    given = [health.NewRating(deal.company, a, light) for a, light in lights.items()]
    given.append(health.NewRating(deal.ngo, "trust", "green"))
    return health.record_check(Partnership.objects.get(pk=deal.partnership.pk), held_on, given)


def test_recording_a_check_keeps_each_partners_ratings_and_the_due_date(cast, deal, client_for):
    running(cast, deal, dt.date(2025, 1, 1), "quarterly")
    company, ngo = deal.company.pk, deal.ngo.pk
    data = {
        "held_on": "2025-04-10",
        f"light_{company}_trust": "green",
        f"comment_{company}_trust": "Calls every fortnight.",
        f"light_{ngo}_trust": "red",
        f"comment_{ngo}_trust": "Audit findings were not shared.",
        f"light_{ngo}_communication": "amber",
        "notes": "Agreed to share audit summaries.",
    }
    response = client_for(cast.member).post(url(deal, "health/new/"), data)
    check = HealthCheck.objects.get()
    assert response["Location"] == url(deal, f"health/{check.pk}/")
    assert check.due_on == dt.date(2025, 4, 1) and check.recorded_by == cast.member
    assert sorted(check.ratings.values_list("partner_id", "aspect", "light", "comment")) == sorted(
        [
            (company, "trust", "green", "Calls every fortnight."),
            (ngo, "trust", "red", "Audit findings were not shared."),
            (ngo, "communication", "amber", ""),
        ]
    )
    event = TimelineEvent.objects.get(kind="health_check")
    assert event.summary == (
        "Health check of 10 Apr 2025: with everyone's ratings so far, the check is red overall "
        "(score 50 at that point)."
    )
    assert "worst rating counts" in event.detail


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({}, "Rate at least one aspect"),
        ({"comment_{company}_progress": "Slow"}, "Choose a light for progress"),
        ({"light_{company}_trust": "green", "held_on": "2999-01-01"}, "not a future date"),
        ({"light_{company}_trust": "green", "held_on": "0001-01-01"}, "was created on 01 Jan 2024"),
        ({"light_{company}_trust": "green", "held_on": "2023-12-31"}, "cannot be held before"),
        ({"light_{company}_trust": "purple"}, "Select a valid choice"),
    ],
)
def test_a_check_is_refused_with_a_clear_error(cast, deal, client_for, changes, error):
    data = {"held_on": "2025-04-10"}
    data.update({k.format(company=deal.company.pk): v for k, v in changes.items()})
    response = client_for(cast.member).post(url(deal, "health/new/"), data)
    assert response.status_code == 200 and error in response.content.decode()
    assert not HealthCheck.objects.exists()


def test_a_rating_from_another_partnerships_partner_is_refused(cast, deal, other_deal):
    with pytest.raises(ValueError, match="partner of this partnership"):
        health.record_check(
            deal.partnership,
            dt.date(2025, 4, 10),
            [health.NewRating(other_deal.company, "trust", "green")],
        )
    with pytest.raises(ValueError, match="at least one rating"):
        health.record_check(deal.partnership, dt.date(2025, 4, 10), [])


def test_the_form_is_a_grid_per_partner_naming_its_point_person(cast, deal, client_for):
    name_point_persons(deal, cast.owner)
    page = client_for(cast.member).get(url(deal, "health/new/")).content.decode()
    assert "Somchai P., the point-person" in page and "Dara K., the point-person" in page
    for partner in (deal.company, deal.ngo):
        for key, label in health.ASPECTS:
            assert f'<label for="id_light_{partner.pk}_{key}">{label}</label>' in page
            who = escape(f"{partner.organisation}: comment on {label.lower()}")
            assert f'aria-label="{who}"' in page


def test_a_health_check_is_overdue_after_its_cadence(cast, deal, client_for):
    today = timezone.localdate()
    partnership = running(cast, deal, today - dt.timedelta(days=100), "monthly")
    due = flags.next_check_of(partnership, None, "monthly", today)
    assert due is not None and due.status is DueStatus.OVERDUE
    page = client_for(cast.viewer).get(url(deal)).content.decode()
    assert "Overdue</span>" in page and "Overdue by" in page
    rate(deal, today - dt.timedelta(days=20), trust="green")
    page = client_for(cast.viewer).get(url(deal)).content.decode()
    assert "Due soon</span>" in page
    rate(deal, today, trust="green")
    page = client_for(cast.viewer).get(url(deal)).content.decode()
    assert "Not due yet</span>" in page and "Overdue" not in page


def test_checks_fall_due_only_once_the_partnership_runs(cast, deal, client_for):
    page = client_for(cast.viewer).get(url(deal)).content.decode()
    assert "Health checks fall due once the partnership runs" in page
    assert "implementation, review and learning, sustained / scaled" in page
    assert "Record a health check" not in page
    assert "Record a health check" in client_for(cast.member).get(url(deal)).content.decode()


def test_the_page_lists_every_check_with_its_lights_and_the_trend(cast, deal, client_for):
    running(cast, deal, dt.date(2025, 1, 1))
    rate(deal, dt.date(2025, 2, 1), trust="green", progress="green")
    rate(deal, dt.date(2025, 3, 1), trust="amber", progress="red")
    page = client_for(cast.viewer).get(url(deal)).content.decode()
    table = page.split('id="checks-h"')[1]
    assert table.index("1 Mar 2025") < table.index("1 Feb 2025")  # newest first
    assert "(due 1 Mar 2025)" in table
    assert "Since the previous check: <strong>worsening</strong>" in page
    assert "Trust went from green to amber." in page and "Progress went from green to red." in page


def test_the_trend_chart_draws_every_check(cast, deal, client_for):
    running(cast, deal, dt.date(2025, 1, 1))
    held = [dt.date(2025, 2, 3), dt.date(2025, 3, 4), dt.date(2025, 4, 5)]
    for day, light in zip(held, ("green", "amber", "red"), strict=True):
        rate(deal, day, trust=light)
    page = client_for(cast.viewer).get(url(deal)).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "<title>Health trend</title>" in svg and "<desc>" in svg
    assert len(re.findall(r"<rect ", svg)) == 3 * (ASPECT_COUNT + 1)
    trust = re.findall(r"<title>Trust on ([^<]+)</title>", svg)
    assert trust == ["3 Feb 2025: green", "4 Mar 2025: amber", "5 Apr 2025: red"]
    assert len(re.findall(r"<title>Score on ", svg)) == 3 and "<polyline" in svg
    assert "Progress on 3 Feb 2025: not rated" in svg


def test_the_trend_chart_alone_scales_scores_and_escapes_labels():
    columns = [
        charts.TrendColumn(dt.date(2025, 5, 1), {"trust": "red"}, "red", 0.0),
        charts.TrendColumn(dt.date(2025, 4, 1), {"trust": "green"}, "green", 100.0),
    ]
    svg = charts.health_trend_svg([("trust", "Trust <core>")], columns)
    assert "Trust &lt;core&gt;" in svg and "<core>" not in svg
    assert svg.index("1 Apr 2025") < svg.index("1 May 2025")  # oldest first
    (points,) = re.findall(r'<polyline points="([^"]+)"', svg)
    (x1, y1), (x2, y2) = (map(float, p.split(",")) for p in points.split())
    assert x1 < x2 and y2 - y1 == pytest.approx(charts.SCORE_HEIGHT)
    assert "No health checks yet" in charts.health_trend_svg([("trust", "Trust")], [])


def test_the_check_page_shows_each_partners_ratings_and_comments(cast, deal, client_for):
    name_point_persons(deal, cast.owner)
    check = health.record_check(
        deal.partnership,
        dt.date(2025, 4, 10),
        [health.NewRating(deal.company, "resources", "amber", "Budget cut in Q2.")],
        notes="Budget to be revisited.",
    )
    page = client_for(cast.viewer).get(url(deal, f"health/{check.pk}/")).content.decode()
    assert "Health check of 10 Apr 2025" in page and "Overall amber (score 50)" in page
    assert "Budget cut in Q2." in page and "Budget to be revisited." in page
    assert "point-person Somchai P." in page and "Did not rate this check." in page


def test_the_health_page_reads_in_a_fixed_number_of_queries(cast, deal, client_for):
    running(cast, deal, dt.date(2025, 1, 1))
    rate(deal, dt.date(2025, 2, 1), trust="green")
    client = client_for(cast.viewer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(deal)).status_code == 200
        return len(queries)

    few = count()
    for month in (3, 4, 5, 6):
        rate(deal, dt.date(2025, month, 1), trust="amber", progress="red", resources="green")
    assert count() == few


def test_a_second_check_of_the_same_date_joins_the_first(cast, deal, client_for):
    running(cast, deal, dt.date(2025, 1, 1))
    rate(deal, dt.date(2025, 3, 1), trust="green", progress="green")
    company = deal.company.pk
    data = {"held_on": "2025-03-01", f"light_{company}_trust": "red", "notes": "Call with HR."}
    data[f"light_{company}_resources"] = "amber"
    response = client_for(cast.member).post(url(deal, "health/new/"), data, follow=True)
    check = HealthCheck.objects.get()  # still one check of that date
    assert "added to the health check of 1 Mar 2025, held already" in response.content.decode()
    lights = dict(check.ratings.filter(partner=deal.company).values_list("aspect", "light"))
    assert lights == {"trust": "red", "progress": "green", "resources": "amber"}
    assert "Call with HR." in check.notes
    event = TimelineEvent.objects.filter(kind="health_check").latest("id")
    assert event.summary.startswith("Ratings added to the health check of 1 Mar 2025")


def test_the_team_never_replaces_a_partners_own_rating(cast, deal, client_for):
    running(cast, deal, dt.date(2025, 1, 1))
    partnership = Partnership.objects.get(pk=deal.partnership.pk)
    health.rate_as_partner(
        partnership,
        dt.date(2025, 3, 1),
        deal.company,
        [health.NewRating(deal.company, "trust", "amber", "Our own view")],
    )
    data = {"held_on": "2025-03-01", f"light_{deal.company.pk}_trust": "green"}
    response = client_for(cast.member).post(url(deal, "health/new/"), data)
    assert response.status_code == 200
    assert "their own ratings are not replaced" in response.content.decode()
    (rating,) = HealthCheck.objects.get().ratings.all()
    assert (rating.light, rating.by_partner) == ("amber", True)


def test_two_checks_of_one_date_read_the_same_trend_on_every_page(cast, deal, client_for):
    running(cast, deal, dt.date(2025, 1, 1))
    first = rate(deal, dt.date(2025, 3, 1), trust="green")
    # A second check of the same date, as older versions could leave (recorded after the first).
    second = HealthCheck.objects.create(
        programme=cast.programme, partnership=deal.partnership, held_on=dt.date(2025, 3, 1)
    )
    second.ratings.create(
        programme=cast.programme, partner=deal.company, aspect="trust", light="red"
    )
    assert second.pk > first.pk
    client = client_for(cast.viewer)
    page = client.get(url(deal)).content.decode()
    summary = client.get(url(deal, "summary/")).content.decode()
    assert "Since the previous check: <strong>worsening</strong>" in page
    assert '<strong id="health-trend">worsening</strong>' in summary
    assert "Score 100 -&gt; 0: worsening." in page and "Score 100 -&gt; 0: worsening." in summary


def test_a_check_is_dated_on_the_timeline_when_it_was_held(cast, deal):
    running(cast, deal, dt.date(2025, 1, 1))
    rate(deal, dt.date(2025, 3, 1), trust="green")
    event = TimelineEvent.objects.get(kind="health_check")
    assert timezone.localtime(event.at).date() == dt.date(2025, 3, 1)
    assert timezone.localdate(event.recorded_at) == timezone.localdate()


def test_the_health_page_says_how_the_overall_light_and_the_score_are_made(cast, deal, client_for):
    running(cast, deal, dt.date(2025, 1, 1))
    check = rate(deal, dt.date(2025, 3, 1), trust="red", progress="green")
    result = health.check_result(check)
    assert result.overall is not None and result.overall.value == "red"
    assert result.score == pytest.approx(200 / 3)  # red 0, green 100, the NGO's green 100
    client = client_for(cast.viewer)
    for page in (url(deal), url(deal, f"health/{check.pk}/")):
        text = client.get(page).content.decode()
        legend = text.split('class="small muted health-legend">')[1].split("</p>")[0]
        assert "the worst any partner gave to any aspect" in legend
        assert "the average of all ratings from every partner (green 100, amber 50" in legend


def test_a_met_gate_beside_a_red_health_check_asks_to_discuss_it_first(cast, deal, client_for):
    name_point_persons(deal, cast.owner)
    running(cast, deal, dt.date(2025, 1, 1))
    client = client_for(cast.viewer)
    rate(deal, dt.date(2025, 3, 1), trust="green")
    assert 'id="gate-health-red"' not in client.get(url(deal, "")).content.decode()
    rate(deal, dt.date(2025, 4, 1), trust="red")
    overview = client.get(url(deal, "")).content.decode()
    assert "Every requirement of the Review and learning gate is met." in overview
    note = overview.split('id="gate-health-red"')[1].split("</p>")[0]
    assert "The gate is met, but the latest health check (1 Apr 2025) is red" in note
    assert "before moving on" in note

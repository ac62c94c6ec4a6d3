"""The screening pages: what they show, deciding and confirming through them, htmx progress, the
organisation panel, the dashboard section, and constant query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerpath.core.matching.scoring import ALGORITHM_ID
from partnerpath.screening import services
from partnerpath.screening.choices import Decision, HitStatus, ScreeningStatus
from partnerpath.screening.models import Adjudication, Screening
from tests.screening.conftest import hit_on, many_hits

pytestmark = pytest.mark.django_db

S = "/p/mekong/screening"


@pytest.fixture
def screened(listed: Any, imported_lists: Any, screen: Any) -> Any:
    return screen(listed.org)


def _html(response: Any) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_the_overview_shows_the_lists_their_dates_and_the_hits_to_decide(
    cast: Any, screened: Any, client_for: Any
) -> None:
    html = _html(client_for(cast.viewer).get(f"{S}/"))
    assert "OFAC SDN" in html and "UN consolidated" in html
    assert "27 Feb 2026" in html and "date of import" in html
    assert "Anglo Caribbean Company Limited" in html and "Usama bin Laden" in html
    assert "Hits needing a decision" in html and f"{S}/runs/{screened.pk}/" in html
    assert 'aria-current="page">Screening</a>' in html


def test_only_programme_admins_are_told_the_command_that_imports_lists(
    cast: Any, client_for: Any
) -> None:
    admin = _html(client_for(cast.owner).get(f"{S}/"))
    member = _html(client_for(cast.member).get(f"{S}/"))
    assert "Your site operator imports the official lists" in admin
    assert "partnerpath lists import SOURCE --name NAME" in admin
    assert "No watch lists are loaded yet" in member and "partnerpath lists" not in member
    assert "A programme admin can ask the site operator to load them." in member


def test_the_results_page_shows_each_hit_with_its_entry_and_explanation(
    cast: Any, screened: Any, client_for: Any
) -> None:
    html = _html(client_for(cast.member).get(f"{S}/runs/{screened.pk}/"))
    assert "Usama bin Laden" in html and "Usama bin Muhammad bin Awad BIN LADIN" in html
    assert "Saudi Arabia" in html and "A1234567" in html and "1957-07-30" in html
    assert "OFAC SDN, list of" in html and "SDGT" in html and "ofac-6365" in html
    assert "Name similarity" in html and "Birth date" in html and ALGORITHM_ID in html
    assert html.count("Record decision") == 2


def test_a_member_decides_on_a_hit_from_the_results_page(
    cast: Any, screened: Any, client_for: Any
) -> None:
    hit = hit_on(screened, "ofac-173")
    page = f"{S}/runs/{screened.pk}/"
    response = client_for(cast.member).post(
        f"{S}/hits/{hit.pk}/decide/",
        {"decision": "false_positive", "reason": "Registered in Wales in 2019", "next": page},
    )
    assert response.status_code == 302 and response["Location"] == page
    hit.refresh_from_db()
    assert hit.status == HitStatus.FALSE_POSITIVE
    html = _html(client_for(cast.member).get(page))
    assert "Decision: False positive" in html and "Registered in Wales in 2019" in html


def test_a_decision_without_a_reason_is_refused_on_the_page(
    cast: Any, screened: Any, client_for: Any
) -> None:
    hit = hit_on(screened, "ofac-173")
    response = client_for(cast.member).post(
        f"{S}/hits/{hit.pk}/decide/", {"decision": "false_positive", "reason": "  "}
    )
    assert "This field is required" in _html(response)
    assert not Adjudication.objects.exists()


def test_htmx_swaps_the_hit_card_after_a_decision(
    cast: Any, screened: Any, client_for: Any
) -> None:
    hit = hit_on(screened, "ofac-173")
    response = client_for(cast.member).post(
        f"{S}/hits/{hit.pk}/decide/",
        {
            "decision": "needs_escalation",
            "reason": "Ask the donor's compliance team",
            "next": f"{S}/runs/{screened.pk}/",
        },
        HTTP_HX_REQUEST="true",
    )
    html = _html(response)
    assert f'name="next" value="{S}/runs/{screened.pk}/"' in html
    assert html.lstrip().startswith(f'<article class="card" id="hit-{hit.pk}"')
    assert "Decision: Needs escalation" in html and "<html" not in html


def test_clearing_a_true_match_on_the_page_waits_for_a_second_person(
    cast: Any, screened: Any, client_for: Any
) -> None:
    hit = hit_on(screened, "ofac-6365")
    url = f"{S}/hits/{hit.pk}/"
    member = client_for(cast.member)
    member.post(f"{url}decide/", {"decision": "true_match", "reason": "Same birth date"})
    member.post(f"{url}decide/", {"decision": "false_positive", "reason": "Different father"})
    html = _html(member.get(url))
    assert "Awaiting second person" in html and "You asked for this change" in html
    assert "Confirm as second person" not in html

    response = member.post(f"{url}confirm/", follow=True)
    assert "a second person must confirm" in _html(response)
    assert Adjudication.objects.get().decision == Decision.TRUE_MATCH

    owner = client_for(cast.owner)
    assert "Confirm as second person: False positive" in _html(owner.get(url))
    owner.post(f"{url}confirm/")
    adj = Adjudication.objects.get()
    assert adj.decision == Decision.FALSE_POSITIVE and adj.confirmed_by == cast.owner
    assert "confirmed by owner" in _html(owner.get(url))


def test_progress_polls_every_two_seconds_only_while_the_screening_runs(
    cast: Any, screened: Any, client_for: Any
) -> None:
    running = Screening.objects.create(
        programme=cast.programme,
        scope="all_active",
        status=ScreeningStatus.RUNNING,
        total_count=4,
        done_count=1,
        algorithm="screening-v1",
        threshold=0.7,
    )
    client = client_for(cast.viewer)
    html = _html(client.get(f"{S}/runs/{running.pk}/progress/"))
    assert 'hx-trigger="every 2s"' in html and "1 of 4 organisations" in html
    assert 'hx-trigger="every 2s"' in _html(client.get(f"{S}/"))
    done = client.get(f"{S}/runs/{screened.pk}/progress/?refresh=1")
    assert "hx-trigger" not in _html(done) and done["HX-Refresh"] == "true"


def test_the_organisation_page_offers_screen_now_and_shows_the_hits(
    cast: Any, listed: Any, imported_lists: Any, client_for: Any
) -> None:
    client = client_for(cast.member)
    org_url = f"/p/mekong/organisations/{listed.org.pk}/"
    html = _html(client.get(org_url))
    assert "Watch-list screening" in html and "Not screened yet" in html and "Screen now" in html
    response = client.post(f"{S}/organisations/{listed.org.pk}/run/")
    screening = Screening.objects.get()
    assert response["Location"] == f"{S}/runs/{screening.pk}/"
    html = _html(client.get(org_url))
    assert "Needs a decision: 2" in html and "Usama bin Laden ~ Usama bin Muhammad" in html


def test_screen_all_starts_a_screening_of_every_active_organisation(
    cast: Any, listed: Any, imported_lists: Any, client_for: Any
) -> None:
    client_for(cast.member).post(f"{S}/run/")
    screening = Screening.objects.get()
    assert screening.total_count == 2 and screening.requested_by == cast.member


def test_the_dashboard_shows_new_screening_hits(cast: Any, screened: Any, client_for: Any) -> None:
    html = _html(client_for(cast.viewer).get("/p/mekong/"))
    assert "Screening hits needing attention" in html
    assert f"{S}/hits/{hit_on(screened, 'ofac-6365').pk}/" in html
    services.decide(hit_on(screened, "ofac-6365"), "false_positive", "Other man", cast.member)
    services.decide(hit_on(screened, "ofac-173"), "false_positive", "Other firm", cast.member)
    assert "No screening hit is waiting" in _html(client_for(cast.viewer).get("/p/mekong/"))


def test_the_hit_list_shows_open_hits_and_filters_by_status(
    cast: Any, screened: Any, client_for: Any
) -> None:
    services.decide(hit_on(screened, "ofac-173"), "false_positive", "Other firm", cast.member)
    client = client_for(cast.viewer)
    html = _html(client.get(f"{S}/hits/"))
    assert "Usama bin Laden" in html and "Anglo Caribbean Company Limited</a>" not in html
    html = _html(client.get(f"{S}/hits/?status=false_positive"))
    assert "Anglo Caribbean Company Limited</a>" in html and "Usama bin Laden" not in html


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("page", ["hits", "results"])
def test_hit_pages_run_the_same_queries_for_10_and_100_hits(
    cast: Any, listed: Any, imported_lists: Any, client_for: Any, page: str
) -> None:
    client = client_for(cast.member)
    screening = many_hits(cast.programme, listed.org, 10)
    url = f"{S}/hits/?status=&latest=" if page == "hits" else f"{S}/runs/{screening.pk}/"
    few = _queries(client, url)
    many_hits(cast.programme, listed.org, 90, screening)
    assert _queries(client, url) == few


def test_the_overview_and_dashboard_run_the_same_queries_for_10_and_100_hits(
    cast: Any, listed: Any, imported_lists: Any, client_for: Any
) -> None:
    client = client_for(cast.member)
    screening = many_hits(cast.programme, listed.org, 10)
    few = (_queries(client, f"{S}/"), _queries(client, "/p/mekong/"))
    many_hits(cast.programme, listed.org, 90, screening)
    assert (_queries(client, f"{S}/"), _queries(client, "/p/mekong/")) == few

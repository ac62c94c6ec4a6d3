"""Results of rounds: ranking with group values, disagreements with rationales side by side,
the stacked chart, sensitivity, rounds side by side, the pipeline, and constant query counts."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.prioritisation.conftest import fill, fill_all, grow, opportunity, raters, sheet

pytestmark = pytest.mark.django_db
P = "/p/mekong/prioritisation"


def _submit_both(round_: Any, member: dict[str, int], reviewer: dict[str, int], cast: Any) -> None:
    from partnerpath.prioritisation.services import rounds

    rounds.submit_sheet(fill_all(round_, cast.member, member, "Member's view"), cast.member)
    rounds.submit_sheet(fill_all(round_, cast.reviewer, reviewer, "Donor's view"), cast.reviewer)


def test_the_results_page_ranks_and_explains(cast, round_, opps, client_for):
    member = {"Worker voice at sea": 4, "Ethical recruitment pilot": 2}
    reviewer = {"Worker voice at sea": 4, "Ethical recruitment pilot": 4}
    _submit_both(round_, member, reviewer, cast)
    page = client_for(cast.viewer).get(f"{P}/rounds/{round_.pk}/results/").content.decode()
    assert page.index("Worker voice at sea") < page.index("Ethical recruitment pilot")
    assert "<svg" in page and "Worker voice at sea: Development value 30.0 points" in page
    assert "<td>Ethical recruitment pilot</td><td>Alignment to programme objectives</td>" in page
    assert "Member&#x27;s view" in page and "Donor&#x27;s view" in page
    assert "P(top 3)" in page and "Smallest change of weights" in page


def test_the_smallest_weight_change_is_shown_in_words(cast, opps, client_for):
    from partnerpath.prioritisation.services import results, rounds, templates

    version = templates.default_template_version(cast.programme)
    found = rounds.create_round(
        cast.programme, "Internal", version, None, [cast.member], opps, cast.owner, top_k=1
    )
    mine = sheet(found, cast.member)
    fill(mine, opps[0], 4, risk=5)
    fill(mine, opps[1], 3, risk=1)
    fill(mine, opps[2], 1)
    rounds.submit_sheet(mine, cast.member)
    res = results.round_results(found)
    assert res.lines[0].title == "Worker voice at sea"
    assert "percentage points of weight" in res.change_text
    assert "Ethical recruitment pilot reach Worker voice at sea" in res.change_text


def test_rounds_side_by_side_show_movements(cast, opps, client_for):
    from partnerpath.prioritisation.services import rounds, templates

    version = templates.default_template_version(cast.programme)
    internal = rounds.create_round(
        cast.programme, "Internal", version, None, [cast.owner], opps, cast.owner
    )
    donor = rounds.create_round(
        cast.programme, "Donor", version, None, [cast.member, cast.reviewer], opps, cast.owner
    )
    rounds.submit_sheet(fill_all(internal, cast.owner, {"Shelter equipment": 5}), cast.owner)
    _submit_both(donor, {"Worker voice at sea": 5}, {"Worker voice at sea": 5}, cast)
    page = client_for(cast.reviewer).get(f"{P}/rounds/compare/").content.decode()
    assert page.index("Internal") < page.index("Donor")
    assert "▲ 1" in page and "▼ 1" in page  # worker voice 2 -> 1, shelter 1 -> 2


def test_selecting_an_opportunity_puts_it_in_the_pipeline_with_its_reason(
    cast, round_, opps, client_for
):
    from partnerpath.audit.models import Change

    _submit_both(round_, {"Shelter equipment": 5}, {"Shelter equipment": 4}, cast)
    client = client_for(cast.member)
    refused = client.post(f"{P}/opportunities/{opps[2].pk}/select/", {"reason": ""}, follow=True)
    assert "Say why" in refused.content.decode()
    client.post(f"{P}/opportunities/{opps[2].pk}/select/", {"reason": "Top in the donor round"})
    opps[2].refresh_from_db()
    assert opps[2].status == "selected" and opps[2].status_reason == "Top in the donor round"
    change = Change.objects.filter(object_id=str(opps[2].pk)).latest("id")
    assert change.reason == "Top in the donor round"
    page = client.get(f"{P}/pipeline/").content.decode()
    assert "Shelter equipment" in page and "Donor" in page


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "page", ["rounds/{pk}/results/", "rounds/{pk}/", "rounds/compare/", "pipeline/", ""]
)
def test_round_pages_run_the_same_number_of_queries_for_20_and_60_opportunities(
    cast, client_for, page
):
    from django.utils import timezone

    from partnerpath.prioritisation.models import RaterSheet
    from partnerpath.prioritisation.services import rounds, templates

    people = raters(cast, 10)
    version = templates.default_template_version(cast.programme)
    first = opportunity(cast.programme, "Seed")
    found = rounds.create_round(cast.programme, "Donor", version, None, people, [first], cast.owner)
    RaterSheet.objects.filter(round=found).update(submitted_at=timezone.now())
    client = client_for(cast.viewer)
    url = f"{P}/{page.format(pk=found.pk)}"
    grow(cast, found, 20)
    few = _count(client, url)
    grow(cast, found, 60)
    assert _count(client, url) == few


def _na_except(scored: dict[str, int]) -> dict[str, str]:
    """Cells marking every factor insufficient information except the scored ones."""
    from tests.prioritisation.conftest import FACTORS

    return {f: str(scored.get(f, "na")) for f in FACTORS}


def _submit(round_: Any, user: Any, cells: dict[str, dict[str, str]]) -> None:
    """Fill the user's sheet (each opportunity by title: factor -> cell, default 3) and submit."""
    from partnerpath.prioritisation.services import rounds

    mine = sheet(round_, user)
    for opp in round_.opportunities.all():
        given = cells.get(opp.title)
        if given is None:
            fill(mine, opp, 3)
        else:
            rounds.save_scores(mine, opp, {f: rounds.Cell(v) for f, v in given.items()})
    rounds.submit_sheet(mine, user)


def test_an_opportunity_nobody_could_score_is_not_ranked_nor_in_the_sensitivity(
    cast, round_, opps, client_for
):
    from partnerpath.prioritisation.services import results

    shelter = {"Shelter equipment": _na_except({})}
    _submit(round_, cast.member, shelter)
    _submit(round_, cast.reviewer, shelter)
    res = results.round_results(round_)
    last = res.lines[-1]
    assert (last.title, last.result.rank, last.result.total) == ("Shelter equipment", None, None)
    assert [line.result.rank for line in res.lines[:2]] == [1, 1]  # =1, not pushed by a zero
    assert last.stability is None and str(last.pk) not in res.analysis.stability
    assert res.unranked_lines == [last] and last not in res.ranked_lines
    assert "All 2 ranked opportunities are in the top 3" in res.change_text
    client = client_for(cast.viewer)
    page = client.get(f"{P}/rounds/{round_.pk}/results/").content.decode()
    assert "Not enough scores to rank:</strong> Shelter equipment." in page
    assert page.count("not enough scores to rank") >= 2  # the alert and its row at the end
    assert page.rindex("Shelter equipment") > page.index("Ethical recruitment pilot")
    assert f'<option value="{last.pk}"' not in page  # no tornado for an unranked opportunity
    assert client.get(f"{P}/rounds/{round_.pk}/results/export/").status_code == 200
    compare = client.get(f"{P}/rounds/compare/").content.decode()
    assert "not enough scores to rank" in compare
    opps[2].status = "selected"
    opps[2].save()
    pipeline = client.get(f"{P}/pipeline/")  # selected but never ranked: listed without a rank
    assert pipeline.status_code == 200 and "Shelter equipment" in pipeline.content.decode()


def test_an_opportunity_scored_on_little_of_the_weight_is_ranked_with_a_loud_warning(
    cast, round_, opps, client_for
):
    thin = {"Shelter equipment": _na_except({"alignment": 5, "business_goals": 5})}
    _submit(round_, cast.member, thin)
    _submit(round_, cast.reviewer, thin)
    page = client_for(cast.outsider).get(f"{P}/rounds/{round_.pk}/results/")
    assert page.status_code == 404
    page = client_for(cast.viewer).get(f"{P}/rounds/{round_.pk}/results/").content.decode()
    assert "<strong>Low coverage:</strong> Shelter equipment (rank 1, 22% of the weight" in page
    assert "ranked on less than 60% of the weight" in page
    assert '<span class="tag bad">low coverage: 22%</span>' in page
    assert page.count("100%") >= 2  # the fully scored ones show their coverage too


@pytest.mark.parametrize(
    ("top_k", "ranked", "expected"),
    [
        (3, 3, "All 3 ranked opportunities are in the top 3, so no change of weights can alter"),
        (5, 3, "All 3 ranked opportunities are in the top 5, so no change"),
        (1, 1, "The only ranked opportunity is in the top 1, so no change"),
        (3, 0, "No opportunity has enough scores to rank"),
        (2, 5, "No change of weights can alter the top 2: its members score at least as well"),
    ],
)
def test_the_sentence_for_no_possible_top_k_change_says_why(top_k, ranked, expected):
    from partnerpath.prioritisation.services.results import _change_text

    assert _change_text(None, {}, {}, top_k, ranked).startswith(expected)

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

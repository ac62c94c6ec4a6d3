"""SQL query counts of the round pages stay constant: a round's results for 5 opportunities x 2
raters and for 200 x 10 (the issue's size), and the rounds side by side for 2 and for 6 rounds."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.prioritisation.conftest import scored_round

pytestmark = pytest.mark.django_db
P = "/p/mekong/prioritisation"


def _count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


RESULTS_URLS = {
    "results": f"{P}/rounds/{{pk}}/results/",
    "results with a tornado": f"{P}/rounds/{{pk}}/results/?opportunity={{last}}",
    "round detail": f"{P}/rounds/{{pk}}/",
    "results XLSX": f"{P}/rounds/{{pk}}/results/export/",
    "API results": "/api/v1/rounds/{pk}/results/",
}


def test_a_rounds_results_run_the_same_queries_for_5x2_and_200x10(cast, client_for):
    small, large = scored_round(cast, "Small", 5, 2), scored_round(cast, "Large", 200, 10)
    assert large.sheets.count() * large.opportunities.count() == 2000
    client = client_for(cast.viewer)
    counts: dict[str, list[int]] = {}
    for found in (small, large):
        last = found.opportunities.order_by("-pk").values_list("pk", flat=True).first()
        for name, url in RESULTS_URLS.items():
            counts.setdefault(name, []).append(_count(client, url.format(pk=found.pk, last=last)))
    assert {name: few for name, (few, _) in counts.items()} == {
        name: many for name, (_, many) in counts.items()
    }


@pytest.mark.parametrize(
    "url",
    [f"{P}/rounds/compare/", f"{P}/pipeline/", f"{P}/", "/api/v1/rounds/?page_size=50"],
    ids=["compare", "pipeline", "overview", "api-rounds"],
)
def test_the_round_pages_run_the_same_queries_for_2_and_6_rounds(cast, client_for, url):
    from partnerpath.prioritisation.models import Opportunity

    client = client_for(cast.viewer)
    for n in range(2):
        scored_round(cast, f"Round {n}", 4, 2)
    Opportunity.objects.filter(title__endswith="000").update(status="selected", status_reason="x")
    few = _count(client, url)
    for n in range(2, 6):
        scored_round(cast, f"Round {n}", 4, 2)
    Opportunity.objects.filter(title__endswith="000").update(status="selected", status_reason="x")
    assert _count(client, url) == few

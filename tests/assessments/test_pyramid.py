"""The portfolio pyramid: one organisation counts once at its latest final level; filters by
sector and country; each level lists its organisations; constant queries as the portfolio grows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.assessments.conftest import assessed

pytestmark = pytest.mark.django_db

URL = "/p/mekong/assessments/pyramid/"


def _grow(cast: Any, start: int, stop: int) -> None:
    """Organisations start..stop-1, each with a final assessment at level i % 5 (bulk, fast)."""
    from partnerpath.assessments.models import Assessment
    from partnerpath.registry.models import Organisation

    orgs = Organisation.objects.bulk_create(
        Organisation(programme=cast.programme, name=f"Org {i:04}", sectors=["fisheries"])
        for i in range(start, stop)
    )
    Assessment.objects.bulk_create(
        Assessment(
            programme=cast.programme,
            organisation=o,
            rubric_key="maturity-v1",
            status="final",
            level=i % 5,
            result={"label": "x"},
        )
        for i, o in zip(range(start, stop), orgs, strict=True)
    )


def test_each_organisation_counts_once_at_its_latest_final_level(cast, org, client_for):
    older = assessed(cast, org, {1: "met", 2: "met"})
    older.assessed_on = dt.date(2024, 1, 1)
    older.save()
    assessed(cast, org, {1: "met"})  # latest final: level 1
    assessed(cast, org, {1: "met", 2: "met"}, final=False)  # drafts never count
    response = client_for(cast.viewer).get(URL)
    found = response.context["found"]
    assert found.counts == {1: 1}
    assert "1 Follower: 1" in response.content.decode()


def test_a_level_links_to_its_organisations(cast, org, client_for):
    assessed(cast, org, {1: "met"})
    page = client_for(cast.viewer).get(URL + "?level=1").content.decode()
    assert "At level 1 Follower" in page and org.name in page
    assert org.name not in client_for(cast.viewer).get(URL + "?level=2").content.decode()


def test_the_pyramid_filters_by_sector_and_country(cast, org, client_for):
    other = factories.organisation(cast.programme, name="Garment Co", hq_country="VN",
                                   sectors=["garments"])  # fmt: skip
    assessed(cast, org, {1: "met"})
    assessed(cast, other, {1: "met", 2: "met"})
    client = client_for(cast.viewer)
    assert client.get(URL).context["found"].counts == {1: 1, 2: 1}
    assert client.get(URL + "?sector=garments").context["found"].counts == {2: 1}
    assert client.get(URL + "?country=mm").context["found"].counts == {1: 1}  # operates in MM
    assert client.get(URL + "?country=TH&sector=garments").context["found"].counts == {}


def test_the_pyramid_runs_the_same_queries_for_10_and_200_organisations(cast, client_for):
    client = client_for(cast.viewer)
    _grow(cast, 0, 10)
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL + "?level=1").status_code == 200
    _grow(cast, 10, 200)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL + "?level=1")
    assert response.context["found"].total == 200
    assert len(large) == len(small)

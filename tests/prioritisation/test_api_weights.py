"""Weights agreed on record over the API: who agreed them, when, why and how, with the
consistency ratio, read-only and scoped to the user's programmes (the outsider sees nothing)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
URL = "/api/v1/weight-decisions/"
GROUPS = {"development": 40, "business": 20, "government": 20, "risk_costs": 20}


def _decision(programme: Any, user: Any, reason: str = "Agreed at the retreat") -> Any:
    from partnerpath.prioritisation.services import templates, weights

    version = templates.default_template_version(programme)
    return weights.record_direct(version, GROUPS, None, user, dt.date(2026, 11, 20), reason)


def test_members_read_who_agreed_the_weights_when_why_and_how(cast, api_for):
    decision = _decision(cast.programme, cast.owner)
    for user in (cast.viewer, cast.reviewer, cast.member):
        body = api_for(user).get(URL).json()
        assert [d["id"] for d in body["results"]] == [decision.pk]
    shown = api_for(cast.viewer).get(f"{URL}{decision.pk}/").json()
    assert (shown["programme"], shown["template_id"], shown["method"]) == (
        "mekong",
        "scorecard-default-v1",
        "direct",
    )
    assert (shown["agreed_by"], shown["agreed_by_name"], shown["agreed_on"]) == (
        cast.owner.pk,
        "owner",
        "2026-11-20",
    )
    assert shown["reason"] == "Agreed at the retreat" and shown["consistency_ratio"] is None
    assert shown["group_weights"]["development"] == pytest.approx(0.4)
    assert sum(shown["factor_weights"].values()) == pytest.approx(1)


def test_an_ahp_decision_shows_its_consistency_ratio(cast, api_for):
    from partnerpath.prioritisation.services import templates, weights

    version = templates.default_template_version(cast.programme)
    keys = [g.key for g in version.template.groups]
    pairs = [(a, b, 1) for i, a in enumerate(keys) for b in keys[i + 1 :]]
    decision = weights.record_ahp(version, pairs, cast.owner, dt.date(2026, 11, 21), "Pairs")
    shown = api_for(cast.member).get(f"{URL}{decision.pk}/").json()
    assert (shown["method"], shown["consistency_ratio"]) == ("ahp", pytest.approx(0.0))
    assert shown["consistency"]


def test_the_outsider_gets_404_and_nothing_in_the_list(cast, api_for):
    decision = _decision(cast.programme, cast.owner)
    elsewhere = _decision(cast.other_programme, cast.outsider, "Theirs")
    outsider = api_for(cast.outsider)
    assert outsider.get(f"{URL}{decision.pk}/").status_code == 404
    assert [d["id"] for d in outsider.get(URL).json()["results"]] == [elsewhere.pk]
    assert [d["id"] for d in api_for(cast.member).get(URL).json()["results"]] == [decision.pk]
    assert api_for(cast.member).get(f"{URL}?programme=other").status_code == 400


def test_weights_are_not_changed_through_the_api(cast, api_for):
    decision = _decision(cast.programme, cast.owner)
    owner = api_for(cast.owner)
    assert owner.post(URL, {"programme": "mekong"}, format="json").status_code == 405
    assert owner.patch(f"{URL}{decision.pk}/", {"reason": "x"}, format="json").status_code == 405
    assert owner.delete(f"{URL}{decision.pk}/").status_code == 405


def test_the_list_runs_the_same_number_of_queries_for_3_and_12(cast, api_for):
    client = api_for(cast.viewer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{URL}?page_size=200").status_code == 200
        return len(queries)

    for i in range(3):
        _decision(cast.programme, cast.owner, f"Reason {i}")
    few = count()
    for i in range(9):
        _decision(cast.programme, cast.owner, f"More {i}")
    assert count() == few


def test_the_endpoint_is_in_the_schema_without_warnings(tmp_path):
    out = tmp_path / "api.yaml"
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(out),
    )
    text = out.read_text()
    assert "/api/v1/weight-decisions/{id}/:" in text and "/api/v1/rounds/{id}/weights/:" in text
    assert "agreed_by_name" in text

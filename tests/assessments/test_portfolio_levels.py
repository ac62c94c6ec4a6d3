"""The pyramid and the charts on the levels of the rubrics actually used: a programme rubric that
adds a level or renames one, a level that is only a floor ("at least"), and query parameters the
pages do not know (a notice, never a 500)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.assessments.conftest import EVIDENCE, assessed

pytestmark = pytest.mark.django_db

P = "/p/mekong/assessments"
URL = f"{P}/pyramid/"
OWN = "maturity-mekong-v1"


def _own_rubric(cast: Any) -> Any:
    """maturity-v1 cloned as maturity-mekong-v1, level 2 renamed and a level 5 added."""
    from partnerpath.assessments import rubrics

    record = rubrics.clone_rubric(cast.programme, cast.owner, "maturity-v1", "maturity-mekong", 1)
    doc = yaml.safe_load(record.document)
    doc["levels"][1]["label"] = "Compliant"
    top = {**doc["levels"][-1], "level": 5, "label": "Champion", "threshold": 50}
    top["indicators"] = [
        {"id": "champion-sector-pact", "question": "Leads a sector pact?", "guidance": "Pact.",
         "weight": 100, "scale": "met", "evidence_required": False},
    ]  # fmt: skip
    doc["levels"].append(top)
    return rubrics.save_document(record, yaml.safe_dump(doc, sort_keys=False), cast.owner)


def _assessed_on_own(cast: Any, org: Any) -> Any:
    """A final assessment on the programme's rubric with every indicator met: level 5."""
    from partnerpath.assessments import services

    assessment = services.start_assessment(cast.programme, cast.member, org, OWN)
    rub = services.rubric_of(assessment)
    changed = {i.id: {"value": "met", **EVIDENCE} for i in rub.indicators()}
    services.save_answers(assessment, changed, cast.member)
    services.finalise(assessment, cast.member)
    assessment.refresh_from_db()
    return assessment


def _orgs(cast: Any, n: int, start: int = 0) -> list[Any]:
    return [factories.organisation(cast.programme, name=f"Org {start + i}") for i in range(n)]


def test_the_pyramid_draws_the_rubric_most_used_and_offers_the_others(cast, client_for):
    _own_rubric(cast)
    on_own = _orgs(cast, 1)
    for org in on_own:
        _assessed_on_own(cast, org)
    for org in _orgs(cast, 2, start=10):
        assessed(cast, org, {1: "met", 2: "not_met"})
    client = client_for(cast.viewer)
    response = client.get(URL)
    found = response.context["found"]
    assert (found.rubric, found.counts, found.rubrics) == ("maturity-v1", {1: 2}, {
        "maturity-v1": 2, OWN: 1})  # fmt: skip
    page = response.content.decode()
    assert f'<option value="{OWN}">{OWN} (1 organisation)</option>' in page
    assert "1 more organisation was last assessed with another rubric" in page

    response = client.get(f"{URL}?rubric={OWN}&level=5")
    tiers = response.context["tiers"]
    assert [(t.level, t.label, t.count) for t in tiers][:4] == [
        (5, "Champion", 1), (4, "Innovator", 0), (3, "Leader", 0), (2, "Compliant", 0)]  # fmt: skip
    assert sum(t.count for t in tiers) == response.context["found"].total == 1
    page = response.content.decode()
    assert "At level 5 Champion" in page and on_own[0].name in page
    assert f"rubric={OWN}&amp;level=4" in page  # each tier links within the same rubric


def test_the_organisation_chart_uses_the_levels_and_labels_of_its_rubrics(cast, client_for):
    from partnerpath.assessments import services

    _own_rubric(cast)
    org = factories.organisation(cast.programme)
    assessed(cast, org, {1: "met", 2: "met", 3: "not_met"})
    _assessed_on_own(cast, org)
    context = services.panel_context(org)
    chart = context["panel_chart"]
    assert [p.level for p in chart.points] == [2, 5]
    assert all(0 <= p.y <= chart.height for p in chart.points)
    labels = {n: label for _, n, label in chart.grid}
    assert labels[5] == "Champion" and labels[2] == "Compliant"  # the latest rubric's names
    page = client_for(cast.viewer).get(f"/p/mekong/organisations/{org.pk}/").content.decode()
    assert "5 Champion" in page and 'cy="-' not in page


def test_a_floor_shows_at_least_on_every_page(cast, org, client_for):
    floor = assessed(cast, org, {1: "met", 2: "met"})  # level 3 unanswered: at least level 2
    assert floor.result["determinable"] is False
    client = client_for(cast.viewer)
    tag = ">at least</span>"
    pages = {
        "overview": client.get(f"{P}/").content.decode(),
        "organisation table": client.get(f"{P}/organisations/{org.pk}/").content.decode(),
        "organisation page": client.get(f"/p/mekong/organisations/{org.pk}/").content.decode(),
        "pyramid list": client.get(f"{URL}?level=2").content.decode(),
    }
    for name, page in pages.items():
        assert tag in page, name
    pyramid = client.get(URL)
    assert pyramid.context["found"].at_least == {2: 1}
    html = pyramid.content.decode()
    assert "2 Mature: 1 organisation (1 possibly higher)</text>" in html
    assert (
        "Level 2 Mature</a>: 1 organisation (1 of them possibly higher: not enough answers for "
        "the next level)</li>"
    ) in html
    assert "at least level 2" in pages["organisation page"]  # the chart's dot says it too


def test_a_plain_level_shows_no_at_least(cast, org, client_for):
    assessed(cast, org, {1: "met", 2: "not_met"})  # level 2 not reached: plainly level 1
    page = client_for(cast.viewer).get(f"{URL}?level=1").content.decode()
    assert "1 Follower: 1 organisation</text>" in page and ">at least</span>" not in page
    assert "possibly higher" not in page.split('id="pyramid-h"')[1]


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("level=%C2%B2", "No level"),  # "²": str.isdigit() says yes, int() says no
        ("level=%D9%A3", "No level"),  # Arabic-Indic three
        ("level=-1", "No level"),
        ("level=1.0", "No level"),
        ("level=99999999999999999999", "No level"),
        ("level=9", "No level"),
        ("sector=%00", "Unknown sector"),
        ("sector=%25", "Unknown sector"),  # a LIKE wildcard
        ("sector=fisheries,apparel", "Unknown sector"),
        ("country=%00", "Unknown country"),
        ("country=XX", "Unknown country"),
        ("country=%C4%B1d", "Unknown country"),  # dotless i + d upper-cases to "ID"
        ("rubric=..%2Fetc", "No rubric"),
        ("rubric=%00", "No rubric"),
        ("rubric=nope-v1", "No maturity rubric"),
        ("rubric=pse-readiness-v1", "No maturity rubric"),
    ],
)
def test_a_query_parameter_the_page_does_not_know_gives_a_notice_not_a_500(
    cast, org, client_for, query, notice
):
    assessed(cast, org, {1: "met", 2: "not_met"})
    response = client_for(cast.viewer).get(f"{URL}?{query}")
    assert response.status_code == 200
    assert notice in response.content.decode()
    assert response.context["found"].total == 1  # the bad value was ignored, not applied


@pytest.mark.parametrize(
    ("query", "counts"),
    [("country=mm", {1: 1}), ("country=Thailand", {1: 1}), ("country=tha", {1: 1}),
     ("sector=apparel", {}), ("sector=not_listed_anywhere", {})],
)  # fmt: skip
def test_well_formed_filters_still_apply(cast, org, client_for, query, counts):
    assessed(cast, org, {1: "met", 2: "not_met"})
    response = client_for(cast.viewer).get(f"{URL}?{query}")
    assert response.context["found"].counts == counts and not response.context["notices"]


def test_the_outsider_gets_404_on_the_pyramid(cast, client_for):
    assert client_for(cast.outsider).get(f"{URL}?level=%C2%B2").status_code == 404


def test_the_pyramid_of_a_programme_rubric_runs_the_same_queries_as_it_grows(cast, client_for):
    _own_rubric(cast)
    client = client_for(cast.viewer)
    for org in _orgs(cast, 2):
        _assessed_on_own(cast, org)
    assessed(cast, factories.organisation(cast.programme, name="On v1"), {1: "met"})
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"{URL}?rubric={OWN}&level=5").status_code == 200
    for org in _orgs(cast, 6, start=2):
        _assessed_on_own(cast, org)
    with CaptureQueriesContext(connection) as large:
        response = client.get(f"{URL}?rubric={OWN}&level=5")
    assert response.context["found"].total == 8
    assert len(large) == len(small)

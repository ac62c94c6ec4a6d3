"""The programme's PSE readiness self-assessment: 16 questions under 5 learnings rated 0-3, a
radar per learning, weakest first with next steps, and the comparison with the previous one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

P = "/p/mekong/assessments"


def _rubric() -> Any:
    from partnerpath.core.rubric import load_packaged

    return load_packaged("pse-readiness-v1")


def _rated(cast: Any, ratings: dict[str, str], on: dt.date, final: bool = True) -> Any:
    """A PSE assessment rating every question of each section (by id) with one value."""
    from partnerpath.assessments import services

    assessment = services.start_assessment(cast.programme, cast.member)
    assessment.assessed_on = on
    assessment.save()
    changed = {
        ind.id: {"value": value, "evidence_url": "https://example.org/minutes"}
        for section in _rubric().sections
        for ind in section.indicators
        if (value := ratings.get(section.id))
    }
    services.save_answers(assessment, changed, cast.member)
    if final:
        services.finalise(assessment, cast.member)
    assessment.refresh_from_db()
    return assessment


def test_a_member_starts_a_pse_self_assessment_of_the_programme(cast, client_for):
    from partnerpath.assessments.models import Assessment

    response = client_for(cast.member).post(f"{P}/pse/new/")
    assessment = Assessment.objects.get(kind="pse")
    assert response["Location"] == f"{P}/{assessment.pk}/answers/"
    assert assessment.organisation is None and assessment.rubric_key == "pse-readiness-v1"
    page = client_for(cast.member).get(response["Location"]).content.decode()
    assert page.count('-value"') >= 16 * 4  # 16 questions with 0-3 radio buttons
    assert "2. Building trust is critical" in page


def test_the_result_has_a_radar_and_lists_the_weakest_learning_first_with_next_steps(
    cast, client_for
):
    ratings = {s.id: "3" for s in _rubric().sections} | {"build-trust": "1"}
    done = _rated(cast, ratings, dt.date(2026, 6, 1))
    assert done.score is not None and done.score > 80
    page = client_for(cast.viewer).get(f"{P}/{done.pk}/").content.decode()
    assert 'class="radar"' in page and page.count("<polygon") >= 5
    weakest = page.index("Learnings, weakest first")
    assert page.index("2. Building trust is critical", weakest) < page.index(
        "1. Understand the partner", weakest
    )
    assert "Next steps:" in page
    assert "No earlier final PSE readiness assessment" in page


def test_the_result_compares_with_the_previous_final_assessment(cast, client_for):
    low = {s.id: "1" for s in _rubric().sections}
    _rated(cast, low, dt.date(2025, 6, 1))
    better = low | {"prioritise": "3"}
    now = _rated(cast, better, dt.date(2026, 6, 1), final=False)
    page = client_for(cast.viewer).get(f"{P}/{now.pk}/").content.decode()
    assert "Compared with the previous assessment" in page
    assert "1 Jun 2025" in page
    assert "+67" in page  # prioritise: 33 -> 100
    assert 'stroke-dasharray="4 3"' in page  # the previous scores on the radar


def test_the_pse_list_shows_every_self_assessment(cast, client_for):
    _rated(cast, {s.id: "2" for s in _rubric().sections}, dt.date(2026, 1, 5))
    page = client_for(cast.viewer).get(f"{P}/pse/").content.decode()
    assert "5 Jan 2026" in page and "never sent to a company" in page
    assert "67 out of 100" in page  # every question rated 2 of 3
    assert "five lessons of USAID&#x27;s brief on engaging the private sector" in page
    assert "learnings of the brief" not in page


def test_the_overall_score_shows_its_scale(cast, client_for):
    done = _rated(cast, {s.id: "2" for s in _rubric().sections}, dt.date(2026, 1, 5))
    page = client_for(cast.viewer).get(f"{P}/{done.pk}/").content.decode()
    assert "<strong>67 out of 100</strong>" in page
    assert "Overall: 67 out of 100 (mean of 5 rated sections)" in page


def test_pse_print_and_export_work(cast, client_for):
    done = _rated(cast, {s.id: "2" for s in _rubric().sections}, dt.date(2026, 1, 5))
    client = client_for(cast.viewer)
    assert "Score per learning" in client.get(f"{P}/{done.pk}/print/").content.decode()
    assert client.get(f"{P}/{done.pk}/export.xlsx").status_code == 200


def test_pse_assessments_stay_out_of_the_portfolio(cast, client_for):
    _rated(cast, {s.id: "3" for s in _rubric().sections}, dt.date(2026, 1, 5))
    assert client_for(cast.viewer).get(f"{P}/pyramid/").context["found"].total == 0

"""Screening organisations and their key individuals against the current list versions."""

from __future__ import annotations

from typing import Any

import pytest

from partnerpath.audit.models import Change
from partnerpath.core.matching.scoring import ALGORITHM_ID
from partnerpath.screening import runs, services
from partnerpath.screening.choices import ScreeningScope, ScreeningStatus, ScreeningTrigger
from partnerpath.screening.models import Hit, Screening
from tests import factories
from tests.screening.conftest import hit_on

pytestmark = pytest.mark.django_db


def test_screening_finds_the_listed_company_and_the_listed_key_individual(
    cast: Any, listed: Any, imported_lists: Any, screen: Any
) -> None:
    screening = screen(listed.org)
    assert screening.status == ScreeningStatus.DONE
    assert (screening.done_count, screening.total_count, screening.percent_done) == (1, 1, 100)
    assert screening.algorithm == ALGORITHM_ID and screening.threshold == 0.7
    assert set(screening.list_versions.all()) == set(imported_lists)
    assert screening.task_id
    hits = {h.entity_id: h for h in screening.hits.all()}
    assert set(hits) == {"ofac-173", "ofac-6365"}
    company, person = hits["ofac-173"], hits["ofac-6365"]
    assert company.key_individual is None and company.subject == f"organisation:{listed.org.pk}"
    assert person.key_individual == listed.director
    assert person.matched_name in ("Usama BIN LADEN", "Osama BIN LADEN")
    assert all(h.score >= h.threshold and h.is_new and h.is_latest for h in hits.values())
    features = {f["feature"] for f in person.explanation}
    assert {"name_similarity", "country_agreement", "birth_date"} <= features
    assert all(f["reason"] and f["explanation"] for f in person.explanation)
    assert (screening.hit_count, screening.new_hit_count) == (2, 2)


def test_a_clean_organisation_has_no_hits(listed: Any, imported_lists: Any, screen: Any) -> None:
    screening = screen(listed.clean)
    assert screening.status == ScreeningStatus.DONE and screening.hits.count() == 0


def test_screening_all_active_organisations_leaves_inactive_ones_out(
    cast: Any, listed: Any, imported_lists: Any, screen: Any
) -> None:
    dormant = factories.organisation(cast.programme, "Aerocaribbean Airlines", is_active=False)
    screening = screen()
    assert screening.scope == ScreeningScope.ALL_ACTIVE and screening.total_count == 2
    assert set(screening.organisations.all()) == {listed.org, listed.clean}
    assert not screening.hits.filter(organisation=dormant).exists()
    assert screening.hits.count() == 2


def test_without_any_list_a_screening_finishes_with_no_hits(listed: Any, screen: Any) -> None:
    screening = screen(listed.org)
    assert screening.status == ScreeningStatus.DONE and screening.hit_count == 0


def test_a_later_screening_replaces_the_latest_hits(
    listed: Any, imported_lists: Any, screen: Any
) -> None:
    first, second = screen(listed.org), screen(listed.org)
    assert not first.hits.filter(is_latest=True).exists()
    assert second.hits.filter(is_latest=True).count() == 2


def test_a_failing_screening_is_marked_failed_with_the_reason(
    listed: Any, imported_lists: Any, screen: Any, monkeypatch: Any
) -> None:
    def broken(versions: Any) -> Any:
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(runs, "index_for", broken)
    screening = screen(listed.org)
    assert screening.status == ScreeningStatus.FAILED
    assert "index unavailable" in screening.error and screening.finished_at


def test_an_organisation_of_another_programme_cannot_be_screened_here(
    cast: Any, imported_lists: Any
) -> None:
    foreign = factories.organisation(cast.other_programme, "Anglo Caribbean Co Ltd")
    with pytest.raises(services.ScreeningRequestError):
        services.start_screening(cast.programme, organisation=foreign, user=cast.member)


def test_a_screening_runs_only_once(listed: Any, imported_lists: Any, screen: Any) -> None:
    screening = screen(listed.org)
    runs.run_screening(screening.pk)
    assert Hit.objects.filter(screening=screening).count() == 2


def test_screenings_and_hits_are_in_the_history_under_the_requester(
    cast: Any, listed: Any, imported_lists: Any, screen: Any
) -> None:
    screening = screen(listed.org)
    labels = set(
        Change.objects.filter(
            programme=cast.programme, content_type__model__in=["screening", "hit"]
        ).values_list("content_type__model", "actor_label")
    )
    assert labels == {("screening", "member"), ("hit", "member")}
    assert screening.trigger == ScreeningTrigger.REQUESTED and screening.requested_by == cast.member
    assert hit_on(screening, "ofac-173").programme == cast.programme


def test_with_the_database_queue_a_screening_waits_for_the_worker_then_runs(
    cast: Any, listed: Any, imported_lists: Any, screen: Any, settings: Any, client_for: Any
) -> None:
    from partnerpath.screening import tasks

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    screening = screen(listed.org)
    assert screening.status == ScreeningStatus.QUEUED and screening.task_id
    html = client_for(cast.viewer).get(f"/p/mekong/screening/runs/{screening.pk}/").content
    assert b"waiting for the background worker" in html and b'hx-trigger="every 2s"' in html

    # What the worker does: run the stored task with its stored arguments.
    queued = tasks.run_screening.get_result(screening.task_id)
    assert queued.status == "READY" and queued.args == [screening.pk]
    assert tasks.run_screening.call(*queued.args) == {"screened": 1, "hits": 2, "new_hits": 2}
    screening.refresh_from_db()
    assert screening.status == ScreeningStatus.DONE and screening.hit_count == 2


def test_deleting_a_screened_organisation_deletes_its_screenings_and_hits(
    cast: Any, listed: Any, imported_lists: Any, screen: Any
) -> None:
    screening = screen(listed.org)
    listed.org.delete()
    assert not Screening.objects.filter(pk=screening.pk).exists()
    assert not Hit.objects.exists()

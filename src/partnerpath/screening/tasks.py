"""Background jobs of the screening app (django-tasks; `partnerpath manage db_worker` runs them)."""

from __future__ import annotations

from django_tasks import task


@task()
def run_screening(screening_id: int) -> dict[str, int]:
    """Run a queued screening (progress is recorded on it as it goes) and report its counts."""
    from partnerpath.screening import runs

    screening = runs.run_screening(screening_id)
    return {
        "screened": screening.done_count,
        "hits": screening.hit_count,
        "new_hits": screening.new_hit_count,
    }

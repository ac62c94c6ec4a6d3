"""Real concurrency on PostgreSQL: threads, each with its own database connection, act on the
same sheet at the same moment. The service's row locks (SELECT ... FOR UPDATE on the round,
then the sheet) must make exactly one of two submits win, close the round when the last two
raters submit together, and keep every score written before its sheet was locked."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.db import connection

from tests.concurrency import race
from tests.prioritisation.conftest import fill_all, sheet

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://..., as scripts/test.sh runs it): "
        "SQLite ignores SELECT ... FOR UPDATE and locks the whole database for writes, so two "
        "transactions cannot race on it",
    ),
]
PAUSE = 0.3  # seconds each service call lingers inside its transaction, so that they overlap


def _linger(monkeypatch: Any, name: str) -> None:
    """Make a step of the scoring service pause inside its transaction before it runs."""
    from partnerpath.prioritisation.services import rounds

    original = getattr(rounds, name)

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(PAUSE)
        return original(*args, **kwargs)

    monkeypatch.setattr(rounds, name, slow)


def _scores(found: Any) -> list[tuple[int, str, int | None]]:
    from partnerpath.prioritisation.models import Score

    return list(
        Score.objects.filter(sheet=found)
        .order_by("opportunity", "factor")
        .values_list("opportunity", "factor", "score")
    )


def test_of_two_submits_of_one_sheet_at_the_same_moment_exactly_one_wins(cast, round_, monkeypatch):
    from partnerpath.audit.models import Change
    from partnerpath.prioritisation.models import RaterSheet
    from partnerpath.prioritisation.services import rounds

    mine = fill_all(round_, cast.member, {"Worker voice at sea": 4, "Shelter equipment": 2})
    before = _scores(mine)
    _linger(monkeypatch, "missing_cells")  # between reading the sheet and locking it

    def submit() -> Any:
        return rounds.submit_sheet(RaterSheet.objects.get(pk=mine.pk), cast.member)

    outcomes = race(submit, submit)
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["error", "ok"], outcomes
    (error,) = [value for kind, value in outcomes if kind == "error"]
    assert isinstance(error, rounds.ScoringError) and "already submitted" in str(error)
    (winner,) = [value for kind, value in outcomes if kind == "ok"]
    assert RaterSheet.objects.get(pk=mine.pk).submitted_at == winner.submitted_at
    submits = [
        c
        for c in Change.objects.filter(object_id=str(mine.pk), action="update")
        if "submitted_at" in c.changes and c.content_type.model == "ratersheet"
    ]
    assert len(submits) == 1
    assert _scores(mine) == before and len(before) == 45  # nothing lost


def test_when_the_last_two_raters_submit_at_once_the_round_closes(cast, round_, monkeypatch):
    from django.db.models import QuerySet

    from partnerpath.prioritisation.models import RaterSheet
    from partnerpath.prioritisation.services import rounds

    member = fill_all(round_, cast.member, {})
    reviewer = fill_all(round_, cast.reviewer, {})
    exists = QuerySet.exists

    def slow_exists(self: QuerySet[Any]) -> bool:
        # Each submit lingers around its look for sheets still open. Without the round's lock
        # both would look while the other's submit is uncommitted, and nobody would close.
        if self.model is not RaterSheet:
            return exists(self)
        time.sleep(PAUSE)
        found = exists(self)
        time.sleep(PAUSE)
        return found

    monkeypatch.setattr(QuerySet, "exists", slow_exists)
    outcomes = race(
        lambda: rounds.submit_sheet(member, cast.member),
        lambda: rounds.submit_sheet(reviewer, cast.reviewer),
    )
    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
    round_.refresh_from_db()
    assert round_.status == "closed" and round_.closed_at is not None


def test_a_save_from_a_second_tab_never_lands_after_the_submit(cast, round_, opps, monkeypatch):
    from partnerpath.prioritisation.models import RaterSheet, Score
    from partnerpath.prioritisation.services import rounds

    mine = fill_all(round_, cast.member, {})
    _linger(monkeypatch, "_write_cells")  # the second tab has read the sheet, not yet written
    cells = {"risk": rounds.Cell("5", "Changed in the second tab")}
    outcomes = race(
        lambda: rounds.save_scores(RaterSheet.objects.get(pk=mine.pk), opps[0], cells),
        lambda: rounds.submit_sheet(RaterSheet.objects.get(pk=mine.pk), cast.member),
        stagger=PAUSE / 3,  # the save starts first; the submit comes while it is writing
    )
    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
    submitted = RaterSheet.objects.get(pk=mine.pk).submitted_at
    latest = max(Score.objects.filter(sheet=mine).values_list("updated_at", flat=True))
    assert latest <= submitted  # every score was written before the sheet was locked
    risk = Score.objects.get(sheet=mine, opportunity=opps[0], factor="risk")
    assert (risk.score, risk.rationale) == (5, "Changed in the second tab")
    assert sheet(round_, cast.member).is_locked

"""Real concurrency on PostgreSQL: the company double-clicks Submit (parallel POSTs of one link).
The link's row lock must give exactly one submit, the others finding it submitted and landing on
the result page: never a 500, and the answers stored once (before the fix: [302, 500, 500, 500])."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from partnerpath.assessments import selfassess, services
from partnerpath.assessments.models import AnswerRecord, SelfAssessmentInvite
from tests import factories
from tests.assessments.conftest import indicator_ids
from tests.concurrency import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://..., as scripts/test.sh runs it): "
        "SQLite ignores SELECT ... FOR UPDATE, so two transactions cannot race on it",
    ),
]
PAUSE = 0.3  # seconds the first submit lingers inside its transaction, so that they overlap
CLICKS = 4


@pytest.fixture
def link(cast: Any, org: Any, monkeypatch: Any) -> SelfAssessmentInvite:
    original = services.refresh_result

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(PAUSE)
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "refresh_result", slow)
    return selfassess.invite(org, cast.member, factories.contact(org))


def _post(token: str, value: str) -> int:
    form = {f"{ind}-value": value for ind in indicator_ids(1)}
    return int(Client().post(f"/self-assessment/{token}/", form).status_code)


def test_a_double_click_on_submit_stores_the_answers_once_and_never_fails(link):
    values = ["met", "partly", "not_met", "unknown"][:CLICKS]
    outcomes = race(*[lambda v=v: _post(link.token, v) for v in values])
    assert outcomes == [("ok", 302)] * CLICKS
    stored = AnswerRecord.objects.filter(assessment=link.assessment)
    assert stored.count() == len(indicator_ids(1))
    assert len({a.claimed_value for a in stored}) == 1  # all from one submit


def test_two_submits_at_once_through_the_service_count_once(link):
    def submit(value: str) -> None:
        fresh = SelfAssessmentInvite.objects.select_related("assessment", "organisation").get(
            pk=link.pk
        )
        selfassess.submit(fresh, {i: {"value": value} for i in indicator_ids(1)})

    outcomes = race(lambda: submit("met"), lambda: submit("partly"))
    assert sorted(kind for kind, _ in outcomes) == ["error", "ok"]
    (error,) = [value for kind, value in outcomes if kind == "error"]
    assert isinstance(error, selfassess.LinkGone) and error.state == "submitted"
    assert AnswerRecord.objects.filter(assessment=link.assessment).count() == len(indicator_ids(1))

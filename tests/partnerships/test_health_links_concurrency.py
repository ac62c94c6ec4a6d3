"""Real concurrency on PostgreSQL: two partners answer their health-check links at the same
moment, and one link is submitted twice at once. The partnership row lock must give one check
holding both partners' ratings, and the link lock exactly one submit."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.db import connection

from partnerpath.partnerships.models import HealthCheck, HealthCheckLink, HealthRating
from partnerpath.partnerships.services import health, health_links
from tests.concurrency import race
from tests.partnerships.conftest import name_point_persons

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://..., as scripts/test.sh runs it): "
        "SQLite ignores SELECT ... FOR UPDATE, so two transactions cannot race on it",
    ),
]
PAUSE = 0.3  # seconds the first answer lingers inside its transaction, so that they overlap


@pytest.fixture
def links(cast: Any, deal: Any, monkeypatch: Any) -> list[HealthCheckLink]:
    name_point_persons(deal, cast.owner)
    deal.company.refresh_from_db()
    deal.ngo.refresh_from_db()
    original = health.new_check

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(PAUSE)
        return original(*args, **kwargs)

    monkeypatch.setattr(health, "new_check", slow)
    return health_links.ask_partners(deal.partnership, [deal.company, deal.ngo], cast.owner)


def _submit(pk: int, light: str) -> Any:
    link = HealthCheckLink.objects.select_related("partnership", "partner__organisation").get(pk=pk)
    return health_links.submit(link, [health.NewRating(link.partner, "trust", light)])


def test_two_partners_answering_at_once_share_one_check(links):
    company, ngo = links
    outcomes = race(lambda: _submit(company.pk, "green"), lambda: _submit(ngo.pk, "red"))
    assert [kind for kind, _ in outcomes] == ["ok", "ok"]
    check = HealthCheck.objects.get()
    assert sorted(check.ratings.values_list("light", flat=True)) == ["green", "red"]


def test_one_link_submitted_twice_at_once_counts_once(links):
    company, _ngo = links
    outcomes = race(lambda: _submit(company.pk, "green"), lambda: _submit(company.pk, "red"))
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["error", "ok"]
    (error,) = [value for kind, value in outcomes if kind == "error"]
    assert isinstance(error, health_links.LinkGone) and error.state == "submitted"
    assert HealthRating.objects.count() == 1

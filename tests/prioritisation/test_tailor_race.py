"""Real concurrency on PostgreSQL: the same tailoring saved twice at the same moment (a double
click, two tabs) stores one version; the other save is told nothing changed."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.db import connection

from tests.concurrency import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (DATABASE_URL=postgres://...): SQLite ignores SELECT ... FOR "
        "UPDATE, so two transactions cannot race on it",
    ),
]


def test_the_same_tailoring_saved_twice_at_once_stores_one_version(cast, monkeypatch):
    from partnerpath.prioritisation.models import ScorecardTemplateVersion
    from partnerpath.prioritisation.services import templates

    base = templates.default_template_version(cast.programme)
    original = templates._json_ready

    def slow(data: dict[str, Any]) -> dict[str, Any]:  # linger inside the transaction
        time.sleep(0.3)
        return original(data)

    monkeypatch.setattr(templates, "_json_ready", slow)

    def save() -> Any:
        return templates.tailor_version(base, cast.owner, drop=["time_horizon"])

    outcomes = race(save, save)
    kinds = sorted(kind for kind, _ in outcomes)
    assert kinds == ["error", "ok"], outcomes
    (error,) = [value for kind, value in outcomes if kind == "error"]
    assert isinstance(error, templates.TailoringError)
    assert "nothing changed: this card is already scorecard-default-v2" in str(error)
    assert ScorecardTemplateVersion.objects.filter(programme=cast.programme).count() == 2

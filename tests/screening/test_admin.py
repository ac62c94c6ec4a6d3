"""The operators' admin shows lists, versions, screenings, hits and decisions, read-only."""

from __future__ import annotations

from typing import Any

import pytest

from partnerpath.screening import services
from tests.screening.conftest import hit_on

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["watchlist", "listversion", "screening", "hit", "adjudication"])
def test_an_operator_reads_every_screening_record_but_cannot_change_it(
    cast: Any, listed: Any, imported_lists: Any, screen: Any, client: Any, model: str
) -> None:
    from partnerpath.accounts.models import User

    hit = hit_on(screen(listed.org), "ofac-173")
    services.decide(hit, "false_positive", "Other firm", cast.member)
    client.force_login(User.objects.create_superuser("operator", "op@example.org", "op-pass-1234"))
    listing = client.get(f"/admin/screening/{model}/")
    assert listing.status_code == 200
    assert client.get(f"/admin/screening/{model}/add/").status_code == 403

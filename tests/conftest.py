"""The fixed cast of every Django test: one programme with an admin (owner), a team member,
a reviewer and a viewer, plus an outsider who belongs to another programme."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@dataclass
class Cast:
    """Everyone a test needs."""

    programme: Any
    other_programme: Any
    owner: Any
    member: Any
    reviewer: Any
    viewer: Any
    outsider: Any


@pytest.fixture
def cast(db: Any) -> Cast:
    """A programme with its people, and an outsider who runs another programme."""
    from partnerpath.accounts.choices import Role
    from partnerpath.accounts.models import Membership, User
    from partnerpath.accounts.services import create_programme

    def user(name: str) -> Any:
        return User.objects.create_user(
            name, email=f"{name}@example.org", password=f"pw-{name}-secret"
        )

    owner, member, reviewer, viewer, outsider = (
        user(n) for n in ("owner", "member", "reviewer", "viewer", "outsider")
    )
    programme = create_programme("Mekong Test Programme", "mekong", owner)
    Membership.objects.create(programme=programme, user=member, role=Role.MEMBER)
    Membership.objects.create(programme=programme, user=reviewer, role=Role.REVIEWER)
    Membership.objects.create(programme=programme, user=viewer, role=Role.VIEWER)
    other = create_programme("Other Programme", "other", outsider)
    return Cast(programme, other, owner, member, reviewer, viewer, outsider)


@pytest.fixture
def client_for(client: Any) -> Any:
    """A function that logs the Django test client in as a given user."""

    def login(user: Any) -> Any:
        client.force_login(user)
        return client

    return login


@pytest.fixture
def shared_data() -> Path:
    """The shared real-data folder, or skip with a clear message when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder {SHARED_DATA} is absent; this test needs ../shared/data")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> None:
    """Uploaded files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _demo_without_real_lists(monkeypatch: Any, tmp_path: Path) -> None:
    """The demo loader imports the real watch lists and reference data when ../shared/data is
    there (seconds each time); tests load the demo without them, except those that ask for it
    (tests/test_demo_diligence.py passes the folder explicitly)."""
    from partnerpath import demo_diligence

    monkeypatch.setattr(demo_diligence, "SHARED_DATA", tmp_path / "no-shared-data")

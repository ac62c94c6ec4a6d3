"""Programme settings: new programmes take STALE_AFTER_DAYS; admins change the name, description
and the "not contacted for" days on a page of their own, each change in the history, and the
dashboard follows."""

from __future__ import annotations

import pytest

from partnerpath.accounts.models import Programme, User
from partnerpath.accounts.services import create_programme
from partnerpath.audit.models import Change
from partnerpath.audit.services import history_of
from tests import factories

pytestmark = pytest.mark.django_db
URL = "/accounts/p/mekong/settings/"


def test_a_new_programme_takes_the_stale_after_days_setting(settings):
    settings.STALE_AFTER_DAYS = 90
    admin = User.objects.create_user("lead")
    assert create_programme("Delta Programme", "delta", admin).stale_after_days == 90


def test_an_admin_changes_the_days_and_the_history_and_dashboard_follow(cast, client_for):
    factories.organisation(cast.programme, "Quiet Co")  # never contacted
    client = client_for(cast.owner)
    assert client.get(URL).status_code == 200
    response = client.post(
        URL, {"name": "Mekong Programme", "description": "Phase 2", "stale_after_days": "45"}
    )
    assert response.status_code == 302
    programme = Programme.objects.get(slug="mekong")
    assert (programme.name, programme.stale_after_days) == ("Mekong Programme", 45)
    change = history_of(programme).first()
    assert change.actor == cast.owner
    assert change.changes["stale_after_days"] == {"old": 180, "new": 45}
    board = client.get("/p/mekong/").context["board"]
    assert board.stale_after_days == 45
    assert "Not contacted for more than 45 days" in client.get("/p/mekong/").content.decode()


@pytest.mark.parametrize("days", ["0", "-3", "abc", "4000"])
def test_a_wrong_number_of_days_is_explained_and_nothing_changes(cast, client_for, days):
    before = Change.objects.count()
    response = client_for(cast.owner).post(
        URL, {"name": "Mekong Test Programme", "stale_after_days": days}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["stale_after_days"]
    assert Programme.objects.get(slug="mekong").stale_after_days == 180
    assert Change.objects.count() == before


@pytest.mark.parametrize("role", ["member", "reviewer", "viewer"])
def test_only_admins_change_settings(cast, client_for, role):
    client = client_for(getattr(cast, role))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"name": "X", "stale_after_days": "1"}).status_code == 403
    assert Programme.objects.get(slug="mekong").stale_after_days == 180


def test_an_outsider_gets_404(cast, client_for):
    assert client_for(cast.outsider).get(URL).status_code == 404
